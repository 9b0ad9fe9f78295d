"""Corrections a person makes in the app: rename an entity, merge a misspelling into the
right entity, change an entity's label, reject a wrong relationship.

A correction is stored in the store (GraphStore.save_correction) as
{"id", "kind", "args", "at", "active"} and is applied in three places:
- to every document graph on its way into the store (`apply_corrections`, called in
  loaders/ingest.py before write_document), so it survives re-ingesting the documents;
- to the current store when it is made (`make_correction`): each document whose
  assertions touch the entity is rewritten, corrected, in its own transaction;
- undone (`undo_correction`): the correction is marked inactive and the documents it
  touched are read again from their source files with the remaining corrections.

Ids follow names: node ids are label + normalised name (graph.contract.node_id), so a
rename gives the node the id of its new name, a label change the id with the new label,
and a merge points every relationship of one node at the other.

>>> from graph.model import DocumentGraph
>>> g = DocumentGraph()
>>> wrong = g.add_node("Organisation", "LLTV")
>>> right = g.add_node("Organisation", "LLTB")
>>> doc = g.add_node("Document", "minutes")
>>> _ = g.add_rel("MENTIONS", doc, wrong, source="document:minutes", evidence="LLTV")
>>> fixed = apply_corrections(g, [new_correction("merge", from_id="organisation:lltv", into_id="organisation:lltb",
...                                               into_label="Organisation", into_name="LLTB")])
>>> sorted(fixed.nodes), fixed.nodes["organisation:lltb"].aliases
(['document:minutes', 'organisation:lltb'], ['LLTV'])
"""
from __future__ import annotations

import hashlib
import json
from datetime import datetime, timezone

from graph.contract import LABELS, REL_TYPES, label_of_id, node_id
from graph.model import DocumentGraph

KINDS = ("rename", "merge", "relabel", "reject")
_REQUIRED = {"rename": ("node_id", "name"), "merge": ("from_id", "into_id"),
             "relabel": ("node_id", "label"), "reject": ("type", "start", "end")}


class CorrectionError(ValueError):
    """A correction that cannot be made (unknown kind, missing argument, same entity ...)."""


def new_correction(kind: str, **args) -> dict:
    """A checked, not yet stored correction with a fresh id and time."""
    if kind not in KINDS:
        raise CorrectionError(f"unknown correction {kind!r}; one of {', '.join(KINDS)}")
    missing = [a for a in _REQUIRED[kind] if not args.get(a)]
    if missing:
        raise CorrectionError(f"a {kind} correction needs {', '.join(missing)}")
    if kind == "relabel" and args["label"] not in LABELS:
        raise CorrectionError(f"unknown label {args['label']!r}; the contract has {', '.join(LABELS)}")
    if kind == "relabel" and "Document" in (args["label"], label_of_id(args["node_id"])):
        raise CorrectionError("documents keep their label: they are the sources of everything else")
    if kind == "merge" and args["from_id"] == args["into_id"]:
        raise CorrectionError("an entity cannot be merged into itself")
    if kind == "merge" and label_of_id(args["from_id"]) != label_of_id(args["into_id"]):
        raise CorrectionError("merge two entities with the same label (change the label first)")
    if kind == "rename" and not " ".join(str(args["name"]).split()):
        raise CorrectionError("the new name is empty")
    if kind == "rename" and " ".join(str(args["name"]).split()) == args.get("old_name"):
        raise CorrectionError("the new name is the same as the old one")
    if kind == "rename" and node_id(label_of_id(args["node_id"]), args["name"]) == args["node_id"]:
        # The stores keep the first spelling of an existing node's name (upsert sets only
        # aliases and properties on a match), so this rename would silently do nothing.
        raise CorrectionError("the new name differs from the old one only in capitals, accents or "
                              "punctuation; such a rename is not supported yet")
    if kind == "reject" and args["type"] not in REL_TYPES:
        raise CorrectionError(f"unknown relationship type {args['type']!r}")
    at = datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
    raw = json.dumps([kind, args, at], sort_keys=True, ensure_ascii=False, default=str)
    return {"id": f"{kind}-{hashlib.sha1(raw.encode()).hexdigest()[:10]}", "kind": kind,
            "args": dict(args), "at": at, "active": True}


