"""`python -m graph export` and `python -m graph stats` over a real embedded store holding
the reference data and the seed minutes."""
from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import networkx as nx
import pytest

from graph.cli import main as graph_main
from graph.export import cypher_string, graph_from_networkx, iter_cypher, to_cypher
from graph.model import DocumentGraph
from graph.stores.open import open_store
from loaders.ingest import ingest_paths

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "samples" / "taskforce-2023-04-12.txt"

NASTY = [
    "O'Brien",
    'Jan "de Wit"',
    "back\\slash \\' and \\\\ two",
    "quote at the end '",
    "'); MATCH (n) DETACH DELETE n; //",
    "line\nbreak\ttab\rreturn",
    "nul\x00char and \x1b escape",
    "’t Hoen — Ümit, Œuvre",
    "\\",
]


@pytest.fixture(scope="module")
def store_setting(tmp_path_factory):
    """One store for the module: reference data + the seed (written once, read by each test)."""
    tmp = tmp_path_factory.mktemp("export")
    docs = tmp / "docs"
    docs.mkdir()
    shutil.copy(SEED, docs / SEED.name)
    setting = f"embedded:{tmp / 'graph'}"
    with open_store(setting) as store:
        report = ingest_paths(store, [docs])
        assert report.ok, [o.line() for o in report.outcomes]
    return setting


@pytest.fixture
def graph(store_setting):
    with open_store(store_setting) as store:
        return store.read_graph()


def run(argv, capsys):
    code = graph_main(argv)
    out = capsys.readouterr()
    return code, out.out, out.err


def test_json_export_round_trips_to_the_same_graph(store_setting, graph, capsys, tmp_path):
    target = tmp_path / "graph.json"
    code, _out, err = run(["export", "--format", "json", "--store", store_setting, "-o", str(target)], capsys)
    assert code == 0, err
    data = json.loads(target.read_text(encoding="utf-8"))
    assert set(data) == {"nodes", "relationships"}
    back = DocumentGraph.from_export(data)
    assert back.to_export() == graph_from_networkx(graph).to_export()
    assert len(back.nodes) == graph.number_of_nodes() and len(back.rels) == graph.number_of_edges()
    assert {r["type"] for r in data["relationships"]} >= {"IN_REGION", "ALDERMAN_OF", "MENTIONS"}
    # nothing lost on the way: exactly the reference data and the seed's extraction
    from loaders.pipeline import extract_path
    from loaders.reference import reference_graph

    loaded = reference_graph().merge(extract_path(SEED))
    assert set(back.nodes) == set(loaded.nodes) and set(back.rels) == set(loaded.rels)
    assert f"{len(back.nodes)} nodes" in err


def test_json_export_to_stdout_is_the_contract_export(store_setting, graph, capsys):
    code, out, _err = run(["export", "--store", store_setting], capsys)
    assert code == 0
    assert json.loads(out) == graph_from_networkx(graph).to_export()


def test_graphml_is_readable_by_networkx_with_lists_kept(store_setting, graph, capsys, tmp_path):
    target = tmp_path / "graph.graphml"
    code, _out, err = run(["export", "--format", "graphml", "--store", store_setting, "-o", str(target)], capsys)
    assert code == 0, err
    back = nx.read_graphml(target, force_multigraph=True)
    assert back.number_of_nodes() == graph.number_of_nodes()
    assert back.number_of_edges() == graph.number_of_edges()
    for nid, data in graph.nodes(data=True):
        assert back.nodes[nid]["label"] == data["label"]
        assert back.nodes[nid]["name"] == data["name"]
        assert json.loads(back.nodes[nid]["aliases"]) == list(data["aliases"])
    some_alias = next(n for n, d in graph.nodes(data=True) if d["aliases"])
    assert json.loads(back.nodes[some_alias]["aliases"])
    u, v, k, d = next(iter(graph.edges(keys=True, data=True)))
    assert back.edges[u, v, k]["type"] == d["type"] and back.edges[u, v, k]["source"] == d["source"]


def test_gexf_is_readable_by_networkx_and_labels_nodes_by_name(store_setting, graph, capsys, tmp_path):
    target = tmp_path / "graph.gexf"
    code, _out, err = run(["export", "--format", "gexf", "--store", store_setting, "-o", str(target)], capsys)
    assert code == 0, err
    back = nx.read_gexf(target)
    assert back.number_of_nodes() == graph.number_of_nodes()
    assert back.number_of_edges() == graph.number_of_edges()
    assert back.nodes["municipality:beek"]["label"] == "Beek"
    assert back.nodes["municipality:beek"]["type"] == "Municipality"
    assert {d["rel_type"] for _u, _v, d in back.edges(data=True)} == {d["type"] for *_x, d in graph.edges(data=True)}


def _nasty_graph() -> DocumentGraph:
    g = DocumentGraph()
    doc = "document:nasty"
    g.add_node("Document", "nasty", id=doc, kind="minutes", path="C:\\minutes\\it's.txt", sha256="0" * 64)
    beek = g.add_node("Municipality", "Beek", cbs_code="GM0888")
    for i, name in enumerate(NASTY):
        p = g.add_node("Person", name, id=f"person:nasty-{i}", aliases=[name + " (alias)", "a, b"], title="wethouder")
        g.add_rel("ALDERMAN_OF", p, beek, source=doc, evidence=f"wethouder {name} van Beek")
        g.add_rel("MENTIONS", doc, p, source=doc, evidence=name)
    return g


