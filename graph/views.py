"""What the explorer's pages show, computed as plain functions over the networkx graph
the stores return (graph.stores.base) and the store's own listings.  The pages in
app_pages/ only lay these results out; everything here is tested without Streamlit.

Conventions: a node record is a plain dict (id, label, name, aliases, props); dates are the
contract's ISO strings ("2023-04-24", or "2023-07" when only the month is known).

>>> from graph.model import DocumentGraph
>>> g = DocumentGraph()
>>> beek = g.add_node("Municipality", "Beek")
>>> p = g.add_node("Person", "Diederen", title="wethouder")
>>> _ = g.add_rel("ALDERMAN_OF", p, beek, source="document:x", evidence="wethouder Diederen (gemeente Beek)")
>>> [hit["id"] for hit in search(g.to_networkx(), "Dideren")]
['person:diederen']
"""
from __future__ import annotations

import hashlib
import html
import re
from collections import defaultdict
from datetime import date

import networkx as nx

from graph import mentions
from graph.contract import NODE_PROPS, PARTY, REL_TYPES

# Edge attributes that are not contract properties of the relationship.
_EDGE_META = ("type", "source", "evidence")


# -- small helpers --------------------------------------------------------------------
def node_record(g: nx.MultiDiGraph, nid: str) -> dict:
    """A node as a plain dict: id, label, name, aliases and its contract properties."""
    data = g.nodes[nid]
    label = data.get("label", "")
    props = {k: v for k, v in data.items()
             if k not in ("label", "name", "aliases") and v not in (None, "", [])}
    return {"id": nid, "label": label, "name": data.get("name") or nid,
            "aliases": list(data.get("aliases") or []), "props": props}


def display_name(g: nx.MultiDiGraph, nid: str) -> str:
    if nid in g:
        return g.nodes[nid].get("name") or nid
    return nid


def document_index(g: nx.MultiDiGraph) -> dict[str, dict]:
    """Document nodes by id: {"name", "date", "kind", "path"} (source documents and the
    reports they refer to alike), so an edge's `source` can be shown with its date."""
    return {nid: {"name": d.get("name") or nid, "date": d.get("date") or "",
                  "kind": d.get("kind") or "", "path": d.get("path") or ""}
            for nid, d in g.nodes(data=True) if d.get("label") == "Document"}


def date_bounds(value: str) -> tuple[str, str] | None:
    """The first and last day an ISO date or month stands for, or None if it is no date.

    >>> date_bounds("2023-07")
    ('2023-07-01', '2023-07-31')
    >>> date_bounds("2023-04-24")
    ('2023-04-24', '2023-04-24')
    >>> date_bounds("spring") is None
    True
    """
    if not value:
        return None
    value = str(value)
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return value, value
    if re.fullmatch(r"\d{4}-\d{2}", value):
        import calendar

        year, month = int(value[:4]), int(value[5:])
        if not 1 <= month <= 12:
            return None
        return value + "-01", f"{value}-{calendar.monthrange(year, month)[1]:02d}"
    if re.fullmatch(r"\d{4}", value):
        return value + "-01-01", value + "-12-31"
    return None


def in_date_range(value: str, start: date | str | None, end: date | str | None) -> bool:
    """True when a (possibly month-only) date overlaps [start, end]; undated is True.

    >>> in_date_range("2023-04", "2023-04-15", "2023-05-01")
    True
    >>> in_date_range("2023-03-15", "2023-04-01", None)
    False
    """
    bounds = date_bounds(value)
    if bounds is None:
        return True
    lo, hi = bounds
    if start and hi < str(start):
        return False
    if end and lo > str(end):
        return False
    return True


def edge_date(g: nx.MultiDiGraph, u: str, v: str, data: dict) -> str:
    """The date an assertion is about: a contact's own date, else the meeting's date
    for relationships to or from a meeting, else empty."""
    if data.get("date"):
        return str(data["date"])
    for nid in (u, v):
        if g.nodes[nid].get("label") == "Meeting" and g.nodes[nid].get("date"):
            return str(g.nodes[nid]["date"])
    return ""


