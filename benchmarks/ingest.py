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
  does on start (MENTIONS beside the graph, without sentences) and whole, with peak memory and the
  garbage collection the read leaves for later.  The libraries the app's pages import
  before they read (pandas, networkx; with them numpy and pyarrow) are imported first
  and timed apart, as the app does not wait for them at the read.

Targets (issue 3): >= 20 documents/s, 10,000 documents in < 10 minutes, < 1 GB memory,
reading a 10,000-document store < 5 s.

    .venv/bin/python benchmarks/ingest.py                 # 1,000 and 10,000
    .venv/bin/python benchmarks/ingest.py --n 1000 --json
    .venv/bin/python benchmarks/ingest.py --read data/graph     # only read an existing store
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


def _child_peaks(peaks: dict, stop) -> None:
    """Until `stop` is set: the peak resident memory (VmHWM, KiB) of each child process of
    this one, by pid.  The extraction process's own figure: ru_maxrss of RUSAGE_CHILDREN
    also counts the ingest process's memory a new process maps between fork and exec."""
    me = os.getpid()
    while not stop.wait(0.5):
        kids = set()
        for task in Path(f"/proc/{me}/task").glob("*"):
            try:
                kids.update((task / "children").read_text().split())
            except OSError:
                pass
        for pid in kids:
            try:
                status = Path(f"/proc/{pid}/status").read_text()
            except OSError:
                continue
            for line in status.splitlines():
                if line.startswith("VmHWM:"):
                    peaks[pid] = max(peaks.get(pid, 0), int(line.split()[1]))


def _child_ingest(docs: str, setting: str, out: str) -> None:
    """Runs in a fresh process: the CLI command, then this process's peak memory and its
    extraction process's."""
    import threading

    from loaders.cli import main

    peaks: dict = {}
    stop = threading.Event()
    watcher = threading.Thread(target=_child_peaks, args=(peaks, stop), daemon=True)
    watcher.start()
    code = main(["ingest", docs, "--store", setting, "--quiet"])
    stop.set()
    watcher.join()
    use = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)  # the extraction process
    Path(out).write_text(json.dumps({"code": code, "peak_mb": use.ru_maxrss / 1024,  # KiB on Linux
                                     "worker_peak_mb": max(peaks.values(), default=0) / 1024,
                                     "cpu_s": use.ru_utime + use.ru_stime + kids.ru_utime + kids.ru_stime}))


def _child_read(setting: str, mode: str, out: str) -> None:
    """Open the store and read it whole, in a fresh process: mode "app" as the app does on
    start (MENTIONS in a MentionIndex, without their sentences), "full" with every sentence.  The garbage
    collector is paused while the graph is built; the full collection it owes afterwards
    is timed too (the app pays it once, later)."""
    import gc

    # The libraries the app's pages import before they ask for the graph (overview.py:
    # pandas, graph.views): in the app the read does not pay for them.  Timed apart.
    t0 = time.perf_counter()
    import networkx  # noqa: F401
    import pandas  # noqa: F401  (and with it numpy and pyarrow)
    t_imports = time.perf_counter() - t0

    from graph.stores.open import open_store

    t0 = time.perf_counter()
    with open_store(setting) as store:
        t_open = time.perf_counter() - t0
        G = store.read_graph(mention_evidence=(mode == "full"), mention_index=(mode == "app"))
    t_read = time.perf_counter() - t0
    t1 = time.perf_counter()
    gc.collect()
    t_gc = time.perf_counter() - t1
    use = resource.getrusage(resource.RUSAGE_SELF)
    Path(out).write_text(json.dumps({"imports_s": t_imports, "open_s": t_open, "read_s": t_read, "gc_after_s": t_gc,
                                     "nodes": G.number_of_nodes(), "edges": G.number_of_edges(),
                                     "peak_mb": use.ru_maxrss / 1024, "cpu_s": use.ru_utime + use.ru_stime}))


def read_figures(setting: str) -> dict:
    """Both reads of one store (app and full), each in a fresh process."""
    out = {}
    for mode in ("app", "full"):
        r, wall = _in_child("_child_read", setting, mode)
        out[mode] = {"read_s": round(r["read_s"], 2), "open_s": round(r["open_s"], 2),
                     "imports_s": round(r["imports_s"], 2),
                     "gc_after_s": round(r["gc_after_s"], 2), "cpu_s": round(r["cpu_s"], 1),
                     "peak_mb": round(r["peak_mb"]), "process_s": round(wall, 1),
                     "nodes": r["nodes"], "edges": r["edges"]}
    return out


def _print_read(read: dict) -> None:
    for mode, what in (("app", "as the app reads it (MENTIONS in an index, no sentences)"), ("full", "whole, every sentence")):
        r = read[mode]
        print(f"read into networkx, {mode:<4}   {r['read_s']:>8} s    {what}: open {r['open_s']} s "
              f"(before it: imports the app has made, {r['imports_s']} s), "
              f"{r['cpu_s']} s CPU, peak {r['peak_mb']} MB, a full garbage collection afterwards "
              f"{r['gc_after_s']} s (target < {TARGETS['read_s_10k']} s at 10,000)")


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
    read = read_figures(setting)
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
        "graph_nodes": read["full"]["nodes"],
        "graph_relationships": read["full"]["edges"],
        "read": read,
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
    _print_read(r["read"])


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description="Ingest benchmark: figures, no assertions.")
    parser.add_argument("--n", type=int, nargs="+", default=[1000, 10000], help="corpus sizes")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--workdir", help="keep corpora and stores here (default: a temporary directory)")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument("--read", metavar="STORE", help="only read this existing store (a GRAPH_STORE setting "
                        "or an embedded store's path), as the app does and whole")
    args = parser.parse_args(argv)
    if args.read:
        setting = args.read if ":" in args.read else f"embedded:{args.read}"
        read = read_figures(setting)
        if args.json:
            print(json.dumps(read, indent=1))
        else:
            print(f"{setting}: {read['full']['nodes']:,} nodes, {read['full']['edges']:,} relationships "
                  f"(load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores)")
            _print_read(read)
        return 0
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
