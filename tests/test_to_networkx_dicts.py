"""The whole-graph read builds attribute dicts by shortcuts (a dict display for the common
shape, one shared dict per document for provenance-only relationships); they must give
the same dicts, in the same key order, as the plain column-wise construction."""
import random

import pytest

from graph.stores.schema import node_tables
from graph.stores.to_networkx import Relationships, _attribute_dicts, _column_dicts, _node_dicts


def _plain_rel_dicts(rels: Relationships) -> list[dict]:
    names = ["type"] + [c for c in rels.names if c != "key"]
    values = [[rels.type] * len(rels.starts)] + [v for c, v in zip(rels.names, rels.values) if c != "key"]
    return _column_dicts(names, values, optional_from=1)


def _column(rng, n, choices):
    return [rng.choice(choices) for _ in range(n)]


@pytest.mark.parametrize("names", [
    ["source", "evidence", "key"],
    ["source", "evidence", "kind", "status", "date", "key"],
    ["source", "evidence", "level", "key"],
    ["source", "key"],
    ["evidence", "source", "key"],
])
@pytest.mark.parametrize("nulls", [False, True])
def test_relationship_dicts_as_plain(names, nulls):
    rng = random.Random(len(names) * 2 + nulls)
    n = 200
    values = []
    for c in names:
        if c == "key":
            values.append([f"k{i}" for i in range(n)])
        else:
            pool = [f"{c} {i}" for i in range(7)] + ([None] if nulls or c not in ("source", "evidence") else [])
            values.append(_column(rng, n, pool))
    rels = Relationships("CONTACT", names, ["a"] * n, ["b"] * n, values)
    got, want = _attribute_dicts(rels), _plain_rel_dicts(rels)
    assert got == want
    assert [list(d) for d in got] == [list(d) for d in want]  # key order too


def test_node_dicts_as_plain():
    rng = random.Random(3)
    props = list(node_tables()["ActionItem"])
    n = 100
    cols = [[f"actionitem:{i}" for i in range(n)], _column(rng, n, ["Actie", None]),
            _column(rng, n, [None, [], ["x", "y"]])]
    cols += [_column(rng, n, [None, "open", "tekst"]) for _ in props[3:]]
    ids, got = _node_dicts("ActionItem", cols)
    aliases = [list(a) if a else [] for a in cols[2]]
    want = _column_dicts(["label", "name", "aliases"] + props[3:], [["ActionItem"] * n, cols[1], aliases] + cols[3:],
                         optional_from=3)
    assert ids == cols[0]
    assert got == want and [list(d) for d in got] == [list(d) for d in want]


def test_positions_read_from_the_arrow_buffers():
    import numpy as np
    import pyarrow as pa

    from graph.stores.to_networkx import _numbers

    whole = pa.array(list(range(10)), pa.int64())
    assert _numbers(whole).tolist() == list(range(10))
    assert _numbers(whole.slice(3, 4)).tolist() == [3, 4, 5, 6]  # a slice keeps its offset
    chunked = pa.chunked_array([whole.slice(0, 2), whole.slice(7, 3)])
    assert _numbers(chunked).tolist() == [0, 1, 7, 8, 9]
    assert _numbers(pa.chunked_array([], pa.int64())).tolist() == []
    assert _numbers(pa.chunked_array([], pa.int64())).dtype == np.int64
    with pytest.raises(ValueError, match="NULL"):
        _numbers(pa.array([1, None], pa.int64()))


def test_the_whole_graph_read_does_not_import_pandas(tmp_path):
    """pyarrow's to_numpy() and compute functions import pandas on first use: 0.4 s of
    the app's read of a large store, in a process that has not imported it yet."""
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent
    code = (
        "import sys\n"
        "from graph.stores.open import open_store\n"
        "from loaders.ingest import ingest_paths\n"
        f"store = open_store('embedded:{tmp_path / 'g'}')\n"
        f"ingest_paths(store, [{str(root / 'samples' / 'taskforce-2023-04-12.txt')!r}])\n"
        "assert 'pandas' not in sys.modules\n"
        "g = store.read_graph(mention_evidence=False, mention_index=True)\n"
        "assert g.number_of_edges() > 0\n"
        "print('pandas' in sys.modules)\n")
    out = subprocess.run([sys.executable, "-c", code], cwd=root, capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "False"


@pytest.mark.parametrize("names", [["source", "evidence", "key"], ["source", "evidence", "level", "key"], ["source", "key"]])
def test_null_flags_from_the_reader_give_the_same_dicts(names):
    """graph_from_arrow passes which columns hold NULLs (Arrow counts them); without the
    flags each column is scanned.  Both must choose the same construction."""
    rng = random.Random(len(names))
    n = 50
    values = [[f"k{i}" for i in range(n)] if c == "key" else _column(rng, n, [f"{c} 1", f"{c} 2", None])
              for c in names]
    flags = [None in v for v in values]
    scanned = Relationships("ENGAGEMENT", names, ["a"] * n, ["b"] * n, values)
    flagged = Relationships("ENGAGEMENT", names, ["a"] * n, ["b"] * n, values, flags)
    got, want = _attribute_dicts(flagged), _attribute_dicts(scanned)
    assert got == want and [list(d) for d in got] == [list(d) for d in want]


@pytest.mark.parametrize("with_null", [False, True])
def test_adjacency_shortcut_builds_what_the_general_path_does(with_null):
    """Relationships of the commonest shape (source, evidence, key; no NULL) get their dicts
    made inside the adjacency loop when every end is known to be read; the result must be
    the general path's, parallel edges and key order included."""
    from graph.stores.to_networkx import build_graph

    rng = random.Random(7 + with_null)
    ids = [f"person:{i}" for i in range(6)]
    node_columns = {"Person": [ids, ids, [None] * 6] + [[None] * 6 for _ in list(node_tables()["Person"])[3:]]}
    n = 80
    starts, ends = _column(rng, n, ids), _column(rng, n, ids)
    evidence = _column(rng, n, ["zin een", "zin twee"] + ([None] if with_null else []))
    rels = Relationships("COLLABORATES_WITH", ["source", "evidence", "key"], starts, ends,
                         [_column(rng, n, ["document:a", "document:b"]), evidence, [f"k{i}" for i in range(n)]])
    fast = build_graph(node_columns, [rels], ends_read=True)
    general = build_graph(node_columns, [rels], ends_read=False)
    assert list(fast.edges(keys=True, data=True)) == list(general.edges(keys=True, data=True))
    assert fast._pred == general._pred
    assert all(list(fast._succ[u][v]) == list(general._succ[u][v]) for u in fast._succ for v in fast._succ[u])
