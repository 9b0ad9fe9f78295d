"""Dutch dates in minutes, read with a small regex over Dutch month names.

Read: ``12-04-2023``, ``12/4/2023``, ``2023-04-12``, ``d.d. 15 maart 2023``,
``op 24 april 2023``, ``20 april`` (year from the meeting date: the nearest one),
``in juli`` / ``medio september 2023`` (month precision, ``2023-07``).  Out: ISO strings.

>>> [d.iso for d in find_dates("op 24 april 2023 en 20 april, in juli", "2023-04-12")]
['2023-04-24', '2023-04-20', '2023-07']
>>> parse_date("12-04-2023")
'2023-04-12'
"""
from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass
from functools import lru_cache

MONTHS = {
    "januari": 1, "jan": 1, "februari": 2, "feb": 2, "febr": 2, "maart": 3, "mrt": 3, "mar": 3,
    "april": 4, "apr": 4, "mei": 5, "juni": 6, "jun": 6, "juli": 7, "jul": 7, "augustus": 8, "aug": 8,
    "september": 9, "sep": 9, "sept": 9, "oktober": 10, "okt": 10, "oct": 10, "november": 11, "nov": 11,
    "december": 12, "dec": 12,
}
_MONTH_RE = "|".join(sorted(MONTHS, key=len, reverse=True))
_WEEKDAY = r"(?:(?:maandag|dinsdag|woensdag|donderdag|vrijdag|zaterdag|zondag|ma|di|wo|do|vr|za|zo)\.?,?\s+)?"

_WORD = re.compile(r"[a-z]+")
_MONTH_NAMES = frozenset(MONTHS)
ISO = re.compile(r"(?<![\d.-])(\d{4})-(\d{2})-(\d{2})(?![\d-])")
NUMERIC = re.compile(r"(?<![\d.,/-])(\d{1,2})([-/.])(\d{1,2})\2(\d{4}|\d{2})(?![\d.,/-]*\d)")
TEXTUAL = re.compile(r"(?<!\d)" + _WEEKDAY.replace("(?:(?:", "(?:(?:", 1) + r"(\d{1,2})(?:e|ste|de)?\s+(" + _MONTH_RE +
                     r")\.?(?:\s+('?\d{4}|'\d{2}))?(?![\w])", re.I)
# A weekday ending right before a day number ('woensdag 12 april'): where a TEXTUAL match
# starts when it has one.
_WEEKDAY_BEFORE = re.compile(r"(?<!\d)" + _WEEKDAY[:-1] + r"\Z", re.I)
_DIGIT_RUN = re.compile(r"\d+")
# Every month name holds one of these: a text without any of them names no month.
_MONTH_STEMS = ("jan", "feb", "maart", "mrt", "mar", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "oct", "nov", "dec")
MONTH_ONLY = re.compile(r"\b(in|begin|eind|eind(?:e)?|medio|half|halverwege|per|vanaf|tot|na|voor)\s+(?:de\s+maand\s+)?("
                        + _MONTH_RE + r")(?:\s+(\d{4}))?(?![\w])", re.I)


@dataclass(frozen=True)
class DateMention:
    """A date read from text: character span, ISO value, precision ("day" or "month")."""
    start: int
    end: int
    iso: str
    precision: str
    text: str


def _ref(ref) -> _dt.date | None:
    """The reference date as a datetime.date (ISO string, possibly month precision, or a date), or None."""
    if isinstance(ref, str) or ref is None:
        return _ref_str(ref)
    return ref if isinstance(ref, _dt.date) else _ref_str(str(ref))


@lru_cache(maxsize=256)
def _ref_str(ref) -> _dt.date | None:
    """_ref for strings, memoised (every sentence resolves against the same meeting date)."""
    if ref is None:
        return None
    if isinstance(ref, _dt.date):
        return ref
    try:
        parts = [int(x) for x in str(ref).split("-")]
        return _dt.date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)
    except (ValueError, IndexError):
        return None


