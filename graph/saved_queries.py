"""Saved Cypher queries: one `.cypher` file per question in `queries/`, with a header of
`//` comment lines that says what it answers, for whom, and which parameters it takes.

The file format (datasette's canned queries, kept as files)::

    // title: Aldermen per municipality and region
    // description: Every alderman the documents name, with the municipality and its
    //   region (an indented comment line continues the field above).
    // asked-by: the knowledge ambassador, to choose which aldermen to see next
    // param: region string = "" | a region's name; empty for all regions
    // writes: false
    // (comments after 'writes:', the header's last line, belong to the statement)
    MATCH (p:Person)-[:ALDERMAN_OF]->(m:Municipality) ...
    // neo4j:
    MATCH ... (only where Neo4j's Cypher differs from the embedded store's)

A parameter line is `// param: NAME TYPE = DEFAULT | help`; TYPE is one of PARAM_TYPES and
DEFAULT a JSON value of that type.  Every `$name` in the text must be declared and every
declared parameter used; every label and relationship type must be in the contract; a saved
query never writes.  `validate()` reports each broken rule as a numbered error (Q001 ...)
that names the file, so a bad file is found on load and in the tests, not by an analyst.

The text is the embedded store's (Kùzu dialect) and, wherever the two dialects agree, also
Neo4j's.  Where they differ the file carries a `// neo4j:` block, and `SavedQuery.text_for()`
is the one place that picks the text for a backend.

>>> q = parse_query('''// title: Contacts of one party
... // description: Contact moments of a party.
... // asked-by: the knowledge ambassador
... // param: name string = "Diederen" | the party's name
... // param: top int = 10 | how many
... // writes: false
... MATCH (a {name: $name})-[r:CONTACT]-(b) RETURN b.name LIMIT $top''', name="contacts-of")
>>> [(p.name, p.type, p.default) for p in q.params]
[('name', 'string', 'Diederen'), ('top', 'int', 10)]
>>> q.values({"top": "3"})
{'name': 'Diederen', 'top': 3}
>>> validate(q)
[]
"""
from __future__ import annotations

import datetime as _dt
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from graph.contract import LABELS, REL_TYPES

QUERIES_DIR = Path(__file__).resolve().parent.parent / "queries"

HEADER_FIELDS = ("title", "description", "asked-by", "param", "writes")
REQUIRED_FIELDS = ("title", "description", "asked-by", "writes")
PARAM_TYPES = ("string", "int", "float", "bool", "date", "list")
NEO4J_MARKER = "// neo4j:"

# Clauses that change data or touch files; a saved query holds none of them (the store's
# guard refuses them anyway; this catches the mistake when the file is written).
_WRITE_WORDS = re.compile(
    r"\b(CREATE|MERGE|DELETE|DETACH|SET|REMOVE|DROP|ALTER|COPY|LOAD|INSTALL|ATTACH|"
    r"EXPORT|IMPORT|CALL|FOREACH|BEGIN|COMMIT|ROLLBACK|CHECKPOINT)\b", re.I)


class SavedQueryError(ValueError):
    """A saved query that cannot be used: str() lists the numbered errors, one a line."""

    def __init__(self, errors: list[str]):
        self.errors = list(errors)
        super().__init__("\n".join(self.errors))


class ParamError(ValueError):
    """A parameter value that does not fit its declared type; names the parameter."""


@dataclass
class Param:
    name: str
    type: str
    default: object
    help: str = ""

    def coerce(self, value):
        """The typed value of `value` (a string from the CLI or a form, or already typed)."""
        return coerce(self.type, value, self.name)


@dataclass
class SavedQuery:
    name: str  # file stem, what --saved takes
    title: str = ""
    description: str = ""
    asked_by: str = ""
    params: list[Param] = field(default_factory=list)
    writes: bool | None = None
    text: str = ""  # the statement as the embedded store runs it
    neo4j_text: str = ""  # the Neo4j variant, only where the dialects differ
    path: str = ""
    problems: list[str] = field(default_factory=list)  # header syntax errors found on parse

    def param(self, name: str) -> Param | None:
        return next((p for p in self.params if p.name == name), None)

    def text_for(self, backend: str) -> str:
        """The statement for a backend ("embedded" or "neo4j"): the one place where the
        dialect difference is settled for saved queries."""
        if backend == "neo4j" and self.neo4j_text:
            return self.neo4j_text
        return self.text

    def values(self, given: dict | None = None) -> dict:
        """Every declared parameter's typed value: given (strings are converted) or the
        default.  Unknown names raise ParamError rather than being silently ignored."""
        given = dict(given or {})
        unknown = sorted(set(given) - {p.name for p in self.params})
        if unknown:
            declared = ", ".join(p.name for p in self.params) or "none"
            raise ParamError(f"{self.name}: unknown parameter {', '.join(unknown)} (it takes: {declared})")
        return {p.name: (p.coerce(given[p.name]) if p.name in given else p.default) for p in self.params}


