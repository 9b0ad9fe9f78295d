"""The shortcuts in lexicon's cue lookup (cue_groups_present, _match_cues) must give what
the plain versions they replaced gave: the same groups, the same candidate cues per first
word, the same matches in the same order.  The plain versions are copied here; they are
compared over the seed minutes' sentences and many random sentences built from the cue
words, look-alike words, case variants, punctuation, hyphens and odd spaces."""
import random
from pathlib import Path

import pytest

from loaders.minutes import lexicon as lx
from loaders.minutes.structure import split_sentences
from loaders.reference import data

ROOT = Path(__file__).resolve().parent.parent


def plain_candidates(low, cs):
    out = []
    for c in cs:
        for w in c[3]:
            if w not in low:
                break
        else:
            out.append(c)
    return out


def plain_groups_present(text):
    index = lx._cue_firsts()
    firsts = lx.sentence_words(text).intersection(lx._cue_first_words())
    present = {}
    low = text.lower()
    for w in firsts:
        for group, cs in index[w]:
            found = plain_candidates(low, cs)
            if found:
                present.setdefault(group, []).append(found)
    return present


def plain_match_cues(text, found):
    candidates = sorted(c for cs in found for c in cs)
    low = text.lower()
    taken, out = [], []
    for _rank, rx, row, _rest, first in candidates:
        for m in lx.finditer_at_words(rx, text, (first,), low):
            a, b = m.span()
            if all(b <= x or a >= y for x, y in taken):
                taken.append((a, b))
                out.append((m, row))
    out.sort(key=lambda x: x[0].start())
    return out


def plain_find_cues(text, filename, family=None):
    group = (filename, family)
    if group in lx._GROUP_SET:
        found = plain_groups_present(text).get(group)
    else:
        index = lx.cues(filename, family)
        words = lx.sentence_words(text)
        low = text.lower()
        found = [f for f in (plain_candidates(low, lx._with_rest(index[w])) for w in index if w in words) if f]
    return plain_match_cues(text, found) if found else []


def _shape(present):
    """A present-dict as group -> sorted rank lists (the order of first words is a set's)."""
    return {g: sorted([c[0] for c in cs] for cs in lists) for g, lists in present.items()}


ALL_GROUPS = lx.CUE_GROUPS + (("relation_cues.jsonl", "authored"), ("relation_cues.jsonl", "negation"))


def _seed_sentences():
    text = (ROOT / "samples" / "taskforce-2023-04-12.txt").read_text(encoding="utf-8")
    return [s for line in text.splitlines() if line.strip() for s in split_sentences(line)]


def _random_sentences(n, seed):
    rnd = random.Random(seed)
    cue_words = sorted({w for f in ("contact_cues.jsonl", "engagement_cues.jsonl", "relation_cues.jsonl")
                        for r in data(f) for w in r["cue"].split() if w not in ("*", "**")})
    cue_phrases = [r["cue"] for f in ("contact_cues.jsonl", "engagement_cues.jsonl", "relation_cues.jsonl")
                   for r in data(f)]
    noise = ["de", "het", "Venlo", "gemeente", "metingen", "isolatie", "mets", "nietig", "heeftje", "LWV",
             "Beek", "provincie", "wethouder", "overleggen", "gesprekken", "ıs", "ſamen", "İs", "Kennis"]
    glue = [" ", " ", " ", "  ", "\n", "\t", "\u00a0", "-", ", ", ". ", "'s ", "/", "(", ") ", ""]
    out = []
    for _ in range(n):
        parts = []
        for _ in range(rnd.randint(1, 14)):
            r = rnd.random()
            if r < 0.35:
                piece = rnd.choice(cue_words)
            elif r < 0.55:  # a whole cue, its gaps filled with a few words
                piece = " ".join(rnd.choice(noise) if w == "*" else " ".join(rnd.choices(noise, k=rnd.randint(0, 3)))
                                 if w == "**" else w for w in rnd.choice(cue_phrases).split())
            else:
                piece = rnd.choice(noise)
            case = rnd.random()
            piece = piece.upper() if case < 0.1 else piece.capitalize() if case < 0.3 else piece
            parts.append(piece + rnd.choice(glue))
        out.append("".join(parts).strip() + rnd.choice(["", ".", ":", "?"]))
    return out


@pytest.mark.parametrize("sentences", [_seed_sentences(), _random_sentences(6000, 1), _random_sentences(6000, 2)],
                         ids=["seed", "random1", "random2"])
def test_cue_lookup_as_before(sentences):
    for text in sentences:
        assert _shape(lx.cue_groups_present.__wrapped__(text)) == _shape(plain_groups_present(text)), text
        lx.cue_groups_present.cache_clear()
        for filename, family in ALL_GROUPS:
            got = [(m.span(), row["cue"]) for m, row in lx.find_cues(text, filename, family)]
            want = [(m.span(), row["cue"]) for m, row in plain_find_cues(text, filename, family)]
            assert got == want, (text, filename, family)