def new_id(correction: dict) -> str | None:
    """The id the corrected node gets (rename, relabel, merge), else None."""
    kind, a = correction["kind"], correction["args"]
    if kind == "rename":
        return node_id(label_of_id(a["node_id"]), a["name"])
    if kind == "relabel":
        return f"{a['label'].lower()}:{a['node_id'].split(':', 1)[1]}"
    if kind == "merge":
        return a["into_id"]
    return None


def involved_ids(correction: dict) -> set[str]:
    a = correction["args"]
    return {a[k] for k in ("node_id", "from_id", "into_id", "start", "end") if a.get(k)}


def describe(correction: dict, names: dict | None = None) -> str:
    """One line in the users' words, for the Corrections page."""
    names = names or {}
    a = correction["args"]

    def n(i):
        return names.get(i) or i

    kind = correction["kind"]
    if kind == "rename":
        return f"rename {a.get('old_name') or n(a['node_id'])} to {a['name']}"
    if kind == "merge":
        return f"merge {a.get('from_name') or n(a['from_id'])} into {a.get('into_name') or n(a['into_id'])}"
    if kind == "relabel":
        return f"change {a.get('old_name') or n(a['node_id'])} from {label_of_id(a['node_id'])} to {a['label']}"
    return (f"reject {a['type']}: {a.get('start_name') or a['start']} -> {a.get('end_name') or a['end']}"
            + (f" (“{a['evidence']}”)" if a.get("evidence") else ""))


# -- applying to a document graph ----------------------------------------------------------
def _apply_one(graph: DocumentGraph, c: dict) -> DocumentGraph:
    kind, a = c["kind"], c["args"]
    if kind == "reject":
        start, end, rtype = a["start"], a["end"], a["type"]
        symmetric = REL_TYPES[rtype].symmetric
        out = DocumentGraph()
        out.nodes = dict(graph.nodes)
        for k, r in graph.rels.items():
            same = r.type == rtype and ((r.start, r.end) == (start, end)
                                        or (symmetric and (r.start, r.end) == (end, start)))
            if not same:
                out.rels[k] = r
        return out
    old = a.get("node_id") or a.get("from_id")
    if old not in graph.nodes:
        return graph
    target = new_id(c)
    mapping = {old: target}
    out = DocumentGraph()
    for nid, n in graph.nodes.items():
        if nid != old:
            out.add_node(n.label, n.name, id=nid, aliases=n.aliases, **n.props)
    n = graph.nodes[old]
    if kind == "rename":
        name = " ".join(str(a["name"]).split())
        out.add_node(n.label, name, id=target, aliases=[n.name, *n.aliases], **n.props)
    elif kind == "relabel":
        props = {k: v for k, v in n.props.items() if k in _props_of(a["label"])}
        out.add_node(a["label"], n.name, id=target, aliases=n.aliases, **props)
    else:  # merge: the right entity keeps its name; the wrong one's names become aliases
        into = graph.nodes.get(target)
        label = into.label if into else label_of_id(target)
        name = into.name if into else (a.get("into_name") or target.split(":", 1)[1])
        out.add_node(label, name, id=target, aliases=[n.name, *n.aliases], **n.props)
    for r in graph.rels.values():
        s, e = mapping.get(r.start, r.start), mapping.get(r.end, r.end)
        if s == e and r.start != r.end:
            continue  # merging two ends of one relationship: it said nothing
        try:
            out.add_rel(r.type, s, e, **r.props)
        except ValueError:
            continue  # the new label does not take this relationship (contract)
    return out


def _props_of(label: str) -> set:
    from graph.contract import NODE_PROPS

    return set(NODE_PROPS[label])


def apply_corrections(graph: DocumentGraph, corrections) -> DocumentGraph:
    """The graph with every active correction applied, oldest first.  Pure: `graph` is not
    changed.  Call this on each document's graph before GraphStore.write_document."""
    for c in corrections or ():
        if c.get("active", True) and c.get("kind") in KINDS:
            graph = _apply_one(graph, c)
    return graph


