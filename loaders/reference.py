"""Reference data: the 31 Limburg municipalities (2023), their regions and sub-regions,
known organisations, bodies, programmes, projects, titles and the cue lists the
minutes extractor reads with.

All of it lives in ``loaders/data/*.jsonl`` (one JSON object a line, canonical ``id``
plus ``aliases``), not in code.  Every file is validated when it is first loaded; a bad
line raises :class:`ReferenceDataError` with a numbered code that tests assert on:

====  =====================================================================
E001  data file missing or unreadable
E002  a line is not a JSON object
E003  a required field is missing
E004  a field has the wrong type
E005  a field the schema does not know
E006  duplicate id
E007  id does not match the name (contract ``node_id(label, name)``)
E008  one alias names two different entries
E009  a value outside its allowed set (region, level, kind, CONTACT kind ...)
E010  malformed or duplicate CBS code (``GM`` + four digits)
E011  latitude/longitude outside Limburg
E012  a municipality's sub-region lies in another region than the municipality
E013  a cue pattern that cannot be compiled (empty, or starts/ends with ``*``)
====  =====================================================================

>>> m = {x["name"]: x for x in municipalities()}
>>> len(m), m["Beek"]["cbs_code"], m["Beek"]["subregion"]
(31, 'GM0888', 'Westelijke Mijnstreek')
>>> sorted(r["name"] for r in regions() if r["level"] == "subregion")
['Maastricht-Heuvelland', 'Parkstad', 'Westelijke Mijnstreek']
"""
from __future__ import annotations

import copy
import hashlib
import json
import os
import re
from functools import lru_cache

from graph.contract import ENUMS, node_id

DATA_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "data")
REFERENCE_DOCUMENT_ID = "document:reference-limburg"
REFERENCE_DOCUMENT_NAME = "Referentiedata gemeenten en regio's Limburg 2023"

# Limburg's bounding box, generous: a coordinate outside it is a typo.
LAT_RANGE = (50.70, 51.80)
LON_RANGE = (5.55, 6.25)

REGION_NAMES = ("Noord-Limburg", "Midden-Limburg", "Zuid-Limburg")
ORG_KINDS = {"employers", "government", "research", "knowledge", "media", "union", "business",
             "housing", "other"}
TITLE_KINDS = {"title", "role"}
AFFILIATION_LABELS = {"Municipality", "Organisation", "Body", "Region"}
CUE_FAMILIES = {"absent", "attend", "partner", "partner_by", "declined", "funding", "part_of", "collaborates",
                "candidate", "member", "members_of", "represents", "represented_by", "authored", "negation"}

_STR, _OPT_STR, _NUM, _LIST, _BOOL = "string", "string|null", "number", "string[]", "bool"

# file -> (label for id checks or None, {field: (type, required)})
SCHEMAS: dict[str, tuple[str | None, dict[str, tuple[str, bool]]]] = {
    "municipalities.jsonl": ("Municipality", {
        "id": (_STR, True), "name": (_STR, True), "cbs_code": (_STR, True), "province": (_STR, True),
        "region": (_STR, True), "subregion": (_OPT_STR, True), "lat": (_NUM, True), "lon": (_NUM, True),
        "aliases": (_LIST, True)}),
    "regions.jsonl": ("Region", {
        "id": (_STR, True), "name": (_STR, True), "level": (_STR, True), "parent": (_OPT_STR, True),
        "lat": (_NUM, False), "lon": (_NUM, False), "aliases": (_LIST, True)}),
    "organisations.jsonl": ("Organisation", {
        "id": (_STR, True), "name": (_STR, True), "acronym": (_OPT_STR, False), "kind": (_STR, True),
        "aliases": (_LIST, True)}),
    "bodies.jsonl": ("Body", {"id": (_STR, True), "name": (_STR, True), "aliases": (_LIST, True)}),
    "programmes.jsonl": ("Programme", {"id": (_STR, True), "name": (_STR, True), "aliases": (_LIST, True)}),
    "projects.jsonl": ("Project", {
        "id": (_STR, True), "name": (_STR, True), "acronym": (_OPT_STR, False), "aliases": (_LIST, True)}),
    "titles.jsonl": (None, {
        "word": (_STR, True), "plural": (_LIST, True), "kind": (_STR, True),
        "affiliation": (_OPT_STR, True), "default_affiliation": (_OPT_STR, True), "role_person": (_BOOL, True)}),
    "engagement_cues.jsonl": (None, {"cue": (_STR, True), "level": (_STR, True)}),
    "contact_cues.jsonl": (None, {"cue": (_STR, True), "kind": (_STR, True), "status": (_OPT_STR, True)}),
    "relation_cues.jsonl": (None, {"family": (_STR, True), "cue": (_STR, True), "value": (_OPT_STR, True)}),
    "name_shapes.jsonl": (None, {"word": (_STR, True), "label": (_STR, True), "position": (_STR, True),
                                 "kind": (_OPT_STR, True)}),
    "words.jsonl": (None, {"family": (_STR, True), "word": (_STR, True)}),
}
SHAPE_LABELS = {"Organisation", "Body", "Project", "Programme"}
SHAPE_POSITIONS = {"head", "tail", "suffix"}
WORD_FAMILIES = {"first_name", "portfolio", "not_a_name", "noun_suffix", "party_prefix"}


