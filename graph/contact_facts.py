"""What the minutes and contact logs say about a municipality or alderman, read from the
networkx MultiDiGraph the stores return: contacts, engagement readings, action items,
the region's attendance at Taskforce meetings, memberships.  The contact-round planner
(graph/contact_rounds.py), the introductions and the briefs build on these readers.

>>> from graph.model import DocumentGraph
>>> d = DocumentGraph()
>>> doc = d.add_node("Document", "taskforce-2023-04-12", date="2023-04-12", kind="minutes", path="x.txt")
>>> amb, die = d.add_node("Person", "Kennisambassadeur"), d.add_node("Person", "Diederen")
>>> _ = d.add_rel("CONTACT", amb, die, kind="appointment", status="planned", date="2023-04-24", source=doc.id,
...               evidence="Kennisambassadeur heeft op 24 april 2023 afspraak met wethouder Diederen.")
>>> [c.describe() for c in contacts_with(d.to_networkx(), ["person:diederen"])]
['appointment Kennisambassadeur – Diederen (planned, 24-04-2023)']
"""
from __future__ import annotations

import datetime as dt
import re
import weakref
from dataclasses import dataclass
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
