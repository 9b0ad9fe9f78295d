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
| batch of rows | `LOAD FROM $rows` (a pyarrow table; columns are variables) | `UNWIND $rows AS row` (`row.col`) |
| union of two string lists | `list_distinct(list_concat(..))` | a list comprehension |

Also Kùzu has no `shortestPath()` (`-[* SHORTEST 1..k]-`), no `SET n += map`, and
`size((n)--())` returns a wrong number there: use `COUNT { MATCH (n)--() }`, which
both accept.

>>> KUZU.rel_type("r"), NEO4J.rel_type("r")
('label(r)', 'type(r)')
>>> KUZU.any_label("n", ["Person", "Body"]), NEO4J.any_label("n", ["Person", "Body"])
('n:Person:Body', 'n:Person|Body')
>>> print(NEO4J.create_rels("ALDERMAN_OF", "Person", "Municipality"))
UNWIND $rows AS row MATCH (a:Person {id: row.r_start}) MATCH (b:Municipality {id: row.r_end}) CREATE (a)-[r:ALDERMAN_OF {source: row.r_source, evidence: row.r_evidence, key: row.r_key}]->(b) RETURN count(r)
"""
from __future__ import annotations

from graph.stores.schema import node_tables, rel_tables

# Statements that read the same on both backends (labels and types come from the
# contract, never from users; values travel as parameters).
SHARED = {
    "count_label": "MATCH (n:{label}) RETURN count(n)",
    "count_type": "MATCH ()-[r:{rtype}]->() RETURN count(r)",
    "existing_ids": "MATCH (n:{label}) WHERE n.id IN $ids RETURN n.id",
    "assertions_of": "MATCH (a)-[r:{rtype}]->(b) WHERE r.source = $doc RETURN a.id, b.id, r.key",
    "delete_assertions_of": "MATCH ()-[r:{rtype}]->() WHERE r.source = $doc DELETE r",
    "orphans": "MATCH (n:{label}) WHERE n.id IN $ids AND NOT EXISTS {{ MATCH (n)--() }} RETURN n.id",
    "delete_nodes": "MATCH (n:{label}) WHERE n.id IN $ids DELETE n",
    "degree": "MATCH (n:{label}) WHERE n.id = $id RETURN COUNT {{ MATCH (n)--() }}",
    "node_label": "MATCH (n:{label}) WHERE n.id = $id RETURN n.id",
    "clear_source_props": "MATCH (n:Document) WHERE n.id = $id SET n.path = NULL, n.sha256 = NULL",
    "source_documents": ("MATCH (n:Document) WHERE n.path IS NOT NULL RETURN n.id, n.name, n.aliases, "
                         "n.date, n.kind, n.path, n.sha256"),
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

    def rows(self) -> str:
        """The clause that turns the $rows parameter into one row per item."""
        raise NotImplementedError

    def col(self, name: str) -> str:
        """A column of the current row (after rows())."""
        raise NotImplementedError

    def union_aliases(self, existing: str, new: str) -> str:
        raise NotImplementedError

    # -- the shared text, written once in terms of the differences ---------------------
    def shared(self, name: str, **fmt) -> str:
        return SHARED[name].format(**fmt)

    def nodes_of_label(self, label: str) -> str:
        cols = ", ".join(f"n.{c}" for c in node_tables()[label])
        return f"MATCH (n:{label}) RETURN {cols}"

    def rels_of_type(self, rtype: str, where: str = "") -> str:
        cols = ", ".join(f"r.{c}" for c in rel_tables()[rtype])
        return f"MATCH (a)-[r:{rtype}]->(b){where} RETURN a.id, b.id, {cols}"

    def upsert_nodes(self, label: str) -> str:
        """Insert or update one label's nodes: aliases unioned, a property given now
        replaces the stored one, a property not given keeps it."""
        c = self.col
        props = [p for p in node_tables()[label] if p not in ("id", "name", "aliases")]
        on_create = [f"n.name = {c('name')}", f"n.aliases = {c('aliases')}"]
        on_create += [f"n.{p} = {c(p)}" for p in props]
        on_match = [f"n.aliases = {self.union_aliases('n.aliases', c('aliases'))}"]
        on_match += [f"n.{p} = coalesce({c(p)}, n.{p})" for p in props]
        return (f"{self.rows()} MERGE (n:{label} {{id: {c('id')}}}) "
                f"ON CREATE SET {', '.join(on_create)} ON MATCH SET {', '.join(on_match)}")

    def create_rels(self, rtype: str, from_label: str, to_label: str) -> str:
        c = self.col
        props = ", ".join(f"{p}: {c(p)}" for p in rel_tables()[rtype])
        return (f"{self.rows()} MATCH (a:{from_label} {{id: {c('start')}}}) "
                f"MATCH (b:{to_label} {{id: {c('end')}}}) "
                f"CREATE (a)-[r:{rtype} {{{props}}}]->(b) RETURN count(r)")

    def hop(self, labels, types=None) -> str:
        """One step out of the nodes with ids $ids, either direction."""
        rt = ":" + "|".join(types) if types else ""
        return (f"MATCH ({self.any_label('a', labels)})-[r{rt}]-({self.any_label('b', labels)}) "
                f"WHERE a.id IN $ids RETURN DISTINCT b.id")


class KuzuDialect(Dialect):
    name = "kuzu"

    def label(self, var):
        return f"label({var})"

    def rel_type(self, var):
        return f"label({var})"

    def any_label(self, var, labels):
        return f"{var}:" + ":".join(labels)

    def rows(self):
        return "LOAD FROM $rows"

    def col(self, name):
        # LOAD FROM binds each column as a variable; the prefix keeps them apart from
        # function names (date) and the pattern's own variables.
        return f"r_{name}"

    def union_aliases(self, existing, new):
        return f"list_distinct(list_concat(coalesce({existing}, CAST([] AS STRING[])), {new}))"


class Neo4jDialect(Dialect):
    name = "neo4j"

    def label(self, var):
        return f"labels({var})[0]"

    def rel_type(self, var):
        return f"type({var})"

    def any_label(self, var, labels):
        return f"{var}:" + "|".join(labels)

    def rows(self):
        return "UNWIND $rows AS row"

    def col(self, name):
        return f"row.r_{name}"

    def union_aliases(self, existing, new):
        return (f"coalesce({existing}, []) + "
                f"[a IN coalesce({new}, []) WHERE NOT a IN coalesce({existing}, [])]")


KUZU = KuzuDialect()
NEO4J = Neo4jDialect()
