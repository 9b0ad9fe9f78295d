"""Ingest into a real embedded store: idempotent, an edit replaces only that document's
assertions, remove goes back to the reference data, bad files fail alone, the CLI."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from benchmarks.corpus import generate_corpus
from graph.model import DocumentGraph
from graph.stores.open import open_store
from loaders.cli import main as loaders_main
from loaders.ingest import (REFERENCE_ID, ensure_reference, ensure_sample_data, ingest_graph,
                            ingest_paths, remove)
from loaders.pipeline import extract_path
from loaders.reference import reference_graph

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "samples" / "taskforce-2023-04-12.txt"
SEED_ID = "document:taskforce-2023-04-12"


@pytest.fixture
def setting(tmp_path):
    return f"embedded:{tmp_path / 'graph'}"


@pytest.fixture
def store(setting):
    with open_store(setting) as s:
        yield s


@pytest.fixture
def seed(tmp_path):
    d = tmp_path / "docs"
    d.mkdir()
    return Path(shutil.copy(SEED, d / SEED.name))


def edges_by_source(G) -> dict[str, dict]:
    """source document -> {edge key: (type, start, end, properties)}."""
    out: dict[str, dict] = {}
    for u, v, k, d in G.edges(keys=True, data=True):
        out.setdefault(d["source"], {})[k] = (d["type"], u, v, {x: y for x, y in d.items() if y is not None})
    return out


def snapshot(store):
    G = store.read_graph()
    return store.counts(), set(G.nodes), edges_by_source(G)


def expected_keys(path) -> set[str]:
    return set(extract_path(path).rels)


# -- idempotency ----------------------------------------------------------------------------
def test_the_same_file_twice_changes_no_count(store, seed):
    first = ingest_paths(store, [seed])
    assert first.ok and [o.status for o in first.outcomes] == ["written"]
    counts, nodes, edges = snapshot(store)
    assert counts["labels"]["Municipality"] == 31 and counts["types"]["IN_REGION"] > 0
    assert set(edges[SEED_ID]) == expected_keys(seed)
    second = ingest_paths(store, [seed])
    assert [o.status for o in second.outcomes] == ["unchanged"]
    assert snapshot(store) == (counts, nodes, edges)


def test_an_unchanged_file_is_skipped_before_extraction(store, seed):
    ingest_paths(store, [seed])

    def extract_must_not_run(path):
        raise AssertionError(f"extracted {path} although its sha256 is loaded")

    report = ingest_paths(store, [seed], extract=extract_must_not_run)
    assert [o.status for o in report.outcomes] == ["unchanged"]


def test_reference_data_is_loaded_once(store):
    first = ensure_reference(store)
    counts = store.counts()
    assert first.changed and counts["labels"]["Municipality"] == 31
    again = ensure_reference(store)
    assert not again.changed and store.counts() == counts
    G = store.read_graph()
    assert set(G.nodes) == set(reference_graph().nodes)


# -- edits and removal ----------------------------------------------------------------------
def test_an_edited_file_replaces_only_its_own_assertions(store, seed, tmp_path):
    other = generate_corpus(seed.parent, 1, seed=7)[0]
    assert ingest_paths(store, [seed.parent]).ok
    _counts, nodes_before, before = snapshot(store)
    other_id = "document:" + other.stem
    assert "person:gelderblom" in nodes_before

    text = seed.read_text(encoding="utf-8").replace("Gelderblom", "Kessels")
    seed.write_text(text, encoding="utf-8")
    report = ingest_paths(store, [seed.parent])
    assert {o.document_id: o.status for o in report.outcomes} == {SEED_ID: "written", other_id: "unchanged"}

    _counts, nodes_after, after = snapshot(store)
    assert after[other_id] == before[other_id]
    assert after[REFERENCE_ID] == before[REFERENCE_ID]
    assert set(after[SEED_ID]) == expected_keys(seed) != set(before[SEED_ID])
    assert "person:kessels" in nodes_after
    assert "person:gelderblom" not in nodes_after  # no document mentions it any more
    assert set(after) == set(before)  # no assertion from a document that is not loaded


def test_remove_goes_back_to_reference_data_only(store, seed):
    ensure_reference(store)
    _c, ref_nodes, ref_edges = snapshot(store)
    ingest_paths(store, [seed])
    result = remove(store, str(seed))
    assert result.document_id == SEED_ID and result.rels_removed > 0 and result.nodes_removed > 0
    _c, nodes, edges = snapshot(store)
    assert nodes == ref_nodes and edges == ref_edges
    assert [d["id"] for d in store.documents()] == [REFERENCE_ID]


def test_remove_by_document_id_keeps_nodes_another_document_mentions(store, seed):
    generate_corpus(seed.parent, 1, seed=3)
    other = next(p for p in seed.parent.iterdir() if p != seed)
    ingest_paths(store, [seed.parent])
    G = store.read_graph()
    seed_only = {v for _u, v, d in G.out_edges(SEED_ID, data=True) if d["type"] == "MENTIONS"}
    other_mentions = {v for _u, v, d in G.out_edges("document:" + other.stem, data=True) if d["type"] == "MENTIONS"}
    shared = (seed_only & other_mentions) - set(reference_graph().nodes)
    assert shared, "the corpus document shares nodes with the seed (Taskforce, LLTB, ...)"
    remove(store, SEED_ID)
    nodes = set(store.read_graph().nodes)
    assert shared <= nodes
    assert not (seed_only - other_mentions - set(reference_graph().nodes)) & nodes
    assert SEED_ID not in nodes


def test_remove_refuses_unknown_documents_and_the_reference_data(store, seed):
    ingest_paths(store, [seed])
    with pytest.raises(LookupError, match="no such document"):
        remove(store, "document:nothing-like-this")
    with pytest.raises(ValueError, match="reference"):
        remove(store, REFERENCE_ID)
    assert SEED_ID in {d["id"] for d in store.documents()}


def test_corrections_made_in_the_app_survive_reingesting_an_edited_file(store, seed):
    from graph.corrections import make_correction, new_correction

    ingest_paths(store, [seed])
    make_correction(store, new_correction("rename", node_id="person:diederen", name="Diederen-Hermans"))
    seed.write_text(seed.read_text(encoding="utf-8") + "\nDe voorzitter dankt wethouder Diederen.\n", encoding="utf-8")
    report = ingest_paths(store, [seed])
    assert [o.status for o in report.outcomes] == ["written"]
    nodes = set(store.read_graph().nodes)
    assert "person:diederen-hermans" in nodes and "person:diederen" not in nodes


# -- bad input --------------------------------------------------------------------------------
def test_a_bad_file_fails_alone_with_one_line(store, seed):
    bad = seed.parent / "broken.pdf"
    bad.write_bytes(b"%PDF-1.4 this is not really a pdf")
    report = ingest_paths(store, [seed.parent, seed.parent / "missing.txt"])
    status = {Path(o.path).name: o for o in report.outcomes}
    assert status[seed.name].status == "written"
    assert status["broken.pdf"].status == "failed" and "\n" not in status["broken.pdf"].reason
    assert status["missing.txt"].reason == "no such file or directory"
    assert "document:broken" not in {d["id"] for d in store.documents()}
    assert not report.ok


def test_two_files_with_one_document_id_are_not_mixed_up(store, seed, tmp_path):
    other_dir = tmp_path / "elsewhere"
    other_dir.mkdir()
    twin = other_dir / seed.name
    twin.write_text(seed.read_text(encoding="utf-8").replace("Diederen", "Dieteren"), encoding="utf-8")
    report = ingest_paths(store, [seed, twin])
    assert [o.status for o in report.outcomes] == ["written", "failed"]
    assert "same document id" in report.outcomes[1].reason and str(seed) in report.outcomes[1].reason


def test_a_file_named_like_a_loaded_one_does_not_replace_it(store, seed, tmp_path):
    # WOO publications name files alike ('verslag.pdf' in every meeting's folder): a file
    # with a loaded document's id, read from another file that is still there, is refused
    # in a later run too, and the loaded document stays as it was.
    ingest_paths(store, [seed])
    before = store.counts()
    twin = tmp_path / "elsewhere" / seed.name
    twin.parent.mkdir()
    twin.write_text(seed.read_text(encoding="utf-8").replace("Diederen", "Dieteren"), encoding="utf-8")
    report = ingest_paths(store, [twin])
    assert [o.status for o in report.outcomes] == ["failed"]
    assert "same document id" in report.outcomes[0].reason and str(seed) in report.outcomes[0].reason
    assert "python -m loaders remove document:" in report.outcomes[0].reason
    assert store.counts() == before
    # the loaded file itself is still its document
    assert [o.status for o in ingest_paths(store, [seed]).outcomes] == ["unchanged"]


def test_a_file_named_like_the_reference_data_is_refused(store, tmp_path):
    ensure_reference(store)
    before = store.counts()
    odd = tmp_path / "reference-limburg.txt"
    odd.write_text(SEED.read_text(encoding="utf-8"), encoding="utf-8")
    report = ingest_paths(store, [odd])
    assert [o.status for o in report.outcomes] == ["failed"]
    assert "reference data" in report.outcomes[0].reason
    assert store.counts() == before


def test_a_moved_file_takes_its_document_over(store, seed, tmp_path):
    moved = tmp_path / "first" / seed.name
    moved.parent.mkdir()
    moved.write_text(seed.read_text(encoding="utf-8"), encoding="utf-8")
    ingest_paths(store, [moved])
    later = tmp_path / "second" / seed.name
    later.parent.mkdir()
    moved.rename(later)
    later.write_text(later.read_text(encoding="utf-8").replace("Diederen", "Dieteren"), encoding="utf-8")
    report = ingest_paths(store, [later])
    assert [o.status for o in report.outcomes] == ["written"]
    assert {d["id"]: d["path"] for d in store.documents()}[report.outcomes[0].document_id] == str(later)


def test_a_directory_without_documents_is_reported(store, tmp_path):
    empty = tmp_path / "empty"
    empty.mkdir()
    (empty / "notes.md").write_text("# not minutes", encoding="utf-8")
    report = ingest_paths(store, [empty])
    assert [o.status for o in report.outcomes] == ["failed"]
    assert "no supported documents" in report.outcomes[0].reason


# -- the graph path the app uses ----------------------------------------------------------------
def test_ingest_graph_writes_a_document_and_refuses_foreign_assertions(store):
    g = DocumentGraph()
    doc = g.add_node("Document", "contactformulier 1", kind="contact-form", path="app:contact-form", sha256="1" * 64)
    beek = g.add_node("Municipality", "Beek")
    ka = g.add_node("Person", "Kennisambassadeur", redacted=True)
    g.add_rel("CONTACT", ka, beek, source=doc.id, evidence="afspraak", kind="appointment", status="planned",
              date="2023-05-01")
    g.add_rel("MENTIONS", doc, beek, source=doc.id, evidence="Beek")
    result = ingest_graph(store, g, doc.id)
    assert result.changed
    G = store.read_graph()
    assert any(d["type"] == "CONTACT" for *_x, d in G.edges(data=True))
    assert store.counts()["labels"]["Municipality"] == 31  # reference data came first
    assert not ingest_graph(store, g, doc.id).changed

    g.add_rel("MENTIONS", doc, ka, source="document:someone-else", evidence="x")
    with pytest.raises(ValueError, match="someone-else"):
        ingest_graph(store, g, doc.id)
    with pytest.raises(ValueError, match="no Document node"):
        ingest_graph(store, g, "document:missing")


def test_ensure_sample_data_loads_the_samples_once(store):
    report = ensure_sample_data(store)
    assert report is not None and report.ok
    loaded = {d["id"] for d in store.documents()}
    assert SEED_ID in loaded and REFERENCE_ID in loaded
    counts = store.counts()
    assert ensure_sample_data(store) is None
    assert store.counts() == counts


# -- the CLI --------------------------------------------------------------------------------------
def test_cli_ingest_reference_remove(setting, seed, capsys):
    assert loaders_main(["reference", "--store", setting]) == 0
    assert "reference data loaded" in capsys.readouterr().out
    assert loaders_main(["reference", "--store", setting]) == 0
    assert "unchanged" in capsys.readouterr().out

    bad = seed.parent / "broken.docx"
    bad.write_bytes(b"not a zip")
    code = loaders_main(["ingest", str(seed.parent), "--store", setting])
    out, err = capsys.readouterr()
    assert code == 1
    assert "2 documents: 1 written, 0 unchanged, 1 failed" in out
    failure = [line for line in err.splitlines() if "broken.docx" in line]
    assert len(failure) == 1 and failure[0].startswith(str(bad))

    assert loaders_main(["ingest", str(seed), "--store", setting, "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert [d["status"] for d in report["documents"]] == ["unchanged"]

    assert loaders_main(["remove", SEED_ID, "--store", setting]) == 0
    assert f"removed {SEED_ID}" in capsys.readouterr().out
    assert loaders_main(["remove", SEED_ID, "--store", setting]) == 1
    assert "no such document" in capsys.readouterr().err


@pytest.mark.parametrize("argv", [["loaders", "ingest", "x.txt"], ["loaders", "reference"],
                                  ["loaders", "remove", "document:x"], ["graph", "stats"], ["graph", "export"]])
def test_cli_says_in_one_line_when_the_store_cannot_be_opened(argv, capsys):
    from graph.cli import main as graph_main

    main = loaders_main if argv[0] == "loaders" else graph_main
    assert main(argv[1:] + ["--store", "sqlite:nowhere"]) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "unknown store setting 'sqlite:nowhere'" in err


def test_cli_store_defaults_to_the_environment(tmp_path, seed, monkeypatch, capsys):
    monkeypatch.setenv("GRAPH_STORE", f"embedded:{tmp_path / 'from-env'}")
    assert loaders_main(["ingest", str(seed), "--quiet"]) == 0
    capsys.readouterr()
    with open_store(f"embedded:{tmp_path / 'from-env'}") as store:
        assert SEED_ID in {d["id"] for d in store.documents()}


# -- the contact log ------------------------------------------------------------------------------
CSV_HEADER = "date,from,to,kind,status,note\n"


@pytest.mark.parametrize("bad_line, reason", [
    ("2023-13-45,Kennisambassadeur,gemeente Stein,appointment,planned,bad date", "bad date"),
    ("2023-04-25,Kennisambassadeur,Jansen,conversation,held,unknown party", "unknown party"),
    ("2023-04-25,Kennisambassadeur,gemeente Stein,lunch,held,unknown kind", "lunch"),
])
def test_a_malformed_contacts_csv_writes_nothing_and_names_the_line(store, tmp_path, bad_line, reason):
    ensure_reference(store)
    before = snapshot(store)
    log = tmp_path / "contacts.csv"
    log.write_text(CSV_HEADER + "2023-04-24,Kennisambassadeur,gemeente Beek,appointment,planned,ok\n"
                   + bad_line + "\n", encoding="utf-8")
    report = ingest_paths(store, [log])
    [outcome] = report.outcomes
    assert outcome.status == "failed"
    assert outcome.reason.startswith("line 3: ") and reason in outcome.reason
    assert outcome.line().startswith(f"{log}: line 3: ")
    assert snapshot(store) == before  # not even the good first line


def test_a_missing_column_is_refused(store, tmp_path):
    log = tmp_path / "contacts.csv"
    log.write_text("date,from,kind,status\n2023-04-24,Kennisambassadeur,appointment,planned\n", encoding="utf-8")
    [outcome] = ingest_paths(store, [log]).outcomes
    assert outcome.status == "failed" and outcome.reason.startswith("line 1: missing column 'to'")
    assert "document:contacts" not in {d["id"] for d in store.documents()}


def test_a_contacts_csv_becomes_contact_relationships_and_may_name_parties_the_store_holds(store, seed, tmp_path):
    ingest_paths(store, [seed])  # brings wethouder Diederen (person:diederen)
    log = tmp_path / "contacts.csv"
    log.write_text(CSV_HEADER + "2023-04-24,Kennisambassadeur,person:diederen,appointment,planned,Stuurgroep\n"
                   "20-04-2023,Kennisambassadeur,gemeente Heerlen,afspraak,gehouden,Kennismaking\n", encoding="utf-8")
    report = ingest_paths(store, [log])
    assert report.ok, [o.line() for o in report.outcomes]
    G = store.read_graph()
    contacts = {(u, v, d["date"]) for u, v, d in G.edges(data=True)
                if d["type"] == "CONTACT" and d["source"] == "document:contacts"}
    assert ("person:kennisambassadeur", "person:diederen", "2023-04-24") in contacts
    assert ("person:kennisambassadeur", "municipality:heerlen", "2023-04-20") in contacts
    assert ingest_paths(store, [log]).outcomes[0].status == "unchanged"


def test_a_document_the_store_refuses_does_not_cost_the_rest_of_its_batch(store, tmp_path):
    """The extractor hands over a graph whose relationship points at a node it never
    defined: the store refuses that document; the other documents of the batch are written."""
    paths = []
    for name in ("a", "b", "c"):
        p = tmp_path / f"{name}.txt"
        p.write_text(f"minutes {name}", encoding="utf-8")
        paths.append(p)

    def extract(path):
        g = DocumentGraph()
        doc = g.add_node("Document", path.stem, kind="minutes", path=str(path), sha256=path.stem * 64)
        beek = g.add_node("Municipality", "Beek")
        g.add_rel("MENTIONS", doc, beek, source=doc.id, evidence="Beek")
        if path.stem == "b":
            g.add_rel("MENTIONS", doc, "person:nobody-defined-me", source=doc.id, evidence="?")
        return g

    report = ingest_paths(store, paths, extract=extract, batch_size=3)
    assert [(o.document_id, o.status) for o in report.outcomes] == [
        ("document:a", "written"), ("document:b", "failed"), ("document:c", "written")]
    assert report.outcomes[1].reason.startswith("the store refused it: ")
    assert {d["id"] for d in store.documents()} == {REFERENCE_ID, "document:a", "document:c"}
