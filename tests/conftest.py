"""Store fixtures shared by the whole suite.

`store` runs a test once per backend: "embedded" (a fresh ladybug store in tmp_path,
always) and "neo4j" (only when NEO4J_TEST_URI is set, with NEO4J_TEST_USER,
NEO4J_TEST_PASSWORD and optionally NEO4J_TEST_DATABASE).  The Neo4j database named
there is EMPTIED before each test: point it at a throwaway server or database.

`embedded_store` is the embedded backend alone, for tests of embedded-only behaviour.
"""
from __future__ import annotations

import os

import pytest

NEO4J_SKIP_REASON = ("Neo4j tests need a server: set NEO4J_TEST_URI (and NEO4J_TEST_USER, "
                     "NEO4J_TEST_PASSWORD) to a throwaway database; none can be installed here")


def neo4j_test_env() -> dict | None:
    uri = os.environ.get("NEO4J_TEST_URI")
    if not uri:
        return None
    return {"GRAPH_STORE": uri, "NEO4J_USER": os.environ.get("NEO4J_TEST_USER", "neo4j"),
            "NEO4J_PASSWORD": os.environ.get("NEO4J_TEST_PASSWORD", ""),
            "NEO4J_DATABASE": os.environ.get("NEO4J_TEST_DATABASE", "")}


def open_test_store(backend: str, tmp_path):
    """A fresh, empty store: embedded in tmp_path, or the emptied Neo4j test database
    (skips the test when there is none)."""
    from graph.stores.open import open_store

    if backend == "embedded":
        return open_store(f"embedded:{tmp_path / 'graph'}")
    env = neo4j_test_env()
    if env is None:
        pytest.skip(NEO4J_SKIP_REASON)
    store = open_store(env["GRAPH_STORE"], env=env)
    store.wipe_for_tests()
    return store


@pytest.fixture(scope="session")
def store_opener():
    """open_test_store, for fixtures of a wider scope than `store` (one store per module)."""
    return open_test_store


@pytest.fixture(params=["embedded", pytest.param("neo4j", marks=pytest.mark.neo4j)])
def store(request, tmp_path):
    s = open_test_store(request.param, tmp_path)
    try:
        yield s
    finally:
        s.close()


@pytest.fixture
def embedded_store(tmp_path):
    s = open_test_store("embedded", tmp_path)
    try:
        yield s
    finally:
        s.close()
