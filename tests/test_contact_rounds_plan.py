"""The plan (known appointments first, grouped per region, per-week maximum), the
`python -m graph plan` command on a real embedded store, and a recorded contact
changing the plan."""
import csv
import datetime as dt
import io
import subprocess
import sys
from pathlib import Path

import pytest
from icalendar import Calendar

from contact_rounds_data import TODAY, build, load_into
from graph.cli import main
from graph.contact_log import record_contact
from graph.contact_rounds import rank
from graph.plan import make_plan, plan_markdown

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def g():
    return build().to_networkx()


def test_known_appointments_come_first_in_their_week(g):
    plan = make_plan(g, TODAY, weeks=3, per_week=2)
    first = plan.visits[0]
    assert (first.status, first.name, first.date, first.whom, first.week) == (
        "appointment", "Kerkrade", "2024-03-20", "wethouder Janssen", 1)
    assert first.evidence == "Kennisambassadeur heeft op 20 maart 2024 afspraak met wethouder Janssen."


def test_at_most_per_week_and_grouped_per_region(g):
    plan = make_plan(g, TODAY, weeks=3, per_week=2)
    assert [(v.week, v.name, v.region) for v in plan.visits] == [
        (1, "Kerkrade", "Zuid-Limburg"), (1, "Landgraaf", "Zuid-Limburg"),
        (2, "Meerssen", "Zuid-Limburg"), (2, "Echt-Susteren", "Midden-Limburg"),
        (3, "Nederweert", "Midden-Limburg")]
    assert list(plan.by_region()) == ["Zuid-Limburg", "Midden-Limburg"]
    assert plan.visits[1].door == "Kennisambassadeur → Janssen → Pluijmen"  # Landgraaf: the warm way in
    assert plan.not_planned == []


def test_regions_filter_and_subregions(g):
    plan = make_plan(g, TODAY, regions=["Midden-Limburg"], weeks=2, per_week=3)
    assert [v.name for v in plan.visits] == ["Echt-Susteren", "Nederweert"]
    plan = make_plan(g, TODAY, regions=["parkstad"], weeks=2, per_week=3)
    assert [v.name for v in plan.visits] == ["Kerkrade", "Landgraaf"]


def test_no_room_left_is_reported(g):
    plan = make_plan(g, TODAY, weeks=1, per_week=2)
    assert [v.name for v in plan.visits] == ["Kerkrade", "Landgraaf"]
    assert [p.name for p in plan.not_planned] == ["Echt-Susteren", "Meerssen", "Nederweert"]
    assert "## Not planned (no room left in the horizon)" in plan_markdown(plan)


def test_unknown_region_names_the_known_ones(g):
    with pytest.raises(ValueError, match="unknown region 'Oost-Limburg'; known regions: .*Midden-Limburg"):
        make_plan(g, TODAY, regions=["Oost-Limburg"])


def test_markdown_plan_has_weeks_reasons_and_the_appointment(g):
    md = plan_markdown(make_plan(g, TODAY, weeks=2, per_week=2))
    assert "## Week 1 (from 14-03-2024)" in md
    assert "**20-03-2024: appointment with wethouder Janssen** (Kerkrade, Zuid-Limburg)" in md
    assert "candidate for the Stuurgroep Internationale Werknemers (Pluijmen) (+3)" in md


# -- through a real embedded store ---------------------------------------------------------
def _filled(path):
    from graph.stores.open import open_store

    uri = f"embedded:{path / 'graph'}"
    with open_store(uri) as store:
        load_into(store)
    return uri


@pytest.fixture(scope="module")
def store_uri(tmp_path_factory):
    """Read by the command tests only: one store for the module."""
    return _filled(tmp_path_factory.mktemp("plan-store"))


@pytest.fixture
def fresh_store_uri(tmp_path):
    return _filled(tmp_path)


def run_cli(capsys, *args):
    code = main(["plan", *args])
    out = capsys.readouterr()
    return code, out.out, out.err


def test_cli_table(store_uri, capsys):
    code, out, _ = run_cli(capsys, "--store", store_uri, "--from", TODAY, "--weeks", "2", "--per-week", "2")
    assert code == 0
    lines = out.splitlines()
    assert lines[0].split()[:5] == ["#", "week", "date", "region", "municipality"]
    assert "20-03-2024" in lines[2] and "Kerkrade" in lines[2] and "appointment known" in lines[2]
    assert "Landgraaf" in lines[3] and "candidate for the Stuurgroep" in lines[3]


def test_cli_csv_and_region(store_uri, capsys):
    code, out, _ = run_cli(capsys, "--store", store_uri, "--from", TODAY, "--format", "csv",
                           "--region", "Midden-Limburg", "--weeks", "1")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert code == 0 and [r["municipality"] for r in rows][:2] == ["Echt-Susteren", "Nederweert"]
    assert "engagement low: 'De gemeente Echt-Susteren ziet geen urgentie.' (13-03-2024)" in rows[0]["reasons"]


def test_cli_ics_parses_back(store_uri, tmp_path, capsys):
    target = tmp_path / "round.ics"
    code, _, err = run_cli(capsys, "--store", store_uri, "--from", TODAY, "--format", "ics", "-o", str(target))
    assert code == 0 and "wrote" in err
    evs = Calendar.from_ical(target.read_bytes()).walk("VEVENT")
    assert [(str(e["SUMMARY"]), e.decoded("DTSTART").isoformat()) for e in evs] == [
        ("Afspraak wethouder Janssen (Kerkrade)", "2024-03-20")]


