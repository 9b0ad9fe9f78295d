"""Relationship rules over one sentence and its resolved mentions.

Each rule reads a cue (from ``loaders/data/*_cues.jsonl``) and the mentions around it:
the clause's subject (first party not in a prepositional phrase), the objects after the
cue (with coordination: 'met X en met Y'), the nearest project or programme.  Negation
('niet', 'geen') between the subject and the cue cancels a positive relationship:
'wordt niet ondersteund vanuit', 'niet het voornemen ... partner te worden',
'kan hierbij niet aanwezig zijn'.
"""
from __future__ import annotations

import re

from loaders.dates import compare, find_dates
from loaders.minutes import lexicon as lx
from loaders.minutes.context import (PARTY_LABELS, Context, coordinated, coordinated_before, in_pp,
                                     is_party, negated, subject_of)
from loaders.minutes.entities import Mention
from loaders.minutes.structure import Sentence

PLANNED = re.compile(r"\b(?:zal|zullen|gaat|gaan|wil|willen|komende|binnenkort|op korte termijn|gepland|"
                     r"vindt\b.*\bplaats|maakt|maken|wordt|worden)\b", re.I)
HELD = re.compile(r"\b(?:heeft|hebben|is|zijn)\b.*\b(?:ge\w+[dt]|gesproken|gevoerd|geweest|gehad)\b", re.I)
BACKREF = re.compile(r"\b(?:hier\w*|daar\w+|dit|deze|dat)\b", re.I)
HYPOTHETICAL = re.compile(r"\b(?:of (?:hij|zij|ze)|vragen of|zou|zouden|eventueel)\b", re.I)
ALDERMAN_TITLES = {"wethouder"}
# how a person's municipality or organisation follows the name: '(gemeente Beek)',
# '(CDA, Venlo)', 'van (de gemeente) Horst aan de Maas', 'van het Expertisecentrum', also
# after a political party in parentheses: '(CDA) van de gemeente Beekdaelen'
WHERE_GAP = re.compile(r"\s*(?:\(\s*(?:[A-Z][\w&-]*,\s*)?(?:gemeente\s+|regio\s+)?|"
                       r"(?:\(\s*[A-Z][\w&-]*(?:\s+[\w&-]+){0,2}\s*\)\s*)?(?:van|bij)\s+(?:de\s+|het\s+)?(?:gemeente\s+)?)",
                       re.I)
APPOSITION_GAP = re.compile(r"\s*,\s*\w+\s+(?:van|bij)\s+(?:de\s+|het\s+)?(?:gemeente\s+)?", re.I)
# The rules' smaller patterns, compiled once here (re's own cache costs a lookup per call).
TITLE_IN_PARENS = re.compile(r"\s*\(\s*(?:wethouder|burgemeester)\s+", re.I)
POINTS_BACK = re.compile(r"(?:de\s+)?(?:afspraak|het gesprek|gesprek|het overleg|overleg|dit|deze|het bezoek)\b", re.I)
ASKS = re.compile(r"(?:vragen|gevraagd|of)$", re.I)
OPENS_WITH_MET = re.compile(r"\s*met\b", re.I)
WITH_OR_BETWEEN = re.compile(r"\s+(?:(?!\b(?:met|tussen)\b)\S+\s+){0,8}?(tussen|met)\b")
WORK_TOGETHER = re.compile(r"(?:samenwerken|samen te werken|werken samen)$", re.I)
IN_PROJECT = re.compile(r"\s+(?:in|aan)\s+(?:het|de)\s+(?:project|pilot)?\s*")
# the agent of a passive clause right before a party: 'wordt georganiseerd door (de gemeente) Venlo'
BY_AGENT = re.compile(r"\bdoor\s+(?:(?:de|het)\s+)?(?:gemeente\s+)?$", re.I)
PROGRAMME_PROJECT_GAP = re.compile(r"[\s-]*(?:project|pilot|projectvoorstel|projectaanvraag)?\s*", re.I)
OPEN_PAREN = re.compile(r"\s*\(\s*")
SPACES = re.compile(r"\s*")
THIS_PROJECT = re.compile(r"\b(?:het|dit|dat|deze)\s+(?:project|pilot|initiatief)\b", re.I)
_UNREAD = object()


