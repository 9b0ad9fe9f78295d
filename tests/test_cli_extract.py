"""`python -m loaders extract`: the contract's JSON for one or several paths, the table for
a person, and exit codes.  Runs the real command in a subprocess, as a user would."""
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from fixtures.documents import write_docx, write_pdf
from graph.contract import LABELS, NODE_PROPS, REL_TYPES, check_relationship
from graph.model import DocumentGraph

ROOT = Path(__file__).resolve().parent.parent
SEED = "samples/taskforce-2023-04-12.txt"
CONTACTS = "samples/contacts.csv"


def extract(*args):
    return subprocess.run([sys.executable, "-m", "loaders", "extract", *map(str, args)], cwd=ROOT,
                          capture_output=True, text=True, timeout=300)


def assert_contract_shape(export: dict) -> None:
    assert set(export) == {"nodes", "relationships"}
    ids = set()
    for n in export["nodes"]:
        assert set(n) == {"id", "label", "name", "aliases", "props"}
        assert n["label"] in LABELS
        assert n["id"].startswith(n["label"].lower() + ":")
        assert isinstance(n["aliases"], list) and n["name"]
        assert set(n["props"]) <= set(NODE_PROPS[n["label"]]), n
        ids.add(n["id"])
    assert len(ids) == len(export["nodes"])
    labels = {n["id"]: n["label"] for n in export["nodes"]}
    sources = {n["id"] for n in export["nodes"] if n["label"] == "Document" and n["props"].get("path")}
    for r in export["relationships"]:
        assert set(r) == {"type", "source", "target", "props"}
        assert r["source"] in ids and r["target"] in ids, r
        check_relationship(r["type"], labels[r["source"]], labels[r["target"]])
        assert r["props"]["source"] in sources, r  # provenance: a loaded document ...
        assert r["props"]["evidence"].strip(), r  # ... and the sentence it was read from
        assert set(r["props"]) <= {"source", "evidence", *REL_TYPES[r["type"]].props}, r


@pytest.fixture(scope="module")
def seed_export():
    proc = extract(SEED, "--format", "json")
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr == ""
    return json.loads(proc.stdout)


def test_seed_json_has_the_contract_shape(seed_export):
    assert_contract_shape(seed_export)
    docs = [n for n in seed_export["nodes"] if n["label"] == "Document" and n["props"].get("path")]
    assert [d["id"] for d in docs] == ["document:taskforce-2023-04-12"]
    assert docs[0]["props"]["path"] == str(ROOT / SEED)
    assert len(docs[0]["props"]["sha256"]) == 64
    # it round-trips through the model
    assert DocumentGraph.from_export(seed_export).to_export() == seed_export


def test_seed_json_names_the_networks_core(seed_export):
    ids = {n["id"] for n in seed_export["nodes"]}
    assert {"person:kennisambassadeur", "person:diederen", "person:gelderblom", "municipality:beek",
            "municipality:heerlen", "organisation:lltb", "organisation:lwv"} <= ids
    contacts = {(r["source"], r["target"]) for r in seed_export["relationships"] if r["type"] == "CONTACT"}
    assert ("person:kennisambassadeur", "person:diederen") in contacts


def test_several_paths_merge_into_one_graph(tmp_path, seed_export):
    proc = extract(SEED, CONTACTS, "--format", "json")
    assert proc.returncode == 0, proc.stderr
    export = json.loads(proc.stdout)
    assert_contract_shape(export)
    docs = {n["id"] for n in export["nodes"] if n["label"] == "Document" and n["props"].get("path")}
    assert docs == {"document:taskforce-2023-04-12", "document:contacts"}
    # one node per entity: the log's Diederen is the minutes' Diederen
    assert sum(1 for n in export["nodes"] if n["id"] == "person:diederen") == 1
    assert {r["props"]["source"] for r in export["relationships"] if r["type"] == "CONTACT"} == docs
    assert len(export["relationships"]) > len(seed_export["relationships"])


def test_one_bad_path_among_good_ones_exits_1_and_prints_the_good(tmp_path):
    missing = tmp_path / "taskforce-2023-05-17.pdf"
    proc = extract(SEED, missing, CONTACTS, "--format", "json")
    assert proc.returncode == 1
    assert "Traceback" not in proc.stderr
    assert proc.stderr.splitlines() == [f"{missing}: no such file",
                                        "python -m loaders extract: 1 of 3 files could not be read"]
    export = json.loads(proc.stdout)
    assert {"document:taskforce-2023-04-12", "document:contacts"} <= {n["id"] for n in export["nodes"]}


