"""`python -m graph export --format graphml|gexf|json|cypher [--store URI] [-o FILE]`: the
whole stored graph for Gephi (gexf, graphml), Cytoscape (graphml), Neo4j (a Cypher script of
MERGE statements) or any program (the contract's JSON export).  Prints to stdout unless
-o names a file; the file is written whole or not at all."""
from __future__ import annotations

import os
import sys
import tempfile

from graph.stores.open import DEFAULT_STORE

HELP = "export the graph (--format graphml|gexf|json|cypher)"


def configure(parser) -> None:
    parser.add_argument("--format", choices=("graphml", "gexf", "json", "cypher"), default="json")
    parser.add_argument("-o", "--output", metavar="FILE", help="write to FILE instead of stdout")
    parser.add_argument("--store", default=None,
                        help=f"store URI (default: $GRAPH_STORE, else {DEFAULT_STORE})")


def run(args) -> int:
    from graph.export import write_export
    from graph.stores.base import StoreError
    from graph.stores.open import open_store

    try:
        with open_store(args.store) as store:
            if not args.output:
                try:
                    write_export(store, args.format, sys.stdout)
                    sys.stdout.flush()
                except BrokenPipeError:  # `| head`: the reader has what it wanted
                    os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
                return 0
            target = os.path.abspath(args.output)
            # a temporary file beside the target, renamed at the end: no half-written export
            fd, tmp = tempfile.mkstemp(prefix=".export-", dir=os.path.dirname(target))
            try:
                with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as out:
                    counts = write_export(store, args.format, out)
                os.replace(tmp, target)
            finally:
                if os.path.exists(tmp):
                    os.unlink(tmp)
    except StoreError as exc:
        print(f"python -m graph export: {exc}", file=sys.stderr)
        return 2
    except OSError as exc:
        print(f"python -m graph export: {args.output}: {exc.strerror or exc}", file=sys.stderr)
        return 1
    print(f"{args.output}: {counts['nodes']} nodes, {counts['relationships']} relationships ({args.format})",
          file=sys.stderr)
    return 0