# -- typing parameter values -----------------------------------------------------------
_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


def coerce(ptype: str, value, name: str = "value"):
    """Convert a parameter value to its declared type.

    >>> coerce("int", "5"), coerce("float", "0.5"), coerce("bool", "yes")
    (5, 0.5, True)
    >>> coerce("list", "Beek, Stein"), coerce("list", '["Beek"]')
    (['Beek', 'Stein'], ['Beek'])
    >>> try:
    ...     coerce("date", "2023-04-31", "start")
    ... except ParamError as exc:
    ...     print(exc)
    start: '2023-04-31' is not a date (YYYY-MM-DD, YYYY-MM or YYYY)
    """
    if ptype == "string":
        return value if isinstance(value, str) else str(value)
    if ptype == "int":
        if isinstance(value, bool):
            raise ParamError(f"{name}: {value!r} is not a whole number")
        if isinstance(value, int):
            return value
        try:
            return int(str(value).strip())
        except ValueError:
            raise ParamError(f"{name}: {value!r} is not a whole number") from None
    if ptype == "float":
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            return float(value)
        try:
            return float(str(value).strip())
        except ValueError:
            raise ParamError(f"{name}: {value!r} is not a number") from None
    if ptype == "bool":
        if isinstance(value, bool):
            return value
        s = str(value).strip().lower()
        if s in ("true", "yes", "1", "ja", "on"):
            return True
        if s in ("false", "no", "0", "nee", "off"):
            return False
        raise ParamError(f"{name}: {value!r} is not true or false")
    if ptype == "date":
        s = value.isoformat() if isinstance(value, _dt.date) else str(value).strip()
        if not _DATE.match(s):
            raise ParamError(f"{name}: {value!r} is not a date (YYYY-MM-DD, YYYY-MM or YYYY)")
        try:  # a real calendar day, not 2023-02-30
            _dt.date.fromisoformat((s + "-01-01")[:10] if len(s) < 10 else s)
        except ValueError:
            raise ParamError(f"{name}: {value!r} is not a date (YYYY-MM-DD, YYYY-MM or YYYY)") from None
        return s
    if ptype == "list":
        if isinstance(value, (list, tuple)):
            return [str(v) for v in value]
        s = str(value).strip()
        if s.startswith("["):
            try:
                data = json.loads(s)
            except ValueError:
                raise ParamError(f"{name}: {value!r} is not a JSON list") from None
            if not isinstance(data, list):
                raise ParamError(f"{name}: {value!r} is not a list")
            return [str(v) for v in data]
        return [part.strip() for part in s.split(",") if part.strip()]
    raise ParamError(f"{name}: unknown type {ptype!r}; use one of {', '.join(PARAM_TYPES)}")


def guess_value(raw: str):
    """Type an ad-hoc query's parameter (no header to say): JSON numbers, booleans, lists
    and null are typed; anything else, dates included, stays a string.

    >>> guess_value("3"), guess_value("2023-04-12"), guess_value('["a", "b"]'), guess_value("Beek")
    (3, '2023-04-12', ['a', 'b'], 'Beek')
    """
    try:
        value = json.loads(raw)
    except ValueError:
        return raw
    return value if isinstance(value, (int, float, bool, list)) or value is None else raw


def parse_assignments(pairs) -> dict[str, str]:
    """`["name=value", ...]` (from --param) as a dict; a pair without '=' is an error."""
    out = {}
    for pair in pairs or []:
        name, sep, value = pair.partition("=")
        name = name.strip()
        if not sep or not re.fullmatch(r"[A-Za-z_]\w*", name):
            raise ParamError(f"--param {pair!r}: write it as name=value")
        out[name] = value
    return out


# -- parsing a file ---------------------------------------------------------------------
_PARAM_LINE = re.compile(r"^(?P<name>[A-Za-z_]\w*)\s+(?P<type>\w+)\s*=\s*(?P<default>.*?)\s*(?:\|\s*(?P<help>.*))?$")


