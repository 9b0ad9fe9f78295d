"""The stored graph in the formats other tools read: GraphML (Cytoscape, Gephi, yEd),
GEXF (Gephi), the contract's JSON export, and a Cypher script that recreates the graph
in Neo4j.

Every function takes the networkx MultiDiGraph a store returns (see graph/stores/base.py)
and returns text; `write_export` streams a store's graph to a file.

>>> from graph.model import DocumentGraph
>>> g = DocumentGraph()
>>> beek = g.add_node("Municipality", "Beek", aliases=["gemeente Beek"], cbs_code="GM0888")
>>> p = g.add_node("Person", "Diederen", title="wethouder")
>>> _ = g.add_rel("ALDERMAN_OF", p, beek, source="document:x", evidence="wethouder Diederen (gemeente Beek)")
>>> graph_from_networkx(g.to_networkx()).to_export() == g.to_export()
True
>>> print(cypher_string("O'Neill \\\\ Co"))
'O\\'Neill \\\\ Co'
"""
from __future__ import annotations

import io
import json
import re
from typing import Iterator

from graph.contract import LABELS, NODE_PROPS, REL_TYPES, label_of_id
from graph.model import DocumentGraph

FORMATS = ("graphml", "gexf", "json", "cypher")


# -- networkx <-> the contract's DocumentGraph -------------------------------------------
def graph_from_networkx(G) -> DocumentGraph:
    """The DocumentGraph a store's networkx graph stands for (None values dropped: a
    property the store has no value for is a property the document did not give)."""
    g = DocumentGraph()
    for nid, data in G.nodes(data=True):
        label = data.get("label") or label_of_id(nid)
        props = {k: v for k, v in data.items() if k in NODE_PROPS[label] and v is not None}
        g.add_node(label, data.get("name") or nid, id=nid, aliases=data.get("aliases") or [], **props)
    for u, v, data in G.edges(data=True):
        rtype = data["type"]
        allowed = ("source", "evidence") + REL_TYPES[rtype].props
        g.add_rel(rtype, u, v, **{k: val for k, val in data.items() if k in allowed and val is not None})
    return g


def to_json(G, indent: int | None = 1) -> str:
    """The contract's export ({"nodes": [...], "relationships": [...]}), stable order."""
    return json.dumps(graph_from_networkx(G).to_export(), ensure_ascii=False, indent=indent)


# -- GraphML and GEXF ---------------------------------------------------------------------
def _flat(value):
    """GraphML and GEXF hold scalars only: lists become JSON text, so an alias with a comma
    stays one alias when read back (json.loads)."""
    if isinstance(value, (list, tuple, set)):
        return json.dumps(list(value), ensure_ascii=False)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    return value


def interchange_graph(G, *, gexf: bool = False):
    """A copy of G with scalar attributes only (lists as JSON text, None dropped).

    For GEXF, whose writer gives `label`, `type`, `start`, `end` and `weight` fixed
    meanings, nodes are labelled with their display name and keep the contract label as
    `type`; edges are labelled with the relationship type and keep it as `rel_type`.
    """
    import networkx as nx

    H = nx.MultiDiGraph()
    for nid, data in G.nodes(data=True):
        attrs = {k: _flat(v) for k, v in data.items() if v is not None}
        if gexf:
            attrs["type"] = attrs.pop("label", "")
            attrs["label"] = attrs.get("name", nid)
        H.add_node(nid, **attrs)
    for u, v, key, data in G.edges(keys=True, data=True):
        attrs = {k: _flat(val) for k, val in data.items() if val is not None}
        if gexf:
            attrs["rel_type"] = attrs.pop("type", "")
            attrs["label"] = attrs["rel_type"]
            for reserved in ("start", "end", "weight", "id"):
                if reserved in attrs:
                    attrs[f"{reserved}_"] = attrs.pop(reserved)
        H.add_edge(u, v, key=key, **attrs)
    return H


def to_graphml(G) -> str:
    """GraphML text; list properties (aliases) as JSON text."""
    import networkx as nx

    return "\n".join(nx.generate_graphml(interchange_graph(G), encoding="utf-8", prettyprint=True)) + "\n"


