"""MENTIONS kept beside the graph instead of in it, and the functions that read them either way.

A 10,000-document store holds 800,000 MENTIONS: each document to every entity it names.
As networkx edges they are half of what the app reads on start, yet the pages only ever
ask about the MENTIONS of the few nodes they show.  So the app reads them into a
MentionIndex (``GraphStore.read_graph(mention_index=True)``): columns of positions and
keys, looked up per node, with no Python object per relationship.

Every function here takes a graph that holds its MENTIONS either way, as edges (what
``read_graph()`` returns by default, and every DocumentGraph) or in ``g.graph["mentions"]``,
and answers the same.  Code that needs a node's MENTIONS goes through them.

>>> from graph.model import DocumentGraph
>>> dg = DocumentGraph()
>>> doc = dg.add_node("Document", "Verslag", id="document:v")
>>> lltb = dg.add_node("Organisation", "LLTB")
>>> _ = dg.add_rel("MENTIONS", doc, lltb, source=doc.id, evidence="De LLTB is aangehaakt.")
>>> g = dg.to_networkx()
>>> h = move_to_index(g)
>>> h.number_of_edges(), mention_count(h)
(0, 1)
>>> [(d, a["type"]) for d, _k, a in mentioning(h, "organisation:lltb")]
[('document:v', 'MENTIONS')]
>>> mentioning(h, "organisation:lltb") == [(d, k, {x: a[x] for x in ("type", "source")})
...                                        for d, k, a in mentioning(g, "organisation:lltb")]
True
"""
from __future__ import annotations

from typing import Iterable

MENTIONS = "MENTIONS"


class MentionIndex:
    """The MENTIONS of a graph as columns: for relationship i, document ``ids[doc[i]]``
    names entity ``ids[entity[i]]``; ``keys[i]`` is its assertion key and ``sources[i]``
    its source document.  ``ids`` is a list of node ids (holes may be None); the other
    columns are numpy arrays (positions) and pyarrow (chunked) arrays (strings), so that building
    the index makes no Python object per relationship.  Read-only once built.  No
    evidence sentences: GraphStore.mention_evidence() gives them by key."""

    def __init__(self, ids: list, doc, entity, keys, sources):
        import numpy as np
        import pyarrow as pa

        self.ids = ids
        self.doc = np.asarray(doc, dtype=np.int64)
        self.entity = np.asarray(entity, dtype=np.int64)
        # Arrow (chunked) arrays as read, or lists made into one
        self.keys = keys if isinstance(keys, (pa.Array, pa.ChunkedArray)) else pa.array(list(keys), pa.string())
        self.sources = sources if isinstance(sources, (pa.Array, pa.ChunkedArray)) \
            else pa.array(list(sources), pa.string())
        # each column's rows sorted by position, for a binary search per lookup
        self._by_entity = np.argsort(self.entity, kind="stable")
        self._by_doc = np.argsort(self.doc, kind="stable")
        self._entity_sorted = self.entity[self._by_entity]
        self._doc_sorted = self.doc[self._by_doc]
        self._position: dict | None = None

    @classmethod
    def from_rows(cls, rows: Iterable) -> "MentionIndex":
        """From (document id, entity id, source, key) rows."""
        ids, position = [], {}

        def pos(nid):
            p = position.get(nid)
            if p is None:
                p = position[nid] = len(ids)
                ids.append(nid)
            return p

        doc, entity, sources, keys = [], [], [], []
        for d, e, s, k in rows:
            doc.append(pos(d))
            entity.append(pos(e))
            sources.append(s)
            keys.append(k)
        return cls(ids, doc, entity, keys, sources)

    def __len__(self) -> int:
        return len(self.doc)

    def _pos(self, nid: str) -> int | None:
        if self._position is None:  # built on first use; two threads building it is harmless
            self._position = {n: i for i, n in enumerate(self.ids) if n is not None}
        return self._position.get(nid)

    def _rows(self, order, sorted_column, nid: str) -> list[int]:
        p = self._pos(nid)
        if p is None:
            return []
        lo, hi = sorted_column.searchsorted([p, p + 1])
        return order[lo:hi].tolist()

    def _records(self, rows: list[int], other) -> list[tuple[str, str, dict]]:
        if not rows:
            return []
        keys = self.keys.take(rows).to_pylist()
        sources = self.sources.take(rows).to_pylist()
        return [(self.ids[int(other[r])], k, {"type": MENTIONS, "source": s})
                for r, k, s in zip(rows, keys, sources)]

    def _naming(self, nid: str) -> list[int]:  # rows whose entity is nid
        return self._rows(self._by_entity, self._entity_sorted, nid)

    def _named_by(self, doc_id: str) -> list[int]:  # rows whose document is doc_id
        return self._rows(self._by_doc, self._doc_sorted, doc_id)

    def documents_of(self, nid: str) -> list[tuple[str, str, dict]]:
        """(document id, key, attributes) of the MENTIONS of `nid`, in the store's order."""
        return self._records(self._naming(nid), self.doc)

    def entities_of(self, doc_id: str) -> list[tuple[str, str, dict]]:
        """(entity id, key, attributes) of the MENTIONS a document makes."""
        return self._records(self._named_by(doc_id), self.entity)

    def neighbours(self, nid: str) -> set[str]:
        """The documents naming `nid` and the entities `nid` names (ids only: no keys read)."""
        return {self.ids[p] for p in self.doc[self._naming(nid)].tolist() + self.entity[self._named_by(nid)].tolist()}

    def among(self, nodes) -> list[tuple[str, str, str, dict]]:
        """(document, entity, key, attributes) of the MENTIONS with both ends in `nodes`."""
        import numpy as np

        wanted = [p for p in map(self._pos, nodes) if p is not None]
        if not wanted:
            return []
        wanted = np.asarray(wanted, dtype=np.int64)
        rows = np.flatnonzero(np.isin(self.doc, wanted) & np.isin(self.entity, wanted)).tolist()
        return [(self.ids[int(self.doc[r])], e, k, a) for r, (e, k, a) in zip(rows, self._records(rows, self.entity))]

    def count_at(self, nid: str) -> int:
        """MENTIONS at `nid`, as the document or as the entity named."""
        return len(self._naming(nid)) + len(self._named_by(nid))

    def per_document(self) -> dict[str, int]:
        """Document id -> how many MENTIONS it makes."""
        import numpy as np

        if not len(self):
            return {}
        counts = np.bincount(self.doc)
        return {self.ids[p]: int(c) for p, c in enumerate(counts.tolist()) if c}