def _year_for(month: int, day: int, ref: _dt.date | None, direction: int = 0) -> int | None:
    """A date without a year takes the year that puts it nearest to the reference date;
    with direction -1 ('3 juni jl.') the nearest on or before it, +1 ('12 april a.s.') on
    or after it."""
    if ref is None:
        return None
    best = None
    for y in (ref.year - 1, ref.year, ref.year + 1):
        try:
            d = _dt.date(y, month, day)
        except ValueError:
            continue
        if direction and (d - ref).days * direction < 0:
            continue
        if best is None or abs((d - ref).days) < abs((best - ref).days):
            best = d
    return best.year if best else None


# 'jongstleden' (last) and 'aanstaande' (coming) after a date without a year
_PAST_OR_COMING = re.compile(r"\s*(?:(jl\.?|j\.l\.|jongstleden)|(a\.s\.?|aanstaande))(?![\w])", re.I)


def _direction(text: str, end: int) -> int:
    m = _PAST_OR_COMING.match(text, end)
    return 0 if m is None else -1 if m.group(1) else 1


def _valid(y: int, m: int, d: int) -> bool:
    """Whether y-m-d is a real date in a plausible range for minutes (1990-2100)."""
    try:
        _dt.date(y, m, d)
        return 1990 <= y <= 2100
    except ValueError:
        return False


def find_dates(text: str, ref=None) -> list[DateMention]:
    """Every date in the text (see :func:`read_dates`); cached, as the extractor asks
    about the same sentence from several rules."""
    return list(_cached_dates(text, None if ref is None else str(ref)))


def forget_sentence_dates() -> None:
    """Empty the memo of dates read per sentence (the extractor does at each document)."""
    _cached_dates.cache_clear()


@lru_cache(maxsize=2048)
def _cached_dates(text: str, ref: str | None) -> tuple:
    """read_dates, memoised per (text, reference date)."""
    return tuple(read_dates(text, ref))


def read_dates(text: str, ref=None) -> list[DateMention]:
    """Every date in the text, in order, resolved against the reference date ``ref``
    (the meeting's date; ISO string or datetime.date).  Dates without a year and no
    reference are skipped: a guessed year is worse than none.

    >>> [(d.iso, d.precision) for d in find_dates("d.d. 15 maart 2023; eind juni", "2023-04-12")]
    [('2023-03-15', 'day'), ('2023-06', 'month')]
    >>> find_dates("ruimte 0.0.17 en 10.000 bedrijven")
    []
    """
    low = text.lower()
    months = _month_words(low)  # where the month names stand
    runs = _digit_runs(text) if has_digit(text) else []  # where runs of digits start
    if not runs and not months:
        return []  # most sentences: no digit, no month
    found: list[DateMention] = []
    taken: list[tuple[int, int]] = []
    r = _UNREAD  # the reference date, read when a date without a year needs it

    if runs:
        for m in _at_runs(ISO, text, runs):
            y, mo, d = int(m.group(1)), int(m.group(2)), int(m.group(3))
            if _valid(y, mo, d):
                found.append(DateMention(m.start(), m.end(), f"{y:04d}-{mo:02d}-{d:02d}", "day", m.group(0)))
                taken.append(m.span())
        for m in _at_runs(NUMERIC, text, runs):
            a, b = m.span()
            if taken and not all(b <= s or a >= e for s, e in taken):
                continue
            d, mo, y = int(m.group(1)), int(m.group(3)), m.group(4)
            y = int(y) + (2000 if len(y) == 2 else 0)
            if _valid(y, mo, d):
                found.append(DateMention(a, b, f"{y:04d}-{mo:02d}-{d:02d}", "day", m.group(0)))
                taken.append((a, b))
    if runs and months:
        for m in _textual_matches(text, runs):
            a, b = m.span()
            if taken and not all(b <= s or a >= e for s, e in taken):
                continue
            d, mname = int(m.group(1)), m.group(2).lower()
            mo = MONTHS[mname]
            if mname in ("mar", "jun", "jul", "dec", "nov", "sep", "apr", "aug") and not m.group(3):
                continue  # bare abbreviations without a year are too easily words
            y = m.group(3)
            if y:
                y = y.lstrip("'")
                y = int(y) + (2000 if len(y) == 2 else 0)
            else:
                if r is _UNREAD:
                    r = _ref(ref)
                y = _year_for(mo, d, r, _direction(text, b))
            if y and _valid(y, mo, d):
                found.append(DateMention(a, b, f"{y:04d}-{mo:02d}-{d:02d}", "day", m.group(0)))
                taken.append((a, b))
    if months:
        for m in _month_only_matches(text, low, months):
            a, b = m.start(2), m.end()
            if taken and not all(b <= s or a >= e for s, e in taken):
                continue
            mname = m.group(2).lower()
            if len(mname) <= 3 and mname not in ("mei",):
                continue
            mo = MONTHS[mname]
            if m.group(3):
                y = int(m.group(3))
            else:
                if r is _UNREAD:
                    r = _ref(ref)
                y = _year_for(mo, 15, r)
            if y:
                found.append(DateMention(a, b, f"{y:04d}-{mo:02d}", "month", m.group(0)[a - m.start():]))
                taken.append((a, b))
    if len(found) > 1:
        found.sort(key=lambda d: d.start)
    return found


