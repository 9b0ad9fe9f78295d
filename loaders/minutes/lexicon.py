"""The extractor's word lists, compiled once per process from ``loaders/data``.

Everything here is data read through :mod:`loaders.reference` (validated on load):
the gazetteer of known entities with their aliases, titles and role words, the cue
phrases for contacts, engagement and the other relations, name shapes and word lists.
The regexes are built once (module-level cache) so a document costs only matching.

>>> gazetteer_lookup("Horst a/d Maas")["name"]
'Horst aan de Maas'
>>> role_word("Wethouder")["kind"]
'title'
"""
from __future__ import annotations

import re
from functools import lru_cache
from itertools import filterfalse

from loaders.reference import cue_regex, data

GAZETTEER_FILES = (("Municipality", "municipalities.jsonl"), ("Region", "regions.jsonl"),
                   ("Organisation", "organisations.jsonl"), ("Body", "bodies.jsonl"),
                   ("Programme", "programmes.jsonl"), ("Project", "projects.jsonl"))
PARTICLES = {"van", "de", "der", "den", "ter", "ten", "te", "het", "in", "'t", "op", "d'", "la", "le", "du", "von"}


@lru_cache(maxsize=8192)
def fold(text: str) -> str:
    """The key aliases are compared under: case-folded, apostrophes unified, whitespace
    single, 'Zuid- Limburg' as 'Zuid-Limburg'.

    >>> fold("BO’s  Wonen") == fold("bo's wonen")
    True
    """
    text = text.replace("\u2019", "'").replace("`", "'")
    text = re.sub(r"-\s+", "-", text)
    return " ".join(text.split()).casefold()


@lru_cache(maxsize=None)
def gazetteer() -> dict:
    """fold(alias) -> list of entries {label, name, id, props, alias} for every known
    entity of the reference data (municipalities, regions, organisations, bodies,
    programmes, projects)."""
    index: dict[str, list[dict]] = {}
    for label, filename in GAZETTEER_FILES:
        for row in data(filename):
            props = {}
            if label == "Municipality":
                props = {"cbs_code": row["cbs_code"], "province": row["province"]}
            elif label == "Region":
                props = {"level": row["level"]}
            elif label == "Organisation":
                props = {"kind": row["kind"], "acronym": row.get("acronym")}
            elif label == "Project" and row.get("acronym"):
                props = {"acronym": row["acronym"]}
            props = {k: v for k, v in props.items() if v is not None}
            names = [row["name"]] + row["aliases"] + ([row["acronym"]] if row.get("acronym") else [])
            for alias in names:
                entry = {"label": label, "name": row["name"], "id": row["id"], "props": props, "alias": alias}
                index.setdefault(fold(alias), []).append(entry)
    return index


TOKEN = re.compile(r"[^\s(),;:\"]+")


def _alias_pattern(alias: str) -> str:
    """Regex for one alias: escaped, any whitespace between words, either apostrophe."""
    p = re.escape(" ".join(alias.split()))
    return p.replace(r"\ ", r"\s+").replace("'", "['\u2019]")


def _first_key(token: str) -> str:
    """The key an alias's first word is indexed under."""
    return fold(token).rstrip(".")


@lru_cache(maxsize=None)
def _first_words() -> frozenset:
    """Every indexed first word, for a cheap membership test per token."""
    return frozenset(gazetteer_by_first_word())


@lru_cache(maxsize=None)
def gazetteer_by_first_word() -> dict[str, re.Pattern]:
    """First word of an alias (folded) -> a regex of every alias starting with it,
    longest first: a sentence tries only the aliases its words can start."""
    groups: dict[str, set[str]] = {}
    for entries in gazetteer().values():
        for e in entries:
            groups.setdefault(_first_key(e["alias"].split()[0]), set()).add(e["alias"])
    return {k: re.compile("(?:" + "|".join(_alias_pattern(a) for a in sorted(v, key=len, reverse=True))
                          + r")(?![\w])", re.I) for k, v in groups.items()}


@lru_cache(maxsize=None)
def _second_words() -> dict[str, tuple]:
    """First word (key) -> the lower-case second words of its aliases, when every alias
    starting with it has more words ('de' only starts 'De Limburger'): a sentence
    without any of them cannot hold such an alias, however often it says 'de'."""
    groups: dict[str, set] = {}
    for entries in gazetteer().values():
        for e in entries:
            words = e["alias"].split()
            second = words[1].lower() if len(words) > 1 and "'" not in words[1] else None
            groups.setdefault(_first_key(words[0]), set()).add(second)
    return {k: tuple(sorted(v)) for k, v in groups.items() if None not in v}


