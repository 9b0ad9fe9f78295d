"""Entity resolution inside a document: one node per entity however it is written.

- known entities resolve through the gazetteer's aliases (done when they are found);
- a surname alone ('Holtus') joins the full name in the same document ('Roger Holtus');
- a role holder resolves to the named person who holds that role in the document
  ('Roger Holtus, voorzitter Stuurgroep' makes a later 'voorzitter van de Stuurgroep'
  Holtus), otherwise to a redacted Person named after the role ('Kennisambassadeur',
  'Voorzitter Taskforce Internationale Werknemers', 'Vertegenwoordiger Zuid-Limburg');
- what was written differently is kept as an alias on the node.

Across documents: given ``known`` (names and aliases -> node ids, as the store or earlier
documents hold them), a surname, a name or a slightly misspelled multi-word name that
other documents already gave resolves to that node; :func:`merge_people` folds
surname-only Person nodes into the one full-name Person that ends with that surname in a
merged graph.

>>> r = Resolver("Taskforce Internationale Werknemers")
>>> r.person_names.update({"Roger Holtus", "Holtus"})
>>> r.person_name("Holtus")
'Roger Holtus'
"""
from __future__ import annotations

from functools import lru_cache

from graph.contract import node_id as _node_id
from loaders.minutes import lexicon as lx
from loaders.minutes.entities import Mention

node_id = lru_cache(maxsize=4096)(_node_id)  # the same names recur in every document
# lexicon.fold of a name: the same names recur in every document, and the names other
# documents gave (``known``, which grows over a run) are folded anew for each document
fold = lru_cache(maxsize=65536)(lx.fold)

# Role holders whose role is one of a kind in this network: named after the role alone.
UNIQUE_ROLES = {"kennisambassadeur", "kennismakelaar"}


