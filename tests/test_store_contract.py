"""One contract suite, run on every backend (the `store` fixture in conftest.py): what
the app, the analyses and the saved queries may rely on, whichever store is behind it."""
from __future__ import annotations

import networkx as nx
import pytest

from graph.model import DocumentGraph
from graph.stores.base import QueryRefused, StoreError

DOC_A = "document:taskforce-2023-04-12"
DOC_B = "document:taskforce-2023-06-07"
TRICKY = "O'Brien \"Bob\" <script>alert(1)</script> back\\slash; DROP"


def minutes_a(version: int = 1) -> DocumentGraph:
    """A small Taskforce meeting: who attended, an alderman, a planned contact."""
    g = DocumentGraph()
    doc = g.add_node("Document", "taskforce-2023-04-12", kind="minutes", date="2023-04-12",
                     path="/minutes/taskforce-2023-04-12.txt", sha256=f"sha-a{version}")
    meeting = g.add_node("Meeting", "Taskforce 2023-04-12", date="2023-04-12", location="Venlo")
    body = g.add_node("Body", "Taskforce Internationale Werknemers", aliases=["Taskforce"])
    beek = g.add_node("Municipality", "Beek", cbs_code="GM0888", province="Limburg")
    horst = g.add_node("Municipality", "Horst aan de Maas", cbs_code="GM1507")
    alderman = g.add_node("Person", "Diederen", title="wethouder", redacted=False, aliases=["D. Diederen"])
    ambassador = g.add_node("Person", "Kennisambassadeur", redacted=True)
    lltb = g.add_node("Organisation", "LLTB", acronym="LLTB", kind="employers")
    src = dict(source=doc.id)
    g.add_rel("ALDERMAN_OF", alderman, beek, evidence="wethouder Diederen (gemeente Beek)", **src)
    g.add_rel("MEETING_OF", meeting, body, evidence="Taskforce Internationale Werknemers", **src)
    g.add_rel("HELD_IN", meeting, horst, evidence="in Horst", **src)
    for party in (alderman, ambassador, lltb):
        g.add_rel("ATTENDED", party, meeting, evidence="Aanwezig: ...", **src)
    if version == 1:
        g.add_rel("CONTACT", ambassador, alderman, evidence="De kennisambassadeur maakt een afspraak met Diederen.",
                  kind="appointment", status="planned", date="2023-04-24", **src)
    else:
        newcomer = g.add_node("Person", "Jacobs", title="wethouder")
        g.add_rel("ATTENDED", newcomer, meeting, evidence="Aanwezig: Jacobs", **src)
    for node in list(g.nodes.values()):
        if node.id != doc.id:
            g.add_rel("MENTIONS", doc, node, evidence="", **src)
    return g


def minutes_b() -> DocumentGraph:
    """A second meeting sharing Beek and Diederen (with another alias) with minutes_a."""
    g = DocumentGraph()
    doc = g.add_node("Document", "taskforce-2023-06-07", kind="minutes", date="2023-06-07",
                     path="/minutes/taskforce-2023-06-07.txt", sha256="sha-b")
    meeting = g.add_node("Meeting", "Taskforce 2023-06-07", date="2023-06-07")
    beek = g.add_node("Municipality", "Beek", cbs_code="GM0888")
    alderman = g.add_node("Person", "Diederen", aliases=["Dhr. Diederen"])
    tricky = g.add_node("Organisation", TRICKY)
    src = dict(source=doc.id)
    g.add_rel("ALDERMAN_OF", alderman, beek, evidence="wethouder Diederen", **src)
    g.add_rel("ATTENDED", alderman, meeting, evidence="Aanwezig", **src)
    g.add_rel("ATTENDED", tricky, meeting, evidence=f"Aanwezig: {TRICKY}", **src)
    for node in (meeting, beek, alderman, tricky):
        g.add_rel("MENTIONS", doc, node, evidence="", **src)
    return g


