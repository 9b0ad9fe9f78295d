"""The structure of a minutes document: header (title, body, date, time, place), the
Aanwezig / Afwezig lists, the agenda, and the body as paragraphs split into sentences,
each tagged with its section and whether it is an action line.

>>> m = read_structure('''Verslag Stuurgroep Wonen
... 3 oktober 2023 10:00 - 11:00 uur Stadhuis Venlo
... Aanwezig
... J. Janssen (LWV)
... – voorzitter
... Afwezig
... (gemeente Weert)
... 1. Opening
... De voorzitter opent. Actie: bellen (LLTB)
... ''')
>>> m.body_name, m.date, m.place
('Stuurgroep Wonen', '2023-10-03', 'Stadhuis Venlo')
>>> [(a.name, a.role, a.affiliation, a.present) for a in m.attendees]
[('J. Janssen', None, 'LWV', True), (None, 'voorzitter', None, True), (None, None, 'gemeente Weert', False)]
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from itertools import islice

from loaders.dates import find_dates
from loaders.minutes.lexicon import role_word
from loaders.normalise import ACTION_LINE, NUMBERED, SENTENCE_END, Normalised, ends_sentence, join_paragraphs, normalise

DOC_KIND_WORDS = r"(?:concept[- ]?)?(?:verslag(?:legging)?|notulen|besluitenlijst|actielijst|samenvatting|memo)"
ATTENDANCE_HEAD = re.compile(
    r"^\s*(aanwezig(?:en)?|present|deelnemers|(?:afwezig(?:en)?|afgemeld)(?:\s+\(?met\s+(?:kennisgeving|bericht)\)?)?|"
    r"verhinderd|met kennisgeving afwezig|"
    r"gasten|genodigden|toehoorders?)(?:\b|(?<=\)))\s*:?\s*(.*)$", re.I)
ABSENT_WORDS = ("afwezig", "afgemeld", "verhinderd", "met kennisgeving")
AGENDA_HEAD = re.compile(r"^\s*agenda\b", re.I)
MINUTES_HEAD = re.compile(r"^\s*(?:" + DOC_KIND_WORDS + r"|bespreking|besproken)\s*:?\s*$", re.I)
LABELLED = re.compile(r"^\s*(datum|tijd|tijdstip|locatie|plaats|waar|voorzitter|notulist|secretaris)\s*:\s*(.+)$", re.I)
TIME_RANGE = re.compile(r"(\d{1,2}[:.]\d{2})\s*(?:uur)?\s*(?:[-–]|tot)\s*(\d{1,2}[:.]\d{2})\s*(?:uur)?|(\d{1,2}[:.]\d{2})\s*uur")
ONLINE = re.compile(r"\s*(?:,|/|\(|\bén\b|\btevens\b|\ben\b|\bof\b)?\s*(?:tevens\s+)?(?:digitaal|online|hybride|"
                    r"(?:via\s+)?(?:ms\s+|microsoft\s+)?teams|videobellen|webex|zoom)\)?\s*$", re.I)
LIST_ITEM = re.compile(r"^\s*([-–•*·]|\d{1,2}[.)]|[a-z][.)])\s+(.+)$")
DATELINE = re.compile(r"^[A-ZÀ-Ý][A-ZÀ-Ý'/ -]{2,}\s+[-–]\s+(?=[A-Z])")
SENTENCE_BREAK = re.compile(r"([.?!]+[\"')]*)\s+(?=[\"'(]?[A-Z0-9À-Ý])")  # group 1: the sentence's last characters
INITIAL = re.compile(r"[A-Z]\.|(?:[A-Z]\.){2,}")  # 'J.', 'J.P.'
ITEM_NO = re.compile(r"^\s*(\d{1,2})[.)]\s*(.*)$")
# Abbreviations that end with a dot but do not end a sentence.
ABBREVIATIONS = {
    "d.d.", "t.a.v.", "t.b.v.", "e.e.a.", "o.a.", "m.b.t.", "i.v.m.", "bijv.", "z.s.m.", "incl.", "excl.", "evt.",
    "ca.", "nr.", "dhr.", "mevr.", "mw.", "drs.", "dr.", "ir.", "mr.", "prof.", "ing.", "n.a.v.", "i.o.m.", "i.s.m.",
    "m.n.", "resp.", "a.s.", "j.l.", "jl.", "p.m.", "o.b.v.", "v.w.b.", "c.q.", "m.i.v.", "e.d.", "t.z.t.", "z.o.z.",
    "vs.", "blz.", "bv.", "b.v.", "n.v.", "st.", "mln.", "mld.", "vnl.", "t.w.", "a/d", "i.o.", "o.l.v.", "gem.",
    "e.a.", "etc.", "enz.", "aug.", "sept.", "okt.", "nov.", "dec.", "jan.", "feb.", "mrt.", "apr.",
}


@dataclass
class Attendee:
    """One entry of an Aanwezig / Afwezig list.  A blanked name leaves name None."""
    text: str
    name: str | None
    role: str | None
    affiliation: str | None
    present: bool


@dataclass
class Sentence:
    """A sentence of the minutes with where it stands."""
    text: str
    index: int
    paragraph: int
    section: str  # title of the agenda item / heading it falls under ('' before any)
    section_no: int | None
    kind: str  # "agenda", "body" or "action"
    action_text: str | None = None  # for kind "action": the text after 'Actiepunt:'


@dataclass
class Minutes:
    """What read_structure found: header fields, attendance, agenda and the sentences of the body."""
    title: str
    body_name: str | None
    date: str | None
    time: str | None
    place: str | None
    attendees: list[Attendee]
    agenda: dict[int, str]
    sentences: list[Sentence]
    normalised: Normalised = field(repr=False, default=None)
    header_text: str = ""  # the title and header lines as written (evidence for the meeting)


def split_sentences(text: str) -> list[str]:
    """Split a paragraph into sentences on . ? ! followed by a space and an upper-case
    letter or digit, not after a known abbreviation or an initial.

    >>> split_sentences("Overleg d.d. 15 maart. Met J. Peters en e.e.a. Daarna klaar.")
    ['Overleg d.d. 15 maart.', 'Met J. Peters en e.e.a.', 'Daarna klaar.']
    """
    out, start = [], 0
    for m in _sentence_breaks(text):
        end = m.end(1)
        last = text[start:end].rsplit(None, 1)[-1]  # the last word (the slice ends in punctuation)
        lw = last.lower().strip("\"'(")
        if lw in ABBREVIATIONS and not lw.endswith(("aug.", "sept.", "okt.", "nov.", "dec.", "jan.", "feb.", "mrt.", "apr.")):
            # 'e.e.a.' at the end of a clause followed by a capital: still a sentence end
            # when the next word is a typical sentence opener.
            nxt = text[m.end():].split(" ", 1)[0]
            if nxt not in ("De", "Het", "Er", "Dit", "Deze", "Daarna", "Wanneer", "In", "Op", "Met", "Ook"):
                continue
        if last[1:2] == "." and INITIAL.fullmatch(last):
            continue  # an initial: 'J. Peters'
        out.append(text[start:end].strip())
        start = m.end()
    rest = text[start:].strip()
    if rest:
        out.append(rest)
    return out


_AFTER_DOT = frozenset(".\"')")


def _sentence_breaks(text: str) -> list:
    """The matches of SENTENCE_BREAK in ``text``, in order.  Without '?' and '!' (most
    paragraphs) a break starts at a '.', so the regex is tried only at the dots that a
    space, quote, bracket or dot follows: str.find skips the rest ~20x faster than the
    regex engine scans it."""
    if "?" in text or "!" in text:
        return list(SENTENCE_BREAK.finditer(text))
    out = []
    find, match = text.find, SENTENCE_BREAK.match
    i = find(".")
    while i >= 0:
        c = text[i + 1:i + 2]
        m = match(text, i) if c in _AFTER_DOT or c.isspace() else None
        if m:
            out.append(m)
            i = find(".", m.end())
        else:
            i = find(".", i + 1)
    return out


def parse_attendee(entry: str, present: bool) -> Attendee | None:
    """Read one list entry: 'J. Janssen (LWV)', '– Secretaris (Provincie Limburg)',
    '(kennismakelaar)', 'wethouder Peters (gemeente Venlo)', 'P. de Vries, LLTB'.

    >>> parse_attendee(" – Secretaris (Provincie Limburg) ", True)
    Attendee(text='– Secretaris (Provincie Limburg)', name=None, role='Secretaris', affiliation='Provincie Limburg', present=True)
    """
    text = entry.strip().strip(",;")
    if not text or text in ("( )", "()", "-", "–"):
        return None
    body = _LEADING_DASH.sub("", text)
    affiliation = None
    m = _LAST_PARENS.search(body)
    if m:
        affiliation = _ON_BEHALF_OPENING.sub("", m.group(1)).strip() or None  # '(namens de LLTB)'
        body = body[: m.start()].strip()
    elif "namens" in body.lower() and (m := _ON_BEHALF.search(body)) is not None:
        # 'de heer R. Hoogland namens de regio Parkstad' (the regex opens with \s: asked only
        # where the word stands)
        affiliation = body[m.end():].strip() or None
        body = body[: m.start()].strip()
    body = _EMPTY_PARENS.sub("", body).strip()
    name = role = None
    parts = [p.strip() for p in _ENTRY_PARTS.split(body) if p and p.strip()]
    for p in parts:
        words = p.split()
        rw = role_word(words[0])
        if rw and len(words) <= 4 and role is None:
            if rw.get("kind") == "title" and len(words) > 1:
                name = name or p  # 'wethouder Peters': a titled name
            else:
                role = p
        elif name is None:
            name = p
        elif affiliation is None:
            affiliation = p
    if affiliation and role is None and role_word(affiliation.split()[0]) \
            and role_word(affiliation.split()[0])["role_person"] and len(affiliation.split()) <= 2:
        role, affiliation = affiliation, None  # '(kennismakelaar)', 'Roger Holtus (voorzitter)'
    elif affiliation and name and _titled_name(affiliation) and not _titled_name(name):
        # 'gemeente Roermond (wethouder Van Reij)': the person is in the parentheses
        name, affiliation = affiliation, name
    if not (name or role or affiliation):
        return None
    return Attendee(text, name, role, affiliation, present)


def _titled_name(text: str) -> bool:
    """'wethouder Van Reij', 'gedeputeerde Satijn': a title and a name after it."""
    words = text.split()
    rw = role_word(words[0]) if len(words) > 1 else None
    return bool(rw) and rw.get("kind") == "title" and words[1][:1].isupper()


_LEADING_DASH = re.compile(r"^[-–•*·]\s*")
_ON_BEHALF = re.compile(r"\s+namens\s+(?:de\s+|het\s+)?", re.I)
_ON_BEHALF_OPENING = re.compile(r"^\s*namens\s+(?:de\s+|het\s+)?", re.I)
_LAST_PARENS = re.compile(r"\(([^()]*)\)\s*$")
_EMPTY_PARENS = re.compile(r"\(\s*\)")
_ENTRY_PARTS = re.compile(r"\s+[-–]\s+|\s*[-–]\s*$|^\s*[-–]\s*|,\s*")


def _split_inline(rest: str) -> list[str]:
    """Split 'A (LWV), B (LLTB); C' on commas and semicolons outside parentheses."""
    if "," not in rest and ";" not in rest:
        return [rest.strip()] if rest.strip() else []
    out, depth, cur = [], 0, ""
    for ch in rest:
        depth += ch == "("
        depth -= ch == ")"
        if ch in ",;" and depth <= 0:
            out.append(cur)
            cur = ""
        else:
            cur += ch
    out.append(cur)
    return [x for x in (s.strip() for s in out) if x]


def _entries(rest: str, present: bool) -> list[Attendee]:
    """The attendees of one list line: 'A (LWV), B (LLTB)', also 'Schmitz (Vaals) en Hermans
    (Sittard-Geleen)'; a plural title before the first name holds for the bare names after
    it: 'wethouders Schmitz (Vaals), Coenen (Gulpen-Wittem) en Hermans (Sittard-Geleen)'."""
    out, title = [], None
    for e in (x for part in _split_inline(rest) for x in _AND_AFTER_PARENS.split(part) if x.strip()):
        if _ON_BEHALF_OPENING.match(e):  # 'mevrouw Smeets, namens de LLTB': the entry before's party
            party = _ON_BEHALF_OPENING.sub("", e).strip()
            if out and out[-1].affiliation is None and party:
                out[-1].affiliation = party
                out[-1].text = f"{out[-1].text}, {e.strip()}"
                continue
            e = party
        words = e.split()
        if not words:
            continue
        rw = role_word(words[0]) if len(words) > 1 else None
        if rw and rw.get("kind") == "title" and rw.get("plural_form"):
            title = rw["word"]  # (parse_attendee reads the plural form itself)
            a = parse_attendee(e, present)
        elif title and rw is None and words[0][:1].isupper() and "(" in e:
            a = parse_attendee(f"{title} {e}", present)
            if a:
                a.text = e.strip().strip(",;")  # (the entry as written, for the evidence)
        else:
            title = None
            a = parse_attendee(e, present)
        if a:
            out.append(a)
    return out


_AND_AFTER_PARENS = re.compile(r"(?<=\))\s+en\s+")


def _is_stop(line: str) -> bool:
    """A line that ends an attendance list: another heading, a numbered item, an action line or a long sentence."""
    s = line.strip()
    c = s[:1]
    return bool((c in _ATTENDANCE_FIRST and ATTENDANCE_HEAD.match(s)) or (c in _AGENDA_FIRST and AGENDA_HEAD.match(s))
                or (c in _MINUTES_FIRST and MINUTES_HEAD.match(s)) or (c.isdigit() and NUMBERED.match(s))
                or _action_line(s) or (len(s) > 80 and SENTENCE_END.search(s)))


# The first characters (under re.I) of the texts ATTENDANCE_HEAD, AGENDA_HEAD and MINUTES_HEAD
# match, once stripped ('ſ' matches 's'): the regexes only for lines that start so.
_ATTENDANCE_FIRST = frozenset("apdvmgtAPDVMGT")
_AGENDA_FIRST = frozenset("aA")
_MINUTES_FIRST = frozenset("cvnbasmCVNBASMſ")


def _body_name(title: str) -> str | None:
    """The body in a minutes title ('Verslag Taskforce X 12-04-2023' -> 'Taskforce X');
    None when the title is no minutes title (a news headline)."""
    if not re.match(r"^\s*" + DOC_KIND_WORDS + r"\b", title, re.I):
        return None
    t = re.sub(r"^\s*" + DOC_KIND_WORDS + r"\s*(?:van\s+(?:de|het)\s+)?", "", title, flags=re.I)
    # 'vergadering van de Stuurgroep X, gehouden op ... te Venlo' -> 'Stuurgroep X'
    t = re.sub(r"^(?:de\s+|het\s+)?(?:vergadering|bijeenkomst|overleg|sessie)\s+van\s+(?:de\s+|het\s+)?", "", t, flags=re.I)
    t = re.sub(r",?\s+(?:gehouden|gehouden op|d\.d\.|op|te)\b.*$", "", t, flags=re.I)
    t = re.sub(r"\b(?:d\.d\.|van|op)?\s*\d{1,2}[-/. ]\S+[-/. ]\d{2,4}.*$", "", t).strip(" ,-–:")
    for d in find_dates(t):
        t = t[: d.start].strip(" ,-–:")
        break
    return t or None


def _header(lines: list[str]) -> tuple[str | None, str | None, str | None]:
    """Date, time and place from the header lines: labelled ('Datum: ...') or one line with date, time range and place."""
    date = time = place = None
    for line in lines:
        lm = LABELLED.match(line)
        if lm:
            key, val = lm.group(1).lower(), lm.group(2).strip()
            if key == "datum":
                ds = find_dates(val)
                date = date or (ds[0].iso if ds else None)
            elif key in ("tijd", "tijdstip"):
                time = time or val
            elif key in ("locatie", "plaats", "waar"):
                place = place or ONLINE.sub("", val).strip(" ,") or None
            continue
        ds = [d for d in find_dates(line) if d.precision == "day"]
        if ds and date is None:
            date = ds[0].iso
            rest = line[ds[0].end:]
            tm = TIME_RANGE.search(rest)
            if tm:
                time = tm.group(0).strip()
                rest = rest[tm.end():]
            rest = re.sub(r"^\s*(?:uur|,|te|in|locatie:?)\s*", "", rest)
            rest = ONLINE.sub("", rest).strip(" ,-–")
            if rest and place is None:
                place = rest
    return date, time, place


def read_structure(text: str | Normalised) -> Minutes:
    """Read the structure of minutes from raw text (normalised here) or a Normalised."""
    norm = text if isinstance(text, Normalised) else normalise(text)
    lines = norm.lines
    nonblank = list(islice((i for i, x in enumerate(lines) if x.strip()), 2))  # the first two non-blank lines
    title = lines[nonblank[0]].strip() if nonblank else ""
    attendees: list[Attendee] = []
    agenda: dict[int, str] = {}
    header_lines: list[str] = []
    i = nonblank[1] if len(nonblank) > 1 else len(lines)
    body_start = None
    mode, present = "header", True
    agenda_no = None
    while i < len(lines):
        raw = lines[i]
        s = raw.strip()
        i += 1
        if not s:
            continue
        c = s[0]
        am = ATTENDANCE_HEAD.match(s) if c in _ATTENDANCE_FIRST else None
        if am and (mode in ("header", "attendance") or len(s) < 60):
            mode = "attendance"
            present = not am.group(1).lower().startswith(ABSENT_WORDS)
            attendees += _entries(am.group(2), present)
            continue
        if c in _AGENDA_FIRST and AGENDA_HEAD.match(s) and mode != "agenda" and len(s) < 80 and not SENTENCE_END.search(s):
            mode, agenda_no = "agenda", None
            continue
        if c in _MINUTES_FIRST and MINUTES_HEAD.match(s):
            body_start = i
            break
        if mode == "header":
            if (c.isdigit() and NUMBERED.match(s)) or _action_line(s) or (len(s) > 80 and SENTENCE_END.search(s)):
                body_start = i - 1
                break
            header_lines.append(s)
            continue
        if mode == "attendance":
            if _is_stop(s):
                if (c.isdigit() and NUMBERED.match(s)) or _action_line(s) or len(s) > 80:
                    body_start = i - 1
                    break
                continue
            for e in _split_inline(s) if s.count(",") >= 2 and "(" not in s else [s]:
                a = parse_attendee(e, present)
                if a:
                    attendees.append(a)
            continue
        if mode == "agenda":
            nm = ITEM_NO.match(s)
            if nm:
                n = int(nm.group(1))
                if agenda_no is not None and n <= agenda_no:
                    body_start = i - 1  # numbering restarts: the minutes proper begin
                    break
                agenda_no = n
                agenda[n] = nm.group(2).strip()
            elif agenda_no is not None and len(s) < 100:
                agenda[agenda_no] = (agenda[agenda_no] + " " + s).strip()
            else:
                body_start = i - 1
                break
    if body_start is None:
        body_start = len(lines)
    date, time, place = _header([title] + header_lines)
    sentences = _sentences(lines[body_start:], agenda)
    header_text = " ".join([title] + header_lines[:4])
    return Minutes(title, _body_name(title), date, time, place, attendees, agenda, sentences, norm, header_text)


# The first two characters DATELINE can match ('VENLO - '): most paragraphs fail this cheap test.
_DATELINE_FIRST = frozenset(map(chr, [*range(ord("A"), ord("Z") + 1), *range(ord("À"), ord("Ý") + 1)]))
_DATELINE_SECOND = _DATELINE_FIRST | frozenset("'/ -")
# The first characters of a text ACTION_LINE can match (under re.I; a digit or a space aside).
_ACTION_FIRST = frozenset("aAbB")
# a heading over a list of action items, without the colon ACTION_LINE needs
ACTION_HEADING = re.compile(r"(?:\d{1,2}[.)]\s*)?(?:actiepunten|actielijst|acties|afspraken(?:lijst)?)\s*:?\s*$", re.I)
_ACTION_HEADING_FIRST = frozenset("aA0123456789")


def _action_line(par: str):
    """ACTION_LINE.match(par), the regex only when the first character allows a match."""
    c = par[:1]
    return ACTION_LINE.match(par) if c in _ACTION_FIRST or c.isdigit() or c.isspace() else None


def _sentences(lines: list[str], agenda: dict[int, str]) -> list[Sentence]:
    """The agenda items and the body as Sentences, each with its section (agenda item, numbered item or heading)."""
    out: list[Sentence] = []
    section, section_no = "", None
    # the agenda items are read too: they name meetings ('verslag d.d. 15 maart 2023')
    for n, item in agenda.items():
        for s in split_sentences(item):
            out.append(Sentence(s, len(out), -1, "Agenda", n, "agenda"))
    action_list = False  # inside an 'Actiepunten:' heading's list of items
    for p_no, par in enumerate(join_paragraphs(lines)):
        c = par[:1]  # the first character decides which patterns can match (see _action_line)
        if c in _DATELINE_FIRST and par[1:2] in _DATELINE_SECOND:
            par = DATELINE.sub("", par)  # 'VENLO - ' opening a news paragraph names no subject
            c = par[:1]
        am = ACTION_LINE.match(par) if c in _ACTION_FIRST or c.isdigit() or c.isspace() else None
        if am and not par[am.end():].strip() or c in _ACTION_HEADING_FIRST and ACTION_HEADING.match(par):
            action_list = True  # 'Actiepunten:' or a heading 'Actielijst' alone: the items follow as a list
            nm = ITEM_NO.match(par) if c.isdigit() else None
            if nm:  # '3. Actielijst': a numbered item of its own
                section_no = int(nm.group(1))
                section = agenda.get(section_no, "") or nm.group(2).strip()
            continue
        item = LIST_ITEM.match(par) if action_list else None
        if item and (not item.group(1)[:1].isdigit() or len(item.group(2).split()) >= 4):
            out.append(Sentence(par, len(out), p_no, section, section_no, "action", item.group(2).strip()))
            continue
        action_list = False
        nm = ITEM_NO.match(par) if c.isdigit() or c.isspace() else None
        if nm:
            section_no = int(nm.group(1))
            par = nm.group(2).strip()
            section = agenda.get(section_no, "")
            if not section and len(par.split(None, 6)) <= 6 and not ends_sentence(par):
                section = par
            am = _action_line(par)
            c = par[:1]
        if c.isupper() and len(par.split(None, 5)) <= 5 and not ends_sentence(par) and not am:
            section = par  # a heading: 'Noord-Limburg', 'Rondvraag'
            continue
        if not par:
            continue
        if am:
            action_text = par[am.end():].strip()
            if am.group("owner") is not None:  # 'Actie (LLTB): ...' -> owner at the end, as usual
                action_text = f"{action_text.rstrip(' .')} ({am.group('owner')})"
                par = f"{par[: am.start('owner') - 1].rstrip()}: {action_text}"
            out.append(Sentence(par, len(out), p_no, section, section_no, "action", action_text))
            continue
        for s in split_sentences(par):
            out.append(Sentence(s, len(out), p_no, section, section_no, "body"))
    return out
