"""_party_titled finds each '-<title>' with str.find and checks the party before it in a
window of 13 characters; it must give the starts a scan of the whole sentence with the
plain pattern gives (random sentences, old vs new), and FORMER in its 16-character window
what a search from the sentence's start gives."""
import random
import re

from loaders.minutes import entities as E

PLAIN = re.compile(r"(?<![\w-])[A-Za-z][A-Za-z0-9]{0,11}-")
PIECES = ["VVD-", "CDA-", "GroenLinks-", "oud-", "Oud-", "ex-", "voormalig ", "Noord-Limburg-", "ABCDEFGHIJKLM-",
          "a_b-", "é-", "-", "D66-", "x", " ", "De ", "wethouder", "gedeputeerde", "Wethouder", "burgemeester",
          " Peters", " Van den Berg", ", ", "(", ")"]


def _plain_starts(text, titles):
    low = text.lower()
    return {m.end() for m in PLAIN.finditer(text) if any(low.startswith(t, m.end()) for t in titles)}


def test_party_titled_starts_as_the_plain_scan():
    rng = random.Random(5)
    titles = {"wethouder", "gedeputeerde", "burgemeester"}
    calls = []
    real = E._anchored
    E._anchored = lambda rx, text, starts: calls.append(set(starts)) or []
    try:
        for _ in range(20000):
            text = "".join(rng.choice(PIECES) for _ in range(rng.randint(1, 9)))
            calls.clear()
            E._party_titled(text, titles, None, {"titled_at": None})
            assert (calls[0] if calls else set()) == _plain_starts(text, titles), text
    finally:
        E._anchored = real


def test_former_in_its_window_as_from_the_start():
    rng = random.Random(6)
    for _ in range(20000):
        text = "".join(rng.choice(PIECES) for _ in range(rng.randint(1, 9)))
        for end in range(len(text) + 1):
            assert bool(E.FORMER.search(text, max(0, end - 16), end)) == bool(E.FORMER.search(text, 0, end)), (text, end)
