"""Warm introductions: who can open the door to a person or a municipality.

The paths run from the ambassador (or any chosen person) through contacts,
collaborations, offices (ALDERMAN_OF, AFFILIATED_WITH, CHAIR_OF, REPRESENTS) and
memberships.  Each step has a cost; a path's cost is the sum, lowest first.  A held
contact costs less than a planned one, and a contact costs more the older it is, so held
ranks above planned and recent above old.  Every step keeps the sentence it was read
from and the date of its minutes.

>>> from graph.model import DocumentGraph
>>> d = DocumentGraph()
>>> doc = d.add_node("Document", "taskforce-2023-04-12", date="2023-04-12", kind="minutes", path="x.txt")
>>> amb, die, gei = (d.add_node("Person", n) for n in ("Kennisambassadeur", "Diederen", "Geilen"))
>>> _ = d.add_rel("CONTACT", amb, die, kind="appointment", status="planned", date="2023-04-24", source=doc.id,
...               evidence="Kennisambassadeur heeft op 24 april 2023 afspraak met wethouder Diederen.")
>>> _ = d.add_rel("CONTACT", die, gei, kind="request", status="planned", source=doc.id,
...               evidence="Wethouder Diederen zal wethouder Geilen vragen.")
>>> best = introductions(d.to_networkx(), "Geilen", today="2023-04-13")[0]
>>> best.names
['Kennisambassadeur', 'Diederen', 'Geilen']
>>> print(best.steps[1].describe())
Diederen – Geilen: request (planned)
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import islice

import networkx as nx

from graph.contact_facts import (AMBASSADOR, as_date, document_date, find_node, graph_index, label_of, name_of,
                                 show_date)

# What a step through each relationship type costs before recency (lower = warmer).
STEP_COST = {
    ("CONTACT", "held"): 1.0,
    ("CONTACT", "planned"): 2.0,
    ("COLLABORATES_WITH", ""): 1.5,
    ("ALDERMAN_OF", ""): 1.0,
    ("AFFILIATED_WITH", ""): 1.5,
    ("CHAIR_OF", ""): 2.0,
    ("REPRESENTS", ""): 2.0,
    ("MEMBER_OF", "member"): 2.5,
    ("MEMBER_OF", "candidate"): 3.0,
}
TYPES = sorted({t for t, _ in STEP_COST})
AGE_COST_PER_YEAR = 1.0  # an assertion a year old costs one more; never more than that
PHRASE = {"ALDERMAN_OF": "wethouder of", "AFFILIATED_WITH": "affiliated with", "CHAIR_OF": "chair of",
          "REPRESENTS": "represents", "COLLABORATES_WITH": "works with"}


@dataclass(frozen=True)
class Step:
    start: str
    end: str
    start_name: str
    end_name: str
    type: str
    kind: str
    status: str
    date: str  # the contact's date, else the date of the minutes
    evidence: str
    source: str
    source_date: str
    forward: bool  # the relationship points start -> end as stored
    cost: float

    def describe(self) -> str:
        """One line: who, how, when."""
        if self.type == "CONTACT":
            when = f", {show_date(self.date)}" if self.date and self.date != self.source_date else ""
            how = f"{self.kind or 'contact'} ({self.status}{when})"
        elif self.type == "MEMBER_OF":
            how = "candidate for" if self.status == "candidate" else "member of"
        else:
            how = PHRASE.get(self.type, self.type.lower())
        if self.type in ("CONTACT", "COLLABORATES_WITH"):
            return f"{self.start_name} – {self.end_name}: {how}"
        if self.forward:
            return f"{self.start_name} is {how} {self.end_name}"
        return f"{self.end_name} is {how} {self.start_name}"


@dataclass(frozen=True)
class Path:
    steps: tuple[Step, ...]
    cost: float

    @property
    def nodes(self) -> list[str]:
        return [self.steps[0].start] + [s.end for s in self.steps] if self.steps else []

    @property
    def names(self) -> list[str]:
        return [self.steps[0].start_name] + [s.end_name for s in self.steps] if self.steps else []

    def describe(self) -> str:
        return " → ".join(self.names)


def step_cost(attrs: dict, today, source_date: str) -> float:
    """Cost of one step: the type's base cost plus the age of what it rests on.

    >>> step_cost({"type": "CONTACT", "status": "held", "date": "2023-04-01"}, "2023-04-01", "")
    1.0
    >>> step_cost({"type": "CONTACT", "status": "held", "date": "2022-10-01"}, "2023-04-01", "") > 1.0
    True
    """
    t = attrs.get("type")
    status = attrs.get("status") or ("member" if t == "MEMBER_OF" else "")
    base = STEP_COST.get((t, status if t in ("CONTACT", "MEMBER_OF") else ""))
    if base is None:
        base = STEP_COST.get((t, "planned" if t == "CONTACT" else "member"), 3.0)
    when = as_date(attrs.get("date")) or as_date(source_date)
    today = as_date(today)
    if when and today:
        base += min(max((today - when).days, 0) / 365.0, 1.0) * AGE_COST_PER_YEAR
    return round(base, 4)


def _steps_graph(g, today, via_bodies: bool) -> nx.Graph:
    """An undirected graph whose edges are the cheapest assertion between two nodes."""
    h = nx.Graph()
    for u, v, a in g.edges(data=True):
        if a.get("type") not in TYPES or u == v:
            continue
        if a.get("type") in ("MEMBER_OF", "CHAIR_OF") and not via_bodies:
            continue
        sdate = document_date(g, a.get("source", ""))
        cost = step_cost(a, today, sdate)
        old = h.get_edge_data(u, v)
        if old is None or cost < old["cost"]:
            h.add_edge(u, v, cost=cost, attrs=dict(a), u=u, v=v, source_date=sdate)
    return h


def _step(g, h, a: str, b: str) -> Step:
    e = h.edges[a, b]
    at = e["attrs"]
    date = str(at.get("date") or e["source_date"] or "")
    return Step(a, b, name_of(g, a), name_of(g, b), at.get("type", ""), at.get("kind", ""),
                at.get("status", ""), date, at.get("evidence", ""), at.get("source", ""), e["source_date"],
                e["u"] == a, e["cost"])


def introductions(g, target: str, *, source: str = AMBASSADOR, today=None, k: int = 5,
                  max_steps: int = 4, via_bodies: bool = True) -> list[Path]:
    """Up to k best paths from `source` to `target` (a person or municipality: id, name
    or alias), cheapest first, no longer than max_steps.  ValueError when either end is
    unknown; [] when nothing connects them.  via_bodies=False leaves out paths through
    shared memberships (two people who only sit in the same body)."""
    s = find_node(g, source, labels=("Person", "Organisation", "Municipality", "Body", "Region"))
    t = find_node(g, target, labels=("Person", "Municipality", "Organisation", "Body", "Region"))
    if s == t:
        return []
    memo = graph_index(g).memo  # one step graph per graph, day and choice of bodies
    key = ("steps", str(as_date(today)), via_bodies)
    if key not in memo:
        memo[key] = _steps_graph(g, today, via_bodies)
    h = memo[key]
    if s not in h or t not in h:
        return []
    out = []
    try:
        for nodes in islice(nx.shortest_simple_paths(h, s, t, weight="cost"), 200):
            if len(nodes) - 1 > max_steps:
                continue
            steps = tuple(_step(g, h, a, b) for a, b in zip(nodes, nodes[1:]))
            out.append(Path(steps, round(sum(x.cost for x in steps), 4)))
            if len(out) >= k:
                break
    except nx.NetworkXNoPath:
        return []
    return sorted(out, key=lambda p: (p.cost, len(p.steps), p.names))


def introduction_targets(g) -> list[str]:
    """Ids a user can pick as a target: municipalities and persons, by name."""
    return sorted((n for n in g if label_of(g, n) in ("Municipality", "Person")), key=lambda n: name_of(g, n).lower())


def md_escape(text: str) -> str:
    """Escape what Markdown would read as markup or raw HTML in names from documents.

    >>> md_escape("<b>Jansen</b> *x*")
    '\\\\<b\\\\>Jansen\\\\</b\\\\> \\\\*x\\\\*'
    """
    return re.sub(r"([\\`*_{}\[\]<>#|!~$])", r"\\\1", str(text))


def path_markdown(path: Path) -> str:
    """A path as Markdown (names escaped): the chain, then each step with its evidence
    and source."""
    e = md_escape
    lines = [f"**{e(' → '.join(path.names))}** (cost {path.cost:g})"]
    for st in path.steps:
        src = e(st.source.split(':', 1)[-1]) + (f", {show_date(st.source_date)}" if st.source_date else "")
        lines.append(f"- {e(st.describe())}: “{e(st.evidence)}” ({src})" if st.evidence
                     else f"- {e(st.describe())} ({src})")
    return "\n".join(lines)
