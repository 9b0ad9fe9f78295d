"""The opening-person rule refuses a sentence whose first word is no name before its
regex runs (entities._opening_person): the same mentions as the rule without that test."""
import random

from loaders.minutes import entities
from loaders.minutes.entities import CAPITALS, PART_WORDS, Mention, _noun_suffixes, _not_name, _rx, _shape_word

WORDS = ["De", "In", "Het", "Petro", "Kuijpers", "Jan", "van", "de", "der", "LLTB", "Venlo", "Gemeente", "Regeling",
         "attendeert", "belt", "meldt", "opent", "×Foo", "Émile", "Ähm", "De,", "Op", "Stichting", "Werkgroep",
         "d'Hondt", "O'Neil", "Zaken", "Noord-Limburg", "PETRO", "ter", "in", "'t", "Van", "X.", "Ab-Cd", "Bo’s"]


def _old_opening_person(text, gaz, rx, out):
    first = text.split(None, 2)
    om = rx["opening"].match(text) if len(first) == 3 and first[0][:1] in CAPITALS and (
        first[1][:1] in CAPITALS or first[1] in PART_WORDS) else None
    if om:
        suffixes = _noun_suffixes()
        if not any(_not_name(w) or w.lower().endswith(suffixes) for w in om.group(1).split() if w[:1].isupper()) \
                and not any(g.start < om.end(1) for g in gaz) and not _shape_word(om.group(1)):
            out.append(Mention(0, om.end(1), om.group(1), "Person", om.group(1), how="opening", priority=1))


def test_opening_person_as_without_the_first_word_test():
    rnd = random.Random(51)
    rx = _rx()
    fired = 0
    for _ in range(30000):
        text = rnd.choice([" ", "  ", "\t"]).join(rnd.choice(WORDS) for _ in range(rnd.randint(0, 6)))
        gaz = [Mention(a, a + 3, "", "Organisation", "") for a in rnd.sample(range(40), rnd.randint(0, 1))]
        got, want = [], []
        entities._opening_person(text, gaz, rx, got)
        _old_opening_person(text, gaz, rx, want)
        assert got == want, text
        fired += bool(want)
    assert fired > 100