def parse_query(source: str, name: str, path: str = "") -> SavedQuery:
    """Read one file's text.  Header syntax problems are kept in `.problems` (reported by
    validate() with the rest), so one bad line does not hide the others."""
    q = SavedQuery(name=name, path=path or name)
    lines = source.splitlines()
    i = 0
    fields: list[tuple[str, str, int]] = []  # (key, value, line number)
    while i < len(lines):
        line = lines[i].strip()
        if not line:
            i += 1
            continue
        if not line.startswith("//"):
            break
        body = lines[i].strip()[2:]
        m = re.match(r"^\s?([A-Za-z][\w-]*)\s*:\s?(.*)$", body)
        if body.startswith(("  ", "\t")) and body.strip():
            if not fields:
                q.problems.append(f"Q002 {q.path}:{i + 1}: an indented line continues a field, "
                                  f"but no field comes before it: {lines[i].strip()!r}")
            else:  # continuation of the field above
                key, value, ln = fields[-1]
                fields[-1] = (key, (value + " " + body.strip()).strip(), ln)
        elif m:
            fields.append((m.group(1).lower(), m.group(2).strip(), i + 1))
            if fields[-1][0] == "writes":
                i += 1
                break  # the header's last line: comments after it belong to the statement
        elif body.strip():
            break  # an ordinary comment: the header is over, the statement's comments begin
        i += 1
    body_lines = lines[i:]
    main, neo = [], None
    for line in body_lines:
        if line.strip().lower() == NEO4J_MARKER:
            neo = []
            continue
        (main if neo is None else neo).append(line)
    q.text = "\n".join(main).strip()
    q.neo4j_text = "\n".join(neo).strip() if neo is not None else ""
    if neo is not None and not q.neo4j_text:
        q.problems.append(f"Q011 {q.path}: the '// neo4j:' block is empty")

    for key, value, ln in fields:
        where = f"{q.path}:{ln}"
        if key not in HEADER_FIELDS:
            q.problems.append(f"Q002 {where}: unknown header field {key!r} (known: {', '.join(HEADER_FIELDS)})")
        elif key == "title":
            q.title = value
        elif key == "description":
            q.description = value
        elif key == "asked-by":
            q.asked_by = value
        elif key == "writes":
            q.writes = {"false": False, "true": True}.get(value.lower())
            if q.writes is None:
                q.problems.append(f"Q010 {where}: writes must be 'false' (saved queries only read), not {value!r}")
        elif key == "param":
            _parse_param(q, value, where)
    return q


def _parse_param(q: SavedQuery, value: str, where: str) -> None:
    m = _PARAM_LINE.match(value)
    if not m:
        q.problems.append(f"Q003 {where}: parameter line must read 'NAME TYPE = DEFAULT | help', not {value!r}")
        return
    name, ptype, raw_default = m.group("name"), m.group("type"), m.group("default")
    if ptype not in PARAM_TYPES:
        q.problems.append(f"Q004 {where}: parameter {name!r} has unknown type {ptype!r} "
                          f"(use one of {', '.join(PARAM_TYPES)})")
        return
    if q.param(name):
        q.problems.append(f"Q013 {where}: parameter {name!r} is declared twice")
        return
    try:
        default = json.loads(raw_default)
        default = coerce(ptype, default, name)
        if ptype == "list" and not isinstance(json.loads(raw_default), list):
            raise ParamError("not a list")
    except (ValueError, ParamError):
        q.problems.append(f"Q005 {where}: default of {name!r} ({raw_default}) is not a JSON {ptype}")
        return
    q.params.append(Param(name, ptype, default, (m.group("help") or "").strip()))


def load_query(path) -> SavedQuery:
    path = Path(path)
    try:
        rel = str(path.resolve().relative_to(QUERIES_DIR.parent))
    except ValueError:
        rel = str(path)
    return parse_query(path.read_text(encoding="utf-8"), name=path.stem, path=rel)


def load_queries(directory=None, *, strict: bool = True) -> list[SavedQuery]:
    """Every saved query in `directory` (default queries/), by name.  strict: raise
    SavedQueryError listing every numbered error of every file."""
    directory = Path(directory or QUERIES_DIR)
    queries = [load_query(p) for p in sorted(directory.glob("*.cypher"))]
    if strict:
        errors = [e for q in queries for e in validate(q)]
        if errors:
            raise SavedQueryError(errors)
    return queries


def get_query(name: str, directory=None) -> SavedQuery:
    """One saved query by name (file stem); a clear error listing the names otherwise, and
    the file's numbered errors when it is broken."""
    directory = Path(directory or QUERIES_DIR)
    path = directory / f"{name}.cypher"
    if not re.fullmatch(r"[\w-]+", name or "") or not path.is_file():
        names = ", ".join(p.stem for p in sorted(directory.glob("*.cypher")))
        raise SavedQueryError([f"Q000 no saved query {name!r}; saved queries: {names}"])
    q = load_query(path)
    errors = validate(q)
    if errors:
        raise SavedQueryError(errors)
    return q


