"""The embedded default store: a ladybug database (Kùzu's Cypher dialect) in a directory
path, in this process.

One read-write handle per path per process, and one process per path:

- Within a process, open_store("embedded:PATH") hands every caller the SAME handle for a
  path (counted; the database closes when the last caller closes it).  The handle is
  safe to share between threads (the app's sessions): calls are serialised on one lock.
  Two ladybug Database objects on one path in one process would both write it; this
  registry is what prevents that.
- Another process that opens the same path while this one holds it gets a one-line
  StoreError naming the path and the process that holds it (ladybug locks the file).
  Stop the app (or the ingest) first, or give the second process its own store path.

Crash safety: every write is one transaction.  A process killed at any moment leaves
every document fully present or fully absent.  Rarely (3 in 260 kill -9 tests on
ladybug 0.22) the write-ahead log fails its checksum on the next open; the store then
copies the WAL aside (`<path>.wal.corrupt-<time>`), replays every committed transaction
it can (`throw_on_wal_replay_failure=False`) and logs one warning line saying so.

Internal tables (`_LoadedDocument`, `_IngestLog`, `_Correction`) are described in
graph/stores/schema.py; users' `MATCH (n)` sees them too (their `id`s are document ids
and correction ids), contract-labelled queries do not.
"""
from __future__ import annotations

import datetime as _dt
import json
import logging
import os
import re
import shutil
import threading
import time
import warnings
from contextlib import contextmanager

from graph.model import DocumentGraph
from graph.stores import guard
from graph.stores.base import GraphStore, QueryResult, StoreError, WriteResult
from graph.stores.dialect import KUZU
from graph.stores.schema import INTERNAL_TABLES, kuzu_ddl, node_tables, read_columns, rel_pairs, rel_tables
from graph.stores.common import (batch_plans, log_rows, loaded_rows, mention_evidence_rows, query_value, neighbourhood_rows,
                                 remove_orphans, take_assertions, write_batch)
from graph.stores.to_networkx import graph_from_arrow, graph_from_rows

log = logging.getLogger(__name__)

LABELS = list(node_tables())
TYPES = list(rel_tables())
LOG = ("UNWIND $rows AS row CREATE (:_IngestLog {at: row.at, document_id: row.doc, action: row.action, "
       "nodes_added: row.na, nodes_removed: row.nr, rels_added: row.ra, rels_removed: row.rr})")
_registry: dict[str, "EmbeddedStore"] = {}
_registry_lock = threading.Lock()

# ladybug's default buffer pool is 80% of RAM; a store of 10,000 minutes needs far less.
# Not less than this for an ingest either: with 128 MB, ladybug 0.22 began refusing writes
# ("DiskArray ... may be corrupted", then "buffer pool is full") at ~7,250 documents and
# crashed on close; 192 MB held to 10,000 documents, but the pinned pages grow with the store.
BUFFER_POOL_BYTES = int(os.environ.get("GRAPH_STORE_BUFFER_MB", "512")) * 1024 * 1024

# ladybug checkpoints (writes the committed data into the store file and frees what it held
# for it) when this much write-ahead log has gathered.  Checkpoints are most of an ingest's
# CPU, and what a commit allocates lives until the next one: a larger interval is faster
# and takes more memory (README, "Ingest benchmark").  32 MB, not ladybug's 16: 10,000
# documents of minutes took ~15% less CPU (609-620 s against 723-732 s) for 16 MiB more
# at the peak (848 against 832 MiB), which keeps both the >= 20 documents/s and the < 1 GB
# targets with room.
CHECKPOINT_BYTES = int(os.environ.get("GRAPH_STORE_CHECKPOINT_MB", "32")) * 1024 * 1024

