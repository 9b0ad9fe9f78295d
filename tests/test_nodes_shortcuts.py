"""The shortcuts in building a document's graph (DocumentGraph.add_rel's key written in
place, evidence returned as it is when clean, _node_for's per-document memo) must give
what the plain code gave.  The reference implementations below are the code before the
shortcuts."""
import hashlib
import itertools
import os
import random

import pytest

from graph.contract import REL_TYPES
from graph.model import DocumentGraph, Relationship, clean_evidence, rel_key
from loaders.document import SourceDocument
from loaders.minutes import extract_minutes
from loaders.minutes.resolution import Resolver

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def _old_rel_key(rtype, start, end, props):
    if REL_TYPES[rtype].symmetric and end < start:
        start, end = end, start
    distinct = tuple(sorted((k, tuple(v) if isinstance(v, list) else v) for k, v in props.items() if k != "evidence"))
    return hashlib.sha1(repr((rtype, start, end, distinct)).encode("utf-8")).hexdigest()[:16]


# whitespace of every kind, quotes and backslashes (repr escapes them), non-ASCII
PIECES = ["a", "Z", " ", "  ", "\t", "\n", "\xa0", "\u2003", "\x00", "'", '"', "\\", "é", "–", "\u200b", ""]


def test_clean_evidence_is_split_and_join():
    for n in range(4):
        for parts in itertools.product(PIECES, repeat=n):
            text = "".join(parts)
            assert clean_evidence(text) == " ".join(text.split())
    assert clean_evidence(12) == "12"


IDS = ["person:janssen", "person:jansen", "organisation:lltb", "municipality:venlo", "document:x",
       "person:o'brien", 'person:a"b', "person:back\\slash", "person:zoë", "region:noord-limburg",
       "meeting:stuurgroep-2023-10-03"]
PAIRS = [(t, a, b) for t, rt in REL_TYPES.items() for a, b in rt.pairs]


def test_add_rel_keys_and_props_as_before():
    rng = random.Random(7)
    prefix = {"Person": [i for i in IDS if i.startswith("person:")]}
    g = DocumentGraph()
    for _ in range(3000):
        rtype, a, b = rng.choice(PAIRS)
        s = rng.choice(prefix.get(a, [a.lower() + ":een"]) + [a.lower() + ":twee"])
        e = rng.choice(prefix.get(b, [b.lower() + ":een"]) + [b.lower() + ":drie"])
        props = {"source": rng.choice(["document:x", "document:o'brien", ["document:x", "document:y"], None]),
                 "evidence": rng.choice(["Zin  met\tspaties ", "Schone zin.", None, "Zin 'quote'."])}
        for extra in REL_TYPES[rtype].props:
            if rng.random() < 0.5:
                props[extra] = rng.choice(["2023-04-12", None, "planned", ["a", "b"], True])
        if rng.random() < 0.3:
            props.pop("source")
        given = dict(props)
        r = g.add_rel(rtype, s, e, **props)
        want = {k: v for k, v in given.items() if v is not None}
        if "evidence" in want:
            want["evidence"] = " ".join(str(want["evidence"]).split())
        key = _old_rel_key(rtype, s, e, want)
        assert g.rels[key] is r
        assert rel_key(rtype, s, e, want) == key == Relationship(rtype, s, e, want).key()
        assert {k: v for k, v in r.props.items() if k != "evidence"} == {k: v for k, v in want.items() if k != "evidence"}


def test_add_rel_still_refuses_what_the_contract_does_not_allow():
    g = DocumentGraph()
    with pytest.raises(ValueError):
        g.add_rel("ALDERMAN_OF", "person:a", "person:b", source="document:x", evidence="x")
    with pytest.raises(ValueError):
        g.add_rel("ALDERMAN_OF", "person:a", "municipality:b", source="document:x", evidence="x", kind="x")


class _NoMemo(dict):
    """Resolver.readings that never remembers: every mention resolved afresh."""

    def __setitem__(self, key, value):
        pass


@pytest.mark.parametrize("n", range(13))
def test_node_memo_changes_nothing(n, monkeypatch, tmp_path):
    """The seed and a dozen benchmark-corpus documents, alone and knowing other documents' names."""
    if n == 0:
        path = os.path.join(ROOT, "samples", "taskforce-2023-04-12.txt")
    else:
        from benchmarks.corpus import generate_corpus

        path = generate_corpus(tmp_path, 1, seed=5, start=n * 7)[0]
    text = open(path, encoding="utf-8").read()
    doc = SourceDocument(str(path), text, "0" * 64, "txt")
    known = {"Roger Holtus": ["person:roger-holtus"], "LLTB": "organisation:lltb", "Janssen": "person:piet-janssen"}
    with_memo = [extract_minutes(doc).to_export(), extract_minutes(doc, known).to_export()]
    init = Resolver.__init__

    def no_memo(self, *a, **k):
        init(self, *a, **k)
        self.readings = _NoMemo()

    monkeypatch.setattr(Resolver, "__init__", no_memo)
    assert [extract_minutes(doc).to_export(), extract_minutes(doc, known).to_export()] == with_memo
