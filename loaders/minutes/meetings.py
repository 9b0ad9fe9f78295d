"""Meetings: the one the minutes record, and the meetings they refer to with a date
('Taskforceoverleg d.d. 15 maart 2023', 'voortgangssessie d.d. 18 januari 2023',
'De Taskforcebijeenkomst van 17 mei 2023 vindt plaats in ... in Peel en Maas',
'Op 24 mei 2023 vindt het Jaarcongres X van het Kenniscentrum Y plaats').

A plain 'overleg met X' or 'afspraak' is a contact moment, not a Meeting.
"""
from __future__ import annotations

import re

from loaders.dates import find_dates, has_digit
from loaders.minutes import lexicon as lx
from loaders.minutes.context import Context
from loaders.minutes.entities import Mention, find_mentions
from loaders.minutes.structure import Sentence

EVENT_KINDS = ("overleg", "bijeenkomst", "vergadering", "sessie", "congres", "symposium", "conferentie", "seminar",
               "webinar", "werkbezoek", "netwerkavond", "beurs", "kennisdag", "studiedag")
EVENT = re.compile(r"(?<![\w-])(?P<word>[\w-]*?(?P<kind>" + "|".join(EVENT_KINDS) + r"))(?![\w])", re.I)
WORD = re.compile(r"[\w-]+")


def _names_event(low: str) -> bool:
    """Whether the lower-cased text holds an event word anywhere (a plain loop of substring
    tests: ~3x cheaper than any() over a generator, and most sentences hold none)."""
    for k in EVENT_KINDS:
        if k in low:
            return True
    return False


def _events(text: str) -> list[re.Match]:
    """Words naming a meeting ('Taskforceoverleg', 'Jaarcongres', 'vergadering'): a cheap
    suffix test per word, the regex only on the words that pass."""
    low = text.lower()
    if not _names_event(low):
        return []
    if text.isascii():
        return _events_ascii(text, low)
    out = []
    for w in WORD.finditer(text):
        if w.group(0).lower().endswith(EVENT_KINDS):
            m = EVENT.fullmatch(text, w.start(), w.end())
            if m:
                out.append(m)
    return out


def _events_ascii(text: str, low: str) -> list[re.Match]:
    """_events of an ASCII text: the words (runs of [A-Za-z0-9_-]) that end in an event
    word, found from the event words' places rather than by a scan of WORD, which opens
    with a class and costs the regex engine ~100 instructions a character."""
    spans = set()
    n = len(low)
    for k in EVENT_KINDS:
        if k not in low:
            continue
        i = low.find(k)
        while i >= 0:
            end = i + len(k)
            if end == n or not (low[end].isalnum() or low[end] in "_-"):  # the word ends with k
                start = i
                while start and (low[start - 1].isalnum() or low[start - 1] in "_-"):
                    start -= 1
                spans.add((start, end))
            i = low.find(k, i + 1)
    out = []
    for start, end in sorted(spans):
        m = EVENT.fullmatch(text, start, end)
        if m:
            out.append(m)
    return out


# The gap between an event word and its date: 'Taskforceoverleg d.d. 15 maart', 'de Taskforce
# Wonen van 3 mei' (after a capitalised event word a few names may stand between).
GAP_AFTER_CAPITAL = re.compile(r"\s*(?:(?:[A-Z][\w()'-]*|van|de|het|en)\s+){0,6}?(?:d\.d\.|dd|van|op)?\s*", re.I)
GAP_AFTER_WORD = re.compile(r"\s*(?:d\.d\.|dd|van|op)?\s*", re.I)
PREVIOUS = re.compile(r"\b(?:vorige|laatste|vorig|volgende|eerstvolgende)\s+$", re.I)
OF_THE = re.compile(r"\s*van\s+(?:de|het)\s+", re.I)
SCHEDULED = re.compile(r"\bplaats\b|\bgepland\b|\bgehouden\b")
DATED = re.compile(r"\s*(?:d\.d\.|van\b)", re.I)
ORGANISER_OF = re.compile(r"\s+van\s+(?:de|het)\s+$")
TITLE_END = re.compile(r"\s+(?:plaats|vindt|in|op)\b|[,.;]")
HELD_IN = re.compile(r"\bplaats\s+in\s+(?:het\s+|de\s+)?(.+?)(?:,|\.|$)")
IN_MUNICIPALITY = re.compile(r"\s+in(?:\s+de\s+gemeente)?$")
ONE_WORD_PLACE = re.compile(r"(?:gemeente\s+)?\S+")
GENERIC = {"overleg", "vergadering", "werkbezoek", "bijeenkomst", "sessie"}  # alone: a contact or the current meeting


