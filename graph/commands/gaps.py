"""`python -m graph gaps [--format table|csv|json] [--regions] [--store URI]`: regional
involvement gaps — one row for every Limburg municipality in the reference data, mentioned
or not, biggest gap first, with a gap score and the gaps in plain words; --regions prints
one row per region instead (share engaged, Taskforce attendance, representation per body).
json prints everything: municipalities, regions, the region x body matrix, the attendance
timeline."""
from __future__ import annotations

import json
import os
import sys

from graph.stores.open import DEFAULT_STORE

HELP = "regional involvement gaps per municipality and region"


def configure(parser) -> None:
    parser.add_argument("--format", choices=("table", "csv", "json"), default="table")
    parser.add_argument("--regions", action="store_true",
                        help="one row per region instead of per municipality (table, csv)")
    parser.add_argument("--store", default=None,
                        help=f"store URI (default: $GRAPH_STORE, else {DEFAULT_STORE})")


def run(args) -> int:
    from graph import gaps
    from graph.stores.base import StoreError
    from graph.stores.open import open_store
    from loaders.reference import municipalities

    setting = args.store or None  # None: open_store reads GRAPH_STORE, else the default
    try:
        with open_store(setting) as store:
            graph = store.read_graph()
    except StoreError as exc:
        print(f"python -m graph gaps: {exc}", file=sys.stderr)
        return 2
    result = gaps.report(graph, municipalities())
    if not result["documents"]:
        print("python -m graph gaps: no documents are loaded, so every municipality shows as never "
              "mentioned; load minutes with `python -m loaders ingest PATH`", file=sys.stderr)
    rows = result["regions"] if args.regions else result["municipalities"]
    if args.format == "json":
        text = json.dumps(result, ensure_ascii=False, indent=2) + "\n"
    elif args.format == "csv":
        text = gaps.csv_text(rows)
    else:
        text = gaps.text_table(rows, gaps.REGION_COLUMNS if args.regions else gaps.TABLE_COLUMNS) + "\n"
    try:
        sys.stdout.write(text)
        sys.stdout.flush()
    except BrokenPipeError:  # `... | head`: the reader has what it wanted
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    return 0
