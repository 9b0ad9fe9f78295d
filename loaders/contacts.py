"""The contact log: contact moments kept by hand in a CSV file, read into CONTACT
relationships whose source is the CSV's Document node.

The format, for the person keeping the log
-----------------------------------------

One contact a line, with a header line naming the columns (any order, any case;
the Dutch names in brackets work too)::

    date,from,to,kind,status,note
    2023-04-24,Kennisambassadeur,Person: wethouder Diederen,appointment,planned,"Stuurgroep, deelname"
    20-04-2023,Kennisambassadeur,Person: Gelderblom,afspraak,gehouden,Kennismaking in Heerlen
    2023-05-08,Diederen,gemeente Sittard-Geleen,verzoek,gepland,

- ``date`` [datum]: ``2023-04-24``, ``24-04-2023``, ``24/4/2023``, ``24 april 2023``; only a
  month: ``2023-07`` or ``juli 2023``; empty when not known yet.  A contact with status
  ``held`` cannot lie in the future.
- ``from``, ``to`` [van, met/aan/naar]: the two parties (a person, organisation,
  municipality, region or body; the order does not matter), written as one of
    * a plain name: ``Beek``, ``gemeente Beek``, ``LLTB``, ``Provincie Limburg``,
      ``Kennisambassadeur``, ``wethouder Diederen``.  It must name exactly one known party:
      a Limburg municipality or region, an organisation or body from the reference data,
      the Kennisambassadeur or the Kennismakelaar, a party the store already holds
      (``known``), or one introduced elsewhere in the same file as ``Label: Name``.
      A surname names a known person when only one has it (``Holtus``: Roger Holtus);
    * ``Label: Name`` to introduce a party or to say which one is meant:
      ``Person: Jansen``, ``Person: wethouder Jansen`` (the title is kept),
      ``Organisation: Woonstichting Venlo``, ``Municipality: Beek``
      (Dutch labels work too: Persoon, Organisatie, Gemeente, Regio, Orgaan).
      Municipalities and regions must be Limburg's (the reference data): a typo there
      is an error, not a new municipality;
    * a node id as the app shows it: ``person:diederen``, ``municipality:horst-aan-de-maas``.
  Redacted role holders stay role names (``Kennisambassadeur``, ``Person: Voorzitter
  Stuurgroep Internationale Werknemers``): never write a name behind a blank.
- ``kind`` [soort]: ``appointment`` (afspraak), ``conversation`` (gesprek, overleg),
  ``request`` (verzoek), ``introduction`` (introductie).
- ``status``: ``planned`` (gepland) or ``held`` (gehouden, gevoerd).
- ``note`` [notitie, opmerking] (optional column): what it was about; it becomes the
  relationship's evidence.  Without a note, the evidence is the line itself.

Commas or semicolons separate the fields (Excel's Dutch CSV uses semicolons); a note with
the separator in it is quoted.  UTF-8 or Windows-1252.  Lines that start with ``#`` and
empty lines are skipped.  The whole file is checked before anything is produced: any
problem raises ContactLogError, ``contacts.csv:4: unknown party 'Jansen' ...``, naming
the first problem's line (and how many more there are), and nothing of the file is used.

>>> g = contact_graph([{"date": "2023-04-24", "from": "Kennisambassadeur", "to": "gemeente Beek",
...                     "kind": "afspraak", "status": "gepland", "note": "Stuurgroep bespreken"}],
...                    "contactformulier 2023-04-20")
>>> [(r.start, r.end, r.props["kind"], r.props["date"]) for r in g.rels.values() if r.type == "CONTACT"]
[('person:kennisambassadeur', 'municipality:beek', 'appointment', '2023-04-24')]
>>> try:
...     contact_graph([{"from": "Jansen", "to": "Beek", "kind": "gesprek", "status": "gehouden"}], "formulier")
... except ContactLogError as e:
...     print(e)
formulier: contact 1: unknown party 'Jansen' (write 'Person: Jansen' to add a new one)
"""
from __future__ import annotations

import csv
import datetime as dt
import difflib
import hashlib
import io
import json
import os
import re
from collections import defaultdict
from collections.abc import Iterable, Mapping

from graph.contract import PARTY, label_of_id, node_id, slug
from graph.model import DocumentGraph
from loaders.document import DocumentError

