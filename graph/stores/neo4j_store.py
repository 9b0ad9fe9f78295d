"""The Neo4j 5 store, through the official driver.

- One driver per process: drivers are cached by URI + user (+ a hash of the password,
  so a corrected password gets a new driver) and closed at exit.  Every store handle on
  the same server shares it.
- Every write is one managed write transaction (`execute_write`), every read a managed
  read transaction (`execute_read`): the driver retries them on transient errors
  (deadlocks, leader changes) and rolls back on any exception.  Writes go in batches
  (`UNWIND $rows`), one statement per label and per relationship type/pair.
- Uniqueness constraints on `id` per contract label, and indexes on each relationship
  type's `source` and `key`, are created if missing when the store is opened.
- The server unreachable (ServiceUnavailable) or the credentials wrong (AuthError): one
  line, StoreError, no password in it.
- query(): a READ session is routing, not security (a single server runs writes in it).
  So the lexical guard (graph/stores/guard.py) first, then the plan: `EXPLAIN` must
  report query type "r", then the statement with a transaction timeout, fetching at most
  limit+1 rows.

Internal nodes (`_LoadedDocument`, `_IngestLog`, `_Correction`; see
graph/stores/schema.py) live in the same database under those labels.
"""
from __future__ import annotations

import atexit
import datetime as _dt
import hashlib
import json
import threading

from graph.model import DocumentGraph
from graph.stores import guard
from graph.stores.base import GraphStore, QueryRefused, QueryResult, StoreError, WriteResult
from graph.stores.common import (batch_plans, log_rows, loaded_rows, mention_evidence_rows, neighbourhood_rows,
                                 remove_orphans, take_assertions, write_batch)
from graph.stores.to_networkx import graph_from_rows
from graph.stores.dialect import NEO4J
from graph.stores.embedded import _check_params, _correction_row, _known, _one_line
from graph.stores.schema import INTERNAL_TABLES, neo4j_ddl, node_tables, read_columns, rel_tables

LABELS = list(node_tables())
TYPES = list(rel_tables())
_drivers: dict[tuple, object] = {}
_drivers_lock = threading.Lock()


def _now() -> str:
    return _dt.datetime.now(_dt.timezone.utc).isoformat(timespec="microseconds")


def _close_drivers():
    with _drivers_lock:
        for d in _drivers.values():
            try:
                d.close()
            except Exception:
                pass
        _drivers.clear()


atexit.register(_close_drivers)


def _driver(uri: str, user: str, password: str):
    import neo4j
    from neo4j.exceptions import AuthError, ConfigurationError, DriverError, ServiceUnavailable

    key = (uri, user, hashlib.sha256(password.encode()).hexdigest())
    with _drivers_lock:
        driver = _drivers.get(key)
        if driver is not None:
            return driver
        driver = None
        try:
            driver = neo4j.GraphDatabase.driver(uri, auth=(user, password), connection_timeout=10,
                                                max_transaction_retry_time=15)
            driver.verify_connectivity()
            driver.verify_authentication()
        except AuthError:
            _safe_close(driver)
            raise StoreError(f"the Neo4j server at {uri} refused the credentials of user {user!r} "
                             f"(check NEO4J_USER and NEO4J_PASSWORD)") from None
        except ServiceUnavailable as exc:
            _safe_close(driver)
            raise StoreError(f"cannot reach the Neo4j server at {uri}: {_one_line(exc)}") from None
        except (ConfigurationError, ValueError) as exc:
            raise StoreError(f"Neo4j setting {uri!r} is not usable: {_one_line(exc)}") from None
        except DriverError as exc:
            _safe_close(driver)
            raise StoreError(f"cannot connect to the Neo4j server at {uri}: {_one_line(exc)}") from None
        _drivers[key] = driver
        return driver


def _safe_close(driver):
    try:
        if driver is not None:
            driver.close()
    except Exception:
        pass


def open_neo4j(uri: str, user: str, password: str, database: str | None = None) -> "Neo4jStore":
    driver = _driver(uri, user, password)
    store = Neo4jStore(driver, uri, user, database)
    store._ensure_schema()
    return store


