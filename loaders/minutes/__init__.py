"""The minutes extractor: a published minutes document in, the contract's graph out.

    >>> from loaders.document import SourceDocument
    >>> doc = SourceDocument("/tmp/stuurgroep-2023-10-03.txt", '''Verslag Stuurgroep Internationale Werknemers
    ... 3 oktober 2023 10:00 - 11:30 uur Stadhuis Venlo
    ... Aanwezig
    ... (LWV)
    ... Afwezig
    ... (gemeente Weert)
    ... 1. Wethouder Janssen (gemeente Venlo) heeft op 10 oktober 2023 een afspraak met de kennisambassadeur.
    ... Actie: Kennisambassadeur nodigt de LLTB uit ( )
    ... ''', "0" * 64, "txt")
    >>> g = extract_minutes(doc)
    >>> sorted((r.type, r.start, r.end) for r in g.rels.values() if r.type in ("ALDERMAN_OF", "ATTENDED", "ABSENT_FROM"))
    [('ABSENT_FROM', 'municipality:weert', 'meeting:stuurgroep-internationale-werknemers-2023-10-03'), \
('ALDERMAN_OF', 'person:janssen', 'municipality:venlo'), \
('ATTENDED', 'organisation:lwv', 'meeting:stuurgroep-internationale-werknemers-2023-10-03')]
    >>> sorted((r.end, r.props["kind"], r.props.get("date")) for r in g.rels.values() if r.type == "CONTACT")
    [('organisation:lltb', 'request', None), ('person:kennisambassadeur', 'appointment', '2023-10-10')]

How it reads (each step its own module): ``loaders.normalise`` (text clean-up),
``structure`` (header, lists, agenda, sentences), ``entities`` (gazetteer and rules),
``resolution`` (one node per entity), ``meetings``, ``relations``, ``documents``,
``engagement``, ``actions``.  Lists live in ``loaders/data``.  The hot path is compiled regexes built once
per process: spaCy's Dutch tokenizer measured 16 ms for the seed alone on this machine,
more than the whole budget of a seed-sized document (>= 100 documents/s).
"""
from __future__ import annotations

import re

from graph.model import DocumentGraph, Node
from loaders.document import SourceDocument
from loaders.dates import forget_sentence_dates
from loaders.minutes import lexicon as lx
from loaders.minutes.actions import action_item
from loaders.minutes.context import PARTY_LABELS, Context, is_party
from loaders.minutes.documents import documents
from loaders.minutes.engagement import Engagement
from loaders.minutes.entities import Mention, find_mentions, learned_index, learned_mentions_by_sentence, learned_names
from loaders.minutes.meetings import meeting_name, references
from loaders.minutes.relations import (ATTENDANCE_CUES, COLLABORATION_CUES, CONTACT_GROUP, MEMBERSHIP_CUES, PROJECT_CUES,
                                       attendance, collaboration, contacts, membership, people, projects, topic_subject)
from loaders.minutes.resolution import Resolver, fold, merge_people
from loaders.minutes.structure import Minutes, Sentence, read_structure

__all__ = ["extract_minutes", "merge_people", "read_structure"]


def _node_for(ctx: Context, resolver: Resolver, m: Mention, evidence: str):
    """The graph node for a resolved mention (created or folded in), with the surface form as an alias and a MENTIONS."""
    # Most mentions repeat one the document made before (~100 of ~170).  What resolve makes
    # of a mention depends only on the fields in ``reading`` (the resolver's state is settled
    # before the first call), and a reading seen before has left nothing new to add: replay
    # what resolve did to the mention and return the node.
    try:
        reading = (m.label, m.name, m.how, m.text, m.role, m.title, m.redacted,
                   m.qualifier.name if m.qualifier is not None else None, *m.props.items())
        done = resolver.readings.get(reading)
    except TypeError:  # a property value that is a list: no memo
        reading = done = None
    if done is not None:
        node, m.id, m.name, m.redacted, label, props = done
        if props is not None:  # resolve took an acronym's definition (see Resolver.defined_acronym)
            m.label, m.props = label, dict(props)
        return node
    given = m.props
    label, name, props = resolver.resolve(m)
    seen = (m.id, m.text, tuple(sorted(props.items())) if props else ())
    if seen in ctx.seen_mentions:  # the same entity written the same way: nothing new to add
        node = ctx.graph.nodes[m.id]
    else:
        ctx.seen_mentions.add(seen)
        aliases = [m.text] if m.how != "role" and fold(m.text) != fold(name) else []
        node = ctx.graph.add_node(label, name, id=m.id, aliases=aliases, **props)
        ctx.mention(node, evidence)
    if reading is not None:
        resolver.readings[reading] = (node, m.id, m.name, m.redacted, m.label, None if m.props is given else dict(m.props))
    return node


