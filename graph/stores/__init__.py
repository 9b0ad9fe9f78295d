"""Choosing and opening a store from one setting (see open_store)."""
from graph.stores.base import GraphStore, QueryRefused, QueryResult, StoreError, WriteResult

__all__ = ["GraphStore", "QueryRefused", "QueryResult", "StoreError", "WriteResult"]
