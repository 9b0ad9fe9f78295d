"""extract_minutes calls a relationship rule only when the sentence holds one of its cue
groups or the entity it starts from (loaders.minutes._relationships).  A rule it does not
call must be one that would have done nothing: run every rule on every sentence, as the
loop did before, and check that each call the dispatch leaves out touches neither the
graph nor the extraction state, and that both ways give the same export."""
from pathlib import Path

import pytest

import loaders.minutes as minutes
from loaders.minutes.context import Context
from loaders.readers import read_document

RULES = ("people", "contacts", "collaboration", "projects", "membership", "documents", "attendance")
SAMPLES = sorted(Path(__file__).resolve().parent.parent.joinpath("samples").glob("*.txt"))


def _every_rule(ctx, s, ms, labels, nxt, nxt_ms, recent):
    """The loop before the dispatch: every rule on every sentence with mentions."""
    minutes.people(ctx, s, ms)
    minutes.contacts(ctx, s, ms, nxt, nxt_ms)
    minutes.collaboration(ctx, s, ms)
    minutes.projects(ctx, s, ms)
    minutes.membership(ctx, s, ms)
    minutes.documents(ctx, s, ms)
    minutes.attendance(ctx, s, ms, recent)


def _state(ctx: Context) -> tuple:
    """What a rule can change: the graph's contents and the context's memory."""
    g = ctx.graph
    return (len(g.nodes), len(g.rels), sum(len(n.aliases) + len(n.props) for n in g.nodes.values()),
            len(ctx.added), len(ctx.mentioned), ctx.last_project, ctx.previous_subject, ctx.last_meeting)


@pytest.fixture
def documents(tmp_path):
    """The samples and minutes recombined from the seed's units (benchmarks/corpus.py)."""
    from benchmarks.corpus import generate_corpus

    return [read_document(p) for p in SAMPLES + generate_corpus(tmp_path, 40, seed=3)]


def test_rules_left_out_would_have_done_nothing(documents, monkeypatch):
    calls = []  # (rule, sentence text, whether the call changed anything)
    for name in RULES:
        rule = getattr(minutes, name)

        def recording(ctx, s, *args, _rule=rule, _name=name):
            before = _state(ctx)
            out = _rule(ctx, s, *args)
            calls.append((_name, s.index, s.text, _state(ctx) != before))
            return out

        monkeypatch.setattr(minutes, name, recording)
    dispatched, everything = [], []
    for doc in documents:
        calls.clear()
        with monkeypatch.context() as m:
            m.setattr(minutes, "_relationships", _every_rule)
            all_export = minutes.extract_minutes(doc).to_export()
        every = list(calls)
        calls.clear()
        export = minutes.extract_minutes(doc).to_export()
        made = {c[:3] for c in calls}
        assert export == all_export, doc.name
        left_out = [c for c in every if c[:3] not in made]
        assert not [c for c in left_out if c[3]], doc.name
        dispatched += calls
        everything += every
    assert len(dispatched) < len(everything) / 2  # the dispatch leaves most calls out
