"""Action items: 'Actiepunt:' / 'Actie:' lines, their owners and their status.

- The owner in parentheses at the end: '(LLTB, LWV)' names owners; '( )' is a blanked
  owner (owner_redacted true).  Without parentheses, a party that opens the line and does
  the verb ('Kennisambassadeur neemt ...', 'Leden Taskforce leveren ...') owns it; an
  infinitive line ('Vertegenwoordiger Zuid-Limburg attenderen ...') names no owner.
- Status 'done' when the line says so ('afgerond', 'gereed') or the sentence after it
  reports it in the perfect tense about the same thing ('De provincie heeft criteria
  opgesteld', 'Afspraak is gemaakt'); otherwise 'open'.
"""
from __future__ import annotations

import re

from graph.contract import node_id, slug
from loaders.minutes import lexicon as lx
from loaders.minutes.context import Context, coordinated, is_party
from loaders.minutes.entities import Mention
from loaders.minutes.structure import Sentence

OWNER_PARENS = re.compile(r"\(\s*([^()]*?)\s*\)\s*[.;]?\s*$")
DONE_MARK = re.compile(r"\b(?:afgerond|gereed|gedaan|afgehandeld|vervalt|is gebeurd|done)\b", re.I)
DONE_FIRSTS = ("afgerond", "gereed", "gedaan", "afgehandeld", "vervalt", "is", "done")  # where DONE_MARK can start
# ... when the text has no 'gebeurd': at an 'is' (in 'discussie', 'kennis' ...) only 'is gebeurd' could match
DONE_FIRSTS_BUT_IS = tuple(w for w in DONE_FIRSTS if w != "is")
AUXILIARIES = {"heeft", "hebben", "is", "zijn", "werd", "werden"}
NOT_YET = {"niet", "nog", "zal", "zullen"}
PARTICIPLE = re.compile(r"\w*ge\w+(?:d|t|en)")
WORD = re.compile(r"\w+")
CONTENT_WORD = re.compile(r"[a-zà-ÿ]{4,}")
VERB_AFTER = re.compile(r"\s*(?:\([^()]*\)\s*)?(\w+)")
MEMBERS_OPENING = re.compile(r"\s*(?:alle\s+)?leden\b", re.I)
STATUS_IN_PARENS = re.compile(r"\s*\((?:afgerond|gereed|gedaan|afgehandeld|vervalt|done)\)\s*[.;]?\s*$", re.I)
# the status after the owner, behind a dash: 'Notitie delen (secretaris) - afgerond'
STATUS_WORDS = ("afgerond", "gereed", "gedaan", "afgehandeld", "vervalt", "done")
STATUS_AFTER = re.compile(r"\)\s*[-–—,:]\s*(?:" + "|".join(STATUS_WORDS) + r")\s*[.;!]?\s*$", re.I)
WHERE_IN_PARENS = re.compile(r"(?:gemeente|regio|organisatie)\b", re.I)


def reports_done(text: str) -> bool:
    """A perfect tense without 'niet' / 'nog' / 'zal' between the auxiliary and the
    participle: 'De provincie heeft criteria opgesteld', 'Afspraak is gemaakt'.

    >>> reports_done("De provincie heeft criteria opgesteld."), reports_done("Het plan is nog niet opgesteld.")
    (True, False)
    """
    words = _words(text.lower())
    for i, w in enumerate(words):
        if w in AUXILIARIES:
            for v in words[i + 1:]:
                if v in NOT_YET:
                    break
                if PARTICIPLE.fullmatch(v):
                    return True
    return False


def _words(low: str) -> list[str]:
    """``WORD.findall(low)``.  An ASCII text's runs of [A-Za-z0-9_] come from a byte table
    (every other character a space) and split(): the regex, opening with a class, costs ~100
    instructions a character to scan.

    >>> _words("is (nog) niet_ afgerond, 3e keer."), _words("café déjà-vu")
    (['is', 'nog', 'niet_', 'afgerond', '3e', 'keer'], ['café', 'déjà', 'vu'])
    """
    if low.isascii():
        return low.encode().translate(_WORD_SPACED).decode().split()
    return WORD.findall(low)


_WORD_SPACED = bytes(c if chr(c).isalnum() and c < 128 or c == ord("_") else 32 for c in range(256))
_LETTERS_SPACED = bytes(c if ord("a") <= c <= ord("z") else 32 for c in range(256))
STOP = {"de", "het", "een", "en", "van", "met", "aan", "op", "in", "voor", "om", "te", "die", "dat", "is", "zijn",
        "heeft", "hebben", "wordt", "worden", "bij", "over", "naar", "uit", "t.a.v.", "t.b.v.", "inzake", "leden"}


def _content_words(text: str, ms: list[Mention]) -> set[str]:
    """Lower-case words of 4+ letters outside entity names and stop words: what an action and its follow-up must share."""
    for m in sorted(ms, key=lambda m: -m.start):
        text = text[: m.start] + " " + text[m.end:]
    low = text.lower()
    if low.isascii():  # CONTENT_WORD's runs: those of [a-z] with 4+ letters (see _words)
        return {w for w in low.encode().translate(_LETTERS_SPACED).decode().split() if len(w) >= 4 and w not in STOP}
    return {w for w in CONTENT_WORD.findall(low) if w not in STOP}


