"""Find entity mentions in a sentence: the gazetteer of known entities, and rules for
what the reference does not know.

Rules (all lists come from ``loaders/data``):
- titled persons: ``wethouder Peters``, ``gedeputeerde J. de Vries``, ``mevrouw Smeets``;
- appositions: ``Roger Holtus, voorzitter Stuurgroep``;
- full names with a known first name (``Johan van der Craats``), or two capitalised
  words opening a sentence before a verb (``Petro Kuijpers attendeert``);
- redacted role holders: ``Kennisambassadeur``, ``de voorzitter (van de Stuurgroep)``,
  ``vertegenwoordiger (van) Zuid-Limburg``, ``De Zuid-Limburgse vertegenwoordiger``;
- acronyms defined in parentheses: ``Samenwerking Midden-Limburg (SML)``;
- name shapes: ``Universiteit X``, ``X Hogeschool``, ``Kenniscentrum X``, ``werkgroep X``,
  ``organisatie X``, ``pilot X``, ``Servicepunt X``, ``...plan``, ``...fonds``;
- elliptic region lists: ``Noord-, Midden- en Zuid-Limburg``;
- spelling slips of known names (rapidfuzz, ratio >= 90): ``Hochshule Rhein-Waal``.

>>> [(m.label, m.name) for m in find_mentions("Wethouder Peters (gemeente Echt-Susteren) belt met de LWV.")]
[('Person', 'Peters'), ('Municipality', 'Echt-Susteren'), ('Organisation', 'LWV')]
"""
from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from functools import lru_cache
from operator import attrgetter

from rapidfuzz import fuzz, process

from loaders.minutes import lexicon as lx

CAP = r"[A-ZÀ-Ý][\w'’-]*"
PART = r"(?:[Vv]an|[Dd]e|[Dd]er|[Dd]en|[Tt]er|[Tt]en|[Tt]e|in\s+'t|op\s+de|d')"
# the first words of PART, as whole words (for a cheap pre-check of the opening rule)
PART_WORDS = frozenset({"Van", "van", "De", "de", "Der", "der", "Den", "den", "Ter", "ter", "Ten", "ten", "Te", "te",
                        "in", "op", "d'"})
INITIALS = r"(?:[A-Z]\.\s?){1,4}"
SURNAME = rf"(?:{PART}\s+)*{CAP}"
NAME_WORD_END = r"(?![\w'’-])"
WORD = re.compile(r"\w+")
INITIALS_ONLY = re.compile(r"(?:[A-Z]\.)+")
INITIALS_WORD = re.compile(INITIALS)
# two to five capitalised words; possessive (*+): giving back characters of a word can
# never make a run, so the regex fails fast at a capital that starts none
CAP_RUN = re.compile(rf"{CAP}+(?:\s++{CAP}+){{1,4}}")


@dataclass
class Mention:
    """An entity named in a sentence: character span, label, canonical name and how it
    was found.  Persons carry title/redacted; role holders carry role and qualifier."""
    start: int
    end: int
    text: str
    label: str
    name: str
    props: dict = field(default_factory=dict)
    how: str = "gazetteer"
    title: str | None = None
    redacted: bool = False
    role: str | None = None  # voorzitter, secretaris, vertegenwoordiger ... for role holders
    qualifier: "Mention | None" = None  # the body / region a role holder belongs to
    id: str = ""  # set by the resolver
    priority: int = 0


@lru_cache(maxsize=8192)  # a word's answer depends only on the word lists
def _not_name(word: str) -> bool:
    """Whether a capitalised word cannot be part of a person's name (a known entity, title, portfolio, particle, acronym or common opener)."""
    w = word.strip(",.;:()")
    return (w in lx.words("not_a_name") or w in lx.words("portfolio") or lx.role_word(w) is not None
            or w.lower() in lx.PARTICLES or bool(lx.gazetteer().get(lx.fold(w))) or w.isupper()
            # a title after a hyphen: 'VVD-wethouder', 'Oud-wethouder'
            or "-" in w and lx.role_word(w.rsplit("-", 1)[1]) is not None)


def gazetteer_mentions(text: str, low: str | None = None, words: frozenset | None = None) -> list[Mention]:
    """Known entities by alias, case-checked (see lexicon.case_fits).  ``words``:
    lexicon.sentence_words(text), when the caller has it."""
    out = []
    hit = lx.gazetteer_hit
    for start, end, matched in lx.gazetteer_matches(text, low, words):
        e = hit(matched)
        if e is not None:
            # (every field given by position: binding a keyword costs a third of the call)
            out.append(Mention(start, end, matched, e["label"], e["name"], dict(e["props"]), "gazetteer", None, False,
                               None, None, "", 3))
    return out