# A commit makes ladybug allocate column chunks for every relationship table it touches
# (~350 MB for a batch of minutes) and a checkpoint frees them again.  glibc's malloc
# raises its mmap threshold each time such a block is freed, after which it keeps freed
# blocks in its heap instead of giving them back: a bulk ingest then holds the chunks of
# one checkpoint cycle AND the memory freed by the cycles before.  A fixed threshold keeps
# big blocks in their own mappings, returned to the system when freed.  1 MB, not glibc's
# initial 128 KB: the same peak (300 documents into a 10,000-document store: 910 vs 903 MB,
# 1,108 without), with fewer fresh pages to fault in (CPU 35.6 vs 37.3 s; 32.7 without).
MMAP_THRESHOLD_BYTES = 1024 * 1024
_malloc_tuned = False


def open_embedded(path: str) -> "EmbeddedStore":
    """The process's handle for `path` (see the module docstring)."""
    real = os.path.realpath(path)
    with _registry_lock:
        store = _registry.get(real)
        if store is not None and not store._closed:
            store._users += 1
            return store
        store = EmbeddedStore(path)
        _registry[real] = store
        return store


def _return_freed_memory() -> None:
    """Once per process, before its first write: glibc hands big freed blocks back to the
    system (see MMAP_THRESHOLD_BYTES).  Elsewhere than glibc (macOS, musl) nothing to do."""
    global _malloc_tuned
    if _malloc_tuned:
        return
    _malloc_tuned = True
    try:
        import ctypes

        ctypes.CDLL("libc.so.6").mallopt(-3, MMAP_THRESHOLD_BYTES)  # M_MMAP_THRESHOLD
    except (OSError, AttributeError):
        pass


def _now() -> str:
    return _dt.datetime.now(_dt.timezone.utc).isoformat(timespec="microseconds")


def _one_line(msg: str) -> str:
    return " ".join(str(msg).split())