def to_gexf(G) -> str:
    """GEXF 1.2 text for Gephi; node label = display name, node attribute `type` = the
    contract label; edge label = relationship type."""
    import networkx as nx

    buf = io.BytesIO()
    nx.write_gexf(interchange_graph(G, gexf=True), buf, encoding="utf-8", prettyprint=True)
    return buf.getvalue().decode("utf-8")


# -- Cypher ---------------------------------------------------------------------------------
_CYPHER_ESCAPES = {"\\": "\\\\", "'": "\\'", "\n": "\\n", "\r": "\\r", "\t": "\\t",
                   "\b": "\\b", "\f": "\\f"}
_SIMPLE_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*\Z")


def cypher_string(text: str) -> str:
    """A Cypher string literal for any text: quotes, backslashes and control characters
    escaped, so a name from a document can never end the literal.

    >>> print(cypher_string('Jan "de Wit" \\'t Hoen'))
    'Jan "de Wit" \\'t Hoen'
    >>> print(cypher_string("a\\nb\\x00"))
    'a\\nb\\u0000'
    """
    out = []
    for ch in str(text):
        if ch in _CYPHER_ESCAPES:
            out.append(_CYPHER_ESCAPES[ch])
        elif ord(ch) < 0x20 or ch in "\x7f\u2028\u2029":
            out.append(f"\\u{ord(ch):04x}")
        else:
            out.append(ch)
    return "'" + "".join(out) + "'"


def cypher_name(name: str) -> str:
    """A label, type or property name; back-quoted (back-quotes doubled) unless plain.

    >>> cypher_name("Municipality"), cypher_name("odd name`")
    ('Municipality', '`odd name```')
    """
    if _SIMPLE_NAME.match(name):
        return name
    return "`" + name.replace("`", "``") + "`"


def cypher_value(value) -> str:
    """A Cypher literal for a property value (text, bool, number or a list of them).

    >>> cypher_value(["Horst a/d Maas", "Horst"]), cypher_value(True), cypher_value(3)
    ("['Horst a/d Maas', 'Horst']", 'true', '3')
    """
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if value != value or value in (float("inf"), float("-inf")):
            raise ValueError(f"no Cypher literal for {value!r}")
        return repr(value)
    if isinstance(value, str):
        return cypher_string(value)
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(cypher_value(v) for v in value) + "]"
    raise ValueError(f"no Cypher literal for a {type(value).__name__}: {value!r}")


def iter_cypher(G) -> Iterator[str]:
    """Statements (each one line ending in ';') that recreate G in Neo4j 5: a uniqueness
    constraint on `id` per label, one MERGE per node, one MERGE per relationship.  A
    relationship is merged on its `key` (Relationship.key(): type, ends, source document and
    the properties that tell two assertions apart), the property the stores use too, so the
    result is a database the Neo4j backend can go on writing to.  Running the script twice
    changes nothing.  Every value is a literal, every string escaped (cypher_string)."""
    from graph.stores.schema import REL_KEY

    dg = graph_from_networkx(G)
    yield "// Stakeholder graph, recreated for Neo4j 5 (python -m graph export --format cypher)."
    yield "// Run with: cypher-shell -u USER -p PASSWORD -f graph.cypher"
    for label in LABELS:
        yield (f"CREATE CONSTRAINT {cypher_name(label.lower() + '_id')} IF NOT EXISTS "
               f"FOR (n:{cypher_name(label)}) REQUIRE n.id IS UNIQUE;")
    labels = {}
    for node in sorted(dg.nodes.values(), key=lambda n: n.id):
        labels[node.id] = node.label
        sets = {"name": node.name, "aliases": list(node.aliases)}
        sets.update({k: v for k, v in sorted(node.props.items()) if v is not None})
        assignments = ", ".join(f"n.{cypher_name(k)} = {cypher_value(v)}" for k, v in sets.items())
        yield f"MERGE (n:{cypher_name(node.label)} {{id: {cypher_string(node.id)}}}) SET {assignments};"
    for rel in sorted(dg.rels.values(), key=lambda r: (r.type, r.start, r.end, r.key())):
        props = {k: v for k, v in sorted(rel.props.items()) if v is not None}
        assignments = ", ".join(f"r.{cypher_name(k)} = {cypher_value(v)}" for k, v in props.items())
        line = (f"MATCH (a:{cypher_name(labels[rel.start])} {{id: {cypher_string(rel.start)}}}) "
                f"MATCH (b:{cypher_name(labels[rel.end])} {{id: {cypher_string(rel.end)}}}) "
                f"MERGE (a)-[r:{cypher_name(rel.type)} {{{cypher_name(REL_KEY)}: {cypher_string(rel.key())}}}]->(b)")
        yield line + (f" SET {assignments};" if assignments else ";")


