"""`python -m graph query "CYPHER" [--param name=value ...] [--format table|json|csv]
[--store URI] [--limit N] [--timeout S]` runs one read-only statement;
`python -m graph query --saved NAME [--param name=value ...]` runs a saved query (see
`python -m graph queries`), its parameters typed by the query's header.

Exit codes: 0 done; 1 the store or the statement failed (syntax error with its position,
time limit); 2 bad usage (unknown saved query, a parameter that does not fit); 3 the
read-only guard refused the statement (a write, several statements, file access ...),
and nothing was run.
"""
from __future__ import annotations

import sys

from graph.query_results import FORMATS
from graph.stores.open import DEFAULT_STORE

HELP = "run one read-only Cypher statement, or a saved query (--saved NAME)"
PROG = "python -m graph query"


def configure(parser) -> None:
    parser.add_argument("cypher", nargs="?", help="one read-only Cypher statement (quote it)")
    parser.add_argument("--saved", metavar="NAME", help="run the saved query NAME (queries/NAME.cypher)")
    parser.add_argument("--param", "-p", action="append", default=[], metavar="NAME=VALUE",
                        help="a parameter value; repeat for several. Saved queries type it by "
                             "their header (int, float, bool, date, string, list: a,b or JSON)")
    parser.add_argument("--format", choices=FORMATS, default="table")
    parser.add_argument("--store", default=None,
                        help=f"store URI (default: $GRAPH_STORE, else {DEFAULT_STORE})")
    parser.add_argument("--limit", type=int, default=1000, help="most rows returned (default 1000)")
    parser.add_argument("--timeout", type=float, default=10.0, help="time limit in seconds (default 10)")


def run(args) -> int:
    from graph.query_results import render
    from graph.saved_queries import ParamError, SavedQueryError, parse_assignments, prepare
    from graph.stores.base import QueryRefused, StoreError
    from graph.stores.open import open_store, parse_setting

    if args.limit < 1 or args.timeout <= 0:
        print(f"{PROG}: --limit must be at least 1 and --timeout above 0", file=sys.stderr)
        return 2
    try:
        given = parse_assignments(args.param)
        backend = parse_setting(args.store or _env_store())[0]
        text, params, _saved = prepare(cypher=args.cypher, saved=args.saved, given=given, backend=backend)
    except (ParamError, SavedQueryError) as exc:
        print(f"{PROG}: {exc}", file=sys.stderr)
        return 2
    except StoreError as exc:
        print(f"{PROG}: {exc}", file=sys.stderr)
        return 2
    try:
        with open_store(args.store) as store:
            result = store.query(text, params, limit=args.limit, timeout_s=args.timeout)
    except QueryRefused as exc:
        print(f"{PROG}: refused, nothing was run: {exc}", file=sys.stderr)
        _show_position(str(exc), text)
        return 3
    except StoreError as exc:
        print(f"{PROG}: {exc}", file=sys.stderr)
        _show_position(str(exc), text)
        return 1
    out = render(result, args.format)
    sys.stdout.write(out if out.endswith("\n") else out + "\n")
    if args.format != "table":  # table has the line already; keep stdout pure data
        from graph.query_results import footer

        print(footer(result), file=sys.stderr)
    return 0


def _show_position(message: str, text: str) -> None:
    """Point at the problem in the statement (line, column and a caret), when known."""
    from graph.query_results import error_position, point_at

    pos = error_position(message, text)
    if pos:
        print(f"at line {pos[0]}, column {pos[1]}:\n{point_at(text, *pos)}", file=sys.stderr)


def _env_store() -> str:
    import os

    return os.environ.get("GRAPH_STORE") or DEFAULT_STORE
