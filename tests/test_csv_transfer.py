"""The embedded store's whole-graph read moves relationship results as CSV files
(graph/stores/csv_transfer.py): every string must come back exactly as stored, NULL as
NULL, whatever quotes, commas, line breaks or null-looking words it holds, and a failed
transfer must fall back to the Arrow path with the same graph."""
from __future__ import annotations

import logging
from contextlib import contextmanager

import pytest

import graph.stores.embedded as embedded
from graph.model import DocumentGraph

AWKWARD = [
    "plain", "", None, 'met "aanhalingstekens", en een komma', "regel\nnieuwe regel", "cr\r\nlf", "alleen\rcr",
    "back\\slash", "tab\there", "„Dutch” ‘quotes’ € é ß", " spatie voor", "spatie na ", " ", "\\N", "NULL", "null",
    "NA", "N/A", "NaN", "nan", "None", "#N/A", '"', '""', ",", ";", "1234", "0012", "1e5", "-1", "true", "False",
    "2023-04-12", "12-04-2023 10:00", "'", "a'b", "x" * 5000,
]


def _seeded(store):
    g = DocumentGraph()
    doc = g.add_node("Document", "verslag-csv", kind="minutes", date="2023-04-12")
    person = g.add_node("Person", "Jansen", title="wethouder")
    org = g.add_node("Organisation", "LLTB", acronym="LLTB")
    g.add_rel("AFFILIATED_WITH", person, org, source=doc.id, evidence="Jansen (LLTB)", title="voorzitter")
    store.write_document(g, doc.id)
    for i, value in enumerate(AWKWARD):
        store._x("MATCH (a:Person {id: $a}) MATCH (b:Organisation {id: $b}) "
                 "CREATE (a)-[:AFFILIATED_WITH {source: $s, evidence: $e, title: $t, key: $k}]->(b)",
                 {"a": person.id, "b": org.id, "s": doc.id, "e": value, "t": value, "k": f"awkward-{i}"})
    return person.id, org.id


@contextmanager
def _no_scratch():
    yield None


def _through_arrow(store, monkeypatch, **kw):
    with monkeypatch.context() as m:
        m.setattr(embedded, "scratch_directory", _no_scratch)
        return store.read_graph(**kw)


@pytest.mark.parametrize("kw", [{}, {"mention_evidence": False, "mention_index": True}])
def test_every_value_comes_back_as_stored(embedded_store, monkeypatch, kw):
    person, org = _seeded(embedded_store)
    moved = []
    real = embedded.copy_and_read

    def counting(*a, **k):
        table = real(*a, **k)
        moved.append(table.num_rows)
        return table

    monkeypatch.setattr(embedded, "copy_and_read", counting)
    g = embedded_store.read_graph(**kw)
    assert sum(moved) >= len(AWKWARD)  # the relationships did travel as CSV
    edges = g[person][org]
    for i, value in enumerate(AWKWARD):
        attrs = edges[f"awkward-{i}"]
        if value is None:
            assert "title" not in attrs and "evidence" not in attrs
        else:
            assert attrs["title"] == value and attrs["evidence"] == value, i
    monkeypatch.setattr(embedded, "copy_and_read", real)
    arrow = _through_arrow(embedded_store, monkeypatch, **kw)
    assert g._node == arrow._node and g._succ == arrow._succ and g._pred == arrow._pred


def test_a_failed_transfer_falls_back_to_arrow(embedded_store, monkeypatch, caplog):
    person, org = _seeded(embedded_store)
    want = _through_arrow(embedded_store, monkeypatch)

    def broken(*a, **k):
        raise RuntimeError("Copy exception: disk full")

    monkeypatch.setattr(embedded, "copy_and_read", broken)
    with caplog.at_level(logging.WARNING, logger="graph.stores.embedded"):
        got = embedded_store.read_graph()
    assert got._succ == want._succ and got._node == want._node
    assert "CSV transfer failed (Copy exception: disk full); reading through Arrow" in caplog.text
    assert len(caplog.records) == 1  # the rest of the read goes through Arrow without trying again


def test_no_scratch_directory_reads_through_arrow(embedded_store, monkeypatch):
    person, org = _seeded(embedded_store)
    monkeypatch.setattr(embedded, "copy_and_read", lambda *a, **k: pytest.fail("no CSV without a directory"))
    g = _through_arrow(embedded_store, monkeypatch)
    assert g[person][org]["awkward-3"]["title"] == AWKWARD[3]


def test_the_scratch_directory_is_removed(embedded_store, monkeypatch, tmp_path):
    _seeded(embedded_store)
    monkeypatch.setenv("TMPDIR", str(tmp_path / "scratch"))
    (tmp_path / "scratch").mkdir()
    import tempfile

    monkeypatch.setattr(tempfile, "tempdir", None)  # re-read TMPDIR
    embedded_store.read_graph()
    assert list((tmp_path / "scratch").iterdir()) == []
