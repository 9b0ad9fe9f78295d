"""`python -m loaders extract PATH... [--format json|table]`: read minutes (.txt, .pdf,
.docx) and contact logs (.csv) and print their graph, without a store.

``json`` is the contract's export (one object, every path merged into one graph);
``table`` (the default) is a summary for a person: the documents, per label the entities
with their aliases, per relationship type the relationships with shortened evidence, and
the action items with owners and status.

A file that cannot be read is one line on stderr, ``PATH: REASON``; the others are still
read and printed.  Exit 0 when every file was read, 1 when some failed, 2 when none could
be read.
"""
from __future__ import annotations

import os
import re
import sys

HELP = "read documents and print their graph (--format json|table)"


def configure(parser) -> None:
    parser.add_argument("paths", nargs="+", metavar="PATH",
                        help="minutes (.txt, .pdf, .docx) or a contact log (.csv)")
    parser.add_argument("--format", choices=("json", "table"), default="table",
                        help="json: the graph contract's export; table: a readable summary (default)")
    parser.add_argument("--debug", action="store_true",
                        help="show the traceback of an unexpected error instead of one line")


def run(args) -> int:
    from graph.model import DocumentGraph
    from loaders.document import DocumentError
    from loaders.pipeline import extract_each

    merged = DocumentGraph()
    read = failed = 0
    # anything else than a DocumentError is a bug, not bad input: one line, and keep going
    catch = (DocumentError,) if args.debug else (Exception,)
    for path, graph, error in extract_each(args.paths, catch=catch):
        if error is None:
            merged.merge(graph)
            read += 1
            continue
        failed += 1
        if isinstance(error, DocumentError):
            print(str(error), file=sys.stderr)
        else:
            print(f"{path}: internal error while extracting ({type(error).__name__}: {error}); "
                  f"rerun with --debug for the traceback and report it", file=sys.stderr)
    if read:
        try:
            if args.format == "json":
                import json

                json.dump(merged.to_export(), sys.stdout, ensure_ascii=False, indent=1)
                sys.stdout.write("\n")
            else:
                sys.stdout.write(format_table(merged))
            sys.stdout.flush()
        except BrokenPipeError:  # `... | head`: the reader has what it wanted
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    if failed and len(args.paths) > 1:  # with one path its own line says it all
        print(f"python -m loaders extract: {failed} of {failed + read} file{'s' if failed + read > 1 else ''} "
              f"could not be read", file=sys.stderr)
    return 0 if not failed else (1 if read else 2)


# -- the table ----------------------------------------------------------------------------

WIDTH = 120


def _short(text: str, n: int) -> str:
    text = str(text).replace("\n", " ")
    return text if len(text) <= n else text[: n - 1].rstrip() + "…"


def _item_number(node) -> str:
    """The action item's number in its document: the last part of its id."""
    return node.id.rsplit("-", 1)[-1]


def _natural_text(text: str) -> list:
    """"action item 2" before "action item 10"."""
    return [(0, int(p), "") if p.isdigit() else (1, 0, p) for p in re.split(r"(\d+)", text)]


def _natural(node):
    return _natural_text(node.id)