def _body(g: DocumentGraph, minutes: Minutes):
    """The body whose minutes these are: known by the gazetteer (or a slip of it), else a
    Body named after the title."""
    name = minutes.body_name
    if not name and minutes.date:
        # 'Stuurgroep Internationale Werknemers 3 oktober 2023': a title without 'Verslag'
        ms = find_mentions(minutes.title)
        if ms and ms[0].label == "Body" and ms[0].start <= 4:
            return g.add_node("Body", ms[0].name, **ms[0].props)
    if not name:
        return None
    ms = [m for m in find_mentions(name) if m.label in ("Body", "Organisation")]
    ms = [m for m in ms if m.label == "Body"] or [m for m in ms if m.end - m.start >= len(name) * 0.6]
    if ms:
        return g.add_node(ms[0].label, ms[0].name, aliases=[name] if fold(name) != fold(ms[0].name) else [],
                          **ms[0].props)
    return g.add_node("Body", name)


def _names_only(entry: str, m: Mention) -> bool:
    """Whether a list entry is this party and nothing more: 'LLTB', 'gemeente Gennep' (a
    party prefix from words.jsonl around it is fine), not 'Jan Beek' (a person)."""
    rest = (entry[:m.start] + " " + entry[m.end:]).split()
    prefixes = lx.words("party_prefix")
    return all(w.lower().strip(",.;:") in prefixes for w in rest)


_CAPITAL = re.compile(r"[A-Z]")
_FORM_OF_ADDRESS = re.compile(r"^(?:[Mm]evr\.|[Mm]w\.|[Dd]hr\.|[Mm]evrouw|de heer)\s+")


def _attendance_lists(ctx: Context, resolver: Resolver, minutes: Minutes, name_mentions: list[list[Mention]]) -> None:
    """ATTENDED / ABSENT_FROM from the Aanwezig / Afwezig lists: the party in parentheses, a named person, or a redacted role holder; plus what the entry says of the person (alderman, affiliation, chair).
    ``name_mentions``: find_mentions of each attendee's name (as yet unresolved), in list order."""
    if ctx.meeting is None:
        return
    # An affiliation the list repeats ('(Provincie Limburg)' three times) is read once: its
    # party is the node the first reading made (a mention read the same way again only
    # replays _node_for's memo, which adds nothing).
    parties: dict[str, Node | None] = {}
    for a, in_name in zip(minutes.attendees, name_mentions):
        rtype = "ATTENDED" if a.present else "ABSENT_FROM"
        evidence = f"{'Aanwezig' if a.present else 'Afwezig'}: {a.text}"
        party = None
        if a.affiliation:
            if a.affiliation in parties:
                party = parties[a.affiliation]
            else:
                for m in find_mentions(a.affiliation):
                    if m.label in PARTY_LABELS:
                        party = _node_for(ctx, resolver, m, evidence)
                        break
                parties[a.affiliation] = party
            if party is not None:
                ctx.rel(rtype, party, ctx.meeting, evidence)
        person = None
        if a.name:
            # 'Afgemeld: LLTB' names an organisation, not a person; so does 'Provincie
            # Limburg (GS)', whose parentheses name a second party
            known = [m for m in in_name if is_party(m) and m.label != "Person" and _names_only(a.name, m)]
            if known:
                named = _node_for(ctx, resolver, known[0], evidence)
                ctx.rel(rtype, named, ctx.meeting, evidence)
                continue
        if a.name:
            ms = [m for m in in_name if m.label == "Person"]
            if not ms and _CAPITAL.search(a.name):
                ms = [Mention(0, len(a.name), a.name, "Person", _FORM_OF_ADDRESS.sub("", a.name), how="list")]
            if ms:
                person = _node_for(ctx, resolver, ms[0], evidence)
        elif a.role and (row := lx.role_word(a.role.split()[0])) and row["role_person"]:
            role = row["word"]
            qual = None
            if role == "vertegenwoordiger" and party is not None:
                qual = Mention(0, 0, party.name, party.label, party.name)
                qual.id = party.id
            if role != "vertegenwoordiger" or qual is not None:
                person = _node_for(ctx, resolver, Mention(0, 0, a.role, "Person", role, how="role", redacted=True,
                                                          title=role, role=role, qualifier=qual), evidence)
        if person is None:
            continue
        ctx.rel(rtype, person, ctx.meeting, evidence)
        title = person.props.get("title") or (a.role.lower() if a.role else None)
        if party is not None:
            if title == "wethouder" and party.label == "Municipality":
                ctx.rel("ALDERMAN_OF", person, party, evidence)
            elif party.label in ("Organisation", "Municipality"):
                ctx.rel("AFFILIATED_WITH", person, party, evidence, title=title)
            elif party.label == "Region" and a.present is not None:
                ctx.rel("REPRESENTS", person, party, evidence)
        if title == "voorzitter" and ctx.body is not None:
            ctx.rel("CHAIR_OF", person, ctx.body, evidence)