COLUMNS = ("date", "from", "to", "kind", "status", "note")
REQUIRED_COLUMNS = ("date", "from", "to", "kind", "status")
COLUMN_ALIASES = {
    "datum": "date", "van": "from", "met": "to", "aan": "to", "naar": "to", "soort": "kind",
    "type": "kind", "notitie": "note", "opmerking": "note", "toelichting": "note", "notes": "note",
}
KINDS = {
    "appointment": "appointment", "afspraak": "appointment",
    "conversation": "conversation", "gesprek": "conversation", "overleg": "conversation",
    "request": "request", "verzoek": "request",
    "introduction": "introduction", "introductie": "introduction",
}
STATUSES = {"planned": "planned", "gepland": "planned",
            "held": "held", "gehouden": "held", "gevoerd": "held"}
LABEL_WORDS = {
    "person": "Person", "persoon": "Person",
    "organisation": "Organisation", "organization": "Organisation", "organisatie": "Organisation",
    "municipality": "Municipality", "gemeente": "Municipality",
    "region": "Region", "regio": "Region",
    "body": "Body", "orgaan": "Body", "gremium": "Body",
}
# Words that say which label a plain name has: "gemeente Beek", "wethouder Diederen".
PREFIX_LABELS = {"gemeente": "Municipality", "regio": "Region"}
# Labels whose nodes are the reference data: a new one from a hand-kept log is a typo.
CLOSED_LABELS = ("Municipality", "Region")
KIND_LABEL = "contact log"

MONTHS = {m: i for i, names in enumerate([
    (), ("januari", "jan", "january"), ("februari", "feb", "february"), ("maart", "mrt", "march", "mar"),
    ("april", "apr"), ("mei", "may"), ("juni", "jun", "june"), ("juli", "jul", "july"),
    ("augustus", "aug", "august"), ("september", "sep", "sept"), ("oktober", "okt", "october", "oct"),
    ("november", "nov"), ("december", "dec")]) for m in names}


class ContactLogError(DocumentError):
    """A contact log that does not pass validation.  ``problems`` lists every
    (line, reason); str() is one line: the first problem, and how many more there are."""

    def __init__(self, path, problems: list[tuple[int, str]], unit: str = "line"):
        line, first = problems[0]
        more = ""
        if len(problems) > 1:
            rest = sorted({n for n, _ in problems[1:]})
            shown = ", ".join(str(n) for n in rest[:8]) + (" ..." if len(rest) > 8 else "")
            more = f" (and {len(problems) - 1} more problem{'s' if len(problems) > 2 else ''}: {unit} {shown})"
        # .reason stands alone (the ingest report prints it next to the file name) and so
        # names the line; str() is the compiler-style "contacts.csv:4: reason".
        super().__init__(path, f"{unit} {line}: {first}{more}")
        self.line = line
        self.problems = list(problems)
        where = f"{self.path}:{line}" if unit == "line" else f"{self.path}: {unit} {line}"
        self.args = (f"{where}: {first}{more}",)


# -- parties ----------------------------------------------------------------------------

def _key(name: str) -> str:
    return slug(name)


