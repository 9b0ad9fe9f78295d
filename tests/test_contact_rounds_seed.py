"""The contact-round planner on the seed minutes (samples/taskforce-2023-04-12.txt),
extracted by the real extractor and ingested into a real embedded store in tmp_path:
the issue's seed expectations, as of the day after the meeting."""
import datetime as dt
import re
from pathlib import Path

import pytest
from icalendar import Calendar

from graph.briefs import brief_markdown, visit_brief
from graph.contact_rounds import rank
from graph.ics import plan_ics
from graph.introductions import introductions
from graph.plan import make_plan

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "samples" / "taskforce-2023-04-12.txt"
TODAY = "2023-04-13"


@pytest.fixture(scope="module")
def g(tmp_path_factory):
    from graph.stores.open import open_store
    from loaders.ingest import ingest_paths

    setting = f"embedded:{tmp_path_factory.mktemp('seed-rounds') / 'graph'}"
    with open_store(setting) as store:
        report = ingest_paths(store, [SEED])
        assert [o.status for o in report.outcomes] == ["written"], [o.reason for o in report.outcomes]
        return store.read_graph()


def reasons(g, name, kind="municipality"):
    return next([r.text for r in p.reasons] for p in rank(g, TODAY, kind=kind) if p.name == name)


def test_introduction_kennisambassadeur_diederen_geilen(g):
    best = introductions(g, "Geilen", today=TODAY)[0]
    assert best.names == ["Kennisambassadeur", "Diederen", "Geilen"]
    first, second = best.steps
    assert (first.type, first.kind, first.status, first.date) == ("CONTACT", "appointment", "planned", "2023-04-24")
    assert "op 24 april 2023 afspraak met wethouder Diederen" in first.evidence
    assert (second.kind, second.status) == ("request", "planned")
    assert "Wethouder Diederen zal wethouder Geilen" in second.evidence
    assert {s.source for s in best.steps} == {"document:taskforce-2023-04-12"}


def test_known_appointments_first(g):
    plan = make_plan(g, TODAY, weeks=4, per_week=3)
    assert [(v.status, v.date, v.whom, v.name) for v in plan.visits[:2]] == [
        ("appointment", "2023-04-20", "wethouder Gelderblom", "Heerlen"),
        ("appointment", "2023-04-24", "wethouder Diederen", "Beek")]
    assert all(v.status == "proposed" for v in plan.visits[2:])
    sittard = next(v for v in plan.visits if v.name == "Sittard-Geleen")
    assert sittard.door == "Kennisambassadeur → Diederen → Geilen"
    assert len(plan.visits) == 12  # four weeks of three


def test_plan_for_one_region(g):
    plan = make_plan(g, TODAY, regions=["Midden-Limburg"], weeks=1, per_week=2)
    assert [v.name for v in plan.visits][:1] == ["Roermond"]
    assert {v.region for v in plan.visits} == {"Midden-Limburg"}


def test_engagement_low_with_its_words_and_date(g):
    rs = reasons(g, "Roermond")
    assert "no contact yet" in rs
    assert any(r.startswith("engagement low: '") and "herkent de problematiek niet" in r
               and r.endswith("(12-04-2023)") for r in rs)


def test_region_absent_and_stuurgroep_candidate(g):
    rs = reasons(g, "Sittard-Geleen")
    assert "candidate for the Stuurgroep Internationale Werknemers (Geilen)" in rs
    assert "region absent at the last meeting (Zuid-Limburg, 12-04-2023)" in rs
    assert any(r.startswith("request planned: Diederen will approach Geilen") for r in rs)
    assert not any("absent" in r for r in reasons(g, "Weert"))  # Midden-Limburg was there


def test_open_action_item_with_its_date(g):
    rs = reasons(g, "Beek")
    assert any(re.fullmatch(r"open action item since (15-03|12-04)-2023: 'Kennisambassadeur neemt deelname "
                            r"Stuurgroep op met wethouder Diederen'", r) for r in rs), rs
    assert "appointment planned 24-04-2023 (Kennisambassadeur with Diederen)" in rs


def test_appointment_passed_after_the_date(g):
    assert not any("has passed" in r for r in reasons(g, "Beek"))  # as of TODAY it lies ahead
    later = next([r.text for r in p.reasons] for p in rank(g, "2023-05-01") if p.name == "Beek")
    assert "appointment of 24-04-2023 with Diederen has passed: record whether it was held" in later


def test_calendar_of_the_seed(g):
    plan = make_plan(g, TODAY, weeks=4, per_week=3)
    evs = Calendar.from_ical(plan_ics(plan, stamp=dt.datetime(2023, 4, 13, 9, tzinfo=dt.timezone.utc))).walk("VEVENT")
    assert [(e.decoded("DTSTART"), str(e["SUMMARY"])) for e in evs] == [
        (dt.date(2023, 4, 20), "Afspraak wethouder Gelderblom (Heerlen)"),
        (dt.date(2023, 4, 24), "Afspraak wethouder Diederen (Beek)")]


def test_brief_of_diederen_quotes_the_minutes(g):
    md = brief_markdown(visit_brief(g, "Diederen", today=TODAY))
    assert md.startswith("# Visit brief: wethouder Diederen (Beek)")
    assert re.search(r"“Kennisambassadeur heeft op 24 april 2023 afspraak met wethouder Diederen \(gemeente "
                     r"Beek\)\.?” \([^)]*12-04-2023\)", md)
    assert "Kennisambassadeur neemt deelname Stuurgroep op met wethouder Diederen" in md
    assert "Kennisambassadeur → Diederen" in md
    assert "Among municipalities: request Diederen – Geilen (planned, reported 12-04-2023)" in md  # who asks whom
    assert "GM0888" not in md  # the reference list is not a quote from the minutes


def test_brief_of_roermond(g):
    md = brief_markdown(visit_brief(g, "Roermond", today=TODAY))
    assert "herkent de problematiek niet" in md and "Known aldermen: Van Reij" in md


def test_redacted_role_holders_stay_role_names(g):
    amb = g.nodes["person:kennisambassadeur"]
    assert amb["name"] == "Kennisambassadeur" and amb.get("redacted") is True
