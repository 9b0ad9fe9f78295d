"""The Cypher both stores run, and the few places where Kùzu's dialect (the embedded
store) and Neo4j 5's differ.

Everything in `SHARED` and every method of `Dialect` that is not overridden is the same
text on both backends; the contract suite runs it on the embedded store, and on Neo4j
when NEO4J_TEST_URI is set.  The differences, all of them:

| what | Kùzu (embedded) | Neo4j 5 |
|---|---|---|
| label of a node | `label(n)` | `labels(n)[0]` |
| type of a relationship | `label(r)` | `type(r)` |
| node of any of several labels | `(n:A:B)` (union) | `(n:A|B)` |
| a parameter that may be NULL | `CAST(row.x AS STRING)` (a lone NULL has no type) | `row.x` |
| relationship rows of a batch | lists, `row[1]`, ... (see rel_rows) | maps, `row.r_start`, ... |

Also Kùzu has no `shortestPath()` (`-[* SHORTEST 1..k]-`), no list comprehensions, no
`SET n += map`, and `size((n)--())` returns a wrong number there: use
`COUNT { MATCH (n)--() }`, which both accept.  Aliases are therefore unioned in Python
(graph/stores/common.py), not in Cypher.

Batches: every write is `UNWIND $rows` with primary-key lookups, on ladybug 0.22 too:
never `LOAD FROM` a pyarrow table, as it was for big batches, since building one imports
pyarrow and pandas into the ingest process (~90 MB; the ingest peak over 1,000 documents
went from 725 to 649 MiB).  Most of an UNWIND's time is ladybug converting the Python
rows: maps (STRUCTs) ~40 us a row, lists of strings ~14 (2,000 relationship rows: 78 ms
a statement with maps, 60 with lists, 20 with LOAD FROM; measured 2026-11-28).  So Kùzu
takes a relationship row as a list of its columns in rel_columns() order (all strings: a
list has one type); node rows, with their booleans and lists, stay maps.

>>> KUZU.rel_type("r"), NEO4J.rel_type("r")
('label(r)', 'type(r)')
>>> KUZU.any_label("n", ["Person", "Body"]), NEO4J.any_label("n", ["Person", "Body"])
('n:Person:Body', 'n:Person|Body')
>>> print(NEO4J.create_rels("ALDERMAN_OF", "Person", "Municipality"))
UNWIND $rows AS row MATCH (a:Person {id: row.r_start}) MATCH (b:Municipality {id: row.r_end}) CREATE (a)-[r:ALDERMAN_OF {source: row.r_source, evidence: row.r_evidence, key: row.r_key}]->(b) RETURN count(r)
>>> print(KUZU.create_rels("ALDERMAN_OF", "Person", "Municipality"))
UNWIND $rows AS row MATCH (a:Person {id: row[1]}) MATCH (b:Municipality {id: row[2]}) CREATE (a)-[r:ALDERMAN_OF {source: CAST(row[3] AS STRING), evidence: CAST(row[4] AS STRING), key: CAST(row[5] AS STRING)}]->(b) RETURN count(r)
>>> KUZU.rel_rows("ALDERMAN_OF", [{"r_start": "person:a", "r_end": "municipality:b", "r_source": "document:d", "r_evidence": None, "r_key": "k"}])
[['person:a', 'municipality:b', 'document:d', None, 'k']]
"""
from __future__ import annotations

from graph.stores.schema import KUZU_TYPES, node_tables, rel_columns, rel_tables