def graph_signature(g: nx.MultiDiGraph, *, with_data: bool = False) -> str:
    """A short hash of the node and edge ids (the cache key for layouts: the same graph
    keeps its positions), with `with_data` also of their attributes (for the picture)."""
    h = hashlib.sha1()
    for nid in sorted(g.nodes):
        h.update(nid.encode("utf-8", "replace") + b"\0")
        if with_data:
            h.update(repr(sorted(g.nodes[nid].items())).encode("utf-8", "replace"))
    for u, v, k in sorted((str(u), str(v), str(k)) for u, v, k in g.edges(keys=True)):
        h.update(f"{u}\1{v}\1{k}\0".encode("utf-8", "replace"))
        if with_data:
            h.update(repr(sorted(g.edges[u, v, k].items())).encode("utf-8", "replace"))
    return h.hexdigest()[:16]


# -- overview ---------------------------------------------------------------------------
def document_rows(g: nx.MultiDiGraph, documents: list[dict]) -> list[dict]:
    """The loaded source documents with title, date, kind, the body whose meeting they
    record, how many assertions came from them and their sha256."""
    per_doc = defaultdict(int)
    bodies = defaultdict(set)  # the body whose meeting the document minutes (same date) ...
    named = defaultdict(set)  # ... else every body whose meeting it names
    doc_dates = {doc.get("id"): str(doc.get("date") or "") for doc in documents}
    for u, v, d in g.edges(data=True):
        src = d.get("source")
        if not src:
            continue
        per_doc[src] += 1
        if d.get("type") == "MEETING_OF":
            named[src].add(display_name(g, v))
            if doc_dates.get(src) and str(g.nodes[u].get("date") or "") == doc_dates[src]:
                bodies[src].add(display_name(g, v))
    index = mentions.index_of(g)
    if index is not None:  # MENTIONS kept beside the graph: counted by their document
        for did, n in index.per_document().items():
            per_doc[did] += n
    rows = []
    for doc in documents:
        did = doc.get("id", "")
        rows.append({"id": did, "title": doc.get("name") or did, "date": doc.get("date") or "",
                     "kind": doc.get("kind") or "", "body": ", ".join(sorted(bodies.get(did) or named.get(did, ()))),
                     "relationships": per_doc.get(did, 0), "path": doc.get("path") or "",
                     "sha256": doc.get("sha256") or ""})
    return rows


def latest_meeting(g: nx.MultiDiGraph) -> dict | None:
    """The latest meeting the loaded minutes record: one a source document is dated on
    (the minutes of that meeting), else one with action items raised in it, else any
    dated meeting.  A congress or next meeting the minutes only announce does not count;
    those come back as `announced` (dated later).  With whose meeting it is, where, who
    attended, who was absent and the action items raised in it."""
    dated = {nid: str(d["date"]) for nid, d in g.nodes(data=True) if d.get("label") == "Meeting" and d.get("date")}
    if not dated:
        return None
    minutes_dates = {str(d.get("date")) for _, d in g.nodes(data=True)
                     if d.get("label") == "Document" and d.get("path") and d.get("date")}
    minuted = [m for m, day in dated.items() if day in minutes_dates]
    raised = [m for m in dated if any(e.get("type") == "RAISED_IN" for *_, e in g.in_edges(m, data=True))]
    mid = max(minuted or raised or list(dated), key=lambda m: (dated[m], m))
    out = node_record(g, mid)
    out.update(body=[], held_in=[], attended=[], absent=[], action_items=[])
    for u, _, d in g.in_edges(mid, data=True):
        t = d.get("type")
        if t == "ATTENDED":
            out["attended"].append(display_name(g, u))
        elif t == "ABSENT_FROM":
            out["absent"].append(display_name(g, u))
        elif t == "RAISED_IN":
            out["action_items"].append(_action_item(g, u))
    for _, v, d in g.out_edges(mid, data=True):
        if d.get("type") == "MEETING_OF":
            out["body"].append(display_name(g, v))
        elif d.get("type") == "HELD_IN":
            out["held_in"].append(display_name(g, v))
    for key in ("body", "held_in", "attended", "absent"):
        out[key] = sorted(set(out[key]))
    out["action_items"].sort(key=lambda a: a["id"])
    out["announced"] = sorted(({"id": m, "name": display_name(g, m), "date": day}
                               for m, day in dated.items() if day > dated[mid]), key=lambda x: (x["date"], x["id"]))
    return out


