"""The read-only guard against every escape the issue names, on each backend: the
statement is refused with a clear message AND the store is unchanged afterwards (counts,
a sentinel node, the files around it)."""
from __future__ import annotations

import os

import pytest

from graph.model import DocumentGraph
from graph.stores import guard
from graph.stores.base import QueryRefused, StoreError

SENTINEL_DOC = "document:sentinel"


@pytest.fixture(scope="module", params=["embedded", pytest.param("neo4j", marks=pytest.mark.neo4j)])
def sentinel_store(request, tmp_path_factory, store_opener):
    """One store per backend for the whole module (every test also checks it is unchanged,
    so sharing it only makes the check stricter)."""
    store = store_opener(request.param, tmp_path_factory.mktemp("guard"))
    g = DocumentGraph()
    doc = g.add_node("Document", "sentinel", kind="minutes", path="/s.txt", sha256="s")
    p = g.add_node("Person", "Sentinel", title="wethouder")
    g.add_rel("MENTIONS", doc, p, source=doc.id, evidence="Sentinel")
    store.write_document(g, SENTINEL_DOC)
    yield store
    store.close()


@pytest.fixture
def guarded(sentinel_store, tmp_path):
    store = sentinel_store
    before = (store.counts(), sorted(store.read_graph().nodes(data="name")))
    yield store
    assert (store.counts(), sorted(store.read_graph().nodes(data="name"))) == before
    assert store.query("MATCH (p:Person) WHERE p.id = 'person:sentinel' RETURN p.title").rows == [["wethouder"]]
    assert not [f for f in os.listdir(tmp_path) if f.startswith("escape")]


ESCAPES = [
    # several statements (a prepared statement would reject them too; the guard says why)
    ("RETURN 1; COMMIT; MATCH (n) DETACH DELETE n", "only one statement"),
    ("RETURN 1; ROLLBACK; CREATE (:Person {id: 'x', name: 'x'})", "only one statement"),
    ("RETURN 1 /* ; */ ; MATCH (n) DETACH DELETE n", "only one statement"),
    ("RETURN 1 // ;\n; MATCH (n) DETACH DELETE n", "only one statement"),
    ("RETURN 'a;b'; MATCH (n) DETACH DELETE n", "only one statement"),
    # writes
    ("CREATE (:Person {id: 'person:x', name: 'x'})", "writes are not allowed"),
    ("MERGE (p:Person {id: 'person:sentinel'}) SET p.title = 'x'", "writes are not allowed"),
    ("MATCH (p:Person) SET p.title = 'hacked'", "writes are not allowed"),
    ("match (p:Person) detach delete p", "writes are not allowed"),
    ("MATCH ()-[r]->() DELETE r", "writes are not allowed"),
    ("MATCH (p:Person) REMOVE p.title", "writes are not allowed"),
    ("CALL { MATCH (n) DETACH DELETE n } RETURN 1", "writes are not allowed"),
    ("UNWIND [1] AS x FOREACH (y IN [1] | CREATE (:Person {id: 'q', name: 'q'}))", "writes are not allowed"),
    # schema changes
    ("CREATE NODE TABLE Evil(id STRING, PRIMARY KEY(id))", "writes are not allowed"),
    ("DROP TABLE Person", "schema changes"),
    ("ALTER TABLE Person ADD evil STRING", "schema changes"),
    ("CREATE INDEX evil FOR (n:Person) ON (n.name)", "writes are not allowed"),
    ("DROP CONSTRAINT person_id", "schema changes"),
    # transaction control
    ("BEGIN TRANSACTION", "transaction control"),
    ("COMMIT", "transaction control"),
    ("ROLLBACK", "transaction control"),
    ("CHECKPOINT", "transaction control"),
    ("MATCH (n) CALL { WITH n RETURN 1 AS x } IN TRANSACTIONS RETURN n", "transaction control"),
    # files, extensions, other databases
    ("COPY Person TO '{tmp}/escape.csv'", "file, extension and database access"),
    ("COPY (MATCH (n) RETURN n.id) TO '{tmp}/escape.parquet'", "file, extension and database access"),
    ("COPY Person FROM '{tmp}/escape-in.csv'", "file, extension and database access"),
    ("LOAD FROM '/etc/passwd' RETURN *", "file, extension and database access"),
    ("LOAD WITH HEADERS (a STRING) FROM '/etc/passwd' RETURN *", "file, extension and database access"),
    ("LOAD CSV FROM 'file:///etc/passwd' AS line RETURN line", "file, extension and database access"),
    ("EXPORT DATABASE '{tmp}/escape-db'", "file, extension and database access"),
    ("IMPORT DATABASE '{tmp}/escape-db'", "file, extension and database access"),
    ("INSTALL httpfs", "file, extension and database access"),
    ("LOAD EXTENSION json", "file, extension and database access"),
    ("ATTACH '{tmp}/escape-other' AS other (dbtype lbug)", "file, extension and database access"),
    ("DETACH other", "writes are not allowed"),
    ("USE other", "switching databases"),
    # procedures that are not known to read, and namespaced functions
    ("CALL apoc.cypher.runWrite('MATCH (n) DETACH DELETE n', {}) YIELD value RETURN value", "not on the list"),
    ("CALL db.createLabel('Evil')", "not on the list"),
    ("CALL create_fts_index('Person', 'evil', ['name'])", "not on the list"),
    ("CALL dbms.killQueries(['1'])", "not on the list"),
    ("RETURN apoc.cypher.runFirstColumnSingle('MATCH (n) RETURN n', {})", "function 'apoc.cypher"),
    # administration
    ("TERMINATE TRANSACTIONS 'neo4j-transaction-1'", "administration"),
    ("SHOW USERS", "administration"),
    ("GRANT ROLE admin TO evil", "administration"),
]


