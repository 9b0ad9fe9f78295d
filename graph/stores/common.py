"""What both stores do the same way in Python: validate a DocumentGraph and turn it into
batches of rows before a transaction starts (write plans), and read neighbourhoods key by
key.  Rows read back become networkx graphs in graph/stores/to_networkx.py.
"""
from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field

from graph.contract import REL_TYPES, check_relationship, label_of_id
from graph.model import DocumentGraph, Relationship
from graph.stores.base import StoreError, WriteResult
from graph.stores.schema import node_tables, rel_tables

@dataclass
class WritePlan:
    document_id: str
    fingerprint: str
    nodes: dict = field(default_factory=dict)  # label -> [row dict with r_ columns]
    rels: dict = field(default_factory=dict)  # (type, from_label, to_label) -> [row dict]
    node_ids: set = field(default_factory=set)
    rel_keys: set = field(default_factory=set)

    @property
    def rel_ends(self) -> set:
        return {r[k] for rows in self.rels.values() for r in rows for k in ("r_start", "r_end")}


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
        try:
            id_label = label_of_id(nid)
        except ValueError:
            id_label = None
        if id_label != node.label:
            raise StoreError(f"{where}: the id of a {node.label} starts with '{node.label.lower()}:'")
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


def merge_nodes(label: str, rows: list[dict], stored: list[list]) -> tuple[list, list]:
    """Split a label's rows into (new rows, rows of stored nodes that change).  A stored
    node keeps its name; its aliases are unioned with the new ones (in order, no
    duplicates, never its own name); a property given now replaces the stored one, a
    property not given keeps it.  Unchanged stored nodes are not written at all."""
    cols = list(node_tables()[label])
    have = {r[0]: dict(zip(cols, r)) for r in stored}
    new, changed = [], []
    for row in rows:
        old = have.get(row["r_id"])
        if old is None:
            new.append(row)
            continue
        aliases = list(old["aliases"] or [])
        for a in row["r_aliases"] or []:
            if a not in aliases and a != old["name"]:
                aliases.append(a)
        merged = {"r_id": row["r_id"], "r_aliases": aliases}
        for c in cols[3:]:
            merged[f"r_{c}"] = row[f"r_{c}"] if row[f"r_{c}"] is not None else old[c]
        if aliases != list(old["aliases"] or []) or any(merged[f"r_{c}"] != old[c] for c in cols[3:]):
            changed.append(merged)
    return new, changed


def _merge_batch_nodes(plans) -> dict:
    """label -> rows, one per node id across the batch: aliases unioned in order, a later
    document's property replacing an earlier one's (as writing them one by one would)."""
    out: dict[str, dict] = {}
    for plan in plans:
        for label, rows in plan.nodes.items():
            have = out.setdefault(label, {})
            for row in rows:
                old = have.get(row["r_id"])
                if old is None:
                    have[row["r_id"]] = dict(row, r_aliases=list(row["r_aliases"] or []))
                    continue
                for a in row["r_aliases"] or []:
                    if a not in old["r_aliases"] and a != old["r_name"]:
                        old["r_aliases"].append(a)
                for k, v in row.items():
                    if k not in ("r_id", "r_name", "r_aliases") and v is not None:
                        old[k] = v
    return {label: list(rows.values()) for label, rows in out.items()}