@lru_cache(maxsize=None)
def _rx() -> dict[str, re.Pattern]:
    """The person, role, elliptic-list and acronym regexes, built once from the word lists."""
    titles = lx.title_regex()
    plurals = "|".join(sorted((re.escape(w) for w, r in lx.titles().items() if r["plural_form"] and r["kind"] == "title"),
                              key=len, reverse=True))
    first = "|".join(sorted((re.escape(w) for w in lx.words("first_name")), key=len, reverse=True))
    return {
        "titled": re.compile(rf"(?<![\w-])(?i:({titles}))\s+((?:{INITIALS}\s*)?(?:{CAP}\s+)?{SURNAME}){NAME_WORD_END}"),
        "titled_at": re.compile(rf"(?i:({titles}))\s+((?:{INITIALS}\s*)?(?:{CAP}\s+)?{SURNAME}){NAME_WORD_END}"),
        "plural_titled": re.compile(rf"(?<![\w-])(?i:({plurals}))\s+((?:{SURNAME}(?:\s*\([^()]*\))?(?:\s*,\s*|\s+en\s+)?)+)"),
        "honorific": re.compile(rf"(?<![\w-])(?i:mevrouw|mevr\.|mw\.|de\s+heer|dhr\.)\s+((?:{INITIALS}\s*)?(?:{CAP}\s+)?{SURNAME}){NAME_WORD_END}"),
        "apposition": re.compile(rf"((?:{INITIALS}\s*)?{CAP}(?:\s+{PART})*\s+{CAP}),\s+(?i:({titles}))\b"),
        "comma_title": re.compile(rf",\s+(?i:{titles})\b"),  # what every apposition holds: a cheap pre-check
        "first_name": re.compile(rf"(?<![\w-])(?:{first})\s+(?:{INITIALS}\s*)?{SURNAME}(?:-{CAP})?{NAME_WORD_END}"),
        "opening": re.compile(rf"^({CAP}(?:\s+{PART})*\s+{CAP})\s+(?=[a-z])"),
        "role": re.compile(r"(?<![\w-])(?:(?P<adj>(?:Noord|Midden|Zuid)-Limburgse)\s+)?(?P<role>(?i:kennisambassadeur|"
                           r"kennismakelaar|voorzitter|secretaris|vertegenwoordiger))(?![\w])"),
        "elliptic": re.compile(r"(?<![\w-])((?:Noord|Midden|Zuid)-,?\s+)((?:(?:Noord|Midden|Zuid)-,?\s+)*)(?:en|of|&)\s+"
                               r"((?:Noord|Midden|Zuid)-Limburg)"),
        "acronym": re.compile(r"\(([A-Z][A-Za-z0-9&]*[A-Z0-9][A-Za-z0-9&]*)\)"),
    }


def _at_words(rx: re.Pattern, text: str, firsts, low: str | None = None) -> list[re.Match]:
    """rx matched only where one of the (lower-case) words starts, left to right: a
    str.find per word instead of a regex trying every position of the sentence."""
    low = text.lower() if low is None else low
    starts = set()
    for w in firsts:
        i = low.find(w)
        while i >= 0:
            if i == 0 or not (low[i - 1].isalnum() or low[i - 1] == "-"):
                starts.add(i)
            i = low.find(w, i + 1)
    return _anchored(rx, text, starts)


def _anchored(rx: re.Pattern, text: str, starts) -> list[re.Match]:
    """What rx.finditer(text) finds, tried only at the given start positions (which must
    include every position where rx can match): leftmost first, no overlaps."""
    out, done = [], 0
    for i in sorted(starts):
        if i < done:
            continue
        m = rx.match(text, i)
        if m:
            out.append(m)
            done = m.end()
    return out


def _found(text: str, needles, out: set) -> set:
    """Add to out every position where one of the needles occurs in text."""
    for w in needles:
        i = text.find(w)
        while i >= 0:
            out.add(i)
            i = text.find(w, i + 1)
    return out


def _cut_at_known(mstart: int, name_start: int, name: str, gaz: list[Mention]) -> str:
    """'Bouten van Horst' + gazetteer 'Horst aan de Maas': cut the name before the known
    entity and drop trailing particles -> 'Bouten'."""
    end = name_start + len(name)
    for g in gaz:
        if name_start < g.start < end:
            name = name[: g.start - name_start]
    words = name.split()
    while words and words[-1].lower() in lx.PARTICLES:
        words.pop()
    return " ".join(words)


@lru_cache(maxsize=None)
def _title_words() -> frozenset:
    """First words of every title and role word (pre-check before the titled-person regex)."""
    return frozenset(w.split()[0] for w in lx.titles())


class _Spellings(dict):
    """Word in lower case -> its spellings in a word list, with ``keys_set`` (a frozenset
    of the keys, for a fast intersection with a sentence's words)."""

    def __init__(self, words):
        super().__init__()
        for w in sorted(words):
            self[w.lower()] = self.get(w.lower(), ()) + (w,)
        self.keys_set = frozenset(self)


@lru_cache(maxsize=None)
def _first_names_lower() -> dict[str, tuple]:
    """The known first names in lower case (pre-check before the first-name regex) ->
    their spellings, and the names that are not one word (always looked for)."""
    return _Spellings(lx.words("first_name")), tuple(w for w in lx.words("first_name") if not WORD.fullmatch(w))


@lru_cache(maxsize=None)
def _noun_suffixes() -> tuple:
    """Word endings of common nouns ('Regeling', 'Zaken'): such a word is no name."""
    return tuple(lx.words("noun_suffix"))


@lru_cache(maxsize=None)
def _plural_titles() -> frozenset:
    """Plural political titles ('wethouders', 'gedeputeerden') in lower case."""
    return frozenset(w for w, r in lx.titles().items() if r["plural_form"] and r["kind"] == "title")


HONORIFICS = frozenset({"mevrouw", "mevr", "mw", "heer", "dhr"})
ROLES = frozenset({"kennisambassadeur", "kennismakelaar", "voorzitter", "secretaris", "vertegenwoordiger"})


def _words(text: str) -> frozenset:
    """The lower-case words of a sentence, for cheap pre-checks before a regex runs."""
    return frozenset(WORD.findall(text.lower()))