def last_ingest(log: list[dict]) -> dict | None:
    """What changed with the last ingest: the newest log entry that wrote or removed
    something (an unchanged re-ingest is not news), else the newest entry."""
    for entry in log:
        if entry.get("action") != "unchanged":
            return dict(entry)
    return dict(log[0]) if log else None


# -- filters for Explore ----------------------------------------------------------------
def regions(g: nx.MultiDiGraph) -> list[dict]:
    """Region nodes, regions before sub-regions, by name."""
    out = [node_record(g, n) for n, d in g.nodes(data=True) if d.get("label") == "Region"]
    return sorted(out, key=lambda r: (r["props"].get("level") != "region", r["name"]))


def region_scope(g: nx.MultiDiGraph, region_id: str) -> set[str]:
    """Everything touching a region: the region, its sub-regions, the municipalities in
    them, and the direct neighbours of those municipalities (their aldermen, meetings held
    there, organisations they work with ...)."""
    if region_id not in g:
        return set()
    inside = {region_id}
    frontier = [region_id]
    while frontier:  # walk IN_REGION edges backwards: municipality/sub-region -> region
        nxt = []
        for u, _, d in g.in_edges(frontier, data=True):
            if d.get("type") == "IN_REGION" and u not in inside:
                inside.add(u)
                nxt.append(u)
        frontier = nxt
    scope = set(inside)
    for nid in inside:
        if g.nodes[nid].get("label") == "Municipality":
            scope.update(mentions.neighbours(g, nid))
    return scope


def date_span(g: nx.MultiDiGraph) -> tuple[str, str] | None:
    """The first and last day of the meetings and dated relationships (contacts), for the
    date filter's default; None when nothing is dated.

    >>> g = nx.MultiDiGraph()
    >>> g.add_node("meeting:a", label="Meeting", date="2023-04-12")
    >>> _ = g.add_edge("meeting:a", "meeting:a", type="CONTACT", date="2023-06")
    >>> date_span(g)
    ('2023-04-12', '2023-06-30')
    """
    bounds = [date_bounds(d.get("date", "")) for _, d in g.nodes(data=True) if d.get("label") == "Meeting"]
    bounds += [date_bounds(d.get("date", "")) for *_, d in g.edges(data=True)]  # (MENTIONS have no date)
    bounds = [b for b in bounds if b]
    if not bounds:
        return None
    return min(b[0] for b in bounds), max(b[1] for b in bounds)


