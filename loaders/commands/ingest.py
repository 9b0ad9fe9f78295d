"""`python -m loaders ingest PATH... [--store URI]`: read minutes and contact logs into the
store, a batch of documents per transaction, with a progress bar on stderr and a summary at
the end.
Exit 0 when every document was written or unchanged, 1 when any failed (each failure is one
line: the file and the reason), 2 when the store cannot be opened."""
from __future__ import annotations

import json
import sys

from graph.stores.open import DEFAULT_STORE

HELP = "read documents or a contacts CSV into the store"


def configure(parser) -> None:
    parser.add_argument("paths", nargs="+", metavar="PATH",
                        help="files (.txt, .pdf, .docx minutes; .csv contact log) or directories of them")
    parser.add_argument("--store", default=None,
                        help=f"store URI (default: $GRAPH_STORE, else {DEFAULT_STORE})")
    parser.add_argument("--batch", type=int, default=None, metavar="N",
                        help="documents per store transaction (default 50): larger is faster; "
                             "an interrupted run loses at most one batch, which the next run writes")
    parser.add_argument("--json", action="store_true", help="print the report as JSON instead of a summary")
    parser.add_argument("--quiet", action="store_true", help="no progress bar")
    parser.add_argument("-v", "--verbose", action="store_true",
                        help="one line per document on stderr as it is done (written, unchanged or failed)")


def run(args) -> int:
    from tqdm import tqdm

    from graph.stores.base import StoreError
    from graph.stores.open import open_store
    from loaders.ingest import BATCH_SIZE, ingest_paths

    bar = tqdm(total=0, unit="doc", desc="ingest", file=sys.stderr, disable=True if args.quiet else None,
               dynamic_ncols=True)
    totals = {"nodes": 0, "rels": 0}

    def progress(outcome, done, total):
        if bar.total != total:
            bar.total = total
            bar.refresh()
        if outcome is None:
            return
        if outcome.status == "failed" or args.verbose:  # one line each, as it happens, above the bar
            if bar.disable:
                print(outcome.line(), file=sys.stderr, flush=True)
            else:
                bar.write(outcome.line(), file=sys.stderr)
        totals["nodes"] += outcome.nodes_added
        totals["rels"] += outcome.rels_added
        bar.set_postfix(nodes=totals["nodes"], relationships=totals["rels"], refresh=False)
        bar.update(1)

    try:
        with open_store(args.store) as store:
            report = ingest_paths(store, args.paths, progress=progress, batch_size=args.batch or BATCH_SIZE)
            where = store.describe()
    except StoreError as exc:
        bar.close()
        print(f"python -m loaders ingest: {exc}", file=sys.stderr)
        return 2
    bar.close()
    if args.json:
        print(json.dumps(report.to_dict(), ensure_ascii=False, indent=1))
    else:
        print(f"{where}: {report.summary()}")
    return 0 if report.ok else 1