@lru_cache(maxsize=None)
def _trigger_words() -> frozenset:
    """Every lower-case word a pre-check below asks about: titles, honorifics, role
    words, first names, name-shape heads and tails."""
    return frozenset(_title_words() | _plural_titles() | HONORIFICS | ROLES | _first_names_lower()[0].keys_set
                     | _shape_words()[0].keys_set | _shape_words()[1])


@lru_cache(maxsize=4096)  # keyed by a word as written ('Zuid-Limburg', 't.a.v.'), not by sentence
def _triggers_inside(token: str) -> frozenset:
    """The trigger words among the parts of a token with a dot, dash, slash or apostrophe."""
    return _trigger_words().intersection(WORD.findall(token))


def _sentence_triggers(text: str, sentence_words: frozenset | None = None) -> frozenset:
    """The trigger words among the words of a sentence: ``_words(text) & _trigger_words()``,
    taken from lexicon.sentence_words (which every rule asks for anyway) rather than a
    second pass over the text: its plain tokens are whole words, the others (with . ' / -)
    are split."""
    found = _trigger_words().intersection(lx.sentence_words(text) if sentence_words is None else sentence_words)
    for t in lx.joined_words(text):  # (the words sentence_words found with . ' / -)
        inside = _triggers_inside(t)
        if inside:
            found = found | inside
    return found


def _opening_person(text: str, gaz: list[Mention], rx: dict, out: list[Mention]) -> None:
    """Two capitalised words opening a sentence before a verb ('Petro Kuijpers
    attendeert'), added to out when they are no known entity, title or name shape."""
    # the opening rule needs a capitalised first word, then a capitalised word or a
    # particle, then a third word ('De voorzitter opent' has none): checked before its regex
    first = text.split(None, 2)
    if len(first) != 3 or first[0][:1] not in CAPITALS or not (first[1][:1] in CAPITALS or first[1] in PART_WORDS):
        return
    # The regex's first word is the sentence's first word (its CAP must reach the space),
    # and the test below refuses every capitalised word that is no name: 'De', 'In', 'Het'
    # open most sentences that get this far, and no regex is needed to refuse them.
    if first[0][:1].isupper() and _not_name(first[0]):
        return
    om = rx["opening"].match(text)
    if om:
        suffixes = _noun_suffixes()
        if not any(_not_name(w) or w.lower().endswith(suffixes) for w in om.group(1).split() if w[:1].isupper()) \
                and not any(g.start < om.end(1) for g in gaz) and not _shape_word(om.group(1)):
            out.append(Mention(0, om.end(1), om.group(1), "Person", om.group(1), how="opening", priority=1))


@lru_cache(maxsize=None)
def _person_words() -> frozenset:
    """Every word that lets a person rule below the opening one fire: titles, plural
    titles, honorifics, first names (lower case)."""
    return _title_words() | _plural_titles() | HONORIFICS | _first_names_lower()[0].keys_set


def _persons_by_word(text: str, gaz: list[Mention], words: frozenset, low: str | None, rx: dict,
                     out: list[Mention]) -> None:
    """The person rules a word sets off (a title, a plural title, an honorific, a first
    name), added to out."""
    present_titles = words & _title_words()
    has_title = bool(present_titles)
    titled = _at_words(rx["titled_at"], text, present_titles, low) if has_title else []
    if has_title and "-" in text:  # 'VVD-wethouder Peters', 'CDA-gedeputeerde Mevis': a party before the title
        titled += _party_titled(text, present_titles, low, rx)
    for m in titled:
        role = lx.role_word(m.group(1))
        if role is None or role["plural_form"]:
            continue
        name = _cut_at_known(m.start(), m.start(2), m.group(2), gaz)
        last = name.split()[-1] if name else ""
        first_word = next((w for w in name.split() if not INITIALS_ONLY.fullmatch(w)), "") if name else ""
        if not name or _not_name(last) or (first_word.lower() not in lx.PARTICLES and _not_name(first_word)):
            continue
        start = m.start(2)
        # 'oud-wethouder Peters', 'ex-gedeputeerde X': a person, no longer holding the title
        # (the words stand right before the title: searched in the 16 characters there, as
        # a regex opening with a look-behind scans at ~100 instructions a character)
        title = None if m.start() and FORMER.search(text, max(0, m.start() - 16), m.start()) else role["word"]
        out.append(Mention(start, start + len(name), name, "Person", name, how="titled", title=title, priority=2))
    # 'de wethouders Janssen (Venlo) en Peters (Venray)': a plural title before a list of names
    for m in (rx["plural_titled"].finditer(text) if not words.isdisjoint(_plural_titles()) else ()):
        role = lx.role_word(m.group(1))
        for nm in re.finditer(rf"(?:(?<=\s)|^){SURNAME}{NAME_WORD_END}", m.group(2)):
            name = nm.group(0)
            start = m.start(2) + nm.start()
            if any(g.start <= start < g.end for g in gaz) or _not_name(name.split()[-1]):
                continue
            if text[: start].rstrip().endswith("(") or re.search(r"\([^()]*$", text[m.start(2):start]):
                continue  # inside a parenthesis: '(Venlo)'
            out.append(Mention(start, start + len(name), name, "Person", name, how="titled", title=role["word"],
                               priority=2))
    for m in (rx["honorific"].finditer(text) if words & HONORIFICS else ()):
        name = _cut_at_known(m.start(), m.start(1), m.group(1), gaz)
        if name and not _not_name(name.split()[-1]):
            out.append(Mention(m.start(1), m.start(1) + len(name), name, "Person", name, how="honorific", priority=2))
    for m in (rx["apposition"].finditer(text) if has_title and "," in text and rx["comma_title"].search(text) else ()):
        name = m.group(1)
        if any(_not_name(w) for w in name.split() if w[:1].isupper() and not INITIALS_WORD.fullmatch(w)):
            continue
        role = lx.role_word(m.group(2))
        out.append(Mention(m.start(1), m.end(1), name, "Person", name, how="apposition", title=role["word"],
                           priority=2))
    firsts, odd_firsts = _first_names_lower()
    present = words & firsts.keys_set
    # a first name followed by a space is a whole word: tried only where one is written
    for m in (_anchored(rx["first_name"], text, _found(text, [w for f in present for w in firsts[f]] + list(odd_firsts),
                                                           set())) if present else ()):
        name = _cut_at_known(m.start(), m.start(), m.group(0), gaz)
        if len(name.split()) < 2 or _not_name(name.split()[-1]):
            continue
        out.append(Mention(m.start(), m.start() + len(name), name, "Person", name, how="first_name", priority=2))


