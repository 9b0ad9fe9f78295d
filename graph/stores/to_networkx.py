"""Rows and columns read from a store, as the networkx MultiDiGraph documented in
graph/stores/base.py: nodes keyed by id with label, name, aliases and their non-NULL
properties; one edge per relationship, keyed by its assertion key, with type, source,
evidence and its non-NULL properties.

A 10,000-document store holds 1.7 million relationships, and the app reads all of them on
start.  These make that fit in seconds rather than tens of seconds:

- the adjacency is filled directly, the way MultiDiGraph keeps it (successor and
  predecessor entries share one key dict per node pair): networkx's add_edge() checks
  and clears caches on every call;
- Python's cyclic garbage collector is paused while the graph is built.  Millions of new
  dicts trigger a collection every 700 allocations, and the full ones walk the whole
  growing heap again and again: measured on this machine, half of the build time.  The
  graph holds no reference cycles that need the collector (dicts of strings), so pausing
  it changes nothing but the time;
- the embedded store hands over relationship ends as offsets in their label's table,
  which index the node ids already read (no second copy of millions of id strings, no
  join; integers, which Arrow converts several times faster than ladybug's id structs);
- attribute dicts are made by a dict display for the common shapes (about three times
  faster than dict(zip(names, row))), and relationships whose only property is their
  source (MENTIONS read without evidence) share one per source document.  The graph is
  read-only for its users;
- nothing here makes pyarrow import pandas (its compute functions and to_numpy() do, on
  first use: 0.4 s);
- the app goes further and keeps MENTIONS out of the adjacency altogether, in a
  graph.mentions.MentionIndex of columns (``mention_index``): 800,000 fewer edges.
"""
from __future__ import annotations

import gc
from contextlib import contextmanager
from itertools import repeat
from typing import NamedTuple

from graph.stores.schema import node_tables, rel_tables


@contextmanager
def collector_paused(freeze: bool = False):
    """Pause the cyclic garbage collector for a bulk build (restored as it was).

    With `freeze`, what the build made is moved out of the collector's reach
    (gc.freeze()) before it runs again: otherwise the first allocation after the pause
    triggers a collection of every object made during it (3 million containers for a
    10,000-document store: most of a second), and each later full collection walks them
    all again.  Meant for the whole graph an app keeps for its lifetime: it is dicts of
    strings, freed by reference counting when dropped, never cyclic garbage.  (Anything
    else alive at that moment is frozen too; should it become cyclic garbage later it is
    not collected, a bounded cost paid once per whole-graph read.)"""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if freeze:
            gc.freeze()
        if was:
            gc.enable()


class Relationships(NamedTuple):
    """The relationships of one type (and label pair) in columns: start ids, end ids, and
    the values of `names` (rel_tables() columns, key among them) in that order."""
    type: str
    names: list
    starts: list
    ends: list
    values: list
    # which of `values` hold a NULL, when the reader knows (Arrow counts them): spares a
    # scan of each column for None, ~40 ms over a large store's 900,000 relationships
    nulls: list | None = None


def graph_from_rows(node_rows: dict, rel_rows: dict, restrict: bool, columns: dict | None = None,
                    mention_index: bool = False, freeze: bool = False):
    """The documented MultiDiGraph from rows: node_rows[label] rows in node_tables() column
    order; rel_rows[type] rows of (start id, end id, then the type's columns: `columns[type]`
    when given, else all of rel_tables()).  With `restrict`, relationships whose ends were
    not read are left out.

    >>> g = graph_from_rows({"Person": [["person:a", "A", [], None, False]],
    ...                      "Municipality": [["municipality:b", "B", ["Bee"], "GM1", None]]},
    ...                     {"ALDERMAN_OF": [["person:a", "municipality:b", "document:d", "ev", "k1"]]},
    ...                     restrict=False)
    >>> g.nodes["municipality:b"], list(g.edges(keys=True, data=True))
    ({'label': 'Municipality', 'name': 'B', 'aliases': ['Bee'], 'cbs_code': 'GM1'}, [('person:a', 'municipality:b', 'k1', {'type': 'ALDERMAN_OF', 'source': 'document:d', 'evidence': 'ev'})])
    >>> list(g.in_edges("municipality:b", keys=True)) == list(g.out_edges("person:a", keys=True))
    True
    """
    columns = columns or {}
    rels = []
    index = None
    if mention_index:
        from graph.mentions import MentionIndex, attach

        rel_rows = dict(rel_rows)
        names = columns.get("MENTIONS") or list(rel_tables()["MENTIONS"])
        s_at, k_at = 2 + names.index("source"), 2 + names.index("key")
        read = {row[0] for rows in node_rows.values() for row in rows} if restrict else None
        index = MentionIndex.from_rows((r[0], r[1], r[s_at], r[k_at]) for r in rel_rows.pop("MENTIONS", ())
                                       if read is None or (r[0] in read and r[1] in read))
    for rtype, rows in rel_rows.items():
        if rows:
            cols = list(zip(*rows))
            rels.append(Relationships(rtype, columns.get(rtype) or list(rel_tables()[rtype]),
                                      cols[0], cols[1], cols[2:]))
    node_columns = {label: [list(c) for c in zip(*rows)] for label, rows in node_rows.items() if rows}
    g = build_graph(node_columns, rels, restrict=restrict, left_out=_left_out(columns), freeze=freeze)
    if index is not None:
        attach(g, index)
    return g