# Statements that read the same on both backends (labels and types come from the
# contract, never from users; values travel as parameters).
SHARED = {
    "count_label": "MATCH (n:{label}) RETURN count(n)",
    "mention_evidence": "UNWIND $ids AS i MATCH (:Document)-[r:MENTIONS]->(n:{label} {{id: i}}) RETURN r.key, r.evidence",
    "count_type": "MATCH ()-[r:{rtype}]->() RETURN count(r)",
    "assertions_of": "MATCH (a)-[r:{rtype}]->(b) WHERE r.source IN $docs RETURN r.source, a.id, b.id, r.key",
    "delete_assertions_of": "MATCH ()-[r:{rtype}]->() WHERE r.source IN $docs DELETE r",
    "loaded": "UNWIND $ids AS i MATCH (d:`_LoadedDocument` {{id: i}}) RETURN d.id, d.fingerprint",
    "create_loaded": ("UNWIND $rows AS row CREATE (:`_LoadedDocument` {{id: row.id, fingerprint: row.fp, "
                      "loaded_at: row.at, nodes: row.n, rels: row.r}})"),
    "update_loaded": ("UNWIND $rows AS row MATCH (d:`_LoadedDocument` {{id: row.id}}) "
                      "SET d.fingerprint = row.fp, d.loaded_at = row.at, d.nodes = row.n, d.rels = row.r"),
    "clear_source_props": "MATCH (n:Document {{id: $id}}) SET n.path = NULL, n.sha256 = NULL",
}


class Dialect:
    name = ""

    # -- the differences ---------------------------------------------------------------
    def label(self, var: str) -> str:
        raise NotImplementedError

    def rel_type(self, var: str) -> str:
        raise NotImplementedError

    def any_label(self, var: str, labels) -> str:
        raise NotImplementedError

    def typed(self, expr: str, typ: str) -> str:
        """A parameter value with the contract's type (a NULL alone has none in Kùzu)."""
        raise NotImplementedError

    # -- the shared text, written once in terms of the differences ---------------------
    def shared(self, name: str, **fmt) -> str:
        return SHARED[name].format(**fmt)

    def nodes_of_label(self, label: str, where: str = "") -> str:
        cols = ", ".join(f"n.{c}" for c in node_tables()[label])
        return f"MATCH (n:{label}){where} RETURN {cols}"

    def rels_of_type(self, rtype: str, where: str = "", columns=None) -> str:
        """Start id, end id, then `columns` (default: all of rel_tables()) of one type."""
        cols = ", ".join(f"r.{c}" for c in (columns or rel_tables()[rtype]))
        return f"MATCH (a)-[r:{rtype}]->(b){where} RETURN a.id, b.id, {cols}"

    def nodes_by_id(self, label: str) -> str:
        """The stored nodes among $ids (primary-key lookups, no scan)."""
        cols = ", ".join(f"n.{c}" for c in node_tables()[label])
        return f"UNWIND $ids AS i MATCH (n:{label} {{id: i}}) RETURN {cols}"

    def create_nodes(self, label: str) -> str:
        cols = node_tables()[label]
        props = ", ".join(f"{c}: {self.typed('row.r_' + c, t)}" for c, t in cols.items())
        return f"UNWIND $rows AS row CREATE (n:{label} {{{props}}})"

    def update_nodes(self, label: str) -> str:
        """Set every property but id and name to the row's (merged in Python beforehand:
        aliases unioned, a property given now replaces the stored one)."""
        cols = {c: t for c, t in node_tables()[label].items() if c not in ("id", "name")}
        sets = ", ".join(f"n.{c} = {self.typed('row.r_' + c, t)}" for c, t in cols.items())
        return f"UNWIND $rows AS row MATCH (n:{label} {{id: row.r_id}}) SET {sets}"

    def rel_field(self, rtype: str, column: str) -> str:
        """A relationship row's value in create_rels: `column` is start, end or a property."""
        return f"row.r_{column}"

    def rel_rows(self, rtype: str, rows: list[dict]) -> list:
        """The $rows parameter of create_rels for rows of prepare_write (maps with r_ keys)."""
        return rows

    def create_rels(self, rtype: str, from_label: str, to_label: str) -> str:
        props = ", ".join(f"{p}: {self.typed(self.rel_field(rtype, p), t)}" for p, t in rel_tables()[rtype].items())
        return (f"UNWIND $rows AS row MATCH (a:{from_label} {{id: {self.rel_field(rtype, 'start')}}}) "
                f"MATCH (b:{to_label} {{id: {self.rel_field(rtype, 'end')}}}) "
                f"CREATE (a)-[r:{rtype} {{{props}}}]->(b) RETURN count(r)")

    def orphans(self, label: str) -> str:
        return (f"UNWIND $ids AS i MATCH (n:{label} {{id: i}}) "
                f"WHERE NOT EXISTS {{ MATCH (n)--() }} RETURN n.id")

    def delete_nodes(self, label: str) -> str:
        return f"UNWIND $ids AS i MATCH (n:{label} {{id: i}}) DELETE n"

    def hop(self, label: str, rtype: str, other: str, outgoing: bool) -> str:
        """The `other` neighbours over `rtype` of the `label` nodes with ids $ids, one
        labelled pair and direction at a time: a pattern whose far end is a union of node
        tables (`-[r:MENTIONS]-(b)`) made ladybug 0.22 fill its buffer pool on a
        10,000-document store."""
        arrow = f"-[r:{rtype}]->" if outgoing else f"<-[r:{rtype}]-"
        return f"UNWIND $ids AS i MATCH (a:{label} {{id: i}}){arrow}(b:{other}) RETURN DISTINCT b.id"

    def rels_from(self, label: str, rtype: str, other: str) -> str:
        """The `rtype` relationships from the `label` nodes with ids $ids to `other` nodes:
        start, end, then the type's columns as rels_of_type()."""
        cols = ", ".join(f"r.{c}" for c in rel_tables()[rtype])
        return (f"UNWIND $ids AS i MATCH (a:{label} {{id: i}})-[r:{rtype}]->(b:{other}) "
                f"RETURN a.id, b.id, {cols}")