# a party ('VVD-', 'GroenLinks-') or 'oud-' / 'ex-' (FORMER) joined to a title by a hyphen,
# ending where the title starts
PARTY_PREFIX = re.compile(r"(?<![\w-])[A-Za-z][A-Za-z0-9]{0,11}-\Z")
FORMER = re.compile(r"(?<![\w-])(?:oud|ex|voormalig)-?\s*$", re.I)


def _party_titled(text: str, titles, low: str | None, rx: dict) -> list[re.Match]:
    """The titled-person matches at a title written after a party and a hyphen ('VVD-wethouder
    Peters'), which the word boundary before a title keeps out of _at_words."""
    low = text.lower() if low is None else low
    starts = set()
    for t in titles:  # each '-<title>', then the prefix checked in the 13 characters before it
        i = low.find("-" + t)
        while i >= 0:
            if PARTY_PREFIX.search(text, max(0, i - 12), i + 1):
                starts.add(i + 1)
            i = low.find("-" + t, i + 1)
    return _anchored(rx["titled_at"], text, starts) if starts else []


CAPITALS = frozenset(chr(c) for c in range(ord("A"), ord("Z") + 1)) | frozenset(chr(c) for c in range(0xC0, 0xDE))


def _shape_word(name: str) -> bool:
    """Whether a name starts or ends with a name-shape word (Universiteit, Stichting, ...): an organisation, not a person."""
    words = name.split()
    for row in lx.shapes():
        if row["position"] == "head" and words[0] == row["word"]:
            return True
        if row["position"] == "tail" and words[-1] == row["word"]:
            return True
    return False


ROLE_ADJECTIVES = ("Noord-Limburgse", "Midden-Limburgse", "Zuid-Limburgse")
ALS_BEFORE = re.compile(r"\bals$", re.I)
QUALIFIER_GAP = re.compile(r"\s*(?:(?:van|voor|bij)\s+)?(?:(?:de|het)\s+)?(?:regio\s+|gemeente\s+)?", re.I)
QUALIFIER_LABELS = ("Body", "Region", "Organisation", "Municipality")


def role_mentions(text: str, others: list[Mention], words: frozenset | None = None,
                  low: str | None = None) -> list[Mention]:
    """Redacted role holders.  The qualifier (body, region, organisation) is the entity
    right after the role ('voorzitter (van de) Stuurgroep', 'vertegenwoordiger van de
    regio Noord-Limburg') or the region adjective before it ('Zuid-Limburgse')."""
    out = []
    present = (_words(text) if words is None else words) & ROLES
    if not present:
        return out
    rx = _rx()["role"]
    low = text.lower() if low is None else low
    if len(low) == len(text):  # the role regex tried only where a role word or region adjective starts
        starts = _found(low, present, set())
        if "-Limburgse" in text:
            _found(text, ROLE_ADJECTIVES, starts)
        found = _anchored(rx, text, starts)
    else:
        found = rx.finditer(text)
    for m in found:
        role = m.group("role").lower()
        if role == "vertegenwoordiger" and ALS_BEFORE.search(text[: m.start("role")].rstrip()):
            continue  # 'als vertegenwoordiger voor ...' says what someone would be, not who
        qualifier = None
        for o in others:
            if o.start >= m.end() and o.label in QUALIFIER_LABELS and QUALIFIER_GAP.fullmatch(text, m.end(), o.start):
                qualifier = o
                break
        if m.group("adj"):
            region = m.group("adj")[:-2]  # Zuid-Limburgse -> Zuid-Limburg
            e = lx.gazetteer_lookup(region, "Region")
            if e:
                qualifier = Mention(m.start("adj"), m.end("adj"), m.group("adj"), "Region", e["name"],
                                    dict(e["props"]))
        if role == "vertegenwoordiger" and qualifier is None:
            continue
        start, end = m.start("role"), m.end("role")
        out.append(Mention(start, end, text[start:end], "Person", role, how="role", redacted=True,
                           title=role, role=role, qualifier=qualifier, priority=1))
    return out