def nonzero(counts: dict) -> dict:
    return {k: v for part in ("labels", "types") for k, v in counts[part].items() if v}


def edge_set(g) -> set:
    return {(u, v, k, tuple(sorted(d.items()))) for u, v, k, d in g.edges(keys=True, data=True)}


def test_counts_name_every_contract_label_and_type(store):
    from graph.contract import LABELS, REL_TYPES

    c = store.counts()
    assert set(c["labels"]) == set(LABELS) and set(c["types"]) == set(REL_TYPES)
    assert nonzero(c) == {}


def test_write_then_counts(store):
    res = store.write_document(minutes_a(), DOC_A)
    assert res.changed and res.nodes_added == 8 and res.rels_added == 14
    assert nonzero(store.counts()) == {
        "Document": 1, "Meeting": 1, "Body": 1, "Municipality": 2, "Person": 2, "Organisation": 1,
        "ALDERMAN_OF": 1, "MEETING_OF": 1, "HELD_IN": 1, "ATTENDED": 3, "CONTACT": 1, "MENTIONS": 7}


def test_read_graph_has_the_documented_networkx_shape(store):
    g = minutes_a()
    store.write_document(g, DOC_A)
    got, want = store.read_graph(), g.to_networkx()
    assert isinstance(got, nx.MultiDiGraph)
    assert dict(got.nodes(data=True)) == dict(want.nodes(data=True))
    assert edge_set(got) == edge_set(want)
    contact = [d for _, _, d in got.edges(data=True) if d["type"] == "CONTACT"][0]
    assert contact == {"type": "CONTACT", "source": DOC_A, "kind": "appointment", "status": "planned",
                       "date": "2023-04-24",
                       "evidence": "De kennisambassadeur maakt een afspraak met Diederen."}
    assert got.nodes["person:kennisambassadeur"]["redacted"] is True


def test_filtered_reads(store):
    store.write_document(minutes_a(), DOC_A)
    people_places = store.read_graph(labels=["Person", "Municipality"])
    assert {d["label"] for _, d in people_places.nodes(data=True)} == {"Person", "Municipality"}
    assert {d["type"] for _, _, d in people_places.edges(data=True)} == {"ALDERMAN_OF", "CONTACT"}
    contacts = store.read_graph(types=["CONTACT"])
    assert contacts.number_of_nodes() == 8
    assert [d["type"] for _, _, d in contacts.edges(data=True)] == ["CONTACT"]
    with pytest.raises(StoreError, match="unknown label 'Alderman'"):
        store.read_graph(labels=["Alderman"])


def with_mention_sentences(g: DocumentGraph) -> DocumentGraph:
    """The same graph with a sentence on every MENTIONS (minutes_a leaves them empty)."""
    out = DocumentGraph()
    for n in g.nodes.values():
        out.add_node(n.label, n.name, id=n.id, aliases=n.aliases, **n.props)
    for r in g.rels.values():
        props = dict(r.props)
        if r.type == "MENTIONS":
            props["evidence"] = f"Sentence naming {g.nodes[r.end].name}."
        out.add_rel(r.type, r.start, r.end, **props)
    return out


def test_reading_without_mention_sentences_and_fetching_them(store):
    g = with_mention_sentences(minutes_a())
    store.write_document(g, DOC_A)
    store.write_document(minutes_b(), DOC_B)
    full, lean = store.read_graph(), store.read_graph(mention_evidence=False)
    assert full.graph == {} and lean.graph == {"without_evidence": ["MENTIONS"]}
    assert dict(lean.nodes(data=True)) == dict(full.nodes(data=True))
    # the same relationships; only the MENTIONS lost their sentence
    stripped = {(u, v, k, tuple(sorted((p, x) for p, x in d.items() if not (d["type"] == "MENTIONS" and p == "evidence"))))
                for u, v, k, d in full.edges(keys=True, data=True)}
    assert edge_set(lean) == stripped
    assert all("evidence" in d for _, _, d in lean.edges(data=True) if d["type"] != "MENTIONS")
    sentences = store.mention_evidence(["municipality:beek", "person:diederen", "person:nobody", "not an id"])
    want = {k: d["evidence"] for _, v, k, d in full.edges(keys=True, data=True)
            if d["type"] == "MENTIONS" and v in ("municipality:beek", "person:diederen")}
    assert sentences == want and len(want) == 4  # two documents name each
    assert "Sentence naming Beek." in sentences.values()
    assert store.mention_evidence([]) == {}


