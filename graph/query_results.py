"""A query's result as people read it: a text table, CSV, JSON, the line that says which
limits applied, and, when the result holds nodes, relationships or paths, the graph they
make (for the same picture the Explore page draws).

Values come from GraphStore.query() as plain Python: nodes {"_label", "_id", props...},
relationships {"_type", "_start", "_end", props...}, paths {"_nodes": [...], "_rels": [...]}.

>>> from graph.stores.base import QueryResult
>>> beek = {"_label": "Municipality", "_id": "municipality:beek", "name": "Beek"}
>>> r = QueryResult(columns=["alderman", "m"], rows=[["Diederen", beek]], limit=1000, timeout_s=10)
>>> print(to_table(r))
alderman | m
---------+--------------------
Diederen | Beek (Municipality)
<BLANKLINE>
1 row · row limit 1000 · time limit 10 s
>>> sorted(result_graph(r).nodes)
['municipality:beek']
"""
from __future__ import annotations

import csv
import re
import io
import json

FORMATS = ("table", "json", "csv")
MAX_CELL = 60  # characters of one cell in the text table; CSV and JSON keep everything


# -- what a value is ----------------------------------------------------------------------
def is_node(v) -> bool:
    return isinstance(v, dict) and "_label" in v and "_id" in v


def is_rel(v) -> bool:
    return isinstance(v, dict) and "_type" in v and "_start" in v


def is_path(v) -> bool:
    return isinstance(v, dict) and "_nodes" in v and "_rels" in v


def props_of(v: dict) -> dict:
    return {k: x for k, x in v.items() if not k.startswith("_")}


def cell_text(v) -> str:
    """One value as plain text: a node by name and label, a relationship by type and ends,
    a path as its chain of names, a list joined with '; '.

    >>> cell_text({"_label": "Person", "_id": "person:x", "name": "X"})
    'X (Person)'
    >>> cell_text({"_nodes": [{"_label": "Person", "_id": "person:a", "name": "A"},
    ...                       {"_label": "Person", "_id": "person:b", "name": "B"}],
    ...            "_rels": [{"_type": "CONTACT", "_start": "person:a", "_end": "person:b"}]})
    'A -[CONTACT]-> B'
    >>> cell_text(["Beek", "Stein"]), cell_text(None), cell_text(True)
    ('Beek; Stein', '', 'true')
    """
    if v is None:
        return ""
    if isinstance(v, bool):
        return "true" if v else "false"
    if is_node(v):
        return f"{v.get('name') or v['_id']} ({v['_label']})"
    if is_rel(v):
        return f"{v.get('_start') or '?'} -[{v['_type']}]-> {v.get('_end') or '?'}"
    if is_path(v):
        names = {n["_id"]: n.get("name") or n["_id"] for n in v["_nodes"] if is_node(n)}
        nodes = v["_nodes"]
        if not nodes:
            return ""
        parts = [names.get(nodes[0].get("_id"), "?")]
        for i, r in enumerate(v["_rels"]):
            nxt = nodes[i + 1] if i + 1 < len(nodes) else {}
            forward = r.get("_start") == nodes[i].get("_id")
            arrow = f"-[{r['_type']}]->" if forward else f"<-[{r['_type']}]-"
            parts += [arrow, names.get(nxt.get("_id"), "?")]
        return " ".join(parts)
    if isinstance(v, (list, tuple)):
        return "; ".join(cell_text(x) for x in v)
    if isinstance(v, dict):
        return json.dumps(v, ensure_ascii=False, sort_keys=True, default=str)
    if isinstance(v, float):
        return f"{v:g}"
    return str(v)


def json_value(v):
    """A value for JSON output: nodes, relationships and paths keep their structure."""
    if isinstance(v, dict):
        return {k: json_value(x) for k, x in v.items()}
    if isinstance(v, (list, tuple)):
        return [json_value(x) for x in v]
    if isinstance(v, (str, int, float, bool)) or v is None:
        return v
    return str(v)


