"""The shortcuts that spare the mention rules work (str.find instead of a regex built per
document, cheaper pre-checks) must find exactly what the plain versions found.  Brute
force over small alphabets that hold every character the boundaries care about."""
import random
import re

from loaders.minutes import entities
from loaders.minutes import lexicon as lx


def _learned_by_regex(text: str, names: tuple) -> list[tuple[int, int, str]]:
    """What learned_mentions used before: one alternation of the names, longest first."""
    rx = re.compile(r"(?<![\w-])(?:" + "|".join(re.escape(n) for n in names) + r")(?![\w-])")
    return [(m.start(), m.end(), m.group(0)) for m in rx.finditer(text)]


# letters of the names, and what can stand around them: word characters of several kinds
# (digit, underscore, accented, superscript digit), the dash, and non-word characters
NAME_CHARS = "AaBb -."
TEXT_CHARS = NAME_CHARS + "_1é²()',\u2019\t"


def test_learned_names_found_as_the_regex_found_them():
    rnd = random.Random(7)
    for _ in range(8000):
        names = {"".join(rnd.choice(NAME_CHARS) for _ in range(rnd.randint(1, 4))) for _ in range(rnd.randint(1, 5))}
        names = tuple(sorted(names, key=len, reverse=True))
        text = "".join(rnd.choice(TEXT_CHARS + "".join(names)) for _ in range(rnd.randint(0, 20)))
        assert entities._learned_matches(text, names) == _learned_by_regex(text, names), (text, names)


def test_learned_names_with_ties_and_nested_names():
    names = ("Roger Claessens", "Claessens", "RPA", "Field Labs")
    text = "Roger Claessens en Claessens-Peters, RPA_x, (RPA) en Field Labs."
    assert entities._learned_matches(text, names) == _learned_by_regex(text, names) == [
        (0, 15, "Roger Claessens"), (45, 48, "RPA"), (53, 63, "Field Labs")]
    assert entities._learned_matches("", names) == []


def _sentence_words_by_regex(text: str) -> frozenset:
    """What lexicon.sentence_words gave before: one scan of the whole lower-cased text."""
    words = lx.WORDS.findall(text.lower())
    return frozenset(words).union([w.strip(".") for w in words])


# every kind of character WORDS and str.split care about: letters (one whose lower case
# is longer), digits, the underscore, the word's own marks (. ' / -), other punctuation
# and whitespace of several kinds
WORD_CHARS = "aB1_.'/-(),é\u0130²\u01c5\u200b \t\n\u00a0\u2003\x1c\x85"


def test_sentence_words_as_the_whole_text_scan_gave_them():
    rnd = random.Random(11)
    for _ in range(20000):
        text = "".join(rnd.choice(WORD_CHARS) for _ in range(rnd.randint(0, 12)))
        lx.sentence_words.cache_clear()
        assert lx.sentence_words(text) == _sentence_words_by_regex(text), text
