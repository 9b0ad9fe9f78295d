"""The ambassador's appointments as an RFC 5545 calendar (.ics), written with the
`icalendar` package so any calendar program imports them.

Minutes give a day, not an hour, so an appointment is an all-day event (DTSTART with
VALUE=DATE, DTEND the next day).  UIDs are derived from the appointment itself, so
importing a newer file updates the events instead of duplicating them.  DTSTAMP is a
parameter ("now" never comes from inside the function).

>>> import datetime as dt
>>> from icalendar import Calendar
>>> data = appointments_ics([{"date": "2023-04-24", "with_name": "Diederen", "kind": "appointment",
...     "whom": "wethouder Diederen", "municipality_name": "Beek", "region": "Zuid-Limburg",
...     "evidence": "Kennisambassadeur heeft op 24 april 2023 afspraak met wethouder Diederen.",
...     "source": "document:taskforce-2023-04-12"}], stamp=dt.datetime(2023, 4, 13, 9, 0))
>>> ev = Calendar.from_ical(data).walk("VEVENT")[0]
>>> str(ev["SUMMARY"]), ev.decoded("DTSTART")
('Afspraak wethouder Diederen (Beek)', datetime.date(2023, 4, 24))
"""
from __future__ import annotations

import datetime as dt
import hashlib

from icalendar import Calendar, Event

from graph.contact_rounds import as_date

PRODID = "-//Stakeholder graph Limburg//Contact rounds//NL"
KIND_NL = {"appointment": "Afspraak", "conversation": "Gesprek", "request": "Verzoek", "introduction": "Introductie"}


def _uid(*parts) -> str:
    raw = "|".join(str(p) for p in parts)
    return hashlib.sha1(raw.encode("utf-8")).hexdigest()[:20] + "@stakeholder-graph-limburg"


def appointments_ics(appointments, *, stamp: dt.datetime, calendar_name: str = "Contact round",
                     proposals=()) -> bytes:
    """A VCALENDAR with one all-day VEVENT per appointment: dicts with date, whom,
    municipality_name, region, kind, evidence, source (missing keys are left out).
    `proposals` (dicts with week_start, weeks=1, name, whom, region, reasons) become
    TENTATIVE events spanning their week, so the proposed visits show too."""
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", calendar_name)
    stamp = stamp if stamp.tzinfo else stamp.replace(tzinfo=dt.timezone.utc)
    for a in appointments:
        day = as_date(a.get("date"))
        if day is None:
            continue  # an appointment without a day cannot go in a calendar
        whom = a.get("whom") or a.get("with_name") or ""
        where = a.get("municipality_name") or ""
        ev = Event()
        ev.add("uid", _uid(a.get("source"), a.get("date"), whom, a.get("kind")))
        ev.add("dtstamp", stamp)
        ev.add("dtstart", day)
        ev.add("dtend", day + dt.timedelta(days=1))
        ev.add("summary", f"{KIND_NL.get(a.get('kind', ''), 'Afspraak')} {whom}" + (f" ({where})" if where else ""))
        ev.add("status", "CONFIRMED")
        ev.add("transp", "OPAQUE")
        desc = []
        if a.get("evidence"):
            desc.append(f"Uit het verslag: {a['evidence']}")
        if a.get("source"):
            desc.append(f"Bron: {a['source']}")
        for r in a.get("reasons") or ():
            desc.append(f"- {r}")
        if desc:
            ev.add("description", "\n".join(desc))
        if where:
            ev.add("location", f"gemeente {where}")
        if a.get("region"):
            ev.add("categories", [a["region"]])
        cal.add_component(ev)
    for p in proposals:
        start = as_date(p.get("week_start"))
        if start is None:
            continue
        ev = Event()
        ev.add("uid", _uid("proposal", p.get("name"), start))
        ev.add("dtstamp", stamp)
        ev.add("dtstart", start)
        ev.add("dtend", start + dt.timedelta(days=7))
        ev.add("summary", f"Voorstel: bezoek {p.get('name')} ({p.get('whom', '')})")
        ev.add("status", "TENTATIVE")
        ev.add("transp", "TRANSPARENT")  # a proposal does not block the week
        if p.get("reasons"):
            ev.add("description", "\n".join(f"- {r}" for r in p["reasons"]))
        if p.get("region"):
            ev.add("categories", [p["region"]])
        cal.add_component(ev)
    return cal.to_ical()


def plan_ics(plan, *, stamp: dt.datetime, proposals: bool = False) -> bytes:
    """The plan's known appointments (and, with proposals=True, its proposed visits)."""
    appts = [{"date": v.date, "whom": v.whom, "municipality_name": v.name if v.subject.startswith("municipality:")
              else "", "region": v.region, "kind": v.kind, "evidence": v.evidence, "source": v.source,
              "reasons": [r.text for r in v.reasons]}
             for v in plan.visits if v.status == "appointment"]
    props = [{"week_start": v.week_start, "name": v.name, "whom": v.whom, "region": v.region,
              "reasons": [r.text for r in v.reasons]} for v in plan.visits if v.status == "proposed"]
    return appointments_ics(appts, stamp=stamp, proposals=props if proposals else ())