def test_cli_weights_change_the_plan(store_uri, capsys):
    _, out, _ = run_cli(capsys, "--store", store_uri, "--from", TODAY, "--format", "csv", "--weeks", "1",
                        "--per-week", "2", "--weight", "stuurgroep_candidate=0", "--weight", "engagement_low=20")
    assert [r["municipality"] for r in csv.DictReader(io.StringIO(out))] == ["Kerkrade", "Echt-Susteren"]


@pytest.mark.parametrize("args, message", [
    (["--region", "Atlantis"], "unknown region 'Atlantis'"),
    (["--from", "24-04-2023"], "is not a date"),
    (["--weeks", "0"], "at least 1"),
    (["--weight", "bogus=1"], "unknown weight 'bogus'"),
    (["--ambassador", "Nobody"], "no person 'Nobody'"),
])
def test_cli_bad_input_exits_2_with_one_line(store_uri, capsys, args, message):
    code, out, err = run_cli(capsys, "--store", store_uri, *args)
    assert code == 2 and message in err and out == ""


def test_cli_weights_listing(capsys):
    code, out, _ = run_cli(capsys, "--weights", "--weight", "engagement_low=4")
    assert code == 0 and "engagement_low = 4" in out and "no_contact = 3" in out


def test_python_m_graph_plan_runs(store_uri):
    res = subprocess.run([sys.executable, "-m", "graph", "plan", "--store", store_uri, "--from", TODAY,
                          "--format", "md"], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert res.returncode == 0, res.stderr
    assert res.stdout.startswith("# Contact round 14-03-2024 – 10-04-2024")


def test_a_recorded_contact_changes_the_plan(fresh_store_uri):
    from graph.stores.open import open_store

    with open_store(fresh_store_uri) as store:
        g = store.read_graph()
        before = make_plan(g, TODAY, weeks=1, per_week=2)
        assert [v.name for v in before.visits] == ["Kerkrade", "Landgraaf"]
        doc_id, result = record_contact(store, g, date="2024-03-14", by="person:kennisambassadeur",
                                        with_="person:pluijmen", kind="conversation", status="held",
                                        note="Kennismaking; Pluijmen wil in de Stuurgroep")
        assert result.changed
        again = record_contact(store, g, date="2024-03-14", by="person:kennisambassadeur",
                               with_="person:pluijmen", kind="conversation", status="held",
                               note="Kennismaking; Pluijmen wil in de Stuurgroep")
        assert again == (doc_id, again[1]) and not again[1].changed  # same contact twice: nothing new
        g2 = store.read_graph()
    landgraaf = next(p for p in rank(g2, TODAY) if p.name == "Landgraaf")
    assert "contact held 14-03-2024 by Kennisambassadeur" in [r.text for r in landgraaf.reasons]
    assert "no contact yet" not in [r.text for r in landgraaf.reasons]
    edge = [a for _u, _v, a in g2.edges(data=True) if a.get("source") == doc_id and a["type"] == "CONTACT"]
    assert edge[0]["evidence"] == "Kennismaking; Pluijmen wil in de Stuurgroep"
    assert g2.nodes[doc_id]["kind"] == "contact log"
    after = make_plan(g2, TODAY, weeks=1, per_week=2)
    assert [v.name for v in after.visits] == ["Kerkrade", "Echt-Susteren"]


def test_a_bad_contact_writes_nothing(store_uri):
    from graph.stores.open import open_store
    from loaders.contacts import ContactLogError

    with open_store(store_uri) as store:
        g = store.read_graph()
        docs = len(store.documents())
        with pytest.raises(ContactLogError, match="'from' and 'to' are the same party"):
            record_contact(store, g, date="2024-03-14", by="person:pluijmen", with_="person:pluijmen",
                           kind="conversation", status="held")
        assert len(store.documents()) == docs


def test_a_recorded_appointment_heads_the_plan_and_the_calendar(fresh_store_uri):
    from graph.ics import plan_ics
    from graph.stores.open import open_store

    with open_store(fresh_store_uri) as store:
        g = store.read_graph()
        record_contact(store, g, date="2024-03-27", by="person:kennisambassadeur", with_="person:smeets",
                       kind="appointment", status="planned", note="Afspraak over de lage betrokkenheid")
        g2 = store.read_graph()
    plan = make_plan(g2, TODAY, weeks=3, per_week=2)
    assert [(v.status, v.date, v.name) for v in plan.visits[:2]] == [
        ("appointment", "2024-03-20", "Kerkrade"), ("appointment", "2024-03-27", "Echt-Susteren")]
    assert plan.visits[1].evidence == "Afspraak over de lage betrokkenheid"
    evs = Calendar.from_ical(plan_ics(plan, stamp=dt.datetime(2024, 3, 14))).walk("VEVENT")
    assert [(str(e["SUMMARY"]), e.decoded("DTSTART").isoformat()) for e in evs] == [
        ("Afspraak wethouder Janssen (Kerkrade)", "2024-03-20"),
        ("Afspraak wethouder Smeets (Echt-Susteren)", "2024-03-27")]
