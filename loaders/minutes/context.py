"""The state one document's extraction shares between rule modules: the graph being
built, the source Document and the minutes' Meeting, and what the text last talked about
(the last project, the last meeting referred to, the previous sentence's parties) so that
'dit project', 'hierbij' and subject-less sentences can be read.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from graph.contract import PARTY, REL_TYPES
from graph.model import DocumentGraph, Node
from loaders.minutes.entities import Mention
from loaders.minutes.structure import Sentence

NEGATION_WORDS = ("niet", "geen", "nooit", "noch")
NEGATION = re.compile(r"(?<![\w-])(?:" + "|".join(NEGATION_WORDS) + r")(?![\w-])", re.I)
# what may stand between two mentions: '(gemeente ' / ' van de ' (an attribute of the first),
# '(' (inside its parenthesis), ', ' / ' en met de gemeente ' (coordinated)
ATTRIBUTE_GAP = re.compile(r"\s*\(\s*(?:gemeente|regio|organisatie)?\s*|\s+(?:van|bij)\s+(?:de\s+|het\s+)?(?:gemeente\s+|regio\s+)?",
                           re.I)
# A verb of saying or knowing and 'dat': what follows is a clause with its own subject.
REPORTED_CLAUSE = re.compile(r"\b(?:meldt|melden|meldde|zegt|zeggen|zei|geeft aan|geven aan|gaf aan|laat weten|"
                             r"vertelt|vertelde|deelt mee|benadrukt|constateert|stelt|verwacht|weet|merkt op)\s+dat\b",
                             re.I)
OPEN_PAREN_GAP = re.compile(r"\s*\([^()]*")
COORDINATION_GAP = re.compile(r"\s*(?:\([^()]*\))?\s*(?:,|en|of|&|,\s*en)\s+(?:met\s+)?(?:van\s+)?(?:de\s+|het\s+)?"
                              r"(?:gemeente\s+|gemeenten\s+|wethouder\s+|regio\s+|provincie\s+)?", re.I)
LIST_GAP = re.compile(r"\s*(?:,|en|of|&)\s+(?:de\s+|het\s+)?(?:gemeente\s+|gemeenten\s+)?", re.I)
PREPOSITIONS = {"in", "vanuit", "uit", "naar", "voor", "bij", "aan", "over", "op", "tot", "t.a.v.", "inzake", "via",
                "binnen", "onder", "tussen", "door", "zonder", "tijdens", "namens", "rond", "m.b.t.", "t.b.v.",
                "richting", "per"}
PARTY_LABELS = frozenset(PARTY)  # a set: the rules test a label against it for every mention
# words between a preposition and the mention: 'in de gemeente Venlo', 'bij wethouder X'
PP_SKIP = frozenset(("de", "het", "een", "gemeente", "regio", "wethouder", "gedeputeerde", "gemeenten", "provincie"))


@dataclass
class Context:
    """One document's extraction state, shared by the rule modules."""
    graph: DocumentGraph
    doc: Node
    meeting: Node | None
    meeting_date: str | None
    body: Node | None
    last_project: Mention | None = None
    last_meeting: tuple[int, str] | None = None  # (sentence index, meeting id)
    previous: list[Mention] = field(default_factory=list)  # parties of the previous sentence
    previous_subject: Mention | None = None
    previous_was_action: bool = False
    mentioned: set = field(default_factory=set)
    seen_mentions: set = field(default_factory=set)  # (id, surface, props) already folded into the graph
    added: set = field(default_factory=set)  # (type, start, end, *props) that rel() has added
    action_base: tuple | None = None  # (document id, its slug) for the action items' ids

    def mention(self, node: Node, evidence: str) -> None:
        """MENTIONS from the source document, once per node (the first sentence is evidence)."""
        if node.id not in self.mentioned:
            self.mentioned.add(node.id)
            self.graph.add_sourced_rel("MENTIONS", self.doc.id, node.id, self.doc.id, evidence)

    def rel(self, rtype: str, start, end, sentence: Sentence | str, **props) -> bool:
        """Add a relationship with provenance when the contract allows it; False if not."""
        s = start if isinstance(start, str) else start.id
        e = end if isinstance(end, str) else end.id
        if not s or not e or s == e:
            return False
        # The same assertion again (a chair named twice, a document cited twice): the graph
        # keeps the first reading and ignores the call, so it is not made again (that call
        # hashes its key).  Only an allowed one was added: the contract need not be asked
        # again.  Unhashable property values simply go through.
        try:
            key = (rtype, s, e, *props.items()) if props else (rtype, s, e)
            if key in self.added:
                return True
        except TypeError:
            key = None
        nodes = self.graph.nodes
        if (nodes[s].label, nodes[e].label) not in REL_TYPES[rtype].pairs:
            return False
        evidence = sentence if isinstance(sentence, str) else sentence.text
        if props:
            self.graph.add_rel(rtype, s, e, source=self.doc.id, evidence=evidence, **props)
        else:  # (most relationships)
            self.graph.add_sourced_rel(rtype, s, e, self.doc.id, evidence)
        if key is not None:
            self.added.add(key)
        return True