class EmbeddedStore(GraphStore):
    backend = "embedded"
    dialect = KUZU

    def __init__(self, path: str):
        import ladybug

        self.path = path
        self._real = os.path.realpath(path)
        self._lock = threading.RLock()
        self._users = 1
        self._closed = False
        parent = os.path.dirname(self._real)
        if parent:
            os.makedirs(parent, exist_ok=True)
        if os.path.isdir(self._real):
            raise StoreError(f"embedded store {path}: is a directory; the store is a file (e.g. data/graph)")
        try:
            self._db = ladybug.Database(self._real, buffer_pool_size=BUFFER_POOL_BYTES,
                                        checkpoint_threshold=CHECKPOINT_BYTES)
        except RuntimeError as exc:
            msg = str(exc)
            m = re.search(r"[Ll]ock is held by PID (\d+)", msg)
            if m or "Could not set lock" in msg:
                who = f"process {m.group(1)}" if m else "another process"
                raise StoreError(f"embedded store {path} is open in {who} (one process at a time: "
                                 f"stop it, or use another store path)") from None
            if os.path.exists(self._real + ".wal") and ("wal" in msg.lower() or "checksum" in msg.lower()):
                self._db = self._recover_wal(msg)
            else:
                raise StoreError(f"embedded store {path} cannot be opened: {_one_line(msg)}") from None
        self._conn = ladybug.Connection(self._db)
        self._ensure_schema()

    def _recover_wal(self, msg: str):
        import ladybug

        aside = f"{self._real}.wal.corrupt-{time.strftime('%Y%m%dT%H%M%S')}"
        shutil.copy2(self._real + ".wal", aside)
        log.warning("embedded store %s: the write-ahead log failed to replay (%s); copied it to %s "
                    "and replayed the committed transactions before the damage", self.path, _one_line(msg), aside)
        try:
            return ladybug.Database(self._real, buffer_pool_size=BUFFER_POOL_BYTES,
                                    checkpoint_threshold=CHECKPOINT_BYTES, throw_on_wal_replay_failure=False)
        except RuntimeError as exc:
            raise StoreError(f"embedded store {self.path} cannot be opened even without its damaged "
                             f"write-ahead log (kept at {aside}): {_one_line(exc)}") from None

    def _ensure_schema(self):
        with self._lock:
            have = {row[1] for row in self._conn.execute("CALL show_tables() RETURN *").get_all()}
            missing = [(name, ddl) for name, ddl in kuzu_ddl() if name not in have]
            if missing:
                self._conn.execute("BEGIN TRANSACTION")
                try:
                    for _, ddl in missing:
                        self._conn.execute(ddl)
                    self._conn.execute("COMMIT")
                except Exception:
                    self._rollback()
                    raise
            self._check_columns()

    def _check_columns(self):
        """Add contract properties that appeared after the store was created."""
        for label, cols in list(node_tables().items()) + list(rel_tables().items()):
            have = {row[1] for row in self._conn.execute(f"CALL table_info('{label}') RETURN *").get_all()}
            for col, typ in cols.items():
                if col not in have:
                    kt = {"string": "STRING", "bool": "BOOL", "string[]": "STRING[]"}[typ]
                    log.info("embedded store %s: adding %s.%s (new in the contract)", self.path, label, col)
                    self._conn.execute(f"ALTER TABLE {label} ADD {col} {kt}")

    # -- plumbing ----------------------------------------------------------------------
    def describe(self) -> str:
        return f"embedded (ladybug) at {self.path}"

    def close(self) -> None:
        with _registry_lock:
            if self._closed:
                return
            self._users -= 1
            if self._users > 0:
                return
            self._closed = True
            if _registry.get(self._real) is self:
                del _registry[self._real]
        with self._lock:
            self._conn.close()
            self._db.close()

    def _check_open(self):
        if self._closed:
            raise StoreError(f"embedded store {self.path} is closed")

    def _x(self, query: str, params: dict | None = None) -> list[list]:
        """Rows of one statement.  Writes are UNWIND $rows, never LOAD FROM a pyarrow table:
        building one imports pandas into the ingest process (see graph/stores/dialect.py)."""
        params = params or {}
        if "rows" in params:  # a batch of writes: megabytes of parameters (see _once)
            return self._once(query, params)
        return self._conn.execute(query, params).get_all()

    def _once(self, query: str, params: dict) -> list[list]:
        """One statement prepared for this call and closed after it.  A statement in
        ladybug's implicit cache keeps the parameters it last ran with, the rows of the
        batch before, until it runs again: ~50 MB over the write statements of an ingest.
        Measured, 1,000 documents: peak 649 -> 598 MiB, CPU 43.5 -> 41.3 s (preparing
        costs ~1-3 ms a statement; the cache's key walked every row in Python)."""
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", DeprecationWarning)
            ps = self._conn.prepare(query)
        try:
            if not ps.is_success():
                raise RuntimeError(ps.get_error_message())
            return self._conn.execute(ps, params).get_all()
        finally:
            ps.close()

    def _rollback(self):
        try:
            self._conn.execute("ROLLBACK")
        except RuntimeError:
            pass  # an error inside the transaction already rolled it back

    # -- writing -----------------------------------------------------------------------
    def _loaded(self, document_id: str):
        rows = self._x("MATCH (d:_LoadedDocument {id: $id}) RETURN d.fingerprint", {"id": document_id})
        return rows[0][0] if rows else None

    def write_document(self, graph: DocumentGraph, document_id: str) -> WriteResult:
        return self.write_documents([(graph, document_id)])[0]

    def write_documents(self, items) -> list[WriteResult]:
        self._check_open()
        plans = batch_plans(items)  # validates; raises StoreError before any write
        if not plans:
            return []
        _return_freed_memory()
        with self._lock:
            loaded = dict(self._x(KUZU.shared("loaded"), {"ids": [p.document_id for p in plans]}))
            todo = [p for p in plans if loaded.get(p.document_id) != p.fingerprint]
            self._conn.execute("BEGIN TRANSACTION")
            try:
                old = take_assertions(self._x, KUZU, [p.document_id for p in todo if p.document_id in loaded])
                written = dict(zip([p.document_id for p in todo], write_batch(self._x, KUZU, todo, old)))
                now = _now()
                new = [p for p in todo if p.document_id not in loaded]
                again = [p for p in todo if p.document_id in loaded]
                if new:
                    self._x(KUZU.shared("create_loaded"), {"rows": loaded_rows(new, now)})
                if again:
                    self._x(KUZU.shared("update_loaded"), {"rows": loaded_rows(again, now)})
                results = [written.get(p.document_id) or WriteResult(p.document_id, False) for p in plans]
                self._x(LOG, {"rows": log_rows(results, ["write" if r.changed else "unchanged" for r in results], now)})
                self._conn.execute("COMMIT")
            except StoreError:
                self._rollback()
                raise
            except Exception as exc:
                self._rollback()
                what = plans[0].document_id if len(plans) == 1 else f"{len(plans)} documents"
                raise StoreError(f"writing {what} failed, nothing was written: {_one_line(exc)}") from None
            return results

    def _has_assertions(self, document_id) -> bool:
        return any(self._x(KUZU.shared("assertions_of", rtype=t), {"docs": [document_id]}) for t in TYPES)

    def remove_document(self, document_id: str) -> WriteResult:
        self._check_open()
        with self._lock:
            if self._loaded(document_id) is None and not self._has_assertions(document_id):
                return WriteResult(document_id, False)
            _return_freed_memory()
            self._conn.execute("BEGIN TRANSACTION")
            try:
                old = take_assertions(self._x, KUZU, [document_id]).get(document_id, [])
                res = WriteResult(document_id, True, rels_removed=len({k for _, _, k in old}))
                ends = {x for a, b, _ in old for x in (a, b)} | {document_id}
                res.nodes_removed = len(remove_orphans(self._x, KUZU, ends))
                # Still named by another document: it stays, but is no longer a loaded source.
                self._x(KUZU.shared("clear_source_props"), {"id": document_id})
                self._x("MATCH (d:_LoadedDocument {id: $id}) DELETE d", {"id": document_id})
                self._log(res, "remove")
                self._conn.execute("COMMIT")
            except Exception as exc:
                self._rollback()
                raise StoreError(f"removing {document_id} failed, nothing was changed: {_one_line(exc)}") from None
            return res

    def _log(self, res: WriteResult, action: str):
        self._x(LOG, {"rows": log_rows([res], [action], _now())})

    # -- reading -----------------------------------------------------------------------
    def documents(self) -> list[dict]:
        self._check_open()
        with self._lock:
            loaded = self._x("MATCH (d:_LoadedDocument) RETURN d.id, d.loaded_at, d.nodes, d.rels")
            ids = [r[0] for r in loaded]
            props = {r[0]: r for r in self._x(
                "MATCH (n:Document) WHERE n.id IN $ids RETURN n.id, n.name, n.date, n.kind, n.path, n.sha256",
                {"ids": ids})}
        out = []
        for did, at, n, r in loaded:
            p = props.get(did) or [did, did, None, None, None, None]
            out.append({"id": did, "name": p[1] or did, "date": p[2], "kind": p[3], "path": p[4],
                        "sha256": p[5], "loaded_at": at, "nodes": n, "rels": r})
        out.sort(key=lambda d: (d["date"] or "", d["loaded_at"] or ""), reverse=True)
        return out

    def counts(self) -> dict:
        self._check_open()
        # Two statements instead of one per table: each statement costs milliseconds.
        with self._lock:
            by_label = dict(self._x(f"MATCH ({KUZU.any_label('n', LABELS)}) RETURN {KUZU.label('n')}, count(*)"))
            by_type = dict(self._x(f"MATCH ()-[r]->() RETURN {KUZU.rel_type('r')}, count(*)"))
        return {"labels": {l: by_label.get(l, 0) for l in LABELS},
                "types": {t: by_type.get(t, 0) for t in TYPES}}

    def read_graph(self, labels=None, types=None, *, mention_evidence: bool = True, mention_index: bool = False):
        self._check_open()
        labels = _known(labels, LABELS, "label")
        types = _known(types, TYPES, "relationship type")
        columns = {t: read_columns(t, mention_evidence and not mention_index) for t in types}
        # one query per label pair of each type (its ends' tables are known, so a node's
        # offset in its table is enough: Arrow converts integers far faster than ids)
        pairs = [(t, a, b) for t in types for a, b in rel_pairs(t) if a in labels and b in labels]
        queries = [KUZU.nodes_with_offsets(l) for l in labels]
        queries += [KUZU.rels_with_offsets(t, a, b, columns[t]) for t, a, b in pairs]
        with self._lock, self._arrows_ahead(queries) as tables:
            nodes = {l: next(tables) for l in labels}
            return graph_from_arrow(nodes, ((t, a, b, next(tables)) for t, a, b in pairs), columns,
                                    mention_index=mention_index)

    @contextmanager
    def _arrows_ahead(self, queries: list[str]):
        """The Arrow tables of `queries`, in order, run one after another in a thread of
        their own while the caller works on those already returned: ladybug releases the
        GIL while it executes a query, so on two cores the next query runs while Python
        builds the graph from the last.  (Not while it converts a result to Arrow: measured,
        a thread spinning beside get_as_arrow() got 28% of its speed, beside execute() all
        of it.  At 10,000 documents execution is ~0.7 s of a read, the conversion ~1.1 s.)
        The caller holds self._lock; the thread is done before this returns."""
        import queue

        results: queue.Queue = queue.Queue()
        stop = threading.Event()

        def run():
            for q in queries:
                if stop.is_set():
                    return
                try:
                    results.put(self._arrow(q))
                except BaseException as exc:  # handed to the caller, who raises it
                    results.put(exc)
                    return

        worker = threading.Thread(target=run, name="graph-store-read", daemon=True)
        worker.start()

        def tables():
            for _ in queries:
                item = results.get()
                if isinstance(item, BaseException):
                    raise item
                yield item

        try:
            yield tables()
        finally:
            stop.set()  # the caller stopped early (an error): no further queries
            worker.join()

    def _arrow(self, query: str, params: dict | None = None):
        """A big read as an Arrow table (ladybug converts row by row otherwise, several
        times slower)."""
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", DeprecationWarning)
                ps = self._conn.prepare(query)
            try:
                if not ps.is_success():
                    raise RuntimeError(ps.get_error_message())
                result = self._conn.execute(ps, params or {})
                try:
                    return result.get_as_arrow()
                finally:
                    result.close()
            finally:
                ps.close()
        except RuntimeError as exc:
            raise StoreError(f"embedded store {self.path}: reading failed: {_one_line(exc)} "
                             f"(GRAPH_STORE_BUFFER_MB raises the memory it may use)") from None

    def _columns(self, query: str, params: dict | None = None):
        """Rows of a big read, fetched as Arrow columns."""
        table = self._arrow(query, params)
        return list(zip(*(table.column(i).to_pylist() for i in range(table.num_columns))))

    def mention_evidence(self, node_ids) -> dict[str, str]:
        self._check_open()
        with self._lock:
            return mention_evidence_rows(self._x, KUZU, node_ids)

    def neighbourhood(self, node_id: str, hops: int = 1, types=None):
        self._check_open()
        types = _known(types, TYPES, "relationship type") if types else None
        with self._lock:
            node_rows, rel_rows = neighbourhood_rows(self._columns, KUZU, node_id, hops, types)
        return graph_from_rows(node_rows, rel_rows, restrict=True)

    def query(self, cypher: str, params: dict | None = None, *, limit: int = 1000,
              timeout_s: float = 10.0) -> QueryResult:
        self._check_open()
        guard.check(cypher)
        params = _check_params(params)
        guard.check_sizes(cypher, params)
        with self._lock:
            self._conn.set_query_timeout(max(1, int(timeout_s * 1000)))
            self._conn.execute("BEGIN TRANSACTION READ ONLY")
            try:
                with warnings.catch_warnings():
                    warnings.simplefilter("ignore", DeprecationWarning)
                    ps = self._conn.prepare(cypher)  # one statement only: it rejects several
                try:
                    if not ps.is_success():
                        raise RuntimeError(ps.get_error_message())
                    res = self._conn.execute(ps, params)
                    columns = res.get_column_names()
                    rows = []
                    while res.has_next() and len(rows) <= limit:
                        rows.append(res.get_next())
                    res.close()
                finally:
                    ps.close()
                self._conn.execute("COMMIT")
            except RuntimeError as exc:
                self._rollback()
                msg = _one_line(exc)
                if msg.lower().startswith("interrupted"):
                    raise StoreError(f"the query was stopped after {timeout_s:g} s (its time limit)") from None
                raise StoreError(f"query error: {msg}") from None
            finally:
                self._conn.set_query_timeout(0)
        truncated = len(rows) > limit
        rows = rows[:limit]
        return QueryResult(columns=columns, rows=[[query_value(v, _idmap(rows)) for v in row] for row in rows],
                           truncated=truncated, limit=limit, timeout_s=timeout_s)

    def ingest_log(self, limit: int = 20) -> list[dict]:
        self._check_open()
        cols = [c for c in INTERNAL_TABLES["_IngestLog"] if c != "seq"]
        with self._lock:
            rows = self._x("MATCH (l:_IngestLog) RETURN " + ", ".join(f"l.{c}" for c in cols) +
                           " ORDER BY l.seq DESC LIMIT $n", {"n": int(limit)})
        return [dict(zip(cols, r)) for r in rows]

    def corrections(self) -> list[dict]:
        self._check_open()
        with self._lock:
            rows = self._x("MATCH (c:_Correction) RETURN c.id, c.kind, c.args, c.at, c.active ORDER BY c.at, c.id")
        return [{"id": i, "kind": k, "args": json.loads(a) if a else {}, "at": at, "active": bool(act)}
                for i, k, a, at, act in rows]

    def save_correction(self, correction: dict) -> None:
        self._check_open()
        row = _correction_row(correction)
        with self._lock:
            self._x("MERGE (c:_Correction {id: $id}) SET c.kind = $kind, c.args = $args, c.at = $at, "
                    "c.active = $active", row)


