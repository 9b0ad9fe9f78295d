"""Regexes that open with a character class cost the regex engine ~100 instructions a
character to scan a sentence; a few are replaced for ASCII texts by a byte table and
str.split / str.find (dates._digit_runs, actions._words and _content_words, meetings._events), or
spared by a substring test (context.negated).  They must find exactly what the regexes
find: brute force over small alphabets with the characters around the runs and non-ASCII
letters, digits and numbers."""
import random
import re

from loaders import dates

DIGIT_RUN = re.compile(r"\d+")
CHARS = "0123456789 a-./:\t\n" + "\u0663\u00b2\u00bd\u2155é"


def test_digit_runs_found_as_the_regex_found_them():
    rnd = random.Random(5)
    for _ in range(20000):
        alphabet = CHARS if rnd.random() < 0.3 else CHARS[:18]
        text = "".join(rnd.choice(alphabet) for _ in range(rnd.randint(0, 24)))
        assert dates._digit_runs(text) == [m.start() for m in DIGIT_RUN.finditer(text)], text


def test_action_words_found_as_the_regex_found_them():
    from loaders.minutes import actions

    word = re.compile(r"\w+")
    chars = "ab09_ -.(),'\t\u00e9\u00b2\u0663"
    rnd = random.Random(6)
    for _ in range(20000):
        alphabet = chars if rnd.random() < 0.3 else chars[:12]
        low = "".join(rnd.choice(alphabet) for _ in range(rnd.randint(0, 20)))
        assert actions._words(low) == word.findall(low), low


def test_negated_as_the_regex():
    from loaders.minutes import context

    chars = ["niet", "NIET", "Geen", "nooit", "noch", "nog", "ni", "et", "n\u0131et", "n\u0130et", "-", " ", "_", "a"]
    rnd = random.Random(8)
    for _ in range(20000):
        text = "".join(rnd.choice(chars) for _ in range(rnd.randint(0, 6)))
        start = rnd.randint(0, len(text))
        end = rnd.randint(start, len(text))
        assert context.negated(text, start, end) == bool(context.NEGATION.search(text[start:end])), (text, start, end)


def test_content_words_and_events_as_the_regexes():
    from loaders.minutes import actions, meetings

    pieces = ["overleg", "Taskforce", "OVERLEG", "sessie", "voortgangssessie", "vergadering", "_", "-", " ", ".",
              "de", "3", "é", "abcd", "seminar", "webinar", "x"]
    rnd = random.Random(9)
    for _ in range(20000):
        text = "".join(rnd.choice(pieces) for _ in range(rnd.randint(0, 6)))
        expected = [m.span() for w in meetings.WORD.finditer(text) if w.group(0).lower().endswith(meetings.EVENT_KINDS)
                    for m in [meetings.EVENT.fullmatch(text, w.start(), w.end())] if m]
        assert [m.span() for m in meetings._events(text)] == expected, text
        assert actions._content_words(text, []) == {w for w in actions.CONTENT_WORD.findall(text.lower())
                                                     if w not in actions.STOP}, text


def test_status_in_parens_as_the_regex():
    from loaders.minutes import actions

    pieces = ["(", ")", "(afgerond)", "( Gereed )", "afgerond", " ", "\t", ".", ";", "x", "(LWV)", "\u00a0"]
    rnd = random.Random(10)
    for _ in range(20000):
        text = "".join(rnd.choice(pieces) for _ in range(rnd.randint(0, 6)))
        got, expected = actions._status_in_parens(text), actions.STATUS_IN_PARENS.search(text)
        assert (got and got.span()) == (expected and expected.span()), text