class KuzuDialect(Dialect):
    name = "kuzu"

    # Whole-graph reads: a node's offset in its label's table (of ladybug's internal id)
    # instead of the id property at the ends, which saves a join per relationship and a
    # copy of every id string; one query per label pair makes the table known.
    def nodes_with_offsets(self, label: str) -> str:
        """A label's nodes with their place in its table (offset of the internal id)."""
        cols = ", ".join(f"n.{c}" for c in node_tables()[label])
        return f"MATCH (n:{label}) RETURN offset(id(n)), {cols}"

    def rels_with_offsets(self, rtype: str, start: str, end: str, columns) -> str:
        """One label pair's relationships of a type, their ends as offsets in the start
        and end label's tables."""
        cols = ", ".join(f"r.{c}" for c in columns)
        return f"MATCH (a:{start})-[r:{rtype}]->(b:{end}) RETURN offset(id(a)), offset(id(b)), {cols}"

    # Relationship rows as lists (see the module docstring): ladybug converts a list of
    # strings ~3x faster than a map.  Kùzu lists count from 1.
    def rel_field(self, rtype, column):
        return f"row[{rel_columns(rtype).index(column) + 1}]"

    def rel_rows(self, rtype, rows):
        keys = ["r_" + c for c in rel_columns(rtype)]
        return [[row[k] for k in keys] for row in rows]

    def label(self, var):
        return f"label({var})"

    def rel_type(self, var):
        return f"label({var})"

    def any_label(self, var, labels):
        return f"{var}:" + ":".join(labels)

    def typed(self, expr, typ):
        return f"CAST({expr} AS {KUZU_TYPES[typ]})"


class Neo4jDialect(Dialect):
    name = "neo4j"

    def label(self, var):
        return f"labels({var})[0]"

    def rel_type(self, var):
        return f"type({var})"

    def any_label(self, var, labels):
        return f"{var}:" + "|".join(labels)

    def typed(self, expr, typ):
        return expr


KUZU = KuzuDialect()
NEO4J = Neo4jDialect()