_NO_LABELS = frozenset()


def _relationships(ctx: Context, s: Sentence, ms: list[Mention], labels: set, nxt: Sentence | None,
                   nxt_ms: list[Mention], recent: str | None) -> None:
    """The relationship rules over one sentence with mentions (``labels``: theirs).

    Each rule returns at once when the sentence holds none of its cue groups (or
    entities); most sentences can fire one rule or none.  The cue groups of a sentence
    are found once (lexicon.cue_groups_present, memoised for this sentence) and a rule is
    called only when one of its groups, or the entity it starts from, is there.  Each
    rule keeps its own check: these tests only spare the calls that would return at once
    (tests/test_extract_dispatch.py runs every rule on every sentence and compares)."""
    present = lx.cue_groups_present(s.text).keys()
    if "Person" in labels:  # people reads how persons are written
        people(ctx, s, ms)
    if present:
        if CONTACT_GROUP in present:
            contacts(ctx, s, ms, nxt, nxt_ms)
        if not present.isdisjoint(COLLABORATION_CUES):
            collaboration(ctx, s, ms)
    if "Programme" in labels or (present and not present.isdisjoint(PROJECT_CUES)):
        projects(ctx, s, ms)  # (a programme before a project needs no cue)
    if present and not present.isdisjoint(MEMBERSHIP_CUES):
        membership(ctx, s, ms)
    documents(ctx, s, ms)  # (its own first test is the sentence's words against the document nouns)
    if recent is not None and present and not present.isdisjoint(ATTENDANCE_CUES):
        attendance(ctx, s, ms, recent)