def cues(text: str, ms: list[Mention], filename: str, family: str | None = None):
    """Cue matches that are not part of an entity's name ('Samenwerking Midden-Limburg'
    is an organisation, not a collaboration)."""
    found = lx.find_cues(text, filename, family)
    if not found:
        return found
    out = []
    for cm, row in found:  # a plain loop: any() over a generator per cue costs more than the test
        a, b = cm.span()
        for m in ms:
            if (m.start <= a < m.end or m.start < b <= m.end) and m.label != "Person":
                break
        else:
            out.append((cm, row))
    return out


def _groups(*families: str) -> frozenset:
    """Cue groups (lexicon.CUE_GROUPS) of relation_cues families.  A family missing there
    would never be found in a sentence, and its rule would silently never run."""
    groups = frozenset(("relation_cues.jsonl", f) for f in families)
    missing = groups - set(lx.CUE_GROUPS)
    if missing:
        raise ValueError(f"cue families not in lexicon.CUE_GROUPS: {sorted(f for _, f in missing)}")
    return groups


# Which cue groups each rule reads: a rule none of whose groups can match in a sentence
# (lexicon.cue_groups_present, one look per sentence) returns at once; most sentences
# can fire none or one of them.
CONTACT_GROUP = ("contact_cues.jsonl", None)
COLLABORATION_CUES = _groups("collaborates")
PROJECT_CUES = _groups("declined", "partner", "partner_by", "part_of", "funding")
MEMBERSHIP_CUES = _groups("candidate", "member", "members_of", "represents", "represented_by")
ATTENDANCE_CUES = _groups("absent", "attend")


def _none_can_fire(text: str, groups: frozenset) -> bool:
    """Whether no cue of these groups can match in the sentence."""
    present = lx.cue_groups_present(text)
    return not present or present.keys().isdisjoint(groups)  # most sentences: no cue at all


def people(ctx: Context, s: Sentence, ms: list[Mention]) -> None:
    """Aldermen, affiliations and chairs from how persons are written."""
    text = s.text
    for i, m in enumerate(ms):
        if m.label != "Person" or not m.id:
            continue
        title = m.title
        after = ms[i + 1] if i + 1 < len(ms) else None
        before = ms[i - 1] if i > 0 else None
        where = None
        gap = text[m.end:after.start] if after is not None else ""
        if after is not None and WHERE_GAP.fullmatch(gap):
            where = after
        elif after is not None and m.how == "apposition" and APPOSITION_GAP.fullmatch(gap):
            where = after  # 'Jan Janssen, wethouder van Venray'
        elif before is not None and before.label == "Municipality" and TITLE_IN_PARENS.fullmatch(
                text[before.end:m.start]):
            where = before  # 'De gemeente Roermond (wethouder Van Reij)'
        if where is not None and where.label == "Municipality":
            if title in ALDERMAN_TITLES:
                ctx.rel("ALDERMAN_OF", m, where, s)
            elif title:
                ctx.rel("AFFILIATED_WITH", m, where, s, title=title)
        elif where is not None and where.label == "Organisation" and not m.redacted:
            ctx.rel("AFFILIATED_WITH", m, where, s, title=title)
        elif title and not m.redacted and (role := lx.role_word(title)) and role["default_affiliation"]:
            known = lx.gazetteer_lookup(role["default_affiliation"])
            org = ctx.graph.add_node("Organisation", role["default_affiliation"], **(dict(known["props"]) if known else {}))
            ctx.mention(org, text)
            ctx.rel("AFFILIATED_WITH", m, org, s, title=title)
        # chairs: 'Roger Holtus, voorzitter Stuurgroep' / a role holder 'voorzitter van de Stuurgroep'
        nxt_role = after if after is not None and after.role == "voorzitter" and after.id == m.id else None
        qual = (nxt_role.qualifier if nxt_role else None) or (m.qualifier if m.role == "voorzitter" else None)
        if qual is not None and qual.label == "Body" and qual.id:
            ctx.rel("CHAIR_OF", m, qual, s)
        if m.role == "vertegenwoordiger" and m.qualifier is not None and m.qualifier.id:
            ctx.rel("REPRESENTS", m, m.qualifier, s)