# -- reading the Cypher text --------------------------------------------------------------
_STRING_OR_COMMENT = re.compile(r"""'(?:\\.|[^'\\])*'|"(?:\\.|[^"\\])*"|`[^`]*`|//[^\n]*|/\*.*?\*/""", re.S)


def strip_literals(cypher: str) -> str:
    """The text with string literals blanked and comments removed, so that words in them
    are not taken for parameters, labels or clauses."""
    def blank(m):
        s = m.group(0)
        if s.startswith("`"):
            return s  # a quoted name is still a name
        return "''" if s[0] in "'\"" else " "
    return _STRING_OR_COMMENT.sub(blank, cypher)


def parameters_in(cypher: str) -> list[str]:
    """`$names` used in a statement, in order of first use.

    >>> parameters_in("MATCH (n {name: $name}) WHERE n.x = '$not' RETURN n LIMIT $top // $nor")
    ['name', 'top']
    """
    seen = []
    for name in re.findall(r"\$([A-Za-z_]\w*)", strip_literals(cypher)):
        if name not in seen:
            seen.append(name)
    return seen


def labels_in(cypher: str) -> set[str]:
    """Node labels in patterns: `(n:Person)`, `(:Municipality {..})`, `(n:A:B)`."""
    text = strip_literals(cypher)
    found = set()
    for m in re.finditer(r"\(\s*`?\w*`?\s*((?::\s*`?\w+`?\s*)+)", text):
        found.update(x.strip("` ") for x in m.group(1).split(":") if x.strip("` "))
    return found


def rel_types_in(cypher: str) -> set[str]:
    """Relationship types in patterns: `[r:A|B]`, `[:A|:B*1..3]`, `[:A* SHORTEST 1..6]`."""
    text = strip_literals(cypher)
    found = set()
    for m in re.finditer(r"\[\s*`?\w*`?\s*:\s*([`\w|:\s]+)", text):
        for part in m.group(1).split("|"):
            t = part.strip().lstrip(":").strip().strip("`").split()[0] if part.strip() else ""
            if t:
                found.add(t)
    return found


def validate(q: SavedQuery) -> list[str]:
    """Every problem of one saved query as a numbered, file-naming error; [] when usable.

    Q001 missing header field      Q006 parameter used, not declared
    Q002 unknown/garbled header    Q007 parameter declared, not used
    Q003 bad parameter line        Q008 label not in the contract
    Q004 unknown parameter type    Q009 relationship type not in the contract
    Q005 default not of its type   Q010 the query writes (or says it may)
    Q011 empty statement           Q012 Neo4j variant takes other parameters
    Q013 parameter declared twice  Q014 more than one statement
    """
    errors = list(q.problems)
    where = q.path
    present = {"title": q.title, "description": q.description, "asked-by": q.asked_by,
               "writes": q.writes is not None or any(e.startswith("Q010") for e in q.problems)}
    for key in REQUIRED_FIELDS:
        if not present[key]:
            errors.append(f"Q001 {where}: header field '{key}:' is missing")
    if q.writes is True:
        errors.append(f"Q010 {where}: saved queries only read; 'writes: true' is not allowed")
    texts = [("", q.text)] + ([(" (neo4j variant)", q.neo4j_text)] if q.neo4j_text else [])
    if not q.text:
        errors.append(f"Q011 {where}: there is no statement after the header")
    declared = [p.name for p in q.params]
    for suffix, text in texts:
        if not text:
            continue
        plain = strip_literals(text)
        used = parameters_in(text)
        for name in used:
            if name not in declared:
                errors.append(f"Q006 {where}{suffix}: ${name} is used but not declared in a '// param:' line")
        for name in declared:
            if name not in used:
                errors.append(f"Q007 {where}{suffix}: parameter {name!r} is declared but the text never uses ${name}")
        for label in sorted(labels_in(text)):
            if label not in LABELS:
                errors.append(f"Q008 {where}{suffix}: label {label!r} is not in the contract "
                              f"({', '.join(LABELS)})")
        for rtype in sorted(rel_types_in(text)):
            if rtype not in REL_TYPES:
                errors.append(f"Q009 {where}{suffix}: relationship type {rtype!r} is not in the contract")
        m = _WRITE_WORDS.search(plain)
        if m:
            errors.append(f"Q010 {where}{suffix}: {m.group(1).upper()} is not allowed: saved queries only read")
        if ";" in plain.rstrip().rstrip(";"):
            errors.append(f"Q014 {where}{suffix}: one statement per file (found ';' inside the text)")
    if q.neo4j_text and set(parameters_in(q.neo4j_text)) != set(parameters_in(q.text)):
        errors.append(f"Q012 {where}: the neo4j variant uses other parameters than the main text")
    return errors


