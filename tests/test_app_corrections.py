"""Corrections on a real embedded store: made on the current store, applied again when the
documents are ingested again (also after a change to the file), and undone by reading the
sources again.  Contact logs are the source documents here: small, exact, CSV."""
from __future__ import annotations

import pytest

from graph import corrections as corr
from graph.model import DocumentGraph
from loaders.ingest import ingest_paths

LOG = "\n".join([
    "date,from,to,kind,status,note",
    "2023-04-14,Provincie Limburg,Organisation: Decisoi,conversation,held,Gesprek met Decisoi over onderzoek",
    "2023-04-20,Kennisambassadeur,Organisation: Decisio,conversation,held,Gesprek met Decisio",
    "2023-04-24,Kennisambassadeur,Person: wethouder Diederen,appointment,held,Afspraak met wethouder Diederen",
    "2023-05-02,Kennisambassadeur,Person: wethouder Geilen,request,planned,Verzoek aan Geilen",
]) + "\n"


@pytest.fixture
def loaded(embedded_store, tmp_path):
    path = tmp_path / "contactlog.csv"
    path.write_text(LOG, encoding="utf-8")
    report = ingest_paths(embedded_store, [path])
    assert report.ok, [o.line() for o in report.outcomes]
    return embedded_store, path


def names(store):
    g = store.read_graph()
    return {n: d.get("name") for n, d in g.nodes(data=True)}


def test_merge_a_misspelling_survives_reingest_of_a_changed_file_and_undo_restores(loaded):
    store, path = loaded
    c = corr.new_correction("merge", from_id="organisation:decisoi", into_id="organisation:decisio",
                            from_name="Decisoi", into_name="Decisio", into_label="Organisation")
    assert corr.make_correction(store, c) == ["document:contactlog"]
    g = store.read_graph()
    assert "organisation:decisoi" not in g
    assert "Decisoi" in g.nodes["organisation:decisio"]["aliases"]
    contacts = [d for *_, d in g.in_edges("organisation:decisio", data=True) if d["type"] == "CONTACT"]
    contacts += [d for *_, d in g.out_edges("organisation:decisio", data=True) if d["type"] == "CONTACT"]
    assert len(contacts) == 2  # its own contact and the misspelling's, moved over
    assert store.corrections()[0]["args"]["documents"] == ["document:contactlog"]

    # The file changes (a line added): re-ingest reads it again, the correction holds.
    path.write_text(LOG + "2023-05-09,LLTB,Organisation: Decisoi,conversation,held,Nog een gesprek\n",
                    encoding="utf-8")
    report = ingest_paths(store, [path])
    assert [o.status for o in report.outcomes] == ["written"]
    g = store.read_graph()
    assert "organisation:decisoi" not in g
    linked = set(g.predecessors("organisation:decisio")) | set(g.successors("organisation:decisio"))
    assert "organisation:lltb" in linked  # the new line's contact, merged too

    result = corr.undo_correction(store, c["id"])
    assert result == {"rebuilt": ["document:contactlog"], "not_rebuilt": {}}
    assert "organisation:decisoi" in names(store)
    assert [x["active"] for x in store.corrections()] == [False]


def test_rename_gives_the_id_of_the_new_name_and_keeps_the_old_as_alias(loaded):
    store, path = loaded
    c = corr.new_correction("rename", node_id="person:diederen", name="Jos Diederen", old_name="Diederen")
    corr.make_correction(store, c)
    g = store.read_graph()
    assert "person:diederen" not in g
    node = g.nodes["person:jos-diederen"]
    assert node["name"] == "Jos Diederen" and "Diederen" in node["aliases"] and node["title"] == "wethouder"
    # Same bytes again: skipped as unchanged, and the rename is still there.
    assert [o.status for o in ingest_paths(store, [path]).outcomes] == ["unchanged"]
    assert "person:jos-diederen" in names(store)
    corr.undo_correction(store, c["id"])
    assert names(store)["person:diederen"] == "Diederen" and "person:jos-diederen" not in names(store)


def test_reject_a_relationship_and_change_a_label(loaded):
    store, path = loaded
    before = store.counts()["types"]["CONTACT"]
    reject = corr.new_correction("reject", type="CONTACT", start="person:geilen", end="person:kennisambassadeur")
    corr.make_correction(store, reject)  # given the other way round: CONTACT is symmetric
    assert store.counts()["types"]["CONTACT"] == before - 1
    relabel = corr.new_correction("relabel", node_id="organisation:decisio", label="Body")
    corr.make_correction(store, relabel)
    g = store.read_graph()
    assert "body:decisio" in g and "organisation:decisio" not in g
    assert g.nodes["body:decisio"]["label"] == "Body"
    # A fresh ingest of the same document (removed, then loaded again) applies both.
    store.remove_document("document:contactlog")
    ingest_paths(store, [path])
    assert store.counts()["types"]["CONTACT"] == before - 1
    assert "body:decisio" in names(store)


@pytest.mark.parametrize("kind, args, message", [
    ("split", {}, "unknown correction"),
    ("rename", {"node_id": "person:x"}, "needs name"),
    ("merge", {"from_id": "person:x", "into_id": "person:x"}, "into itself"),
    ("rename", {"node_id": "organisation:lwv", "name": "Lwv"}, "only in capitals"),
    ("merge", {"from_id": "person:x", "into_id": "organisation:x"}, "same label"),
    ("relabel", {"node_id": "person:x", "label": "Ghost"}, "unknown label"),
    ("relabel", {"node_id": "document:x", "label": "Person"}, "documents keep their label"),
    ("reject", {"type": "LIKES", "start": "a:b", "end": "c:d"}, "unknown relationship type"),
])
def test_bad_corrections_are_refused_with_a_reason(kind, args, message):
    with pytest.raises(corr.CorrectionError, match=message):
        corr.new_correction(kind, **args)


def test_a_correction_of_an_entity_not_in_the_graph_is_refused(loaded):
    store, _ = loaded
    with pytest.raises(corr.CorrectionError, match="not in the graph"):
        corr.make_correction(store, corr.new_correction("rename", node_id="person:nobody", name="X"))
    assert store.corrections() == []


def test_relabel_drops_relationships_the_contract_does_not_allow():
    g = DocumentGraph()
    p = g.add_node("Person", "Diederen", title="wethouder")
    beek = g.add_node("Municipality", "Beek")
    g.add_rel("ALDERMAN_OF", p, beek, source="document:x", evidence="wethouder Diederen (Beek)")
    out = corr.apply_corrections(g, [corr.new_correction("relabel", node_id="person:diederen", label="Organisation")])
    assert list(out.nodes) == ["municipality:beek", "organisation:diederen"]
    assert out.rels == {} and out.nodes["organisation:diederen"].props == {}  # title is a Person property
    assert list(g.nodes) == ["person:diederen", "municipality:beek"]  # the input is not changed