def is_party(m: Mention) -> bool:
    """Whether a mention is a 'party' of the contract (Person, Organisation, Municipality, Region, Body)."""
    return m.label in PARTY_LABELS


def in_pp(text: str, m: Mention) -> bool:
    """Whether a mention stands in a prepositional phrase ('In Noord-Limburg', 'vanuit
    Midden-Limburg', 'in de Taskforce'), so it is not the subject of the clause."""
    # The last word before the mention that is no article or 'gemeente' decides: split off
    # one word at a time from the end (most mentions need one or two).
    rest = text[: m.start]
    while True:
        words = rest.rsplit(None, 1)
        if not words:
            return False  # nothing before it but articles
        w = words[-1].lower()
        if w not in PP_SKIP:
            return w.strip("(") in PREPOSITIONS
        if len(words) == 1:
            return False
        rest = words[0]


def subject_of(sentence: Sentence, mentions: list[Mention], before: int) -> Mention | None:
    """The clause's subject: the first party before position ``before`` that is not in a
    prepositional phrase and not an attribute in parentheses of an earlier mention.  In
    reported speech ('Wethouder X meldt dat de gemeente Venray samen met ...') the subject
    of the clause after 'meldt dat' is looked for first."""
    for m in mentions:
        if m.label in PARTY_LABELS:
            break
    else:
        return None  # most sentences: nothing that could be a subject
    text = sentence.text
    # every reported clause ends in 'dat' (any case): a cheap test spares most sentences the scan
    starts = [m.end() for m in REPORTED_CLAUSE.finditer(text, 0, before)] if "dat" in text.lower() else None
    for start in ((starts[-1], 0) if starts else (0,)):
        prev = None
        for m in mentions:
            if m.start >= before:
                break
            # a party outside a prepositional phrase, not an attribute of the mention before it
            if m.start >= start and m.label in PARTY_LABELS and not in_pp(text, m) \
                    and (prev is None or not ATTRIBUTE_GAP.fullmatch(text, prev.end, m.start)):
                return m
            prev = m
    return None


def is_attribute(text: str, prev: Mention | None, m: Mention) -> bool:
    """'wethouder Diederen (gemeente Beek)', 'Johan van der Craats van het Expertisecentrum':
    m only says where prev belongs."""
    if prev is None:
        return False
    gap = text[prev.end:m.start]
    return bool(ATTRIBUTE_GAP.fullmatch(gap))


def coordinated(text: str, mentions: list[Mention], first: Mention, labels=PARTY) -> list[Mention]:
    """first and the mentions coordinated with it: 'X, Y en Z', 'met X en met Y', '(A, B, C en D)'."""
    out = [first]
    # mentions.index(first) without comparing the mentions before it field by field (a
    # dataclass __eq__ builds two tuples): only one at first's start can equal it
    at = first.start
    for idx, m in enumerate(mentions):
        if m is first or (m.start == at and m == first):
            break
    else:
        raise ValueError("first is not among the mentions")
    for m in mentions[idx + 1:]:
        if m.id and m.id == out[-1].id:
            continue  # 'Regionaal Platform Arbeidsmarkt (RPA)': the acronym repeats the name
        gap = text[out[-1].end:m.start]
        if OPEN_PAREN_GAP.fullmatch(gap):
            continue  # inside '(gemeente Beek)' after a person: where that person belongs
        if m.label not in labels:
            break
        if COORDINATION_GAP.fullmatch(gap):
            out.append(m)
        else:
            break
    return out


def negated(text: str, start: int, end: int) -> bool:
    """A negation word between two positions of the sentence."""
    part = text[start:end]
    # The regex opens with a look-behind: it scans at ~100 instructions a character.  An
    # ASCII part without any of the words in lower case cannot hold a match (a non-ASCII
    # one might: case-insensitive 'i' also takes 'ı' and 'İ').
    if part.isascii() and not any(map(part.lower().__contains__, NEGATION_WORDS)):
        return False
    return bool(NEGATION.search(part))


def coordinated_before(text: str, mentions: list[Mention], pos: int, labels=PARTY) -> list[Mention]:
    """The coordinated parties ending right before pos: '... dat Venlo, Venray en Beesel samenwerken'."""
    before = [m for m in mentions if m.end <= pos and m.label in labels]
    if not before or text[before[-1].end:pos].strip():
        return []
    group = [before[-1]]
    for m in reversed(before[:-1]):
        gap = text[m.end:group[0].start]
        if m.id and m.id == group[0].id:
            continue
        if LIST_GAP.fullmatch(gap):
            group.insert(0, m)
        else:
            break
    return group