def filter_graph(g: nx.MultiDiGraph, *, labels=None, types=None, region: str | None = None,
                 date_from=None, date_to=None) -> nx.MultiDiGraph:
    """A copy of `g` with only nodes of `labels`, relationships of `types`, what touches
    `region`, and meetings and dated relationships (contacts) within the date range.
    Empty or None filters keep everything.

    >>> from graph.model import DocumentGraph
    >>> dg = DocumentGraph()
    >>> m = dg.add_node("Meeting", "Taskforce 2023-04-12", date="2023-04-12")
    >>> b = dg.add_node("Body", "Taskforce Internationale Werknemers")
    >>> _ = dg.add_rel("MEETING_OF", m, b, source="document:x", evidence="Verslag Taskforce")
    >>> sorted(filter_graph(dg.to_networkx(), date_from="2023-05-01").nodes)
    ['body:taskforce-internationale-werknemers']
    """
    keep = set(g.nodes)
    if labels:
        labels = set(labels)
        keep = {n for n in keep if g.nodes[n].get("label") in labels}
    if region:
        keep &= region_scope(g, region)
    if date_from or date_to:
        keep = {n for n in keep if g.nodes[n].get("label") != "Meeting"
                or in_date_range(g.nodes[n].get("date", ""), date_from, date_to)}
    sub = nx.MultiDiGraph()
    sub.add_nodes_from((n, g.nodes[n]) for n in keep)
    types = set(types) if types else None
    if types is None or mentions.MENTIONS in types:
        mentions.add_mentions(sub, g)  # those kept beside the graph (they have no date)
    for u, v, k, d in g.edges(keys=True, data=True):
        if u not in keep or v not in keep:
            continue
        if types is not None and d.get("type") not in types:
            continue
        if (date_from or date_to) and d.get("date") and not in_date_range(d["date"], date_from, date_to):
            continue
        sub.add_edge(u, v, key=k, **d)
    return sub


def search(g: nx.MultiDiGraph, text: str, *, limit: int = 20, score_cutoff: float = 75) -> list[dict]:
    """Fuzzy search over names and aliases (rapidfuzz WRatio, case and accents folded):
    the best match per node, best first.  Returns node records with a `score`."""
    from rapidfuzz import fuzz, process, utils

    text = (text or "").strip()
    if not text:
        return []
    choices, owners = [], []
    for nid, d in g.nodes(data=True):
        for name in [d.get("name") or ""] + list(d.get("aliases") or []):
            if name:
                choices.append(name)
                owners.append(nid)
    best: dict[str, float] = {}
    for _, score, idx in process.extract(text, choices, scorer=fuzz.WRatio, processor=utils.default_process,
                                         score_cutoff=score_cutoff, limit=limit * 5):
        nid = owners[idx]
        best[nid] = max(score, best.get(nid, 0))
    ranked = sorted(best.items(), key=lambda kv: (-kv[1], display_name(g, kv[0])))[:limit]
    return [dict(node_record(g, nid), score=round(score, 1)) for nid, score in ranked]


def neighbourhood(g: nx.MultiDiGraph, centre: str | list[str], hops: int = 1) -> nx.MultiDiGraph:
    """The nodes within `hops` steps of `centre` (one id or several), in either direction,
    with every relationship among them.

    >>> g = nx.MultiDiGraph([("a", "b"), ("b", "c"), ("d", "c")])
    >>> sorted(neighbourhood(g, "a", 2).nodes)
    ['a', 'b', 'c']
    """
    centres = [centre] if isinstance(centre, str) else list(centre)
    seen = {c for c in centres if c in g}
    frontier = set(seen)
    for _ in range(max(0, int(hops))):
        nxt = set()
        for n in frontier:
            nxt.update(mentions.neighbours(g, n))
        frontier = nxt - seen
        seen |= frontier
    return mentions.add_mentions(g.subgraph(seen).copy(), g)


def node_sizes(g: nx.MultiDiGraph, by: str = "degree", *, smallest: float = 10,
               largest: float = 40, seed: int = 7) -> dict[str, float]:
    """A drawing size per node, scaled between `smallest` and `largest` by degree or by
    betweenness centrality (estimated from 24 sampled sources above 300 nodes, with `seed`).

    >>> s = node_sizes(nx.MultiDiGraph([("hub", "a"), ("hub", "b")]))
    >>> s["hub"] > s["a"]
    True
    """
    if g.number_of_nodes() == 0:
        return {}
    if by == "betweenness":
        simple = nx.Graph(g.to_undirected(as_view=True))
        k = 24 if simple.number_of_nodes() > 300 else None  # 24 sampled sources: a ranking, not a census
        score = nx.betweenness_centrality(simple, k=k, seed=seed if k else None)
    elif by == "degree":
        score = dict(g.degree())
    else:
        return {n: (smallest + largest) / 2 for n in g}
    lo, hi = min(score.values()), max(score.values())
    span = (hi - lo) or 1
    return {n: smallest + (largest - smallest) * (score[n] - lo) / span for n in g}


