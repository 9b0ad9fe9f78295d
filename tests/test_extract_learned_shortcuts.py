"""The learned names looked for once per document (entities.learned_mentions_by_sentence)
find what learned_mentions finds sentence by sentence."""
import random

from loaders.minutes.entities import Mention, learned_index, learned_mentions, learned_mentions_by_sentence

PIECES = ["RPA", "HSW", "Holtus", "Roger Holtus", "Jan de Vries", "de Vries", "Venlo", "venlo", "RPA-regio",
          "(RPA)", "HSW'", "Holtus's", "RPA/HSW", "Holtus.", "Vries,", "met", "de", "en", "-", "_RPA", "RPAx",
          "Jan", "Roger", "", "\x00", "Holtusje"]
NAMES = ["RPA", "HSW", "Holtus", "Roger Holtus", "Jan de Vries", "de Vries", "Roger", "Vries"]


def _sentence(rnd):
    seps = [" ", " ", " ", "", ", ", "-", "'", "/", "."]
    return "".join(rnd.choice(PIECES) + rnd.choice(seps) for _ in range(rnd.randint(0, 9))).strip()


def _taken(rnd, text):
    out = []
    for _ in range(rnd.randint(0, 2)):
        a = rnd.randint(0, len(text))
        b = rnd.randint(a, len(text))
        out.append(Mention(a, b, text[a:b], "Organisation", text[a:b]))
    return out


def test_learned_names_found_per_document_as_per_sentence():
    rnd = random.Random(41)
    for _ in range(4000):
        names = rnd.sample(NAMES, rnd.randint(1, len(NAMES)))
        learned = {n: Mention(0, len(n), n, rnd.choice(["Person", "Organisation"]), n, {"k": n}, "shape")
                   for n in names}
        index = learned_index(learned)
        texts = [_sentence(rnd) for _ in range(rnd.randint(0, 6))]
        if rnd.random() < 0.9:
            texts = [t.replace("\x00", "") for t in texts]
        taken = [_taken(rnd, t) for t in texts]
        want = {}
        for i, t in enumerate(texts):
            extra = learned_mentions(t, learned, taken[i], index)
            if extra:
                want[i] = extra
        got = learned_mentions_by_sentence(texts, learned, taken, index)
        assert got == want, (texts, names)