def to_cypher(G) -> str:
    return "\n".join(iter_cypher(G)) + "\n"


# -- stats -----------------------------------------------------------------------------------
def store_stats(store) -> dict:
    """Counts per label and relationship type (every contract label and type, zeros
    included) and the loaded documents."""
    counts = store.counts()
    docs = [{k: d.get(k) for k in ("id", "name", "kind", "date", "path")} for d in store.documents()]
    return {"store": store.describe(),
            "nodes": sum(counts["labels"].values()), "relationships": sum(counts["types"].values()),
            "labels": dict(counts["labels"]), "types": dict(counts["types"]), "documents": docs}


def format_stats(stats: dict) -> str:
    """store_stats() as a plain-text table.

    >>> print(format_stats({"store": "embedded: /tmp/g", "nodes": 2, "relationships": 1,
    ...     "labels": {"Municipality": 1, "Person": 1}, "types": {"ALDERMAN_OF": 1}, "documents": []}))
    store          embedded: /tmp/g
    <BLANKLINE>
    label          nodes
    Municipality       1
    Person             1
    (all)              2
    <BLANKLINE>
    type           relationships
    ALDERMAN_OF                1
    (all)                      1
    <BLANKLINE>
    documents: none loaded
    """
    width = max([len(k) for k in list(stats["labels"]) + list(stats["types"])] + [12]) + 3
    out = [f"{'store':<{width}}{stats['store']}", "", f"{'label':<{width}}nodes"]
    out += [f"{k:<{width}}{v:>5}" for k, v in stats["labels"].items()]
    out += [f"{'(all)':<{width}}{stats['nodes']:>5}", "", f"{'type':<{width}}relationships"]
    out += [f"{k:<{width}}{v:>13}" for k, v in stats["types"].items()]
    out += [f"{'(all)':<{width}}{stats['relationships']:>13}", ""]
    docs = stats["documents"]
    if not docs:
        out.append("documents: none loaded")
    else:
        out.append(f"documents: {len(docs)}")
        idw = max(len(d["id"]) for d in docs) + 2
        for d in docs:
            out.append(f"  {d['id']:<{idw}}{d.get('kind') or '':<10}{d.get('date') or '':<12}{d.get('path') or ''}")
    return "\n".join(out)


# -- one entry point for the CLI -------------------------------------------------------------
def export_text(G, fmt: str) -> str:
    """G as text in one of FORMATS."""
    if fmt == "graphml":
        return to_graphml(G)
    if fmt == "gexf":
        return to_gexf(G)
    if fmt == "json":
        return to_json(G) + "\n"
    if fmt == "cypher":
        return to_cypher(G)
    raise ValueError(f"unknown export format {fmt!r}; choose from {', '.join(FORMATS)}")


def write_export(store, fmt: str, out) -> dict:
    """Write the store's whole graph to the text stream `out`; returns the counts written."""
    G = store.read_graph()
    if fmt == "cypher":  # streamed: a large graph's script need not sit in memory twice
        for statement in iter_cypher(G):
            out.write(statement + "\n")
    else:
        out.write(export_text(G, fmt))
    return {"nodes": G.number_of_nodes(), "relationships": G.number_of_edges()}
