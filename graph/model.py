"""What a loader produces and a store writes: nodes and relationships in the contract's
vocabulary, with the contract's export format and a networkx view.

>>> g = DocumentGraph()
>>> beek = g.add_node("Municipality", "Beek", cbs_code="GM0888")
>>> p = g.add_node("Person", "Diederen", title="wethouder")
>>> r = g.add_rel("ALDERMAN_OF", p, beek, source="document:x", evidence="wethouder Diederen (gemeente Beek)")
>>> sorted(n["id"] for n in g.to_export()["nodes"])
['municipality:beek', 'person:diederen']
>>> nx_graph = g.to_networkx()
>>> nx_graph.nodes["person:diederen"]["title"]
'wethouder'
"""
from __future__ import annotations

from dataclasses import dataclass, field
try:  # CPython's own SHA-1: the same digests as OpenSSL's (hashlib.sha1), at ~3/4 of the cost
    # of a call for a key's ~100 bytes (OpenSSL 3 looks the algorithm up anew at every call)
    from _sha1 import sha1
except ImportError:  # (a Python built without it)
    from hashlib import sha1

from graph.contract import NODE_PROPS, REL_BASE_PROPS, REL_TYPES, check_relationship, label_of_id, node_id


@dataclass
class Node:
    id: str
    label: str
    name: str
    aliases: list[str] = field(default_factory=list)
    props: dict = field(default_factory=dict)

    def add_alias(self, alias: str) -> None:
        alias = " ".join(alias.split())
        if alias and alias != self.name and alias not in self.aliases:
            self.aliases.append(alias)

    def to_export(self) -> dict:
        return {"id": self.id, "label": self.label, "name": self.name,
                "aliases": list(self.aliases), "props": dict(self.props)}


@dataclass
class Relationship:
    type: str
    start: str  # node id
    end: str  # node id
    props: dict = field(default_factory=dict)  # includes provenance: source, evidence

    @property
    def source(self) -> str:
        return self.props.get("source", "")

    def key(self) -> str:
        """Identity of this assertion: type, ends, source document and the properties that
        distinguish two assertions (a contact on 20 April and one on 24 April), not the
        evidence wording.  Symmetric types ignore direction."""
        return rel_key(self.type, self.start, self.end, self.props)

    def to_export(self) -> dict:
        return {"type": self.type, "source": self.start, "target": self.end, "props": dict(self.props)}


def rel_key(rtype: str, start: str, end: str, props: dict) -> str:
    """Relationship.key() of these values, without building the Relationship: the first
    16 hex digits of the SHA-1 of repr((type, start, end, distinct)), where distinct is the
    sorted (name, value) pairs of the properties but evidence, lists as tuples.

    >>> rel_key("CONTACT", "person:b", "person:a", {"source": "document:x", "evidence": "...", "kind": "request"})
    'dd41485c7a374d00'
    """
    if REL_TYPES[rtype].symmetric and end < start:
        start, end = end, start
    # That repr, written out: repr of a tuple costs several times the repr of its strings
    # (recursion guard, nested writers).  Property names are distinct, so sorting the
    # items never compares values.
    if len(props) == 2 and "source" in props and "evidence" in props:  # most relationships
        source = props["source"]
        if not isinstance(source, list):
            return _sourced_key(repr(rtype), repr(start), repr(end), repr(source))
        distinct = f"(('source', {tuple(source)!r}),)"
    else:
        pairs = [f"({k!r}, {v!r})" if not isinstance(v, list) else f"({k!r}, {tuple(v)!r})"
                 for k, v in sorted(props.items()) if k != "evidence"]
        distinct = "(" + ", ".join(pairs) + ("," if len(pairs) == 1 else "") + ")"
    raw = f"({rtype!r}, {start!r}, {end!r}, {distinct})"
    return sha1(raw.encode("utf-8")).hexdigest()[:16]


def _sourced_key(rtype_repr: str, start_repr: str, end_repr: str, source_repr: str) -> str:
    """rel_key of a relationship whose only distinct property is its source, from the
    reprs of its values (add_rel keeps those of its node ids): one f-string, as each
    intermediate string costs."""
    raw = f"({rtype_repr}, {start_repr}, {end_repr}, (('source', {source_repr}),))"
    return sha1(raw.encode("utf-8")).hexdigest()[:16]


