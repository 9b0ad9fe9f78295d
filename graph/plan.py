"""A contact-round plan: chosen regions, a horizon in weeks, a maximum of visits per week
-> the appointments already known placed first (in date order), then the municipalities
most in need of a visit, week by week and grouped per region, each with its reasons.

Weeks start on the plan's start date (week 1 = start .. start + 6 days).  A week takes
visits from one region where it can, so a week of visits is one trip; known appointments
stay in their own week even when that week is then over its maximum (the plan says so).

>>> from graph.model import DocumentGraph
>>> d = DocumentGraph()
>>> doc = d.add_node("Document", "taskforce-2024-03-13", date="2024-03-13", kind="minutes", path="x.txt")
>>> amb, janssen = d.add_node("Person", "Kennisambassadeur"), d.add_node("Person", "Janssen")
>>> _ = d.add_rel("ALDERMAN_OF", janssen, d.add_node("Municipality", "Kerkrade"), source=doc.id)
>>> _ = d.add_rel("CONTACT", amb, janssen, kind="appointment", status="planned", date="2024-03-20",
...               source=doc.id, evidence="Kennisambassadeur heeft op 20 maart afspraak met wethouder Janssen.")
>>> _ = d.add_node("Municipality", "Meerssen"); _ = d.add_node("Municipality", "Venlo")
>>> p = make_plan(d.to_networkx(), "2024-03-14", weeks=2, per_week=1)
>>> [(v.week, v.status, v.name, v.date) for v in p.visits]
[(1, 'appointment', 'Kerkrade', '2024-03-20'), (2, 'proposed', 'Meerssen', '')]
>>> [x.name for x in p.not_planned]
['Venlo']
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from graph.introductions import introductions, md_escape
from graph.contact_rounds import (AMBASSADOR, TASKFORCE, Profile, Reason, Weights, as_date, edges_of, find_node,
                                  label_of, municipality_of, name_of, rank, region_of, show_date)


@dataclass
class Visit:
    week: int
    week_start: dt.date
    status: str  # "appointment" (already known) or "proposed"
    date: str  # the appointment's date; '' for a proposed visit
    subject: str  # municipality id (or the counterpart's id when it has no municipality)
    name: str
    whom: str
    region: str  # region name, '' when unknown
    score: float
    reasons: list[Reason] = field(default_factory=list)
    evidence: str = ""  # for an appointment: the sentence that reported it
    source: str = ""
    kind: str = ""  # for an appointment: the contact's kind
    with_id: str = ""  # for an appointment: the person (or party) met
    door: str = ""  # for a proposal: the warmest introduction path, e.g. "Kennisambassadeur → Diederen → Geilen"

    @property
    def reason_text(self) -> str:
        return "; ".join(r.text for r in self.reasons)


@dataclass
class Plan:
    start: dt.date
    weeks: int
    per_week: int
    regions: list[str]  # region names chosen ([] = all)
    ambassador: str
    visits: list[Visit]
    not_planned: list[Profile]  # in need of a visit, no room left in the horizon
    notes: list[str] = field(default_factory=list)

    def by_region(self) -> dict[str, list[Visit]]:
        """Visits grouped per region, in plan order."""
        out: dict[str, list[Visit]] = {}
        for v in self.visits:
            out.setdefault(v.region or "(no region)", []).append(v)
        return out

    def week_start(self, week: int) -> dt.date:
        return self.start + dt.timedelta(days=7 * (week - 1))


def resolve_regions(g, regions) -> list[str]:
    """Region ids for names, ids or aliases; ValueError listing the known regions."""
    out = []
    for r in regions or ():
        try:
            out.append(find_node(g, r, labels=("Region",)))
        except ValueError:
            known = sorted(name_of(g, n) for n in g if label_of(g, n) == "Region")
            raise ValueError(f"unknown region {r!r}; known regions: {', '.join(known) or 'none loaded'}") from None
    return out


def _in_regions(g, municipality: str | None, chosen: list[str]) -> bool:
    if not chosen:
        return True
    if municipality is None:
        return False
    region, subregion = region_of(g, municipality)
    return region in chosen or subregion in chosen


def _door(g, p: Profile, ambassador: str, today) -> str:
    """The warmest way in, when it runs through someone else: the chain of names."""
    if ambassador not in g:
        return ""
    targets = p.aldermen or [p.id]
    best = []
    for t in targets:
        best += introductions(g, t, source=ambassador, today=today, k=1, max_steps=3)
    best.sort(key=lambda path: (path.cost, len(path.steps)))
    if not best or len(best[0].steps) < 2:
        return ""  # a direct line needs no introduction
    return " → ".join(best[0].names)


def known_appointments(g, ambassador: str = AMBASSADOR, start=None, end=None) -> list[dict]:
    """Planned contacts with a date that involve the ambassador, soonest first:
    {date, with, with_name, kind, municipality, evidence, source, key}.  start/end bound
    the date (end exclusive)."""
    start, end = as_date(start), as_date(end)
    out = {}
    if ambassador not in g:
        return []
    for other, a, _out in edges_of(g, ambassador, "CONTACT"):
        d = as_date(a.get("date"))
        if a.get("status") != "planned" or d is None:
            continue
        if (start and d < start) or (end and d >= end):
            continue
        muni = other if label_of(g, other) == "Municipality" else municipality_of(g, other)
        row = {"date": a.get("date"), "with": other, "with_name": name_of(g, other), "kind": a.get("kind", ""),
               "municipality": muni, "evidence": a.get("evidence", ""), "source": a.get("source", "")}
        out[(row["date"], other, row["kind"])] = row
    return sorted(out.values(), key=lambda r: (r["date"], r["with_name"]))


def make_plan(g, today, *, regions=(), weeks: int = 4, per_week: int = 3, weights: Weights | None = None,
              ambassador: str = AMBASSADOR, body: str = TASKFORCE, min_score: float = 0.0) -> Plan:
    """The plan from `today` for `weeks` weeks with at most `per_week` visits a week."""
    if weeks < 1 or per_week < 1:
        raise ValueError("weeks and visits per week must be at least 1")
    start = as_date(today)
    if start is None:
        raise ValueError(f"not a date: {today!r} (use YYYY-MM-DD)")
    chosen = resolve_regions(g, regions)
    end = start + dt.timedelta(days=7 * weeks)
    ranked = rank(g, start, weights, body=body)
    by_id = {p.id: p for p in ranked}
    notes = []
    if ambassador not in g:
        who = ambassador.split(":", 1)[-1].replace("-", " ").capitalize()
        notes.append(f"no {who} in the graph, so no known appointments")
    if not any(label_of(g, n) == "Municipality" for n in g):
        notes.append("the graph holds no municipalities: load the reference data and minutes first "
                     "(python -m loaders ingest PATH)")

    visits: list[Visit] = []
    booked: set[str] = set()
    for appt in known_appointments(g, ambassador, start, end):
        muni = appt["municipality"]
        if chosen and muni is not None and not _in_regions(g, muni, chosen):
            continue  # an appointment with nobody of a municipality stays: it is the ambassador's
        p = by_id.get(muni)
        d = as_date(appt["date"])
        week = (d - start).days // 7 + 1
        region = p.region_name if p else ""
        visits.append(Visit(week, start + dt.timedelta(days=7 * (week - 1)), "appointment", appt["date"],
                            muni or appt["with"], name_of(g, muni) if muni else appt["with_name"],
                            f"{appt['with_name']}" if label_of(g, appt["with"]) != "Person"
                            else f"wethouder {appt['with_name']}" if municipality_of(g, appt["with"])
                            else appt["with_name"],
                            region, p.score if p else 0.0, list(p.reasons) if p else [], appt["evidence"],
                            appt["source"], appt["kind"], appt["with"]))
        if muni:
            booked.add(muni)

    load = {w: sum(1 for v in visits if v.week == w) for w in range(1, weeks + 1)}
    for w, n in load.items():
        if n > per_week:
            notes.append(f"week {w} already has {n} known appointments, more than {per_week}")
    room = sum(max(0, per_week - n) for n in load.values())
    candidates = [p for p in ranked if p.id not in booked and p.score > min_score
                  and _in_regions(g, p.id, chosen)]
    chosen_now, not_planned = candidates[:room], candidates[room:]

    # Group per region, regions in order of their most urgent municipality.
    groups: dict[str, list[Profile]] = {}
    for p in chosen_now:
        groups.setdefault(p.region_name, []).append(p)
    region_week = {}
    for v in visits:
        region_week.setdefault(v.region, v.week)
    proposed = []
    for region, ps in groups.items():  # dicts keep insertion order: most urgent region first
        for p in ps:
            # a week already going to this region, else the first week with room
            options = [w for w in range(1, weeks + 1) if load[w] < per_week]
            same = [w for w in options if any(v.region == region for v in visits + proposed if v.week == w)]
            week = (same or options)[0]
            load[week] += 1
            proposed.append(Visit(week, start + dt.timedelta(days=7 * (week - 1)), "proposed", "", p.id, p.name,
                                  p.whom, p.region_name, p.score, list(p.reasons),
                                  door=_door(g, p, ambassador, start)))
    region_order = {r: i for i, r in enumerate(dict.fromkeys([v.region for v in visits] + list(groups)))}
    # The known appointments head the list (they are fixed); the proposals follow week by week.
    ordered = sorted(visits, key=lambda v: (v.date, v.name)) + sorted(
        proposed, key=lambda v: (v.week, region_order.get(v.region, 99), -v.score, v.name))
    return Plan(start, weeks, per_week, [name_of(g, r) for r in chosen], ambassador, ordered, not_planned, notes)


PLAN_COLUMNS = ["order", "week", "week_start", "date", "status", "region", "municipality", "whom", "score",
                "reasons", "evidence", "introduction"]


def plan_rows(plan: Plan) -> list[dict]:
    """One flat row per visit, for tables and CSV."""
    return [{"order": i, "week": v.week, "week_start": v.week_start.isoformat(), "date": v.date,
             "status": v.status, "region": v.region, "municipality": v.name, "whom": v.whom,
             "score": v.score, "reasons": v.reason_text, "evidence": v.evidence, "introduction": v.door}
            for i, v in enumerate(plan.visits, 1)]


def plan_markdown(plan: Plan) -> str:
    """The plan as Markdown: per week, per region, each visit with its reasons."""
    end = plan.start + dt.timedelta(days=7 * plan.weeks - 1)
    lines = [f"# Contact round {show_date(plan.start.isoformat())} – {show_date(end.isoformat())}", "",
             f"Regions: {', '.join(plan.regions) or 'all'} · {plan.weeks} weeks · at most {plan.per_week} visits a week",
             ""]
    lines += [f"> {n}" for n in plan.notes]
    appts = [v for v in plan.visits if v.status == "appointment"]
    lines += ["## Known appointments", ""]
    if not appts:
        lines += ["None in this horizon.", ""]
    for v in appts:
        lines.append(f"- **{show_date(v.date)}: {v.kind or 'appointment'} with {md_escape(v.whom)}** "
                     f"({md_escape(v.name)}, {md_escape(v.region or 'no region')}) · week {v.week}")
        if v.evidence:
            lines.append(f"  - known from the minutes: “{md_escape(v.evidence)}”")
        for r in v.reasons:
            lines.append(f"  - {md_escape(r.text)} ({r.weight:+g})")
    lines.append("")
    for week in range(1, plan.weeks + 1):
        vs = [v for v in plan.visits if v.week == week and v.status == "proposed"]
        fixed = [v for v in appts if v.week == week]
        lines += [f"## Week {week} (from {show_date(plan.week_start(week).isoformat())})", ""]
        if fixed:
            lines += ["Also this week: " + "; ".join(f"{show_date(v.date)} {md_escape(v.whom)}" for v in fixed), ""]
        if not vs:
            lines += ["No proposed visits.", ""]
        for v in vs:
            lines.append(f"- **Visit {md_escape(v.name)}** ({md_escape(v.region or 'no region')}): "
                         f"see {md_escape(v.whom)} · priority {v.score:g}")
            for r in v.reasons:
                lines.append(f"  - {md_escape(r.text)} ({r.weight:+g})")
            if v.door:
                lines.append(f"  - who can open the door: {md_escape(v.door)}")
        lines.append("")
    if plan.not_planned:
        lines += ["## Not planned (no room left in the horizon)", ""]
        lines += [f"- {md_escape(p.name)} ({md_escape(p.region_name or 'no region')}) · priority {p.score:g}: "
                  + md_escape("; ".join(r.text for r in p.reasons)) for p in plan.not_planned]
    return "\n".join(lines).rstrip() + "\n"