def statement(text: str) -> str:
    """The statement as sent to a store: a trailing ';' dropped (one statement only)."""
    return text.strip().rstrip(";").strip()


def run_saved(store, query: SavedQuery, given: dict | None = None, *, limit: int = 1000,
              timeout_s: float = 10.0):
    """Run a saved query on a store with typed parameters: the store's guarded query()."""
    params = query.values(given)
    return store.query(statement(query.text_for(getattr(store, "backend", "embedded"))), params,
                       limit=limit, timeout_s=timeout_s)


def prepare(*, cypher: str | None = None, saved: str | None = None, given: dict | None = None,
            backend: str = "embedded", directory=None) -> tuple[str, dict, SavedQuery | None]:
    """What to send to a store for an ad-hoc statement or a saved query: (text, typed
    parameters, the saved query or None).  Saved queries type their parameters by the
    header; ad-hoc ones by guess_value().  Raises SavedQueryError / ParamError."""
    if (cypher is None) == (saved is None):
        raise ParamError("give either a Cypher statement or --saved NAME, not both or neither")
    if saved is not None:
        q = get_query(saved, directory)
        return statement(q.text_for(backend)), q.values(given), q
    values = {k: guess_value(v) if isinstance(v, str) else v for k, v in (given or {}).items()}
    missing = [p for p in parameters_in(cypher) if p not in values]
    if missing:
        raise ParamError("the statement uses " + ", ".join(f"${p}" for p in missing)
                         + ": give each with --param name=value")
    return cypher, values, None


# -- keeping a good query ------------------------------------------------------------------
NAME_RE = re.compile(r"^[a-z0-9][a-z0-9-]{0,59}$")


def infer_type(value) -> str:
    """The header type for a value an analyst used with an ad-hoc statement.

    >>> [infer_type(v) for v in (3, 2.5, True, ["a"], "2023-04-12", "2023-07", "Beek")]
    ['int', 'float', 'bool', 'list', 'date', 'date', 'string']
    """
    if isinstance(value, bool):
        return "bool"
    if isinstance(value, int):
        return "int"
    if isinstance(value, float):
        return "float"
    if isinstance(value, (list, tuple)):
        return "list"
    if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}(-\d{2})?", value):
        try:
            coerce("date", value)
            return "date"
        except ParamError:
            return "string"
    return "string"


def _field(key: str, value: str, width: int = 92) -> list[str]:
    """One header field, wrapped onto indented continuation lines."""
    import textwrap

    words = " ".join(str(value).split())
    lines = textwrap.wrap(words, width=width - len(key) - 5) or [""]
    return [f"// {key}: {lines[0]}".rstrip()] + [f"//   {line}" for line in lines[1:]]


def render_query(q: SavedQuery) -> str:
    """A saved query as its file text (the format parse_query reads)."""
    out = _field("title", q.title) + _field("description", q.description) + _field("asked-by", q.asked_by)
    for p in q.params:
        default = json.dumps(p.default, ensure_ascii=False)
        out.append(f"// param: {p.name} {p.type} = {default}" + (f" | {' '.join(p.help.split())}" if p.help else ""))
    out.append("// writes: false")
    out.append(statement(q.text))
    if q.neo4j_text:
        out += [NEO4J_MARKER, statement(q.neo4j_text)]
    return "\n".join(out) + "\n"


def save_query(q: SavedQuery, directory=None, *, overwrite: bool = False) -> Path:
    """Write a new saved query file after checking it as any file is checked on load:
    a bad name, an existing file (unless overwrite) or any numbered error raises
    SavedQueryError and writes nothing.  The file appears whole or not at all."""
    import os
    import tempfile

    directory = Path(directory or QUERIES_DIR)
    if not NAME_RE.match(q.name or ""):
        raise SavedQueryError([f"Q000 name {q.name!r}: use lower-case letters, digits and '-' (it becomes "
                               f"the file name and what --saved takes)"])
    path = directory / f"{q.name}.cypher"
    if path.exists() and not overwrite:
        raise SavedQueryError([f"Q000 {path.name} exists already: choose another name"])
    text = render_query(q)
    again = parse_query(text, name=q.name, path=f"queries/{q.name}.cypher")
    errors = validate(again)
    if errors:
        raise SavedQueryError(errors)
    directory.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{q.name}.", suffix=".tmp", dir=directory)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(text)
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise
    return path