def _opens_with(prefix: str) -> bool:
    """Whether what stands before the first party is only articles, 'leden' or a title:
    'De LLTB ...', 'Leden Taskforce ...', 'Wethouder Van den Beuken plant ...'."""
    return all(w.lower() in ("de", "het", "leden", "alle") or lx.role_word(w) is not None
               for w in prefix.split())


def owners_from_subject(text: str, ms: list[Mention]) -> list[Mention]:
    """Parties opening the action text that also do its verb."""
    first = next((m for m in ms if is_party(m)), None)
    if first is None or not _opens_with(text[: first.start]):
        return []
    group = coordinated(text, ms, first)
    pos = group[-1].end
    for m in ms:  # step over what qualifies the owner: 'Vertegenwoordiger Zuid-Limburg'
        if m.start >= pos and not text[pos:m.start].strip():
            pos = m.end
    verb = VERB_AFTER.match(text, pos)
    plural = len(group) > 1 or MEMBERS_OPENING.match(text)
    if verb and verb.group(1).endswith("en") and not plural:
        return []  # 'Vertegenwoordiger Zuid-Limburg attenderen op ...': an infinitive, no owner
    return group


def action_item(ctx: Context, s: Sentence, ms: list[Mention], number: int, follow: Sentence | None,
                follow_ms: list[Mention], raised_in: str | None) -> None:
    """The ActionItem node of an action line with ASSIGNED_TO and RAISED_IN."""
    text = s.action_text or ""
    offset = s.text.find(text) if text else 0
    if offset < 0:
        offset = 0
    local = [m for m in ms if m.start >= offset]
    redacted = False
    owners: list[Mention] = []
    # The action text read where it stands: padded with the sentence's length before it,
    # so the mentions' offsets hold as they are (no shifted copies of them)
    pad = " " * offset
    status_mark = _status_in_parens(text) if ")" in text else None
    done_mark = bool(status_mark)
    if status_mark:  # 'Lijst aanleveren (LWV) (afgerond)': the status first, then the owner
        text = text[: status_mark.start()]
    elif ")" in text and text.rstrip(" .;!").lower().endswith(STATUS_WORDS):
        after = STATUS_AFTER.search(text)
        if after:  # 'Notitie delen (secretaris) - afgerond': the owner's parentheses end the line then
            text, done_mark = text[: after.start() + 1], True
    pm = OWNER_PARENS.search(text)
    body = text
    if pm:
        inner = pm.group(1)
        in_parens = [m for m in local if m.start - offset >= pm.start() and is_party(m)]
        # '(gemeente Heerlen)' right after 'wethouder Gelderblom' says where he belongs, and
        # so it does when the line has its owner as subject ('Kusters neemt contact op met
        # SML (gemeente Weert)'); otherwise it names the owner ('Notitie delen met de
        # Stuurgroep (gemeente Heerlen)')
        before = [m for m in local if m.end - offset <= pm.start()]
        attribute = before and before[-1].label == "Person" and (WHERE_IN_PARENS.match(inner) or (
            not before[-1].role and len(in_parens) == 1 and not text[before[-1].end - offset:pm.start()].strip()))
        if not attribute and WHERE_IN_PARENS.match(inner):
            attribute = bool(owners_from_subject(pad + text[: pm.start()],
                                                 [m for m in local if m.start - offset < pm.start()]))
        if attribute:
            in_parens = []
        if not inner.strip():
            redacted = True
            body = text[: pm.start()].rstrip()
        elif in_parens:
            owners = in_parens
            body = text[: pm.start()].rstrip()
    if not owners:
        owners = owners_from_subject(pad + body, [m for m in local if m.start - offset < len(body)])
    body = body.rstrip(" .;")
    if not done_mark:
        low = text.lower()
        done_mark = next(lx.finditer_at_words(DONE_MARK, text, DONE_FIRSTS if "gebeurd" in low else DONE_FIRSTS_BUT_IS,
                                              low), None) is not None
    status = "done" if done_mark else "open"
    if status == "open" and follow is not None and reports_done(follow.text):
        shared = _content_words(pad + body, local) & _content_words(follow.text, follow_ms)
        if shared:
            status = "done"
    item = ctx.graph.add_node("ActionItem", body[:120], id=action_item_id(ctx, number),
                              text=body, status=status, owner_redacted=redacted)
    ctx.mention(item, s.text)
    for o in owners:
        ctx.rel("ASSIGNED_TO", item, o, s)
    if raised_in:
        ctx.rel("RAISED_IN", item, raised_in, s)


def _status_in_parens(text: str) -> re.Match | None:
    """``STATUS_IN_PARENS.search(text)``, tried at one place: a match ends the text with the
    last '(' and its status word, and starts where the whitespace before that '(' begins
    (the regex opens with ``\\s*``: a scan would try every character at ~100 instructions)."""
    p = text.rfind("(")
    return STATUS_IN_PARENS.match(text, len(text[:p].rstrip())) if p >= 0 else None


def action_item_id(ctx: Context, number: int) -> str:
    """The id of the document's number-th action item: node_id("ActionItem", "<slug of the
    document id>-<number>"), with the document's slug worked out once per document.  A slug
    is its own slug and '-<digits>' after one keeps it so (tests/test_rules_shortcuts.py)."""
    base = ctx.action_base
    if base is None or base[0] != ctx.doc.id:
        base = ctx.action_base = (ctx.doc.id, slug(ctx.doc.id.split(":", 1)[1]))
    return f"actionitem:{base[1]}-{number}" if base[1] else node_id("ActionItem", str(number))