def write_batch(run, dialect, plans: list, old: dict) -> list:
    """The body of write_documents inside the backend's one transaction, after the backend
    has deleted the old assertions of the documents written before (`old`: document id ->
    [(start, end, key)]).  `run(query, params)` returns rows as lists.  One statement per
    label and per relationship type/pair for the whole batch: statements, not rows, are
    what costs on ladybug.  Raises StoreError naming the document when a relationship's end
    is nowhere (the caller rolls back)."""
    existing = set()
    for label, rows in _merge_batch_nodes(plans).items():
        stored = run(dialect.nodes_by_id(label), {"ids": [r["r_id"] for r in rows]})
        existing |= {r[0] for r in stored}
        new, changed = merge_nodes(label, rows, stored)
        if new:
            run(dialect.create_nodes(label), {"rows": new})
        if changed:
            run(dialect.update_nodes(label), {"rows": changed})
    groups: dict[tuple, list] = {}
    for plan in plans:
        for group, rows in plan.rels.items():
            groups.setdefault(group, []).extend(rows)
    for (rtype, fl, tl), rows in groups.items():
        made = run(dialect.create_rels(rtype, fl, tl), {"rows": dialect.rel_rows(rtype, rows)})[0][0]
        if made != len(rows):
            _missing(run, dialect, rtype, fl, tl, rows)
    doc_ids = {p.document_id for p in plans}
    rel_ends = set().union(*(p.rel_ends for p in plans))
    old_ends = {d: {x for a, b, _ in old.get(d, []) for x in (a, b)} for d in doc_ids}
    # Nodes these documents touched before or name now that no relationship touches any
    # more; an end of a relationship just written is not a candidate, nor is a written
    # document's own node.
    candidates = set().union(*(old_ends[p.document_id] | p.node_ids for p in plans)) - rel_ends - doc_ids
    removed = remove_orphans(run, dialect, candidates)
    results, counted_new, counted_gone = [], set(), set()
    for plan in plans:
        res = WriteResult(plan.document_id, True)
        new = plan.node_ids - existing - removed - counted_new
        gone = removed & (plan.node_ids | old_ends[plan.document_id]) & (existing | old_ends[plan.document_id])
        gone -= counted_gone
        counted_new |= new
        counted_gone |= gone
        old_keys = {k for _, _, k in old.get(plan.document_id, [])}
        res.nodes_added, res.nodes_removed = len(new), len(gone)
        res.rels_added = len(plan.rel_keys - old_keys)
        res.rels_removed = len(old_keys - plan.rel_keys)
        results.append(res)
    return results


def _missing(run, dialect, rtype, fl, tl, rows):
    def stored(label, ids):
        return {r[0] for r in run(dialect.nodes_by_id(label), {"ids": sorted(ids)})}

    have_start = stored(fl, {r["r_start"] for r in rows})
    have_end = stored(tl, {r["r_end"] for r in rows})
    for r in rows:
        gone = r["r_start"] if r["r_start"] not in have_start else r["r_end"] if r["r_end"] not in have_end else None
        if gone:
            raise StoreError(f"writing {r['r_source']} failed, nothing was written: {rtype} refers to "
                             f"{gone!r}, which is neither in the document's graph nor in the store")
    raise StoreError(f"writing failed, nothing was written: not every {rtype} {fl}->{tl} could be created")


def take_assertions(run, dialect, document_ids) -> dict:
    """Delete the assertions whose source is one of `document_ids`, type by type (on
    Neo4j each uses its `source` index); returns document id -> [(start, end, key)]."""
    old: dict[str, list] = {}
    if not document_ids:
        return old
    docs = {"docs": sorted(document_ids)}
    for rtype in rel_tables():
        rows = run(dialect.shared("assertions_of", rtype=rtype), docs)
        for src, a, b, k in rows:
            old.setdefault(src, []).append((a, b, k))
        if rows:
            run(dialect.shared("delete_assertions_of", rtype=rtype), docs)
    return old


def batch_plans(items) -> list:
    """Validated write plans for [(graph, document_id) or a WritePlan prepare_write made];
    a document twice is an error."""
    plans = [item if isinstance(item, WritePlan) else prepare_write(*item) for item in items]
    seen = set()
    for p in plans:
        if p.document_id in seen:
            raise StoreError(f"{p.document_id} appears twice in one batch of writes")
        seen.add(p.document_id)
    return plans


def loaded_rows(plans, now: str) -> list:
    return [{"id": p.document_id, "fp": p.fingerprint, "at": now, "n": len(p.node_ids), "r": len(p.rel_keys)}
            for p in plans]