def _correction_row(correction: dict) -> dict:
    if not isinstance(correction, dict) or not correction.get("id") or not correction.get("kind"):
        raise StoreError("a correction needs at least an 'id' and a 'kind'")
    try:
        args = json.dumps(correction.get("args") or {}, ensure_ascii=False, sort_keys=True)
    except TypeError as exc:
        raise StoreError(f"correction {correction['id']}: args must be JSON data ({exc})") from None
    return {"id": str(correction["id"]), "kind": str(correction["kind"]), "args": args,
            "at": str(correction.get("at") or _now()), "active": bool(correction.get("active", True))}


def _known(names, allowed, what):
    if names is None:
        return list(allowed)
    names = [names] if isinstance(names, str) else list(names)
    unknown = [n for n in names if n not in allowed]
    if unknown:
        raise StoreError(f"unknown {what} {unknown[0]!r}; the contract has {', '.join(allowed)}")
    return [n for n in allowed if n in names]


def _check_params(params):
    if params is None:
        return {}
    if not isinstance(params, dict) or not all(isinstance(k, str) for k in params):
        raise StoreError("query parameters must be a mapping of names to values")
    return dict(params)


def _idmap(rows) -> dict:
    """ladybug's internal node ids -> contract ids, for relationship values."""
    out = {}

    def visit(v):
        if isinstance(v, dict):
            if "_ID" in v and "_LABEL" in v and "id" in v:
                out[(v["_ID"]["table"], v["_ID"]["offset"])] = v["id"]
            for x in v.values():
                visit(x)
        elif isinstance(v, list):
            for x in v:
                visit(x)

    for row in rows:
        visit(row)
    return out
