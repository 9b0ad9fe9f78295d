"""What every page shares: the one store handle, the sidebar status line.

The store is chosen by one setting, first found wins: st.session_state["graph_store"]
(tests inject it), Streamlit secrets GRAPH_STORE, the GRAPH_STORE environment
variable, else the embedded default.  The handle is cached per process with
st.cache_resource: the embedded store allows one read-write handle per process.
"""
from __future__ import annotations

import os

import streamlit as st

DEFAULT_STORE = "embedded:data/graph"


def store_setting() -> str:
    if st.session_state.get("graph_store"):
        return st.session_state["graph_store"]
    try:
        if "GRAPH_STORE" in st.secrets:
            return st.secrets["GRAPH_STORE"]
    except Exception:  # no secrets.toml at all: Streamlit raises, which is the normal case
        pass
    return os.environ.get("GRAPH_STORE", DEFAULT_STORE)


@st.cache_resource(show_spinner="Opening the graph store ...")
def _open(setting: str):
    from graph.stores.open import open_store
    from loaders.ingest import ensure_sample_data

    store = open_store(setting)
    ensure_sample_data(store)  # first start: reference data and the sample minutes
    return store


def get_store():
    """The store handle, or None after showing a clear error (unreachable Neo4j ...)."""
    from graph.stores.base import StoreError

    try:
        return _open(store_setting())
    except StoreError as exc:
        st.error(f"The graph store cannot be opened: {exc}")
        return None


def sidebar_store_status() -> None:
    store = get_store()
    if store is not None:
        st.sidebar.caption(f"Store: {store.describe()}")