def _objects_after(s: Sentence, ms: list[Mention], pos: int, max_words: int = 8) -> list[Mention]:
    """The party after pos (within a few words, no comma between) and the parties coordinated with it."""
    for m in ms:
        if m.start >= pos and m.label in PARTY_LABELS:
            gap = s.text[pos:m.start]
            if "," in gap or len(gap.split()) > max_words:
                return []
            return coordinated(s.text, ms, m)
    return []


def _contact_date(s: Sentence, nxt: Sentence | None, ref: str | None, nxt_ms: list[Mention]) -> str | None:
    """The contact's date: in the sentence, or in a following 'Afspraak is gemaakt ... op <date>' sentence that names no one."""
    ds = find_dates(s.text, ref)
    if ds:
        return ds[0].iso
    if nxt is not None and not nxt_ms and POINTS_BACK.match(nxt.text):
        ds = find_dates(nxt.text, ref)
        if ds:
            return ds[0].iso
    return None


def contacts(ctx: Context, s: Sentence, ms: list[Mention], nxt: Sentence | None, nxt_ms: list[Mention]) -> None:
    """Contact moments: 'afspraak met', 'gesprek gevoerd met', 'zal X vragen', 'overleg met',
    'heeft gesproken met', 'Met X wordt ... gesproken'; kind and status from the cue, the
    date against the meeting date, or the tense."""
    text = s.text
    if CONTACT_GROUP not in lx.cue_groups_present(text):
        return
    date = _UNREAD  # the same for every cue of the sentence: read once, when a contact needs it
    for cm, row in cues(text, ms, "contact_cues.jsonl"):
        subj = subject_of(s, ms, cm.start())
        # 'zal wethouder Geilen vragen': the one asked stands inside the cue
        asks = ASKS.search(cm.group(0))
        inside = [m for m in ms if cm.start() <= m.start < cm.end() and m.label in PARTY_LABELS] if asks else []
        if inside:
            objs = coordinated(text, ms, inside[0])
        elif OPENS_WITH_MET.match(text) and ms and ms[0].label in PARTY_LABELS and ms[0].start < cm.start():
            objs = coordinated(text, ms, ms[0])  # 'Met de gemeenten Beek en Stein wordt ... gesproken'
            subj = None
        else:
            objs = _objects_after(s, ms, cm.end())
            if not objs and "*" in row["cue"]:
                # 'De provincie nodigt de LWV uit': the one invited stands inside the cue
                inside = [m for m in ms if cm.start() <= m.start < cm.end() and m.label in PARTY_LABELS]
                objs = coordinated(text, ms, inside[0]) if inside else []
        if subj is None and s.kind != "action" and not any(is_party(m) and m.start < cm.start() and m not in objs for m in ms):
            # a subject-less sentence continues the previous one only when it points back
            # ('Op 20 april vindt hierover overleg plaats met Decisio')
            if BACKREF.search(text) or ctx.previous_was_action:
                subj = ctx.previous_subject
        if subj is None or not objs:
            continue
        if negated(text, subj.start if subj.start < cm.start() else 0, cm.end()):
            continue
        if date is _UNREAD:
            date = _contact_date(s, nxt, ctx.meeting_date, nxt_ms)
        status = row["status"]
        if status is None:
            if date and ctx.meeting_date:
                status = "planned" if compare(date, ctx.meeting_date) > 0 else "held"
            elif HELD.search(text) and not PLANNED.search(text[: cm.start()]):
                status = "held"
            else:
                status = "planned"
        for o in objs:
            if o.id != subj.id:
                ctx.rel("CONTACT", subj, o, s, kind=row["kind"], status=status, date=date)


