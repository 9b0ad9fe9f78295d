"""relations.sentence_rules (one call per sentence, the cue groups looked up once) leaves
the graph as the seven rule calls people, contacts, collaboration, projects, membership,
documents and attendance in a row do: extract_minutes is run both ways over the samples
and generated minutes, and the exports compared.  Works whether extract_minutes's loop
calls the seven rules itself or sentence_rules."""
import json
from pathlib import Path

import pytest

import loaders.minutes as minutes
from benchmarks.corpus import generate_corpus
from loaders.minutes.documents import documents
from loaders.minutes.relations import (attendance, collaboration, contacts, membership, people, projects,
                                       sentence_rules)
from loaders.readers import read_document

SAMPLES = sorted(Path(__file__).resolve().parent.parent.joinpath("samples").glob("*.txt"))


def seven_in_a_row(ctx, s, ms, nxt, nxt_ms, meeting_id):
    """The seven rules one after another, as extract_minutes called them before sentence_rules."""
    people(ctx, s, ms)
    contacts(ctx, s, ms, nxt, nxt_ms)
    collaboration(ctx, s, ms)
    projects(ctx, s, ms)
    membership(ctx, s, ms)
    documents(ctx, s, ms)
    attendance(ctx, s, ms, meeting_id)


def _route(monkeypatch, rules):
    """extract_minutes's rule calls made through ``rules`` (sentence_rules' signature)."""
    if hasattr(minutes, "sentence_rules"):  # the loop calls sentence_rules
        monkeypatch.setattr(minutes, "sentence_rules", rules)
        return
    # the loop calls the seven rules: contacts keeps the next sentence, attendance (the
    # last of them) runs them all, the others do nothing
    nxt = {}

    def keep(ctx, s, ms, following, following_ms):
        nxt["args"] = (following, following_ms)

    def run(ctx, s, ms, meeting_id):
        rules(ctx, s, ms, *nxt.pop("args"), meeting_id)

    for name in ("people", "collaboration", "projects", "membership", "documents"):
        monkeypatch.setattr(minutes, name, lambda *a, **k: None)
    monkeypatch.setattr(minutes, "contacts", keep)
    monkeypatch.setattr(minutes, "attendance", run)


def _exports(docs):
    return [json.dumps(minutes.extract_minutes(d).to_export(), sort_keys=True, ensure_ascii=False) for d in docs]


@pytest.fixture(scope="module")
def docs(tmp_path_factory):
    paths = list(SAMPLES) + generate_corpus(tmp_path_factory.mktemp("corpus"), 40, seed=5)
    return [read_document(p) for p in paths]


def test_sentence_rules_is_the_seven_rules_in_a_row(docs):
    with pytest.MonkeyPatch.context() as mp:
        _route(mp, seven_in_a_row)
        plain = _exports(docs)
    with pytest.MonkeyPatch.context() as mp:
        _route(mp, sentence_rules)
        assert _exports(docs) == plain
