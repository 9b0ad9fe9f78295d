"""find_mentions drops the candidates that span exactly what a known name spans before
select (entities._unshadowed): select chooses the same mentions as with them."""
import random

from loaders.minutes.entities import Mention, _unshadowed, select


def _mention(a, b, priority, how):
    return Mention(a, b, "x" * (b - a), "Organisation", f"{how}{a}-{b}", how=how, priority=priority)


def _known(rnd):
    """Known names as find_mentions has them: in text order, apart and not empty (an
    alias is matched with at least one character), sometimes with overlapping elliptic
    regions added (not ordered then)."""
    out, pos = [], 0
    for _ in range(rnd.randint(0, 4)):
        a = pos + rnd.randint(0, 4)
        b = a + rnd.randint(1, 6)
        out.append(_mention(a, b, 3, "gazetteer"))
        pos = b + rnd.randint(0, 2)
    ordered = True
    if rnd.random() < 0.2:
        a = rnd.randint(0, 20)
        out.append(_mention(a, a + rnd.randint(1, 5), 3, "elliptic"))
        ordered = False
    return out, ordered


def test_select_chooses_the_same_without_the_shadowed_candidates():
    rnd = random.Random(61)
    dropped = 0
    for _ in range(30000):
        gaz, ordered = _known(rnd)
        found = []
        for _ in range(rnd.randint(0, 5)):
            if gaz and rnd.random() < 0.5:
                g = rnd.choice(gaz)
                a, b = g.start, g.end
            else:
                a = rnd.randint(0, 25)
                b = a + rnd.randint(0, 8)
            found.append(_mention(a, b, rnd.choice([1, 2, 3]), "rule"))
        n = rnd.randint(0, len(found))
        want = select(gaz + found) if found or not ordered else gaz
        kept, n_kept = _unshadowed(found, n, gaz) if found and gaz else (found, n)
        got = select(gaz + kept) if kept or not ordered else gaz
        assert [id(m) for m in got] == [id(m) for m in want], (gaz, found)
        assert kept == [c for c in found if c in kept] and n_kept == sum(1 for c in found[:n] if c in kept)
        dropped += len(found) - len(kept)
    assert dropped > 1000