def collaboration(ctx: Context, s: Sentence, ms: list[Mention]) -> None:
    """'samen met', 'samenwerking tussen (A, B en C)', 'samenwerking met', 'werken samen'."""
    text = s.text
    if _none_can_fire(text, COLLABORATION_CUES):
        return
    for cm, row in cues(text, ms, "relation_cues.jsonl", "collaborates"):
        after = text[cm.end():]
        tm = WITH_OR_BETWEEN.match(after)
        subj = subject_of(s, ms, cm.start())
        if subj is None:  # 'wordt georganiseerd door de gemeente Venlo samen met de LWV'
            subj = _passive_agent(text, ms, cm.start())
            if subj is not None and negated(text, _clause_start(text, subj.start), cm.end()):
                continue  # ('wordt niet georganiseerd door ...': the negation stands before the agent)
        if negated(text, subj.start if subj else cm.start(), cm.end()):
            continue
        if tm and tm.group(1) == "tussen":
            group = _objects_after(s, ms, cm.end() + tm.end())
            for i, a in enumerate(group):
                for b in group[i + 1:]:
                    ctx.rel("COLLABORATES_WITH", a, b, s)
            continue
        objs = _objects_after(s, ms, cm.end() + (tm.end() if tm else 0))
        group = coordinated_before(text, ms, cm.start())
        if len(group) > 1 or WORK_TOGETHER.match(cm.group(0)):
            # '... dat de gemeenten Venlo, Venray en Beesel samenwerken (in het project X)',
            # 'Venlo en Venray slaan de handen ineen'
            for i, a in enumerate(group):
                for b in group[i + 1:]:
                    ctx.rel("COLLABORATES_WITH", a, b, s)
            pm = IN_PROJECT.match(text[cm.end():])
            proj = [m for m in ms if m.label == "Project" and pm and m.start == cm.end() + pm.end()]
            for a in group:
                if proj:
                    ctx.rel("PARTNER_IN", a, proj[0], s, role="partner")
            if len(group) > 1:
                continue
        if subj is None:
            # 'In Parkstad werken Heerlen en Kerkrade goed samen': the parties stand inside the cue
            inside = [m for m in ms if cm.start() <= m.start < cm.end() and is_party(m)]
            if not inside:
                continue
            subj = inside[0]
        subjects = coordinated(text, ms, subj)
        if len(subjects) > 1 and not objs:
            for i, a in enumerate(subjects):
                for b in subjects[i + 1:]:
                    ctx.rel("COLLABORATES_WITH", a, b, s)
        for a in subjects:
            for o in objs:
                ctx.rel("COLLABORATES_WITH", a, o, s)


def _passive_agent(text: str, ms: list[Mention], pos: int) -> Mention | None:
    """The party right before pos that is the agent of a passive ('door de gemeente Venlo'),
    the first of its coordination ('door Venlo en Venray')."""
    group = coordinated_before(text, ms, pos)
    if group and BY_AGENT.search(text, 0, group[0].start):
        return group[0]
    return None


def _clause_start(text: str, pos: int) -> int:
    """Where the clause holding pos begins: after the last comma, semicolon or colon before it."""
    return max(text.rfind(",", 0, pos), text.rfind(";", 0, pos), text.rfind(":", 0, pos)) + 1


def _named_before_cue(text: str, ms: list[Mention], cm: re.Match, labels) -> list[Mention]:
    """The mentions of `labels` before a passive cue in its own clause ('Het project P wordt
    uitgevoerd door', 'De regio Parkstad wordt vertegenwoordigd door'); none when the clause
    negates the cue."""
    clause = _clause_start(text, cm.start())
    named = [m for m in ms if m.label in labels and clause <= m.start and m.end <= cm.start()]
    return [] if not named or negated(text, clause, cm.end()) else named


def _project_agents(ctx: Context, s: Sentence, ms: list[Mention]) -> None:
    """'Het project X wordt uitgevoerd door A (en B) (samen met C)': the parties after a
    passive cue are partners in the project named before it in the same sentence."""
    text = s.text
    for cm, row in cues(text, ms, "relation_cues.jsonl", "partner_by"):
        projects = _named_before_cue(text, ms, cm, ("Project",))
        if not projects:
            continue
        agents = _objects_after(s, ms, cm.end(), max_words=3)
        if agents:  # '... door A samen met B': B carries it out too
            tm = WITH_OR_BETWEEN.match(text[agents[-1].end:])
            if tm and tm.group(1) == "met" and text[agents[-1].end:agents[-1].end + tm.start(1)].split() == ["samen"]:
                agents += _objects_after(s, ms, agents[-1].end + tm.end(), max_words=3)
        for a in agents:
            ctx.rel("PARTNER_IN", a, projects[-1], s, role=row["value"])


