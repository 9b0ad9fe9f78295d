"""Minutes-sized test documents for benchmarks and the kill test.

Each document is the seed minutes (samples/taskforce-2023-04-12.txt) recombined: its
report units (an action item with its follow-up, a region's paragraph, a rondvraag item)
reordered, some left out and some repeated, the municipalities swapped for others from
the reference data, the named persons given other surnames, and every date moved to the
document's own meeting date.  Redacted blanks stay blank.  Deterministic for a seed.

    python benchmarks/corpus.py OUT_DIR --n 1000 [--seed 0]

>>> a, b = minutes_text(0, seed=1), minutes_text(0, seed=1)
>>> a == b, 6000 < len(a) < 16000, minutes_text(1, seed=1) != a
(True, True, True)
"""
from __future__ import annotations

import argparse
import datetime as dt
import random
import re
import sys
from functools import lru_cache
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED_FILE = ROOT / "samples" / "taskforce-2023-04-12.txt"
SEED_DATE = dt.date(2023, 4, 12)
FIRST_DATE = dt.date(2015, 1, 7)

# Municipalities the seed names, longest spelling first so "Horst aan de Maas" wins over a part.
SEED_MUNICIPALITIES = {
    "Horst aan de Maas": "Horst aan de Maas", "Horst a/d Maas": "Horst aan de Maas",
    "Sittard-Geleen": "Sittard-Geleen", "Peel en Maas": "Peel en Maas", "Maasgouw": "Maasgouw",
    "Roermond": "Roermond", "Heerlen": "Heerlen", "Gennep": "Gennep", "Venray": "Venray",
    "Venlo": "Venlo", "Weert": "Weert", "Stein": "Stein", "Beek": "Beek",
}
# Named persons in the seed (surname, with a first name where the seed gives one).
SEED_SURNAMES = ["Van der Craats", "Gelderblom", "Diederen", "Kuijpers", "Van Reij", "Holtus",
                 "Bouten", "Geilen", "Roefs"]
SURNAMES = ["Janssen", "Smeets", "Peeters", "Hendriks", "Willems", "Vossen", "Lemmens", "Coenen",
            "Jacobs", "Wijnen", "Geurts", "Houben", "Kessels", "Schreurs", "Bemelmans", "Ramakers",
            "Vaessen", "Notermans", "Hermans", "Stassen", "Frissen", "Ploumen", "Brouns", "Hanssen",
            "Verheijen", "Dassen", "Claessens", "Beckers", "Mertens", "Huijts", "Pluijmen", "Reijnders",
            "Van Dijk", "De Bruijn", "Van Mulken", "Op den Camp", "Van de Venne", "Timmermans"]

MONTHS = ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus",
          "september", "oktober", "november", "december"]
_DATE_WORDS = re.compile(r"\b(\d{1,2}) (" + "|".join(MONTHS) + r") (\d{4})\b")
_DATE_NUMERIC = re.compile(r"\b(\d{2})-(\d{2})-(\d{4})\b")
# A line that starts a new report unit.
_UNIT_START = re.compile(r"^\s*(Actiepunt:|Actie:|\d\.\s|Noord-Limburg\s*$|Midden-Limburg\s*$|"
                         r"Zuid-Limburg\s*$|Rondvraag|De |Doel |Er ligt|Op \d|Petro|Ten aanzien)")


@lru_cache(maxsize=1)
def _seed_parts() -> tuple[str, list[str]]:
    """(header up to and including 'Verslag', the report units)."""
    text = SEED_FILE.read_text(encoding="utf-8")
    split = re.search(r"\nVerslag[ \t]*\n", text)  # the report's heading, not the title line
    head, body = text[:split.end()], text[split.end():]
    units, current = [], []
    for line in body.splitlines(keepends=True):
        if _UNIT_START.match(line) and any(s.strip() for s in current):
            units.append("".join(current))
            current = []
        current.append(line)
    units.append("".join(current))
    return head, units


@lru_cache(maxsize=1)
def _municipality_names() -> list[str]:
    from loaders.reference import municipalities

    return sorted(m["name"] for m in municipalities())


def _substitute_names(text: str, rng: random.Random) -> str:
    """One consistent swap per document: each seed municipality and surname becomes another."""
    pool = _municipality_names()
    canon = sorted(set(SEED_MUNICIPALITIES.values()))
    chosen = dict(zip(canon, rng.sample(pool, len(canon))))
    people = dict(zip(SEED_SURNAMES, rng.sample(SURNAMES, len(SEED_SURNAMES))))
    mapping = {k: chosen[v] for k, v in SEED_MUNICIPALITIES.items()}
    mapping.update(people)
    craats = people["Van der Craats"]  # after a first name, "Van" is written "van"
    mapping["Johan van der Craats"] = "Johan " + (craats[0].lower() + craats[1:] if " " in craats else craats)
    keys = sorted(mapping, key=len, reverse=True)
    pattern = re.compile(r"(?<![\w-])(" + "|".join(re.escape(k) for k in keys) + r")(?![\w-])")
    return pattern.sub(lambda m: mapping[m.group(1)], text)


def _shift_dates(text: str, days: int) -> str:
    def words(m):
        d = dt.date(int(m.group(3)), MONTHS.index(m.group(2)) + 1, int(m.group(1))) + dt.timedelta(days)
        return f"{d.day} {MONTHS[d.month - 1]} {d.year}"

    def numeric(m):
        d = dt.date(int(m.group(3)), int(m.group(2)), int(m.group(1))) + dt.timedelta(days)
        return d.strftime("%d-%m-%Y")

    return _DATE_NUMERIC.sub(numeric, _DATE_WORDS.sub(words, text))


def meeting_date(i: int) -> dt.date:
    """Document i's meeting date: one meeting a day from 2015 on, so every document differs."""
    return FIRST_DATE + dt.timedelta(days=i)


def minutes_text(i: int, seed: int = 0) -> str:
    """The text of document i of the corpus for `seed`."""
    rng = random.Random(f"{seed}:{i}")
    head, units = _seed_parts()
    first, last = units[0], units[-1]  # the opening and the closing stay in place
    middle = [u for u in units[1:-1] if rng.random() > 0.12]
    middle += [rng.choice(units[1:-1]) for _ in range(rng.randint(0, 4))]
    for _ in range(rng.randint(1, 6)):  # a few neighbours change places
        j = rng.randrange(max(1, len(middle) - 1))
        middle[j:j + 2] = middle[j:j + 2][::-1]
    text = head + first + "".join(middle) + last
    text = _shift_dates(text, (meeting_date(i) - SEED_DATE).days)
    return _substitute_names(text, rng)


def file_name(i: int) -> str:
    return f"taskforce-{meeting_date(i).isoformat()}-{i:05d}.txt"


def generate_corpus(directory, n: int, seed: int = 0, start: int = 0) -> list[Path]:
    """Write documents start .. start+n-1 into directory; returns their paths in order."""
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(start, start + n):
        path = directory / file_name(i)
        path.write_text(minutes_text(i, seed), encoding="utf-8")
        paths.append(path)
    return paths


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("directory")
    parser.add_argument("--n", type=int, default=100)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    paths = generate_corpus(args.directory, args.n, args.seed)
    size = sum(p.stat().st_size for p in paths)
    print(f"{len(paths)} documents, {size / 1e6:.1f} MB, in {args.directory}")
    return 0


if __name__ == "__main__":
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    sys.exit(main())
