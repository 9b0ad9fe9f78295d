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

import datetime as dt
import re
import weakref
from dataclasses import dataclass, field, fields
from functools import lru_cache

from graph.contract import node_id, slug

AMBASSADOR = node_id("Person", "Kennisambassadeur")
TASKFORCE = node_id("Body", "Taskforce Internationale Werknemers")
LEVEL_RANK = {"low": 0, "medium": 1, "high": 2}


# -- small readers shared by the planner, the introductions and the briefs ----------------
def as_date(value) -> dt.date | None:
    """An ISO date ("2023-04-24", or "2023-07" when only the month is known) as a date.

    >>> as_date("2023-07"), as_date("2023-04-24"), as_date(""), as_date("in juli")
    (datetime.date(2023, 7, 1), datetime.date(2023, 4, 24), None, None)
    """
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    m = re.fullmatch(r"(\d{4})-(\d{2})(?:-(\d{2}))?", str(value or "").strip())
    if not m:
        return None
    return dt.date(int(m[1]), int(m[2]), int(m[3] or 1))


def show_date(value) -> str:
    """The Dutch way the minutes write dates: 24-04-2023; a month-only date as 07-2023.

    >>> show_date("2023-04-24"), show_date("2023-07"), show_date(None)
    ('24-04-2023', '07-2023', '')
    """
    s = str(value or "")
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", s):
        return f"{s[8:10]}-{s[5:7]}-{s[:4]}"
    if re.fullmatch(r"\d{4}-\d{2}", s):
        return f"{s[5:7]}-{s[:4]}"
    return s


def name_of(g, nid: str) -> str:
    return g.nodes[nid].get("name", nid) if nid in g else nid


def label_of(g, nid: str) -> str:
    return g.nodes[nid].get("label", "") if nid in g else ""


def document_date(g, source_id: str) -> str:
    """The date of the document an assertion was read from ('' when unknown)."""
    return str(g.nodes[source_id].get("date") or "") if source_id in g else ""


class _Index:
    """Relationships of a graph by (node, type), and other per-graph facts, built once.

    The analyses ask "the CONTACTs of X" thousands of times; scanning a node's edges each
    time made ranking a 200-minutes graph take minutes.  The index is kept per graph
    object (weakly) and rebuilt when the graph's node count changes.  The graphs the
    stores return are read, never edited; whoever edits a graph between two analyses
    calls forget(g).  (Counting a MultiDiGraph's edges is itself a scan, so it cannot
    serve as the check.)"""

    def __init__(self, g):
        self.size = g.number_of_nodes()
        self.adj: dict[tuple[str, str], list] = {}
        for u, v, attrs in g.edges(data=True):
            t = attrs.get("type")
            self.adj.setdefault((u, t), []).append((v, attrs, True))
            self.adj.setdefault((v, t), []).append((u, attrs, False))
        self.memo: dict = {}  # per-graph results: action items, meetings, step graphs


_INDEXES: "weakref.WeakKeyDictionary" = weakref.WeakKeyDictionary()


def graph_index(g) -> _Index:
    ix = _INDEXES.get(g)
    if ix is None or ix.size != g.number_of_nodes():
        ix = _INDEXES[g] = _Index(g)
    return ix


def forget(g) -> None:
    """Drop the index of a graph that was edited in place."""
    _INDEXES.pop(g, None)


def edges_of(g, nid: str, rtype: str):
    """(other end, edge attributes, outgoing?) for every relationship of `rtype` at nid."""
    return iter(graph_index(g).adj.get((nid, rtype), ()))


@lru_cache(maxsize=65536)
def _folded(text: str) -> str:
    """Text as space-separated slug words, padded: ' kennisambassadeur neemt ... '."""
    return f" {slug(text).replace('-', ' ')} "


