"""Open the graph store named by one setting.

    embedded:PATH                 the embedded ladybug store in the file PATH
                                  (default embedded:data/graph)
    neo4j://HOST[:PORT]           a Neo4j 5 server (also neo4j+s://, neo4j+ssc://,
    bolt://HOST[:PORT]            bolt://, bolt+s://, bolt+ssc://); credentials from
                                  NEO4J_USER, NEO4J_PASSWORD and NEO4J_DATABASE

The setting comes from the caller (`--store`, Streamlit secrets), else from the
GRAPH_STORE environment variable, else the default.  Secrets never go in the setting:
the app passes them as `env=` (a mapping read instead of os.environ).

>>> parse_setting("embedded:/tmp/g")
('embedded', '/tmp/g')
>>> parse_setting("bolt://localhost:7687")
('neo4j', 'bolt://localhost:7687')
>>> parse_setting("sqlite:x")
Traceback (most recent call last):
...
graph.stores.base.StoreError: unknown store setting 'sqlite:x': use embedded:PATH or a neo4j://, neo4j+s:// or bolt:// URI
"""
from __future__ import annotations

import os

from graph.stores.base import GraphStore, StoreError

DEFAULT_STORE = "embedded:data/graph"
NEO4J_SCHEMES = ("neo4j://", "neo4j+s://", "neo4j+ssc://", "bolt://", "bolt+s://", "bolt+ssc://")


def parse_setting(setting: str) -> tuple[str, str]:
    """(backend, location) of a store setting; StoreError when it names no backend."""
    s = (setting or "").strip()
    if s.startswith("embedded:"):
        path = s[len("embedded:"):].strip()
        if not path:
            raise StoreError(f"store setting {setting!r} names no path: use embedded:PATH")
        return "embedded", os.path.expanduser(path)
    if s.lower().startswith(NEO4J_SCHEMES):
        return "neo4j", s
    raise StoreError(f"unknown store setting {setting!r}: use embedded:PATH or a neo4j://, "
                     f"neo4j+s:// or bolt:// URI")


def open_store(setting: str | None = None, *, env=None) -> GraphStore:
    """The store named by `setting` (None: GRAPH_STORE from the environment, else
    embedded:data/graph).  Neo4j credentials come from `env` (default os.environ):
    NEO4J_USER (default neo4j), NEO4J_PASSWORD, NEO4J_DATABASE (default: the server's)."""
    env = os.environ if env is None else env
    if setting is None:
        setting = env.get("GRAPH_STORE") or DEFAULT_STORE
    backend, where = parse_setting(setting)
    if backend == "embedded":
        from graph.stores.embedded import open_embedded

        return open_embedded(where)
    from graph.stores.neo4j_store import open_neo4j

    return open_neo4j(where, user=env.get("NEO4J_USER") or "neo4j",
                      password=env.get("NEO4J_PASSWORD") or "",
                      database=env.get("NEO4J_DATABASE") or None)
