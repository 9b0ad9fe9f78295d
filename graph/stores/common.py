"""What both stores do the same way in Python: validate a DocumentGraph and turn it into
batches of rows before a transaction starts (write plans), and turn rows read back into
the networkx shape documented in graph/stores/base.py.
"""
from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field

from graph.contract import REL_TYPES, check_relationship, label_of_id
from graph.model import DocumentGraph, Relationship
from graph.stores.base import StoreError
from graph.stores.schema import node_tables, rel_tables

_ARROW = {"string": "string", "bool": "bool_", "string[]": "list"}


@dataclass
class WritePlan:
    document_id: str
    fingerprint: str
    nodes: dict = field(default_factory=dict)  # label -> [row dict with r_ columns]
    rels: dict = field(default_factory=dict)  # (type, from_label, to_label) -> [row dict]
    node_ids: set = field(default_factory=set)
    rel_keys: set = field(default_factory=set)

    def node_rows(self) -> dict:
        return self.nodes

    def rel_rows(self) -> dict:
        return self.rels

    def node_tables(self) -> dict:
        """label -> pyarrow Table with an explicit schema (a column of only NULLs still has
        the contract's type; ladybug would otherwise guess STRING)."""
        return {label: _table(rows, node_tables()[label]) for label, rows in self.nodes.items()}

    def rel_tables(self) -> dict:
        out = {}
        for group, rows in self.rels.items():
            cols = {"start": "string", "end": "string", **rel_tables()[group[0]]}
            out[group] = _table(rows, cols)
        return out

    def missing_endpoints(self, rtype, from_label, to_label, existing_ids) -> str:
        """Explain which endpoints of a relationship batch are not in the store."""
        rows = self.rels[(rtype, from_label, to_label)]
        starts = {r["r_start"] for r in rows}
        ends = {r["r_end"] for r in rows}
        gone = sorted((starts - existing_ids(from_label, starts)) | (ends - existing_ids(to_label, ends)))
        if not gone:
            return f"{rtype} {from_label}->{to_label}: not every relationship could be created"
        return (f"{rtype} refers to {gone[0]!r}, which is neither in the document's graph nor in the store"
                + (f" (and {len(gone) - 1} more)" if len(gone) > 1 else ""))


def _table(rows, cols: dict):
    import pyarrow as pa

    types = {"string": pa.string(), "bool": pa.bool_(), "string[]": pa.list_(pa.string())}
    schema = pa.schema([(f"r_{c}", types[t]) for c, t in cols.items()])
    return pa.Table.from_pylist(rows, schema=schema)


def _check_value(where: str, prop: str, typ: str, value):
    if value is None:
        return None
    if typ == "bool":
        if not isinstance(value, bool):
            raise StoreError(f"{where}: property {prop!r} must be true or false, not {value!r}")
        return value
    if typ == "string[]":
        if isinstance(value, str) or not all(isinstance(v, str) for v in value):
            raise StoreError(f"{where}: property {prop!r} must be a list of strings")
        return list(value)
    if hasattr(value, "isoformat"):  # a date read by a loader
        return value.isoformat()
    if not isinstance(value, (str, int, float)) or isinstance(value, bool):
        raise StoreError(f"{where}: property {prop!r} must be text, not {type(value).__name__}")
    return str(value)