def index_of(g) -> MentionIndex | None:
    """The graph's MentionIndex, or None when its MENTIONS are edges."""
    return g.graph.get("mentions")


def attach(g, index: MentionIndex):
    """Hang `index` on `g` as its MENTIONS, noting that they come without sentences."""
    g.graph["mentions"] = index
    g.graph["without_evidence"] = sorted(set(g.graph.get("without_evidence", [])) | {MENTIONS})
    return g


def sentences_left_out(g) -> bool:
    """Whether the graph's MENTIONS came without their sentences (read_graph with
    mention_evidence=False or mention_index=True): pages that show them fetch them."""
    return MENTIONS in g.graph.get("without_evidence", ())


def mentioning(g, nid: str) -> list[tuple[str, str, dict]]:
    """(document id, key, attributes) of every MENTIONS that ends at `nid`."""
    return _at(g, nid, incoming=True)


def mentioned_by(g, doc_id: str) -> list[tuple[str, str, dict]]:
    """(entity id, key, attributes) of every MENTIONS a document makes."""
    return _at(g, doc_id, incoming=False)


def _at(g, nid: str, incoming: bool) -> list[tuple[str, str, dict]]:
    """(node at the other end, key, attributes) of the MENTIONS at `nid`, one direction."""
    out = []
    if nid in g:
        edges = g.in_edges(nid, keys=True, data=True) if incoming else g.out_edges(nid, keys=True, data=True)
        out = [(u if incoming else v, k, a) for u, v, k, a in edges if a.get("type") == MENTIONS]
    index = index_of(g)
    if index is not None:
        out += index.documents_of(nid) if incoming else index.entities_of(nid)
    return out


def mention_count(g) -> int:
    """The MENTIONS held in the index (those held as edges are counted by the graph)."""
    index = index_of(g)
    return len(index) if index is not None else 0


def relationship_count(g) -> int:
    """Every relationship of the graph, MENTIONS in the index included."""
    return g.number_of_edges() + mention_count(g)


def neighbours(g, nid: str) -> set[str]:
    """Nodes one step from `nid` in either direction, across indexed MENTIONS too."""
    out = set(g.predecessors(nid)) | set(g.successors(nid)) if nid in g else set()
    index = index_of(g)
    if index is not None:
        out |= index.neighbours(nid)
    return out


def degree(g, nid: str) -> int:
    """Relationships at `nid`, indexed MENTIONS included."""
    n = g.degree(nid) if nid in g else 0
    index = index_of(g)
    if index is not None:
        n += index.count_at(nid)
    return n


def add_mentions(sub, g):
    """Put into `sub` (a graph of some of g's nodes, a copy) the indexed MENTIONS of `g`
    between its nodes, as edges; returns `sub`.  Nothing to do when g holds them as edges."""
    index = index_of(g)
    if index is not None:
        for d, e, k, a in index.among(list(sub.nodes)):
            sub.add_edge(d, e, key=k, **a)
    return sub


def move_to_index(g):
    """A copy of `g` whose MENTIONS edges are held in a MentionIndex instead (evidence
    dropped, as the app reads them): what ``read_graph(mention_index=True)`` returns for
    the same store.  For tests: every function above answers the same for both."""
    import networkx as nx

    h = nx.MultiDiGraph()
    h.graph.update(g.graph)
    h.add_nodes_from(g.nodes(data=True))
    rows = []
    for u, v, k, a in g.edges(keys=True, data=True):
        if a.get("type") == MENTIONS:
            rows.append((u, v, a.get("source"), k))
        else:
            h.add_edge(u, v, key=k, **a)
    if index_of(g) is not None:
        rows += [(d, e, a["source"], k) for d, e, k, a in index_of(g).among(list(g.nodes))]
    return attach(h, MentionIndex.from_rows(rows))