# -- entity page ------------------------------------------------------------------------
def _action_item(g: nx.MultiDiGraph, nid: str) -> dict:
    d = g.nodes[nid]
    owners = [display_name(g, v) for _, v, e in g.out_edges(nid, data=True) if e.get("type") == "ASSIGNED_TO"]
    meetings = [(g.nodes[v].get("date") or "", display_name(g, v))
                for _, v, e in g.out_edges(nid, data=True) if e.get("type") == "RAISED_IN"]
    return {"id": nid, "text": d.get("text") or d.get("name") or nid, "status": d.get("status") or "",
            "owners": sorted(set(owners)), "owner_redacted": bool(d.get("owner_redacted")),
            "meeting": ", ".join(m for _, m in sorted(meetings)),
            "date": min((dt for dt, _ in meetings if dt), default="")}


def relationships_of(g: nx.MultiDiGraph, nid: str) -> dict[str, list[dict]]:
    """All relationships of a node grouped by type: for each, the direction, the other
    end, the contract properties, the evidence sentence and the source document with its
    date.  Types in contract order; within a type by date then name."""
    docs = document_index(g)
    groups: dict[str, list[dict]] = defaultdict(list)
    edges = [(u, v, k, d, "out") for u, v, k, d in g.out_edges(nid, keys=True, data=True)]
    edges += [(u, v, k, d, "in") for u, v, k, d in g.in_edges(nid, keys=True, data=True) if u != v]
    index = mentions.index_of(g)
    if index is not None:  # MENTIONS kept beside the graph
        edges += [(nid, e, k, d, "out") for e, k, d in index.entities_of(nid)]
        edges += [(s, nid, k, d, "in") for s, k, d in index.documents_of(nid) if s != nid]
    for u, v, k, d, direction in edges:
        other = v if direction == "out" else u
        src = d.get("source") or ""
        doc = docs.get(src, {})
        groups[d.get("type", "")].append({
            "key": k, "type": d.get("type", ""), "direction": direction,
            "start": u, "end": v, "other_id": other, "other": display_name(g, other),
            "other_label": g.nodes[other].get("label", ""),
            "props": {p: d[p] for p in d if p not in _EDGE_META and d[p] not in (None, "")},
            "evidence": d.get("evidence") or "", "source": src,
            "source_name": doc.get("name") or src, "source_date": doc.get("date") or "",
            "date": edge_date(g, u, v, d)})
    order = {t: i for i, t in enumerate(REL_TYPES)}
    return {t: sorted(rows, key=lambda r: (r["date"], r["other"]))
            for t, rows in sorted(groups.items(), key=lambda kv: order.get(kv[0], 99))}


def fill_evidence(relationships: dict[str, list[dict]], sentences: dict[str, str]) -> dict[str, list[dict]]:
    """Give rows of relationships_of() that came without their sentence (a graph read with
    mention_evidence=False: see GraphStore.read_graph) the sentence by relationship key.

    >>> rows = {"MENTIONS": [{"key": "k1", "evidence": ""}, {"key": "k2", "evidence": ""}]}
    >>> [r["evidence"] for r in fill_evidence(rows, {"k1": "De LLTB is aangehaakt."})["MENTIONS"]]
    ['De LLTB is aangehaakt.', '']
    """
    for rows in relationships.values():
        for r in rows:
            if not r["evidence"]:
                r["evidence"] = sentences.get(r["key"], "")
    return relationships