def format_table(g) -> str:
    """A plain-text summary of a DocumentGraph for a person reading a terminal.

    >>> from graph.model import DocumentGraph
    >>> g = DocumentGraph()
    >>> d = g.add_node("Document", "verslag.txt", id="document:verslag", kind="txt", path="/x/verslag.txt")
    >>> p = g.add_node("Person", "Diederen", title="wethouder")
    >>> b = g.add_node("Municipality", "Beek", aliases=["gemeente Beek"])
    >>> _ = g.add_rel("ALDERMAN_OF", p, b, source=d.id, evidence="wethouder Diederen (gemeente Beek)")
    >>> print(format_table(g))  # doctest: +NORMALIZE_WHITESPACE
    Documents (1)
      verslag.txt  txt  /x/verslag.txt
    <BLANKLINE>
    Entities (2)
      Municipality (1)
        Beek  (also: gemeente Beek)
      Person (1)
        Diederen  wethouder
    <BLANKLINE>
    Relationships (1)
      ALDERMAN_OF (1)
        Diederen -> Beek
            "wethouder Diederen (gemeente Beek)"
    <BLANKLINE>
    """
    from graph.contract import LABELS, REL_TYPES

    nodes = g.nodes
    name = {nid: _short(n.name, 60) for nid, n in nodes.items()}
    for nid, n in nodes.items():
        if n.label == "ActionItem":  # listed in full under "Action items", by number
            name[nid] = f"action item {_item_number(n)}"
    out: list[str] = []
    docs = g.documents()
    many_docs = len(docs) > 1
    # a relationship's source by its file name: titles of minutes are long and alike
    short_source = {d.id: os.path.basename(d.props.get("path") or "") or d.name for d in docs}
    out.append(f"Documents ({len(docs)})")
    for d in sorted(docs, key=lambda n: n.name):
        bits = [d.name, d.props.get("kind", ""), d.props.get("date", ""), d.props.get("path", "")]
        out.append("  " + "  ".join(b for b in bits if b))
    out.append("")

    doc_ids = {d.id for d in docs}
    entities = [n for n in nodes.values() if n.label != "ActionItem" and n.id not in doc_ids]
    out.append(f"Entities ({len(entities)})")
    for label in LABELS:
        group = sorted((n for n in entities if n.label == label), key=lambda n: n.name.lower())
        if not group:
            continue
        out.append(f"  {label} ({len(group)})")
        for n in group:
            extra = []
            for k in ("title", "acronym", "kind", "level", "cbs_code", "date", "location"):
                v = n.props.get(k)
                if v and not (k == "acronym" and v == n.name):
                    extra.append(str(v))
            if n.props.get("redacted"):
                extra.append("[name redacted]")
            line = "    " + n.name + ("  " + ", ".join(extra) if extra else "")
            if n.aliases:
                line += "  (also: " + "; ".join(n.aliases) + ")"
            out.append("    " + _short(line[4:], WIDTH + 16))
    out.append("")

    rels = list(g.rels.values())
    out.append(f"Relationships ({len(rels)})")
    for rtype in REL_TYPES:
        group = [r for r in rels if r.type == rtype]
        if not group:
            continue
        if rtype == "MENTIONS":  # one per entity per document: the entity list says it already
            out.append(f"  MENTIONS ({len(group)}): every entity above, by the document that names it")
            continue
        out.append(f"  {rtype} ({len(group)})")
        arrow = "--" if REL_TYPES[rtype].symmetric else "->"
        for r in sorted(group, key=lambda r: (_natural_text(name.get(r.start, r.start).lower()),
                                              _natural_text(name.get(r.end, r.end).lower()),
                                              r.props.get("date", ""))):
            props = [str(r.props[k]) for k in REL_TYPES[rtype].props if r.props.get(k)]
            head = f"    {name.get(r.start, r.start)} {arrow} {name.get(r.end, r.end)}"
            if props:
                head += "  " + ", ".join(props)
            out.append(head)
            evidence = r.props.get("evidence")
            where = f"  [{short_source.get(r.source, r.source)}]" if many_docs and r.source else ""
            if evidence or where:
                text = f'"{_short(evidence, WIDTH - 8 - len(where))}"' if evidence else ""
                out.append(f"        {text}{where}")
    out.append("")

    items = sorted((n for n in nodes.values() if n.label == "ActionItem"), key=_natural)
    if items:
        owners: dict[str, list[str]] = {}
        for r in rels:
            if r.type == "ASSIGNED_TO":
                owners.setdefault(r.start, []).append(name.get(r.end, r.end))
        out.append(f"Action items ({len(items)})")
        for n in items:
            status = n.props.get("status", "?")
            who = ", ".join(sorted(owners.get(n.id, [])))
            if n.props.get("owner_redacted"):
                who = (who + ", " if who else "") + "(owner redacted)"
            text = n.props.get("text") or n.name
            out.append(f"  {_item_number(n):>3}. [{status}] {_short(text, WIDTH - 30)} — owner: {who or '(none named)'}")
        out.append("")
    return "\n".join(out)