@pytest.mark.parametrize("hops", [1, 2])
def test_neighbourhood_matches_networkx_ego_graph(store, hops):
    store.write_document(minutes_a(), DOC_A)
    store.write_document(minutes_b(), DOC_B)
    whole = store.read_graph()
    want = nx.ego_graph(whole.to_undirected(as_view=True), "municipality:beek", radius=hops)
    got = store.neighbourhood("municipality:beek", hops=hops)
    assert set(got.nodes) == set(want.nodes)
    assert edge_set(got) == edge_set(whole.subgraph(want.nodes))
    assert got.nodes["municipality:beek"]["cbs_code"] == "GM0888"


def test_neighbourhood_by_type_and_unknown_node(store):
    store.write_document(minutes_a(), DOC_A)
    got = store.neighbourhood("person:diederen", hops=2, types=["ALDERMAN_OF", "CONTACT"])
    assert set(got.nodes) == {"person:diederen", "municipality:beek", "person:kennisambassadeur"}
    with pytest.raises(StoreError, match="no node with id 'person:nobody'"):
        store.neighbourhood("person:nobody")


def test_same_document_twice_changes_nothing(store):
    first = store.write_document(minutes_a(), DOC_A)
    before, graph_before = store.counts(), edge_set(store.read_graph())
    again = store.write_document(minutes_a(), DOC_A)
    assert first.changed and not again.changed
    assert store.counts() == before and edge_set(store.read_graph()) == graph_before
    assert [e["action"] for e in store.ingest_log()][:2] == ["unchanged", "write"]


def test_changed_document_replaces_only_its_assertions(store):
    store.write_document(minutes_a(1), DOC_A)
    store.write_document(minutes_b(), DOC_B)
    b_edges = {e for e in edge_set(store.read_graph()) if dict(e[3])["source"] == DOC_B}
    res = store.write_document(minutes_a(2), DOC_A)
    assert (res.rels_added, res.rels_removed, res.nodes_added, res.nodes_removed) == (2, 1, 1, 0)
    g = store.read_graph()
    assert "person:jacobs" in g
    assert not [1 for _, _, d in g.edges(data=True) if d["type"] == "CONTACT"]
    assert {e for e in edge_set(g) if dict(e[3])["source"] == DOC_B} == b_edges
    assert g.nodes[DOC_A]["sha256"] == "sha-a2"


def test_aliases_from_two_documents_are_unioned(store):
    store.write_document(minutes_a(), DOC_A)
    store.write_document(minutes_b(), DOC_B)
    assert sorted(store.read_graph().nodes["person:diederen"]["aliases"]) == ["D. Diederen", "Dhr. Diederen"]


def test_removing_one_document_keeps_shared_nodes(store):
    store.write_document(minutes_a(), DOC_A)
    store.write_document(minutes_b(), DOC_B)
    res = store.remove_document(DOC_A)
    assert res.changed and res.rels_removed == 14
    g = store.read_graph()
    assert {"municipality:beek", "person:diederen"} <= set(g.nodes)
    assert not {"person:kennisambassadeur", "organisation:lltb", "municipality:horst-aan-de-maas",
                DOC_A} & set(g.nodes)
    assert {d["source"] for _, _, d in g.edges(data=True)} == {DOC_B}
    assert [d["id"] for d in store.documents()] == [DOC_B]


