"""`python -m graph query` and `python -m graph queries` on a real embedded store holding the
seed minutes: the three formats, typed parameters, the limits said in the output, and
refusals (writes, several statements, file access) with a clear message, a non-zero exit
and the store unchanged."""
from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys

import pytest

from graph.cli import main
from graph.saved_queries import load_queries
from tests.queries_data import ROOT, copy_store, seeded_store_file


@pytest.fixture(scope="session")
def setting(tmp_path_factory):
    return f"embedded:{seeded_store_file(tmp_path_factory.mktemp('queries'))}"


@pytest.fixture(scope="session")
def held(setting):
    """Keep one handle open for the session: every in-process command shares it."""
    from graph.stores.open import open_store

    store = open_store(setting)
    yield store
    store.close()


def cli(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_saved_query_as_a_table_says_its_limits(capsys, setting, held):
    code, out, err = cli(capsys, "query", "--saved", "aldermen", "--store", setting)
    assert code == 0, err
    assert "Diederen" in out and "Sittard-Geleen" in out and "Van Reij" in out
    assert out.rstrip().endswith("5 rows · row limit 1000 · time limit 10 s")


def test_saved_query_as_json_and_csv(capsys, setting, held):
    code, out, err = cli(capsys, "query", "--saved", "aldermen", "--store", setting, "--format", "json")
    assert code == 0
    data = json.loads(out)
    assert {(r["alderman"], r["municipality"]) for r in data["rows"]} >= {("Geilen", "Sittard-Geleen"), ("Bouten", "Horst aan de Maas")}
    assert data["limit"] == 1000 and data["timeout_s"] == 10 and data["truncated"] is False
    assert "5 rows" in err  # the limits line goes to stderr, stdout stays pure JSON
    code, out, _ = cli(capsys, "query", "--saved", "aldermen", "--store", setting, "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert code == 0 and len(rows) == 5 and rows[0].keys() >= {"alderman", "municipality", "region"}


def test_parameters_are_typed_by_the_header(capsys, setting, held):
    code, out, _ = cli(capsys, "query", "--saved", "aldermen", "--param", "region=Noord-Limburg",
                       "--store", setting, "--format", "json")
    assert code == 0 and [r["alderman"] for r in json.loads(out)["rows"]] == ["Bouten"]
    code, out, _ = cli(capsys, "query", "--saved", "co-mentioned", "--param", "top=3", "--store", setting,
                       "--format", "json")
    assert code == 0 and len(json.loads(out)["rows"]) == 3  # "3" became the int 3
    code, _, err = cli(capsys, "query", "--saved", "co-mentioned", "--param", "top=three", "--store", setting)
    assert code == 2 and "top: 'three' is not a whole number" in err
    code, _, err = cli(capsys, "query", "--saved", "aldermen", "--param", "gemeente=Beek", "--store", setting)
    assert code == 2 and "unknown parameter gemeente" in err and "region" in err


def test_ad_hoc_statement_with_a_parameter(capsys, setting, held):
    code, out, err = cli(capsys, "query", "MATCH (p:Person)-[:ALDERMAN_OF]->(m:Municipality) WHERE m.name = $m "
                                          "RETURN DISTINCT p.name AS alderman", "--param", "m=Beek", "--store", setting)
    assert code == 0, err
    assert "Diederen" in out and "1 row" in out
    code, _, err = cli(capsys, "query", "MATCH (m:Municipality) WHERE m.name = $m RETURN m", "--store", setting)
    assert code == 2 and "$m" in err


def test_row_limit_is_said_when_reached(capsys, setting, held):
    code, out, _ = cli(capsys, "query", "MATCH (m:Municipality) RETURN m.name ORDER BY m.name", "--limit", "2",
                       "--store", setting)
    assert code == 0
    assert "2 rows shown: the row limit (2) was reached" in out
    assert out.count("\n") < 10


def test_time_limit_stops_a_long_query(capsys, setting, held):
    # 31^5 rows, a string built for each: seconds of work in constant memory
    slow = ("MATCH (a:Municipality), (b:Municipality), (c:Municipality), (d:Municipality), (e:Municipality) "
            "WHERE (a.name + b.name + c.name + d.name + e.name) CONTAINS 'zzz' RETURN count(*)")
    code, _, err = cli(capsys, "query", slow, "--timeout", "0.3", "--store", setting)
    assert code == 1 and "time limit" in err


def test_syntax_error_names_its_position(capsys, setting, held):
    code, _, err = cli(capsys, "query", "MATCH (n:Person RETURN n", "--store", setting)
    assert code == 1
    assert "at line 1, column 17:\nMATCH (n:Person RETURN n\n                ^" in err
    code, _, err = cli(capsys, "query", "MATCH (n:Person)\nWHERE n.nme = 'x'\nRETURN n", "--store", setting)
    assert code == 1 and "nme" in err and "at line 2, column 9" in err


ESCAPES = [
    "MATCH (n) DETACH DELETE n",
    "RETURN 1; COMMIT; MATCH (n) DETACH DELETE n",
    "RETURN 1; ROLLBACK; CREATE (:Person {id: 'person:x', name: 'x'})",
    "MATCH (p:Person) SET p.name = 'x' RETURN p",
    "CREATE (:Person {id: 'person:intruder', name: 'Intruder'})",
    "COPY (MATCH (p:Person) RETURN p.name) TO '{out}'",
    "LOAD FROM '/etc/passwd' RETURN *",
    "DROP TABLE Person",
    "CALL apoc.periodic.iterate('MATCH (n) RETURN n', 'DETACH DELETE n', {})",
    "INSTALL httpfs",
    "ATTACH '{out}' AS other (dbtype lbug)",
]


@pytest.mark.parametrize("statement", ESCAPES)
def test_refusals_exit_non_zero_and_leave_the_store_unchanged(capsys, setting, held, tmp_path, statement):
    out_file = tmp_path / "leak.csv"
    before = held.counts()
    code, out, err = cli(capsys, "query", statement.replace("{out}", str(out_file)), "--store", setting)
    assert code == 3, err
    assert "refused, nothing was run" in err and out == ""
    assert held.counts() == before
    assert not out_file.exists()


def test_an_unknown_saved_query_or_both_kinds_at_once(capsys, setting, held):
    code, _, err = cli(capsys, "query", "--saved", "wethouders", "--store", setting)
    assert code == 2 and "no saved query 'wethouders'" in err and "aldermen" in err
    code, _, err = cli(capsys, "query", "RETURN 1", "--saved", "aldermen", "--store", setting)
    assert code == 2 and "not both" in err


def test_queries_lists_every_saved_query(capsys):
    code, out, _ = cli(capsys, "queries")
    assert code == 0
    for q in load_queries():
        assert q.name in out and q.title in out
    code, out, _ = cli(capsys, "queries", "--format", "json")
    data = json.loads(out)
    assert {q["name"] for q in data} == {q.name for q in load_queries()}
    assert all(q["writes"] is False and q["text"] for q in data)


def test_queries_shows_one_in_full_with_both_texts(capsys):
    code, out, _ = cli(capsys, "queries", "paths-between")
    assert code == 0
    assert "--param from_entity=" in out and "string, default \"Kennisambassadeur\"" in out
    assert "-- text (embedded store) --" in out and "* ALL SHORTEST" in out
    assert "-- text (Neo4j) --" in out and "allShortestPaths(" in out
    code, out, _ = cli(capsys, "queries", "aldermen")
    assert "-- text (both backends) --" in out and "-- text (Neo4j) --" not in out


def test_the_real_entry_point_in_a_subprocess(tmp_path_factory, setting):
    path = copy_store(tmp_path_factory.mktemp("queries"), tmp_path_factory.mktemp("cli"))
    env = {k: v for k, v in os.environ.items() if k != "GRAPH_STORE"}
    env["GRAPH_STORE"] = f"embedded:{path}"  # the setting from the environment
    proc = subprocess.run([sys.executable, "-m", "graph", "query", "--saved", "project-partners", "--param",
                           "project=TRAM", "--format", "csv"], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    rows = list(csv.DictReader(io.StringIO(proc.stdout)))
    assert ("declined", "Provincie Limburg") in {(r["relation"], r["party"]) for r in rows}
    refused = subprocess.run([sys.executable, "-m", "graph", "query", "MATCH (n) DETACH DELETE n"], cwd=ROOT,
                             env=env, capture_output=True, text=True, timeout=120)
    assert refused.returncode == 3 and "refused" in refused.stderr


def test_result_graph_keeps_every_relationship_and_reads_paths_both_ways():
    from graph.query_results import cell_text, result_graph
    from graph.stores.base import QueryResult

    rel = {"_type": "ALDERMAN_OF", "_start": "person:diederen", "_end": "municipality:beek", "key": "k1",
           "source": "document:x"}
    result = QueryResult(columns=["r", "again"], rows=[[rel, rel]])
    g = result_graph(result)
    assert g.nodes["municipality:beek"]["label"] == "Municipality" and g.number_of_edges() == 1
    assert result_graph(QueryResult(columns=["n"], rows=[[1]])) is None
    a = {"_label": "Person", "_id": "person:a", "name": "A"}
    b = {"_label": "Person", "_id": "person:b", "name": "B"}
    backwards = {"_nodes": [a, b], "_rels": [{"_type": "CONTACT", "_start": "person:b", "_end": "person:a"}]}
    assert cell_text(backwards) == "A <-[CONTACT]- B"
