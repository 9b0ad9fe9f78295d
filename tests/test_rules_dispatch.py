"""relations.sentence_rules (one call per sentence, the cue groups looked up once) leaves
the graph as the seven rule calls of extract_minutes's loop do: the loop is run both ways
over the samples and generated minutes, and the exports compared."""
import json
from pathlib import Path

import pytest

import loaders.minutes as minutes
from benchmarks.corpus import generate_corpus
from loaders.minutes.relations import sentence_rules
from loaders.readers import read_document

SAMPLES = sorted(Path(__file__).resolve().parent.parent.joinpath("samples").glob("*.txt"))


def _through_sentence_rules(monkeypatch):
    """extract_minutes's rule calls routed through sentence_rules: contacts keeps the next
    sentence, attendance (the last of the seven) runs them all, the others do nothing."""
    nxt = {}

    def contacts(ctx, s, ms, following, following_ms):
        nxt["args"] = (following, following_ms)

    def attendance(ctx, s, ms, meeting_id):
        sentence_rules(ctx, s, ms, *nxt.pop("args"), meeting_id)

    for name in ("people", "collaboration", "projects", "membership", "documents"):
        monkeypatch.setattr(minutes, name, lambda *a, **k: None)
    monkeypatch.setattr(minutes, "contacts", contacts)
    monkeypatch.setattr(minutes, "attendance", attendance)


def _exports(docs):
    return [json.dumps(minutes.extract_minutes(d).to_export(), sort_keys=True, ensure_ascii=False) for d in docs]


@pytest.fixture(scope="module")
def docs(tmp_path_factory):
    paths = list(SAMPLES) + generate_corpus(tmp_path_factory.mktemp("corpus"), 40, seed=5)
    return [read_document(p) for p in paths]


def test_sentence_rules_is_the_seven_rules_in_a_row(docs, monkeypatch):
    plain = _exports(docs)
    _through_sentence_rules(monkeypatch)
    assert _exports(docs) == plain