class PartyResolver:
    """Turns what a person wrote in a from/to cell into a node id (see the module doc)."""

    def __init__(self, known: Mapping | None = None):
        from loaders import reference

        self.check_ids = known is not None
        self.index: dict[str, set[str]] = defaultdict(set)  # key of a name or alias -> ids
        self.names: dict[str, str] = {}  # id -> display name
        self.props: dict[str, dict] = {}  # id -> properties known from the reference data
        self.aliases: dict[str, list[str]] = defaultdict(list)
        # "Holtus" for "Roger Holtus", "Van der Craats" for "Johan van der Craats": a
        # fallback for plain names, used only when it points at one person
        self.surnames: dict[str, set[str]] = defaultdict(set)
        self.title_words: set[str] = set()
        self.role_words: set[str] = set()
        for m in reference.municipalities():
            self._add(m["id"], m["name"], m["aliases"], cbs_code=m["cbs_code"], province=m["province"])
        for r in reference.regions():
            self._add(r["id"], r["name"], r["aliases"], level=r["level"])
        for o in reference.data("organisations.jsonl"):
            self._add(o["id"], o["name"], o["aliases"], acronym=o.get("acronym"), kind=o["kind"])
        for b in reference.data("bodies.jsonl"):
            self._add(b["id"], b["name"], b["aliases"])
        for t in reference.data("titles.jsonl"):
            if t["role_person"]:
                self.role_words.add(t["word"].lower())
                # "Kennisambassadeur" is one person in this network; "Voorzitter" or
                # "Vertegenwoordiger" is not (of which body? which region?): those are
                # named in full, as the minutes do ("Voorzitter Taskforce ...").
                if t["affiliation"] is None:
                    name = t["word"][:1].upper() + t["word"][1:]
                    self._add(node_id("Person", name), name, [], redacted=True)
            elif t["kind"] == "title":
                self.title_words.add(t["word"].lower())
        for name, ids in (known or {}).items():
            for nid in ([ids] if isinstance(ids, str) else ids):
                try:
                    if label_of_id(nid) in PARTY:
                        self._add_known(nid, name)
                except ValueError:
                    continue

    def _add_surnames(self, nid: str, name: str) -> None:
        if nid.startswith("person:"):
            words = name.split()
            for i in range(1, len(words)):
                self.surnames[_key(" ".join(words[i:]))].add(nid)

    def _add(self, nid: str, name: str, aliases=(), **props) -> None:
        self._add_surnames(nid, name)
        self.names.setdefault(nid, name)
        self.props.setdefault(nid, {k: v for k, v in props.items() if v is not None})
        self.index[_key(name)].add(nid)
        for a in aliases:
            self.index[_key(a)].add(nid)
            if a not in self.aliases[nid]:
                self.aliases[nid].append(a)

    def _add_known(self, nid: str, name: str) -> None:
        self._add_surnames(nid, name)
        self.index[_key(name)].add(nid)
        # the canonical name is the one the id was made from
        if nid not in self.names or (_key(name) == nid.split(":", 1)[1] and
                                     _key(self.names[nid]) != nid.split(":", 1)[1]):
            self.names[nid] = name

    def known_ids(self) -> set[str]:
        return set(self.names)

    # what people write -------------------------------------------------------------
    def explicit(self, text: str) -> tuple[str | None, str | None]:
        """Resolve the id and Label: Name forms; (id, None), (None, reason), or (None, None)
        when the text is a plain name.  A new Person, Organisation or Body named with a
        label is registered, so plain names elsewhere in the file find it."""
        m = re.fullmatch(r"([a-z]+):([a-z0-9]+(?:-[a-z0-9]+)*)", text)
        if m:
            try:
                label = label_of_id(text)
            except ValueError:
                return None, f"unknown node id '{text}' (labels: {', '.join(p.lower() for p in PARTY)})"
            if label not in PARTY:
                return None, f"'{text}' is a {label}, not a party ({', '.join(PARTY)})"
            if text in self.names:
                return text, None
            if self.check_ids or label in CLOSED_LABELS:
                return None, (f"unknown node id '{text}'" + self._suggest(m.group(2).replace("-", " "), label)
                              + f" (write '{label}: Name' to add a new one)" * (label not in CLOSED_LABELS))
            # without a store to check against, an id is taken at its word
            self._add(text, " ".join(w[:1].upper() + w[1:] for w in m.group(2).split("-")))
            return text, None
        m = re.fullmatch(r"([^\W\d_]+)\s*:\s*(.+)", text)
        if not m:
            return None, None
        word, name = m.group(1), " ".join(m.group(2).split())
        label = LABEL_WORDS.get(word.lower())
        if label is None:
            return None, (f"unknown label '{word}' in '{text}' "
                          f"(use {', '.join(PARTY[:-1])} or {PARTY[-1]})")
        props = {}
        first, _, rest = name.partition(" ")
        if label == "Person" and first.lower() in self.title_words and rest:
            name, props = rest, {"title": first.lower()}  # "Person: wethouder Diederen"
        ids = {i for i in self.index.get(_key(name), ()) if label_of_id(i) == label}
        if len(ids) == 1:
            return ids.pop(), None
        if len(ids) > 1:
            return None, f"ambiguous party '{text}': {' or '.join(sorted(ids))} (write the node id)"
        if label in CLOSED_LABELS:
            what = "municipality" if label == "Municipality" else "region"
            return None, (f"unknown {what} '{name}'" + self._suggest(name, label)
                          + f" (not in the reference data of Limburg)")
        nid = node_id(label, name)
        if not nid.split(":", 1)[1]:
            return None, f"no name after the label in '{text}'"
        # "Person: Vertegenwoordiger Zuid-Limburg" is a role holder whose name is blank
        if label == "Person" and name.split()[0].lower() in self.role_words:
            props["redacted"] = True
        self._add(nid, name, [], **props)
        return nid, None

    def plain(self, text: str) -> tuple[str | None, str | None]:
        """Resolve a plain name; (id, None) or (None, reason)."""
        name = " ".join(text.split())
        ids = set(self.index.get(_key(name), ()))
        if not ids:
            first, _, rest = name.partition(" ")
            label = PREFIX_LABELS.get(first.lower()) or ("Person" if first.lower() in self.title_words else None)
            if label and rest:
                ids = {i for i in self.index.get(_key(rest), ()) if label_of_id(i) == label}
            if not ids and label in (None, "Person"):
                surname = rest if label == "Person" else name
                found = self.surnames.get(_key(surname), set())
                if len(found) > 1:  # two persons share it: the writer must say which
                    return None, (f"ambiguous party '{name}': {' or '.join(sorted(found))} "
                                  f"(write the full name or the node id)")
                ids = set(found)
        if len(ids) == 1:
            return ids.pop(), None
        if len(ids) > 1:
            forms = " or ".join(f"'{label_of_id(i)}: {name}'" for i in sorted(ids))
            return None, f"ambiguous party '{name}': {', '.join(sorted(ids))} (write {forms})"
        return None, f"unknown party '{name}'" + self._suggest(name) + f" (write 'Person: {name}' to add a new one)"

    def _suggest(self, name: str, label: str | None = None) -> str:
        pool = {}
        for nid, display in self.names.items():
            if label is None or label_of_id(nid) == label:
                pool[display.lower()] = display
        close = difflib.get_close_matches(name.lower(), list(pool), n=1, cutoff=0.75)
        return f" (did you mean '{pool[close[0]]}'?)" if close else ""

    def node_args(self, nid: str) -> tuple[str, str, dict, list[str]]:
        label = label_of_id(nid)
        return label, self.names[nid], dict(self.props.get(nid, {})), list(self.aliases.get(nid, []))


