"""Engagement: how involved the minutes say a municipality is, from cue phrases in
``loaders/data/engagement_cues.jsonl`` ('zeer actief' high, 'aangehaakt' medium,
'herkent de problematiek niet' low ...).

A cue applies to the municipalities named in its clause; a sentence that opens with a
pronoun ('Ze voelen zich verantwoordelijk') continues the previous sentence's
municipalities.  Each municipality gets one ENGAGEMENT from the document: its strongest
reading, with that sentence as evidence.
"""
from __future__ import annotations

import re

from loaders.minutes import lexicon as lx
from loaders.minutes.context import NEGATION, Context, negated
from loaders.minutes.entities import Mention
from loaders.minutes.structure import Sentence

LEVELS = {"low": 0, "medium": 1, "high": 2}
PRONOUN_OPENING = re.compile(r"^(?:ze|zij|deze gemeente|die gemeente|deze gemeenten|hij|het college)\b", re.I)
CLAUSE_BREAK_WORDS = ("maar", "terwijl", "echter", "daarentegen")
CLAUSE_BREAK = re.compile(r";|\s(?:" + "|".join(CLAUSE_BREAK_WORDS) + r")\s")


def clause_span(text: str, pos: int) -> tuple[int, int]:
    """The clause around pos: bounded by ';' and 'maar' / 'terwijl' (outside parentheses)."""
    start, end = 0, len(text)
    # every break is a ';' or one of the words: a text without any (most) is one clause, and
    # the regex, which opens with a class, costs ~100 instructions a character to scan
    if ";" not in text and not any(map(text.__contains__, CLAUSE_BREAK_WORDS)):
        return start, end
    for m in CLAUSE_BREAK.finditer(text):
        if text[: m.start()].count("(") > text[: m.start()].count(")"):
            continue
        if m.end() <= pos:
            start = m.end()
        elif m.start() >= pos:
            end = m.start()
            break
    return start, end


class Engagement:
    """Collects engagement readings over a document and writes the strongest per party."""

    def __init__(self):
        self.best: dict[str, tuple[int, str, Sentence]] = {}
        self.previous: list[Mention] = []

    def read(self, s: Sentence, ms: list[Mention]) -> None:
        """Read the engagement cues of one sentence; remember its municipalities for a following pronoun."""
        municipalities = [m for m in ms if m.label == "Municipality" and m.id] if ms else []
        if not municipalities and not self.previous:
            return  # no municipality a cue could be about: the cues are not looked for
        pronoun = PRONOUN_OPENING.match(s.text) is not None
        if not municipalities and not pronoun:
            self.previous = []
            return
        for cm, row in lx.find_cues(s.text, "engagement_cues.jsonl"):
            if row["level"] != "low" and negated(s.text, cm.start(), cm.end()) and not NEGATION.search(row["cue"]):
                continue  # 'de samenwerking verloopt niet goed' is no high engagement
            a, b = clause_span(s.text, cm.start())
            if row["level"] != "low" and negated(s.text, max(a, cm.start() - 12), cm.start()):
                continue  # 'is niet zeer actief'
            targets = [m for m in municipalities if a <= m.start < b]
            if not targets and pronoun:
                targets = self.previous
            for m in targets:
                level = LEVELS[row["level"]]
                if m.id not in self.best or level > self.best[m.id][0]:
                    self.best[m.id] = (level, row["level"], s)
        if municipalities:
            self.previous = municipalities
        elif not pronoun:
            self.previous = []

    def write(self, ctx: Context) -> None:
        """One ENGAGEMENT per municipality, from the source document, with the strongest level read."""
        for mid, (_lvl, level, s) in sorted(self.best.items()):
            ctx.rel("ENGAGEMENT", ctx.doc, mid, s, level=level)
