"""The embedded store's writes keep the ingest process small (README, "Ingest benchmark").

- A batch of many rows goes in without pyarrow: building an Arrow table imports pyarrow
  and pandas, ~90 MB of the ingest process.
- Batch statements are not left in ladybug's statement cache, where each would keep the
  rows it last ran with.
"""
from __future__ import annotations

import os
import subprocess
import sys
import textwrap

from graph.model import DocumentGraph
from graph.stores.open import open_store

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def big_doc(i: int, people: int = 300) -> tuple[DocumentGraph, str]:
    g = DocumentGraph()
    d = g.add_node("Document", f"minutes-{i}", kind="minutes", path=f"/m/{i}.txt", sha256=str(i))
    for k in range(people):
        p = g.add_node("Person", f"Person {i} {k}")
        g.add_rel("MENTIONS", d, p, source=d.id, evidence=f"Person {i} {k}, 'quoted', \"twice\"")
    return g, d.id


def test_a_big_batch_is_written_without_pyarrow_or_pandas(tmp_path):
    code = textwrap.dedent(f"""
        import sys
        sys.path.insert(0, {ROOT!r})
        from tests.test_store_write_memory import big_doc
        from graph.stores.open import open_store
        with open_store("embedded:{tmp_path / 'g'}") as store:
            res = store.write_documents([big_doc(1), big_doc(2)])
            assert [r.rels_added for r in res] == [300, 300], res
        print(sorted(m for m in ("pyarrow", "pandas") if m in sys.modules))
    """)
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "[]"


def test_big_batches_round_trip_and_leave_no_cached_statements(tmp_path):
    with open_store(f"embedded:{tmp_path / 'g'}") as store:
        before = len(store._conn._pybind_implicit_prepared_cache)
        store.write_documents([big_doc(1), big_doc(2)])
        assert len(store._conn._pybind_implicit_prepared_cache) - before <= 6  # the lookups by id, not the writes
        G = store.read_graph()
        ev = {d.get("evidence") for _, _, d in G.edges(data=True)}
        assert "Person 2 299, 'quoted', \"twice\"" in ev
        assert store.counts()["types"]["MENTIONS"] == 600
        # the same documents again: nothing changes
        assert [r.changed for r in store.write_documents([big_doc(1), big_doc(2)])] == [False, False]
