"""How fast the minutes loader reads and extracts, on one core.  Prints figures, asserts
nothing (targets: >= 100 seed-sized documents/s, peak memory < 500 MB, first result for
one document including start-up < 2 s).

    .venv/bin/python benchmarks/extract.py [--n 1000] [--seed 0] [--runs 5] [--formats 100]

1. Throughput: --n minutes-sized documents made by recombining the seed's report units
   with other municipalities from the reference data and other surnames
   (benchmarks/corpus.py), written as .txt files, then read and extracted one by one
   through loaders.pipeline.extract_path (what `extract` and `ingest` call), and once
   more through loaders.minutes.extract_minutes alone (extraction without file I/O).
2. Peak memory: the process's peak resident set size (getrusage), which includes the
   interpreter and the corpus texts held in memory (the extractor does not use spaCy).
3. Time to first result: wall time of the subprocess
   `python -m loaders extract samples/taskforce-2023-04-12.txt --format json`, --runs
   times, with `python -c pass` as the floor, and the slowest imports from -X importtime.
4. Reading other formats: --formats PDF and DOCX files made from corpus texts, read by
   loaders.readers.read_document alone (0 to skip).
"""
from __future__ import annotations

import argparse
import os
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
SEED = "samples/taskforce-2023-04-12.txt"


def one_core() -> str:
    """Pin this process to one CPU, as the targets are stated for one core."""
    try:
        cpu = min(os.sched_getaffinity(0))
        os.sched_setaffinity(0, {cpu})
        return f"pinned to CPU {cpu}"
    except (AttributeError, OSError):
        return "not pinned (no sched_setaffinity here)"


def peak_rss_mb() -> float:
    kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # kilobytes on Linux
    return kb / 1024 if sys.platform != "darwin" else kb / (1024 * 1024)


def throughput(n: int, seed: int, tmp: Path) -> dict:
    from benchmarks.corpus import generate_corpus
    from loaders.document import DocumentError
    from loaders.pipeline import extract_path

    t0 = time.perf_counter()
    paths = generate_corpus(tmp / "txt", n, seed=seed)
    made = time.perf_counter() - t0
    size = sum(p.stat().st_size for p in paths)

    t0 = time.perf_counter()
    extract_path(paths[0])  # imports, reference data, rule compilation
    warm = time.perf_counter() - t0

    nodes = rels = failed = 0
    c0 = time.process_time()
    t0 = time.perf_counter()
    for p in paths:
        try:
            g = extract_path(p)
        except DocumentError:
            failed += 1
            continue
        nodes += len(g.nodes)
        rels += len(g.rels)
    elapsed = time.perf_counter() - t0
    cpu = time.process_time() - c0
    return {"paths": paths, "n": n, "bytes": size, "made": made, "warm": warm, "elapsed": elapsed, "cpu": cpu,
            "nodes": nodes, "rels": rels, "failed": failed}


def extraction_only(paths: list[Path]) -> float:
    from loaders.minutes import extract_minutes
    from loaders.readers import read_document

    docs = [read_document(p) for p in paths]
    c0, t0 = time.process_time(), time.perf_counter()
    for d in docs:
        extract_minutes(d)
    return time.perf_counter() - t0, time.process_time() - c0


def first_result(runs: int) -> dict:
    def wall(cmd):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        t0 = time.perf_counter()
        proc = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
        return time.perf_counter() - t0, cpu, proc

    times, cpus, floor = [], [], []
    rc = 0
    for _ in range(runs):
        t, cpu, proc = wall([sys.executable, "-m", "loaders", "extract", SEED, "--format", "json"])
        rc = rc or proc.returncode
        times.append(t)
        cpus.append(cpu)
        floor.append(wall([sys.executable, "-c", "pass"])[0])
    proc = subprocess.run([sys.executable, "-X", "importtime", "-m", "loaders", "extract", SEED, "--format", "json"],
                          cwd=ROOT, capture_output=True, text=True)
    imports = []
    for line in proc.stderr.splitlines():
        m = re.match(r"import time:\s+(\d+) \|\s+(\d+) \|(\s*)(\S+)", line)
        if m and len(m.group(3)) <= 3:  # top-level packages (and their first level)
            imports.append((int(m.group(2)) / 1e6, m.group(4)))
    imports.sort(reverse=True)
    return {"times": times, "cpus": cpus, "floor": floor, "rc": rc, "imports": imports[:10]}


