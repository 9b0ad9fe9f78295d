"""MENTIONS kept beside the graph (graph.mentions.MentionIndex, what the app reads) answer
every analysis and view exactly as MENTIONS edges do.

The stores' two reads of the same data are compared: read_graph(mention_evidence=False),
MENTIONS as edges, and read_graph(mention_index=True), MENTIONS in the index.  The store
read itself is checked on both backends (Neo4j when NEO4J_TEST_URI is set)."""
from __future__ import annotations

import datetime

import pytest

from graph import briefs, gaps, involvement, mentions, views
from graph.contact_rounds import rank
from graph.model import DocumentGraph
from loaders.ingest import SAMPLES, ensure_reference, ingest_paths
from loaders.reference import municipalities

TODAY = datetime.date(2023, 9, 1)


def _edges(g, *, mention_evidence=True):
    return sorted((u, v, k, tuple(sorted((x, y) for x, y in a.items() if mention_evidence or x != "evidence"
                                         or a.get("type") != "MENTIONS")))
                  for u, v, k, a in g.edges(keys=True, data=True))


@pytest.fixture(scope="module")
def seeded(tmp_path_factory, store_opener):
    store = store_opener("embedded", tmp_path_factory.mktemp("mentions"))
    ensure_reference(store)
    report = ingest_paths(store, [SAMPLES / "taskforce-2023-04-12.txt", SAMPLES / "contacts.csv"])
    assert report.ok, report.summary()
    edges = store.read_graph(mention_evidence=False)
    indexed = store.read_graph(mention_index=True)
    yield store, edges, indexed
    store.close()


def test_the_index_holds_every_mention_and_the_graph_none(seeded):
    _store, edges, indexed = seeded
    n = sum(1 for *_, a in edges.edges(data=True) if a["type"] == "MENTIONS")
    assert n > 100
    assert mentions.mention_count(indexed) == n
    assert not any(a["type"] == "MENTIONS" for *_, a in indexed.edges(data=True))
    assert mentions.relationship_count(indexed) == edges.number_of_edges()
    assert _edges(indexed) == [e for e in _edges(edges) if ("type", "MENTIONS") not in e[3]]
    assert dict(indexed.nodes(data=True)) == dict(edges.nodes(data=True))
    assert "MENTIONS" in indexed.graph["without_evidence"]


def test_each_node_has_the_same_mentions_neighbours_and_degree(seeded):
    _store, edges, indexed = seeded
    for nid in edges.nodes:
        assert sorted(mentions.mentioning(indexed, nid)) == sorted(mentions.mentioning(edges, nid))
        assert sorted(mentions.mentioned_by(indexed, nid)) == sorted(mentions.mentioned_by(edges, nid))
        assert mentions.neighbours(indexed, nid) == set(edges.predecessors(nid)) | set(edges.successors(nid))
        assert mentions.degree(indexed, nid) == edges.degree(nid)


def test_views_are_the_same(seeded):
    _store, edges, indexed = seeded
    for nid in edges.nodes:
        a, b = views.entity_view(edges, nid), views.entity_view(indexed, nid)
        assert a == b, nid
        assert _edges(views.neighbourhood(indexed, nid, 1)) == _edges(views.neighbourhood(edges, nid, 1))
    for r in views.regions(edges):
        assert views.region_scope(indexed, r["id"]) == views.region_scope(edges, r["id"])
    for types in (None, ["MENTIONS"], ["ATTENDED", "MENTIONS"], ["ALDERMAN_OF"]):
        assert _edges(views.filter_graph(indexed, types=types)) == _edges(views.filter_graph(edges, types=types))
    docs = [{"id": n, **d} for n, d in edges.nodes(data=True) if d["label"] == "Document"]
    assert views.document_rows(indexed, docs) == views.document_rows(edges, docs)


def test_analyses_are_the_same(seeded):
    store, edges, indexed = seeded
    reference = municipalities()
    assert gaps.report(indexed, reference) == gaps.report(edges, reference)
    assert involvement.source_documents(indexed) == involvement.source_documents(edges)
    for nid in edges.nodes:
        assert involvement.documents_mentioning(indexed, nid) == involvement.documents_mentioning(edges, nid)
    assert rank(indexed, TODAY) == rank(edges, TODAY)
    for m in ("municipality:venlo", "municipality:sittard-geleen", "municipality:weert"):
        a = briefs.visit_brief(edges, m, today=TODAY, sentences=store.mention_evidence)
        b = briefs.visit_brief(indexed, m, today=TODAY, sentences=store.mention_evidence)
        assert briefs.brief_markdown(a) == briefs.brief_markdown(b)
        assert briefs.quotes_about(indexed, [m], store.mention_evidence) == \
            briefs.quotes_about(edges, [m], store.mention_evidence)


def test_add_mentions_puts_back_those_between_the_nodes_given(seeded):
    _store, edges, indexed = seeded
    doc = "document:taskforce-2023-04-12"
    named = [e for e, _k, _a in mentions.mentioned_by(edges, doc)][:5]
    sub = mentions.add_mentions(indexed.subgraph([doc, *named]).copy(), indexed)
    assert _edges(sub) == _edges(edges.subgraph([doc, *named]), mention_evidence=False)


def test_the_store_reads_the_index_as_moving_the_edges_would(store):
    dg = DocumentGraph()
    doc = dg.add_node("Document", "Verslag", id="document:v", kind="minutes", path="v.txt", sha256="0" * 64)
    venlo = dg.add_node("Municipality", "Venlo", cbs_code="GM0983")
    lltb = dg.add_node("Organisation", "LLTB")
    for n, ev in ((venlo, "Venlo doet mee."), (lltb, "De LLTB is aangehaakt.")):
        dg.add_rel("MENTIONS", doc, n, source=doc.id, evidence=ev)
    dg.add_rel("COLLABORATES_WITH", venlo, lltb, source=doc.id, evidence="Venlo werkt samen met de LLTB.")
    store.write_document(dg, doc.id)
    read = store.read_graph(mention_index=True)
    moved = mentions.move_to_index(store.read_graph(mention_evidence=False))
    assert _edges(read) == _edges(moved)
    for nid in ("municipality:venlo", "organisation:lltb", "document:v"):
        assert sorted(mentions.mentioning(read, nid)) == sorted(mentions.mentioning(moved, nid))
        assert sorted(mentions.mentioned_by(read, nid)) == sorted(mentions.mentioned_by(moved, nid))
    assert mentions.mention_count(read) == 2
    # a read of some labels only keeps the mentions between nodes it read
    part = store.read_graph(labels=["Document", "Municipality"], mention_index=True)
    assert [d for d, _k, _a in mentions.mentioning(part, "municipality:venlo")] == ["document:v"]
    assert mentions.mentioning(part, "organisation:lltb") == []


def test_an_empty_store_reads_an_empty_index(store):
    g = store.read_graph(mention_index=True)
    assert mentions.mention_count(g) == 0
    assert mentions.mentioning(g, "municipality:venlo") == []