def known_names(graph) -> dict[str, list[str]]:
    """The ``known`` mapping (name or alias -> node ids) of the parties in a graph: a
    networkx graph as the stores return it, or a DocumentGraph.  The ingest and the app's
    contact form pass it, so a log can name what earlier documents introduced.

    >>> from graph.model import DocumentGraph
    >>> g = DocumentGraph()
    >>> _ = g.add_node("Person", "Roger Holtus", aliases=["Holtus"])
    >>> known_names(g)
    {'Roger Holtus': ['person:roger-holtus'], 'Holtus': ['person:roger-holtus']}
    """
    if hasattr(graph, "rels"):  # DocumentGraph
        items = ((n.id, n.label, n.name, n.aliases) for n in graph.nodes.values())
    else:
        items = ((nid, a.get("label"), a.get("name"), a.get("aliases") or []) for nid, a in graph.nodes(data=True))
    known: dict[str, list[str]] = {}
    for nid, label, name, aliases in items:
        if label not in PARTY:
            continue
        for n in [name, *aliases]:
            if n and nid not in known.setdefault(n, []):
                known[n].append(nid)
    return known


# -- values -----------------------------------------------------------------------------

def parse_date(text) -> str | None:
    """An ISO date ("2023-04-24", or "2023-07" when only the month is known) from what a
    person writes; None for an empty cell; ValueError when it is not a date.

    >>> [parse_date(s) for s in ["2023-04-24", "24-4-2023", "24/04/2023", "24 april 2023", "juli 2023", ""]]
    ['2023-04-24', '2023-04-24', '2023-04-24', '2023-04-24', '2023-07', None]
    """
    if isinstance(text, dt.datetime):
        return text.date().isoformat()
    if isinstance(text, dt.date):
        return text.isoformat()
    s = " ".join(str(text or "").split()).lower()
    if not s:
        return None
    m = re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", s)
    if m:
        y, mo, d = int(m.group(1)), int(m.group(2)), int(m.group(3))
        return dt.date(y, mo, d).isoformat()
    m = re.fullmatch(r"(\d{4})-(\d{1,2})", s)
    if m:
        return dt.date(int(m.group(1)), int(m.group(2)), 1).isoformat()[:7]
    m = re.fullmatch(r"(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})", s)
    if m:
        return dt.date(int(m.group(3)), int(m.group(2)), int(m.group(1))).isoformat()
    m = re.fullmatch(r"(?:(\d{1,2})\s+)?([a-z]+)\.?\s+(\d{4})", s)
    if m and m.group(2) in MONTHS:
        y, mo = int(m.group(3)), MONTHS[m.group(2)]
        if m.group(1):
            return dt.date(y, mo, int(m.group(1))).isoformat()
        return dt.date(y, mo, 1).isoformat()[:7]
    raise ValueError(s)


