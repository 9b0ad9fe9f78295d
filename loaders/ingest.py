"""Documents into the store: the one path the CLI (`python -m loaders ingest|reference|
remove`), the app's upload and contact form, and the app's first start all take.

Documents are written in batches, each batch in one store transaction
(GraphStore.write_documents), so a crash or a kill leaves every document fully present or
fully absent, and the next run completes the rest.
A file whose sha256 is already in the store is skipped before it is even extracted: the
same file twice changes no count.  A changed file at the same path replaces that
document's assertions and nothing else.  A bad file is reported on one line (file and
reason) and written not at all; the other files are still processed.
"""
from __future__ import annotations

import hashlib
import json
import os
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable

from graph.contract import node_id
from graph.model import DocumentGraph
from graph.stores.base import GraphStore, StoreError, WriteResult
from loaders.document import DocumentError

REFERENCE_ID = "document:reference-limburg"
SAMPLES = Path(__file__).resolve().parent.parent / "samples"


# -- what a run reports -------------------------------------------------------------------
@dataclass
class DocumentOutcome:
    path: str
    document_id: str | None
    status: str  # "written", "unchanged" or "failed"
    reason: str = ""  # why it failed: one line
    nodes_added: int = 0
    nodes_removed: int = 0
    rels_added: int = 0
    rels_removed: int = 0
    seconds: float = 0.0

    def line(self) -> str:
        if self.status == "failed":
            return f"{self.path}: {self.reason}"
        return (f"{self.path}: {self.status} ({self.document_id}; nodes +{self.nodes_added} "
                f"-{self.nodes_removed}, relationships +{self.rels_added} -{self.rels_removed})")


@dataclass
class IngestReport:
    outcomes: list[DocumentOutcome] = field(default_factory=list)
    reference: WriteResult | None = None
    counts: dict = field(default_factory=dict)  # the store's counts after the run
    seconds: float = 0.0

    def with_status(self, status: str) -> list[DocumentOutcome]:
        return [o for o in self.outcomes if o.status == status]

    @property
    def ok(self) -> bool:
        return not self.with_status("failed")

    def totals(self) -> dict:
        keys = ("nodes_added", "nodes_removed", "rels_added", "rels_removed")
        return {k: sum(getattr(o, k) for o in self.outcomes) for k in keys}

    def summary(self) -> str:
        t = self.totals()
        nodes = sum(self.counts.get("labels", {}).values())
        rels = sum(self.counts.get("types", {}).values())
        n = len(self.outcomes)
        return (f"{n} document{'' if n == 1 else 's'}: {len(self.with_status('written'))} written, "
                f"{len(self.with_status('unchanged'))} unchanged, {len(self.with_status('failed'))} failed "
                f"in {self.seconds:.1f} s; nodes +{t['nodes_added']} -{t['nodes_removed']}, "
                f"relationships +{t['rels_added']} -{t['rels_removed']}; "
                f"the store now holds {nodes} nodes and {rels} relationships")

    def to_dict(self) -> dict:
        return {"documents": [o.__dict__ for o in self.outcomes], "totals": self.totals(),
                "counts": self.counts, "seconds": round(self.seconds, 3)}


# progress(outcome, done, total): called once with outcome None before the first document
# (so a bar knows its total), then after each document.
Progress = Callable[[DocumentOutcome | None, int, int], None]


# -- finding the files ----------------------------------------------------------------------
def supported_suffixes() -> tuple[str, ...]:
    """The file types the readers handle (loaders.readers decides)."""
    from loaders.readers import READERS_BY_EXTENSION

    return tuple(READERS_BY_EXTENSION)


