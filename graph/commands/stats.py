"""`python -m graph stats [--store URI] [--format table|json]`: how many nodes per label and
relationships per type the store holds, and which documents are loaded."""
from __future__ import annotations

import json
import sys

from graph.stores.open import DEFAULT_STORE

HELP = "counts per label and relationship type, loaded documents"


def configure(parser) -> None:
    parser.add_argument("--format", choices=("table", "json"), default="table")
    parser.add_argument("--store", default=None,
                        help=f"store URI (default: $GRAPH_STORE, else {DEFAULT_STORE})")


def run(args) -> int:
    from graph.export import format_stats, store_stats
    from graph.stores.base import StoreError
    from graph.stores.open import open_store

    try:
        with open_store(args.store) as store:
            stats = store_stats(store)
    except StoreError as exc:
        print(f"python -m graph stats: {exc}", file=sys.stderr)
        return 2
    if args.format == "json":
        print(json.dumps(stats, ensure_ascii=False, indent=1))
    else:
        print(format_stats(stats))
    return 0