class ReferenceDataError(ValueError):
    """A data file that does not pass validation.  ``code`` is the numbered error
    (E001 ...), ``path`` the file, ``line`` the 1-based line (0 for the whole file).

    >>> str(ReferenceDataError("E003", "x.jsonl", 4, "missing field 'name'"))
    "E003 x.jsonl:4: missing field 'name'"
    """

    def __init__(self, code: str, path: str, line: int, message: str):
        self.code, self.path, self.line, self.message = code, path, line, message
        super().__init__(f"{code} {path}:{line}: {message}")


def _type_ok(value, typ: str) -> bool:
    """Whether a value has the schema type ('string', 'string|null', 'number', 'string[]', 'bool')."""
    if typ == _STR:
        return isinstance(value, str) and value.strip() != ""
    if typ == _OPT_STR:
        return value is None or (isinstance(value, str) and value.strip() != "")
    if typ == _NUM:
        return isinstance(value, (int, float)) and not isinstance(value, bool)
    if typ == _LIST:
        return isinstance(value, list) and all(isinstance(v, str) and v.strip() for v in value)
    if typ == _BOOL:
        return isinstance(value, bool)
    raise AssertionError(typ)


def cue_regex(cue: str) -> str:
    """The regular expression for a cue phrase: words match as whole words,
    case-insensitively, with any whitespace between them; ``*`` is a gap of up to six
    words, ``**`` a gap of up to twenty (a clause).

    >>> import re
    >>> bool(re.search(cue_regex("herkent * niet"), "herkent de problematiek niet", re.I))
    True
    >>> bool(re.search(cue_regex("gesprek met"), "gesprekken met", re.I))
    False
    """
    words = cue.split()
    if not words or words[0] in ("*", "**") or words[-1] in ("*", "**"):
        raise ValueError(f"cue {cue!r} is empty or starts/ends with a gap")
    parts = []
    for w in words:
        if w in ("*", "**"):
            parts.append(r"(?:\S+\s+){0,%d}?" % (6 if w == "*" else 20))
        else:
            parts.append(re.escape(w) + r"\s+")
    body = "".join(parts)
    body = body[: -len(r"\s+")]  # the last word needs no trailing space
    return r"(?<![\w-])" + body + r"(?![\w])"


def validate_rows(rows: list[tuple[int, object]], filename: str, path: str) -> list[dict]:
    """Validate the parsed lines of one data file against its schema; return the rows.
    Raises ReferenceDataError on the first problem."""
    label, schema = SCHEMAS[filename]
    out: list[dict] = []
    seen_ids: dict[str, int] = {}
    seen_alias: dict[str, str] = {}
    for lineno, row in rows:
        if not isinstance(row, dict):
            raise ReferenceDataError("E002", path, lineno, "line is not a JSON object")
        for field, (typ, required) in schema.items():
            if field not in row:
                if required:
                    raise ReferenceDataError("E003", path, lineno, f"missing field {field!r}")
                continue
            if not _type_ok(row[field], typ):
                raise ReferenceDataError("E004", path, lineno, f"field {field!r} must be {typ}, got {row[field]!r}")
        extra = sorted(set(row) - set(schema))
        if extra:
            raise ReferenceDataError("E005", path, lineno, f"unknown field(s) {', '.join(extra)}")
        if label is not None:
            rid = row["id"]
            if rid in seen_ids:
                raise ReferenceDataError("E006", path, lineno, f"duplicate id {rid!r} (first on line {seen_ids[rid]})")
            seen_ids[rid] = lineno
            if rid != node_id(label, row["name"]):
                raise ReferenceDataError("E007", path, lineno,
                                         f"id {rid!r} does not match name {row['name']!r} "
                                         f"(expected {node_id(label, row['name'])!r})")
            for alias in [row["name"]] + row["aliases"] + ([row["acronym"]] if row.get("acronym") else []):
                key = " ".join(alias.split()).casefold()
                other = seen_alias.setdefault(key, rid)
                if other != rid:
                    raise ReferenceDataError("E008", path, lineno, f"alias {alias!r} names both {other!r} and {rid!r}")
        _check_values(filename, row, path, lineno)
        out.append(row)
    return out


