"""The embedded store's whole-graph read runs its queries in a thread of their own, ahead of
the Python that builds the graph (EmbeddedStore._arrows_ahead): errors reach the caller,
and the thread is finished before the read returns, however it ends."""
from __future__ import annotations

import threading

import pytest

from graph.stores.base import StoreError


def _readers():
    return [t for t in threading.enumerate() if t.name == "graph-store-read"]


def test_tables_come_in_order(embedded_store):
    with embedded_store._lock, embedded_store._arrows_ahead(["RETURN 1 AS x", "RETURN 2 AS x", "RETURN 3 AS x"]) as t:
        assert [table.column(0).to_pylist() for table in t] == [[1], [2], [3]]
    assert not _readers()


def test_a_failing_query_is_raised_to_the_caller_and_the_store_still_reads(embedded_store):
    with pytest.raises(StoreError, match="reading failed"):
        with embedded_store._lock, embedded_store._arrows_ahead(
                ["RETURN 1 AS x", "MATCH (n:NoSuchLabel) RETURN n", "RETURN 3 AS x"]) as tables:
            list(tables)
    assert not _readers()
    assert embedded_store.query("RETURN 5 AS x").rows == [[5]]


def test_a_caller_that_stops_early_leaves_no_thread_behind(embedded_store):
    with pytest.raises(RuntimeError, match="caller gave up"):
        with embedded_store._lock, embedded_store._arrows_ahead(["RETURN 1 AS x"] * 20) as tables:
            next(tables)
            raise RuntimeError("caller gave up")
    assert not _readers()
    assert embedded_store.read_graph().number_of_nodes() == 0