def elliptic_regions(text: str) -> list[Mention]:
    """'Noord-, Midden- en Zuid-Limburg' names three regions."""
    out = []
    for m in _rx()["elliptic"].finditer(text):
        heads = [(m.start(1), m.group(1))]
        for h in re.finditer(r"(Noord|Midden|Zuid)-", m.group(2)):
            heads.append((m.start(2) + h.start(), h.group(0)))
        for pos, h in heads:
            name = h.rstrip(", ").rstrip("-") + "-Limburg"
            e = lx.gazetteer_lookup(name, "Region")
            out.append(Mention(pos, pos + len(h.rstrip(", ")), h.rstrip(", "), "Region", e["name"], dict(e["props"]),
                               "elliptic", priority=3))
    return out


NON_SPACE = re.compile(r"\S+")
CODE_WORD = re.compile(r"[A-Z0-9][\w'’&-]*")
APP_AFTER = re.compile(r"\s+app\b")


def _name_run(text: str, pos: int, max_words: int = 8) -> int:
    """End of a run of capitalised words (particles allowed inside) starting at pos."""
    end = pos
    n = 0
    particle = False  # the word before was a particle
    for w in NON_SPACE.finditer(text, pos):
        word = w.group(0)
        core = word.rstrip(",.;:)")
        if n >= max_words:
            break
        if particle and core[:1].isdigit():
            break  # 'het BO Wonen van 12 februari', 'op 18 april': a date, not the name's number
        if core[:1].isupper() or core[:1].isdigit() and n > 0 or CODE_WORD.fullmatch(core):
            end = w.start() + len(core)
            n += 1
            particle = False
            if core != word:
                break
        elif core.lower() in lx.PARTICLES or core in ("a/d", "aan", "en", "&"):
            n += 1
            particle = True
            continue
        else:
            break
    return end


@lru_cache(maxsize=None)
def _shape_rx() -> dict[str, tuple[re.Pattern, dict]]:
    """The head, tail and suffix name-shape regexes, each one alternation, built once."""
    sx = lx.shape_regexes()
    head_alt, head_rows = sx["head"]
    tail_alt, tail_rows = sx["tail"]
    suf_alt, suf_rows = sx["suffix"]
    return {
        "head": (re.compile(rf"(?<![\w-])({head_alt})\s+(?=[A-Z0-9])"), head_rows),
        "tail": (re.compile(rf"((?:{CAP}\s+){{1,3}})({tail_alt})(?![\w])"), tail_rows),
        "suffix": (re.compile(rf"(?<=\s)((?:\d[\d.]*\s+)?[A-Z][a-z]{{3,}}({suf_alt}))(?![\w])"), suf_rows),
    }


@lru_cache(maxsize=None)
def _shape_words() -> tuple[dict, frozenset, tuple]:
    """Head words in lower case -> their spellings (the head regex is case-sensitive), the
    tail words in lower case, and the suffixes."""
    sx = lx.shape_regexes()
    return _Spellings(sx["head"][1]), frozenset(w.lower() for w in sx["tail"][1]), tuple(sx["suffix"][1])


def _suffix_after_letter(text: str, suffixes: tuple) -> bool:
    """Whether a suffix ('plan', 'agenda') ends a lower-case letter run, as in
    'Actieplan': what the suffix regex needs ('de agenda' is not such a name)."""
    for s in suffixes:
        if s not in text:
            continue  # (the usual case: 'in' is cheaper than find)
        j = text.find(s)
        while j > 0:
            if "a" <= text[j - 1] <= "z":
                return True
            j = text.find(s, j + 1)
    return False


def _suffixed_names(text: str, rx: dict, out: list[Mention]) -> None:
    """Names ending in a name-shape suffix ('Actieplan', 'Investeringsfonds'), added to out."""
    suffix, rows = rx["suffix"]
    for m in suffix.finditer(text):
        label = rows[m.group(2)]["label"]
        out.append(Mention(m.start(1), m.end(1), m.group(1), label, m.group(1), {}, "shape", priority=1))


def _shapes_by_word(text: str, words: frozenset, rx: dict, out: list[Mention]) -> None:
    """Names that start or end with a name-shape word of the sentence, added to out."""
    heads, tails, _ = _shape_words()
    head, rows = rx["head"]
    # a head word followed by a space is a whole word of the sentence: the head regex is
    # tried only where one of the sentence's head words is written
    present = words & heads.keys_set
    for m in (_anchored(head, text, _found(text, [w for h in present for w in heads[h]], set())) if present else ()):
        row = rows[m.group(1)]
        label, kind = row["label"], row["kind"]
        props = {"kind": kind} if label == "Organisation" and kind else {}
        end = _name_run(text, m.end())
        if end <= m.end():
            continue
        lower_head = row["word"][0].islower()
        start = m.start() if (not lower_head or label == "Body") else m.end()
        name = text[start:end]
        if label == "Project" and lower_head and name.split()[0] in lx.words("not_a_name"):
            continue
        # a trailing lower-case 'app' belongs to an app's name: 'MyInfoNL app'
        am = APP_AFTER.match(text, end)
        if am and label == "Project":
            end = am.end()
            name = text[start:end]
        out.append(Mention(start, end, name, label, name, dict(props), "shape", priority=1))
    tail, rows = rx["tail"]
    for m in (tail.finditer(text) if not words.isdisjoint(tails) else ()):
        row = rows[m.group(2)]
        label, kind = row["label"], row["kind"]
        props = {"kind": kind} if label == "Organisation" and kind else {}
        words_ = m.group(1).split()
        while words_ and _not_name(words_[0]) and lx.gazetteer().get(lx.fold(words_[0])) is None:
            words_.pop(0)
        if not words_ or (m.start() == 0 and len(words_) == 1 and words_[0] in lx.words("not_a_name")):
            continue
        start = m.end() - len(" ".join(words_)) - 1 - len(row["word"])
        name = text[start:m.end()]
        out.append(Mention(start, m.end(), name, label, name, dict(props), "shape", priority=1))


