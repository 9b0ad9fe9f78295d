"""Recording a contact from the app: one row, the same validation and graph as a line of
the contacts CSV (loaders.contacts.contact_graph), written through the store by
loaders.ingest.ingest_graph.

Each recording is its own contact-log Document, named after its content: recording the
same contact twice writes nothing new, and a mistaken entry is removed like any document
(`python -m loaders remove`).  The note becomes the CONTACT's evidence.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import json

from graph.contract import slug


def known_parties(g) -> dict[str, list[str]]:
    """Names and aliases of the parties a graph holds -> their ids (the `known` mapping
    the contact loader resolves names with).  Kept for loaders.ingest, which imports it
    from here; it is loaders.contacts.known_names.

    >>> from graph.model import DocumentGraph
    >>> d = DocumentGraph(); _ = d.add_node("Person", "Roger Holtus", aliases=["Holtus"])
    >>> known_parties(d.to_networkx())
    {'Roger Holtus': ['person:roger-holtus'], 'Holtus': ['person:roger-holtus']}
    """
    from loaders.contacts import known_names

    return known_names(g)


def contact_document_name(row: dict) -> str:
    """A document name unique to the recorded contact's content.

    >>> contact_document_name({"date": "2023-04-25", "from": "person:kennisambassadeur",
    ...     "to": "person:van-reij", "kind": "conversation", "status": "held", "note": "Kennismaking"})
    'contactformulier 2023-04-25 van-reij b07107'
    """
    raw = json.dumps({k: str(v) for k, v in sorted(row.items())}, ensure_ascii=False)
    digest = hashlib.sha1(raw.encode("utf-8")).hexdigest()[:6]
    who = slug(str(row.get("to", "")).split(":", 1)[-1]) or "contact"
    return f"contactformulier {row.get('date') or 'undated'} {who} {digest}"


def contact_row(*, date, by: str, with_: str, kind: str, status: str, note: str = "") -> dict:
    if isinstance(date, (dt.date, dt.datetime)):
        date = date.isoformat()[:10]
    return {"date": date or "", "from": by, "to": with_, "kind": kind, "status": status,
            "note": " ".join(str(note or "").split())}


def record_contact(store, g, *, date, by: str, with_: str, kind: str, status: str, note: str = ""):
    """Write one contact to the store.  `g` is the store's current graph (for names).
    Returns (document id, WriteResult).  Raises loaders.contacts.ContactLogError with a
    one-line message when the row does not validate; nothing is written then."""
    from graph.contract import node_id
    from loaders.contacts import contact_graph
    from loaders.ingest import ingest_graph

    row = contact_row(date=date, by=by, with_=with_, kind=kind, status=status, note=note)
    name = contact_document_name(row)
    graph = contact_graph([row], name, known=known_parties(g))
    doc_id = node_id("Document", name)
    return doc_id, ingest_graph(store, graph, doc_id)