# -- the limits line ------------------------------------------------------------------------
def footer(result) -> str:
    """How many rows, and which limits applied: said with every result, never implied."""
    n = len(result.rows)
    rows = f"{n} row" + ("" if n == 1 else "s")
    parts = [rows]
    if result.truncated:
        parts = [f"{rows} shown: the row limit ({result.limit}) was reached, there are more "
                 f"(raise --limit or narrow the query)"]
    elif result.limit is not None:
        parts.append(f"row limit {result.limit}")
    if result.timeout_s is not None:
        parts.append(f"time limit {result.timeout_s:g} s")
    parts += list(result.notes or [])
    return " · ".join(parts)


# -- the three output formats -----------------------------------------------------------------
def _clip(text: str, width: int = MAX_CELL) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def to_table(result) -> str:
    """An aligned plain-text table and the limits line."""
    head = [str(c) for c in result.columns]
    body = [[_clip(cell_text(v)) for v in row] for row in result.rows]
    widths = [max([len(h)] + [len(r[i]) for r in body]) for i, h in enumerate(head)]
    widths = [min(w, MAX_CELL) for w in widths]

    def line(cells):
        return " | ".join(c.ljust(w) for c, w in zip(cells, widths)).rstrip()

    out = [line(head), "-+-".join("-" * w for w in widths)]
    out += [line(r) for r in body]
    if not body:
        out.append("(no rows)")
    return "\n".join(out) + "\n\n" + footer(result)


def to_csv(result) -> str:
    """CSV with a header row; nodes, paths and lists as their plain text."""
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(result.columns)
    for row in result.rows:
        w.writerow([cell_text(v) for v in row])
    return buf.getvalue()


def to_json(result) -> str:
    """One JSON object: the rows as objects keyed by column, and the limits that applied."""
    data = {
        "columns": list(result.columns),
        "rows": [{c: json_value(v) for c, v in zip(result.columns, row)} for row in result.rows],
        "row_count": len(result.rows),
        "truncated": bool(result.truncated),
        "limit": result.limit,
        "timeout_s": result.timeout_s,
        "notes": list(result.notes or []),
    }
    return json.dumps(data, ensure_ascii=False, indent=2)


def render(result, fmt: str) -> str:
    if fmt == "table":
        return to_table(result)
    if fmt == "csv":
        return to_csv(result)
    if fmt == "json":
        return to_json(result)
    raise ValueError(f"unknown format {fmt!r}; choose from {', '.join(FORMATS)}")


def table_rows(result) -> list[dict]:
    """Rows for a sortable table widget: numbers stay numbers (so they sort as numbers),
    everything else becomes its plain text."""
    out = []
    for row in result.rows:
        rec = {}
        for c, v in zip(result.columns, row):
            rec[c] = v if isinstance(v, (int, float)) and not isinstance(v, bool) else cell_text(v)
        out.append(rec)
    return out


# -- the graph in a result -------------------------------------------------------------------
def _walk(v):
    """Every node, relationship and path dict inside a value (lists and maps searched)."""
    if is_path(v):
        yield v
        for x in v["_nodes"] + v["_rels"]:
            yield from _walk(x)
    elif is_node(v) or is_rel(v):
        yield v
    elif isinstance(v, dict):
        for x in v.values():
            yield from _walk(x)
    elif isinstance(v, (list, tuple)):
        for x in v:
            yield from _walk(x)


def has_graph(result) -> bool:
    return any(True for row in result.rows for v in row for _ in _walk(v))