def acronym_mentions(text: str) -> list[Mention]:
    """'Samenwerking Midden-Limburg (SML)': the long name and the acronym, one entity."""
    out = []
    for m in _rx()["acronym"].finditer(text):
        acr = m.group(1)
        if len(acr) < 2 or len(acr) > 8:
            continue
        words_ = list(re.finditer(r"\S+", text[: m.start()]))[-9:]
        run: list[re.Match] = []
        for w in reversed(words_):
            core = w.group(0)
            if core[:1].isupper() or core.lower() in lx.PARTICLES or core in ("en", "voor"):
                run.insert(0, w)
            else:
                break
        while run and not run[0].group(0)[:1].isupper():
            run.pop(0)
        starts = [i for i, w in enumerate(run) if w.group(0)[:1].upper() == acr[0].upper()]
        if not starts:
            continue
        first = run[starts[0]]
        long_name = text[first.start(): run[-1].end()]
        if len(long_name.split()) < 2 and not long_name.lower().startswith(acr.lower()[:2]):
            continue
        before = text[: first.start()].split()[-1:] or [""]
        label = "Organisation"
        if before[0].lower() in ("project", "projectvoorstel", "pilot", "initiatief", "projectaanvraag"):
            label = "Project"
        elif before[0].lower() in ("programma", "fonds", "regeling"):
            label = "Programme"
        known = lx.gazetteer_lookup(long_name) or lx.gazetteer_lookup(acr)
        props = {"acronym": acr} if label in ("Organisation", "Project") else {}
        if known:
            label, name, props = known["label"], known["name"], dict(known["props"])
        else:
            name = long_name
            if label == "Organisation":
                props["kind"] = "other"
        out.append(Mention(first.start(), run[-1].end(), long_name, label, name, props, "acronym", priority=2))
        out.append(Mention(m.start(1), m.end(1), acr, label, name, dict(props), "acronym", priority=2))
    return out


@lru_cache(maxsize=None)
def _fuzzy_choices() -> tuple[list[str], list[dict]]:
    """The multi-word gazetteer keys (folded) fuzzy matching compares with, and their entries."""
    keys, entries = [], []
    for key, es in lx.gazetteer().items():
        if len(key) >= 10 and " " in key:
            keys.append(key)
            entries.append(es[0])
    return keys, entries


@lru_cache(maxsize=4096)
def fuzzy_lookup(name: str, label: str | None = None, cutoff: float = 90) -> dict | None:
    """The gazetteer entry a slightly misspelled multi-word name stands for.

    >>> fuzzy_lookup("Hochshule Rhein-Waal")["name"]
    'Hochschule Rhein-Waal'
    """
    keys, entries = _fuzzy_choices()
    hit = process.extractOne(lx.fold(name), keys, scorer=fuzz.ratio, score_cutoff=cutoff)
    if hit is None:
        return None
    e = entries[hit[2]]
    return e if label is None or e["label"] == label else None


def fuzzy_mentions(text: str, taken: list[Mention]) -> list[Mention]:
    """Runs of two to five capitalised words that no other rule explained (taken: the
    mentions select() chose, in text order), compared with the known multi-word names."""
    out = []
    if not _free_run_possible(text, taken):
        return out
    # (an ASCII text's runs found in its letter shapes, as _free_run_possible does: CAP_RUN
    # opens with a class, and the regex engine scans for one at ~100 instructions a character)
    runs = CAP_SHAPE_RUN.finditer(text.encode().translate(CAP_SHAPE)) if text.isascii() else CAP_RUN.finditer(text)
    for m in runs:
        ms, me = m.span()
        if me - ms < FUZZY_MIN:
            continue  # (the chunk compared is never longer than the run)
        for t in taken:
            if not (me <= t.start or ms >= t.end):
                break
        else:
            _fuzzy_run(text, ms, me, out)
    return out


FUZZY_MIN = 12  # characters of the shortest chunk compared with the known names


def _free_run_possible(text: str, taken: list[Mention]) -> bool:
    """Whether a run of capitalised words long enough to compare fits between the taken
    mentions: a run that overlaps none lies in one gap, so most sentences (their
    capitalised words all inside known names) need no look at their runs."""
    if text.isascii():  # (nearly always) the same search in the text's letter shapes, see CAP_SHAPE
        text, run = text.encode().translate(CAP_SHAPE), CAP_SHAPE_RUN
    else:
        run = CAP_RUN
    pos = 0
    for t in taken:
        if t.start - pos >= FUZZY_MIN and run.search(text, pos, t.start):
            return True
        pos = max(pos, t.end)
    return len(text) - pos >= FUZZY_MIN and run.search(text, pos) is not None


# An ASCII text's characters as CAP_RUN sees them: capitals 'A', the other characters of
# a word ([\w'-]) 'a', whitespace ' ', the rest '.'.  CAP_SHAPE_RUN finds in it the spans
# CAP_RUN finds in the text (pos and endpos alike); starting with a literal, re scans for
# it much faster than for CAP_RUN's first character class.
CAP_SHAPE = bytes(ord("A") if "A" <= chr(c) <= "Z" else ord("a") if re.fullmatch(r"[\w'-]", chr(c))
                  else ord(" ") if chr(c).isspace() else ord(".") for c in range(128)) + b"." * 128
