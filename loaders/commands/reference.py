"""`python -m loaders reference [--store URI]`: load the reference data (Limburg's
municipalities, regions and sub-regions, IN_REGION) alone; a no-op when the store already
holds the same reference data."""
from __future__ import annotations

import sys

from graph.stores.open import DEFAULT_STORE

HELP = "load the reference data (municipalities, regions) alone"


def configure(parser) -> None:
    parser.add_argument("--store", default=None,
                        help=f"store URI (default: $GRAPH_STORE, else {DEFAULT_STORE})")


def run(args) -> int:
    from graph.stores.base import StoreError
    from graph.stores.open import open_store
    from loaders.ingest import REFERENCE_ID, ensure_reference

    try:
        with open_store(args.store) as store:
            result = ensure_reference(store)
            where = store.describe()
    except StoreError as exc:
        print(f"python -m loaders reference: {exc}", file=sys.stderr)
        return 2
    if result.changed:
        print(f"{where}: reference data loaded ({REFERENCE_ID}; nodes +{result.nodes_added} "
              f"-{result.nodes_removed}, relationships +{result.rels_added} -{result.rels_removed})")
    else:
        print(f"{where}: reference data already loaded and unchanged ({REFERENCE_ID})")
    return 0
