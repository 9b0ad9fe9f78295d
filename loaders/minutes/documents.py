"""Documents the minutes refer to (reports, opinion pieces, policy plans, bills,
consultation responses) and who wrote or published them (AUTHORED).

- '<noun> van (het|de) <party>' / '<noun> <party>': 'een rapport van het RIEC',
  'Rapport RIEC inzake ...', 'de consultatiereactie van de VNG' -> Document
  '<noun> <party>' AUTHORED by that party;
- '<noun> <media> d.d. <date>, "<title>"': 'het opiniestuk Dagblad De Limburger d.d.
  8 april 2023, "Reguleer inzet arbeidsmigranten"' -> Document '<title>' with its date,
  AUTHORED (published) by the medium;
- 'Wetsvoorstel Wet ...' -> a bill named by its capitalised title.
A blanked author ('door ( )') stays blank: no AUTHORED is guessed.
"""
from __future__ import annotations

import re

from loaders.dates import find_dates
from loaders.minutes import lexicon as lx
from loaders.minutes.context import PARTY_LABELS, Context
from loaders.minutes.entities import Mention
from loaders.minutes.structure import Sentence

KINDS = {
    "rapport": "report", "rapportage": "report", "onderzoek": "research", "onderzoeksrapport": "report",
    "opiniestuk": "opinion piece", "artikel": "article", "column": "opinion piece", "beleidsplan": "policy plan",
    "conceptbeleidsplan": "policy plan", "notitie": "memo", "brief": "letter", "advies": "advice",
    "consultatiereactie": "consultation response", "wetsvoorstel": "bill", "evaluatie": "evaluation",
    "plan van aanpak": "plan", "position paper": "position paper", "factsheet": "factsheet",
}
NOUN = re.compile(r"(?<![\w-])(" + "|".join(sorted(map(re.escape, KINDS), key=len, reverse=True)) + r")(?![\w-])", re.I)
NOUN_WORDS = frozenset(k.split()[0] for k in KINDS)
NOUN_FIRSTS = tuple(sorted(NOUN_WORDS))  # where a NOUN match can start
TITLE = re.compile(r'"([^"]{4,150})"')
TRAILING_LINK_WORD = re.compile(r"\s+(?:op|de|het|van|en|voor|inzake)$")
AUTHOR_GAP = re.compile(r"\s+(?:van\s+(?:de\s+|het\s+)?)?(?:gemeente\s+)?", re.I)
DATED_AFTER = re.compile(r"[^.;]{0,60}?d\.d\.\s*")
BILL = re.compile(r"(?<![\w-])[Ww]etsvoorstel\s+((?:Wet|Regeling|Besluit)\s+(?:[A-Z][\w-]*|op|de|het|van|en|voor)"
                  r"(?:\s+(?:[A-Z][\w-]*|op|de|het|van|en|voor|inzake))*)")


def _add(ctx: Context, name: str, s: Sentence, kind: str, date: str | None = None):
    """A referenced Document node, mentioned by the source document."""
    node = ctx.graph.add_node("Document", name, kind=kind, date=date)
    ctx.mention(node, s.text)
    return node


def documents(ctx: Context, s: Sentence, ms: list[Mention]) -> None:
    """Referenced documents and their authors in one sentence."""
    text = s.text
    words = lx.sentence_words(text)
    if words.isdisjoint(NOUN_WORDS):
        return  # no document noun in this sentence ('wetsvoorstel' is one of them)
    for bm in (BILL.finditer(text) if "etsvoorstel" in text else ()):
        title = TRAILING_LINK_WORD.sub("", bm.group(1).strip())
        _add(ctx, f"Wetsvoorstel {title}", s, "bill")
    quoted = '"' in text  # a title stands in double quotes: without one no search for it
    for nm in lx.finditer_at_words(NOUN, text, NOUN_FIRSTS):
        noun = nm.group(1).lower()
        if noun == "wetsvoorstel":
            continue
        end = nm.end()
        author = None
        for m in ms:  # the first party after the noun, its author when only 'van de' stands between
            if m.start >= end and m.label in PARTY_LABELS:
                if AUTHOR_GAP.fullmatch(text, end, m.start):
                    author = m
                break
        tm = TITLE.search(text, end) if quoted else None
        title = tm.group(1).strip() if tm and tm.start() - end <= 80 else None
        if title is None and author is None:
            continue
        kind = KINDS[noun]
        date = None
        if "d.d." in text[nm.end():]:  # the date only counts after 'd.d.': no reading of dates without it
            dm = [d for d in find_dates(text[nm.end():], ctx.meeting_date) if d.precision == "day"]
            if dm and DATED_AFTER.fullmatch(text[nm.end():nm.end() + dm[0].start]):
                date = dm[0].iso
        name = title or f"{noun} {author.name}"
        doc = _add(ctx, name, s, kind, date)
        if author is not None:
            ctx.rel("AUTHORED", author, doc, s)
