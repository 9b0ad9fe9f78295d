"""Store benchmark (figures, no assertions): the embedded store alone, without extraction.

Writes N synthetic minutes-sized document graphs (about 40 nodes and 90 relationships
each, sharing municipalities, organisations and people the way real minutes do) with
write_document, then reports documents/s for new documents, for the same documents again
(unchanged: the fingerprint skip), for changed documents (every assertion replaced), the
time to read the whole store into networkx in a fresh process, counts(), a 2-hop
neighbourhood, the size on disk and the peak memory.

    .venv/bin/python benchmarks/store.py --n 1000
    .venv/bin/python benchmarks/store.py --n 10000
"""
from __future__ import annotations

import argparse
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from graph.model import DocumentGraph  # noqa: E402


def minutes_graph(i: int, version: int = 1, seed: int = 0) -> tuple[DocumentGraph, str]:
    rnd = random.Random(seed * 1_000_003 + i)
    g = DocumentGraph()
    doc = g.add_node("Document", f"minutes-{i}", kind="minutes", date=f"20{10 + i % 15}-{1 + i % 12:02d}-01",
                     path=f"/corpus/minutes-{i}.txt", sha256=f"{i}-{version}")
    meeting = g.add_node("Meeting", f"Taskforce {i}", date=f"20{10 + i % 15}-{1 + i % 12:02d}-01", location="Venlo")
    body = g.add_node("Body", f"Taskforce {i % 7}")
    src = {"source": doc.id}
    g.add_rel("MEETING_OF", meeting, body, evidence="Taskforce", **src)
    munis = [g.add_node("Municipality", f"Gemeente {rnd.randrange(31)}") for _ in range(8)]
    g.add_rel("HELD_IN", meeting, munis[0], evidence="in", **src)
    people = []
    for k in range(14):
        p = g.add_node("Person", f"Persoon {rnd.randrange(3000)}", title="wethouder", redacted=False,
                       aliases=[f"P{k}"])
        people.append(p)
        g.add_rel("ATTENDED", p, meeting, evidence=f"Aanwezig: persoon {k}", **src)
        g.add_rel("ALDERMAN_OF", p, rnd.choice(munis), evidence="wethouder", **src)
    orgs = [g.add_node("Organisation", f"Organisatie {rnd.randrange(200)}", kind="government") for _ in range(5)]
    for o in orgs:
        g.add_rel("ATTENDED", o, meeting, evidence="namens", **src)
    for k in range(6 + version):
        a, b = rnd.sample(people, 2)
        g.add_rel("CONTACT", a, b, evidence=f"afspraak {k} v{version}", kind="appointment", status="planned",
                  date="2023-04-24", **src)
    proj = g.add_node("Project", f"Project {rnd.randrange(40)}")
    for o in orgs[:3]:
        g.add_rel("PARTNER_IN", o, proj, evidence="partner", role="partner", **src)
    for k in range(4):
        ai = g.add_node("ActionItem", f"actie {i}-{k}", text=f"Actie {k} van vergadering {i}", status="open")
        g.add_rel("RAISED_IN", ai, meeting, evidence="Actiepunt", **src)
        g.add_rel("ASSIGNED_TO", ai, rnd.choice(people), evidence="Actiepunt", **src)
    for n in list(g.nodes.values()):
        if n.id != doc.id:
            g.add_rel("MENTIONS", doc, n, evidence="", **src)
    return g, doc.id


def _read_child(path: str) -> None:
    from graph.stores.open import open_store

    t0 = time.perf_counter()
    with open_store(f"embedded:{path}") as s:
        t1 = time.perf_counter()
        g = s.read_graph()
        t2 = time.perf_counter()
        s.counts()
        t3 = time.perf_counter()
        s.neighbourhood("municipality:gemeente-3", hops=2)
        t4 = time.perf_counter()
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"  fresh process: open {t1 - t0:.2f} s, read_graph {t2 - t1:.2f} s "
          f"({g.number_of_nodes():,} nodes, {g.number_of_edges():,} edges), counts {t3 - t2:.2f} s, "
          f"2-hop neighbourhood {t4 - t3:.2f} s, peak memory {peak:.0f} MB")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=1000)
    ap.add_argument("--changed", type=int, default=200, help="how many documents to rewrite changed")
    ap.add_argument("--batch", type=int, default=50, help="documents per write_documents transaction")
    ap.add_argument("--single", type=int, default=200, help="documents also written one by one (write_document)")
    ap.add_argument("--keep", help="write the store here (kept) instead of a temporary directory")
    ap.add_argument("--read-only", action="store_true", help="only time the reads of the --keep store")
    ap.add_argument("--read-child", help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.read_child:
        _read_child(args.read_child)
        return 0
    from graph.stores.open import open_store

    if args.read_only and args.keep:
        subprocess.run([sys.executable, __file__, "--read-child", os.path.join(args.keep, "graph")], check=True)
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        if args.keep:
            tmp = args.keep
            os.makedirs(tmp, exist_ok=True)
        path = os.path.join(tmp, "graph")
        graphs = [minutes_graph(i) for i in range(args.n)]
        nodes = sum(len(g.nodes) for g, _ in graphs) / args.n
        rels = sum(len(g.rels) for g, _ in graphs) / args.n
        print(f"{args.n:,} synthetic minutes, {nodes:.0f} nodes and {rels:.0f} relationships each")
        with open_store(f"embedded:{os.path.join(tmp, 'single')}") as store:
            t0 = time.perf_counter()
            for g, doc_id in graphs[: args.single]:
                store.write_document(g, doc_id)
            n_single = min(args.single, args.n)
            print(f"  one by one (write_document, one transaction each): "
                  f"{n_single / (time.perf_counter() - t0):.1f} docs/s over {n_single:,} documents")
        with open_store(f"embedded:{path}") as store:
            t0 = time.perf_counter()
            for k in range(0, args.n, args.batch):
                store.write_documents(graphs[k:k + args.batch])
                done = min(k + args.batch, args.n)
                if done % 1000 == 0:
                    el = time.perf_counter() - t0
                    print(f"  {done:,} written, {done / el:.1f} docs/s so far", flush=True)
            t_new = time.perf_counter() - t0
            t0 = time.perf_counter()
            store.write_documents(graphs[: min(1000, args.n)])
            t_same = (time.perf_counter() - t0) / min(1000, args.n)
            changed = [minutes_graph(i, version=2) for i in range(min(args.changed, args.n))]
            t0 = time.perf_counter()
            for k in range(0, len(changed), args.batch):
                store.write_documents(changed[k:k + args.batch])
            t_changed = (time.perf_counter() - t0) / max(1, len(changed))
            c = store.counts()
        size = sum(f.stat().st_size for f in Path(tmp).iterdir() if f.is_file() and "single" not in f.name) / 1e6
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"  new documents in batches of {args.batch}: {args.n / t_new:.1f} docs/s ({t_new:.1f} s)")
        print(f"  unchanged again: {1 / t_same:.0f} docs/s; changed: {1 / t_changed:.1f} docs/s")
        print(f"  store: {sum(c['labels'].values()):,} nodes, {sum(c['types'].values()):,} relationships, "
              f"{size:.0f} MB on disk; writer peak memory {peak:.0f} MB")
        subprocess.run([sys.executable, __file__, "--read-child", path], check=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