@lru_cache(maxsize=None)
def _gazetteer_index() -> tuple[frozenset, dict, dict]:
    """_first_words, gazetteer_by_first_word and _second_words in one call (per sentence)."""
    return _first_words(), gazetteer_by_first_word(), _second_words()


def gazetteer_matches(text: str, low: str | None = None, words: frozenset | None = None) -> list[tuple[int, int, str]]:
    """(start, end, matched text) of every alias in text, leftmost-longest, no overlaps.

    Only the words of the sentence that can start an alias are looked at (found with
    str.find on the lower-cased text); at each the aliases starting with that word are
    tried, longest first.  ``words``: sentence_words(text), when the caller has it.

    >>> [m[2] for m in gazetteer_matches("De LWV en Horst a/d Maas in Zuid-Limburg.")]
    ['LWV', 'Horst a/d Maas', 'Zuid-Limburg']
    """
    first_words, index, seconds = _gazetteer_index()
    candidates = first_words.intersection(sentence_words(text) if words is None else words)
    if not candidates:
        return []  # no word of this sentence can start a known name
    low = text.lower() if low is None else low
    starts: list[tuple[int, str]] = []
    for w in candidates:
        need = seconds.get(w)
        if need is not None:
            for n in need:
                if n in low:
                    break
            else:
                continue  # none of the aliases starting with w can be complete here
        i = low.find(w)
        while i >= 0:
            if i == 0 or not (low[i - 1].isalnum() or low[i - 1] == "-"):
                starts.append((i, w))
            i = low.find(w, i + 1)
    starts.sort()
    out = []
    pos_done = 0
    for i, w in starts:
        if i < pos_done:
            continue
        m = index[w].match(text, i)
        if m:
            pos_done = m.end()
            out.append((i, pos_done, m.group(0)))
    return out


def gazetteer_lookup(text: str, label: str | None = None) -> dict | None:
    """The gazetteer entry an alias names (first of that label), or None."""
    for e in gazetteer().get(fold(text), []):
        if label is None or e["label"] == label:
            return e
    return None


@lru_cache(maxsize=4096)  # keyed by an alias as written, not by sentence
def gazetteer_hit(matched: str) -> dict | None:
    """The entry an alias matched in a text stands for (the first of its entries), or
    None when the spelling's case does not fit (see case_fits)."""
    entries = gazetteer().get(fold(matched))
    return entries[0] if entries and case_fits(matched, entries) else None


def case_fits(matched: str, entries: list[dict]) -> bool:
    """Aliases written with a capital match only capitalised text ('Beek', not 'beek');
    an all-capitals acronym only capitals; lower-case aliases match either."""
    m0 = matched[:1]
    for e in entries:
        a = e["alias"]
        if a.isupper() and len(a) <= 6:
            if matched.upper() == matched:
                return True
            continue
        if a[:1].islower() or m0.isupper() or not a[:1].isalpha():
            return True
    return False


@lru_cache(maxsize=None)
def titles() -> dict[str, dict]:
    """Lower-case title or role word (singular and plural) -> its row."""
    out = {}
    for row in data("titles.jsonl"):
        out[row["word"].lower()] = dict(row, plural_form=False)
        for p in row["plural"]:
            out[p.lower()] = dict(row, plural_form=True)
    return out


def role_word(word: str) -> dict | None:
    """The titles.jsonl row for a title or role word, or None."""
    return titles().get(word.lower().strip(".,:;()"))


@lru_cache(maxsize=None)
def title_regex() -> str:
    """Alternation of the singular titles/roles, longest first (for building rules)."""
    words = sorted((w for w, r in titles().items() if not r["plural_form"]), key=len, reverse=True)
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in words)


@lru_cache(maxsize=None)
def words(family: str) -> frozenset:
    """A word family of words.jsonl as a set (first_name, portfolio, not_a_name, noun_suffix)."""
    return frozenset(r["word"] for r in data("words.jsonl") if r["family"] == family)


@lru_cache(maxsize=None)
def shapes() -> tuple:
    """Name-shape rows of name_shapes.jsonl."""
    return tuple(data("name_shapes.jsonl"))