def expand_paths(paths: Iterable) -> tuple[list[Path], list[DocumentOutcome]]:
    """Files to read, in a stable order: a directory stands for the supported files in it
    (recursively, hidden ones skipped); a file named on its own is taken as given (the
    reader says so when it cannot read it).  Returns (files, failures for paths that do not
    exist or hold no supported file)."""
    if isinstance(paths, (str, os.PathLike)):
        paths = [paths]
    suffixes = supported_suffixes()
    files, failed, seen = [], [], set()
    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            found = sorted(f for f in p.rglob("*") if f.is_file() and f.suffix.lower() in suffixes
                           and not any(part.startswith(".") for part in f.relative_to(p).parts))
            if not found:
                failed.append(DocumentOutcome(str(p), None, "failed",
                                              f"no supported documents ({', '.join(suffixes)}) in this directory"))
            candidates = found
        elif p.exists():
            candidates = [p]
        else:
            failed.append(DocumentOutcome(str(p), None, "failed", "no such file or directory"))
            candidates = []
        for f in candidates:
            key = os.path.abspath(f)
            if key not in seen:
                seen.add(key)
                files.append(f)
    return files, failed


def document_id_for(path) -> str:
    """The id a file's Document node gets (as SourceDocument.document_id).

    >>> document_id_for("samples/taskforce-2023-04-12.txt")
    'document:taskforce-2023-04-12'
    >>> DocumentOutcome("x/contacts.csv", "document:contacts", "failed", "line 3: bad date '2023-13-45'").line()
    "x/contacts.csv: line 3: bad date '2023-13-45'"
    """
    return node_id("Document", Path(path).stem)


