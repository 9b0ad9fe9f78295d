"""Open action items: what was agreed and is still open, per party (assigned to it, or its
name in the item's text).  A plain function over the networkx MultiDiGraph the stores
return, memoised per graph: the gaps analysis asks it for every municipality and region.

>>> G, _ = example()
>>> [(a["text"], a["raised"]) for a in open_action_items(G, {"municipality:cepel"}, ["Cepel"])]
[('Beleid Cepel delen met de Taskforce', '2023-05-01')]
"""
from __future__ import annotations

from collections import defaultdict

from graph.involvement import _memo, _norm_text, edges_of, name_of, names_pattern
from graph.involvement import example  # noqa: F401  (the small graph the examples below read)


def open_action_items(G, party_ids, names=()) -> list[dict]:
    """Open action items assigned to one of the parties, or whose text names one of them.

    >>> G, _ = example()
    >>> [a["text"] for a in open_action_items(G, {"municipality:cepel"}, ["Cepel"])]
    ['Beleid Cepel delen met de Taskforce']
    """
    party_ids = set(party_ids)
    pattern = names_pattern(names) if names else None
    items = _memo(G, "open_action_items", lambda: _open_items(G))
    by_party = _memo(G, "open_items_by_party", lambda: _items_by_party(items))
    # An item names one of `names` only if it holds that name as a substring: the pattern
    # runs on those alone (memoised per name: every municipality asks with its own names).
    candidates = {i for p in party_ids for i in by_party.get(p, ())}
    if pattern:
        texts = _memo(G, "open_items_texts", lambda: _Texts([it["norm_text"] for it in items]))
        for n in {_norm_text(n) for n in names if n}:
            candidates.update(i for i in _memo(G, ("open_items_naming", n), lambda n=n: texts.holding(n))
                              if pattern.search(items[i]["norm_text"]))
    return [{k: v for k, v in items[i].items() if k not in ("assigned_ids", "norm_text")} for i in sorted(candidates)]


class _Texts:
    """Many texts searched for substrings at C speed: joined into one string."""

    def __init__(self, texts: list[str]):
        import bisect

        self._bisect = bisect.bisect_right
        self.starts, pos = [], 0
        for t in texts:
            self.starts.append(pos)
            pos += len(t) + 1
        self.blob = "\0".join(texts)

    def holding(self, needle: str) -> list[int]:
        """Indexes of the texts that contain `needle` (no NUL in it), in order.

        >>> _Texts(["Beek en Stein", "Gennep", "Stein"]).holding("Stein")
        [0, 2]
        """
        out, pos = [], 0
        while needle:
            at = self.blob.find(needle, pos)
            if at < 0:
                break
            i = self._bisect(self.starts, at) - 1
            out.append(i)
            pos = self.starts[i + 1] if i + 1 < len(self.starts) else len(self.blob)
        return out


def _items_by_party(items) -> dict[str, list[int]]:
    out = defaultdict(list)
    for i, item in enumerate(items):
        for p in item["assigned_ids"]:
            out[p].append(i)
    return out


def _open_items(G) -> list[dict]:
    meeting_date = {s: G.nodes[e].get("date", "") for s, e, _ in edges_of(G, "RAISED_IN")}
    assigned = defaultdict(set)
    for s, e, _ in edges_of(G, "ASSIGNED_TO"):
        assigned[s].add(e)
    out = []
    for nid, d in G.nodes(data=True):
        if d.get("label") != "ActionItem" or d.get("status") == "done":
            continue
        text = d.get("text") or d.get("name", "")
        out.append({"id": nid, "text": text, "assigned_to": sorted(name_of(G, e) for e in assigned[nid]),
                    "owner_redacted": bool(d.get("owner_redacted")), "raised": meeting_date.get(nid, ""),
                    "assigned_ids": frozenset(assigned[nid]), "norm_text": _norm_text(text)})
    return sorted(out, key=lambda a: (a["raised"], a["text"]))
