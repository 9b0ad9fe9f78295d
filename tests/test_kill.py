"""Crash safety, for real: `python -m loaders ingest` is killed with SIGKILL at seeded random
moments; after each kill the store must open, every document must be fully present or
fully absent (compared with the extraction of its file), and the next run completes the
rest, ending with the same graph as one uninterrupted run."""
from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from benchmarks.corpus import generate_corpus
from graph.export import graph_from_networkx
from graph.stores.open import open_store
from loaders.ingest import REFERENCE_ID, ingest_paths
from loaders.pipeline import extract_path

ROOT = Path(__file__).resolve().parent.parent
N_DOCUMENTS = 16
SEED = 20230412

pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL (POSIX)")


def _ingest_cmd(docs: Path, setting: str) -> list[str]:
    # --verbose: one stderr line per document, so a kill can be aimed at a batch's write;
    # --batch 2: many transactions of several documents each in a few documents
    return [sys.executable, "-m", "loaders", "ingest", str(docs), "--store", setting, "--quiet", "--verbose",
            "--batch", "2"]


def _env() -> dict:
    env = {k: v for k, v in os.environ.items() if k != "GRAPH_STORE"}
    env["PYTHONPATH"] = str(ROOT)
    return env


def _check_whole(setting: str, expected: dict[str, set]) -> set[str]:
    """Open the store (that it opens is part of the check) and return the documents present;
    fail if any document is there in part."""
    with open_store(setting) as store:
        G = store.read_graph()
        loaded = {d["id"] for d in store.documents()}
    by_source: dict[str, set] = {}
    for _u, _v, k, d in G.edges(keys=True, data=True):
        by_source.setdefault(d["source"], set()).add(k)
    present = set()
    for doc_id, keys in expected.items():
        have = by_source.get(doc_id, set())
        if doc_id in G:
            assert have == keys, f"{doc_id}: Document node present with {len(have)} of {len(keys)} assertions"
            assert doc_id in loaded, f"{doc_id}: written but not listed as loaded"
            present.add(doc_id)
        else:
            assert not have, f"{doc_id}: {len(have)} assertions without their Document node"
            assert doc_id not in loaded
    assert set(by_source) <= set(expected) | {REFERENCE_ID}
    if present:  # the reference data is loaded before the first document
        assert REFERENCE_ID in loaded
    return present


def _run_and_kill(cmd, rng: random.Random, *, after_written: int | None, seconds: float) -> bool:
    """Start cmd; kill it with SIGKILL `seconds` after its `after_written`-th "written" line
    (or after start, when None).  Returns True when it was killed, False when it finished."""
    proc = subprocess.Popen(cmd, cwd=ROOT, env=_env(), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                            text=True)
    if after_written is None:
        time.sleep(seconds)
    else:
        written = 0
        for line in proc.stderr:
            written += ": written (" in line
            if written >= after_written:
                time.sleep(seconds)
                break
    killed = proc.poll() is None
    if killed:
        os.kill(proc.pid, signal.SIGKILL)
    proc.communicate()
    if not killed:
        assert proc.returncode == 0
    return killed


def test_sigkill_at_random_moments_leaves_every_document_whole(tmp_path):
    docs = tmp_path / "docs"
    paths = generate_corpus(docs, N_DOCUMENTS, seed=SEED)
    expected = {f"document:{p.stem}": set(extract_path(p).rels) for p in paths}
    assert all(expected.values())

    # The graph to end with: one uninterrupted run (in this process).
    clean = f"embedded:{tmp_path / 'clean'}"
    with open_store(clean) as store:
        t0 = time.monotonic()
        assert ingest_paths(store, [docs], batch_size=2).ok
        per_document = (time.monotonic() - t0) / N_DOCUMENTS

    setting = f"embedded:{tmp_path / 'killed'}"
    cmd = _ingest_cmd(docs, setting)
    rng = random.Random(SEED)
    # First while the process starts, opens the new store, creates its schema and loads the
    # reference data; then each time a random while into the write of a random later document.
    killed = _run_and_kill(cmd, rng, after_written=None, seconds=rng.uniform(0.2, 1.5))
    present = _check_whole(setting, expected)
    partial = int(killed and 0 < len(present) < N_DOCUMENTS)
    for _ in range(3):
        remaining = N_DOCUMENTS - len(present)
        if remaining < 5:  # leave room for the kill to land before the last batch
            break
        k = rng.randint(1, 2)
        killed = _run_and_kill(cmd, rng, after_written=k, seconds=rng.uniform(0.0, per_document))
        before = len(present)
        present = _check_whole(setting, expected)
        assert len(present) >= before + k, "a committed document disappeared"
        partial += killed and 0 < len(present) < N_DOCUMENTS
        print(f"killed={killed} after {k} written + a moment: {len(present)} of {N_DOCUMENTS} present, whole")

    assert partial >= 2, "too few kills landed while documents were being written"
    done = subprocess.run(cmd, cwd=ROOT, env=_env(), capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert _check_whole(setting, expected) == set(expected)
    with open_store(setting) as store, open_store(clean) as reference:
        assert graph_from_networkx(store.read_graph()).to_export() == \
            graph_from_networkx(reference.read_graph()).to_export()
        assert store.counts() == reference.counts()