def has_digit(text: str) -> bool:
    """Whether the text holds a digit (what ``\\d`` matches): ten one-character searches
    (memchr) for 0-9, and the regex only for a text that is not all ASCII.

    >>> has_digit("op 3 mei"), has_digit("in mei"), has_digit("\u0663 mei")
    (True, False, True)
    """
    for c in "0123456789":
        if c in text:
            return True
    return not text.isascii() and _DIGIT.search(text) is not None


_DIGIT = re.compile(r"\d")


def _digit_runs(text: str) -> list[int]:
    """Where the runs of digits (``\\d+``) start, in order.  An ASCII text (nearly every
    sentence), whose digits are 0-9, is read as bytes with the digits made '0' and all else
    ' ': two str.find per run, where the regex engine costs ~100 instructions a character
    (a pattern opening with a class has no literal to scan for).

    >>> _digit_runs("op 12-04-2023 om 10.00"), _digit_runs("\u0663\u0664 mei 2023")
    ([3, 6, 9, 17, 20], [0, 7])
    """
    if not text.isascii():
        return [m.start() for m in _DIGIT_RUN.finditer(text)]
    shape = text.encode().translate(_DIGIT_SHAPE)
    runs = []
    i = shape.find(b"0")
    while i >= 0:
        runs.append(i)
        end = shape.find(b" ", i)
        if end < 0:
            break
        i = shape.find(b"0", end)
    return runs


_DIGIT_SHAPE = bytes(ord("0") if chr(c).isdigit() and c < 128 else ord(" ") for c in range(256))
_UNREAD = object()
_LETTERS = frozenset("abcdefghijklmnopqrstuvwxyz")


def _month_words(low: str) -> list[int]:
    """Where the month names stand in the lower-cased text, as whole words (maximal runs of
    a-z, as ``_WORD`` finds them), in order.  Found from the month stems (every month name
    holds one, see _MONTH_STEMS) instead of splitting the whole text into words: most texts
    hold no stem at all."""
    out = []
    for stem in _MONTH_STEMS:
        i = low.find(stem)
        while i >= 0:
            j = i
            while j and low[j - 1] in _LETTERS:
                j -= 1
            word = _WORD.match(low, j)
            if word.group(0) in _MONTH_NAMES and j not in out:
                out.append(j)
            i = low.find(stem, word.end())
    if len(out) > 1:
        out.sort()
    return out


# The words MONTH_ONLY opens with (its first group, in lower case)
_MONTH_ONLY_OPENERS = frozenset(("in", "begin", "eind", "einde", "medio", "half", "halverwege", "per", "vanaf", "tot",
                                 "na", "voor"))


