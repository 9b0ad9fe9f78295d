"""Normalise the text of published minutes before anything reads it.

Published minutes come out of PDF text layers and WOO redaction tools: lines broken
mid-sentence (often with blank lines between every line), words split over lines
(``Midden-`` + ``Limburg``), ``Zuid- Limburg``, curly quotes, page numbers, running
headers and footers, and WOO stamps such as ``5.1.2e`` where a name was blanked.

:func:`clean_lines` does the line-level work and records every removed WOO stamp as a
:class:`Redaction`; :func:`join_paragraphs` re-joins wrapped lines into paragraphs
while keeping structure lines (headings, list entries, ``Actiepunt:`` lines) apart;
:func:`normalise` does both.

>>> n = normalise("Samenwerking Midden-\\n\\nLimburg (SML) is ‘actief’.\\nWethouder 5.1.2e belt.")
>>> n.paragraphs
["Samenwerking Midden-Limburg (SML) is 'actief'.", 'Wethouder belt.']
>>> [r.stamp for r in n.redactions]
['5.1.2e']
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

# Characters PDF text layers and word processors bring along.
_CHAR_MAP = str.maketrans({
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'", "`": "'",
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u00ab": '"', "\u00bb": '"',
    "\u00a0": " ", "\u2007": " ", "\u202f": " ", "\u2009": " ", "\u200b": "", "\u00ad": "",
    "\ufb01": "fi", "\ufb02": "fl", "\u2212": "-", "\u2010": "-", "\u2011": "-",
})

_REPLACEMENTS = tuple((chr(c), plain) for c, plain in _CHAR_MAP.items())

# WOO (5.1.1 a-e, 5.1.2 a-i, 5.2) and old WOB (10.1, 10.2) redaction stamps.
WOO_STAMP = re.compile(r"(?<![\w.])(?:5\.1\.[12]|5\.2|10\.[12])\.?\s?[a-i]?(?:\s?\(\d\))?(?![\w.])"
                       r"|(?<![\w.])5\.1\.[12]\s?[a-i](?=\w)")
PAGE_NUMBER = re.compile(r"^\s*[-–]?\s*(?:(?:pagina|page|blz\.?|p\.)\s*)?\d{1,3}\s*(?:(?:van|of|/)\s*\d{1,3})?\s*[-–]?\s*$",
                         re.I)
SENTENCE_END = re.compile(r"[.:;?!]\"?\)?$")
# A line that starts a structural unit: numbered item, list dash or bullet, action line.
ACTION_LINE = re.compile(r"^\s*(?:\d{1,2}[.)]\s*)?(?:Actiepunt(?:en)?|Actie|Acties|Besluit|Afspraak)\s*"
                         r"(?:\((?P<owner>[^()]*)\)\s*)?:", re.I)
NUMBERED = re.compile(r"^\s*\d{1,2}[.)]\s+\S")
BULLET = re.compile(r"^\s*(?:[-–•*·]\s+|\(\s*\)|\(\w)")
DIGITS = re.compile(r"\d+")
_DASH_ITEM = re.compile(r"^[-–•*·]\s")
_PAREN_LINE = re.compile(r"^\(\s*\w[^)]*\)\s*$")


@dataclass
class Redaction:
    """A WOO stamp removed from the text: the stamp, the line (1-based) and the words around it."""
    stamp: str
    line: int
    context: str


@dataclass
class Normalised:
    """A normalised document: cleaned lines, the redactions removed from them, and the lines re-joined into paragraphs."""
    lines: list[str]  # cleaned lines, blank lines kept
    redactions: list[Redaction] = field(default_factory=list)
    _paragraphs: list[str] | None = None

    @property
    def paragraphs(self) -> list[str]:
        """Wrapped lines re-joined (computed on first use: the extractor joins the body alone)."""
        if self._paragraphs is None:
            self._paragraphs = join_paragraphs(self.lines)
        return self._paragraphs

    @property
    def text(self) -> str:
        """The paragraphs as one text, one paragraph a line."""
        return "\n".join(self.paragraphs)


def fix_characters(text: str) -> str:
    """Curly quotes to straight ones, odd spaces to spaces, ligatures and soft hyphens out.

    >>> fix_characters("BO’s “Wonen”")
    'BO\\'s "Wonen"'
    """
    # one fast substring test per odd character (a replace only for those present) is ~10x
    # faster than a regex over the odd characters, itself ~30x faster than str.translate's
    # per-character dictionary look-up; no replacement brings in an odd character again
    for odd, plain in _REPLACEMENTS:
        if odd in text:
            text = text.replace(odd, plain)
    return text


def remove_stamps(line: str, lineno: int, redactions: list[Redaction]) -> str:
    """Remove WOO stamps from one line, recording each as a Redaction.

    >>> r = []
    >>> remove_stamps("overleg met 5.1.2e van Decisio", 3, r), r[0].stamp, r[0].line
    ('overleg met  van Decisio', '5.1.2e', 3)
    """
    def repl(m):
        redactions.append(Redaction(m.group(0).strip(), lineno, line.strip()))
        return ""

    if not _may_hold_stamp(line):
        return line
    return WOO_STAMP.sub(repl, line)


def _may_hold_stamp(line: str) -> bool:
    """Whether the line holds what every WOO stamp starts with ('5.1.', '5.2', '10.1', '10.2'):
    substring tests that spare the regex most lines ('5. Rondvraag', '10.000 bedrijven')."""
    return ("5.1." in line or "5.2" in line or "10.1" in line or "10.2" in line) if "." in line else False


def join_spaced_hyphens(line: str) -> str:
    """``Zuid- Limburg`` -> ``Zuid-Limburg`` (a capitalised word, a hyphen, a space and a
    capitalised word); elliptic lists such as ``Noord- en Zuid-Limburg`` stay as they are.

    >>> join_spaced_hyphens("In Zuid- Limburg en Midden- en Noord-Limburg")
    'In Zuid-Limburg en Midden- en Noord-Limburg'
    """
    return _SPACED_HYPHEN.sub(r"\1-", line)


_SPACED_HYPHEN = re.compile(r"\b([A-Z][\w]*)- +(?=[A-Z])")


ACTION_HEAD = re.compile(r"^(?:actie(?:punt)?|omschrijving|wat|taak)$", re.I)
OWNER_HEAD = re.compile(r"^(?:wie|eigenaar|trekker|verantwoordelijke?|actiehouder|door)$", re.I)
STATUS_HEAD = re.compile(r"^(?:status|stand van zaken|gereed|afgerond)$", re.I)
DONE_STATUS = re.compile(r"\b(?:afgerond|gereed|gedaan|done|ja|klaar|afgehandeld)\b", re.I)


def tables_to_lines(lines: list[str]) -> list[str]:
    """Tab-separated table rows (how DOCX tables are read): an action list
    ('Actie | Wie | Status') becomes 'Actiepunt: <actie> (<wie>)' lines, '(afgerond)' added
    when its status says so; other rows have their cells joined with ' - '.

    >>> tables_to_lines(["Nr\\tActie\\tWie\\tStatus", "1\\tLijst aanleveren\\tLWV\\tAfgerond", "gewone regel"])
    ['Actiepunt: Lijst aanleveren (LWV) (afgerond)', 'gewone regel']
    """
    out: list[str] = []
    cols = None  # (action, owner, status) column indexes of the current action table
    for line in lines:
        if "\t" not in line:
            cols = None
            out.append(line)
            continue
        cells = [c.strip() for c in line.split("\t")]
        heads = [i for i, c in enumerate(cells) if ACTION_HEAD.match(c)]
        if heads:
            owner = next((i for i, c in enumerate(cells) if OWNER_HEAD.match(c)), None)
            status = next((i for i, c in enumerate(cells) if STATUS_HEAD.match(c)), None)
            cols = (heads[0], owner, status)
            continue
        if cols is not None and len(cells) > cols[0] and cells[cols[0]]:
            a, o, st = cols
            owner = cells[o] if o is not None and o < len(cells) else ""
            text = f"Actiepunt: {cells[a]} ({owner})"
            if st is not None and st < len(cells) and DONE_STATUS.search(cells[st]):
                text += " (afgerond)"
            out.append(text)
            continue
        out.append(" - ".join(c for c in cells if c))
    return out


def _page_furniture(pages: list[list[str]]) -> set[str]:
    """Lines repeated at the top or bottom of most pages (digits ignored): running
    headers and footers."""
    if len(pages) < 2:
        return set()
    counts: Counter = Counter()
    for page in pages:
        body = [x.strip() for x in page if x.strip()]
        edge = set(body[:2] + body[-2:])
        counts.update({DIGITS.sub("#", x) for x in edge})
    need = max(2, (len(pages) + 1) // 2)
    return {k for k, c in counts.items() if c >= need and len(k) >= 4}


# What stays of a line in its signature (see _repeated_lines): its ASCII characters other
# than digits, '#' and whitespace (every byte of a non-ASCII character in UTF-8 is >= 0x80).
_SIGNATURE_DROP = bytes(range(0x30, 0x3A)) + b"#" + b" \t\x0b\x0c\r\x1c\x1d\x1e\x1f" + bytes(range(0x80, 0x100))


def _repeated_lines(lines: list[str], text: str | None = None) -> set[str]:
    """Without page breaks: a non-structural line of 10+ characters that recurs three or
    more times (digits ignored), each time at least 15 lines apart, is a running header
    or footer.  (``text``: the lines joined by newlines, each perhaps with the whitespace
    at its end that the line has lost, when the caller has it at hand.)"""
    # Lines with the same digit key ('Pagina # van #') have the same signature, so only
    # lines whose signature recurs three times can qualify; the signatures come from a few
    # bytes operations over the whole text, where a regex per line costs ~30x more.  A
    # line's signature drops all whitespace (ASCII whitespace is in _SIGNATURE_DROP, other
    # whitespace is non-ASCII), so the whitespace rstrip took makes no difference.
    if text is None:
        text = "\n".join(lines)
    sigs = text.encode("utf-8", "surrogatepass").translate(None, _SIGNATURE_DROP).split(b"\n")
    counts = Counter(sigs)
    recurring = {g for g, c in counts.items() if c >= 3}
    if counts[b""] == lines.count(""):
        recurring.discard(b"")  # the empty signature only stands for blank lines here
    if not recurring:
        return set()
    where: dict[str, list[int]] = {}
    for i, g in enumerate(sigs):
        if g not in recurring:
            continue
        s = lines[i].strip()
        if len(s) < 10 or s[0] in "-–•*·(" or ACTION_LINE.match(s) or NUMBERED.match(s):
            continue
        where.setdefault(DIGITS.sub("#", s), []).append(i)
    out = set()
    for key, idx in where.items():
        if len(idx) >= 3 and all(b - a >= 15 for a, b in zip(idx, idx[1:])):
            out.add(key)
    return out


def clean_lines(text: str) -> tuple[list[str], list[Redaction]]:
    """Line-level clean-up: characters, WOO stamps, page numbers, running headers and
    footers, ``Zuid- Limburg``, and words split over lines (``Midden-`` + ``Limburg``,
    ``huisvestings-`` + ``behoefte``).  Blank lines are kept (as '')."""
    text = fix_characters(text.replace("\r\n", "\n").replace("\r", "\n"))
    if "\f" in text:
        pages = [p.split("\n") for p in text.split("\f")]
        furniture = _page_furniture(pages)
        raw = [x for p in pages for x in p]
    else:  # one page: no page furniture to find
        furniture, raw = set(), text.split("\n")
    if "\t" in text:
        raw = tables_to_lines(raw)
    lines = list(map(str.rstrip, raw))  # a blank line becomes ''
    # one page and no table: the text is these lines (before rstrip) joined by newlines
    furniture |= _repeated_lines(lines, text if "\f" not in text and "\t" not in text else None)
    redactions: list[Redaction] = []
    # Few lines change (~6 of 330): only a line of running furniture, a short line ending in a
    # digit or dash (a page number), one with a stamp ('5.1.2e') or a spaced hyphen; and only
    # lines ending in a hyphen ('Midden-') can be joined with the next one.
    todo = [i for i, s in enumerate(lines) if s and (furniture or s[-1] in "-–" or "- " in s
                                                     or (("5." in s or "10." in s) and _may_hold_stamp(s))
                                                     or (len(s) < 24 and s[-1].isdigit()))]
    for i in todo:
        s = lines[i]
        # a page number ends in a digit or a dash
        if (furniture and DIGITS.sub("#", s.strip()) in furniture) or \
                (len(s) < 24 and (s[-1].isdigit() or s[-1] in "-–") and PAGE_NUMBER.match(s)):
            lines[i] = ""
            continue
        if _may_hold_stamp(s):
            s = remove_stamps(s, i + 1, redactions)
        lines[i] = join_spaced_hyphens(s) if "- " in s else s
    # the lines not in todo are as they were: none of them ends in a hyphen
    return _join_split_words(lines, [i for i in todo if lines[i].rstrip().endswith("-")]), redactions


def _join_split_words(lines: list[str], ends: list[int] | None = None) -> list[str]:
    """Re-join words split over lines: 'Midden-' + 'Limburg' -> 'Midden-Limburg', 'huisvestings-' + 'behoefte' -> 'huisvestingsbehoefte'; an elliptic 'Noord- en' stays.
    (``ends``: the indexes of the lines ending in a hyphen, in order, when the caller knows them.)"""
    out = list(lines)
    if ends is None:
        ends = [i for i, line in enumerate(out) if "-" in line and line.rstrip().endswith("-")]
    for i in ends:
        line = out[i]  # as it is now: joining empties the lines after a hyphen
        if not line.rstrip().endswith("-"):
            continue
        m = _SPLIT_WORD.search(line[-60:])
        if not m:
            continue
        j = i + 1
        while j < len(out) and not out[j].strip():
            j += 1
        if j >= len(out):
            continue
        nxt = out[j].lstrip()
        w = _NEXT_WORD.match(nxt)
        if not w or w.group(1).lower() in ("en", "of", "tot"):
            continue  # 'op- of aanmerkingen', 'Noord-, Midden- en Zuid-': an elliptic list
        head = line[: len(line) - 60 + m.end(1)] if len(line) > 60 else line[: m.end(1)]
        joined = head + ("-" if w.group(1)[0].isupper() else "") + w.group(1)
        out[i] = joined + w.group(2)
        out[j] = ""
        for k in range(i + 1, j):
            out[k] = ""
    return out


_SPLIT_WORD = re.compile(r"([A-Za-zÀ-ÿ]{2,})-\s*$")
_NEXT_WORD = re.compile(r"([A-Za-zÀ-ÿ][\w'-]*)(.*)$")
# First characters a (stripped) line can have when ACTION_LINE, NUMBERED or _DASH_ITEM
# matches it (a digit aside): a cheap test spares the regexes for most lines.
_ACTION_FIRST = frozenset("aAbB")
_DASH_FIRST = frozenset("-–•*·")
_END_CHARS = frozenset(".:;?!\")")


def ends_sentence(s: str) -> bool:
    """Whether SENTENCE_END matches ``s``, looking at its last characters only: the pattern
    is anchored at the end ('$': also before a final newline) and at most three characters long.

    >>> ends_sentence("Zie bijlage (p. 3).\\n"), ends_sentence("Rondvraag"), ends_sentence("Besluit:")
    (True, False, True)
    """
    c = s[-1:]
    return (c in _END_CHARS or c == "\n") and SENTENCE_END.search(s[-4:]) is not None


def _is_heading(line: str) -> bool:
    """A short line without closing punctuation that starts with a capital: 'Noord-Limburg', 'Rondvraag'."""
    s = line.strip()
    return bool(s) and s[0].isupper() and len(s.split(None, 5)) <= 5 and not ends_sentence(s)


def join_paragraphs(lines: list[str]) -> list[str]:
    """Re-join wrapped lines.  A line continues the previous one when it starts in lower
    case or with '(' (an owner in parentheses after an action line), or when the previous
    line is a long line without closing punctuation (it was wrapped).  Numbered items,
    list entries and action lines always start a new paragraph; an action line is only
    continued by a lower-case or '(' line.

    >>> join_paragraphs(["Actiepunt: bellen met", "", "de LLTB", "Kennisambassadeur belt."])
    ['Actiepunt: bellen met de LLTB', 'Kennisambassadeur belt.']
    """
    rows = [(x, s) for x in lines if x and (s := x.strip())]  # the non-blank lines, raw and stripped
    widths = sorted([len(s) for _, s in rows])
    wide = widths[int(len(widths) * 0.9)] if widths else 80
    long_line = max(40, int(wide * 0.7))
    # Where most lines start flush left, an indented line opens a new paragraph.
    indent_marks_paragraph = sum([x[0] == " " for x, _ in rows]) < 0.3 * max(1, len(rows))
    paras: list[list[str]] = []
    cur: list[str] = []  # the stripped lines of the growing paragraph
    cur_is_action = False
    for line, s in rows:
        c = s[0]
        digit = c.isdigit()
        am = ACTION_LINE.match(s) if digit or c in _ACTION_FIRST else None
        if not cur:
            cur, cur_is_action = [s], bool(am)
            continue
        # ends_sentence(cur[-1]): whether the paragraph so far ends a sentence (the pattern
        # stays within its last line); asked only where the decision needs it
        if am or (digit and NUMBERED.match(s)) or (c in _DASH_FIRST and _DASH_ITEM.match(s)):
            join = False  # a numbered item, list entry or action line starts a new paragraph
        elif c.islower() or c == "(":
            join = c != "(" or not _PAREN_LINE.match(s) or cur_is_action or not ends_sentence(cur[-1])
        elif cur_is_action:
            # an action line wrapped just before its last words: 'op de agenda's' + "BO's Wonen."
            join = (not ends_sentence(cur[-1]) and len(_last_line(cur)) >= long_line and len(s.split(None, 4)) <= 4
                    and bool(_ACTION_TAIL.search(s)))
        else:
            join = (not ends_sentence(cur[-1]) and len(_last_line(cur)) >= long_line and not _is_heading(s)
                    and not (indent_marks_paragraph and line[0] == " "))
        if join:
            cur.append(s)
        else:
            paras.append(cur)
            cur, cur_is_action = [s], bool(am)
    if cur:
        paras.append(cur)
    # Whitespace runs (and NULs) become one space (_collapse_spaces: most paragraphs have
    # none).  Its test per paragraph reads each character once; looking for each of the 31
    # odd spaces in the whole text first read it 31 times (~0.3M instructions per document
    # when the text holds a character beyond Latin-1, as a '–' makes it).
    return [_collapse_spaces(p) for p in map(" ".join, paras)]


# Every whitespace character (str.isspace) but ' ', and NUL (see tests/test_extract_prefilters.py):
# none is printable, which _collapse_spaces's test relies on.
_ODD_SPACES = ("\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f\x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007"
               "\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000\x00")


def _collapse_spaces(par: str, plain: bool = False) -> str:
    """Runs of whitespace (and NULs) to one space.  Most paragraphs have none to collapse:
    without a double space and without any non-printable character (every whitespace
    character but ' ' is one, and so is NUL) the paragraph is returned as it is.
    ``plain``: the caller knows the text has no whitespace but ' ' and no NUL."""
    if "  " not in par and (plain or par.isprintable()):
        return par
    return " ".join(par.replace("\x00", " ").split())


_ACTION_TAIL = re.compile(r"(?:[.;!?]|\(\s*\))$")


def _last_line(par: list[str]) -> str:
    """The last physical line of a growing paragraph (a NUL in the text also counts as a line break)."""
    return par[-1].rsplit("\x00", 1)[-1]


def normalise(text: str) -> Normalised:
    """Clean the lines and re-join them into paragraphs (see the module docstring)."""
    lines, redactions = clean_lines(text)
    return Normalised(lines, redactions)