def _sha256(path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def _stored_sha256(store: GraphStore, document_id: str) -> str | None:
    for d in store.documents():
        if d["id"] == document_id:
            return d.get("sha256")
    return None


# -- the library calls ------------------------------------------------------------------------
def content_digest(graph: DocumentGraph) -> str:
    """sha256 of a graph's export: the reference data's fingerprint."""
    raw = json.dumps(graph.to_export(), sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()


def ensure_reference(store: GraphStore) -> WriteResult:
    """Load the reference data (municipalities, regions, IN_REGION) unless the store already
    holds the same content; a changed reference list replaces the old one."""
    from loaders.reference import reference_graph

    graph = reference_graph()
    doc = graph.nodes.get(REFERENCE_ID)
    if doc is None:
        raise ValueError(f"reference_graph() has no Document {REFERENCE_ID}")
    if not doc.props.get("sha256"):
        doc.props["sha256"] = content_digest(graph)
    if _stored_sha256(store, REFERENCE_ID) == doc.props["sha256"]:
        return WriteResult(REFERENCE_ID, changed=False)
    return store.write_document(_corrected(store, graph), REFERENCE_ID)


def _active_corrections(store: GraphStore) -> list[dict]:
    return [c for c in store.corrections() if c.get("active", True)]


def _corrected(store: GraphStore, graph: DocumentGraph, corrections=None) -> DocumentGraph:
    """The graph with the corrections made in the app applied, so they survive re-ingest."""
    from graph.corrections import apply_corrections

    corrections = _active_corrections(store) if corrections is None else corrections
    return apply_corrections(graph, corrections) if corrections else graph


def check_document_graph(graph: DocumentGraph, document_id: str) -> None:
    """A document's graph must hold its own Document node, and every assertion in it must
    come from that document: otherwise removing it would leave assertions behind."""
    doc = graph.nodes.get(document_id)
    if doc is None or doc.label != "Document":
        raise ValueError(f"the graph has no Document node {document_id!r}")
    for rel in graph.rels.values():
        if rel.source != document_id:
            raise ValueError(f"{rel.type} {rel.start} -> {rel.end} has source {rel.source!r}, "
                             f"not {document_id!r}")


def ingest_graph(store: GraphStore, graph: DocumentGraph, document_id: str) -> WriteResult:
    """Write one document's graph (the app's upload and contact form come here too): the
    reference data first if missing, then the document in one transaction."""
    check_document_graph(graph, document_id)
    ensure_reference(store)
    return store.write_document(_corrected(store, graph), document_id)


BATCH_SIZE = 50  # documents per store transaction in ingest_paths


def ingest_paths(store: GraphStore, paths: Iterable, progress: Progress | None = None,
                 *, extract=None, batch_size: int = BATCH_SIZE) -> IngestReport:
    """Read files and directories into the store.

    Documents are written in batches of `batch_size`, each batch in one transaction
    (GraphStore.write_documents): a crash loses at most one batch, and every document is
    fully present or fully absent.  Files whose sha256 is already loaded are skipped unread.
    The next documents are extracted while the store writes a batch: in a separate process
    when there is more than a batch of files (see _extraction_pool).  progress(outcome, done, total) is called with outcome
    None before the first document, then for each document as it is settled (failures and
    unchanged files at once, written ones when their batch commits).  The report lists the
    documents in the order of the files.  `extract` (path -> DocumentGraph) defaults to
    loaders.pipeline.extract_path.
    """
    if extract is None:
        from loaders.pipeline import extract_path as extract
    started = time.perf_counter()
    report = IngestReport()
    files, failed = expand_paths(paths)
    total = len(files) + len(failed)
    done = 0

    def settle(outcomes):
        nonlocal done
        for outcome in outcomes:
            report.outcomes.append(outcome)
            done += 1
            if progress:
                progress(outcome, done, total)

    if progress:
        progress(None, 0, total)
    settle(failed)
    report.reference = ensure_reference(store)
    run = _Run(store, extract, max(1, batch_size))
    todo = []
    for path in files:
        outcome = run.check(path)
        if outcome is None:
            todo.append(path)
        else:
            settle([outcome])
    run.extract_and_write(todo, settle)
    order = {str(p): i for i, p in enumerate(files)}
    report.outcomes.sort(key=lambda o: order.get(o.path, -1))
    report.counts = store.counts()
    report.seconds = time.perf_counter() - started
    return report


class _Run:
    """One ingest run: what it looks up once (loaded sha256s, corrections, known parties)
    and the batch of extracted documents waiting for their transaction."""

    MAX_STORE_FAILURES = 3  # in a row: then the store is the problem, not the documents

    def __init__(self, store: GraphStore, extract, batch_size: int):
        self.store = store
        self.extract = extract
        self.batch_size = batch_size
        documents = store.documents()
        self.loaded = {d["id"]: d.get("sha256") for d in documents}
        self.loaded_from = {d["id"]: d.get("path") for d in documents}  # the file each was read from
        self.corrections = _active_corrections(store)
        self.claimed: dict[str, str] = {}  # document id -> the file that gave it in this run
        self.pending: list[tuple[DocumentOutcome, DocumentGraph, float]] = []
        self.store_failures = 0
        self._known = None

    def known(self):
        """Names and aliases of the parties in the store -> ids: a contact log may name any
        party the store holds (read once, and only when a contact log comes along)."""
        if self._known is None:
            from graph.contact_log import known_parties
            from graph.contract import PARTY

            self._known = known_parties(self.store.read_graph(labels=list(PARTY), types=[]))
        return self._known

    def check(self, path: Path) -> DocumentOutcome | None:
        """Settle a file without reading it when possible: a document id another file of
        this run already gave (failed), or bytes already loaded (unchanged).  None: extract it."""
        doc_id = document_id_for(path)
        outcome = DocumentOutcome(str(path), doc_id, "failed")
        if doc_id in self.claimed:
            outcome.reason = (f"has the same document id ({doc_id}) as {self.claimed[doc_id]}: "
                              "document ids come from file names; rename one of them")
            return outcome
        self.claimed[doc_id] = str(path)
        if doc_id == REFERENCE_ID:
            outcome.reason = f"has the document id of the reference data ({doc_id}); rename the file"
            return outcome
        other = _another_file(self.loaded_from.get(doc_id), path)
        if other:
            outcome.reason = (f"has the same document id ({doc_id}) as {other}, which is loaded: document ids "
                              f"come from file names; rename one of them (or first: python -m loaders remove {doc_id})")
            return outcome
        try:
            if self.loaded.get(doc_id) and self.loaded[doc_id] == _sha256(path):
                outcome.status = "unchanged"
                return outcome
        except OSError as exc:
            outcome.reason = exc.strerror or str(exc)
            return outcome
        return None

    def extract_and_write(self, paths: list[Path], settle) -> None:
        """Extract the files in order, one batch ahead in a worker thread, and write them in
        batches; settle(outcomes) as documents fail or their batch commits."""
        from collections import deque

        from loaders.pipeline import is_contact_log

        pool = _extraction_pool(self.extract, len(paths) > self.batch_size)
        window: deque = deque()
        upcoming = iter(paths)

        def fill():
            while len(window) < self.batch_size:
                path = next(upcoming, None)
                if path is None:
                    return
                # A contact log may name parties the documents before it bring: it is
                # extracted when its turn comes, after those are written.
                job = None if is_contact_log(path) else pool.submit(_extract_safely, self.extract, path,
                                                                        corrections=self.corrections)
                window.append((path, job, time.perf_counter()))

        try:
            fill()
            while window:
                path, job, queued = window.popleft()
                if job is None:
                    settle(self.flush())
                    job = pool.submit(_extract_safely, self.extract, path, known=self.known(),
                                      corrections=self.corrections)
                graph, plan, reason = job.result()
                fill()
                settle(self.accept(path, graph, reason, time.perf_counter() - queued, plan))
            settle(self.flush())
        finally:
            pool.shutdown(wait=True, cancel_futures=True)

    def accept(self, path: Path, graph: DocumentGraph | None, reason: str | None,
               seconds: float, plan=None) -> list[DocumentOutcome]:
        """Take one extracted document (the corrections applied; `plan`: its write plan
        when the extraction process made one) into the batch; returns the outcomes this
        settles (itself when it failed, the whole batch when the batch is full)."""
        outcome = DocumentOutcome(str(path), _document_id(path, graph), "failed", reason or "")
        if graph is None:
            return [outcome]
        try:
            check_document_graph(graph, outcome.document_id)
        except ValueError as exc:  # the extractor produced something outside the contract
            outcome.reason = f"cannot be loaded: {exc}"
            return [outcome]
        self.pending.append((outcome, graph, seconds, plan))
        if len(self.pending) >= self.batch_size:
            return self.flush()
        return []

    def flush(self) -> list[DocumentOutcome]:
        """Write the waiting documents in one transaction."""
        batch, self.pending = self.pending, []
        if not batch:
            return []
        t0 = time.perf_counter()
        try:
            results = self.store.write_documents([p or (g, o.document_id) for o, g, _, p in batch])
        except StoreError as exc:
            if len(batch) == 1:
                return [self._store_failed(batch[0][0], exc)]
            # One document the store refuses must not cost the others: write them one by one.
            return [o for item in batch for o in self._write_one(item)]
        self.store_failures = 0
        share = (time.perf_counter() - t0) / len(batch)
        return [self._written(o, g, r, extracted + share) for (o, g, extracted, _), r in zip(batch, results)]

    def _write_one(self, item) -> list[DocumentOutcome]:
        outcome, graph, extracted, _plan = item
        t0 = time.perf_counter()
        try:
            result = self.store.write_document(graph, outcome.document_id)
        except StoreError as exc:
            return [self._store_failed(outcome, exc)]
        self.store_failures = 0
        return [self._written(outcome, graph, result, extracted + time.perf_counter() - t0)]

    def _store_failed(self, outcome: DocumentOutcome, exc: StoreError) -> DocumentOutcome:
        self.store_failures += 1
        if self.store_failures >= self.MAX_STORE_FAILURES:
            raise exc
        outcome.reason = f"the store refused it: {exc}"
        return outcome

    def _written(self, outcome, graph, result: WriteResult, seconds: float) -> DocumentOutcome:
        outcome.status = "written" if result.changed else "unchanged"
        for k in ("nodes_added", "nodes_removed", "rels_added", "rels_removed"):
            setattr(outcome, k, getattr(result, k))
        outcome.seconds = seconds
        self.loaded[outcome.document_id] = graph.nodes[outcome.document_id].props.get("sha256")
        if result.changed:
            self._known = None  # new parties may have come with it
        return outcome


def _another_file(loaded_from: str | None, path) -> str | None:
    """The file a loaded document was read from, when it is another file that is still
    there: then `path` is a different document that happens to have the same name, and
    must not replace it.  None when it is this file, or its file is gone (moved or
    renamed: the new path takes the document over), or the document has no file.

    >>> _another_file(None, "samples/taskforce-2023-04-12.txt") is None
    True
    >>> _another_file("samples/taskforce-2023-04-12.txt", "samples/taskforce-2023-04-12.txt") is None
    True
    >>> _another_file("/no/longer/there/taskforce-2023-04-12.txt", "samples/taskforce-2023-04-12.txt") is None
    True
    """
    if not loaded_from or not os.path.isfile(loaded_from):
        return None
    try:
        if os.path.samefile(loaded_from, path):
            return None
    except OSError:
        return None  # this path cannot be read: its reader will say so
    return loaded_from


def _die_with_parent() -> None:
    """In an extraction process: end when the ingest process ends, even by SIGKILL, so no
    orphan outlives an interrupted run (Linux; elsewhere the pool's own shutdown does it)."""
    try:
        import ctypes
        import signal

        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


def _extraction_pool(extract, many: bool):
    """Where documents are extracted while the store writes: a separate process on a
    machine with more than one core when there are many files (extraction and the store's
    write path are both mostly Python, so a thread would share one core with the writes),
    else one thread.  The process is started afresh (spawn) and imports only the extraction
    code: ~30 MB.  A forked one mapped the ingest process's memory as it was at the fork,
    the open store's included (~150 MB), and kept those pages alive after the ingest
    process had freed or rewritten them."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor

    from loaders.pipeline import extract_path

    if many and extract is extract_path and (os.cpu_count() or 1) > 1:
        return ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("spawn"),
                                   initializer=_die_with_parent)
    return ThreadPoolExecutor(max_workers=1, thread_name_prefix="extract")


def _document_id(path, graph: DocumentGraph | None) -> str:
    """The id a file's document gets: from its name, unless its graph names another."""
    doc_id = document_id_for(path)
    docs = [n.id for n in graph.documents()] if graph is not None else []
    return docs[0] if docs and doc_id not in docs else doc_id


def _extract_safely(extract, path, corrections=(), **kwargs):
    """(graph, write plan, None) for a file: extracted, the corrections applied, and its
    rows for the store validated and made (prepare_write: a good part of a write's
    Python, done here, in the extraction process, while the store writes the batch
    before).  (None, None, the one-line reason) for a file that cannot be read.  The plan
    is None when the graph does not pass the store's checks: the write then says why."""
    from graph.stores.common import prepare_write

    try:
        graph = extract(path, **kwargs)
    except DocumentError as exc:
        return None, None, exc.reason
    except OSError as exc:
        return None, None, exc.strerror or str(exc)
    except ValueError as exc:  # the extractor produced something outside the contract
        return None, None, f"cannot be loaded: {exc}"
    if corrections:
        from graph.corrections import apply_corrections

        graph = apply_corrections(graph, list(corrections))
    try:
        plan = prepare_write(graph, _document_id(path, graph))
    except StoreError:
        plan = None
    return graph, plan, None


def resolve_document(store: GraphStore, path_or_document_id: str) -> str:
    """The id of a loaded document named by its id, its file path or its file name."""
    target = str(path_or_document_id)
    docs = store.documents()
    ids = {d["id"] for d in docs}
    if target.startswith("document:"):
        if target in ids or target == REFERENCE_ID:
            return target
    else:
        absolute = os.path.abspath(target)
        for d in docs:
            if d.get("path") in (target, absolute):
                return d["id"]
        if document_id_for(target) in ids:
            return document_id_for(target)
    raise LookupError(f"{target}: no such document in the store "
                      f"({len(ids)} loaded; `python -m graph stats` lists them)")


def remove(store: GraphStore, path_or_document_id: str) -> WriteResult:
    """Remove one document: its Document node, its assertions, and the nodes no other
    document mentions (reference data stays)."""
    doc_id = resolve_document(store, path_or_document_id)
    if doc_id == REFERENCE_ID:
        raise ValueError(f"{doc_id} is the reference data every document builds on and is not removed; "
                         "`python -m loaders reference` refreshes it")
    return store.remove_document(doc_id)


def ensure_sample_data(store: GraphStore) -> IngestReport | None:
    """The app's first start: the reference data, and the sample minutes (samples/*.txt)
    when the store holds no source document yet.  Returns None when nothing was loaded."""
    ensure_reference(store)
    if any(d["id"] != REFERENCE_ID and d.get("kind") != "reference" for d in store.documents()):
        return None
    return ingest_paths(store, sorted(SAMPLES.glob("*.txt")))