@pytest.mark.parametrize("cypher, message", ESCAPES)
def test_escape_is_refused_and_store_unchanged(guarded, tmp_path, cypher, message):
    cypher = cypher.replace("{tmp}", str(tmp_path))
    with pytest.raises(QueryRefused, match=message) as err:
        guarded.query(cypher)
    assert "\n" not in str(err.value) and " at " in str(err.value)


ALLOWED = [
    "MATCH (p:Person) WHERE p.name = 'x; DETACH DELETE p' RETURN p.name",
    'MATCH (p:Person) WHERE p.name <> "CREATE (:X)" RETURN count(p) AS n',
    "MATCH (p:Person) // a comment: DELETE everything; COMMIT\nRETURN count(p)",
    "MATCH (p:`Person`) RETURN p.id /* SET p.x = 1; */",
    "MATCH (start:Person) RETURN start.name ORDER BY start.name",
    "MATCH (p:Person) RETURN {set: p.name} AS m",
    "MATCH (p:Person) RETURN p.name;",
    "MATCH (d:Document)-[r:MENTIONS]->(p) RETURN d.id, p.id",
    "MATCH (p:Person) RETURN COUNT { MATCH (p)--() } AS degree",
]


@pytest.mark.parametrize("cypher", ALLOWED)
def test_reads_with_keywords_in_strings_comments_and_names_run(guarded, cypher):
    guard.check(cypher)
    assert guarded.query(cypher).columns


def test_read_procedures_on_the_allow_list_run(embedded_store):
    rows = embedded_store.query("CALL show_tables() RETURN *").rows
    assert any("Person" in row for row in rows)


@pytest.mark.parametrize("text, message", [
    ("", "empty"), ("   ", "empty"), ("// nothing", "only comments"),
    ("RETURN 'unterminated", "unterminated string"), ("RETURN 1 /* open", "unterminated comment"),
    ("MATCH (n:`Person) RETURN n", "unterminated `name`"),
])
def test_malformed_text_is_refused_by_the_tokenizer(text, message):
    with pytest.raises(QueryRefused, match=message):
        guard.check(text)


def test_refusal_names_the_position():
    with pytest.raises(QueryRefused, match=r"DELETE at line 2, column 3"):
        guard.check("MATCH (n)\n  DELETE n")


# -- the embedded store's own layers, below the lexical guard --------------------------------
def test_embedded_store_holds_without_the_lexical_guard(embedded_store, monkeypatch):
    """A prepared statement rejects several statements and the read-only transaction
    rejects writes, even if the lexical guard let something through."""
    g = DocumentGraph()
    doc = g.add_node("Document", "sentinel", path="/s.txt")
    p = g.add_node("Person", "Sentinel")
    g.add_rel("MENTIONS", doc, p, source=doc.id, evidence="")
    embedded_store.write_document(g, SENTINEL_DOC)
    before = embedded_store.counts()
    monkeypatch.setattr(guard, "check", lambda cypher: None)
    with pytest.raises(StoreError, match="multiple statements"):
        embedded_store.query("RETURN 1; COMMIT; MATCH (n) DETACH DELETE n")
    with pytest.raises(StoreError, match="read-only transaction"):
        embedded_store.query("MATCH (n:Person) DETACH DELETE n")
    with pytest.raises(StoreError, match="read-only transaction"):
        embedded_store.query("CREATE (:Person {id: 'person:x', name: 'x'})")
    assert embedded_store.counts() == before
    # the store is usable afterwards: no transaction left open
    assert embedded_store.write_document(g, SENTINEL_DOC).changed is False


def test_embedded_query_timeout(embedded_store):
    with pytest.raises(StoreError, match="stopped after 0.2 s"):
        embedded_store.query("UNWIND range(1, 20000) AS a UNWIND range(1, 20000) AS b RETURN sum(a + b)",
                             timeout_s=0.2)
    assert embedded_store.query("RETURN 1 AS one").rows == [[1]]


@pytest.mark.parametrize("cypher, params", [
    ("UNWIND range(1, 2000000000) AS x RETURN count(x)", {}),
    ("UNWIND range(0, $n) AS x RETURN count(x)", {"n": 10_000_001}),
    ("UNWIND RANGE(-5e9, 0) AS x RETURN count(x)", {}),
    ("UNWIND range(1, 2e10, 100) AS x RETURN count(x)", {}),
    ("RETURN size(repeat('x', 2000000000)) AS n", {}),
    ("RETURN lpad('', $width, '-') AS line", {"width": 50_000_000}),
])
def test_building_a_huge_value_is_refused_before_it_runs(guarded, cypher, params):
    # ladybug builds such a list or string in memory before its time limit can stop the
    # query (range(1, 100000000): 16 s and 1.1 GB for a 2-second limit), holding the store.
    with pytest.raises(QueryRefused, match=r"would build \d+ (values|characters) in memory") as err:
        guarded.query(cypher, params)
    assert "\n" not in str(err.value) and " at line 1" in str(err.value)
    assert guarded.query("RETURN 1 AS one").rows == [[1]]


@pytest.mark.parametrize("cypher, params", [
    ("UNWIND range(1, 10000000) AS x RETURN count(x) AS n", {}),  # at the limit
    ("UNWIND range(1, 2000000000, 1000) AS x RETURN count(x) AS n", {}),  # 2,000,000 values
    ("MATCH (p:Person) UNWIND range(1, size(p.name)) AS i RETURN count(i) AS n", {}),  # bounds from data
    ("RETURN $range AS range", {"range": 5}),
])
def test_ranges_of_a_sensible_size_run(guarded, cypher, params):
    assert guarded.query(cypher, params).columns