def _project(ctx: Context, ms: list[Mention], exclude=()) -> Mention | None:
    """The project a sentence is about: the first Project in it, else the last one the text named."""
    for m in ms:
        if m.label == "Project" and m not in exclude:
            return m
    return ctx.last_project


def projects(ctx: Context, s: Sentence, ms: list[Mention]) -> None:
    """Partners and refusals, part-of, funding."""
    if not _none_can_fire(s.text, PROJECT_CUES):
        _project_cues(ctx, s, ms)
        _project_agents(ctx, s, ms)
    _programme_projects(ctx, s, ms)


def _programme_projects(ctx: Context, s: Sentence, ms: list[Mention]) -> None:
    """'de Interreg pilot X' / 'het RegioDeal-project X': the project funded by the programme before it."""
    text = s.text
    for i in range(len(ms) - 1):
        m = ms[i]
        if m.label == "Programme":
            n = ms[i + 1]
            if n.label == "Project" and PROGRAMME_PROJECT_GAP.fullmatch(text[m.end:n.start]):
                ctx.rel("FUNDED_BY", n, m, s)


def _project_cues(ctx: Context, s: Sentence, ms: list[Mention]) -> None:
    """What the project cues of a sentence say: declined, partner, part of, funded by."""
    text = s.text
    declined = cues(text, ms, "relation_cues.jsonl", "declined")
    for cm, _row in declined:
        subj = subject_of(s, ms, cm.start())
        proj = _project(ctx, ms)
        if subj is not None and proj is not None:
            ctx.rel("DECLINED", subj, proj, s)
    if not declined:
        for cm, row in cues(text, ms, "relation_cues.jsonl", "partner"):
            # '(projectaanvrager)' right after a party names that party's role
            paren = [m for m in ms if is_party(m) and OPEN_PAREN.fullmatch(text[m.end:cm.start()])]
            subj = paren[0] if paren else subject_of(s, ms, cm.start())
            if subj is None or negated(text, subj.start, cm.end()):
                continue
            proj = _project(ctx, [m for m in ms if m.start > subj.start] or ms)
            if proj is not None:
                ctx.rel("PARTNER_IN", subj, proj, s, role=row["value"])
    for cm, _row in cues(text, ms, "relation_cues.jsonl", "part_of"):
        left = [m for m in ms if m.label == "Project" and m.end <= cm.start()]
        right = [m for m in ms if m.label == "Project" and m.start >= cm.end()]
        if left and right and not negated(text, left[-1].end, cm.end()):
            ctx.rel("PART_OF", left[-1], right[0], s)
    for cm, _row in cues(text, ms, "relation_cues.jsonl", "funding"):
        left = [m for m in ms if m.label == "Project" and m.end <= cm.start()]
        right = [m for m in ms if m.label == "Programme" and m.start >= cm.end()]
        if not left and ctx.last_project is not None and THIS_PROJECT.search(text[: cm.start()]):
            left = [ctx.last_project]  # 'Het project wordt gefinancierd uit ...'
        if cm.group(0).lower() == "projectvoorstel":
            # 'het Interreg projectvoorstel X': programme before, project after
            prog = [m for m in ms if m.label == "Programme" and SPACES.fullmatch(text[m.end:cm.start()])]
            proj = [m for m in ms if m.label == "Project" and m.start >= cm.end()
                    and len(text[cm.end():m.start].split()) <= 1]
            if prog and proj:
                ctx.rel("FUNDED_BY", proj[0], prog[0], s)
            continue
        if left and right and len(text[cm.end():right[0].start].split()) <= 2 \
                and not negated(text, left[-1].end, cm.end()):
            ctx.rel("FUNDED_BY", left[-1], right[0], s)


