"""signal_sentences tests each stored sentence for a policy or agenda word before it
normalises it (graph.signals._names_a_signal).  That is only right if normalising
never changes the answer: checked here over every way of cutting the signal words with
whitespace, hyphens and line breaks, next to other words and punctuation."""
import itertools

import pytest

from graph.involvement import _norm_text
from graph.signals import ACTION_LINE, _names_a_signal

WORDS = ["beleidsplan", "beleidsnota", "huisvestingsplan", "beleid", "visie", "agenda", "geagendeerd",
         "agenderen", "beleids", "plan", "Beleid", "VISIE", "nota"]
GLUE = ["", " ", "  ", "\n", "-", "- ", "-\n", " -", "\t", "-  \n "]
EDGES = ["", " ", "(", "x", "-", "\n", "'s"]


def _texts(word):
    for cut in range(len(word) + 1):
        for glue in GLUE:
            for before, after in itertools.product(EDGES, repeat=2):
                yield before + word[:cut] + glue + word[cut:] + after


@pytest.mark.parametrize("word", WORDS)
def test_signal_words_same_before_and_after_normalising(word):
    for text in _texts(word):
        assert _names_a_signal(text) == _names_a_signal(_norm_text(text)), repr(text)


@pytest.mark.parametrize("text", ["De visie  is vastgesteld.", " Actie: agenderen", "Beleids-\nplan volgt",
                                  "Het beleid\tgaat door", "Visie-\n  nota", "geen signaal hier"])
def test_sentences_as_stored_and_normalised(text):
    assert _names_a_signal(text) == _names_a_signal(_norm_text(text))
    assert bool(ACTION_LINE.match(text)) == bool(ACTION_LINE.match(_norm_text(text)))


def test_every_letter_case_insensitive_regexes_match_folds_to_the_stems_letters():
    """_names_a_signal skips the regexes when the case-folded text holds no stem: right only
    if every character IGNORECASE matches to a stem's letter folds to that letter (or is
    one of the two the function sends to the regexes anyway)."""
    import re
    import sys

    from graph.signals import POLICY_WORDS, AGENDA_WORDS, SIGNAL_STEMS

    letters = set("".join(SIGNAL_STEMS))
    for word in ("beleidsplan", "beleidsnota", "huisvestingsplan", "beleid", "visie", "agenda", "geagendeerd",
                 "agenderen"):
        assert any(stem in word for stem in SIGNAL_STEMS)
        assert POLICY_WORDS.search(word) or AGENDA_WORDS.search(word)
    any_letter = re.compile("[" + "".join(sorted(letters)) + "]", re.I)
    odd = [hex(cp) for cp in range(sys.maxunicode + 1)
           if any_letter.fullmatch(chr(cp)) and chr(cp).casefold() not in letters]
    assert odd == ["0x130", "0x131"]  # İ (folds to i + U+0307) and ı


@pytest.mark.parametrize("text", ["Het BELEIDSPLAN", "de Visie", "VİSİE", "vısıe", "agenda", "AGENDEREN",
                                  "het \u212aelvin-beleid", "geen van die woorden", "beleids plan", "vi-sie"])
def test_stems_first_same_as_the_regexes(text):
    from graph.signals import AGENDA_WORDS, POLICY_WORDS

    assert _names_a_signal(text) == bool(POLICY_WORDS.search(text) or AGENDA_WORDS.search(text))