def find_node(g, text: str, labels=None) -> str:
    """A node id from an id, a name or an alias (case-insensitive); ValueError naming the
    choices when nothing or several things match.

    >>> from graph.model import DocumentGraph
    >>> d = DocumentGraph(); _ = d.add_node("Person", "Van Reij", aliases=["van Reij"])
    >>> find_node(d.to_networkx(), "van reij")
    'person:van-reij'
    """
    if text in g and (labels is None or label_of(g, text) in labels):
        return text
    want = slug(text)
    hits = [n for n, a in g.nodes(data=True)
            if (labels is None or a.get("label") in labels)
            and (slug(a.get("name", "")) == want or any(slug(x) == want for x in a.get("aliases") or []))]
    if len(hits) == 1:
        return hits[0]
    what = "/".join(labels) if labels else "node"
    if not hits:
        raise ValueError(f"no {what} called {text!r} in the graph")
    raise ValueError(f"{text!r} is ambiguous: {', '.join(sorted(hits))}")


def region_of(g, municipality: str) -> tuple[str | None, str | None]:
    """(region id, subregion id) of a municipality, following IN_REGION upwards."""
    region = subregion = None
    seen, todo = set(), [municipality]
    while todo:
        nid = todo.pop()
        for other, _a, out in edges_of(g, nid, "IN_REGION"):
            if not out or other in seen:
                continue
            seen.add(other)
            if g.nodes[other].get("level") == "subregion":
                subregion = subregion or other
            else:
                region = region or other
            todo.append(other)
    return region, subregion


def aldermen_of(g, municipality: str) -> list[str]:
    return sorted({o for o, _a, out in edges_of(g, municipality, "ALDERMAN_OF") if not out},
                  key=lambda n: name_of(g, n))


def municipality_of(g, person: str) -> str | None:
    ms = sorted(o for o, _a, out in edges_of(g, person, "ALDERMAN_OF") if out)
    return ms[0] if ms else None


def is_alderman(g, nid: str) -> bool:
    return label_of(g, nid) == "Person" and (
        municipality_of(g, nid) is not None or str(g.nodes[nid].get("title", "")).lower() == "wethouder")


# -- facts ------------------------------------------------------------------------------
@dataclass(frozen=True)
class Contact:
    """One contact moment with the subject.  `date` is the contact's own date, else the
    date of the minutes that reported it (`dated_by_report` then says so)."""
    party: str  # the subject's side: the municipality or one of its aldermen
    counterpart: str
    counterpart_name: str
    party_name: str
    kind: str
    status: str
    date: str
    dated_by_report: bool
    evidence: str
    source: str
    from_party: bool = False  # stored as party -> counterpart (who asks whom, for requests)

    def describe(self) -> str:
        when = show_date(self.date)
        when = (f"reported {when}" if self.dated_by_report else when) if when else "date unknown"
        a, b = (self.party_name, self.counterpart_name) if self.from_party else (self.counterpart_name, self.party_name)
        return f"{self.kind or 'contact'} {a} – {b} ({self.status}, {when})"


@dataclass(frozen=True)
class EngagementReading:
    level: str
    evidence: str
    date: str
    source: str
    about: str  # the municipality or person the minutes judged


@dataclass(frozen=True)
class ActionItemFact:
    id: str
    text: str
    status: str
    since: str  # first minutes in which this action item (same text) appeared
    assigned_to: tuple
    involves: str  # why it concerns the subject: "assigned" or "names <name>"
    source: str


@dataclass(frozen=True)
class Attendance:
    meeting: str
    meeting_name: str
    date: str
    status: str  # attended, absent, not listed
    evidence: str