def fill_edge_evidence(g: nx.MultiDiGraph, sentences) -> nx.MultiDiGraph:
    """Give the MENTIONS edges of `g` (a copy a page draws) that came without their
    sentence the sentence by key: `sentences(end node ids)` -> {key: sentence}, asked
    once for all of them.  Returns `g`.

    >>> g = nx.MultiDiGraph()
    >>> _ = g.add_edge("document:v", "organisation:lltb", key="k1", type="MENTIONS", source="document:v")
    >>> ask = lambda ids: {"k1": "De LLTB is aangehaakt."} if ids == ["organisation:lltb"] else {}
    >>> fill_edge_evidence(g, ask).edges["document:v", "organisation:lltb", "k1"]["evidence"]
    'De LLTB is aangehaakt.'
    """
    bare = [(u, v, k, d) for u, v, k, d in g.edges(keys=True, data=True)
            if d.get("type") == "MENTIONS" and not d.get("evidence")]
    if bare:
        found = sentences(sorted({v for _u, v, _k, _d in bare}))
        for _u, _v, k, d in bare:
            if found.get(k):
                d["evidence"] = found[k]
    return g


def action_items_for(g: nx.MultiDiGraph, nid: str) -> list[dict]:
    """Action items involving a node: assigned to it, raised in it (a meeting), the item
    itself, or for a body the items raised in its meetings."""
    label = g.nodes[nid].get("label")
    items = set()
    if label == "ActionItem":
        items.add(nid)
    for u, _, d in g.in_edges(nid, data=True):
        if d.get("type") in ("ASSIGNED_TO", "RAISED_IN"):
            items.add(u)
        if label == "Body" and d.get("type") == "MEETING_OF":
            items.update(a for a, _, e in g.in_edges(u, data=True) if e.get("type") == "RAISED_IN")
    return sorted((_action_item(g, a) for a in items), key=lambda a: (a["date"], a["id"]))


_TIMELINE_TYPES = {"ATTENDED": "attended", "ABSENT_FROM": "absent from", "CONTACT": "contact",
                   "RAISED_IN": "raised in", "MEETING_OF": "meeting of", "HELD_IN": "held in"}


def timeline(g: nx.MultiDiGraph, nid: str, relationships: dict | None = None) -> list[dict]:
    """Dated contacts and meetings of a node, oldest first: {"date", "what", "with",
    "with_id", "status", "evidence", "source"}.  Undated contacts come last.
    `relationships`: relationships_of(g, nid), when the caller has it already."""
    out = []
    for group in (relationships if relationships is not None else relationships_of(g, nid)).values():
        for r in group:
            if r["type"] not in _TIMELINE_TYPES:
                continue
            what = _TIMELINE_TYPES[r["type"]]
            if r["type"] == "CONTACT":
                what = " ".join(x for x in ("contact", r["props"].get("kind", "")) if x)
            out.append({"date": r["date"], "what": what, "with": r["other"], "with_id": r["other_id"],
                        "status": r["props"].get("status", ""), "evidence": r["evidence"],
                        "source": r["source_name"]})
    if g.nodes[nid].get("label") == "Meeting" and g.nodes[nid].get("date"):
        out.append({"date": g.nodes[nid]["date"], "what": "meeting", "with": display_name(g, nid),
                    "with_id": nid, "status": "", "evidence": "", "source": ""})
    return sorted(out, key=lambda e: (not e["date"], e["date"], e["with"]))


def entity_view(g: nx.MultiDiGraph, nid: str) -> dict | None:
    """Everything the entity page shows, or None for an unknown id."""
    if nid not in g:
        return None
    rec = node_record(g, nid)
    rels = relationships_of(g, nid)
    rec.update(relationships=rels, action_items=action_items_for(g, nid), timeline=timeline(g, nid, rels),
               degree=mentions.degree(g, nid),
               sources=sorted({r["source"] for rows in rels.values() for r in rows if r["source"]}),
               known_props=list(NODE_PROPS.get(rec["label"], {})))
    return rec


