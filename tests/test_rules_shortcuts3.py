"""Round 3 shortcuts of the rule modules give what the plain computation gave (brute
force, old vs new): in_pp splitting off one word at a time, an action's owners read in
the action text padded to its place in the sentence instead of in shifted mention copies,
coordinated finding its first mention without comparing the others field by field."""
import random

from loaders.minutes.context import PP_SKIP, PREPOSITIONS, coordinated, in_pp
from loaders.minutes.entities import Mention

WORDS = ["in", "In", "de", "De", "het", "een", "gemeente", "Gemeente", "regio", "wethouder", "(", "(in", "vanuit",
         "t.a.v.", "Venlo", "LLTB", "en", ",", "met", "leden", "Leden", "alle", "neemt", "leveren", "attenderen",
         "Provincie", "Kennisambassadeur", "(LWV)", "( )", "en met", "\u00a0", "\t", "İ", "x"]
LABELS = ["Person", "Organisation", "Municipality", "Region", "Body", "Project"]


def _old_in_pp(text, m):
    """in_pp as it was (loaders/minutes/context.py, round 2)."""
    before = text[: m.start].rsplit(None, 4)
    n = len(before)
    while n and before[n - 1].lower() in PP_SKIP:
        n -= 1
    if n == 1 and len(before) == 5:
        before = text[: m.start].split()
        while before and before[-1].lower() in PP_SKIP:
            before.pop()
        n = len(before)
    return bool(n) and before[n - 1].lower().strip("(") in PREPOSITIONS


def _sentence(rnd, n_words, n_mentions):
    words = [rnd.choice(WORDS) for _ in range(n_words)]
    text, spans = "", []
    for w in words:
        start = len(text) + (1 if text else 0)
        text = (text + rnd.choice([" ", " ", "  "]) + w) if text else w
        spans.append((len(text) - len(w), len(text)))
    picked = sorted(rnd.sample(spans, min(n_mentions, len(spans))))
    ms = [Mention(a, b, text[a:b], rnd.choice(LABELS), text[a:b]) for a, b in picked]
    for m in ms:
        m.id = rnd.choice(["", "x:" + m.text, "x:a"])
    return text, ms


def test_in_pp_is_the_last_word_that_is_no_article():
    rnd = random.Random(21)
    for _ in range(30000):
        text, ms = _sentence(rnd, rnd.randint(0, 9), 3)
        ends = [Mention(len(text), len(text), "", "Person", ""), Mention(rnd.randint(0, len(text)), len(text), "", "Person", "")]
        for m in ms + ends:
            assert in_pp(text, m) == _old_in_pp(text, m), (text, m.start)


def _shift(m, offset):
    c = object.__new__(Mention)
    c.__dict__.update(m.__dict__)
    c.start, c.end = m.start - offset, m.end - offset
    return c


def test_owners_in_the_padded_action_text_are_those_in_the_shifted_one():
    from loaders.minutes.actions import _content_words, owners_from_subject
    rnd = random.Random(22)
    for _ in range(20000):
        prefix, pms = _sentence(rnd, rnd.randint(0, 3), 1)
        body, bms = _sentence(rnd, rnd.randint(1, 8), rnd.randint(0, 4))
        offset = len(prefix) + 1 if prefix else 0
        full = (prefix + " " + body) if prefix else body
        local = [_shift(m, -offset) for m in bms]  # the mentions where they stand in the sentence
        cut = rnd.randint(0, len(body))  # the owner's parentheses cut off: the body is shorter
        part = body[:cut]
        assert full[offset:offset + len(part)] == part
        kept = [m for m in local if m.start - offset < len(part)]
        old = owners_from_subject(part, [_shift(m, offset) for m in kept])
        new = owners_from_subject(" " * offset + part, kept)
        assert [o.id for o in new] == [next(m for m in local if m.id == o.id).id for o in old], (full, offset, cut)
        assert [(o.start - offset, o.end - offset) for o in new] == [(o.start, o.end) for o in old]
        assert _content_words(" " * offset + part, local) == _content_words(part, [_shift(m, offset) for m in local])


def test_coordinated_starts_where_list_index_finds_first():
    rnd = random.Random(23)
    for _ in range(20000):
        text, ms = _sentence(rnd, rnd.randint(1, 10), rnd.randint(1, 5))
        if rnd.random() < .3:  # a copy equal field by field, ahead of the mention itself
            i = rnd.randrange(len(ms))
            twin = _shift(ms[i], 0)
            ms.insert(rnd.randint(0, i), twin)
        first = rnd.choice(ms)
        idx = ms.index(first)
        old = [first]
        from loaders.minutes.context import COORDINATION_GAP, OPEN_PAREN_GAP, PARTY_LABELS
        for m in ms[idx + 1:]:
            if m.id and m.id == old[-1].id:
                continue
            gap = text[old[-1].end:m.start]
            if OPEN_PAREN_GAP.fullmatch(gap):
                continue
            if m.label not in PARTY_LABELS:
                break
            if COORDINATION_GAP.fullmatch(gap):
                old.append(m)
            else:
                break
        assert [id(m) for m in coordinated(text, ms, first)] == [id(m) for m in old]


def test_done_mark_skips_is_only_without_gebeurd():
    from loaders.minutes import lexicon as lx
    from loaders.minutes.actions import DONE_FIRSTS, DONE_FIRSTS_BUT_IS, DONE_MARK
    pieces = ["is", "Is", "IS", "gebeurd", "Gebeurd", "is gebeurd", "kennis", "discussie", "afgerond", "gereed", "done",
              "vervalt", "niet", " ", "  ", "\t", "-", "(", ")", "ı", "ſ", "İ", "\u212a", "x", ".", "isgebeurd"]
    rnd = random.Random(24)
    for _ in range(30000):
        text = "".join(rnd.choice(pieces) + rnd.choice(["", " "]) for _ in range(rnd.randint(0, 8)))
        low = text.lower()
        firsts = DONE_FIRSTS if "gebeurd" in low else DONE_FIRSTS_BUT_IS
        assert (next(lx.finditer_at_words(DONE_MARK, text, firsts, low), None) is not None) == \
            (DONE_MARK.search(text) is not None), text
