"""Ingest benchmark (figures, no assertions).

For each N (default 1,000 and 10,000) it generates N minutes-sized documents
(benchmarks/corpus.py), then runs `python -m loaders ingest DIR` end to end in a fresh
process into a new embedded store and reports:

- documents/s end to end (process start to exit) and the time of the whole run;
- its CPU time and the load average (on a shared machine wall time measures the
  neighbours too), and where the CPU goes: extraction alone (in this process, on a
  sample) against the rest (store writes);
- a second run over the same files (all unchanged: the sha256 skip);
- the store's size on disk and the ingest process's peak memory (max RSS);
- reading the whole store into networkx in a fresh process (open + read_graph), as the app
  does on start, with its peak memory.

Targets (issue 3): >= 20 documents/s, 10,000 documents in < 10 minutes, < 1 GB memory,
reading a 10,000-document store < 5 s.

    .venv/bin/python benchmarks/ingest.py                 # 1,000 and 10,000
    .venv/bin/python benchmarks/ingest.py --n 1000 --json
"""
from __future__ import annotations

import argparse
import json
import os
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from benchmarks.corpus import generate_corpus  # noqa: E402

TARGETS = {"docs_per_s": 20, "seconds_10k": 600, "peak_mb": 1024, "read_s_10k": 5}


def _child_ingest(docs: str, setting: str, out: str) -> None:
    """Runs in a fresh process: the CLI command, then this process's peak memory."""
    from loaders.cli import main

    code = main(["ingest", docs, "--store", setting, "--quiet"])
    use = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)  # the extraction process
    Path(out).write_text(json.dumps({"code": code, "peak_mb": use.ru_maxrss / 1024,  # KiB on Linux
                                     "worker_peak_mb": kids.ru_maxrss / 1024,
                                     "cpu_s": use.ru_utime + use.ru_stime + kids.ru_utime + kids.ru_stime}))


def _child_read(setting: str, out: str) -> None:
    from graph.stores.open import open_store

    t0 = time.perf_counter()
    with open_store(setting) as store:
        t_open = time.perf_counter() - t0
        G = store.read_graph()
    t_read = time.perf_counter() - t0
    use = resource.getrusage(resource.RUSAGE_SELF)
    Path(out).write_text(json.dumps({"open_s": t_open, "read_s": t_read, "nodes": G.number_of_nodes(),
                                     "edges": G.number_of_edges(), "peak_mb": use.ru_maxrss / 1024,
                                     "cpu_s": use.ru_utime + use.ru_stime}))


def _in_child(func: str, *args) -> tuple[dict, float]:
    fd, out = tempfile.mkstemp(suffix=".json")
    os.close(fd)
    code = (f"import sys; sys.path.insert(0, {str(ROOT)!r}); "
            f"from benchmarks.ingest import {func}; {func}(*{list(args) + [out]!r})")
    env = {k: v for k, v in os.environ.items() if k != "GRAPH_STORE"}
    t0 = time.perf_counter()
    subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, check=True)
    wall = time.perf_counter() - t0
    data = json.loads(Path(out).read_text())
    os.unlink(out)
    return data, wall


def _disk_mb(store_path: Path) -> float:
    total = 0
    for p in store_path.parent.iterdir():
        if p.name.startswith(store_path.name):
            total += p.stat().st_size if p.is_file() else sum(f.stat().st_size for f in p.rglob("*") if f.is_file())
    return total / 1e6


def _extraction_rate(paths, sample: int = 200) -> float:
    """Documents/s of extraction alone (no store), on a seeded sample, after a warm-up."""
    from loaders.pipeline import extract_path

    chosen = random.Random(0).sample(list(paths), min(sample, len(paths)))
    extract_path(chosen[0])
    t0 = time.perf_counter()
    for p in chosen:
        extract_path(p)
    return len(chosen) / (time.perf_counter() - t0)