def extract_minutes(doc: SourceDocument, known=None) -> DocumentGraph:
    """Read one minutes document into a DocumentGraph: the source Document, the Meeting
    it records, every entity it names (MENTIONS) and the relationships the text supports,
    each with source (the document id) and evidence (the sentence).

    ``known`` (optional): names and aliases -> node id(s) that other documents or the
    store hold (the shape of loaders.contacts.known_names), so that 'Holtus' here is the
    'Roger Holtus' another document named.  Without it each document resolves alone.

    The WOO stamps removed from the text are kept on the result as ``graph.redactions``
    (dicts: stamp, line, context) for a reader's summary; they are not part of the
    contract's export."""
    # The caches keyed by a sentence's text serve the rules within one document.  Kept
    # across documents they would mostly serve the speed benchmark, whose corpus recombines
    # one seed's sentences, and make its figures better than real minutes would see.
    lx.sentence_words.cache_clear()
    lx.cue_groups_present.cache_clear()
    forget_sentence_dates()
    minutes = read_structure(doc.text)
    g = DocumentGraph()
    docnode = g.add_node("Document", minutes.title or doc.name, id=doc.document_id, date=minutes.date,
                         kind="minutes", path=doc.path, sha256=doc.sha256)
    body = _body(g, minutes)
    meeting = None
    ctx = Context(g, docnode, None, minutes.date, body)
    if body is not None:
        ctx.mention(body, minutes.title)
    if minutes.date:
        meeting = g.add_node("Meeting", meeting_name(body.name if body else minutes.title, "", minutes.date),
                             date=minutes.date, location=minutes.place)
        ctx.meeting = meeting
        header = minutes.header_text or minutes.title
        ctx.mention(meeting, header)
        if body is not None:
            ctx.rel("MEETING_OF", meeting, body, header)
        if minutes.place:
            for m in find_mentions(minutes.place):
                if m.label == "Municipality":
                    node = g.add_node("Municipality", m.name, **m.props)
                    ctx.mention(node, header)
                    ctx.rel("HELD_IN", meeting, node, header)
                    break

    sentences = minutes.sentences
    all_ms = [find_mentions(s.text) for s in sentences]
    learned = learned_names(all_ms)
    if learned:
        # (the learned names looked for in the whole document at once, see learned_mentions_by_sentence)
        for i, extra in learned_mentions_by_sentence([s.text for s in sentences], learned, all_ms,
                                                     learned_index(learned)).items():
            all_ms[i] = sorted(all_ms[i] + extra, key=lambda m: m.start)
    resolver = Resolver(body.name if body is not None else None, known)
    resolver.learn(all_ms)
    # each attendee's name read once, here and for the attendance lists below
    name_mentions = [find_mentions(a.name) if a.name else [] for a in minutes.attendees]
    for in_name in name_mentions:  # 'wethouder M. Kusters' in the list makes a later 'Kusters' the same person
        resolver.person_names.update(m.name for m in in_name if m.label == "Person")
    for a, in_name in zip(minutes.attendees, name_mentions):  # 'Roger Holtus (voorzitter)' chairs this body
        if a.name and a.role and body is not None and a.role.lower() in ("voorzitter", "secretaris"):
            named = [m for m in in_name if m.label == "Person"]
            resolver.holders[(a.role.lower(), body.name)] = named[0].name if named else a.name
            resolver.person_names.add(resolver.holders[(a.role.lower(), body.name)])
    for s, ms in zip(sentences, all_ms):
        for m in ms:
            _node_for(ctx, resolver, m, s.text)
            if m.qualifier is not None and not m.qualifier.id:
                _node_for(ctx, resolver, m.qualifier, s.text)
    _attendance_lists(ctx, resolver, minutes, name_mentions)

    engagement = Engagement()
    action_no = 0
    section_meeting: dict[int | None, str] = {}
    for i, (s, ms) in enumerate(zip(sentences, all_ms)):
        refs = references(ctx, s, ms)
        if refs:
            ctx.last_meeting = (i, refs[-1])
            if s.kind == "agenda" and re.search(r"actiepunten|actielijst", s.text, re.I):
                section_meeting[s.section_no] = refs[-1]
        if s.kind == "agenda":
            continue
        nxt = sentences[i + 1] if i + 1 < len(sentences) else None
        nxt_ms = all_ms[i + 1] if nxt is not None else []
        # the labels of the sentence's mentions, settled (only resolution, above, changes a label)
        labels = {m.label for m in ms} if ms else _NO_LABELS
        if ms:  # every relationship rule needs an entity in the sentence (or, rarely, the last one)
            _relationships(ctx, s, ms, labels, nxt, nxt_ms,
                           ctx.last_meeting[1] if ctx.last_meeting and i - ctx.last_meeting[0] <= 2 else None)
        engagement.read(s, ms)
        if s.kind == "action":
            action_no += 1
            follow = nxt if nxt is not None and nxt.kind == "body" and nxt.section == s.section else None
            raised = section_meeting.get(s.section_no) or (meeting.id if meeting is not None else None)
            action_item(ctx, s, ms, action_no, follow, nxt_ms if follow is not None else [], raised)
        ctx.previous_was_action = s.kind == "action"
        # topic_subject finds none without a party; only a sentence with a party (whether
        # or not a subject is found) sets the subject a following sentence may continue
        if not labels.isdisjoint(PARTY_LABELS):
            ctx.previous_subject = topic_subject(s, ms)
        if "Project" in labels:
            ctx.last_project = [m for m in ms if m.label == "Project"][-1]
    engagement.write(ctx)
    g.redactions = [{"stamp": r.stamp, "line": r.line, "context": r.context} for r in minutes.normalised.redactions]
    return g