def test_nothing_readable_exits_2_with_empty_stdout(tmp_path):
    proc = extract(tmp_path / "a.txt", tmp_path, "--format", "table")
    assert proc.returncode == 2
    assert proc.stdout == ""
    assert proc.stderr.splitlines()[:2] == [f"{tmp_path / 'a.txt'}: no such file",
                                            f"{tmp_path}: is a directory (give the files in it, e.g. DIR/*.pdf)"]


def test_table_is_a_summary_for_a_person():
    proc = extract(SEED, CONTACTS, "--format", "table")
    assert proc.returncode == 0, proc.stderr
    out = proc.stdout
    for heading in ("Documents (2)", "Entities (", "  Municipality (", "  Person (", "Relationships (",
                    "  CONTACT (", "Action items ("):
        assert heading in out, heading
    assert ("    Kennisambassadeur -- Diederen  appointment, held, 2023-04-24\n"
            '        "Deelname Stuurgroep Internationale Werknemers besproken met wethouder Diederen '
            '(gemeente Beek)."  [contacts.csv]\n') in out
    assert "Horst aan de Maas" in out and "(also: " in out
    assert "{" not in out.split("Relationships")[0]  # no JSON leaking into the summary
    action_lines = out.split("Action items (", 1)[1].splitlines()[1:]
    assert action_lines[0].startswith("    1. [")
    assert all(re.match(r"\s+\d+\. \[(open|done)\] .+ — owner: ", line) for line in action_lines if line), action_lines
    assert max(len(line) for line in out.splitlines()) < 200


def _graph_without_source(export, doc_id):
    """Nodes and relationships with the source document's own id taken out (ids made
    from it, such as action items', get a placeholder), so the same minutes in another
    format can be compared."""
    stem = doc_id.split(":", 1)[1]

    def same(nid):
        return "DOC" if nid == doc_id else nid.replace(stem, "DOC")

    nodes = {(same(n["id"]), n["label"]) for n in export["nodes"]}
    rels = {(r["type"], same(r["source"]), same(r["target"])) for r in export["relationships"]}
    return nodes, rels


def test_seed_as_pdf_and_docx_gives_the_same_graph(tmp_path, seed_export):
    lines = (ROOT / SEED).read_text(encoding="utf-8").splitlines()
    # one PDF page per 45 lines, so the reader's page breaks are exercised too
    pdf = write_pdf(tmp_path / "seed-pdf.pdf", [lines[i:i + 45] for i in range(0, len(lines), 45)])
    docx = write_docx(tmp_path / "seed-docx.docx", lines)
    want = _graph_without_source(seed_export, "document:taskforce-2023-04-12")
    for path, doc_id in ((pdf, "document:seed-pdf"), (docx, "document:seed-docx")):
        proc = extract(path, "--format", "json")
        assert proc.returncode == 0, proc.stderr
        export = json.loads(proc.stdout)
        assert_contract_shape(export)
        got = _graph_without_source(export, doc_id)
        assert got[0] == want[0], (path.suffix, got[0] ^ want[0])
        assert got[1] == want[1], (path.suffix, got[1] ^ want[1])


def test_a_contact_log_may_name_parties_from_minutes_in_the_same_run(tmp_path):
    log = tmp_path / "rondes.csv"
    # "Holtus" and "Van Reij" are only known from the minutes, which come after the log here
    log.write_text("date,from,to,kind,status,note\n"
                   "2023-05-03,Kennisambassadeur,Holtus,conversation,planned,Opiniestuk\n"
                   "2023-05-04,Kennisambassadeur,wethouder Van Reij,appointment,planned,\n", encoding="utf-8")
    alone = extract(log, "--format", "json")
    assert alone.returncode == 2
    assert alone.stderr.startswith(f"{log}:2: unknown party 'Holtus'")
    proc = extract(log, SEED, "--format", "json")
    assert proc.returncode == 0, proc.stderr
    contacts = {(r["source"], r["target"]) for r in json.loads(proc.stdout)["relationships"]
                if r["type"] == "CONTACT" and r["props"]["source"] == "document:rondes"}
    assert contacts == {("person:kennisambassadeur", "person:roger-holtus"),
                        ("person:kennisambassadeur", "person:van-reij")}
