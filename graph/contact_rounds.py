"""Contact rounds for the knowledge ambassador: who stands where, and whom to see next.

Plain functions over the networkx MultiDiGraph every store returns (see graph/model.py).
"today" is always a parameter: the minutes are about 2023, and a plan made "as of"
a date must give the same answer tomorrow.

A *profile* gathers, for one municipality (with its known aldermen) or one alderman:
contacts (last held, planned), open action items that involve them, the engagement the
minutes report and how it moved, the region and whether that region was at the latest
Taskforce meetings.  `rank` turns profiles into a priority with reasons a person can act
on; the weights are a dataclass the app and the CLI let the user change.

>>> from graph.model import DocumentGraph
>>> d = DocumentGraph()
>>> doc = d.add_node("Document", "taskforce-2024-01-10", date="2024-01-10", kind="minutes", path="x.txt")
>>> roermond = d.add_node("Municipality", "Roermond")
>>> _ = d.add_rel("ENGAGEMENT", doc, roermond, level="low", source=doc.id,
...               evidence="De gemeente Roermond herkent de problematiek niet.")
>>> top = rank(d.to_networkx(), today="2024-01-20")[0]
>>> top.name, top.score
('Roermond', 6.0)
>>> [r.text for r in top.reasons]
['no contact yet', "engagement low: 'De gemeente Roermond herkent de problematiek niet.' (10-01-2024)"]
"""
from __future__ import annotations

from dataclasses import dataclass, field, fields

# The readers live in graph.contact_facts; re-exported so the plan, the briefs and the page
# import one module for the planner.
from graph.contact_facts import (  # noqa: F401
    AMBASSADOR, LEVEL_RANK, TASKFORCE, ActionItemFact, Attendance, Contact, EngagementReading, Membership,
    action_items_involving, aldermen_of, as_date, contacts_with, document_date, edges_of, engagement_history,
    engagement_trend, find_node, forget, graph_index, is_alderman, is_peer_contact, label_of, memberships,
    municipality_of, name_of, region_attendance, region_of, show_date, taskforce_meetings)


# -- priority ----------------------------------------------------------------------------
@dataclass
class Weights:
    """How much each finding adds to a municipality's priority.  Negative weights lower it.
    Every field is shown (and can be changed) in the app and with `--weight NAME=VALUE`."""
    no_contact: float = 3.0  # nobody of ours has had or planned contact with them
    stale_contact: float = 1.5  # last held contact older than stale_after_weeks
    stale_after_weeks: float = 12.0
    recent_contact: float = -3.0  # a contact held within recent_weeks
    recent_weeks: float = 4.0
    planned_contact: float = -1.0  # a contact already planned ahead of today
    door_opening: float = 0.0  # a municipality colleague is asked to open the door (shown, neutral)
    appointment_passed: float = 1.0  # a planned appointment is past and nobody recorded it held
    engagement_low: float = 3.0
    engagement_medium: float = 1.0
    engagement_high: float = -1.0
    engagement_dropped: float = 2.0  # latest level below an earlier one
    engagement_unknown: float = 0.5  # the minutes say nothing about their engagement
    region_absent: float = 2.0  # the region's representative was absent at the last meeting
    region_absent_each_earlier: float = 0.5  # ... and for each earlier absence in a row
    region_not_listed: float = 1.0  # the region was neither present nor excused
    stuurgroep_candidate: float = 3.0  # candidate for a body (the Stuurgroep ...)
    open_action_item: float = 1.5  # per open action item involving them
    open_action_items_counted: float = 3.0  # at most this many count
    meetings_considered: float = 2.0  # how many latest Taskforce meetings attendance looks at

    def as_dict(self) -> dict:
        return {f.name: getattr(self, f.name) for f in fields(self)}

    @classmethod
    def from_pairs(cls, pairs) -> "Weights":
        """Weights from 'name=value' strings; ValueError naming the unknown name."""
        w = cls()
        names = {f.name for f in fields(cls)}
        for pair in pairs or ():
            name, _, value = pair.partition("=")
            name = name.strip().replace("-", "_")
            if name not in names:
                raise ValueError(f"unknown weight {name!r}; weights: {', '.join(sorted(names))}")
            try:
                setattr(w, name, float(value))
            except ValueError:
                raise ValueError(f"weight {name}: {value!r} is not a number") from None
        return w


@dataclass(frozen=True)
class Reason:
    code: str
    text: str
    weight: float


