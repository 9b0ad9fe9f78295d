"""The rule modules' shortcuts give what the plain computation gave (brute force over
inputs, old vs new): the action item id from a document slug worked out once, the
Context.rel memo of assertions already added, the per-sentence view behind subject_of."""
import random
from types import SimpleNamespace

from graph.contract import node_id, slug
from loaders.minutes.actions import action_item_id

PIECES = ["", "-", "--", " ", "a", "Z", "9", "'", "\u2019", "é", "ß", "İ", "_", "/", ".", ":", "verslag", "2023-04-12",
          "BO's", "Zuid- Limburg", "ﬁ", "\u212a", "x"]


def test_action_item_id_is_the_slug_of_the_document_slug_and_number():
    rnd = random.Random(7)
    ids = ["document:" + "".join(rnd.choice(PIECES) for _ in range(rnd.randint(0, 6))) for _ in range(3000)]
    ids += ["document:", "document:-", "document:'", "document::x", "document:ﬁ-1"]
    for doc_id in ids:
        ctx = SimpleNamespace(doc=SimpleNamespace(id=doc_id), action_base=None)
        for number in (1, 7, 12, 130):
            assert action_item_id(ctx, number) == node_id("ActionItem", f"{slug(doc_id.split(':', 1)[1])}-{number}"), doc_id


def _old_subject_of(sentence, mentions, before):
    """subject_of as it was before the per-sentence view (loaders/minutes/context.py)."""
    from graph.contract import PARTY
    from loaders.minutes.context import REPORTED_CLAUSE, in_pp, is_attribute
    text = sentence.text
    if not any(m.label in PARTY for m in mentions):
        return None
    starts = [m.end() for m in REPORTED_CLAUSE.finditer(text, 0, before)] if "dat" in text.lower() else None
    for start in ([starts[-1]] if starts else []) + [0]:
        prev = None
        for m in mentions:
            if m.start >= before:
                break
            if m.start >= start and m.label in PARTY and not in_pp(text, m) and not is_attribute(text, prev, m):
                return m
            prev = m
    return None


WORDS = ["in", "de", "het", "gemeente", "Venlo", "(", ")", "van", "bij", "meldt dat", "zegt dat", "Dat", "en", ",",
         "wethouder", "Beek", "LLTB", "vanuit", "regio", "samen", "met", "overleg", "X", "in de"]
LABELS = ["Person", "Organisation", "Municipality", "Region", "Body", "Project", "Programme"]


def test_subject_of_with_the_sentence_view_is_the_plain_scan():
    from loaders.minutes.context import sentence_view, subject_of
    from loaders.minutes.entities import Mention
    from loaders.minutes.relations import topic_subject
    from loaders.minutes.context import in_pp, is_party
    from loaders.minutes.structure import Sentence
    rnd = random.Random(11)
    for _ in range(4000):
        words = [rnd.choice(WORDS) for _ in range(rnd.randint(1, 14))]
        text, spans = "", []
        for w in words:
            start = len(text) + (1 if text else 0)
            text = (text + " " + w) if text else w
            spans.append((start, len(text)))
        ms = [Mention(a, b, text[a:b], rnd.choice(LABELS), text[a:b]) for a, b in sorted(rnd.sample(spans, rnd.randint(0, min(5, len(spans)))))]
        s = Sentence(text, 0, 0, "", None, "body")
        for before in sorted({0, len(text) + 1, *(rnd.randint(0, len(text) + 1) for _ in range(4))}, reverse=rnd.random() < .5):
            assert subject_of(s, ms, before) is _old_subject_of(s, ms, before), (text, before)
        first = next((m for m in ms if is_party(m)), None)
        old_topic = None if first is None else (_old_subject_of(s, ms, len(text) + 1) or (first if not in_pp(text, first) else None))
        assert topic_subject(s, ms) is old_topic
        assert sentence_view(s, ms) is sentence_view(s, ms)  # kept for the sentence being read


def test_context_rel_skipping_repeats_leaves_the_graph_as_adding_them_does():
    from graph.model import DocumentGraph
    from loaders.minutes.context import Context
    rnd = random.Random(3)
    calls = []
    for _ in range(400):
        rtype = rnd.choice(["CONTACT", "ALDERMAN_OF", "COLLABORATES_WITH", "MEMBER_OF", "CHAIR_OF"])
        props = {"CONTACT": lambda: {"kind": rnd.choice(["request", "meeting"]), "status": "held",
                                     "date": rnd.choice([None, "2023-04-12"])},
                 "MEMBER_OF": lambda: {"status": rnd.choice(["member", "candidate"])}}.get(rtype, dict)()
        calls.append((rtype, rnd.choice(["a", "b", "c"]), rnd.choice(["a", "b", "venlo", "sg"]), rnd.choice(["zin 1", "zin 2"]), props))
    exports = []
    for memo in (True, False):
        g = DocumentGraph()
        doc = g.add_node("Document", "verslag", id="document:x", kind="minutes")
        nodes = {"a": g.add_node("Person", "A"), "b": g.add_node("Person", "B"), "c": g.add_node("Organisation", "C"),
                 "venlo": g.add_node("Municipality", "Venlo"), "sg": g.add_node("Body", "Stuurgroep")}
        ctx = Context(g, doc, None, None, None)
        answers = []
        for rtype, a, b, evidence, props in calls:
            if not memo:
                ctx.added.clear()
            answers.append(ctx.rel(rtype, nodes[a], nodes[b], evidence, **props))
        exports.append((g.to_export(), answers))
    assert exports[0] == exports[1]
