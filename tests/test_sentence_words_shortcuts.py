"""The per-sentence word sets the mention rules share, computed the cheap way, compared
with their plain definitions (brute force over random and real sentences)."""
import random
import re

from loaders.minutes import entities
from loaders.minutes import lexicon as lx

ALPHABET = "aAbBzZ09_.'/-,;:()\"!?&* \t\n\x1c’éöİıſ–"
REAL = [
    "Wethouder Peters (Echt-Susteren) t.a.v. de LWV.",
    "Petro Huijts attendeert op een rapport van Johan Stassen van het Expertisecentrum Flexwonen.",
    "De Zuid-Limburgse vertegenwoordiger en de kennisambassadeur: BO's Wonen ... (SML).",
    "Provincie laat via Roger Vaessen, voorzitter Stuurgroep, een verzoek uitgaan.",
    "d.d. 1 februari 2015 / wethouders Janssen (Venlo) en Peters-de Vries (Venray).",
]


def _plain_sentence_words(text: str) -> frozenset:
    """The definition: the runs of [\\w.'/-] of the lower-cased text, and those with dots
    also without their outer dots."""
    words = re.findall(r"[\w.'/-]+", text.lower())
    return frozenset(words + [w.strip(".") for w in words if "." in w])


def _texts(n: int = 3000):
    rnd = random.Random(7)
    yield from REAL
    for _ in range(n):
        yield "".join(rnd.choice(ALPHABET) for _ in range(rnd.randint(0, 30)))
        yield " ".join(rnd.choice(REAL).split()[: rnd.randint(0, 12)]) + rnd.choice(["", ".", "..", " (x)", "’s"])


def test_sentence_words_is_its_definition():
    for text in _texts():
        lx.sentence_words.cache_clear()
        assert lx.sentence_words(text) == _plain_sentence_words(text), text


def test_joined_words_are_the_words_with_punctuation():
    for text in _texts():
        lx.sentence_words.cache_clear()
        words = lx.sentence_words(text)
        joined = lx.joined_words(text)
        # every non-alphanumeric word is a joined word or its dot-stripped form
        assert {w for w in words if not w.isalnum()} <= set(joined) | {w.strip(".") for w in joined}, text
        assert all(not w.isalnum() and w in words for w in joined), text
        # asked for another sentence first (the one-entry record is gone): still right
        lx.sentence_words("something else")
        assert sorted(lx.joined_words(text)) == sorted(joined), text


def test_sentence_triggers_are_the_trigger_words_of_the_sentence():
    vocabulary = sorted(entities._trigger_words())[:40] + ["zuid-limburg", "t.a.v.", "x"]
    rnd = random.Random(11)
    texts = list(_texts(500))
    for _ in range(2000):
        texts.append(" ".join(rnd.choice(vocabulary).title() if rnd.random() < 0.3 else rnd.choice(vocabulary)
                              for _ in range(rnd.randint(0, 8))) + rnd.choice(["", ".", "-Noord", "'s"]))
    for text in texts:
        lx.sentence_words.cache_clear()
        assert entities._sentence_triggers(text) == entities._words(text) & entities._trigger_words(), text


def test_capital_runs_found_in_letter_shapes():
    """_free_run_possible searches an ASCII sentence's letter shapes (CAP_SHAPE) with
    CAP_SHAPE_RUN instead of the sentence with CAP_RUN: the same spans, within any bounds."""
    rnd = random.Random(5)
    alphabet = "AZMaz09_'-. ,;()\t\n\x1c/&\"" + "Aa " * 4
    texts = [t for t in REAL if t.isascii()]
    texts += ["".join(rnd.choice(alphabet) for _ in range(rnd.randint(0, 40))) for _ in range(4000)]
    for text in texts:
        shape = text.encode().translate(entities.CAP_SHAPE)
        for _ in range(4):
            pos = rnd.randint(0, len(text))
            end = rnd.randint(pos, len(text))
            a = entities.CAP_RUN.search(text, pos, end)
            b = entities.CAP_SHAPE_RUN.search(shape, pos, end)
            assert (a and a.span()) == (b and b.span()), (text, pos, end)
        a = [m.span() for m in entities.CAP_RUN.finditer(text)]
        assert a == [m.span() for m in entities.CAP_SHAPE_RUN.finditer(shape)], text


def test_joined_words_of_a_sentence_other_than_the_last_one_read():
    """joined_words answers for its own text whatever sentence_words read last (another
    thread's sentence, or one answered from the memo)."""
    from loaders.minutes import lexicon as lx

    a, b = "Overleg met Echt-Susteren t.a.v. de MyInfoNL-app.", "Beek en Stein, zie p. 3/4."
    lx.sentence_words.cache_clear()
    lx.sentence_words(a)
    assert lx.joined_words(b) == ["p.", "3/4."]
    assert lx.joined_words(a) == ["echt-susteren", "t.a.v.", "myinfonl-app."]
    lx.sentence_words(b)
    assert lx.joined_words(a) == ["echt-susteren", "t.a.v.", "myinfonl-app."]