def _starts(iso: str) -> dt.date:
    return dt.date.fromisoformat(iso if len(iso) == 10 else iso + "-01")


# -- the log ----------------------------------------------------------------------------

def load_contacts(path, known: Mapping | None = None) -> DocumentGraph:
    """The graph of one contact log CSV (see the module doc).  Raises DocumentError when
    the file cannot be read, ContactLogError when a line does not pass validation."""
    from loaders.readers import read_document

    shown = os.fspath(path)
    doc = read_document(shown)
    records, problems = parse_csv(doc.text)
    if problems:
        raise ContactLogError(shown, problems)
    return _graph(records, shown, known, doc.document_id, doc.name, doc.path, doc.sha256, unit="line")


def parse_csv(text: str) -> tuple[list[tuple[int, dict]], list[tuple[int, str]]]:
    """(line number, {column: cell}) per contact line, and the problems found: header
    problems, wrong field counts."""
    lines = text.split("\n")
    first = 0
    while first < len(lines) and (not lines[first].strip() or lines[first].lstrip().startswith("#")):
        first += 1
    if first == len(lines):
        return [], [(1, "no header line (expected: " + ",".join(COLUMNS) + ")")]
    header_line = lines[first]
    delimiter = None
    if header_line.strip().lower().startswith("sep=") and len(header_line.strip()) == 5:
        delimiter = header_line.strip()[4]  # Excel's "sep=;" line
        first += 1
        header_line = lines[first] if first < len(lines) else ""
    if delimiter is None:
        delimiter = max(",;\t", key=header_line.count)
    reader = csv.reader(io.StringIO("\n".join(lines[first:])), delimiter=delimiter)
    try:
        header = next(reader)
    except StopIteration:
        header = []
    header_no = first + 1
    columns = []
    problems: list[tuple[int, str]] = []
    for cell in header:
        name = cell.strip().strip("\ufeff").lower()
        name = COLUMN_ALIASES.get(name, name)
        if name not in COLUMNS:
            problems.append((header_no, f"unknown column '{cell.strip()}' (the columns are {', '.join(COLUMNS)})"))
        elif name in columns:
            problems.append((header_no, f"column '{name}' appears twice"))
        columns.append(name)
    missing = [c for c in REQUIRED_COLUMNS if c not in columns]
    if missing:
        problems.insert(0, (header_no, f"missing column{'s' if len(missing) > 1 else ''} "
                                       f"{', '.join(repr(c) for c in missing)} (the header must name "
                                       f"{', '.join(REQUIRED_COLUMNS)} and may name note)"))
    if problems:
        return [], problems
    records = []
    end = reader.line_num  # lines read so far, counted from the header line
    try:
        for cells in reader:
            start, end = first + end + 1, reader.line_num
            lineno = start
            if not any(c.strip() for c in cells) or cells[0].lstrip().startswith("#"):
                continue
            if len(cells) != len(columns):
                problems.append((lineno, f"{len(cells)} fields where the header has {len(columns)}"
                                 + (" (a note with a separator in it needs quotes)" if len(cells) > len(columns) else "")))
                continue
            records.append((lineno, {c: v.strip() for c, v in zip(columns, cells)}))
    except csv.Error as e:
        problems.append((first + reader.line_num, f"malformed CSV ({e})"))
    return records, problems


