"""The gaps analysis over what a real store returns (once per backend: embedded always,
Neo4j when NEO4J_TEST_URI is set), and `python -m graph gaps` on an embedded store."""
import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from gaps_data import DOC, EVIDENCE, REFERENCE, build, minutes, write_by_document
from graph import gaps
from graph.cli import main

ROOT = Path(__file__).resolve().parent.parent


def test_store_read_back_gives_the_same_gaps_as_the_document_graph(store):
    graph = build()
    write_by_document(store, graph)
    stored, memory = store.read_graph(), graph.to_networkx()
    assert gaps.municipality_rows(stored, REFERENCE) == gaps.municipality_rows(memory, REFERENCE)
    assert gaps.region_rows(stored, REFERENCE) == gaps.region_rows(memory, REFERENCE)
    assert gaps.region_body_matrix(stored, REFERENCE) == gaps.region_body_matrix(memory, REFERENCE)
    oost = [t["status"] for t in gaps.attendance_timeline(stored, REFERENCE) if t["region"] == "Oost"]
    assert oost == ["present", "absent", "not listed", "present"]


def test_removing_the_minutes_makes_the_gaps_come_back(store):
    graph = build()
    write_by_document(store, graph)
    store.remove_document("document:verslag-2024-09-18")
    store.remove_document("document:verslag-2024-06-12")
    rows = {r["municipality"]: r for r in gaps.municipality_rows(store.read_graph(), REFERENCE)}
    assert rows["Dintel"]["engagement"] == "high"  # the September 'low' went with its minutes
    assert rows["Brakel"]["documents"] == 0
    assert "never mentioned in any minutes" in rows["Brakel"]["gap_reasons"]


@pytest.fixture(scope="module")
def setting(tmp_path_factory):
    from graph.stores.open import open_store
    from loaders.ingest import ensure_reference

    setting = f"embedded:{tmp_path_factory.mktemp('gaps-cli') / 'graph'}"
    with open_store(setting) as store:
        ensure_reference(store)
        store.write_document(minutes(), DOC)
    return setting


def test_cli_json_has_every_municipality_and_the_regions(setting, capsys):
    assert main(["gaps", "--format", "json", "--store", setting]) == 0
    out = json.loads(capsys.readouterr().out)
    assert len(out["municipalities"]) == 31
    rows = {r["municipality"]: r for r in out["municipalities"]}
    assert rows["Roermond"]["engagement"] == "low"
    assert rows["Roermond"]["engagement_evidence"] == EVIDENCE
    assert "never mentioned in any minutes" in rows["Beesel"]["gap_reasons"]
    assert [r["region"] for r in out["regions"]] == ["Noord-Limburg", "Midden-Limburg", "Zuid-Limburg"]
    zuid = {t["date"]: t["status"] for t in out["attendance"] if t["region"] == "Zuid-Limburg"}
    assert zuid == {"2023-04-12": "absent"}
    assert {c["body"] for c in out["region_bodies"]} >= {"Taskforce", "Stuurgroep", "BO Wonen"}


def test_cli_csv_one_line_per_municipality(setting, capsys):
    assert main(["gaps", "--format", "csv", "--store", setting]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert len(rows) == 31
    scores = [int(r["gap_score"]) for r in rows]
    assert scores == sorted(scores, reverse=True)
    assert {r["municipality"]: r for r in rows}["Weert"]["engagement"] == "high"
    assert "region at Taskforce 2023-04-12" in rows[0]


def test_cli_table_and_regions(setting, capsys):
    assert main(["gaps", "--store", setting]) == 0
    table = capsys.readouterr().out
    assert table.splitlines()[0].split()[:3] == ["municipality", "region", "gap"]
    assert "never mentioned in any minutes" in table
    assert main(["gaps", "--regions", "--store", setting]) == 0
    regions = capsys.readouterr().out
    assert "Zuid-Limburg" in regions and "absent at the 12-04-2023 Taskforce meeting" in regions


def test_cli_on_a_store_without_minutes_says_why_everything_is_a_gap(tmp_path, capsys):
    from graph.stores.open import open_store
    from loaders.ingest import ensure_reference

    setting = f"embedded:{tmp_path / 'graph'}"
    with open_store(setting) as store:
        ensure_reference(store)
    assert main(["gaps", "--format", "json", "--store", setting]) == 0
    captured = capsys.readouterr()
    assert "no documents are loaded" in captured.err
    rows = json.loads(captured.out)["municipalities"]
    assert len(rows) == 31 and all(r["documents"] == 0 for r in rows)


def test_cli_bad_store_setting_is_one_clear_line(capsys):
    assert main(["gaps", "--store", "sqlite:nowhere"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("python -m graph gaps: ") and "sqlite:nowhere" in err and len(err.splitlines()) == 1


def test_cli_in_a_subprocess(setting):
    out = subprocess.run([sys.executable, "-m", "graph", "gaps", "--format", "csv", "--regions", "--store", setting],
                         cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    rows = list(csv.DictReader(io.StringIO(out.stdout)))
    assert [r["region"] for r in rows] == ["Noord-Limburg", "Midden-Limburg", "Zuid-Limburg"]
    assert {r["region"]: r for r in rows}["Zuid-Limburg"]["at Taskforce 2023-04-12"] == "absent"


def test_cli_piped_into_a_reader_that_stops_early(setting):
    # `python -m graph gaps | head -3`: no traceback, exit 0
    # (the reader is gone before the command writes, so the write always hits a closed pipe)
    proc = subprocess.Popen([sys.executable, "-m", "graph", "gaps", "--store", setting], cwd=ROOT,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    proc.stdout.close()
    err = proc.stderr.read().decode()
    assert proc.wait(timeout=120) == 0, err
    assert "Traceback" not in err