def _word_before(text: str, low: str, pos: int) -> tuple[int, str] | None:
    """The run of a-z letters that ends where the whitespace before pos begins: (its start,
    the word); None when no whitespace stands right before pos."""
    j = pos
    while j and text[j - 1].isspace():
        j -= 1
    if j == pos:
        return None
    k = j
    while k and low[k - 1] in _LETTERS:
        k -= 1
    return k, low[k:j]


def _month_only_matches(text: str, low: str, months: list[int]) -> list[re.Match]:
    """``MONTH_ONLY.finditer(text)``, tried only where it can start: at the word before a
    month name ('in juli') or the word before 'de maand' before one ('in de maand juli'),
    when that word is one MONTH_ONLY opens with.  Left to right and resuming after each
    match as finditer does.  Exact when lower-casing keeps every position and the text has
    none of the letters that case-insensitive matching takes for 'i' or 's' while lower()
    does not (ı, ſ): otherwise plain finditer."""
    if len(low) != len(text) or "\u0131" in text or "\u017f" in text:
        return list(MONTH_ONLY.finditer(text))
    starts = []
    for p in months:
        w = _word_before(text, low, p)
        if w is None:
            continue
        if w[1] in _MONTH_ONLY_OPENERS:
            starts.append(w[0])
        elif w[1] == "maand":  # 'in de maand juli'
            de = _word_before(text, low, w[0])
            if de is not None and de[1] == "de":
                opener = _word_before(text, low, de[0])
                if opener is not None and opener[1] in _MONTH_ONLY_OPENERS:
                    starts.append(opener[0])
    if not starts:
        return []
    if len(starts) > 1:
        starts = sorted(set(starts))
    return _at_runs(MONTH_ONLY, text, starts)


def _at_runs(rx: re.Pattern, text: str, runs: list[int]) -> list[re.Match]:
    """``rx.finditer(text)`` for a pattern whose matches can only start at `runs` (sorted):
    ISO and NUMERIC where a run of digits starts (their look-behind forbids a digit
    before), MONTH_ONLY at its opening words.  An anchored match at those few places
    instead of the regex engine trying every position."""
    out, pos = [], 0
    for g in runs:
        if g >= pos:
            m = rx.match(text, g)
            if m:
                out.append(m)
                pos = m.end()
    return out


def _textual_matches(text: str, runs: list[int]) -> list[re.Match]:
    """``TEXTUAL.finditer(text)``, anchored like :func:`_at_runs`: the day number starts a
    run of digits, and the match starts there or, with a weekday, at the weekday
    ('woensdag 12 april'; at most 11 characters and the spaces before the day)."""
    out, pos = [], 0
    for g in runs:
        if g < pos:
            continue
        m = TEXTUAL.match(text, g)
        if not m:
            continue
        j = g
        while j > pos and text[j - 1].isspace():
            j -= 1
        if j < g:
            w = _WEEKDAY_BEFORE.search(text, max(pos, j - 11), g)
            if w:
                m = TEXTUAL.match(text, w.start())
        out.append(m)
        pos = m.end()
    return out


def parse_date(text: str, ref=None) -> str | None:
    """The first date in ``text`` as ISO, or None.

    >>> parse_date("woensdag 12 april 2023"), parse_date("20 april", "2023-04-12"), parse_date("geen")
    ('2023-04-12', '2023-04-20', None)
    """
    dates = find_dates(text, ref)
    return dates[0].iso if dates else None


def compare(a: str, b: str) -> int:
    """Compare two ISO dates of possibly different precision: -1, 0 (same, or one
    contains the other) or 1.

    >>> compare("2023-04-20", "2023-04-12"), compare("2023-04", "2023-04-12"), compare("2023-03-15", "2023-04")
    (1, 0, -1)
    """
    n = min(len(a), len(b))
    x, y = a[:n], b[:n]
    return (x > y) - (x < y)