def _check_values(filename: str, row: dict, path: str, lineno: int) -> None:
    """Value checks beyond types: enums, CBS code shape, coordinates, cue patterns (E009-E013)."""
    def bad(field, allowed):
        raise ReferenceDataError("E009", path, lineno,
                                 f"{field} {row[field]!r} is not one of {', '.join(sorted(allowed))}")

    if filename == "municipalities.jsonl":
        if row["region"] not in REGION_NAMES:
            bad("region", REGION_NAMES)
        if not re.fullmatch(r"GM\d{4}", row["cbs_code"]):
            raise ReferenceDataError("E010", path, lineno, f"CBS code {row['cbs_code']!r} is not GM + four digits")
    if filename in ("municipalities.jsonl", "regions.jsonl") and "lat" in row:
        if not (LAT_RANGE[0] <= row["lat"] <= LAT_RANGE[1] and LON_RANGE[0] <= row["lon"] <= LON_RANGE[1]):
            raise ReferenceDataError("E011", path, lineno, f"({row['lat']}, {row['lon']}) lies outside Limburg")
    if filename == "regions.jsonl":
        if row["level"] not in ENUMS[("Region", "level")]:
            bad("level", ENUMS[("Region", "level")])
        if row["level"] == "region" and row["parent"] is not None:
            raise ReferenceDataError("E009", path, lineno, "a region of level 'region' has no parent")
        if row["level"] == "subregion" and row["parent"] not in REGION_NAMES:
            bad("parent", REGION_NAMES)
    if filename == "organisations.jsonl" and row["kind"] not in ORG_KINDS:
        bad("kind", ORG_KINDS)
    if filename == "titles.jsonl":
        if row["kind"] not in TITLE_KINDS:
            bad("kind", TITLE_KINDS)
        if row["affiliation"] is not None and row["affiliation"] not in AFFILIATION_LABELS:
            bad("affiliation", AFFILIATION_LABELS)
    if filename == "engagement_cues.jsonl" and row["level"] not in ENUMS[("ENGAGEMENT", "level")]:
        bad("level", ENUMS[("ENGAGEMENT", "level")])
    if filename == "contact_cues.jsonl":
        if row["kind"] not in ENUMS[("CONTACT", "kind")]:
            bad("kind", ENUMS[("CONTACT", "kind")])
        if row["status"] is not None and row["status"] not in ENUMS[("CONTACT", "status")]:
            bad("status", ENUMS[("CONTACT", "status")])
    if filename == "relation_cues.jsonl" and row["family"] not in CUE_FAMILIES:
        bad("family", CUE_FAMILIES)
    if filename == "name_shapes.jsonl":
        if row["label"] not in SHAPE_LABELS:
            bad("label", SHAPE_LABELS)
        if row["position"] not in SHAPE_POSITIONS:
            bad("position", SHAPE_POSITIONS)
        if row["kind"] is not None and row["kind"] not in ORG_KINDS:
            bad("kind", ORG_KINDS)
    if filename == "words.jsonl" and row["family"] not in WORD_FAMILIES:
        bad("family", WORD_FAMILIES)
    if "cue" in row:
        try:
            cue_regex(row["cue"])
        except ValueError as exc:
            raise ReferenceDataError("E013", path, lineno, str(exc)) from None


def load_jsonl(path: str, filename: str | None = None) -> list[dict]:
    """Read and validate one JSONL data file.  ``filename`` picks the schema (default:
    the file's own name).  Blank lines and lines starting with ``//`` are skipped."""
    filename = filename or os.path.basename(path)
    if filename not in SCHEMAS:
        raise ReferenceDataError("E001", path, 0, f"no schema for {filename!r}")
    try:
        with open(path, encoding="utf-8") as fh:
            lines = fh.read().splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise ReferenceDataError("E001", path, 0, f"cannot read: {exc}") from None
    rows = []
    for i, line in enumerate(lines, 1):
        if not line.strip() or line.lstrip().startswith("//"):
            continue
        try:
            rows.append((i, json.loads(line)))
        except json.JSONDecodeError as exc:
            raise ReferenceDataError("E002", path, i, f"not valid JSON: {exc.msg}") from None
    return validate_rows(rows, filename, path)


@lru_cache(maxsize=None)
def _load(filename: str, data_dir: str = DATA_DIR) -> tuple:
    """Validated rows of one data file, cached per process (data_dir is a parameter for tests)."""
    rows = load_jsonl(os.path.join(data_dir, filename), filename)
    if filename == "municipalities.jsonl":
        _check_municipalities(rows, os.path.join(data_dir, filename), data_dir)
    return tuple(rows)