@dataclass
class Profile:
    """Everything the planner knows about one municipality or one alderman."""
    id: str
    name: str
    kind: str  # "municipality" or "alderman"
    municipality: str | None
    municipality_name: str
    aldermen: list[str]
    aldermen_names: list[str]
    region: str | None
    region_name: str
    subregion_name: str
    contacts: list[Contact]
    peer_contacts: list[Contact]
    engagement: list[EngagementReading]
    action_items: list[ActionItemFact]
    attendance: list[Attendance]
    candidacies: list[Membership]
    reasons: list[Reason] = field(default_factory=list)
    score: float = 0.0

    @property
    def last_held(self) -> Contact | None:
        held = [c for c in self.contacts if c.status == "held"]
        return held[0] if held else None

    def planned(self, today=None) -> list[Contact]:
        """Planned contacts, soonest first; with today, only those not yet past."""
        t = as_date(today) if today else None
        ps = [c for c in self.contacts if c.status == "planned"
              and (t is None or not as_date(c.date) or c.dated_by_report or as_date(c.date) >= t)]
        return sorted(ps, key=lambda c: c.date or "9999")

    @property
    def engagement_latest(self) -> EngagementReading | None:
        return self.engagement[-1] if self.engagement else None

    @property
    def whom(self) -> str:
        if self.kind == "alderman":
            return f"wethouder {self.name}"
        return ", ".join(f"wethouder {n}" for n in self.aldermen_names) or f"gemeente {self.name}"


def profile(g, subject: str, today, *, body: str = TASKFORCE, meetings: int = 2) -> Profile:
    """The profile of a municipality (with its aldermen) or of one alderman."""
    today = as_date(today)
    if label_of(g, subject) == "Municipality":
        kind, muni = "municipality", subject
        aldermen = aldermen_of(g, subject)
        parties = [subject] + aldermen
    elif label_of(g, subject) == "Person":
        kind, muni = "alderman", municipality_of(g, subject)
        aldermen = [subject]
        parties = [subject]
    else:
        raise ValueError(f"{subject!r} is neither a municipality nor a person")
    region, subregion = region_of(g, muni) if muni else (None, None)
    every = contacts_with(g, parties)
    context = [muni] if muni and kind == "alderman" else []
    return Profile(
        id=subject, name=name_of(g, subject), kind=kind, municipality=muni,
        municipality_name=name_of(g, muni) if muni else "",
        aldermen=aldermen, aldermen_names=[name_of(g, a) for a in aldermen],
        region=region, region_name=name_of(g, region) if region else "",
        subregion_name=name_of(g, subregion) if subregion else "",
        contacts=[c for c in every if not is_peer_contact(g, c)],
        peer_contacts=[c for c in every if is_peer_contact(g, c)],
        engagement=engagement_history(g, parties + context),
        action_items=action_items_involving(g, parties),
        attendance=region_attendance(g, region, taskforce_meetings(g, today, body)[:max(0, int(meetings))]),
        candidacies=[m for m in memberships(g, parties) if m.status == "candidate"],
    )


def _quote(text: str, limit: int = 120) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit - 1].rstrip() + "…"


