"""The calendar of planned appointments parses back (icalendar) with the right dates and names."""
import datetime as dt

from icalendar import Calendar

from contact_rounds_data import TODAY, build
from graph.ics import plan_ics
from graph.plan import make_plan

STAMP = dt.datetime(2024, 3, 14, 8, 30, tzinfo=dt.timezone.utc)


def events(data):
    return Calendar.from_ical(data).walk("VEVENT")


def test_appointments_parse_back_with_dates_and_names():
    plan = make_plan(build().to_networkx(), TODAY, weeks=4, per_week=2)
    cal = Calendar.from_ical(plan_ics(plan, stamp=STAMP))
    assert str(cal["VERSION"]) == "2.0" and "PRODID" in cal
    evs = cal.walk("VEVENT")
    assert [(str(e["SUMMARY"]), e.decoded("DTSTART"), e.decoded("DTEND")) for e in evs] == [
        ("Afspraak wethouder Janssen (Kerkrade)", dt.date(2024, 3, 20), dt.date(2024, 3, 21))]
    ev = evs[0]
    assert ev.decoded("DTSTAMP") == STAMP
    assert "Kennisambassadeur heeft op 20 maart 2024 afspraak met wethouder Janssen." in str(ev["DESCRIPTION"])
    assert str(ev["LOCATION"]) == "gemeente Kerkrade"
    assert str(ev["STATUS"]) == "CONFIRMED"


def test_uids_are_stable_so_a_reimport_updates():
    plan = make_plan(build().to_networkx(), TODAY, weeks=4, per_week=2)
    a = events(plan_ics(plan, stamp=STAMP))
    b = events(plan_ics(plan, stamp=STAMP + dt.timedelta(days=3)))
    assert [str(e["UID"]) for e in a] == [str(e["UID"]) for e in b]


def test_proposals_are_tentative_week_long_events():
    plan = make_plan(build().to_networkx(), TODAY, weeks=2, per_week=2)
    evs = events(plan_ics(plan, stamp=STAMP, proposals=True))
    tentative = [e for e in evs if str(e["STATUS"]) == "TENTATIVE"]
    assert [(str(e["SUMMARY"]), e.decoded("DTSTART")) for e in tentative] == [
        ("Voorstel: bezoek Landgraaf (wethouder Pluijmen)", dt.date(2024, 3, 14)),
        ("Voorstel: bezoek Meerssen (gemeente Meerssen)", dt.date(2024, 3, 21)),
        ("Voorstel: bezoek Echt-Susteren (wethouder Smeets)", dt.date(2024, 3, 21))]
    assert all(e.decoded("DTEND") - e.decoded("DTSTART") == dt.timedelta(days=7) for e in tentative)


def test_an_appointment_outside_the_horizon_is_not_in_the_calendar():
    plan = make_plan(build().to_networkx(), "2024-03-21", weeks=2, per_week=2)
    assert [e for e in events(plan_ics(plan, stamp=STAMP)) if str(e["STATUS"]) == "CONFIRMED"] == []