def _left_out(columns: dict) -> list:
    return sorted(t for t, cols in columns.items() if "evidence" not in cols)


def build_graph(node_columns: dict, relationships, *, restrict: bool = True, ends_read: bool = False, left_out=(),
                freeze: bool = False):
    """The MultiDiGraph of node_columns[label] (lists of values, in node_tables() column
    order) and `relationships` (Relationships).  ends_read: every start and end is known to
    be a node read (the store checked), so no per-relationship check is made; otherwise a
    relationship to a node not read is left out (`restrict`) or gets a bare node.  left_out: types read without evidence,
    noted in g.graph["without_evidence"] (pages fetch those sentences when they show them).
    freeze: see collector_paused (for a whole-graph read the app keeps)."""
    import networkx as nx

    g = nx.MultiDiGraph()
    nodes, succ, pred = g._node, g._succ, g._pred
    with collector_paused(freeze):
        for label, cols in node_columns.items():
            if not cols or not cols[0]:
                continue
            ids, attrs = _node_dicts(label, cols)
            nodes.update(zip(ids, attrs))
            fresh = [i for i in ids if i not in succ]
            succ.update({i: {} for i in fresh})  # (a display makes an empty dict faster than a call)
            pred.update({i: {} for i in fresh})
        for rels in relationships:
            _add_relationships(nodes, succ, pred, rels, restrict, ends_read)
    if left_out:
        g.graph["without_evidence"] = list(left_out)
    return g


def _node_dicts(label: str, cols: list) -> tuple[list, list[dict]]:
    """(ids, attribute dicts) of one label's columns: label, name, aliases (a list, empty
    for NULL), then the non-NULL properties in node_tables() order."""
    attrs = [{"label": label, "name": n, "aliases": list(a) if a else []} for n, a in zip(cols[1], cols[2])]
    _add_columns(attrs, list(node_tables()[label])[3:], cols[3:])
    return cols[0], attrs


def _add_columns(attrs: list[dict], names: list, values: list) -> None:
    """The non-NULL values of the columns `values` (named `names`) into each row's dict."""
    for name, column in zip(names, values):
        for a, v in zip(attrs, column):
            if v is not None:
                a[name] = v


def _column_dicts(names: list, values: list, optional_from: int) -> list[dict]:
    """dict(zip(names, row)) for every row of the columns `values` at once (C loops, no
    Python per property); then NULLs dropped from names[optional_from:], column by
    column, only where a column has any."""
    attrs = list(map(dict, map(zip, repeat(names), zip(*values))))
    for name, column in zip(names[optional_from:], values[optional_from:]):
        if None in column:
            for a, v in zip(attrs, column):
                if v is None:
                    del a[name]
    return attrs


def _attribute_dicts(rels: Relationships) -> list[dict]:
    """One attribute dict per relationship (type, then its non-NULL columns but the key)."""
    names = [c for c in rels.names if c != "key"]
    values = [v for c, v in zip(rels.names, rels.values) if c != "key"]
    rtype = rels.type
    if names == ["source"] and not _has_null(rels, "source"):  # nothing but provenance: one dict per document
        shared = {src: {"type": rtype, "source": src} for src in set(values[0])}
        return list(map(shared.__getitem__, values[0]))
    if _plain_provenance(rels):
        # the common shape, built by a dict display: about three times faster than
        # dict(zip(names, row)) for the ~900,000 relationships of a large store
        attrs = [{"type": rtype, "source": s, "evidence": e} for s, e in zip(values[0], values[1])]
        _add_columns(attrs, names[2:], values[2:])
        return attrs
    return _column_dicts(["type"] + names, [repeat(rtype)] + values, optional_from=1)


def _has_null(rels: Relationships, name: str) -> bool:
    i = rels.names.index(name)
    return rels.nulls[i] if rels.nulls is not None else None in rels.values[i]


def _plain_provenance(rels: Relationships) -> bool:
    """Whether the relationships' columns open with source and evidence, neither NULL
    anywhere: the common shape, whose dicts a dict display builds."""
    return rels.names[:2] == ["source", "evidence"] and not _has_null(rels, "source") and not _has_null(rels, "evidence")