def membership(ctx: Context, s: Sentence, ms: list[Mention]) -> None:
    """Members and candidates of bodies, and who represents whom."""
    text = s.text
    if _none_can_fire(text, MEMBERSHIP_CUES):
        return
    for family in ("candidate", "member"):
        for cm, row in cues(text, ms, "relation_cues.jsonl", family):
            bodies = [m for m in ms if m.label == "Body" and m.start >= cm.start()
                      and len(text[cm.end():m.start].split()) <= 8]
            before = [m for m in ms if m.end <= cm.start() and m.label in ("Person", "Organisation", "Municipality", "Region")]
            persons = [m for m in before if m.label == "Person"]
            who = persons[-1] if family == "candidate" and persons else (before[-1] if before else None)
            if family == "member":
                who = subject_of(s, ms, cm.start())
            if who is None or not bodies or negated(text, who.end, cm.end()):
                continue
            status = "candidate" if family == "candidate" or HYPOTHETICAL.search(text) else "member"
            ctx.rel("MEMBER_OF", who, bodies[0], s, status=status)
    for cm, _row in cues(text, ms, "relation_cues.jsonl", "members_of"):
        # 'De Stuurgroep bestaat uit de wethouders van Venlo, Weert en Heerlen'
        bodies = [m for m in ms if m.label == "Body" and m.end <= cm.start()]
        members = _objects_after(s, ms, cm.end())
        if bodies and not negated(text, bodies[-1].end, cm.end()):
            for m in members:
                if m.label != "Body":
                    ctx.rel("MEMBER_OF", m, bodies[-1], s, status="member")
    for cm, _row in cues(text, ms, "relation_cues.jsonl", "represents"):
        if HYPOTHETICAL.search(text):
            continue
        if cm.start() == 0 or not text[: cm.start()].strip():
            # 'Namens de regio Zuid-Limburg neemt wethouder X deel': the party after 'namens'
            # is represented by the first person or municipality after it
            after = [m for m in ms if m.start >= cm.end()]
            if after and after[0].label in ("Region", "Organisation"):
                who = next((m for m in after[1:] if m.label in ("Person", "Municipality")), None)
                if who is not None and not negated(text, 0, who.end):
                    ctx.rel("REPRESENTS", who, after[0], s)
            continue
        subj = subject_of(s, ms, cm.start())
        targets = [m for m in ms if m.start >= cm.end() and m.label in ("Region", "Organisation")]
        if subj is None or not targets or negated(text, subj.start, cm.end()):
            continue
        if len(text[cm.end():targets[0].start].split()) <= 3:
            ctx.rel("REPRESENTS", subj, targets[0], s)
    for cm, _row in cues(text, ms, "relation_cues.jsonl", "represented_by"):
        # 'De regio Parkstad wordt in de Taskforce vertegenwoordigd door de gemeente Heerlen'
        targets = _named_before_cue(text, ms, cm, ("Region", "Organisation"))
        if not targets or HYPOTHETICAL.search(text):
            continue
        for who in _objects_after(s, ms, cm.end(), max_words=3):
            if who.label in ("Person", "Municipality"):
                ctx.rel("REPRESENTS", who, targets[0], s)


def attendance(ctx: Context, s: Sentence, ms: list[Mention], meeting_id: str | None) -> None:
    """'X kan (hierbij) niet aanwezig zijn' -> ABSENT_FROM, 'X en Y nemen deel' ->
    ATTENDED, the meeting being the one named in the sentence or just before."""
    if meeting_id is None:
        return
    text = s.text
    if _none_can_fire(text, ATTENDANCE_CUES):
        return
    absent = cues(text, ms, "relation_cues.jsonl", "absent")
    for cm, _row in absent:
        subj = subject_of(s, ms, cm.start())
        if subj is not None:
            for p in coordinated(text, ms, subj):
                ctx.rel("ABSENT_FROM", p, meeting_id, s)
    for cm, _row in cues(text, ms, "relation_cues.jsonl", "attend"):
        if any(a.start() <= cm.start() < a.end() for a, _ in absent):
            continue
        subj = subject_of(s, ms, cm.start())
        if subj is None or negated(text, subj.start, cm.end()):
            continue
        for p in coordinated(text, ms, subj):
            ctx.rel("ATTENDED", p, meeting_id, s)


def topic_subject(s: Sentence, ms: list[Mention]) -> Mention | None:
    """What a following subject-less sentence is about: this sentence's subject, or its
    first party."""
    for first in ms:
        if first.label in PARTY_LABELS:
            break
    else:
        return None  # a subject is a party: without one there is none to look for
    subj = subject_of(s, ms, len(s.text) + 1)
    return subj or (first if not in_pp(s.text, first) else None)