class Resolver:
    """Per-document resolution state: person names seen, chairs named in the text."""

    def __init__(self, body_name: str | None, known=None):
        self.body_name = body_name
        self.person_names: set[str] = set()
        self.holders: dict[tuple[str, str], str] = {}  # (role, body name) -> person name
        # acronyms defined in this document ('Huisvesting Seizoenswerkers (HSW)'): folded
        # acronym or long name -> (label, name, props), None where two definitions clash
        self.defined: dict[str, tuple | None] = {}
        # names other documents gave (from the store): folded name -> {(label, id, name)}
        self.known: dict[str, set] = {}
        # extract_minutes' memo (see _node_for): a mention's reading -> its node and what
        # resolve did to the mention
        self.readings: dict[tuple, tuple] = {}
        for name, ids in (known or {}).items():
            for nid in ([ids] if isinstance(ids, str) else ids):
                label = nid.split(":", 1)[0]
                self.known.setdefault(fold(name), set()).add((label, nid, name))

    def from_other_documents(self, label: str, name: str) -> tuple[str, str] | None:
        """(id, name) of the one node other documents made for this entity: the same
        name, a person's full name for a surname ('Holtus' -> 'Roger Holtus'), or a
        slight misspelling of a multi-word name (rapidfuzz ratio >= 92)."""
        if not self.known:
            return None
        key, lab = fold(name), label.lower()
        exact = {(i, n) for lb, i, n in self.known.get(key, ()) if lb == lab}
        if len(exact) == 1:
            return next(iter(exact))
        if label == "Person":
            hits = {(i, n) for k, v in self.known.items() if k.endswith(" " + key)
                    for lb, i, n in v if lb == lab}
            return next(iter(hits)) if len({i for i, _ in hits}) == 1 else None
        if " " in key and len(key) >= 10:
            from rapidfuzz import fuzz, process

            keys = [k for k, v in self.known.items() if any(lb == lab for lb, _, _ in v)]
            hit = process.extractOne(key, keys, scorer=fuzz.ratio, score_cutoff=92)
            if hit:
                ids = {(i, n) for lb, i, n in self.known[hit[0]] if lb == lab}
                if len(ids) == 1:
                    return next(iter(ids))
        return None

    def learn(self, sentences_mentions: list[list[Mention]]) -> None:
        """First pass: collect person names and who holds which role ('X, voorzitter Y')."""
        for ms in sentences_mentions:
            for i, m in enumerate(ms):
                if m.label == "Person" and not m.redacted:
                    self.person_names.add(m.name)
                if m.how == "apposition" and m.title in ("voorzitter", "secretaris"):
                    nxt = ms[i + 1] if i + 1 < len(ms) else None
                    if nxt is not None and nxt.role == m.title and nxt.qualifier is not None:
                        self.holders[(m.title, nxt.qualifier.name)] = m.name
                if m.how == "acronym" and m.label != "Person":
                    for surface in (m.text, m.name):
                        key = fold(surface)
                        entry = (m.label, m.name, tuple(sorted(m.props.items())))
                        if self.defined.get(key, entry) != entry:
                            entry = None  # 'ABC' defined twice as different things: resolve neither
                        self.defined[key] = entry
        if self.defined:
            self._settle_acronym_labels(sentences_mentions)

    def _settle_acronym_labels(self, sentences_mentions: list[list[Mention]]) -> None:
        """A defined acronym's label was only guessed (Organisation) when no word before
        the long name said what it is; if the document elsewhere calls the same name one
        thing ('partner in het project HSW'), it is that."""
        for key, entry in list(self.defined.items()):
            if entry is None:
                continue
            label, name, props = entry
            if label != "Organisation" or dict(props).get("kind") != "other" or lx.gazetteer_lookup(name):
                continue  # named by a cue word or known: not a guess
            said = {m.label for ms in sentences_mentions for m in ms
                    if m.how not in ("acronym", "gazetteer", "learned") and m.label not in ("Person", label)
                    and fold(m.name) in (key, fold(name))}
            if len(said) == 1:
                new = said.pop()
                acronym = dict(props).get("acronym")
                new_props = (("acronym", acronym),) if new == "Project" and acronym else ()
                for k, e in self.defined.items():
                    if e == entry:
                        self.defined[k] = (new, name, new_props)

    def defined_acronym(self, label: str, name: str) -> tuple[str, str, dict] | None:
        """(label, name, props) of the entity a name stands for when this document defined
        it with an acronym in parentheses: 'HSW' and 'Huisvesting Seizoenswerkers' after
        'Huisvesting Seizoenswerkers (HSW)', whichever rule found them and whatever label
        that rule guessed."""
        if label == "Person" or not self.defined:
            return None
        entry = self.defined.get(fold(name))
        return (entry[0], entry[1], dict(entry[2])) if entry else None

    def person_name(self, name: str) -> str:
        """The fullest name in this document for a person: 'Holtus' -> 'Roger Holtus'
        when exactly one full name ends with it."""
        suffix = " " + fold(name)  # a name that ends so is longer than this one
        longer = [n for n in self.person_names if fold(n).endswith(suffix)]
        return longer[0] if len(longer) == 1 else name

    def resolve(self, m: Mention) -> tuple[str, str, dict]:
        """(label, canonical name, props) of the node a mention stands for; also sets m.id."""
        label, name, props = m.label, m.name, dict(m.props)
        if label == "Person":
            props = {}
            if m.role:
                role = m.role
                if role in UNIQUE_ROLES:
                    name = role.capitalize()
                else:
                    qual = m.qualifier.name if m.qualifier is not None else None
                    if qual is None and role in ("voorzitter", "secretaris"):
                        qual = self.body_name
                    holder = self.holders.get((role, qual)) if qual else None
                    if holder:
                        name = self.person_name(holder)
                        m.redacted = False
                    else:
                        name = f"{role.capitalize()} {qual}" if qual else role.capitalize()
                if m.redacted:
                    props["redacted"] = True
                props["title"] = role
            else:
                name = self.person_name(name)
                if m.title:
                    props["title"] = m.title
        elif m.how != "gazetteer":
            defined = self.defined_acronym(label, name)
            if defined is not None:  # one node for an acronym and its long name
                label, name, props = defined
                m.label, m.props = label, dict(props)
        if m.how != "gazetteer" and not m.redacted:
            other = self.from_other_documents(label, name)
            if other is not None:
                m.id, m.name = other
                return label, other[1], props
        m.id = node_id(label, name)
        m.name = name
        return label, name, props


def merge_people(graph) -> dict[str, str]:
    """Fold surname-only Person nodes into the single full-name Person ending with that
    surname, across documents (aliases kept, relationships re-pointed).  Returns the id
    mapping applied.

    >>> from graph.model import DocumentGraph
    >>> g = DocumentGraph()
    >>> _ = g.add_node("Person", "Roger Holtus"); _ = g.add_node("Person", "Holtus", title="voorzitter")
    >>> merge_people(g)
    {'person:holtus': 'person:roger-holtus'}
    >>> g.nodes["person:roger-holtus"].aliases, g.nodes["person:roger-holtus"].props
    (['Holtus'], {'title': 'voorzitter'})
    """
    from graph.model import Relationship

    people = [n for n in graph.nodes.values() if n.label == "Person" and not n.props.get("redacted")]
    mapping: dict[str, str] = {}
    for short in people:
        key = fold(short.name)
        full = [n for n in people if n is not short and fold(n.name).endswith(" " + key)]
        if len(full) == 1:
            mapping[short.id] = full[0].id
    for old, new in mapping.items():
        src = graph.nodes.pop(old)
        target = graph.nodes[new]
        target.add_alias(src.name)
        for a in src.aliases:
            target.add_alias(a)
        for k, v in src.props.items():
            if target.props.get(k) in (None, ""):
                target.props[k] = v
    if mapping:
        rels = list(graph.rels.values())
        graph.rels.clear()
        for r in rels:
            r2 = Relationship(r.type, mapping.get(r.start, r.start), mapping.get(r.end, r.end), dict(r.props))
            graph.rels.setdefault(r2.key(), r2)
    return mapping
