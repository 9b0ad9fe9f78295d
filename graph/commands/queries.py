"""`python -m graph queries [NAME] [--format table|json]`: the saved queries (queries/*.cypher)
with their titles and parameters; with NAME, one query in full: who asks it, its
parameters with type and default, and its text for each backend."""
from __future__ import annotations

import json
import sys

HELP = "list the saved queries"
PROG = "python -m graph queries"


def configure(parser) -> None:
    parser.add_argument("name", nargs="?", help="show this saved query in full")
    parser.add_argument("--format", choices=("table", "json"), default="table")


def _param_text(p) -> str:
    return f"{p.name} ({p.type}, default {json.dumps(p.default, ensure_ascii=False)})"


def _as_dict(q) -> dict:
    return {"name": q.name, "title": q.title, "description": q.description, "asked_by": q.asked_by,
            "params": [{"name": p.name, "type": p.type, "default": p.default, "help": p.help} for p in q.params],
            "writes": q.writes, "path": q.path, "text": q.text, "neo4j_text": q.neo4j_text or q.text}


def run(args) -> int:
    from graph.saved_queries import SavedQueryError, get_query, load_queries

    try:
        queries = [get_query(args.name)] if args.name else load_queries()
    except SavedQueryError as exc:
        print(f"{PROG}: {exc}", file=sys.stderr)
        return 2
    if args.format == "json":
        print(json.dumps([_as_dict(q) for q in queries], ensure_ascii=False, indent=1))
        return 0
    if args.name:
        q = queries[0]
        print(f"{q.name}: {q.title}\n\n{q.description}\n\nAsked by: {q.asked_by}\n")
        print("Parameters:" if q.params else "Parameters: none")
        for p in q.params:
            print(f"  --param {p.name}=...  {p.type}, default {json.dumps(p.default, ensure_ascii=False)}"
                  + (f": {p.help}" if p.help else ""))
        print(f"\nRun: python -m graph query --saved {q.name}"
              + "".join(f" --param {p.name}=..." for p in q.params[:1]))
        print(f"\n-- text ({'embedded store' if q.neo4j_text else 'both backends'}) --\n{q.text}")
        if q.neo4j_text:
            print(f"\n-- text (Neo4j) --\n{q.neo4j_text}")
        return 0
    width = max(len(q.name) for q in queries) if queries else 0
    for q in queries:
        params = ", ".join(_param_text(p) for p in q.params) or "no parameters"
        print(f"{q.name.ljust(width)}  {q.title}\n{' ' * width}  parameters: {params}")
    print(f"\n{len(queries)} saved queries in queries/; `{PROG} NAME` shows one, "
          f"`python -m graph query --saved NAME` runs it.")
    return 0