def log_rows(results, actions, now: str) -> list:
    return [{"at": now, "doc": r.document_id, "action": a, "na": r.nodes_added, "nr": r.nodes_removed,
             "ra": r.rels_added, "rr": r.rels_removed} for r, a in zip(results, actions)]


def remove_orphans(run, dialect, candidates) -> set:
    """Delete the candidates no relationship touches; returns their ids."""
    removed = set()
    for label, ids in ids_by_label(candidates).items():
        orphans = [r[0] for r in run(dialect.orphans(label), {"ids": ids})]
        if orphans:
            run(dialect.delete_nodes(label), {"ids": orphans})
            removed.update(orphans)
    return removed


def _chunks(ids, size: int = 2000):
    """A long id list in parts: a hub's 2-hop neighbourhood can be most of the store, and
    one statement over all of it can exhaust the embedded store's buffer pool."""
    ids = list(ids)
    for i in range(0, len(ids), size):
        yield ids[i:i + size]


def ids_by_label(ids) -> dict[str, list[str]]:
    """Node ids grouped by the label their prefix names (ids of no label left out), for
    key lookups per node table.

    >>> ids_by_label(["person:b", "municipality:beek", "person:a", "nonsense"])
    {'Municipality': ['municipality:beek'], 'Person': ['person:a', 'person:b']}
    """
    out: dict[str, list] = {}
    for nid in sorted(set(ids)):
        try:
            out.setdefault(label_of_id(nid), []).append(nid)
        except ValueError:
            pass
    return out


def mention_evidence_rows(run, dialect, node_ids) -> dict[str, str]:
    """Key -> evidence sentence of the MENTIONS ending at node_ids (see GraphStore)."""
    out = {}
    for label, ids in ids_by_label(node_ids).items():
        for part in _chunks(ids):
            out.update((key, ev) for key, ev in run(dialect.shared("mention_evidence", label=label), {"ids": part}))
    return out


def neighbourhood_rows(run, dialect, node_id: str, hops: int, types=None):
    """(node_rows, rel_rows) for graph_from_rows: the nodes within `hops` steps of
    node_id (either direction, over `types` only when given) and every relationship among
    them.  Key lookups from the frontier outwards, never a scan of the store."""
    try:
        label = label_of_id(node_id)
    except ValueError:
        label = None
    if label is None or not run(dialect.nodes_by_id(label), {"ids": [node_id]}):
        raise StoreError(f"no node with id {node_id!r} in the store")
    types = list(types or REL_TYPES)
    steps = {lab: [(t, b if a == lab else a, a == lab) for t in types for a, b in sorted(REL_TYPES[t].pairs)
                   if lab in (a, b)] for lab in node_tables()}
    seen, frontier = {node_id}, {node_id}
    for _ in range(max(0, int(hops))):
        found = set()
        for lab, ids in ids_by_label(frontier).items():
            for rtype, other, outgoing in steps[lab]:
                for part in _chunks(ids):
                    found |= {r[0] for r in run(dialect.hop(lab, rtype, other, outgoing), {"ids": part})}
                if lab == other and outgoing:  # a self-pair: the other direction too
                    for part in _chunks(ids):
                        found |= {r[0] for r in run(dialect.hop(lab, rtype, other, False), {"ids": part})}
        frontier = found - seen
        seen |= found
        if not frontier:
            break
    groups = ids_by_label(seen)
    node_rows = {lab: [r for part in _chunks(ids) for r in run(dialect.nodes_by_id(lab), {"ids": part})]
                 for lab, ids in groups.items()}
    rel_rows: dict[str, list] = {}
    for lab, ids in groups.items():
        for rtype, other, outgoing in steps[lab]:
            if not outgoing or other not in groups:
                continue
            for part in _chunks(ids):
                rel_rows.setdefault(rtype, []).extend(
                    row for row in run(dialect.rels_from(lab, rtype, other), {"ids": part}) if row[1] in seen)
    return node_rows, rel_rows


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