def entity_options(g: nx.MultiDiGraph) -> list[tuple[str, str]]:
    """(id, "name (Label)") for a picker, parties first, then by name."""
    rank = {lab: i for i, lab in enumerate(PARTY)}
    rows = [(nid, d.get("name") or nid, d.get("label", "")) for nid, d in g.nodes(data=True)]
    rows.sort(key=lambda r: (rank.get(r[2], 9), r[1].lower()))
    return [(nid, f"{name} ({label})") for nid, name, label in rows]


# -- source text ------------------------------------------------------------------------
def _flexible_pattern(sentence: str) -> re.Pattern | None:
    words = sentence.split()
    if not words:
        return None
    return re.compile(r"\s+".join(re.escape(w) for w in words))


def find_sentence(text: str, sentence: str) -> tuple[int, int] | None:
    """Where the (whitespace-normalised) evidence sentence stands in the raw text,
    whatever line breaks and spaces the document has there.

    >>> find_sentence("Aanwezig\\n wethouder  Diederen\\n(Beek)", "wethouder Diederen (Beek)")
    (10, 36)
    """
    pat = _flexible_pattern(sentence)
    if pat is None:
        return None
    m = pat.search(text)
    return (m.start(), m.end()) if m else None


def highlight_sentence(text: str, sentence: str, *, context: int | None = None) -> str:
    """The source text as escaped HTML with the evidence sentence in <mark>.  Every
    character from the document is escaped: the result is safe for st.html/markdown.
    With `context`, only that many characters around the sentence are kept.

    >>> highlight_sentence("a <b> c", "<b>")
    'a <mark>&lt;b&gt;</mark> c'
    """
    where = find_sentence(text, sentence) if sentence else None
    if where is None:
        return html.escape(text if context is None else text[: 2 * context])
    s, e = where
    lo, hi = (0, len(text)) if context is None else (max(0, s - context), min(len(text), e + context))
    return (("… " if lo > 0 else "") + html.escape(text[lo:s]) + "<mark>" + html.escape(text[s:e])
            + "</mark>" + html.escape(text[e:hi]) + (" …" if hi < len(text) else ""))


def highlight_entities(text: str, spans: list[tuple[int, int, str]], colours: dict[str, str]) -> str:
    """The text as escaped HTML with each (start, end, label) span in a coloured <mark>;
    overlapping spans: the first (leftmost, then longest) wins.  Labels are contract
    labels, colours come from graph.visual, so nothing from the document is unescaped."""
    out, pos = [], 0
    for s, e, label in sorted(spans, key=lambda x: (x[0], -(x[1] - x[0]))):
        if s < pos:
            continue
        colour = colours.get(label, "#dddddd")
        # A light tint with the label's full colour underneath: dark text stays readable.
        tint = colour + "40" if re.fullmatch(r"#[0-9a-fA-F]{6}", colour) else colour
        out.append(html.escape(text[pos:s]))
        out.append(f'<mark style="background:{tint};border-bottom:2px solid {colour};color:inherit" '
                   f'title="{html.escape(label)}">{html.escape(text[s:e])}</mark>')
        pos = e
    out.append(html.escape(text[pos:]))
    return "".join(out)


def entity_spans(text: str, graph_nodes: list[dict]) -> list[tuple[int, int, str]]:
    """Where the names and aliases of extracted nodes occur in the text (whole words,
    any whitespace): for the upload preview.  Documents, meetings and action items are
    not names in the text and are skipped."""
    spans = []
    for n in graph_nodes:
        if n["label"] in ("Document", "Meeting", "ActionItem"):
            continue
        for name in {n["name"], *n.get("aliases", [])}:
            if len(name) < 2:
                continue
            pat = re.compile(r"(?<!\w)" + r"\s+".join(re.escape(w) for w in name.split()) + r"(?!\w)")
            spans.extend((m.start(), m.end(), n["label"]) for m in pat.finditer(text))
    return spans

