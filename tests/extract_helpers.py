"""Shared by the extractor tests: wrap a few Dutch sentences into a minimal minutes
document and read relationships out of the resulting graph."""
from __future__ import annotations

from loaders.document import SourceDocument
from loaders.minutes import extract_minutes


def minutes_doc(body: str, date: str = "20-09-2023", title: str = "Verslag Taskforce Internationale Werknemers",
                head: str = "", name: str = "test-minutes") -> SourceDocument:
    """A minutes document: title, date line, optional attendance block, then the body."""
    text = f"{title}\n{date} 10:00 - 12:00 uur Stadhuis Venlo\n\n{head}\nVerslag\n{body}\n"
    return SourceDocument(f"/tmp/{name}.txt", text, "0" * 64, "txt")


def rels(graph, rtype: str | None = None) -> set[tuple]:
    """(type, start id, end id) of the graph's relationships (of one type)."""
    return {(r.type, r.start, r.end) for r in graph.rels.values() if rtype is None or r.type == rtype}


def rel_props(graph, rtype: str, start: str, end: str) -> list[dict]:
    """The properties of every relationship of that type between two nodes (either
    direction for symmetric types)."""
    out = []
    for r in graph.rels.values():
        if r.type == rtype and ((r.start, r.end) == (start, end) or (r.start, r.end) == (end, start)):
            out.append(r.props)
    return out


def extract(body: str, **kw):
    return extract_minutes(minutes_doc(body, **kw))