def bench(n: int, workdir: Path, seed: int = 0, say=lambda line: None) -> dict:
    docs = workdir / f"docs-{n}"
    if not docs.exists() or len(list(docs.glob("*.txt"))) != n:
        shutil.rmtree(docs, ignore_errors=True)
        generate_corpus(docs, n, seed=seed)
    paths = sorted(docs.glob("*.txt"))
    store_path = workdir / f"graph-{n}"
    for p in workdir.glob(f"graph-{n}*"):
        shutil.rmtree(p) if p.is_dir() else p.unlink()
    setting = f"embedded:{store_path}"

    load_before = os.getloadavg()[0]
    say(f"{n:,} documents generated; ingesting ...")
    first, wall = _in_child("_child_ingest", str(docs), setting)
    load_after = os.getloadavg()[0]
    say(f"ingested in {wall:.1f} s ({n / wall:.1f} docs/s, {first['cpu_s']:.1f} s CPU, "
        f"peak {first['peak_mb']:.0f} MB); re-run, read and extraction sample follow")
    again, wall_again = _in_child("_child_ingest", str(docs), setting)
    read, read_wall = _in_child("_child_read", setting)
    c0 = time.process_time()
    extract_rate = _extraction_rate(paths)
    sample = min(200, n)
    extract_cpu_per_doc = (time.process_time() - c0) / (sample + 1)
    return {
        "documents": n,
        "corpus_mb": round(sum(p.stat().st_size for p in paths) / 1e6, 1),
        "ingest_s": round(wall, 1),
        "docs_per_s": round(n / wall, 1),
        "ingest_exit_code": first["code"],
        "ingest_cpu_s": round(first["cpu_s"], 1),
        "docs_per_cpu_s": round(n / first["cpu_s"], 1),
        "load_average": [round(load_before, 1), round(load_after, 1)],
        "extraction_only_docs_per_s": round(extract_rate, 1),
        "extraction_cpu_s": round(extract_cpu_per_doc * n, 1),
        "extraction_share_of_cpu": round(extract_cpu_per_doc * n / first["cpu_s"], 2),
        "store_and_rest_cpu_s": round(first["cpu_s"] - extract_cpu_per_doc * n, 1),
        "rerun_unchanged_s": round(wall_again, 1),
        "ingest_peak_mb": round(first["peak_mb"]),
        "extraction_worker_peak_mb": round(first["worker_peak_mb"]),
        "store_disk_mb": round(_disk_mb(store_path), 1),
        "graph_nodes": read["nodes"],
        "graph_relationships": read["edges"],
        "read_into_networkx_s": round(read["read_s"], 2),
        "read_open_s": round(read["open_s"], 2),
        "read_process_s": round(read_wall, 1),
        "read_peak_mb": round(read["peak_mb"]),
    }


def _print(r: dict) -> None:
    n = r["documents"]
    print(f"\n== {n:,} documents ({r['corpus_mb']} MB of minutes)")
    print(f"ingest end to end          {r['ingest_s']:>8} s   {r['docs_per_s']:>7} docs/s   (target >= {TARGETS['docs_per_s']})")
    print(f"  CPU time of the ingest   {r['ingest_cpu_s']:>8} s   {r['docs_per_cpu_s']:>7} docs per CPU-second "
          f"(load average {r['load_average'][0]} -> {r['load_average'][1]} on {os.cpu_count()} cores)")
    print(f"  extraction alone         {r['extraction_cpu_s']:>8} s CPU ({r['extraction_only_docs_per_s']} docs/s; "
          f"{r['extraction_share_of_cpu']:.0%} of the ingest's CPU); store writes and the rest "
          f"{r['store_and_rest_cpu_s']} s CPU")
    print(f"re-run, all unchanged      {r['rerun_unchanged_s']:>8} s")
    print(f"ingest peak memory         {r['ingest_peak_mb']:>8} MB   (target < {TARGETS['peak_mb']}; "
          f"the extraction process beside it: {r['extraction_worker_peak_mb']} MB)")
    print(f"store on disk              {r['store_disk_mb']:>8} MB")
    print(f"graph                      {r['graph_nodes']:>8,} nodes, {r['graph_relationships']:,} relationships")
    print(f"read into networkx         {r['read_into_networkx_s']:>8} s    (open {r['read_open_s']} s; "
          f"peak {r['read_peak_mb']} MB; target < {TARGETS['read_s_10k']} s at 10,000)")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description="Ingest benchmark: figures, no assertions.")
    parser.add_argument("--n", type=int, nargs="+", default=[1000, 10000], help="corpus sizes")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--workdir", help="keep corpora and stores here (default: a temporary directory)")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args(argv)
    tmp = None
    if args.workdir:
        workdir = Path(args.workdir)
        workdir.mkdir(parents=True, exist_ok=True)
    else:
        tmp = tempfile.mkdtemp(prefix="bench-ingest-")
        workdir = Path(tmp)
    try:
        results = []
        for n in args.n:
            r = bench(n, workdir, args.seed, say=(lambda line: None) if args.json else
                      (lambda line: print(f"[{time.strftime('%H:%M:%S')}] {line}", flush=True)))
            results.append(r)
            if not args.json:
                _print(r)
                sys.stdout.flush()
        if args.json:
            print(json.dumps(results, indent=1))
    finally:
        if tmp:
            shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