def _add_relationships(nodes, succ, pred, rels: Relationships, restrict: bool, ends_read: bool) -> None:
    """One batch of relationships into the adjacency (successor and predecessor entries
    share one key dict per node pair, as MultiDiGraph keeps them)."""
    keys = rels.values[rels.names.index("key")]
    if ends_read and rels.names == ["source", "evidence", "key"] and _plain_provenance(rels):
        # the commonest case (most types, most relationships): each dict made where it is
        # stored, not first into a list of 900,000 walked again (3% of a large read)
        rtype = rels.type
        for start, end, key, s, e in zip(rels.starts, rels.ends, keys, rels.values[0], rels.values[1]):
            out = succ[start]
            keydict = out.get(end)
            if keydict is None:
                out[end] = pred[end][start] = {key: {"type": rtype, "source": s, "evidence": e}}
            else:
                keydict[key] = {"type": rtype, "source": s, "evidence": e}
        return
    attrs = _attribute_dicts(rels)
    for start, end, key, a in zip(rels.starts, rels.ends, keys, attrs):
        if not ends_read and (start not in succ or end not in succ):
            if restrict:
                continue
            for n in (start, end):  # an end of a label not read: a bare node
                if n not in succ:
                    succ[n], pred[n], nodes[n] = {}, {}, {}
        out = succ[start]
        keydict = out.get(end)
        if keydict is None:
            out[end] = pred[end][start] = {key: a}
        else:
            keydict[key] = a


def graph_from_arrow(node_tables_: dict, rel_tables_, columns: dict, mention_index: bool = False):
    """The embedded store's whole-graph read: node_tables_[label] pyarrow Tables of
    (offset(id(n)), then node_tables() columns); rel_tables_ an iterable of (type, start
    label, end label, Table of (offset(id(a)), offset(id(b)), then `columns[type]`)),
    taken one at a time as the graph is built (the store may still be running the next
    query).  offset(id()) is a node's place in its label's table: a relationship's ends
    index the node ids read, no id strings travel twice and no join is made.  Pairs
    with a label not read are left out.  With `mention_index` the MENTIONS go into a
    MentionIndex, not the adjacency."""
    import numpy as np
    import pyarrow as pa

    flat: list = []  # every node id read, at base[label] + offset
    base: dict[str, int] = {}
    node_columns = {}
    for label, t in node_tables_.items():
        node_columns[label] = []
        if not t.num_rows:
            continue
        cols = [t.column(i).to_pylist() for i in range(1, t.num_columns)]
        node_columns[label] = cols
        offsets = t.column(0).to_pylist()
        slots = [None] * (max(offsets) + 1)
        for o, nid in zip(offsets, cols[0]):
            slots[o] = nid
        base[label] = len(flat)
        flat.extend(slots)
    # the same ids as a numpy object array: a relationship's ends looked up in C (half the
    # time of mapping list.__getitem__ over Python ints)
    ids = np.array(flat, dtype=object)
    mention_parts: list = []  # (start positions, end positions, key, source) of each MENTIONS pair

    def relationships():  # one label pair at a time, as the tables come
        for rtype, a, b, t in rel_tables_:
            if not t.num_rows or a not in base or b not in base:
                continue
            starts = _numbers(t.column(0)) + base[a]
            ends = _numbers(t.column(1)) + base[b]
            if mention_index and rtype == "MENTIONS":
                names = columns[rtype]
                mention_parts.append((starts, ends, t.column(2 + names.index("key")),
                                      t.column(2 + names.index("source"))))
                continue
            yield Relationships(rtype, columns[rtype], ids[starts].tolist(), ids[ends].tolist(),
                                [t.column(i).to_pylist() for i in range(2, t.num_columns)],
                                [t.column(i).null_count > 0 for i in range(2, t.num_columns)])

    g = build_graph(node_columns, relationships(), ends_read=True, left_out=_left_out(columns), freeze=bool(base))
    if mention_index:
        from graph.mentions import MentionIndex, attach

        def positions(i):
            return np.concatenate([p[i] for p in mention_parts]) if mention_parts else np.empty(0, np.int64)

        def chunks(i):  # the pairs' string columns as one chunked array, not copied together
            return pa.chunked_array([c for p in mention_parts for c in _chunks(p[i])], pa.string())

        attach(g, MentionIndex(flat, positions(0), positions(1), chunks(2), chunks(3)))
    return g


def _numbers(column):
    """An int64 column without NULLs (node offsets) as one numpy array, read from the
    Arrow buffers: pyarrow's own to_numpy() and compute functions import pandas on first
    use, 0.4 s of a whole-graph read in a fresh process."""
    import numpy as np
    import pyarrow as pa

    parts = []
    for c in _chunks(column):
        if c.type != pa.int64() or c.null_count:
            raise ValueError(f"expected int64 positions without NULLs, got {c.type} with {c.null_count} NULLs")
        parts.append(np.frombuffer(c.buffers()[1], dtype=np.int64, count=len(c), offset=c.offset * 8))
    return parts[0] if len(parts) == 1 else np.concatenate(parts) if parts else np.empty(0, np.int64)


def _chunks(column) -> list:
    return column.chunks if hasattr(column, "chunks") else [column]