def contacts_with(g, parties) -> list[Contact]:
    """Every CONTACT touching one of `parties`, newest first (undated last)."""
    parties = set(parties)
    out = []
    for p in sorted(parties):
        if p not in g:
            continue
        for other, a, is_out in edges_of(g, p, "CONTACT"):
            if other in parties:
                continue
            own = str(a.get("date") or "")
            date = own or document_date(g, a.get("source", ""))
            out.append(Contact(p, other, name_of(g, other), name_of(g, p), a.get("kind", ""),
                               a.get("status", ""), date, not own and bool(date),
                               a.get("evidence", ""), a.get("source", ""), is_out))
    uniq = {(c.party, c.counterpart, c.kind, c.status, c.date, c.source): c for c in out}
    return sorted(uniq.values(), key=lambda c: (c.date or "0000", c.counterpart_name), reverse=True)


def is_peer_contact(g, c: Contact) -> bool:
    """A contact between municipalities (or their aldermen) among themselves: it says
    they talk to each other, not that anyone of the Taskforce has been to see them."""
    other = c.counterpart
    return label_of(g, other) == "Municipality" or (
        label_of(g, other) == "Person" and municipality_of(g, other) is not None)


def engagement_history(g, parties) -> list[EngagementReading]:
    """What the minutes reported on engagement, oldest first."""
    out = []
    for p in parties:
        if p not in g:
            continue
        for other, a, is_out in edges_of(g, p, "ENGAGEMENT"):
            if is_out:
                continue
            src = a.get("source") or other
            out.append(EngagementReading(a.get("level", ""), a.get("evidence", ""),
                                         document_date(g, src) or document_date(g, other), src, p))
    return sorted(set(out), key=lambda e: (e.date or "0000", e.source, e.about))


def engagement_trend(history: list[EngagementReading]) -> str:
    """How engagement moved over the minutes, e.g. 'medium (10-01-2024) → low (13-03-2024)'.

    >>> engagement_trend([EngagementReading("medium", "", "2024-01-10", "d1", "m"),
    ...                   EngagementReading("low", "", "2024-03-13", "d2", "m")])
    'medium (10-01-2024) → low (13-03-2024)'
    """
    steps = []
    for e in history:
        label = f"{e.level} ({show_date(e.date)})" if e.date else e.level
        if not steps or steps[-1][0] != e.level:
            steps.append((e.level, label))
    return " → ".join(s[1] for s in steps)


def _item_since(g, item: str, attrs: dict) -> str:
    dates = [str(g.nodes[m].get("date") or "") for m, _a, out in edges_of(g, item, "RAISED_IN") if out]
    dates = [d for d in dates if d]
    if dates:
        return min(dates)
    srcs = [a.get("source", "") for _o, a, _out in edges_of(g, item, "ASSIGNED_TO")]
    srcs += [a.get("source", "") for _o, a, _out in edges_of(g, item, "RAISED_IN")]
    dates = [document_date(g, s) for s in srcs if document_date(g, s)]
    return min(dates) if dates else ""


def _names_in(text: str, g, nid: str) -> bool:
    words = [g.nodes[nid].get("name", "")] + list(g.nodes[nid].get("aliases") or [])
    folded = _folded(text)
    return any(w and len(_folded(w).strip()) > 2 and _folded(w) in folded for w in words)


def _action_items(g) -> list[tuple]:
    """(id, attributes, text, assigned ids, since) of every action item, once per graph."""
    memo = graph_index(g).memo
    if "action_items" not in memo:
        memo["action_items"] = [
            (nid, a, a.get("text") or a.get("name", ""),
             tuple(sorted(o for o, _e, out in edges_of(g, nid, "ASSIGNED_TO") if out)), _item_since(g, nid, a))
            for nid, a in g.nodes(data=True) if a.get("label") == "ActionItem"]
    return memo["action_items"]