def clean_evidence(evidence) -> str:
    """The evidence text with its whitespace runs as one space, ends trimmed:
    ``" ".join(str(evidence).split())``.  A sentence from the extractor is clean already
    (no double space, no whitespace but ' ' at all, no space at either end), so such a text
    is returned as it is: every whitespace character but ' ' is non-printable.

    >>> clean_evidence(" Wethouder  Janssen\tbelt. "), clean_evidence("Wethouder Janssen belt.")
    ('Wethouder Janssen belt.', 'Wethouder Janssen belt.')
    """
    if type(evidence) is str and "  " not in evidence and evidence.isprintable() \
            and evidence[:1] != " " and evidence[-1:] != " ":
        return evidence
    return " ".join(str(evidence).split())


# (type, start id prefix, end id prefix) -> the properties such a relationship may carry,
# filled as the contract allows each combination (a few hundred at most)
_ALLOWED_PROPS: dict[tuple[str, str, str], frozenset] = {}
# what add_rel needs of a relationship type once the contract has allowed it
_SYMMETRIC = frozenset(name for name, t in REL_TYPES.items() if t.symmetric)
_TYPE_REPR = {name: repr(name) for name in REL_TYPES}


class DocumentGraph:
    """Nodes and relationships read from documents; several documents merge into one."""

    def __init__(self):
        self.nodes: dict[str, Node] = {}
        self.rels: dict[str, Relationship] = {}
        self._evidence: dict[str, str] = {}  # add_rel's evidence texts, as given -> cleaned
        self._ids: dict[str, tuple[str, str]] = {}  # add_rel's node ids -> (label prefix, repr)

    # -- building -------------------------------------------------------------------
    def add_node(self, label: str, name: str, *, id: str | None = None, aliases=(), **props) -> Node:
        """Add a node or fold into the existing one: aliases are unioned, empty properties
        filled in, non-empty ones kept (first reading wins)."""
        allowed = NODE_PROPS.get(label)
        if allowed is None:
            raise ValueError(f"unknown label {label!r}")
        nid = id or node_id(label, name)
        node = self.nodes.get(nid)
        if node is None:
            if props.keys() <= allowed.keys() and None not in props.values():
                # most calls make a node: it takes the properties as given (the loop below
                # would copy each of them into an empty dict, in the same order)
                node = self.nodes[nid] = Node(nid, label, " ".join(name.split()), [], props)
                for a in aliases:
                    node.add_alias(a)
                return node
            node = self.nodes[nid] = Node(nid, label, " ".join(name.split()), [], {})
        for a in aliases:
            node.add_alias(a)
        if props:
            have = node.props
            for k, v in props.items():
                if k not in allowed:
                    raise ValueError(f"{label} has no property {k!r}")
                if v is not None and have.get(k) in (None, "", []):
                    have[k] = v
        return node

    def add_rel(self, rtype: str, start: Node | str, end: Node | str, **props) -> Relationship:
        s = start.id if isinstance(start, Node) else start
        e = end.id if isinstance(end, Node) else end
        source, evidence = props.get("source"), props.get("evidence")
        if len(props) == 2 and type(source) is str and type(evidence) is str:
            # most relationships: source and evidence alone (always allowed, neither None)
            return self.add_sourced_rel(rtype, s, e, source, evidence)
        allowed = self._allowed(rtype, s, e)
        if not allowed.issuperset(props):
            k = next(k for k in props if k not in allowed)
            raise ValueError(f"{rtype} has no property {k!r}")
        if None in props.values():
            props = {k: v for k, v in props.items() if v is not None}
        evidence = props.get("evidence")
        if evidence is not None:
            clean = self._evidence.get(evidence) if type(evidence) is str else None
            if clean is None:
                clean = clean_evidence(evidence)
                if type(evidence) is str:
                    self._evidence[evidence] = clean
            props["evidence"] = clean
        k = rel_key(rtype, s, e, props)
        rel = self.rels.get(k)
        if rel is None:
            rel = self.rels[k] = Relationship(rtype, s, e, props)
        return rel

    def add_sourced_rel(self, rtype: str, s: str, e: str, source: str, evidence: str) -> Relationship:
        """``add_rel(rtype, s, e, source=source, evidence=evidence)`` for node ids and a
        source and evidence text: what the extractors add most (~170 relationships a
        document), without the keyword dictionary and the checks of the general case.

        >>> g = DocumentGraph()
        >>> r = g.add_sourced_rel("MENTIONS", "document:x", "municipality:beek", "document:x", " Beek  belt.")
        >>> r.props, r is g.add_rel("MENTIONS", "document:x", "municipality:beek", source="document:x", evidence="?")
        ({'source': 'document:x', 'evidence': 'Beek belt.'}, True)
        """
        # a document's relationships join the same few dozen nodes: each id's label prefix
        # and repr (for the key) are worked out once per graph
        ids = self._ids
        sid = ids.get(s)
        if sid is None:
            sid = ids[s] = (s.partition(":")[0], repr(s))
        eid = ids.get(e)
        if eid is None:
            eid = ids[e] = (e.partition(":")[0], repr(e))
        if (rtype, sid[0], eid[0]) not in _ALLOWED_PROPS:
            self._allowed(rtype, s, e)  # (raises if the contract has no such relationship)
        # the rules add several relationships per sentence: clean each text once
        clean = self._evidence.get(evidence)
        if clean is None:
            clean = self._evidence[evidence] = clean_evidence(evidence)
        # rel_key of these values, from the reprs at hand
        src = ids.get(source)
        if src is None:
            src = ids[source] = (source.partition(":")[0], repr(source))
        if rtype in _SYMMETRIC and e < s:
            sid, eid = eid, sid
        k = _sourced_key(_TYPE_REPR[rtype], sid[1], eid[1], src[1])
        rel = self.rels.get(k)
        if rel is None:
            rel = self.rels[k] = Relationship(rtype, s, e, {"source": source, "evidence": clean})
        return rel

    @staticmethod
    def _allowed(rtype: str, s: str, e: str) -> frozenset:
        """The properties a relationship of this type between these nodes may carry; the
        contract is asked once for each type and pair of labels (ValueError if it forbids them)."""
        pair = (rtype, s.partition(":")[0], e.partition(":")[0])
        allowed = _ALLOWED_PROPS.get(pair)
        if allowed is None:  # first time this type between these labels: ask the contract
            check_relationship(rtype, label_of_id(s), label_of_id(e))
            allowed = _ALLOWED_PROPS[pair] = frozenset(REL_BASE_PROPS + REL_TYPES[rtype].props)
        return allowed

    def merge(self, other: "DocumentGraph") -> "DocumentGraph":
        for n in other.nodes.values():
            self.add_node(n.label, n.name, id=n.id, aliases=n.aliases, **n.props)
        for r in other.rels.values():
            k = r.key()
            if k not in self.rels:
                self.rels[k] = Relationship(r.type, r.start, r.end, dict(r.props))
        return self

    # -- reading --------------------------------------------------------------------
    def documents(self) -> list[Node]:
        """Source documents (Document nodes with a path)."""
        return [n for n in self.nodes.values() if n.label == "Document" and n.props.get("path")]

    def to_export(self) -> dict:
        """The contract's export: {"nodes": [...], "relationships": [...]} in a stable order."""
        return {"nodes": [n.to_export() for n in sorted(self.nodes.values(), key=lambda n: n.id)],
                "relationships": [r.to_export() for r in sorted(
                    self.rels.values(), key=lambda r: (r.type, r.start, r.end, r.key()))]}

    @classmethod
    def from_export(cls, data: dict) -> "DocumentGraph":
        g = cls()
        for n in data.get("nodes", []):
            g.add_node(n["label"], n["name"], id=n["id"], aliases=n.get("aliases") or [], **(n.get("props") or {}))
        for r in data.get("relationships", []):
            g.add_rel(r["type"], r["source"], r["target"], **(r.get("props") or {}))
        return g

    def to_networkx(self):
        """The same shape the stores return: a MultiDiGraph keyed by node id; node
        attributes label, name, aliases and the label's properties; edge key the
        relationship key, edge attributes type, source, evidence and the type's properties."""
        import networkx as nx

        g = nx.MultiDiGraph()
        for n in self.nodes.values():
            g.add_node(n.id, label=n.label, name=n.name, aliases=list(n.aliases), **n.props)
        for k, r in self.rels.items():
            g.add_edge(r.start, r.end, key=k, type=r.type, **r.props)
        return g