CAP_SHAPE_RUN = re.compile(rb"A[Aa]*+(?: ++A[Aa]*+){1,4}")


def _fuzzy_run(text: str, start: int, end: int, out: list[Mention]) -> None:
    """Compare one free run of capitalised words (text[start:end]) with the known multi-word names."""
    run = text[start:end]
    words_ = run.split()
    while words_ and words_[0] in lx.words("not_a_name"):
        words_.pop(0)
    chunk = " ".join(words_)
    if len(words_) < 2 or len(chunk) < FUZZY_MIN:
        return
    e = fuzzy_lookup(chunk)
    if e:
        out.append(Mention(start, end, run, e["label"], e["name"], dict(e["props"]), "fuzzy", priority=1))


def select(cands: list[Mention]) -> list[Mention]:
    """Non-overlapping mentions: longer spans first, then higher priority."""
    if len(cands) < 2:
        return list(cands)
    by_start = sorted(cands, key=_start)
    for a, b in zip(by_start, by_start[1:]):
        if a.end > b.start or a.start == b.start:
            break
    else:  # the usual case: nothing overlaps (and no two start together), all are kept
        return by_start
    chosen: list[Mention] = []
    for c in sorted(cands, key=_rank):
        cs, ce = c.start, c.end
        for o in chosen:
            if not (ce <= o.start or cs >= o.end):
                break
        else:
            chosen.append(c)
    return sorted(chosen, key=_start)


_start = attrgetter("start")


def _rank(c: Mention) -> tuple:
    """Longer spans first, then higher priority, then leftmost."""
    return -(c.end - c.start), -c.priority, c.start


@lru_cache(maxsize=None)
def _finder_data() -> tuple:
    """What find_mentions hands its finders, built once per process: the person and role
    regexes, the name-shape regexes, the words that let a person rule fire, the name-shape
    head and tail words and the suffixes (one cached call per sentence instead of one per
    finder)."""
    heads, tails, suffixes = _shape_words()
    return _rx(), _shape_rx(), _person_words(), heads.keys_set, tails, suffixes


def _unshadowed(found: list[Mention], n: int, gaz: list[Mention]) -> tuple[list[Mention], int]:
    """The candidates select could choose beside the known names (and how many of them
    are among the first n): a candidate that spans exactly what a known name spans (the
    name shape 'Provincie Limburg', a titled person that is a known name) never is.  Same
    span, so the same length, and a lower priority: select weighs the known name first,
    and whether it takes it or drops it for an overlap, the candidate overlaps the same
    (tests/test_extract_select_shortcuts.py).  Sparing them the alias look-ups and, when
    none is left, select itself."""
    spans = {}
    for g in gaz:
        if g.end > g.start and spans.get((g.start, g.end), -1) < g.priority:
            spans[g.start, g.end] = g.priority
    kept = []
    n_kept = 0
    for i, c in enumerate(found):
        if spans.get((c.start, c.end), -1) > c.priority:
            continue  # (a span in spans is not empty)
        kept.append(c)
        if i < n:
            n_kept += 1
    return (found, n) if len(kept) == len(found) else (kept, n_kept)


def find_mentions(text: str) -> list[Mention]:
    """All entity mentions of one sentence, non-overlapping, in text order.

    The sentence's trigger words are found once and each finder runs only when they (or a
    character test) say one of its rules can fire (most sentences call none of the person
    and name-shape rules)."""
    rx, shape_rx, person_words, heads, tails, suffixes = _finder_data()
    low = text.lower()
    sentence_words = lx.sentence_words(text)
    words = _sentence_triggers(text, sentence_words)
    # (in text order, none overlapping: what select would return)
    gaz = gazetteer_mentions(text, low, sentence_words)
    ordered = True
    if "- " in text or "-," in text:
        ell = elliptic_regions(text)
        if ell:
            gaz += ell
            ordered = False
    found: list[Mention] = []  # the other rules' candidates, in the order select expects
    if not words.isdisjoint(person_words):  # titled persons, honorifics, appositions, first names
        _persons_by_word(text, gaz, words, low, rx, found)
    if text[:1] in CAPITALS:
        _opening_person(text, gaz, rx, found)
    if "(" in text:
        found += acronym_mentions(text)
    n = len(found)
    if not (words.isdisjoint(heads) and words.isdisjoint(tails)):  # organisations etc. by their shape
        _shapes_by_word(text, words, shape_rx, found)
    if _suffix_after_letter(text, suffixes):
        _suffixed_names(text, shape_rx, found)
    if found and gaz:
        found, n = _unshadowed(found, n, gaz)
    # a shape candidate that is only a known entity's alias stays that entity
    for i in range(n, len(found)):
        c = found[i]
        known = lx.gazetteer_lookup(c.name) or fuzzy_lookup(c.name, c.label)
        if known and known["label"] == c.label:
            c.name, c.props, c.how = known["name"], dict(known["props"]), "shape+known"
    chosen = select(gaz + found) if found or not ordered else gaz
    fuzzy = fuzzy_mentions(text, chosen)
    if fuzzy:  # (chosen alone is already non-overlapping and in text order)
        chosen = select(chosen + fuzzy)
    roles = role_mentions(text, chosen, words, low) if not words.isdisjoint(ROLES) else None
    return select(chosen + roles) if roles else chosen


