"""`python -m loaders remove PATH|DOCUMENT_ID [--store URI]`: remove one document's
assertions, its Document node and the nodes no other document mentions any more
(reference data stays).  Exit 1 when no such document is loaded."""
from __future__ import annotations

import sys

from graph.stores.open import DEFAULT_STORE

HELP = "remove one document's assertions from the store"


def configure(parser) -> None:
    parser.add_argument("target", metavar="PATH|DOCUMENT_ID",
                        help="the file that was ingested, or its document id (document:...)")
    parser.add_argument("--store", default=None,
                        help=f"store URI (default: $GRAPH_STORE, else {DEFAULT_STORE})")


def run(args) -> int:
    from graph.stores.base import StoreError
    from graph.stores.open import open_store
    from loaders.ingest import remove

    try:
        with open_store(args.store) as store:
            result = remove(store, args.target)
            where = store.describe()
    except StoreError as exc:
        print(f"python -m loaders remove: {exc}", file=sys.stderr)
        return 2
    except (LookupError, ValueError) as exc:
        print(f"python -m loaders remove: {exc}", file=sys.stderr)
        return 1
    print(f"{where}: removed {result.document_id} (nodes -{result.nodes_removed}, "
          f"relationships -{result.rels_removed})")
    return 0