# -- the current store ----------------------------------------------------------------------
def document_graph_from_store(g, document_id: str) -> DocumentGraph:
    """One document's graph rebuilt from the store's networkx graph: its Document node,
    its assertions and the nodes they touch."""
    out = DocumentGraph()

    def add(nid):
        d = g.nodes[nid]
        label = d.get("label") or label_of_id(nid)
        props = {k: v for k, v in d.items() if k in _props_of(label) and v not in (None, "", [])}
        out.add_node(label, d.get("name") or nid, id=nid, aliases=d.get("aliases") or [], **props)

    if document_id in g:
        add(document_id)
    for u, v, data in g.edges(data=True):
        if data.get("source") != document_id:
            continue
        for nid in (u, v):
            if nid not in out.nodes:
                add(nid)
        props = {k: val for k, val in data.items() if k != "type" and val not in (None, "")}
        out.add_rel(data["type"], u, v, **props)
    return out


def affected_documents(g, correction: dict) -> list[str]:
    """Documents whose assertions touch the corrected entity or relationship."""
    ids = involved_ids(correction)
    docs = set()
    for u, v, data in g.edges(data=True):
        if (u in ids or v in ids) and data.get("source"):
            docs.add(data["source"])
    return sorted(docs)


def make_correction(store, correction: dict) -> list[str]:
    """Store a correction and apply it to the current store: every affected document is
    rewritten corrected (one transaction each).  Returns the rewritten document ids."""
    g = store.read_graph()
    for nid in involved_ids(correction) - {correction["args"].get("into_id")}:
        if correction["kind"] != "reject" and nid not in g:
            raise CorrectionError(f"{nid} is not in the graph")
    docs = affected_documents(g, correction)
    correction = dict(correction, args=dict(correction["args"], documents=docs))
    store.save_correction(correction)
    for doc_id in docs:
        store.write_document(_apply_one(document_graph_from_store(g, doc_id), correction), doc_id)
    return docs


def undo_correction(store, correction_id: str) -> dict:
    """Mark a correction inactive and rebuild the documents it touched from their sources
    with the corrections still active.  Returns {"rebuilt": [...], "not_rebuilt": {id: why}}."""
    corrections = store.corrections()
    found = [c for c in corrections if c["id"] == correction_id]
    if not found:
        raise CorrectionError(f"no correction {correction_id}")
    c = found[0]
    store.save_correction(dict(c, active=False))
    active = [x for x in corrections if x["active"] and x["id"] != correction_id]
    g = store.read_graph()
    docs = set(c["args"].get("documents") or ())
    touched = dict(c)
    if new_id(c):  # the node as it is now (renamed / relabelled / merged into)
        touched = dict(c, args=dict(c["args"], node_id=new_id(c)))
    docs |= set(affected_documents(g, touched))
    report = {"rebuilt": [], "not_rebuilt": {}}
    for doc_id in sorted(docs):
        try:
            source = source_graph(store, doc_id)
        except LookupError as exc:
            report["not_rebuilt"][doc_id] = str(exc)
            continue
        store.write_document(apply_corrections(source, active), doc_id)
        report["rebuilt"].append(doc_id)
    return report


def source_graph(store, doc_id: str) -> DocumentGraph:
    """A document's graph as its source file (or the reference list) gives it today."""
    import os

    from loaders.ingest import REFERENCE_ID, content_digest

    if doc_id == REFERENCE_ID:
        from loaders.reference import reference_graph

        graph = reference_graph()
        doc = graph.nodes[REFERENCE_ID]
        if not doc.props.get("sha256"):
            doc.props["sha256"] = content_digest(graph)
        return graph
    docs = {d["id"]: d for d in store.documents()}
    path = (docs.get(doc_id) or {}).get("path")
    if not path or not os.path.exists(path):
        raise LookupError(f"the source file {path or '(unknown)'} is no longer there")
    from loaders.pipeline import extract_path

    graph = extract_path(path)
    if doc_id not in graph.nodes:
        raise LookupError(f"{path} now gives another document id")
    return graph