def test_remove_leaves_nothing_and_is_repeatable(store):
    store.write_document(minutes_a(), DOC_A)
    store.remove_document(DOC_A)
    assert nonzero(store.counts()) == {} and store.documents() == []
    assert store.remove_document(DOC_A).changed is False
    assert [e["action"] for e in store.ingest_log()][:2] == ["remove", "write"]


def test_documents_newest_first_with_their_properties(store):
    store.write_document(minutes_a(), DOC_A)
    store.write_document(minutes_b(), DOC_B)
    docs = store.documents()
    assert [d["id"] for d in docs] == [DOC_B, DOC_A]
    assert docs[1]["path"] == "/minutes/taskforce-2023-04-12.txt" and docs[1]["kind"] == "minutes"
    assert docs[1]["date"] == "2023-04-12" and docs[1]["sha256"] == "sha-a1"


def test_ingest_log_records_counts(store):
    store.write_document(minutes_a(), DOC_A)
    store.remove_document(DOC_A)
    entries = store.ingest_log(limit=5)
    assert [(e["action"], e["document_id"]) for e in entries] == [("remove", DOC_A), ("write", DOC_A)]
    assert entries[1]["nodes_added"] == 8 and entries[0]["rels_removed"] == 14
    assert entries[0]["at"] >= entries[1]["at"]
    assert len(store.ingest_log(limit=1)) == 1


def test_corrections_round_trip_and_survive_a_rewrite(store):
    store.save_correction({"id": "c1", "kind": "merge", "args": {"a": "person:x", "b": TRICKY},
                           "at": "2024-01-01T10:00:00"})
    store.save_correction({"id": "c2", "kind": "hide", "args": {"node": "person:y"}, "at": "2024-01-02T10:00:00"})
    store.save_correction({"id": "c1", "kind": "merge", "args": {"a": "person:x", "b": TRICKY},
                           "at": "2024-01-01T10:00:00", "active": False})
    store.write_document(minutes_a(), DOC_A)
    got = store.corrections()
    assert got == [
        {"id": "c1", "kind": "merge", "args": {"a": "person:x", "b": TRICKY}, "at": "2024-01-01T10:00:00", "active": False},
        {"id": "c2", "kind": "hide", "args": {"node": "person:y"}, "at": "2024-01-02T10:00:00", "active": True}]
    assert nonzero(store.counts())["Person"] == 2  # corrections are not contract nodes
    with pytest.raises(StoreError, match="needs at least an 'id' and a 'kind'"):
        store.save_correction({"kind": "merge"})


def test_failing_write_leaves_the_store_unchanged(store):
    store.write_document(minutes_a(1), DOC_A)
    before, edges_before, docs_before = store.counts(), edge_set(store.read_graph()), store.documents()
    broken = minutes_a(2)
    # The last batch refers to a node that exists nowhere: it fails after the document's
    # old assertions were deleted and its nodes upserted, inside the transaction.
    broken.add_rel("MENTIONS", DOC_A, "project:ghost", source=DOC_A, evidence="")
    with pytest.raises(StoreError, match="project:ghost"):
        store.write_document(broken, DOC_A)
    assert store.counts() == before
    assert edge_set(store.read_graph()) == edges_before
    assert store.documents() == docs_before
    # and the store still works
    assert store.write_document(minutes_a(2), DOC_A).changed


@pytest.mark.parametrize("bad, message", [
    (lambda g: g.nodes["person:diederen"].props.update(redacted="yes"), "must be true or false"),
    (lambda g: g.nodes["person:diederen"].props.update(colour="red"), "no property 'colour'"),
    (lambda g: next(iter(g.rels.values())).props.update(source="document:other"), "not the document being written"),
])
def test_invalid_graphs_are_refused_before_writing(store, bad, message):
    g = minutes_a()
    bad(g)
    with pytest.raises(StoreError, match=message):
        store.write_document(g, DOC_A)
    assert nonzero(store.counts()) == {} and store.ingest_log() == []


