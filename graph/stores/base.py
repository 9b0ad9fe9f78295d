"""The one store interface.  Two real backends implement it: the embedded default
(`graph.stores.embedded`, the ladybug package) and Neo4j 5 (`graph.stores.neo4j_store`).

Everything the app, the analyses and the saved queries read goes through this class;
one test suite (tests/test_store_contract.py) runs against both backends.

Networkx shape returned by the read methods (the same as DocumentGraph.to_networkx):
a MultiDiGraph keyed by node id; node attributes `label`, `name`, `aliases` and the
label's contract properties; edge key = Relationship.key(); edge attributes `type`,
`source` (document id), `evidence` and the type's contract properties.
"""
from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import dataclass, field

from graph.model import DocumentGraph


class StoreError(Exception):
    """A store problem a person can act on (unreachable server, locked database ...).
    The message is one line and is shown as is."""


class QueryRefused(StoreError):
    """The read-only guard refused a statement (a write, several statements, file access ...)."""


@dataclass
class WriteResult:
    document_id: str
    changed: bool  # False: same sha256 already loaded, nothing written
    nodes_added: int = 0
    nodes_removed: int = 0
    rels_added: int = 0
    rels_removed: int = 0


@dataclass
class QueryResult:
    columns: list[str]
    rows: list[list]  # values: plain Python; nodes as dicts with _label/_id/properties, rels likewise
    truncated: bool = False  # hit the row limit
    limit: int | None = None
    timeout_s: float | None = None
    notes: list[str] = field(default_factory=list)


class GraphStore(ABC):
    backend: str = ""  # "embedded" or "neo4j"

    @abstractmethod
    def describe(self) -> str:
        """One line for the sidebar: backend and location, no secrets."""

    # -- writing ----------------------------------------------------------------------
    @abstractmethod
    def write_document(self, graph: DocumentGraph, document_id: str) -> WriteResult:
        """In one transaction: replace every assertion whose `source` is document_id (and its
        MENTIONS) with those in `graph`; upsert the nodes (aliases unioned); then drop nodes
        no assertion touches any more unless they are reference data.  Idempotent: the same
        graph twice changes no count.  Records the result in the ingest log."""

    def write_documents(self, items) -> list[WriteResult]:
        """write_document for many documents [(graph, document_id), ...] in ONE transaction
        (all or nothing), with the same result as writing them one by one.  Much faster for
        bulk loads: the statements are per batch, not per document.  The backends override
        this (the default writes one by one), and theirs also take, in place of a pair, the
        WritePlan graph.stores.common.prepare_write made of it (the validation and the rows:
        the ingest makes them in its extraction process)."""
        return [self.write_document(g, d) for g, d in items]

    @abstractmethod
    def remove_document(self, document_id: str) -> WriteResult:
        """In one transaction: remove the document node, its assertions, and nodes left
        without any assertion (reference data stays)."""

    # -- reading ----------------------------------------------------------------------
    @abstractmethod
    def documents(self) -> list[dict]:
        """Loaded source documents: id, name and the Document properties, newest first."""

    @abstractmethod
    def counts(self) -> dict:
        """{"labels": {label: n}, "types": {type: n}} with every contract label and type."""

    @abstractmethod
    def read_graph(self, labels=None, types=None, *, mention_evidence: bool = True, mention_index: bool = False):
        """The whole graph, or only nodes of `labels` and relationships of `types`, as a
        networkx MultiDiGraph.  With mention_evidence=False the MENTIONS relationships come
        without their evidence sentence (everything else as always); mention_evidence()
        gives those sentences for the nodes a page shows.  With mention_index=True the
        MENTIONS (without evidence) are not edges but a graph.mentions.MentionIndex in
        g.graph["mentions"]: what the app reads on start, half the relationships fewer to
        build; graph.mentions has the functions that read them either way."""

    @abstractmethod
    def mention_evidence(self, node_ids) -> dict[str, str]:
        """The evidence sentences of the MENTIONS relationships that end at `node_ids`:
        relationship key -> sentence."""

    @abstractmethod
    def neighbourhood(self, node_id: str, hops: int = 1, types=None):
        """The k-hop neighbourhood (either direction) of one node as a MultiDiGraph."""

    @abstractmethod
    def query(self, cypher: str, params: dict | None = None, *, limit: int = 1000,
              timeout_s: float = 10.0) -> QueryResult:
        """Run ONE read-only statement with parameters.  Refuses (QueryRefused) writes,
        schema changes, file access, extensions and multi-statement strings, and leaves
        the store unchanged."""

    @abstractmethod
    def ingest_log(self, limit: int = 20) -> list[dict]:
        """The latest write_document / remove_document results, newest first:
        {"at": ISO time, "document_id", "action": "write"|"remove"|"unchanged", counts...}."""

    # -- corrections (made in the app, survive re-ingest) -------------------------------
    @abstractmethod
    def corrections(self) -> list[dict]:
        """Stored corrections, oldest first: {"id", "kind", "args", "at", "active"}."""

    @abstractmethod
    def save_correction(self, correction: dict) -> None:
        """Insert or replace one correction (by id)."""

    # -- lifecycle --------------------------------------------------------------------
    def close(self) -> None:
        pass

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()
