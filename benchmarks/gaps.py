"""How long the gaps report takes as the minutes pile up.  Prints figures, asserts nothing.

    .venv/bin/python benchmarks/gaps.py [--n 50 200] [--seed 0]

For each N: N minutes-sized documents (benchmarks/corpus.py: the seed's report units
recombined with other municipalities and surnames), extracted and merged with the
reference graph into one networkx MultiDiGraph (the shape the stores return), then
graph.gaps.report() timed on a fresh graph (cold: builds its index) and again on the same
graph (warm), with the peak Python memory of the cold run (tracemalloc).  The Gaps page
caches the report per store version, so the cold figure is what a user waits for after an
ingest.
"""
from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, nargs="+", default=[50, 200], help="corpus sizes (documents)")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)

    from benchmarks.corpus import generate_corpus
    from graph import gaps
    from loaders.pipeline import extract_path
    from loaders.reference import municipalities, reference_graph

    reference = municipalities()
    print(f"load average {os.getloadavg()[0]:.1f} (shared machine: figures are upper bounds)")
    with tempfile.TemporaryDirectory() as tmp:
        paths = generate_corpus(tmp, max(args.n), seed=args.seed)
        for n in sorted(args.n):
            graph = reference_graph()
            t0 = time.perf_counter()
            for path in paths[:n]:
                graph.merge(extract_path(path))
            extract_s = time.perf_counter() - t0
            G = graph.to_networkx()
            tracemalloc.start()
            t0 = time.perf_counter()
            result = gaps.report(G, reference)
            cold = time.perf_counter() - t0
            peak = tracemalloc.get_traced_memory()[1] / 2**20
            tracemalloc.stop()
            t0 = time.perf_counter()
            gaps.report(G, reference)
            warm = time.perf_counter() - t0
            never = sum(1 for r in result["municipalities"] if not r["documents"])
            print(f"{n:5d} documents ({G.number_of_nodes()} nodes, {G.number_of_edges()} relationships; "
                  f"extracted in {extract_s:.1f} s): report {cold:.2f} s cold, {warm:.2f} s warm, "
                  f"peak {peak:.0f} MB; {never} municipalities never mentioned")
    return 0


if __name__ == "__main__":
    sys.exit(main())