def learned_names(all_mentions: list[list[Mention]]) -> dict[str, Mention]:
    """Names the rules found somewhere in a document (an acronym defined once, an
    organisation by its shape, a person by title or first name), so that a later bare
    'RPA' or 'Diederen' is read as the same entity.  surface -> example mention."""
    out: dict[str, Mention] = {}
    for ms in all_mentions:
        for m in ms:
            if m.how == "gazetteer" or m.role or m.redacted:
                continue
            surfaces = {m.text, m.name}
            if m.label == "Person":
                surname = m.name.split()[-1]
                if len(surname) >= 4 and surname[:1].isupper() and not _not_name(surname):
                    surfaces.add(surname)
            for t in surfaces:
                if len(t) >= 2 and (t.isupper() or " " in t or m.label == "Person") and t[:1].isupper():
                    out.setdefault(t, m)
    return out


def learned_index(learned: dict[str, Mention]) -> tuple[tuple, frozenset] | None:
    """A document's learned names, longest first, and their first words in lower case:
    what learned_mentions looks for, gathered once per document.  (No regex any more: an
    alternation of a document's names compiled per document cost more than all its
    sentences' look-ups, re's pattern parser being pure Python.)"""
    if not learned:
        return None
    names = tuple(sorted(learned, key=len, reverse=True))
    return names, frozenset(n.split()[0].lower() for n in names)


def learned_mentions(text: str, learned: dict[str, Mention], taken: list[Mention],
                     index: tuple[tuple, frozenset] | None = None) -> list[Mention]:
    """Occurrences of learned names not already covered by a mention."""
    index = index or learned_index(learned)
    if index is None:
        return []
    names, firsts = index
    if firsts.isdisjoint(lx.sentence_words(text)):
        return []
    out = []
    for start, end, name in _learned_matches(text, names):
        if any(not (end <= t.start or start >= t.end) for t in taken + out):
            continue
        out.append(_learned_mention(start, end, name, learned[name]))
    return out


def learned_mentions_by_sentence(texts: list[str], learned: dict[str, Mention], taken: list[list[Mention]],
                                 index: tuple[tuple, frozenset]) -> dict[int, list[Mention]]:
    """``learned_mentions(texts[i], learned, taken[i], index)`` for every sentence of a
    document, where not empty: i -> its mentions.  The names are looked for once in the
    whole document (the sentences joined by NULs, which no name holds and which stand
    for the sentences' ends: no name matches across one, and for the boundary tests a NUL
    is what the start or end of a sentence is), then sorted into the sentences; only a
    sentence with a match asks learned_mentions' first test (a learned name's first word
    among its words).  One str.find per name and document instead of one 'in' per name
    and sentence (tests/test_extract_learned_shortcuts.py compares the two)."""
    names, firsts = index
    joined = "\x00".join(texts)
    if joined.count("\x00") != len(texts) - 1:  # (a NUL in a sentence: one at a time)
        out = {}
        for i, text in enumerate(texts):
            extra = learned_mentions(text, learned, taken[i], index)
            if extra:
                out[i] = extra
        return out
    found = _learned_matches(joined, names)
    if not found:
        return {}
    starts = []  # where each sentence starts in joined
    pos = 0
    for text in texts:
        starts.append(pos)
        pos += len(text) + 1
    out: dict[int, list[Mention]] = {}
    k = -1
    for start, end, name in found:  # (in text order: each sentence's matches together)
        if k < 0 or not (starts[k] <= start < starts[k] + len(texts[k]) + 1):
            k = bisect_right(starts, start) - 1
            text = texts[k]
            gate = not firsts.isdisjoint(lx.sentence_words(text))
            shift = starts[k]
        if not gate:
            continue
        start -= shift
        end -= shift
        prior = out.get(k, [])
        if any(not (end <= t.start or start >= t.end) for t in taken[k] + prior):
            continue
        prior.append(_learned_mention(start, end, name, learned[name]))
        if len(prior) == 1:
            out[k] = prior
    return out


def _learned_mention(start: int, end: int, name: str, ex: Mention) -> Mention:
    """A learned name's occurrence as its example mention: what dataclasses.replace gives
    (props shared as there), without its field walk."""
    return Mention(start, end, name, ex.label, ex.name, ex.props, "learned", ex.title, ex.redacted, ex.role,
                   None, "", ex.priority)


def _learned_matches(text: str, names: tuple) -> list[tuple[int, int, str]]:
    r"""(start, end, name) of the names (longest first) in text, as the regex
    ``(?<![\w-])(?:name1|name2|...)(?![\w-])`` would find them: leftmost, there the longest
    name with a boundary on both sides, no overlaps; case-sensitive.  str.find per name
    (tests/test_mentions_shortcuts.py compares the two)."""
    found = []
    for n in [n for n in names if n in text]:  # ('in' is cheaper than a call of find; most are absent)
        i = text.find(n)
        while i >= 0:
            found.append((i, -len(n), n))
            i = text.find(n, i + 1)
    if not found:
        return []
    found.sort()
    out = []
    done = 0
    last = len(text)
    for i, minus_len, n in found:
        if i < done:
            continue
        end = i - minus_len
        if i and _in_word(text[i - 1]) or end < last and _in_word(text[end]):
            continue  # no boundary: a shorter name at i may still have one
        out.append((i, end, n))
        done = end
    return out


def _in_word(c: str) -> bool:
    r"""Whether a character belongs to a word for the learned names' boundaries: what the
    regex class [\w-] holds (re's \w is str.isalnum() or the underscore)."""
    return c.isalnum() or c == "_" or c == "-"