@lru_cache(maxsize=None)
def shape_regexes() -> dict:
    """One compiled alternation per shape position, and word -> row per position."""
    out = {}
    for pos in ("head", "tail", "suffix"):
        rows = {r["word"]: r for r in shapes() if r["position"] == pos}
        alt = "|".join(re.escape(w) for w in sorted(rows, key=len, reverse=True))
        out[pos] = (alt, rows)
    return out


@lru_cache(maxsize=None)
def cues(filename: str, family: str | None = None) -> dict:
    """Compiled cue patterns of one file (and family) indexed by their first word
    (lower-cased): first word -> [(rank, regex, row, words)], rank 0 for the longest cue,
    so that 'gesprek gevoerd met' wins over 'gesprek * met'; ``words`` are the cue's
    literal words in lower case (a cue whose words are not all in a sentence cannot match)."""
    rows = [r for r in data(filename) if family is None or r.get("family") == family]
    rows.sort(key=lambda r: len(r["cue"]), reverse=True)
    index: dict[str, list] = {}
    for rank, r in enumerate(rows):
        words = tuple(w.lower() for w in r["cue"].split() if w not in ("*", "**"))
        index.setdefault(r["cue"].split()[0].lower(), []).append(
            (rank, re.compile(cue_regex(r["cue"]), re.I), r, words))
    return index


@lru_cache(maxsize=256)
def sentence_words(text: str) -> frozenset:
    """The lower-case words of a text (memoised: every rule asks about the same sentence):
    the runs of WORDS, and those with dots also without their outer dots.

    >>> sorted(sentence_words("Wethouder Peters (Echt-Susteren) t.a.v. de LWV."))
    ['de', 'echt-susteren', 'lwv', 'lwv.', 'peters', 't.a.v', 't.a.v.', 'wethouder']
    """
    global _last_joined
    words, joined = _read_words(text)
    _last_joined = (text, joined)  # one assignment: a reader in another thread sees a whole pair
    return words


def _read_words(text: str) -> tuple[frozenset, list]:
    """sentence_words(text) and joined_words(text), not memoised."""
    low = text.lower()
    if low.isascii():
        # (nearly every sentence) every character outside WORDS' class made a space by a
        # byte table: the runs of WORDS are then what split() gives, with no Python loop
        words = low.encode().translate(_SPACED).decode().split()
        # (see joined_words; filterfalse asks each word in C, a comprehension's loop costs ~3x)
        joined = list(filterfalse(str.isalnum, words))
    else:
        # Most words are letters only and stand alone between spaces: the regex looks only
        # at the others (no run of WORDS spans a space).
        words = []
        joined = []
        for piece in low.split():
            if piece.isalnum():
                words.append(piece)
            else:
                for w in WORDS.findall(piece):
                    words.append(w)
                    if not w.isalnum():
                        joined.append(w)
    if joined and "." in low:
        words += [w.strip(".") for w in joined if "." in w]
    return frozenset(words), joined


WORDS = re.compile(r"[\w.'/-]+")
# the ASCII characters of WORDS' class ([\w.'/-]: letters, digits, _ . ' / -) kept, all
# others made spaces
_SPACED = bytes(c if chr(c).isalnum() and c < 128 or chr(c) in "_.'/-" else 32 for c in range(256))
_last_joined: tuple = (None, [])  # the sentence sentence_words read last, and its joined words


def joined_words(text: str) -> list[str]:
    """The words of sentence_words(text) that hold a dot, dash, slash or apostrophe
    ('echt-susteren', 't.a.v.'), as found in the text (not their dot-stripped forms:
    those have the same parts): what a rule splits further.  Kept by sentence_words as it
    reads a sentence, so usually free.

    >>> joined_words("Wethouder Peters (Echt-Susteren) t.a.v. de LWV.")
    ['echt-susteren', 't.a.v.', 'lwv.']
    """
    last = _last_joined  # read once: the extraction may run in more than one thread (the app)
    return last[1] if last[0] is text else _read_words(text)[1]


# The cue groups the relation rules ask for: one file, or one family of relation_cues.
# ('authored' and 'negation' no rule reads: find_cues still answers for them, unindexed.)
CUE_GROUPS = (("contact_cues.jsonl", None), ("engagement_cues.jsonl", None)) + tuple(
    ("relation_cues.jsonl", f) for f in ("absent", "attend", "candidate", "collaborates", "declined",
                                         "funding", "member", "members_of", "part_of", "partner", "partner_by",
                                         "represented_by", "represents"))


_GROUP_SET = frozenset(CUE_GROUPS)