def reasons_for(p: Profile, today, w: Weights) -> list[Reason]:
    """The findings behind a profile's priority, in words a person can act on."""
    today = as_date(today)
    rs: list[Reason] = []
    held = [c for c in p.contacts if c.status == "held" and (not as_date(c.date) or as_date(c.date) <= today)]
    ahead = p.planned(today)
    passed = [c for c in p.contacts if c.status == "planned" and not c.dated_by_report
              and as_date(c.date) and as_date(c.date) < today
              and not any(h.counterpart == c.counterpart and h.date >= c.date for h in held)]
    if not held and not ahead and not passed:
        rs.append(Reason("no_contact", "no contact yet", w.no_contact))
    if held:
        last = held[0]
        age = (today - as_date(last.date)).days / 7 if as_date(last.date) else None
        when = show_date(last.date) or "date unknown"
        when = f"(reported {when})" if last.dated_by_report else when
        if age is not None and age <= w.recent_weeks:
            rs.append(Reason("recent_contact", f"contact held {when} by {last.counterpart_name}", w.recent_contact))
        elif age is None or age > w.stale_after_weeks:
            rs.append(Reason("stale_contact", f"last contact {when} by {last.counterpart_name}", w.stale_contact))
    for c in ahead:
        rs.append(Reason("planned_contact", f"{c.kind or 'contact'} planned {show_date(c.date) or '(no date yet)'}"
                                            f" ({c.counterpart_name} with {c.party_name})", w.planned_contact))
    for c in passed:
        rs.append(Reason("appointment_passed", f"{c.kind or 'contact'} of {show_date(c.date)} with {c.party_name}"
                                               " has passed: record whether it was held", w.appointment_passed))
    for c in p.peer_contacts:
        if c.status == "planned" and c.kind in ("request", "introduction"):
            asker, asked = (c.party_name, c.counterpart_name) if c.from_party else (c.counterpart_name, c.party_name)
            when = f"reported {show_date(c.date)}" if c.dated_by_report else show_date(c.date) or "no date yet"
            rs.append(Reason("door_opening", f"{c.kind} planned: {asker} will approach {asked} ({when})",
                             w.door_opening))
    if p.engagement:
        last = p.engagement[-1]
        level = last.level
        weight = {"low": w.engagement_low, "medium": w.engagement_medium, "high": w.engagement_high}.get(level, 0.0)
        rs.append(Reason(f"engagement_{level}", f"engagement {level}: '{_quote(last.evidence)}' ({show_date(last.date)})",
                         weight))
        best = max(p.engagement, key=lambda e: LEVEL_RANK.get(e.level, 0))
        if LEVEL_RANK.get(best.level, 0) > LEVEL_RANK.get(level, 0):
            rs.append(Reason("engagement_dropped", f"engagement dropped: {engagement_trend(p.engagement)}",
                             w.engagement_dropped))
    else:
        rs.append(Reason("engagement_unknown", "no engagement reported in the minutes", w.engagement_unknown))
    if p.attendance:
        first = p.attendance[0]
        if first.status == "absent":
            run = 0
            for a in p.attendance:
                if a.status != "absent":
                    break
                run += 1
            text = ("region absent at the last meeting" if run == 1
                    else f"region absent at the last {run} meetings")
            rs.append(Reason("region_absent", f"{text} ({p.region_name}, {show_date(first.date)})",
                             w.region_absent + w.region_absent_each_earlier * (run - 1)))
        elif first.status == "not listed":
            rs.append(Reason("region_not_listed", f"region not on the attendance list of the last meeting "
                                                  f"({p.region_name}, {show_date(first.date)})", w.region_not_listed))
    for m in p.candidacies:
        who = "" if m.party == p.id else f" ({m.party_name})"
        rs.append(Reason("candidate", f"candidate for the {m.body_name}{who}", w.stuurgroep_candidate))
    for i, item in enumerate(p.action_items):
        since = f" since {show_date(item.since)}" if item.since else ""
        weight = w.open_action_item if i < int(w.open_action_items_counted) else 0.0
        rs.append(Reason("open_action_item", f"open action item{since}: '{_quote(item.text)}'", weight))
    return rs


def rank(g, today, weights: Weights | None = None, *, subjects=None, kind: str = "municipality",
         body: str = TASKFORCE) -> list[Profile]:
    """Profiles with their reasons and score, highest priority first (ties by name).
    kind="municipality" ranks every municipality, kind="alderman" every known alderman."""
    w = weights or Weights()
    if subjects is None:
        if kind == "municipality":
            subjects = [n for n in g if label_of(g, n) == "Municipality"]
        else:
            subjects = [n for n in g if is_alderman(g, n)]
    out = []
    for s in subjects:
        p = profile(g, s, today, body=body, meetings=int(w.meetings_considered))
        p.reasons = reasons_for(p, today, w)
        p.score = round(sum(r.weight for r in p.reasons), 2)
        out.append(p)
    return sorted(out, key=lambda p: (-p.score, p.name.lower()))


def profile_row(p: Profile, today) -> dict:
    """One flat row of a ranked profile, for tables and CSV: what the ambassador asks
    about a municipality or alderman at a glance."""
    last = p.last_held
    latest = p.engagement_latest
    return {
        "name": p.name, "kind": p.kind, "municipality": p.municipality_name, "region": p.region_name,
        "aldermen": ", ".join(p.aldermen_names), "score": p.score,
        "last held contact": show_date(last.date) if last else "",
        "by": last.counterpart_name if last else "",
        "planned": "; ".join(f"{show_date(c.date) or 'no date'} {c.kind} with {c.counterpart_name}"
                             for c in p.planned(today)),
        "open action items": len(p.action_items),
        "engagement": latest.level if latest else "",
        "engagement evidence": latest.evidence if latest else "",
        "engagement trend": engagement_trend(p.engagement),
        "region at last meetings": ", ".join(f"{show_date(a.date)} {a.status}" for a in p.attendance),
        "reasons": "; ".join(r.text for r in p.reasons),
    }