def _check_municipalities(rows: list[dict], path: str, data_dir: str) -> None:
    """Cross-file checks: unique CBS codes (E010), sub-regions that exist and lie in the municipality's region (E009, E012)."""
    codes: dict[str, str] = {}
    for i, row in enumerate(rows, 1):
        other = codes.setdefault(row["cbs_code"], row["name"])
        if other != row["name"]:
            raise ReferenceDataError("E010", path, i, f"CBS code {row['cbs_code']} used by {other} and {row['name']}")
    subs = {r["name"]: r for r in _load("regions.jsonl", data_dir)}
    for i, row in enumerate(rows, 1):
        sub = row["subregion"]
        if sub is None:
            continue
        if sub not in subs or subs[sub]["level"] != "subregion":
            raise ReferenceDataError("E009", path, i, f"subregion {sub!r} is not a sub-region in regions.jsonl")
        if subs[sub]["parent"] != row["region"]:
            raise ReferenceDataError("E012", path, i, f"subregion {sub} lies in {subs[sub]['parent']}, "
                                                      f"not in {row['region']}")


def data(filename: str) -> list[dict]:
    """The validated rows of one data file in ``loaders/data`` (a fresh copy)."""
    return copy.deepcopy(list(_load(filename)))


def municipalities() -> list[dict]:
    """The 31 Limburg municipalities: name, id, cbs_code, province, region, subregion
    (None outside Zuid-Limburg), lat, lon (town centre) and aliases.

    >>> [m["cbs_code"] for m in municipalities() if m["name"] == "Horst aan de Maas"]
    ['GM1507']
    """
    return data("municipalities.jsonl")


def regions() -> list[dict]:
    """Regions (Noord-, Midden-, Zuid-Limburg; level "region") and Zuid-Limburg's
    sub-regions (level "subregion", ``parent`` the region): name, id, level, parent,
    lat, lon, aliases."""
    return data("regions.jsonl")


def _reference_sha256() -> str:
    """Digest of the reference data files: the reference Document changes when the data do."""
    h = hashlib.sha256()
    for name in ("regions.jsonl", "municipalities.jsonl"):
        with open(os.path.join(DATA_DIR, name), "rb") as fh:
            h.update(fh.read())
    return h.hexdigest()


def reference_graph():
    """The reference data as a DocumentGraph: Region and Municipality nodes (with
    cbs_code, province, level), IN_REGION from every municipality to its region and to
    its sub-region and from every sub-region to its region, and the source Document
    ``document:reference-limburg`` (kind "reference") that MENTIONS every node it
    defines.  Every relationship carries source and evidence.

    >>> g = reference_graph()
    >>> sorted({n.label for n in g.nodes.values()})
    ['Document', 'Municipality', 'Region']
    >>> sorted(r.end for r in g.rels.values() if r.type == "IN_REGION" and r.start == "municipality:stein")
    ['region:westelijke-mijnstreek', 'region:zuid-limburg']
    """
    from graph.model import DocumentGraph

    g = DocumentGraph()
    doc = g.add_node("Document", REFERENCE_DOCUMENT_NAME, id=REFERENCE_DOCUMENT_ID, kind="reference",
                     date="2023-01-01", path="loaders/data/municipalities.jsonl", sha256=_reference_sha256())
    src = doc.id
    for r in regions():
        node = g.add_node("Region", r["name"], id=r["id"], aliases=r["aliases"], level=r["level"])
        g.add_rel("MENTIONS", doc, node, source=src, evidence=f"{r['name']} ({r['level']})")
    for r in regions():
        if r["parent"]:
            g.add_rel("IN_REGION", r["id"], node_id("Region", r["parent"]), source=src,
                      evidence=f"{r['name']} is a sub-region of {r['parent']}")
    for m in municipalities():
        node = g.add_node("Municipality", m["name"], id=m["id"], aliases=m["aliases"],
                          cbs_code=m["cbs_code"], province=m["province"])
        g.add_rel("MENTIONS", doc, node, source=src, evidence=f"{m['name']} ({m['cbs_code']})")
        where = f"{m['subregion']}, {m['region']}" if m["subregion"] else m["region"]
        evidence = f"Gemeente {m['name']} ({m['cbs_code']}) ligt in {where} (CBS-indeling 2023)"
        g.add_rel("IN_REGION", node, node_id("Region", m["region"]), source=src, evidence=evidence)
        if m["subregion"]:
            g.add_rel("IN_REGION", node, node_id("Region", m["subregion"]), source=src, evidence=evidence)
    return g