def contact_graph(rows: Iterable[Mapping], document_name: str, known: Mapping | None = None, *,
                  path: str | None = None, sha256: str | None = None) -> DocumentGraph:
    """The graph of contacts recorded in the app (rows with the CSV's columns as keys;
    ``date`` may be a datetime.date), as one source Document named ``document_name`` —
    the same validation and the same graph as a CSV line.  Errors name the contact by its
    1-based position.  Each call is one source Document: to add contacts without
    replacing earlier ones, give each recording its own document name."""
    records = [(i, {c: ("" if r.get(c) is None else r.get(c)) if c == "date" else str(r.get(c) or "").strip()
                    for c in COLUMNS}) for i, r in enumerate(rows, 1)]
    if sha256 is None:
        canon = json.dumps([{c: str(v) for c, v in rec.items()} for _, rec in records], sort_keys=True,
                           ensure_ascii=False)
        sha256 = hashlib.sha256(canon.encode("utf-8")).hexdigest()
    return _graph(records, document_name, known, node_id("Document", document_name), document_name,
                  path or document_name, sha256, unit="contact")


def _graph(records, shown, known, doc_id, doc_name, doc_path, sha256, unit) -> DocumentGraph:
    parties = PartyResolver(known)
    problems: list[tuple[int, str]] = []
    resolved: dict[tuple[int, str], str] = {}
    # "Label: Name" and ids first (they may introduce parties), plain names after, so a
    # party introduced on line 9 can be named plainly on line 3.
    plain: list[tuple[int, str, str]] = []
    for lineno, rec in records:
        for col in ("from", "to"):
            text = " ".join(rec[col].split())
            if not text:
                problems.append((lineno, f"empty '{col}'"))
                continue
            nid, reason = parties.explicit(text)
            if reason:
                problems.append((lineno, reason))
            elif nid:
                resolved[(lineno, col)] = nid
            else:
                plain.append((lineno, col, text))
    for lineno, col, text in plain:
        nid, reason = parties.plain(text)
        if reason:
            problems.append((lineno, reason))
        else:
            resolved[(lineno, col)] = nid
    today = dt.date.today()
    values = {}
    for lineno, rec in records:
        kind = KINDS.get(rec["kind"].strip().lower()) if rec["kind"] else None
        if kind is None:
            problems.append((lineno, f"unknown kind '{rec['kind']}' (use appointment, conversation, request "
                                     f"or introduction)" if rec["kind"] else "empty 'kind'"))
        status = STATUSES.get(rec["status"].strip().lower()) if rec["status"] else None
        if status is None:
            problems.append((lineno, f"unknown status '{rec['status']}' (use planned or held)"
                             if rec["status"] else "empty 'status'"))
        try:
            date = parse_date(rec["date"])
        except ValueError:
            date = None
            problems.append((lineno, f"bad date '{rec['date']}' (write 2023-04-24, 24-04-2023, "
                                     f"24 april 2023, or 2023-07 for a month)"))
        if date and status == "held" and _starts(date) > today:
            problems.append((lineno, f"status 'held' but {date} is in the future"))
        a, b = resolved.get((lineno, "from")), resolved.get((lineno, "to"))
        if a and a == b:
            problems.append((lineno, f"'from' and 'to' are the same party ({a})"))
        values[lineno] = (a, b, kind, status, date)
    if problems:
        problems.sort(key=lambda p: p[0])
        raise ContactLogError(shown, problems, unit=unit)

    g = DocumentGraph()
    doc = g.add_node("Document", doc_name, id=doc_id, kind=KIND_LABEL, path=doc_path, sha256=sha256)
    for lineno, rec in records:
        a, b, kind, status, date = values[lineno]
        evidence = rec["note"] or ", ".join(str(rec[c]) for c in REQUIRED_COLUMNS if rec[c])
        for nid in (a, b):
            label, name, props, aliases = parties.node_args(nid)
            g.add_node(label, name, id=nid, aliases=aliases, **props)
            g.add_rel("MENTIONS", doc, nid, source=doc.id, evidence=evidence)
        g.add_rel("CONTACT", a, b, kind=kind, status=status, date=date, source=doc.id, evidence=evidence)
    return g


def sample_path() -> str:
    """The example contact log shipped with the repository."""
    return os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "samples", "contacts.csv")

