"""The graph contract (../shared/graph-contract.md) in code: the one place that says
which labels, properties and relationship types exist.

Stores generate their schema from here, the loaders build nodes with these ids, the
saved-query checks validate against it.  Change it only together with a migration
note in the README.

>>> node_id("Municipality", "Horst aan de Maas")
'municipality:horst-aan-de-maas'
>>> node_id("Organisation", "Hochschule Rhein-Waal")
'organisation:hochschule-rhein-waal'
>>> sorted(REL_TYPES["ALDERMAN_OF"].pairs)
[('Person', 'Municipality')]
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

# Properties every node has.
NODE_BASE_PROPS = ("id", "name", "aliases")

# label -> {property: type}; types are "string", "bool" or "string[]".
# Dates are ISO strings: "2023-04-24", or "2023-07" when only the month is known.
NODE_PROPS: dict[str, dict[str, str]] = {
    "Region": {"level": "string"},
    "Municipality": {"cbs_code": "string", "province": "string"},
    "Person": {"title": "string", "redacted": "bool"},
    "Organisation": {"acronym": "string", "kind": "string"},
    "Body": {},
    "Project": {"acronym": "string"},
    "Programme": {},
    "Document": {"date": "string", "kind": "string", "path": "string", "sha256": "string"},
    "Meeting": {"date": "string", "location": "string"},
    "ActionItem": {"text": "string", "status": "string", "owner_redacted": "bool"},
}
LABELS: tuple[str, ...] = tuple(NODE_PROPS)

# "party" in the contract.
PARTY = ("Person", "Organisation", "Municipality", "Region", "Body")

# Properties every relationship has: provenance.
REL_BASE_PROPS = ("source", "evidence")


@dataclass(frozen=True)
class RelType:
    name: str
    pairs: frozenset  # of (from_label, to_label)
    props: tuple  # properties beyond source/evidence
    meaning: str
    symmetric: bool = False  # direction carries no meaning (CONTACT, COLLABORATES_WITH)


def _pairs(froms, tos):
    froms = (froms,) if isinstance(froms, str) else froms
    tos = (tos,) if isinstance(tos, str) else tos
    return frozenset((a, b) for a in froms for b in tos)


REL_TYPES: dict[str, RelType] = {r.name: r for r in [
    RelType("IN_REGION", _pairs("Municipality", "Region") | _pairs("Region", "Region"), (),
            "geography (reference data)"),
    RelType("ALDERMAN_OF", _pairs("Person", "Municipality"), (), "wethouder of that gemeente"),
    RelType("AFFILIATED_WITH", _pairs("Person", ("Organisation", "Municipality")), ("title",),
            "works for or speaks for"),
    RelType("CHAIR_OF", _pairs("Person", "Body"), (), "voorzitter"),
    RelType("MEMBER_OF", _pairs(("Organisation", "Municipality", "Region", "Person"), "Body"), ("status",),
            "member or candidate"),
    RelType("REPRESENTS", _pairs(("Person", "Municipality"), ("Region", "Organisation")), (), "speaks for"),
    RelType("ATTENDED", _pairs(PARTY, "Meeting"), (), "present (or registered to attend)"),
    RelType("ABSENT_FROM", _pairs(PARTY, "Meeting"), (), "listed absent, or said it cannot attend"),
    RelType("MEETING_OF", _pairs("Meeting", ("Body", "Organisation")), (), "whose meeting it is (organiser)"),
    RelType("HELD_IN", _pairs("Meeting", "Municipality"), (), "where"),
    RelType("CONTACT", _pairs(PARTY, PARTY), ("kind", "status", "date"), "a contact moment", symmetric=True),
    RelType("COLLABORATES_WITH", _pairs(PARTY, PARTY), (), "working together on the topic", symmetric=True),
    RelType("PARTNER_IN", _pairs(PARTY, "Project"), ("role",), "partner, associated partner, applicant"),
    RelType("DECLINED", _pairs(PARTY, "Project"), (), "decided not to take part"),
    RelType("PART_OF", _pairs("Project", "Project"), (), "part of"),
    RelType("FUNDED_BY", _pairs("Project", "Programme"), (), "funded by"),
    RelType("AUTHORED", _pairs(PARTY, "Document"), (), "wrote or published"),
    RelType("ASSIGNED_TO", _pairs("ActionItem", PARTY), (), "who must do it"),
    RelType("RAISED_IN", _pairs("ActionItem", "Meeting"), (), "raised in"),
    RelType("ENGAGEMENT", _pairs("Document", ("Municipality",) + PARTY), ("level",),
            "how engaged a party is reported to be"),
    RelType("MENTIONS", _pairs("Document", LABELS), (), "the document names it"),
]}

# Allowed values where the contract names them.
ENUMS = {
    ("Region", "level"): {"region", "subregion"},
    ("ActionItem", "status"): {"open", "done"},
    ("MEMBER_OF", "status"): {"member", "candidate"},
    ("CONTACT", "kind"): {"appointment", "conversation", "request", "introduction"},
    ("CONTACT", "status"): {"planned", "held"},
    ("PARTNER_IN", "role"): {"partner", "associated partner", "applicant"},
    ("ENGAGEMENT", "level"): {"high", "medium", "low"},
}


@lru_cache(maxsize=65536)  # the same names recur in every document
def slug(text: str) -> str:
    """Normalised name for ids: accents folded, lower case, runs of other characters to '-'.

    >>> slug("Zuid- Limburg")
    'zuid-limburg'
    >>> slug("BO’s Wonen") == slug("BO's Wonen") == 'bos-wonen'
    True
    """
    text = re.sub(r"['’`‘]", "", text)  # apostrophes join: BO's -> bos, not bo-s
    s = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", "-", s).strip("-")


def node_id(label: str, name: str) -> str:
    """Stable id of a node: lower-case label, a colon, the slug of its canonical name."""
    if label not in NODE_PROPS:
        raise ValueError(f"unknown label {label!r}; the contract has {', '.join(LABELS)}")
    return f"{label.lower()}:{slug(name)}"


def label_of_id(nid: str) -> str:
    """The label a node id was made for.

    >>> label_of_id("actionitem:taskforce-2023-04-12-3")
    'ActionItem'
    """
    label = _LABEL_BY_PREFIX.get(nid.split(":", 1)[0])
    if label is None:
        raise ValueError(f"{nid!r} is not a contract node id")
    return label


_LABEL_BY_PREFIX = {label.lower(): label for label in LABELS}


def check_relationship(rtype: str, from_label: str, to_label: str) -> None:
    """Raise ValueError when the contract does not allow this relationship."""
    rt = REL_TYPES.get(rtype)
    if rt is None:
        raise ValueError(f"unknown relationship type {rtype!r}")
    if (from_label, to_label) not in rt.pairs:
        raise ValueError(f"{rtype} does not go from {from_label} to {to_label}")
