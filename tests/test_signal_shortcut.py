"""signal_sentences tests each stored sentence for a policy or agenda word before it
normalises it (graph.involvement._names_a_signal).  That is only right if normalising
never changes the answer: checked here over every way of cutting the signal words with
whitespace, hyphens and line breaks, next to other words and punctuation."""
import itertools

import pytest

from graph.involvement import ACTION_LINE, _names_a_signal, _norm_text

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
