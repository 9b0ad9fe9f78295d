"""The stores' schema, generated from graph/contract.py in this one place.

Both backends read it: the embedded store turns it into node and relationship tables
(`kuzu_ddl()`), the Neo4j store into uniqueness constraints and indexes
(`neo4j_ddl()`).  Adding a label, a property or a relationship type to the contract is
enough: open_store() creates what is missing.

Besides the contract, every relationship carries `key` (= Relationship.key(), so writes
can be idempotent and the networkx edge key survives a round trip).

Internal tables (names start with `_`, which no contract label does; never counted by
counts() and never returned by read_graph()):

- `_LoadedDocument` (id, fingerprint, loaded_at, nodes, rels): one row per document
  written with write_document(): a fingerprint of the graph written, so the same graph
  twice is recognised without touching the store.
- `_IngestLog` (seq, at, document_id, action, nodes_added, nodes_removed, rels_added,
  rels_removed): what write_document / remove_document did, newest last.
- `_Correction` (id, kind, args (JSON text), at, active): corrections made in the app.

>>> "Person" in node_tables() and "CONTACT" in rel_tables()
True
>>> node_tables()["Person"]["redacted"]
'bool'
>>> rel_tables()["CONTACT"]["date"]
'string'
>>> any(name in node_tables() for name in INTERNAL_TABLES)
False
"""
from __future__ import annotations

from functools import lru_cache

from graph.contract import NODE_PROPS, REL_BASE_PROPS, REL_TYPES

# Kùzu column types for the contract's property types.
KUZU_TYPES = {"string": "STRING", "bool": "BOOL", "string[]": "STRING[]"}

REL_KEY = "key"  # internal: Relationship.key()

INTERNAL_TABLES: dict[str, dict[str, str]] = {
    "_LoadedDocument": {"id": "STRING", "fingerprint": "STRING", "loaded_at": "STRING",
                        "nodes": "INT64", "rels": "INT64"},
    "_IngestLog": {"seq": "SERIAL", "at": "STRING", "document_id": "STRING", "action": "STRING",
                   "nodes_added": "INT64", "nodes_removed": "INT64",
                   "rels_added": "INT64", "rels_removed": "INT64"},
    "_Correction": {"id": "STRING", "kind": "STRING", "args": "STRING", "at": "STRING",
                    "active": "BOOL"},
}
INTERNAL_KEYS = {"_LoadedDocument": "id", "_IngestLog": "seq", "_Correction": "id"}


@lru_cache(maxsize=None)
def node_tables() -> dict[str, dict[str, str]]:
    """label -> {property: contract type}, id/name/aliases first.  Cached: read, never
    change the returned dict."""
    return {label: {"id": "string", "name": "string", "aliases": "string[]", **props}
            for label, props in NODE_PROPS.items()}


@lru_cache(maxsize=None)
def rel_tables() -> dict[str, dict[str, str]]:
    """type -> {property: contract type}: provenance, the type's properties, key.  Cached:
    read, never change the returned dict."""
    out = {}
    for name, rt in REL_TYPES.items():
        cols = {p: "string" for p in REL_BASE_PROPS}
        cols.update({p: "string" for p in rt.props})
        cols[REL_KEY] = "string"
        out[name] = cols
    return out


def read_columns(rtype: str, mention_evidence: bool = True) -> list[str]:
    """The columns a whole-graph read fetches for one type: all of rel_tables(), except
    the evidence of MENTIONS when `mention_evidence` is false (the app's start: half of a
    large store's relationships are MENTIONS, and their sentences are most of its bytes).

    >>> read_columns("MENTIONS", mention_evidence=False)
    ['source', 'key']
    """
    cols = list(rel_tables()[rtype])
    if rtype == "MENTIONS" and not mention_evidence:
        cols.remove("evidence")
    return cols


def rel_columns(rtype: str) -> list[str]:
    """A relationship row's fields in a write: its ends, then rel_tables()'s columns.

    >>> rel_columns("ALDERMAN_OF")
    ['start', 'end', 'source', 'evidence', 'key']
    """
    return ["start", "end", *rel_tables()[rtype]]


def rel_pairs(rtype: str) -> list[tuple[str, str]]:
    return sorted(REL_TYPES[rtype].pairs)


def kuzu_ddl() -> list[tuple[str, str]]:
    """(table name, CREATE statement) for every table, node tables first."""
    out = []
    for label, cols in node_tables().items():
        body = ", ".join(f"{c} {KUZU_TYPES[t]}" for c, t in cols.items())
        out.append((label, f"CREATE NODE TABLE {label}({body}, PRIMARY KEY(id))"))
    for name, cols in INTERNAL_TABLES.items():
        body = ", ".join(f"{c} {t}" for c, t in cols.items())
        out.append((name, f"CREATE NODE TABLE {name}({body}, PRIMARY KEY({INTERNAL_KEYS[name]}))"))
    for rtype, cols in rel_tables().items():
        pairs = ", ".join(f"FROM {a} TO {b}" for a, b in rel_pairs(rtype))
        body = ", ".join(f"{c} {KUZU_TYPES[t]}" for c, t in cols.items())
        out.append((rtype, f"CREATE REL TABLE {rtype}({pairs}, {body})"))
    return out


def neo4j_ddl() -> list[str]:
    """Uniqueness constraints on id per label (they come with an index), an index on each
    relationship type's `source` and `key` (replacing a document scans by source)."""
    out = []
    for label in node_tables():
        out.append(f"CREATE CONSTRAINT {label.lower()}_id IF NOT EXISTS "
                   f"FOR (n:{label}) REQUIRE n.id IS UNIQUE")
    for name, key in INTERNAL_KEYS.items():
        out.append(f"CREATE CONSTRAINT {name.lower().lstrip('_')}_internal IF NOT EXISTS "
                   f"FOR (n:`{name}`) REQUIRE n.{key} IS UNIQUE")
    for rtype in rel_tables():
        out.append(f"CREATE INDEX {rtype.lower()}_source IF NOT EXISTS "
                   f"FOR ()-[r:{rtype}]-() ON (r.source)")
        out.append(f"CREATE INDEX {rtype.lower()}_key IF NOT EXISTS "
                   f"FOR ()-[r:{rtype}]-() ON (r.{REL_KEY})")
    return out