def prepare_write(graph: DocumentGraph, document_id: str) -> WritePlan:
    """Validate `graph` against the contract and group it into row batches.  Raises
    StoreError (one line, naming the node or relationship) before anything is written.
    Relationships without a `source` get `document_id`; one with another source is an
    error (it would not be replaced when this document is written again)."""
    if not isinstance(graph, DocumentGraph):
        raise StoreError(f"write_document needs a DocumentGraph, not {type(graph).__name__}")
    if not isinstance(document_id, str) or not document_id.startswith("document:"):
        raise StoreError(f"document id {document_id!r} is not a Document node id (document:...)")
    tables = node_tables()
    plan = WritePlan(document_id, "")
    labels = {}
    export_nodes = []
    for nid, node in sorted(graph.nodes.items()):
        where = f"{document_id}: node {nid!r}"
        if node.label not in tables:
            raise StoreError(f"{where}: unknown label {node.label!r}")
        if not isinstance(nid, str) or not nid or nid != node.id:
            raise StoreError(f"{where}: a node needs a non-empty id")
        if not isinstance(node.name, str):
            raise StoreError(f"{where}: name must be text")
        row = {"r_id": nid, "r_name": node.name,
               "r_aliases": _check_value(where, "aliases", "string[]", list(node.aliases or []))}
        for prop, value in (node.props or {}).items():
            if prop not in tables[node.label] or prop in ("id", "name", "aliases"):
                raise StoreError(f"{where}: {node.label} has no property {prop!r} in the contract")
        for prop, typ in tables[node.label].items():
            if prop not in ("id", "name", "aliases"):
                row[f"r_{prop}"] = _check_value(where, prop, typ, (node.props or {}).get(prop))
        plan.nodes.setdefault(node.label, []).append(row)
        plan.node_ids.add(nid)
        labels[nid] = node.label
        export_nodes.append(row)
    export_rels = []
    for rel in graph.rels.values():
        where = f"{document_id}: {rel.type} {rel.start!r} -> {rel.end!r}"
        if rel.type not in REL_TYPES:
            raise StoreError(f"{where}: unknown relationship type")
        props = dict(rel.props or {})
        props.setdefault("source", document_id)
        if props["source"] != document_id:
            raise StoreError(f"{where}: source is {props['source']!r}, not the document being written")
        try:
            fl = labels.get(rel.start) or label_of_id(rel.start)
            tl = labels.get(rel.end) or label_of_id(rel.end)
            check_relationship(rel.type, fl, tl)
        except ValueError as exc:
            raise StoreError(f"{where}: {exc}") from None
        cols = rel_tables()[rel.type]
        for prop in props:
            if prop not in cols or prop == "key":
                raise StoreError(f"{where}: {rel.type} has no property {prop!r} in the contract")
        key = Relationship(rel.type, rel.start, rel.end, props).key()
        if key in plan.rel_keys:
            continue
        row = {"r_start": rel.start, "r_end": rel.end, "r_key": key}
        for prop in cols:
            if prop != "key":
                row[f"r_{prop}"] = _check_value(where, prop, "string", props.get(prop))
        plan.rels.setdefault((rel.type, fl, tl), []).append(row)
        plan.rel_keys.add(key)
        export_rels.append(row)
    export_rels.sort(key=lambda r: r["r_key"])
    raw = json.dumps([export_nodes, export_rels], sort_keys=True, ensure_ascii=False, default=str)
    plan.fingerprint = hashlib.sha256(raw.encode("utf-8")).hexdigest()
    return plan


def graph_from_rows(node_rows: dict, rel_rows: dict, restrict: bool):
    """The documented MultiDiGraph from rows: node_rows[label] rows in node_tables() column
    order; rel_rows[type] rows of (start id, end id, rel_tables() columns).  With
    `restrict`, relationships whose ends were not read are left out."""
    import networkx as nx

    g = nx.MultiDiGraph()
    for label, rows in node_rows.items():
        cols = list(node_tables()[label])
        for row in rows:
            attrs = {"label": label, "name": row[1], "aliases": list(row[2] or [])}
            for c, v in zip(cols[3:], row[3:]):
                if v is not None:
                    attrs[c] = v
            g.add_node(row[0], **attrs)
    for rtype, rows in rel_rows.items():
        cols = list(rel_tables()[rtype])
        for row in rows:
            start, end = row[0], row[1]
            if restrict and (start not in g or end not in g):
                continue
            attrs = {"type": rtype}
            key = None
            for c, v in zip(cols, row[2:]):
                if c == "key":
                    key = v
                elif v is not None:
                    attrs[c] = v
            g.add_edge(start, end, key=key, **attrs)
    return g


def query_value(v, idmap: dict):
    """A ladybug value as plain Python: nodes {"_label", "_id", props...}, relationships
    {"_type", "_start", "_end", props...}, paths {"_nodes": [...], "_rels": [...]}."""
    if isinstance(v, dict):
        if "_NODES" in v and "_RELS" in v:
            return {"_nodes": [query_value(n, idmap) for n in v["_NODES"]],
                    "_rels": [query_value(r, idmap) for r in v["_RELS"]]}
        if "_SRC" in v and "_DST" in v and "_LABEL" in v:
            out = {"_type": v["_LABEL"],
                   "_start": idmap.get((v["_SRC"]["table"], v["_SRC"]["offset"])),
                   "_end": idmap.get((v["_DST"]["table"], v["_DST"]["offset"]))}
            out.update({k: query_value(x, idmap) for k, x in v.items()
                        if not k.startswith("_") and x is not None})
            return out
        if "_ID" in v and "_LABEL" in v:
            out = {"_label": v["_LABEL"], "_id": v.get("id")}
            out.update({k: query_value(x, idmap) for k, x in v.items()
                        if not k.startswith("_") and x is not None})
            return out
        return {k: query_value(x, idmap) for k, x in v.items()}
    if isinstance(v, list):
        return [query_value(x, idmap) for x in v]
    if hasattr(v, "isoformat"):
        return v.isoformat()
    return v
