"""Contact-round planner benchmark (figures, no assertions).

Generates N minutes-sized documents (benchmarks/corpus.py), extracts them with the real
extractor, merges them with the reference data into one networkx graph (the shape the
stores return) and times, as of the day after the seed meeting:

- ranking every municipality (first call: builds the per-graph index) and again;
- ranking every alderman;
- a 4-week plan with 3 visits a week (introduction paths for each proposed visit);
- warm introductions to one alderman;
- a visit brief (Markdown) and its PDF.

    .venv/bin/python benchmarks/plan.py                 # 50 and 200 documents
    .venv/bin/python benchmarks/plan.py --n 1000 --json
"""
from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from benchmarks.corpus import generate_corpus  # noqa: E402

TODAY = "2023-04-13"


def timed(fn):
    t0 = time.perf_counter()
    result = fn()
    return result, round(time.perf_counter() - t0, 3)


def measure(n: int, seed: int, workdir: Path) -> dict:
    from graph.briefs import brief_markdown, brief_pdf, visit_brief
    from graph.contact_rounds import rank
    from graph.introductions import introductions
    from graph.plan import make_plan
    from loaders.pipeline import extract_paths
    from loaders.reference import reference_graph

    paths = generate_corpus(workdir / f"corpus-{n}", n, seed=seed)
    (merged, errors), t_extract = timed(lambda: extract_paths(paths))
    merged.merge(reference_graph())
    g = merged.to_networkx()
    figures = {"documents": n, "unreadable": len(errors), "nodes": g.number_of_nodes(),
               "edges": g.number_of_edges(), "extract_s": t_extract}
    ranked, figures["rank_municipalities_first_s"] = timed(lambda: rank(g, TODAY))
    _, figures["rank_municipalities_again_s"] = timed(lambda: rank(g, TODAY))
    aldermen, figures["rank_aldermen_s"] = timed(lambda: rank(g, TODAY, kind="alderman"))
    _, figures["plan_4x3_s"] = timed(lambda: make_plan(g, TODAY, weeks=4, per_week=3))
    target = aldermen[0].id if aldermen else ranked[0].id
    _, figures["introductions_s"] = timed(lambda: introductions(g, target, today=TODAY))
    brief, figures["brief_s"] = timed(lambda: visit_brief(g, ranked[0].id, today=TODAY))
    _, figures["brief_markdown_s"] = timed(lambda: brief_markdown(brief))
    _, figures["brief_pdf_s"] = timed(lambda: brief_pdf(brief))
    figures["load_average"] = round(os.getloadavg()[0], 1)
    return figures


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description="Contact-round planner benchmark: figures, no assertions.")
    parser.add_argument("--n", type=int, nargs="+", default=[50, 200], help="corpus sizes")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args(argv)
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for n in args.n:
            rows.append(measure(n, args.seed, Path(tmp)))
            if not args.json:
                print("  ".join(f"{k}={v}" for k, v in rows[-1].items()), flush=True)
    if args.json:
        print(json.dumps(rows, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