@pytest.mark.parametrize("text", NASTY)
def test_cypher_string_literal_reads_back_as_the_same_text(text):
    """A Cypher engine (the embedded one speaks the same string-literal escapes as Neo4j)
    reads each literal back as exactly the text, so no name can end a literal early."""
    import ladybug

    conn = ladybug.Connection(ladybug.Database(":memory:"))
    result = conn.execute(f"RETURN {cypher_string(text)} AS s")
    assert result.get_next()[0] == text


def test_cypher_script_recreates_the_graph_with_every_string_escaped(tmp_path):
    """Run the script's statements on an empty database with the stores' schema (Neo4j's
    constraint statements aside) and read every name, alias and evidence back unchanged."""
    import ladybug

    from graph.stores.schema import kuzu_ddl

    g = _nasty_graph()
    script = to_cypher(g.to_networkx())
    statements = [s for s in script.splitlines() if s and not s.startswith("//")]
    assert all(s.endswith(";") for s in statements)
    conn = ladybug.Connection(ladybug.Database(str(tmp_path / "db")))
    for _name, ddl in kuzu_ddl():
        conn.execute(ddl)
    for s in statements:
        if not s.startswith("CREATE CONSTRAINT"):
            conn.execute(s)
    res = conn.execute("MATCH (p:Person) RETURN p.id, p.name, p.aliases ORDER BY p.id")
    rows = []
    while res.has_next():
        rows.append(res.get_next())
    people = {n.id: n for n in g.nodes.values() if n.label == "Person"}
    assert {r[0]: (r[1], r[2]) for r in rows} == {i: (n.name, n.aliases) for i, n in people.items()}
    assert "O'Brien" in {r[1] for r in rows} and "\\" in {r[1] for r in rows}
    res = conn.execute("MATCH (:Person)-[r:ALDERMAN_OF]->(:Municipality) RETURN r.evidence, r.source, r.key")
    got = []
    while res.has_next():
        got.append(res.get_next())
    assert sorted(r[0] for r in got) == sorted(r.props["evidence"] for r in g.rels.values() if r.type == "ALDERMAN_OF")
    assert {r[2] for r in got} == {r.key() for r in g.rels.values() if r.type == "ALDERMAN_OF"}
    res = conn.execute("MATCH (d:Document) RETURN d.path")
    assert res.get_next()[0] == "C:\\minutes\\it's.txt"


def test_cypher_script_twice_changes_nothing(tmp_path):
    import ladybug

    from graph.stores.schema import kuzu_ddl

    statements = [s for s in iter_cypher(_nasty_graph().to_networkx())
                  if s and not s.startswith(("//", "CREATE CONSTRAINT"))]
    conn = ladybug.Connection(ladybug.Database(str(tmp_path / "db")))
    for _name, ddl in kuzu_ddl():
        conn.execute(ddl)

    def count():
        n = conn.execute("MATCH (n) RETURN count(n)").get_next()[0]
        r = conn.execute("MATCH ()-[r]->() RETURN count(r)").get_next()[0]
        return n, r

    for s in statements:
        conn.execute(s)
    first = count()
    for s in statements:
        conn.execute(s)
    assert count() == first == (len(NASTY) + 2, 2 * len(NASTY))


@pytest.mark.skipif(not os.environ.get("NEO4J_TEST_URI"), reason="NEO4J_TEST_URI not set: no Neo4j server to run the script on")
def test_cypher_script_runs_on_neo4j():
    from neo4j import GraphDatabase

    g = _nasty_graph()
    uri = os.environ["NEO4J_TEST_URI"]
    auth = (os.environ.get("NEO4J_USER", "neo4j"), os.environ.get("NEO4J_PASSWORD", ""))
    with GraphDatabase.driver(uri, auth=auth) as driver:
        db = os.environ.get("NEO4J_DATABASE") or None
        driver.execute_query("MATCH (n) WHERE n.id STARTS WITH 'person:nasty-' OR n.id = 'document:nasty' "
                             "DETACH DELETE n", database_=db)
        for s in iter_cypher(g.to_networkx()):
            if not s.startswith("//"):
                driver.execute_query(s, database_=db)
        records, _, _ = driver.execute_query(
            "MATCH (p:Person) WHERE p.id STARTS WITH 'person:nasty-' RETURN p.name AS name", database_=db)
        assert {r["name"] for r in records} == {n.name for n in g.nodes.values() if n.label == "Person"}
        driver.execute_query("MATCH (n) WHERE n.id STARTS WITH 'person:nasty-' OR n.id = 'document:nasty' "
                             "DETACH DELETE n", database_=db)


def test_stats_table_and_json(store_setting, graph, capsys):
    code, out, _ = run(["stats", "--store", store_setting, "--format", "json"], capsys)
    assert code == 0
    stats = json.loads(out)
    assert stats["nodes"] == graph.number_of_nodes()
    assert stats["relationships"] == graph.number_of_edges()
    assert stats["labels"]["Municipality"] == sum(1 for _n, d in graph.nodes(data=True) if d["label"] == "Municipality")
    assert "document:taskforce-2023-04-12" in {d["id"] for d in stats["documents"]}
    code, out, _ = run(["stats", "--store", store_setting], capsys)
    assert code == 0
    assert "Municipality" in out and "IN_REGION" in out and "document:taskforce-2023-04-12" in out


def test_export_names_the_problem_when_the_output_cannot_be_written(store_setting, capsys, tmp_path):
    code, _out, err = run(["export", "--store", store_setting, "-o", str(tmp_path / "no" / "such" / "dir.json")], capsys)
    assert code == 1
    assert "dir.json" in err and len(err.strip().splitlines()) == 1
