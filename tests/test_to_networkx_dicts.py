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