def test_query_with_parameters(store):
    store.write_document(minutes_a(), DOC_A)
    res = store.query("MATCH (p:Person)-[r:ALDERMAN_OF]->(m:Municipality) WHERE m.cbs_code = $code "
                      "RETURN p.name AS name, r.evidence AS evidence, m ORDER BY name", {"code": "GM0888"})
    assert res.columns == ["name", "evidence", "m"]
    assert res.rows[0][:2] == ["Diederen", "wethouder Diederen (gemeente Beek)"]
    assert res.rows[0][2]["_label"] == "Municipality" and res.rows[0][2]["_id"] == "municipality:beek"
    assert res.rows[0][2]["cbs_code"] == "GM0888" and not res.truncated


def test_query_row_limit_and_errors(store):
    store.write_document(minutes_a(), DOC_A)
    res = store.query("MATCH (n:Person) RETURN n.id ORDER BY n.id", limit=1)
    assert res.rows == [["person:diederen"]] and res.truncated and res.limit == 1
    with pytest.raises(StoreError) as err:
        store.query("MATCH (n:Person) RETURN n.nosuchproperty_ WHERE")
    assert not isinstance(err.value, QueryRefused) and str(err.value).startswith("query error")
    assert "\n" not in str(err.value)


def test_names_with_quotes_markup_and_backslashes_are_data(store):
    store.write_document(minutes_b(), DOC_B)
    [[name]] = store.query("MATCH (o:Organisation) WHERE o.name = $name RETURN o.name", {"name": TRICKY}).rows
    assert name == TRICKY
    g = store.read_graph()
    assert g.nodes["organisation:obrien-bob-script-alert-1-script-back-slash-drop"]["name"] == TRICKY
    assert any(d.get("evidence") == f"Aanwezig: {TRICKY}" for _, _, d in g.edges(data=True))


def test_a_batch_equals_writing_one_by_one(store, store_opener, tmp_path):
    v2 = minutes_a(2)
    results = store.write_documents([(minutes_a(1), DOC_A), (minutes_b(), DOC_B)])
    assert [(r.document_id, r.changed) for r in results] == [(DOC_A, True), (DOC_B, True)]
    assert results[0].nodes_added == 8 and results[1].nodes_added == 3  # Beek and Diederen counted once, for A
    again = store.write_documents([(v2, DOC_A), (minutes_b(), DOC_B)])
    assert [r.changed for r in again] == [True, False]
    batch_graph, batch_counts = store.read_graph(), store.counts()
    if store.backend == "embedded":
        one = store_opener("embedded", tmp_path / "one-by-one")
        try:
            for g, d in [(minutes_a(1), DOC_A), (minutes_b(), DOC_B), (minutes_a(2), DOC_A)]:
                one.write_document(g, d)
            assert one.counts() == batch_counts
            assert dict(one.read_graph().nodes(data=True)) == dict(batch_graph.nodes(data=True))
            assert edge_set(one.read_graph()) == edge_set(batch_graph)
        finally:
            one.close()
    assert [e["action"] for e in store.ingest_log()][:2] == ["unchanged", "write"]


def test_a_failing_batch_writes_nothing(store):
    store.write_document(minutes_a(1), DOC_A)
    before, edges_before = store.counts(), edge_set(store.read_graph())
    broken = minutes_b()
    broken.add_rel("MENTIONS", DOC_B, "project:ghost", source=DOC_B, evidence="")
    with pytest.raises(StoreError, match=f"writing {DOC_B} failed.*project:ghost"):
        store.write_documents([(minutes_a(2), DOC_A), (broken, DOC_B)])
    assert store.counts() == before and edge_set(store.read_graph()) == edges_before
    with pytest.raises(StoreError, match="appears twice"):
        store.write_documents([(minutes_a(2), DOC_A), (minutes_a(1), DOC_A)])
    assert store.write_documents([]) == []
