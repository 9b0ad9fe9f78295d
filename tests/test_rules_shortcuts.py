"""The rule modules' shortcuts give what the plain computation gave (brute force over
inputs, old vs new): the action item id from a document slug worked out once, the
Context.rel memo of assertions already added, subject_of's inlined tests."""
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


def test_subject_of_is_the_plain_scan():
    from loaders.minutes.context import subject_of
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
        if ms and rnd.random() < .2:  # overlapping mentions: the gap between them runs backwards
            a = rnd.randint(0, ms[-1].end)
            ms.append(Mention(a, a + rnd.randint(0, 3), "x", rnd.choice(LABELS), "x"))
        s = Sentence(text, 0, 0, "", None, "body")
        for before in sorted({0, len(text) + 1, *(rnd.randint(0, len(text) + 1) for _ in range(4))}, reverse=rnd.random() < .5):
            assert subject_of(s, ms, before) is _old_subject_of(s, ms, before), (text, before)
        first = next((m for m in ms if is_party(m)), None)
        old_topic = None if first is None else (_old_subject_of(s, ms, len(text) + 1) or (first if not in_pp(text, first) else None))
        assert topic_subject(s, ms) is old_topic


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


DATE_PIECES = ["in", "In", "IN", "de", "De", "maand", "Maand", "juli", "JULI", "mei", "maart", "mar", "jan", "Janssen",
               "eind", "einde", "medio", "halverwege", "vanaf", "tot", "na", "voor", "per", "2023", "12", "'23", "sept",
               "september", "okt", "oct", "dec.", "innovatie", "markt", " ", "  ", "\u00a0", "\t", ",", ".", "-", "(", ")",
               "é", "2", "_", "ı", "ſ", "İ", "\u212a", "K", "augustus", "aug", "begin", "half", "Medio", "vrijdag", "vr."]


def _random_texts(n, seed):
    rnd = random.Random(seed)
    for _ in range(n):
        yield "".join(rnd.choice(DATE_PIECES) + rnd.choice(["", " ", " ", "  "]) for _ in range(rnd.randint(0, 10)))


def test_month_words_are_the_month_names_among_the_words():
    from loaders.dates import _MONTH_NAMES, _WORD, _month_words
    for text in _random_texts(20000, 5):
        low = text.lower()
        assert bool(_month_words(low)) == (not _MONTH_NAMES.isdisjoint(_WORD.findall(low))), text
        assert _month_words(low) == [m.start() for m in _WORD.finditer(low) if m.group(0) in _MONTH_NAMES], text


def test_month_only_anchored_at_month_names_is_finditer():
    from loaders.dates import MONTH_ONLY, _month_only_matches, _month_words
    for text in _random_texts(20000, 6):
        low = text.lower()
        months = _month_words(low)
        if months:  # without a month name read_dates does not look
            assert [m.span() for m in _month_only_matches(text, low, months)] == \
                [m.span() for m in MONTH_ONLY.finditer(text)], text


# read_dates as it was before the month names were looked for once (loaders/dates.py)
from loaders.dates import (ISO, MONTH_ONLY, MONTHS, NUMERIC, DateMention, _DIGIT_RUN, _MONTH_NAMES, _MONTH_STEMS,  # noqa: E402
                           _WORD, _at_runs, _ref, _textual_matches, _valid, _year_for)


def _has_stem(low: str) -> bool:
    return any(stem in low for stem in _MONTH_STEMS)


def _old_read_dates(text: str, ref=None) -> list[DateMention]:
    """Every date in the text, in order, resolved against the reference date ``ref``
    (the meeting's date; ISO string or datetime.date).  Dates without a year and no
    reference are skipped: a guessed year is worse than none.

    """
    r = _ref(ref)
    found: list[DateMention] = []
    taken: list[tuple[int, int]] = []

    def free(a, b):
        return all(b <= s or a >= e for s, e in taken)

    def add(m, iso, precision):
        found.append(DateMention(m.start(), m.end(), iso, precision, m.group(0)))
        taken.append((m.start(), m.end()))

    low = text.lower()
    has_month = _has_stem(low) and not _MONTH_NAMES.isdisjoint(_WORD.findall(low))
    runs = [m.start() for m in _DIGIT_RUN.finditer(text)]  # where the runs of digits start
    has_digit = bool(runs)
    if not has_digit and not has_month:
        return found  # most sentences: no digit, no month

    for m in (_at_runs(ISO, text, runs) if has_digit else ()):
        y, mo, d = int(m.group(1)), int(m.group(2)), int(m.group(3))
        if _valid(y, mo, d):
            add(m, f"{y:04d}-{mo:02d}-{d:02d}", "day")
    for m in (_at_runs(NUMERIC, text, runs) if has_digit else ()):
        if not free(m.start(), m.end()):
            continue
        d, mo, y = int(m.group(1)), int(m.group(3)), m.group(4)
        y = int(y) + (2000 if len(y) == 2 else 0)
        if _valid(y, mo, d):
            add(m, f"{y:04d}-{mo:02d}-{d:02d}", "day")
    for m in (_textual_matches(text, runs) if has_month and has_digit else ()):
        if not free(m.start(), m.end()):
            continue
        d, mo = int(m.group(1)), MONTHS[m.group(2).lower()]
        if m.group(2).lower() in ("mar", "jun", "jul", "dec", "nov", "sep", "apr", "aug") and not m.group(3):
            continue  # bare abbreviations without a year are too easily words
        y = m.group(3)
        if y:
            y = y.lstrip("'")
            y = int(y) + (2000 if len(y) == 2 else 0)
        else:
            y = _year_for(mo, d, r)
        if y and _valid(y, mo, d):
            add(m, f"{y:04d}-{mo:02d}-{d:02d}", "day")
    for m in (MONTH_ONLY.finditer(text) if has_month else ()):
        if not free(m.start(2), m.end()):
            continue
        mname = m.group(2).lower()
        if len(mname) <= 3 and mname not in ("mei",):
            continue
        mo = MONTHS[mname]
        y = int(m.group(3)) if m.group(3) else _year_for(mo, 15, r)
        if y:
            found.append(DateMention(m.start(2), m.end(), f"{y:04d}-{mo:02d}", "month", m.group(0)[m.start(2) - m.start():]))
            taken.append((m.start(2), m.end()))
    found.sort(key=lambda d: d.start)
    return found


def test_read_dates_is_what_it_was():
    from loaders.dates import read_dates
    texts = list(_random_texts(20000, 8)) + ["d.d. 15 maart 2023; eind juni", "op 24 april 2023 en 20 april, in juli",
                                             "Op woensdag 12 april 2023 en ikzo, 3 mei 2023; vr.  7 juli 2023",
                                             "Zie 2023-04-12, 3-4-2023 en 10.000 of 0.0.17; do 4 mei", "in de maand juli 2024"]
    for text in texts:
        for ref in ("2023-04-12", None, "2023-12"):
            assert read_dates(text, ref) == _old_read_dates(text, ref), (text, ref)


def test_has_digit_is_a_search_for_backslash_d():
    import re
    from loaders.dates import has_digit
    digit = re.compile(r"\d")
    for c in map(chr, range(0x110000)):
        if 0xD800 <= ord(c) <= 0xDFFF:
            continue
        for text in (c, "mei " + c, c + " \u00e9"):
            assert has_digit(text) == bool(digit.search(text)), hex(ord(c))
