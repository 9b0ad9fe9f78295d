"""The read-only guard: decides whether a user's Cypher may run, before any database
sees it.  Used by GraphStore.query() on both backends and by the app's console.

It tokenizes the statement (string literals, backtick names and comments are not
code: a `;` or `DELETE` inside them is data), then refuses:

- several statements (`RETURN 1; COMMIT; MATCH (n) DETACH DELETE n`);
- writes: CREATE, MERGE, SET, DELETE, REMOVE, DETACH, FOREACH;
- schema changes: CREATE/DROP TABLE/INDEX/CONSTRAINT, ALTER, RENAME;
- transaction control: BEGIN, COMMIT, ROLLBACK, CHECKPOINT, `IN TRANSACTIONS`;
- files and the server: COPY, LOAD (LOAD FROM '<file>', LOAD CSV, LOAD WITH HEADERS,
  LOAD EXTENSION), EXPORT/IMPORT DATABASE, INSTALL, ATTACH, DETACH, USE;
- administration: GRANT, DENY, REVOKE, TERMINATE, START/STOP DATABASE;
- CALL of a procedure that is not on the allow-list of known read procedures, and
  namespaced functions outside the built-in temporal/spatial ones (apoc.*, gds.* ...);
- with the statement's parameters (check_sizes): `range()`, `repeat()`, `lpad()` and
  `rpad()` with constant arguments that build more than MAX_BUILT values or characters.
  ladybug builds such a list in memory before its time limit can stop the query:
  `UNWIND range(1, 100000000) ...` took 16 s and 1.1 GB before it was stopped after 2,
  and `range(1, 2000000000)` held the store (and every app session) far past its limit.
  Bounds computed from data are not checked (they are as large as the data).

The guard is one layer.  The stores add theirs: the embedded store runs the statement
as ONE prepared statement (which rejects several) in a read-only transaction with a
query timeout and a row limit; the Neo4j store checks the plan first (EXPLAIN, query
type must be "r") and sets a transaction timeout and a row limit.

>>> check("MATCH (n:Person) WHERE n.name = 'x; DELETE' RETURN n")
>>> check("RETURN 1; COMMIT; MATCH (n) DETACH DELETE n")
Traceback (most recent call last):
...
graph.stores.base.QueryRefused: only one statement can run at a time; this text has 3 (a ';' at line 1, column 9 separates them)
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from graph.stores.base import QueryRefused


@dataclass
class Token:
    kind: str  # word, string, name (backticks), param, number, punct
    text: str
    pos: int


class _Unterminated(Exception):
    pass


def tokenize(text: str) -> list[Token]:
    """Cypher tokens; comments dropped.  Raises QueryRefused on an unterminated string,
    name or comment (the database would read the rest differently from us)."""
    out, i, n = [], 0, len(text)
    while i < n:
        ch = text[i]
        if ch.isspace():
            i += 1
        elif text.startswith("//", i):
            j = text.find("\n", i)
            i = n if j < 0 else j + 1
        elif text.startswith("/*", i):
            j = text.find("*/", i + 2)
            if j < 0:
                raise QueryRefused(f"unterminated comment starting at {_where(text, i)}")
            i = j + 2
        elif ch in "'\"":
            j = i + 1
            while j < n and text[j] != ch:
                j += 2 if text[j] == "\\" else 1
            if j >= n:
                raise QueryRefused(f"unterminated string starting at {_where(text, i)}")
            out.append(Token("string", text[i:j + 1], i))
            i = j + 1
        elif ch == "`":
            j = i + 1
            while True:
                j = text.find("`", j)
                if j < 0:
                    raise QueryRefused(f"unterminated `name` starting at {_where(text, i)}")
                if text.startswith("``", j):  # an escaped backtick inside the name
                    j += 2
                    continue
                break
            out.append(Token("name", text[i:j + 1], i))
            i = j + 1
        elif ch == "$":
            m = re.compile(r"\$(\w+|`[^`]*`)").match(text, i)
            out.append(Token("param", m.group(0) if m else "$", i))
            i = m.end() if m else i + 1
        elif ch.isalpha() or ch == "_":
            m = re.compile(r"\w+").match(text, i)
            out.append(Token("word", m.group(0), i))
            i = m.end()
        elif ch.isdigit():
            m = re.compile(r"\d[\w.]*").match(text, i)
            out.append(Token("number", m.group(0), i))
            i = m.end()
        else:
            out.append(Token("punct", ch, i))
            i += 1
    return out


def _where(text: str, pos: int) -> str:
    line = text.count("\n", 0, pos) + 1
    col = pos - (text.rfind("\n", 0, pos) + 1) + 1
    return f"line {line}, column {col}"


WRITE_WORDS = {"CREATE", "MERGE", "SET", "DELETE", "REMOVE", "DETACH", "FOREACH"}
SCHEMA_WORDS = {"DROP", "ALTER", "RENAME"}
TX_WORDS = {"BEGIN", "COMMIT", "ROLLBACK", "CHECKPOINT"}
FILE_WORDS = {"COPY", "LOAD", "EXPORT", "IMPORT", "INSTALL", "ATTACH", "UNINSTALL"}
ADMIN_WORDS = {"GRANT", "DENY", "REVOKE"}
# Words that are commands only in front of certain others; alone they may be variables
# (`MATCH (start:Meeting)`, `RETURN use`).
PREFIX_WORDS = {"START": {"DATABASE"}, "STOP": {"DATABASE"}, "TERMINATE": {"TRANSACTION", "TRANSACTIONS"},
                "SHOW": {"TRANSACTION", "TRANSACTIONS", "USERS", "USER", "ROLES", "PRIVILEGES"}}
REASONS = {
    **{w: "writes are not allowed here (read-only)" for w in WRITE_WORDS},
    **{w: "schema changes are not allowed here" for w in SCHEMA_WORDS},
    **{w: "transaction control is not allowed here" for w in TX_WORDS},
    **{w: "file, extension and database access is not allowed here" for w in FILE_WORDS},
    **{w: "administration commands are not allowed here" for w in ADMIN_WORDS},
}

# Procedures known to only read (lower case).  Kùzu's table functions, Neo4j's schema
# procedures.  Anything else (apoc.*, gds.*, db.create*, dbms.* ...) is refused.
READ_PROCEDURES = {
    # Kùzu / ladybug
    "show_tables", "table_info", "show_connection", "db_version", "show_functions",
    "show_indexes", "show_sequences", "show_macros", "show_projected_graphs",
    # Neo4j
    "db.labels", "db.relationshiptypes", "db.propertykeys", "db.schema.visualization",
    "db.schema.nodetypeproperties", "db.schema.reltypeproperties", "dbms.components",
    "db.info", "db.ping",
}
# Namespaced functions that are built in and pure (Neo4j temporal/spatial/vector).
FUNCTION_NAMESPACES = {"date", "datetime", "localdatetime", "time", "localtime", "duration",
                       "point", "vector"}


# The most values or characters a function may build from constant arguments.
MAX_BUILT = 10_000_000
# function -> (argument positions that are a count, or a range's (start, end, step))
_BUILDERS = {"range": "range", "repeat": 1, "lpad": 1, "rpad": 1}


def statements(tokens: list[Token]) -> list[list[Token]]:
    """Split at top-level ';' tokens (a ';' in a string, name or comment is no token)."""
    out, cur = [], []
    for t in tokens:
        if t.kind == "punct" and t.text == ";":
            out.append(cur)
            cur = []
        else:
            cur.append(t)
    out.append(cur)
    return [s for s in out if s]


def _dotted_name(tokens: list[Token], i: int) -> tuple[str, int]:
    """The name a.b.c starting at tokens[i]; returns (name, index after it)."""
    parts = []
    while i < len(tokens) and tokens[i].kind in ("word", "name"):
        parts.append(tokens[i].text.strip("`"))
        if i + 1 < len(tokens) and tokens[i + 1].text == ".":
            i += 2
        else:
            i += 1
            break
    return ".".join(parts), i


def check(cypher: str) -> None:
    """Raise QueryRefused (one line, naming the word and where it is) unless `cypher` is
    one statement that only reads."""
    if not cypher or not cypher.strip():
        raise QueryRefused("the query is empty")
    tokens = tokenize(cypher)
    stmts = statements(tokens)
    if not stmts:
        raise QueryRefused("the query is empty (only comments)")
    if len(stmts) > 1:
        first_semi = next(t for t in tokens if t.kind == "punct" and t.text == ";")
        raise QueryRefused(f"only one statement can run at a time; this text has {len(stmts)} "
                           f"(a ';' at {_where(cypher, first_semi.pos)} separates them)")
    toks = stmts[0]
    for i, t in enumerate(toks):
        if t.kind != "word":
            continue
        prev = toks[i - 1] if i else None
        nxt = toks[i + 1] if i + 1 < len(toks) else None
        if prev is not None and prev.text in (".", ":"):
            continue  # a property, label or type name, not a keyword
        if nxt is not None and nxt.text == ":" and prev is not None and prev.text in ("{", ","):
            continue  # a key in a map literal: {set: 1}
        word = t.text.upper()
        if word in PREFIX_WORDS and nxt is not None and nxt.text.upper() in PREFIX_WORDS[word]:
            raise QueryRefused(f"administration commands are not allowed here: {t.text} {nxt.text} "
                               f"at {_where(cypher, t.pos)}")
        if word == "USE" and nxt is not None and nxt.kind in ("word", "name"):
            raise QueryRefused(f"switching databases is not allowed here: {t.text} at {_where(cypher, t.pos)}")
        if word in REASONS:
            raise QueryRefused(f"{REASONS[word]}: {t.text} at {_where(cypher, t.pos)}")
        if word == "IN" and nxt is not None and nxt.text.upper() == "TRANSACTIONS":
            raise QueryRefused(f"transaction control is not allowed here: IN TRANSACTIONS at "
                               f"{_where(cypher, t.pos)}")
        if word == "CALL":
            if nxt is not None and nxt.text in ("{", "("):
                continue  # a subquery: its clauses are checked like the rest
            name, _ = _dotted_name(toks, i + 1)
            if name.lower() not in READ_PROCEDURES:
                raise QueryRefused(f"procedure {name or '?'!r} at {_where(cypher, t.pos)} is not on "
                                   f"the list of read procedures allowed here")
        elif nxt is not None and nxt.text == "." and prev is not None and prev.text != ".":
            # a namespaced function call apoc.x.y(...)?  (n.name is a property: no '(')
            name, j = _dotted_name(toks, i)
            if j < len(toks) and toks[j].text == "(" and "." in name \
                    and name.split(".")[0].lower() not in FUNCTION_NAMESPACES:
                raise QueryRefused(f"function {name!r} at {_where(cypher, t.pos)} is not allowed here")


def _arguments(tokens: list[Token], i: int) -> list[list[Token]]:
    """The arguments of the call whose '(' is tokens[i], as token lists."""
    args, cur, depth = [], [], 0
    for t in tokens[i + 1:]:
        if t.kind == "punct" and t.text in "([{":
            depth += 1
        elif t.kind == "punct" and t.text in ")]}":
            if depth == 0:
                break
            depth -= 1
        elif t.kind == "punct" and t.text == "," and depth == 0:
            args.append(cur)
            cur = []
            continue
        cur.append(t)
    args.append(cur)
    return args


def _constant(arg: list[Token], params: dict) -> float | None:
    """The number an argument is when it is a literal or a parameter, else None."""
    sign = 1
    if len(arg) == 2 and arg[0].text in "-+":
        sign, arg = (-1 if arg[0].text == "-" else 1), arg[1:]
    if len(arg) != 1:
        return None
    t = arg[0]
    try:
        if t.kind == "number":
            return sign * float(t.text)
        if t.kind == "param":
            value = params.get(t.text[1:].strip("`"))
            if isinstance(value, (int, float)) and not isinstance(value, bool):
                return sign * float(value)
    except ValueError:
        return None
    return None


def check_sizes(cypher: str, params: dict | None = None) -> None:
    """Raise QueryRefused when a function would build more than MAX_BUILT values or
    characters from constant arguments (literals or parameters), before the time limit
    could stop it.

    >>> check_sizes("UNWIND range(1, 10) AS x RETURN x")
    >>> check_sizes("UNWIND range(1, $n) AS x RETURN count(x)", {"n": 2000000000})
    Traceback (most recent call last):
    ...
    graph.stores.base.QueryRefused: range() at line 1, column 8 would build 2000000000 values in memory before the time limit could stop it; at most 10000000 are allowed here
    """
    params = params or {}
    toks = tokenize(cypher)
    for i, t in enumerate(toks[:-1]):
        name = t.text.lower()
        if t.kind != "word" or name not in _BUILDERS or toks[i + 1].text != "(" \
                or (i and toks[i - 1].text == "."):
            continue
        args = _arguments(toks, i + 1)
        if _BUILDERS[name] == "range":
            if len(args) < 2:
                continue
            start, end = _constant(args[0], params), _constant(args[1], params)
            step = _constant(args[2], params) if len(args) > 2 else 1.0
            if start is None or end is None or not step:
                continue
            size = max(0.0, (end - start) / step + 1)
        else:
            if len(args) <= _BUILDERS[name]:
                continue
            size = _constant(args[_BUILDERS[name]], params)
            if size is None:
                continue
        if size > MAX_BUILT:
            raise QueryRefused(f"{t.text}() at {_where(cypher, t.pos)} would build {size:.0f} "
                               f"{'values' if name == 'range' else 'characters'} in memory before the "
                               f"time limit could stop it; at most {MAX_BUILT} are allowed here")