def meeting_name(body: str | None, word: str, date: str) -> str:
    """'Taskforce Internationale Werknemers 2023-03-15', 'voortgangssessie 2023-01-18'."""
    return f"{body} {date}" if body else f"{word} {date}"


def _body_prefix(word: str) -> dict | None:
    """'Taskforceoverleg' -> the Taskforce; 'Stuurgroepvergadering' -> the Stuurgroep."""
    w = lx.fold(word)
    m = EVENT.fullmatch(word)
    if not m:
        return None
    prefix = lx.fold(word[: len(word) - len(m.group("kind"))]).rstrip("-")
    if not prefix:
        return None
    e = lx.gazetteer_lookup(prefix)
    if e and e["label"] in ("Body", "Organisation") and w != prefix:
        return e
    return None


def references(ctx: Context, s: Sentence, ms: list[Mention]) -> list[str]:
    """Meeting nodes for the meetings this sentence names with a date; their ids."""
    text = s.text
    if not has_digit(text):
        return []  # no digit: no date of day precision (most sentences; cheaper than the event words)
    events = _events(text)
    if not events:
        return []
    dates = [d for d in find_dates(text, ctx.meeting_date) if d.precision == "day"]
    if not dates:
        return []
    out = []
    for em in events:
        word = em.group("word")
        capital = word[:1].isupper()
        gap = GAP_AFTER_CAPITAL if capital else GAP_AFTER_WORD
        near = [d for d in dates if 0 <= d.start - em.end() <= 60 and gap.fullmatch(text[em.end():d.start])]
        body = _body_prefix(word)
        organiser = None
        if not body and ctx.body is not None and PREVIOUS.search(text[: em.start()]):
            body = {"label": ctx.body.label, "name": ctx.body.name, "props": dict(ctx.body.props)}  # 'vorige vergadering'
        if not body:
            after = [m for m in ms if m.start >= em.end() and m.label in ("Body", "Organisation")]
            if after and OF_THE.fullmatch(text[em.end():after[0].start]) and \
                    after[0].label == "Body":
                body = {"label": "Body", "name": after[0].name, "props": {}}
        capital_event = word[:1].isupper() and not body
        if not near:
            # a named event whose date stands elsewhere in the sentence: 'Op 24 mei 2023 vindt het Jaarcongres ...'
            if (capital_event or body) and len(dates) == 1 and SCHEDULED.search(text):
                near = dates
            else:
                continue
        if word.lower() in GENERIC and not body and not capital_event:
            if not DATED.match(text[em.end():]):
                continue
        date = near[0].iso
        title = word
        if capital_event:
            # the event's title runs to ' van het <organiser>' or to 'plaats' / a comma
            orgs = [m for m in ms if m.start > em.end() and m.label in ("Organisation", "Body")]
            stop = len(text)
            for m in orgs:
                vm = ORGANISER_OF.search(text[em.end():m.start])
                if vm:
                    stop, organiser = em.end() + vm.start(), m
                    break
            pm = TITLE_END.search(text[em.end():stop])
            if pm:
                stop = em.end() + pm.start()
            title = text[em.start():stop].strip()
        name = title if capital_event and title != word else meeting_name(body["name"] if body else None, word, date)
        props = {"date": date}
        held = None
        lm = HELD_IN.search(text[em.end():]) if "plaats" in text else None  # (a scan costs; most have none)
        if lm:
            place = lm.group(1)
            loc_ms = [m for m in find_mentions(place) if m.label == "Municipality"]
            if loc_ms:
                held = loc_ms[-1]
                before = place[: loc_ms[-1].start].strip()
                before = IN_MUNICIPALITY.sub("", before)
                props["location"] = f"{before}, {held.name}" if before else held.name
            elif not ONE_WORD_PLACE.fullmatch(place.strip()) or place.strip()[:1].isupper():
                props["location"] = place.strip()
        node = ctx.graph.add_node("Meeting", name, **props)
        ctx.mention(node, text)
        if body:
            b = ctx.graph.add_node(body["label"], body["name"], **dict(body.get("props", {})))
            ctx.mention(b, text)
            ctx.rel("MEETING_OF", node, b, s)
        if organiser is not None and organiser.id:
            ctx.rel("MEETING_OF", node, organiser, s)
        if held is not None:
            m = ctx.graph.add_node("Municipality", held.name, **held.props)
            ctx.mention(m, text)
            ctx.rel("HELD_IN", node, m, s)
        out.append(node.id)
    return out