def result_graph(result):
    """The nodes and relationships a result holds as the networkx MultiDiGraph the stores
    return (node attributes label, name, aliases, properties; edge key and attributes type
    and properties), or None when it holds none.  A relationship whose end node is not in
    the result still gets that node, labelled from its id, so no edge is dropped.  The
    pages draw it with the same picture as Explore (app_pages.shared.render_graph)."""
    import networkx as nx

    from graph.contract import label_of_id

    g = nx.MultiDiGraph()
    rels = []
    for row in result.rows:
        for value in row:
            for v in _walk(value):
                if is_node(v) and v["_id"]:
                    attrs = props_of(v)
                    attrs.setdefault("name", v["_id"])
                    attrs["aliases"] = list(attrs.get("aliases") or [])
                    attrs.pop("id", None)
                    g.add_node(v["_id"], label=v["_label"], **attrs)
                elif is_rel(v):
                    rels.append(v)
    seen = set()
    for r in rels:
        start, end = r.get("_start"), r.get("_end")
        if not start or not end:
            continue
        key = r.get("key") or f"{r['_type']}:{start}:{end}:{r.get('source', '')}"
        if key in seen:
            continue
        seen.add(key)
        for nid in (start, end):
            if nid not in g:
                try:
                    label = label_of_id(nid)
                except ValueError:
                    label = ""
                g.add_node(nid, label=label, name=nid, aliases=[])
        attrs = {k: x for k, x in props_of(r).items() if k != "key"}
        g.add_edge(start, end, key=key, type=r["_type"], **attrs)
    return g if g.number_of_nodes() else None


# -- where an error is ----------------------------------------------------------------------
_POS_PATTERNS = [
    (re.compile(r"\(line: (\d+), offset: (\d+)\)"), 1),  # ladybug/Kùzu parser: 0-based offset
    (re.compile(r"\bline (\d+), column (\d+)\b"), 0),  # the guard, Neo4j: 1-based column
]
_NAMED = [
    re.compile(r"Cannot find property (\w+) for (\w+)"),  # -> var.prop
    re.compile(r"Table (\w+) does not exist"),
    re.compile(r"Variable (\w+) is not in scope"),
    re.compile(r"function (\w+) does not exist", re.I),
    re.compile(r"Unknown function '([\w.]+)'"),
]


def error_position(message: str, text: str) -> tuple[int, int] | None:
    """(line, column), both 1-based, of the problem an error message names in `text`:
    the position the database or the guard gives, else the first place the unknown
    property, label, variable or function it names occurs.

    >>> error_position('Parser exception: Invalid input (line: 1, offset: 16) "MATCH (n:Person RETURN n"',
    ...                "MATCH (n:Person RETURN n")
    (1, 17)
    >>> error_position("Binder exception: Cannot find property nme for n.", "MATCH (n)\\nWHERE n.nme = 1 RETURN n")
    (2, 9)
    >>> error_position("Binder exception: Table Wethouder does not exist.", "MATCH (w:Wethouder) RETURN w")
    (1, 10)
    """
    for pattern, shift in _POS_PATTERNS:
        m = pattern.search(message or "")
        if m:
            return int(m.group(1)), int(m.group(2)) + shift
    for pattern in _NAMED:
        m = pattern.search(message or "")
        if not m:
            continue
        if pattern is _NAMED[0]:
            needle = re.compile(rf"\b{re.escape(m.group(2))}\s*\.\s*{re.escape(m.group(1))}\b")
            offset = 1 + len(m.group(2))  # point at the property, after 'n.'
        else:
            needle = re.compile(rf"(?<![\w$]){re.escape(m.group(1))}\b", re.I)
            offset = 0
        hit = needle.search(text or "")
        if hit:
            pos = hit.start() + offset
            line = text.count("\n", 0, pos) + 1
            return line, pos - (text.rfind("\n", 0, pos) + 1) + 1
    return None


def point_at(text: str, line: int, column: int) -> str:
    """The line of `text` with a caret under the column, for showing an error.

    >>> print(point_at("MATCH (n)\\nWHERE n.nme = 1", 2, 7))
    WHERE n.nme = 1
          ^
    """
    lines = (text or "").splitlines() or [""]
    src = lines[min(max(line, 1), len(lines)) - 1]
    return f"{src}\n{' ' * max(column - 1, 0)}^"