@lru_cache(maxsize=None)
def _cue_firsts() -> dict[str, tuple]:
    """First word of a cue -> ((group, its cues starting with that word), ...) over the cue
    groups (CUE_GROUPS), built once per process.  A cue here is (rank, regex, row, rest,
    first): ``rest`` its other literal words, longest (rarest) first, for the cheap test that
    the sentence holds them all; ``first`` its first word (lower case)."""
    out: dict[str, list] = {}
    for group in CUE_GROUPS:
        for w, cs in cues(*group).items():
            out.setdefault(w, []).append((group, _with_rest(cs)))
    return {w: tuple(v) for w, v in out.items()}


@lru_cache(maxsize=None)
def _cue_first_words() -> frozenset:
    """The first words of the cues of CUE_GROUPS."""
    return frozenset(_cue_firsts())


def _with_rest(cs: list[tuple]) -> tuple:
    """The cues of one first word (rank order) as (rank, regex, row, rest, first)."""
    return tuple((rank, rx, row, tuple(sorted(set(words[1:]) - {words[0]}, key=len, reverse=True)), words[0])
                 for rank, rx, row, words in cs)


def _candidates(low: str, cs: tuple) -> list[tuple]:
    """The cues of cs whose other words all stand in the (lower-cased) sentence: only these
    can match.  The first word is known to be one of the sentence's words."""
    out = []
    for c in cs:
        for w in c[3]:
            if w not in low:
                break  # a word of the cue is missing: its regex cannot match
        else:
            out.append(c)
    return out


def _match_cues(text: str, found: list[list]) -> list[tuple[re.Match, dict]]:
    """Non-overlapping matches of one group's candidate cues (``found``: per first word, a
    rank-ordered list), longer cues first, in text order."""
    low, plain = _lowered(text)
    if len(found) == 1:
        candidates = found[0]  # already longest first
        if len(candidates) == 1:  # one cue (most sentences): its matches neither overlap nor need a sort
            _rank, rx, row, _rest, first = candidates[0]
            return [(m, row) for m in _cue_matches(rx, text, low, plain, first)]
    else:  # ranks are unique within a group: the tuples sort by rank alone
        candidates = sorted(c for cs in found for c in cs)
    taken: list[tuple[int, int]] = []
    out = []
    for _rank, rx, row, _rest, first in candidates:
        for m in _cue_matches(rx, text, low, plain, first):
            a, b = m.span()
            for x, y in taken:
                if a < y and b > x:
                    break  # overlaps a longer cue's match
            else:
                taken.append((a, b))
                out.append((m, row))
    if len(out) > 1:
        out.sort(key=lambda x: x[0].start())
    return out


def _cue_matches(rx: re.Pattern, text: str, low: str, plain: bool, first: str) -> list[re.Match]:
    """The matches of one cue's regex, left to right, each after the previous one (as
    finditer): tried only where the cue's first word stands, when ``plain`` (see
    _lowered); finditer_at_words inlined for one word (most sentences try one or two cues,
    and its generator and checks cost more than the match)."""
    if not plain:
        return list(rx.finditer(text))
    out = []
    i = low.find(first)
    resume = 0
    while i >= 0:
        if i >= resume:
            m = rx.match(text, i)
            if m:
                out.append(m)
                resume = m.end()
        i = low.find(first, i + 1)
    return out


_last_lowered: tuple = (None, "", False)  # the sentence _lowered read last, and its answer


def _lowered(text: str) -> tuple[str, bool]:
    """text.lower(), and whether searching it for a cue's first word finds every place
    the case-insensitive regex could start (see finditer_at_words).  One entry: the rules
    ask one sentence's cue groups one after another.  (Assigned and read as one tuple:
    extractions may run in two threads of the app.)"""
    global _last_lowered
    last = _last_lowered
    if last[0] is not text:
        low = text.lower()
        last = _last_lowered = (text, low, len(low) == len(text) and "\u0131" not in text and "\u017f" not in text)
    return last[1], last[2]


