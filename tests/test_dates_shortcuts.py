"""dates._digit_runs reads an ASCII text's digit runs with str.find instead of the regex
``\\d+``: it must find exactly where the regex finds them.  Brute force over a small
alphabet with digits, the characters around dates and non-ASCII digits and numbers."""
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