def action_items_involving(g, parties, *, open_only=True) -> list[ActionItemFact]:
    """Action items assigned to one of `parties` or naming one of them in their text.
    The same action item repeated in later minutes counts once, dated by its first
    appearance and carrying its latest status."""
    parties = [p for p in parties if p in g]
    groups: dict[str, list] = {}
    words = sorted({_folded(w) for p in parties for w in [g.nodes[p].get("name", "")]
                    + list(g.nodes[p].get("aliases") or []) if len(_folded(w).strip()) > 2})
    # one regex over all the parties' names: thousands of action items, a few names each
    named = re.compile("|".join(re.escape(w) for w in words)) if words else None
    for nid, a, text, assigned, since in _action_items(g):
        why = ""
        if any(p in assigned for p in parties):
            why = "assigned"
        elif named is not None and named.search(_folded(text)):
            for p in parties:
                if _names_in(text, g, p):
                    why = f"names {name_of(g, p)}"
                    break
        if why:
            groups.setdefault(_folded(text), []).append((nid, a, text, assigned, why, since))
    out = []
    for versions in groups.values():
        versions.sort(key=lambda v: v[5] or "0000")
        nid, a, text, assigned, why, _ = versions[-1]
        status = a.get("status") or "open"
        if open_only and status != "open":
            continue
        since = next((v[5] for v in versions if v[5]), "")
        src = next((e.get("source", "") for _o, e, _x in edges_of(g, nid, "ASSIGNED_TO")), "")
        src = src or next((e.get("source", "") for _o, e, _x in edges_of(g, nid, "RAISED_IN")), "")
        out.append(ActionItemFact(nid, text, status, since, assigned, why, src))
    return sorted(out, key=lambda f: (f.since or "9999", f.text))


def taskforce_meetings(g, today, body: str = TASKFORCE) -> list[str]:
    """Meetings of the body held on or before today that have an attendance list, newest
    first.  Falls back to every meeting with an attendance list when the body is unknown."""
    today = as_date(today)
    memo = graph_index(g).memo
    key = ("meetings", today, body)
    if key in memo:
        return list(memo[key])
    have_list = {m for m in g if label_of(g, m) == "Meeting"
                 and (any(True for _ in edges_of(g, m, "ATTENDED")) or any(True for _ in edges_of(g, m, "ABSENT_FROM")))}
    of_body = {m for m in have_list if any(o == body for o, _a, out in edges_of(g, m, "MEETING_OF") if out)}
    chosen = of_body if body in g else have_list
    held = [m for m in chosen if as_date(g.nodes[m].get("date")) and as_date(g.nodes[m].get("date")) <= today]
    memo[key] = sorted(held, key=lambda m: g.nodes[m].get("date"), reverse=True)
    return list(memo[key])


def region_attendance(g, region: str | None, meetings: list[str]) -> list[Attendance]:
    """Per meeting: did the region (or someone who represents it) attend?"""
    if region is None:
        return []
    reps = {region} | {o for o, _a, out in edges_of(g, region, "REPRESENTS") if not out}
    out = []
    for m in meetings:
        status, evidence = "not listed", ""
        for who in reps:
            for _t, a in [(t, a) for _s, t, a in g.out_edges(who, data=True) if t == m]:
                if a.get("type") == "ATTENDED":
                    status, evidence = "attended", a.get("evidence", "")
                elif a.get("type") == "ABSENT_FROM" and status != "attended":
                    status, evidence = "absent", a.get("evidence", "")
        out.append(Attendance(m, name_of(g, m), str(g.nodes[m].get("date") or ""), status, evidence))
    return out


@dataclass(frozen=True)
class Membership:
    party: str
    party_name: str
    body: str
    body_name: str
    status: str  # member, candidate
    evidence: str
    source: str


def memberships(g, parties) -> list[Membership]:
    """MEMBER_OF of any of `parties` (member or candidate)."""
    out = set()
    for p in parties:
        if p in g:
            for body, a, is_out in edges_of(g, p, "MEMBER_OF"):
                if is_out:
                    out.add(Membership(p, name_of(g, p), body, name_of(g, body), a.get("status") or "member",
                                       a.get("evidence", ""), a.get("source", "")))
    return sorted(out, key=lambda m: (m.body_name, m.party_name))


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