def finditer_at_words(rx: re.Pattern, text: str, firsts, low: str | None = None):
    r"""``rx.finditer(text)`` for a regex every match of which starts with one of the words
    ``firsts`` (lower case; a cue's first word, a document noun): the regex is tried only
    where such a word stands (str.find on the lower-cased text), not at every position of
    the sentence (a case-insensitive scan of an alternation costs 10-30 us a sentence).
    Each match resumes after the previous one, as finditer does, and a look-behind still
    sees the text before the word.  Exact when lower-casing keeps every position and the
    text has none of the letters that case-insensitive matching takes for 'i' or 's' while
    lower() does not (ı, ſ; İ changes the length): otherwise plain finditer.

    >>> rx = re.compile(r"(?<![\w-])(?:plan van aanpak|plan)(?![\w-])", re.I)
    >>> [m.span() for m in finditer_at_words(rx, "Het Plan van aanpak en het bouwplan: plan.", ("plan",))]
    [(4, 19), (37, 41)]
    """
    if low is None:
        low = text.lower()
    if len(low) != len(text) or "\u0131" in text or "\u017f" in text:
        return rx.finditer(text)
    return _at_words(rx, text, low, firsts)


def _at_words(rx: re.Pattern, text: str, low: str, firsts):
    """The matches of rx starting at the places of ``firsts`` in low, left to right."""
    places = []
    for w in firsts:
        i = low.find(w)
        while i >= 0:
            places.append(i)
            i = low.find(w, i + 1)
    if len(firsts) > 1:
        places.sort()
    resume = 0
    for i in places:
        if i >= resume:
            m = rx.match(text, i)
            if m:
                yield m
                resume = m.end()


@lru_cache(maxsize=None)
def _cue_plans() -> dict[str, tuple]:
    """First word of a cue -> its cues over all CUE_GROUPS as one flat tuple of
    (key, more, group, cue), group after group in CUE_GROUPS order, each group's cues in
    rank order (as _cue_firsts has them): ``key`` the cue's longest other word ('' when it
    has none: '' is in every text), ``more`` the rest of them.  cue_groups_present walks
    this in one loop instead of one _candidates call per group."""
    out = {}
    for w, groups in _cue_firsts().items():
        out[w] = tuple((c[3][0] if c[3] else "", c[3][1:], group, c) for group, cs in groups for c in cs)
    return out


@lru_cache(maxsize=4)
def cue_groups_present(text: str) -> dict:
    """The cue groups that can fire in one sentence, found in one pass over its words:
    group -> the cues of that group that can match (first word among the sentence's words,
    other words in it), per first word longest first.  Most sentences hold none or a few;
    the rules (contacts, collaboration, projects, membership, attendance, engagement) share
    this instead of each looking over the sentence again.  Memoised for the sentence being
    read only (the rules ask one sentence after another), not across documents.

    >>> sorted(family or name for name, family in cue_groups_present("Venlo neemt niet deel aan het overleg met Beek."))
    ['absent', 'attend', 'contact_cues.jsonl', 'engagement_cues.jsonl']
    >>> cue_groups_present("De notulen worden vastgesteld.")
    {}
    """
    firsts = sentence_words(text).intersection(_cue_first_words())  # set & set: the smaller is walked
    present: dict[tuple, list[list]] = {}
    if not firsts:
        return present
    plans = _cue_plans()
    low = _lowered(text)[0]  # kept for _match_cues, which reads the same sentence next
    for w in firsts:
        seen = None  # the group whose list (for this first word) is being filled
        for key, more, group, c in plans[w]:
            if key not in low:
                continue  # the cue's longest other word is missing: it cannot match
            for x in more:
                if x not in low:
                    break  # another of its words is missing
            else:
                if group is seen:
                    found.append(c)
                else:
                    seen = group
                    found = [c]
                    if group in present:
                        present[group].append(found)
                    else:
                        present[group] = [found]
    return present


def find_cues(text: str, filename: str, family: str | None = None) -> list[tuple[re.Match, dict]]:
    """Non-overlapping cue matches in text (longer cues first), in text order.

    >>> text = "Er is een gesprek gevoerd met de LLTB en een afspraak met Venlo."
    >>> [(m.group(0), row["cue"]) for m, row in find_cues(text, "contact_cues.jsonl")]
    [('gesprek gevoerd met', 'gesprek gevoerd met'), ('afspraak met', 'afspraak * met')]
    >>> [m.group(0) for m, _ in find_cues("Venlo neemt niet deel; Beek is nooit aanwezig.", "relation_cues.jsonl", "negation")]
    ['niet', 'nooit']
    """
    group = (filename, family)
    if group in _GROUP_SET:
        found = cue_groups_present(text).get(group)
        return _match_cues(text, found) if found else []
    index = cues(filename, family)
    words = sentence_words(text)
    low = text.lower()
    found = [f for f in (_candidates(low, _with_rest(index[w])) for w in index if w in words) if f]
    return _match_cues(text, found) if found else []