class Neo4jStore(GraphStore):
    backend = "neo4j"
    dialect = NEO4J

    def __init__(self, driver, uri: str, user: str, database: str | None):
        self._driver = driver
        self.uri, self.user, self.database = uri, user, database or None
        self._closed = False

    # -- plumbing ----------------------------------------------------------------------
    def describe(self) -> str:
        db = f", database {self.database}" if self.database else ""
        return f"Neo4j at {self.uri} as {self.user}{db}"

    def close(self) -> None:
        self._closed = True  # the driver is shared by the process and closed at exit

    def _session(self, read: bool):
        import neo4j

        if self._closed:
            raise StoreError(f"Neo4j store {self.uri} is closed")
        return self._driver.session(database=self.database,
                                    default_access_mode=neo4j.READ_ACCESS if read else neo4j.WRITE_ACCESS)

    def _run(self, fn, *args, read: bool):
        from neo4j.exceptions import AuthError, Neo4jError, ServiceUnavailable, SessionExpired

        try:
            with self._session(read) as session:
                return (session.execute_read if read else session.execute_write)(fn, *args)
        except StoreError:
            raise
        except AuthError:
            raise StoreError(f"the Neo4j server at {self.uri} refused the credentials of user "
                             f"{self.user!r} (check NEO4J_USER and NEO4J_PASSWORD)") from None
        except (ServiceUnavailable, SessionExpired) as exc:
            raise StoreError(f"cannot reach the Neo4j server at {self.uri}: {_one_line(exc)}") from None
        except Neo4jError as exc:
            raise StoreError(f"Neo4j error: {_one_line(exc.message or exc)}") from None

    def _read(self, fn, *args):
        return self._run(fn, *args, read=True)

    def _write(self, fn, *args):
        return self._run(fn, *args, read=False)

    @staticmethod
    def _x(tx, query: str, params: dict | None = None) -> list[list]:
        return [list(r.values()) for r in tx.run(query, params or {})]

    def _ensure_schema(self):
        from neo4j.exceptions import Neo4jError

        for ddl in neo4j_ddl():  # schema statements cannot share a transaction with writes
            try:
                with self._session(read=False) as session:
                    session.run(ddl).consume()
            except Neo4jError as exc:
                if "EquivalentSchemaRule" in (exc.code or "") or "already exists" in (exc.message or ""):
                    continue
                raise StoreError(f"cannot create the schema on {self.uri}: {_one_line(exc.message or exc)}") from None

    def wipe_for_tests(self) -> None:
        """Empty the database (tests only: NEO4J_TEST_URI names a throwaway database)."""
        self._write(lambda tx: tx.run("MATCH (n) DETACH DELETE n").consume())

    # -- writing -----------------------------------------------------------------------
    def write_document(self, graph: DocumentGraph, document_id: str) -> WriteResult:
        return self.write_documents([(graph, document_id)])[0]

    def write_documents(self, items) -> list[WriteResult]:
        plans = batch_plans(items)  # validates; raises StoreError before any write
        return self._write(self._write_tx, plans) if plans else []

    def _write_tx(self, tx, plans) -> list[WriteResult]:
        def run(query, params=None):
            return self._x(tx, query, params)

        loaded = dict(run(NEO4J.shared("loaded"), {"ids": [p.document_id for p in plans]}))
        todo = [p for p in plans if loaded.get(p.document_id) != p.fingerprint]
        old = take_assertions(run, NEO4J, [p.document_id for p in todo if p.document_id in loaded])
        written = dict(zip([p.document_id for p in todo], write_batch(run, NEO4J, todo, old)))
        now = _now()
        new = [p for p in todo if p.document_id not in loaded]
        again = [p for p in todo if p.document_id in loaded]
        if new:
            run(NEO4J.shared("create_loaded"), {"rows": loaded_rows(new, now)})
        if again:
            run(NEO4J.shared("update_loaded"), {"rows": loaded_rows(again, now)})
        results = [written.get(p.document_id) or WriteResult(p.document_id, False) for p in plans]
        self._log_rows(run, log_rows(results, ["write" if r.changed else "unchanged" for r in results], now))
        return results

    def remove_document(self, document_id: str) -> WriteResult:
        return self._write(self._remove_tx, document_id)

    def _remove_tx(self, tx, document_id) -> WriteResult:
        def run(query, params=None):
            return self._x(tx, query, params)

        loaded = run(NEO4J.shared("loaded"), {"ids": [document_id]})
        old = take_assertions(run, NEO4J, [document_id]).get(document_id, [])
        if not loaded and not old:
            return WriteResult(document_id, False)
        res = WriteResult(document_id, True, rels_removed=len({k for _, _, k in old}))
        ends = {x for a, b, _ in old for x in (a, b)} | {document_id}
        res.nodes_removed = len(remove_orphans(run, NEO4J, ends))
        run(NEO4J.shared("clear_source_props"), {"id": document_id})
        run("MATCH (d:`_LoadedDocument` {id: $id}) DELETE d", {"id": document_id})
        self._log_rows(run, log_rows([res], ["remove"], _now()))
        return res

    @staticmethod
    def _log_rows(run, rows):
        # Neo4j has no SERIAL: the sequence number continues from the highest stored.
        run("OPTIONAL MATCH (l:`_IngestLog`) WITH coalesce(max(l.seq), 0) AS top "
            "UNWIND range(0, size($rows) - 1) AS i WITH top, i, $rows[i] AS row "
            "CREATE (:`_IngestLog` {seq: top + i + 1, at: row.at, document_id: row.doc, action: row.action, "
            "nodes_added: row.na, nodes_removed: row.nr, rels_added: row.ra, rels_removed: row.rr})",
            {"rows": rows})

    # -- reading -----------------------------------------------------------------------
    def documents(self) -> list[dict]:
        def work(tx):
            return self._x(tx, "MATCH (d:`_LoadedDocument`) OPTIONAL MATCH (n:Document {id: d.id}) "
                               "RETURN d.id, n.name, n.date, n.kind, n.path, n.sha256, d.loaded_at, d.nodes, d.rels")

        out = [{"id": i, "name": name or i, "date": date, "kind": kind, "path": path, "sha256": sha,
                "loaded_at": at, "nodes": n, "rels": r}
               for i, name, date, kind, path, sha, at, n, r in self._read(work)]
        out.sort(key=lambda d: (d["date"] or "", d["loaded_at"] or ""), reverse=True)
        return out

    def counts(self) -> dict:
        def work(tx):
            labels = {l: self._x(tx, NEO4J.shared("count_label", label=l))[0][0] for l in LABELS}
            types = {t: self._x(tx, NEO4J.shared("count_type", rtype=t))[0][0] for t in TYPES}
            return {"labels": labels, "types": types}

        return self._read(work)

    def read_graph(self, labels=None, types=None, *, mention_evidence: bool = True, mention_index: bool = False):
        labels = _known(labels, LABELS, "label")
        types = _known(types, TYPES, "relationship type")
        columns = {t: read_columns(t, mention_evidence and not mention_index) for t in types}

        def work(tx):
            return ({l: self._x(tx, NEO4J.nodes_of_label(l)) for l in labels},
                    {t: self._x(tx, NEO4J.rels_of_type(t, columns=columns[t])) for t in types})

        node_rows, rel_rows = self._read(work)
        return graph_from_rows(node_rows, rel_rows, restrict=labels != LABELS, columns=columns,
                               mention_index=mention_index, freeze=True)

    def mention_evidence(self, node_ids) -> dict[str, str]:
        return self._read(lambda tx: mention_evidence_rows(lambda q, p=None: self._x(tx, q, p), NEO4J, node_ids))

    def neighbourhood(self, node_id: str, hops: int = 1, types=None):
        types = _known(types, TYPES, "relationship type") if types else None

        def work(tx):
            return neighbourhood_rows(lambda q, p=None: self._x(tx, q, p), NEO4J, node_id, hops, types)

        node_rows, rel_rows = self._read(work)
        return graph_from_rows(node_rows, rel_rows, restrict=True)

    def query(self, cypher: str, params: dict | None = None, *, limit: int = 1000,
              timeout_s: float = 10.0) -> QueryResult:
        import neo4j
        from neo4j.exceptions import ClientError

        guard.check(cypher)
        params = _check_params(params)
        guard.check_sizes(cypher, params)
        if cypher.lstrip().upper().startswith(("EXPLAIN", "PROFILE")):
            raise QueryRefused("EXPLAIN and PROFILE are added by the store; write the statement alone")

        @neo4j.unit_of_work(timeout=timeout_s)
        def work(tx):
            plan = tx.run("EXPLAIN " + cypher, params).consume()
            if plan.query_type != "r":
                raise QueryRefused(f"the server's plan for this statement is not read-only "
                                   f"(query type {plan.query_type!r}); only reads are allowed here")
            result = tx.run(cypher, params)
            columns = list(result.keys())
            rows = []
            for record in result:
                rows.append([_value(v) for v in record.values()])
                if len(rows) > limit:
                    break
            return columns, rows

        try:
            with self._session(read=True) as session:
                columns, rows = session.execute_read(work)
        except (StoreError, QueryRefused):
            raise
        except ClientError as exc:
            if "TransactionTimedOut" in (exc.code or "") or "Terminated" in (exc.code or ""):
                raise StoreError(f"the query was stopped after {timeout_s:g} s (its time limit)") from None
            raise StoreError(f"query error: {_one_line(exc.message or exc)}") from None
        except Exception as exc:  # unreachable server, auth ... in one line
            raise StoreError(f"query failed on {self.uri}: {_one_line(exc)}") from None
        truncated = len(rows) > limit
        return QueryResult(columns=columns, rows=rows[:limit], truncated=truncated, limit=limit,
                           timeout_s=timeout_s)

    def ingest_log(self, limit: int = 20) -> list[dict]:
        cols = [c for c in INTERNAL_TABLES["_IngestLog"] if c != "seq"]

        def work(tx):
            return self._x(tx, "MATCH (l:`_IngestLog`) RETURN " + ", ".join(f"l.{c}" for c in cols) +
                           " ORDER BY l.seq DESC LIMIT $n", {"n": int(limit)})

        return [dict(zip(cols, r)) for r in self._read(work)]

    def corrections(self) -> list[dict]:
        def work(tx):
            return self._x(tx, "MATCH (c:`_Correction`) RETURN c.id, c.kind, c.args, c.at, c.active "
                               "ORDER BY c.at, c.id")

        return [{"id": i, "kind": k, "args": json.loads(a) if a else {}, "at": at, "active": bool(act)}
                for i, k, a, at, act in self._read(work)]

    def save_correction(self, correction: dict) -> None:
        row = _correction_row(correction)
        self._write(lambda tx: tx.run("MERGE (c:`_Correction` {id: $id}) SET c.kind = $kind, c.args = $args, "
                                      "c.at = $at, c.active = $active", row).consume())


def _value(v):
    """A driver value as plain Python, in the same shape as the embedded store's."""
    from neo4j.graph import Node, Path, Relationship

    if isinstance(v, Node):
        labels = sorted(v.labels)
        return {"_label": labels[0] if labels else None, "_id": v.get("id"),
                **{k: _value(x) for k, x in v.items()}}
    if isinstance(v, Relationship):
        return {"_type": v.type, "_start": v.start_node.get("id") if v.start_node else None,
                "_end": v.end_node.get("id") if v.end_node else None,
                **{k: _value(x) for k, x in v.items()}}
    if isinstance(v, Path):
        return {"_nodes": [_value(n) for n in v.nodes], "_rels": [_value(r) for r in v.relationships]}
    if isinstance(v, list):
        return [_value(x) for x in v]
    if isinstance(v, dict):
        return {k: _value(x) for k, x in v.items()}
    if hasattr(v, "iso_format"):
        return v.iso_format()
    return v