def formats(paths: list[Path], count: int, tmp: Path) -> dict:
    """Read time per document for PDF and DOCX made from the corpus texts."""
    from docx import Document
    from fpdf import FPDF

    from loaders.readers import read_document

    out = {}
    texts = [p.read_text(encoding="utf-8") for p in paths[:count]]
    pdfs, docxs = [], []
    for i, text in enumerate(texts):
        lines = text.splitlines()
        pdf = FPDF()
        pdf.core_fonts_encoding = "windows-1252"
        pdf.set_font("helvetica", size=10)
        pdf.add_page()
        for line in lines:
            pdf.cell(0, 5, line.encode("cp1252", "replace").decode("cp1252"), new_x="LMARGIN", new_y="NEXT")
        p = tmp / f"doc{i:04d}.pdf"
        p.write_bytes(bytes(pdf.output()))
        pdfs.append(p)
        d = Document()
        for line in lines:
            d.add_paragraph(line)
        q = tmp / f"doc{i:04d}.docx"
        d.save(str(q))
        docxs.append(q)
    for kind, files in (("pdf", pdfs), ("docx", docxs), ("txt", paths[:count])):
        read_document(files[0])
        t0 = time.perf_counter()
        for f in files:
            read_document(f)
        out[kind] = (len(files), time.perf_counter() - t0, sum(f.stat().st_size for f in files))
        c0 = time.process_time()
        for f in files:
            read_document(f)
        out[kind] += (time.process_time() - c0,)
    return out


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=1000, help="documents in the throughput run (default 1000)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--runs", type=int, default=5, help="start-up runs for the time to first result")
    parser.add_argument("--formats", type=int, default=100, help="PDF and DOCX files to read (0: skip)")
    args = parser.parse_args(argv)

    pinned = one_core()
    load = " ".join(f"{x:.1f}" for x in os.getloadavg()) if hasattr(os, "getloadavg") else "?"
    print(f"benchmarks/extract.py  python {sys.version.split()[0]}  {pinned}  n={args.n} seed={args.seed}  "
          f"load average {load} on {os.cpu_count()} CPUs (wall figures suffer from other load; CPU figures less)")
    with tempfile.TemporaryDirectory(prefix="bench-extract-") as tmpdir:
        tmp = Path(tmpdir)
        r = throughput(args.n, args.seed, tmp)
        n, mb = r["n"], r["bytes"] / 1e6
        print(f"\ncorpus: {n} documents, {mb:.1f} MB, mean {r['bytes'] / n / 1e3:.1f} kB "
              f"(made in {r['made']:.1f} s)")
        print(f"warm-up (imports + first document): {r['warm']:.2f} s")
        print(f"({r['nodes'] / n:.0f} nodes and {r['rels'] / n:.0f} relationships per document; "
              f"{r['failed']} failed)")
        print("                                 per wall second            per CPU second")
        print(f"read + extract (extract_path):  {n / r['elapsed']:7.1f} docs/s {mb / r['elapsed']:5.2f} MB/s"
              f"   {n / r['cpu']:7.1f} docs/s {mb / r['cpu']:5.2f} MB/s   ({r['elapsed']:.1f} s wall, {r['cpu']:.1f} s CPU)")
        wall, cpu = extraction_only(r["paths"])
        print(f"extract only (extract_minutes): {n / wall:7.1f} docs/s {mb / wall:5.2f} MB/s"
              f"   {n / cpu:7.1f} docs/s {mb / cpu:5.2f} MB/s   ({wall:.1f} s wall, {cpu:.1f} s CPU)")
        print(f"peak memory (max RSS of this process): {peak_rss_mb():.0f} MB")
        if args.formats:
            for kind, (count, secs, size, cpu) in formats(r["paths"], args.formats, tmp).items():
                print(f"read_document .{kind:<4} {count / secs:8.1f} docs/s wall  {count / cpu:8.1f} docs/s CPU  "
                      f"({count} files, {size / count / 1e3:.1f} kB each)")

    f = first_result(args.runs)
    print(f"\ntime to first result: `python -m loaders extract {SEED} --format json`"
          + (f" (exit {f['rc']}!)" if f["rc"] else ""))
    print(f"  wall: median {statistics.median(f['times']):.2f} s, min {min(f['times']):.2f} s, "
          f"max {max(f['times']):.2f} s over {args.runs} runs; bare interpreter {statistics.median(f['floor']):.2f} s")
    print(f"  CPU (user+sys of the subprocess): median {statistics.median(f['cpus']):.2f} s")
    print("  slowest imports (cumulative, -X importtime):")
    for secs, name in f["imports"]:
        print(f"    {secs:6.3f} s  {name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
