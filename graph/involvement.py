"""Who is involved where: the readers the gaps analysis is built from, each a plain
function over the networkx MultiDiGraph the stores return (graph/model.py): which
documents name a municipality, its aldermen, contacts, latest engagement, the meetings of
a body and who attended them, who speaks for a region, how a party is represented in a
body.  (Policy and agenda signals are in graph/signals.py, open action items in
graph/action_items.py.)

>>> G, reference = example()
>>> latest_engagement(G, "municipality:bosdorp")["evidence"]
'De gemeente Bosdorp herkent de problematiek niet.'
>>> [attendance(G, region_parties(G, "region:zuid", reference), m) for m in meetings_of(G, TASKFORCE)]
['absent', 'present', 'no record']
"""
from __future__ import annotations

import re
import weakref
from collections import defaultdict

from graph.contract import node_id, slug
from graph.mentions import mentioned_by, mentioning

TASKFORCE = node_id("Body", "Taskforce Internationale Werknemers")
STUURGROEP = node_id("Body", "Stuurgroep Internationale Werknemers")
BO_WONEN = node_id("Body", "BO Wonen")
# The bodies the province asks about, in this order, whether or not the graph has them.
KEY_BODIES = {TASKFORCE: "Taskforce", STUURGROEP: "Stuurgroep", BO_WONEN: "BO Wonen"}

LEVEL_RANK = {"low": 0, "medium": 1, "high": 2}

# Dutch phrasings in evidence sentences and what they say in plain words.  Data, not
# special cases: they gloss an evidence sentence, they never decide a level.
EVIDENCE_GLOSSES = [
    (re.compile(r"herkent\s+de\s+problematiek\s+niet", re.I), "alderman does not recognise the problem"),
    (re.compile(r"geen\s+ambtelijke\s+capaciteit", re.I), "no civil-service capacity for the topic"),
    (re.compile(r"niet\s+bekend", re.I), "the topic is not known there"),
    (re.compile(r"behoeft\s+nog\s+aandacht", re.I), "cooperation still needs attention"),
]



# -- small readers ---------------------------------------------------------------------
def dmy(iso: str | None) -> str:
    """An ISO date as the minutes write it.

    >>> dmy("2023-04-12"), dmy("2023-07"), dmy(None)
    ('12-04-2023', '07-2023', '')
    """
    if not iso:
        return ""
    return "-".join(reversed(str(iso).split("-")))


_INDEXES: "weakref.WeakKeyDictionary" = weakref.WeakKeyDictionary()


def _index(G) -> dict:
    """Relationships by type and a memo for derived lookups, built once per graph: the
    functions below are called per municipality and would otherwise each scan every edge.
    Graphs passed here are read, never changed (the stores hand out a fresh graph per
    read); a changed node count still rebuilds.  Counting edges would cost a full scan."""
    size = G.number_of_nodes()
    hit = _INDEXES.get(G)
    if hit is not None and hit[0] == size:
        return hit[1]
    by_type = defaultdict(list)
    for s, e, data in G.edges(data=True):
        by_type[data.get("type")].append((s, e, data))
    index = {"by_type": by_type, "memo": {}}
    _INDEXES[G] = (size, index)
    return index


def _memo(G, key, compute):
    memo = _index(G)["memo"]
    if key not in memo:
        memo[key] = compute()
    return memo[key]


def edges_of(G, rtype: str):
    """(start, end, attributes) of every relationship of one type.

    >>> G, _ = example()
    >>> sorted(e for _, e, _ in edges_of(G, "ALDERMAN_OF"))
    ['municipality:bosdorp', 'municipality:cepel']
    """
    return iter(_index(G)["by_type"].get(rtype, ()))


def name_of(G, nid: str) -> str:
    """A node's display name, or its id when the graph does not hold it.

    >>> G, _ = example()
    >>> name_of(G, "person:jansen"), name_of(G, "person:nobody")
    ('Jansen', 'person:nobody')
    """
    return G.nodes[nid].get("name", nid) if nid in G else nid


def source_documents(G) -> dict[str, dict]:
    """Loaded documents other than the reference data: id -> {name, date, kind}.

    >>> G, _ = example()
    >>> sorted(source_documents(G))
    ['document:minutes-1', 'document:minutes-2']
    """
    out = {}
    for nid, data in G.nodes(data=True):
        if data.get("label") != "Document" or data.get("kind") == "reference":
            continue
        if data.get("path") or data.get("sha256") or _is_a_source(G, nid):
            out[nid] = {"id": nid, "name": data.get("name", nid), "date": data.get("date") or "",
                        "kind": data.get("kind") or ""}
    return out


def _is_a_source(G, doc_id: str) -> bool:
    return any(d.get("source") == doc_id for _, _, d in G.out_edges(doc_id, data=True)) or \
        any(a.get("source") == doc_id for _, _, a in mentioned_by(G, doc_id))


def documents_mentioning(G, nid: str, documents: dict | None = None) -> list[dict]:
    """Source documents that name a node (MENTIONS) or assert something about it,
    oldest first.

    >>> G, _ = example()
    >>> [d["date"] for d in documents_mentioning(G, "municipality:bosdorp")]
    ['2023-03-01', '2023-05-01']
    >>> documents_mentioning(G, "municipality:aarle")
    []
    """
    documents = source_documents(G) if documents is None else documents
    named_in = mentioning(G, nid)
    found = {s for s, _k, _a in named_in if s in documents}
    # MENTIONS are assertions about nid too (those held as edges come again below: no matter)
    found.update(a["source"] for _n, _k, a in named_in + mentioned_by(G, nid) if a.get("source") in documents)
    if nid in G:
        for s, e, d in list(G.in_edges(nid, data=True)) + list(G.out_edges(nid, data=True)):
            if d.get("source") in documents:
                found.add(d["source"])
    return sorted((documents[d] for d in found), key=lambda d: (d["date"], d["id"]))


def people_of(G, municipality_id: str) -> dict[str, str]:
    """Persons who speak for a municipality: person id -> how (alderman, or their title).

    >>> G, _ = example()
    >>> people_of(G, "municipality:bosdorp")
    {'person:jansen': 'wethouder'}
    """
    out = {}
    for s, e, d in edges_of(G, "ALDERMAN_OF"):
        if e == municipality_id:
            out[s] = "wethouder"
    for s, e, d in edges_of(G, "AFFILIATED_WITH"):
        if e == municipality_id and s not in out:
            out[s] = d.get("title") or G.nodes[s].get("title") or "affiliated"
    return out


def aldermen(G, municipality_id: str) -> list[str]:
    """Names of the known aldermen (wethouders) of a municipality.

    >>> G, _ = example()
    >>> aldermen(G, "municipality:cepel"), aldermen(G, "municipality:aarle")
    (['Pieters'], [])
    """
    names = {name_of(G, p) for p, how in people_of(G, municipality_id).items()
             if how == "wethouder" or G.nodes[p].get("title") == "wethouder"}
    return sorted(names)


def contacts(G, party_ids, documents: dict | None = None) -> list[dict]:
    """CONTACT moments touching any of the parties, with the date of the contact or, when
    the minutes give none, the date of the document that reports it (`date_known` False).
    `peer` marks a contact with another municipality or one of its people (Sittard-Geleen
    will talk with Stein): regional cooperation, not a contact of the Taskforce's side.

    >>> G, _ = example()
    >>> [(c["status"], c["date"], c["with"]) for c in contacts(G, {"person:jansen"})]
    [('held', '2023-04-20', 'Kennisambassadeur')]
    """
    documents = source_documents(G) if documents is None else documents
    party_ids = set(party_ids)
    peers = municipal_parties(G)
    every = _index(G)["by_type"].get("CONTACT", ())
    by_party = _memo(G, "contacts_by_party", lambda: _positions_by_end(every))
    out = []
    # the contacts touching a party, in the order of the graph's edges (as a scan of them all)
    for i in sorted({i for p in party_ids for i in by_party.get(p, ())}):
        s, e, d = every[i]
        other = e if s in party_ids else s
        date = d.get("date") or documents.get(d.get("source"), {}).get("date", "")
        out.append({"status": d.get("status") or "held", "kind": d.get("kind") or "",
                    "date": date, "date_known": bool(d.get("date")), "with": name_of(G, other),
                    "peer": other in peers,
                    "evidence": d.get("evidence", ""), "source": d.get("source", "")})
    return sorted(out, key=lambda c: (c["date"], c["with"]))


def _positions_by_end(edges) -> dict[str, list[int]]:
    """node -> positions in `edges` of the (start, end, data) with that node at either end:
    built once per graph, so that the per-municipality questions do not scan every edge."""
    out = defaultdict(list)
    for i, (s, e, _d) in enumerate(edges):
        out[s].append(i)
        if e != s:
            out[e].append(i)
    return out


def municipal_parties(G) -> frozenset:
    """Municipalities and the persons who speak for one (aldermen, officials).

    >>> G, _ = example()
    >>> sorted(municipal_parties(G))[:2]
    ['municipality:aarle', 'municipality:bosdorp']
    """
    def compute():
        parties = {n for n, d in G.nodes(data=True) if d.get("label") == "Municipality"}
        for rtype in ("ALDERMAN_OF", "AFFILIATED_WITH"):
            parties |= {s for s, e, _ in edges_of(G, rtype) if e in parties}
        return frozenset(parties)
    return _memo(G, "municipal_parties", compute)


def latest_engagement(G, municipality_id: str, documents: dict | None = None) -> dict | None:
    """The most recent ENGAGEMENT reading (level, evidence, date, source); of two readings
    on the same date the lower level wins, so a gap is not hidden.

    >>> G, _ = example()
    >>> latest_engagement(G, "municipality:bosdorp")["level"]
    'low'
    >>> latest_engagement(G, "municipality:aarle") is None
    True
    """
    documents = source_documents(G) if documents is None else documents
    readings = []
    for s, e, d in edges_of(G, "ENGAGEMENT"):
        if e == municipality_id and d.get("level") in LEVEL_RANK:
            doc = d.get("source") or s
            date = documents.get(doc, {}).get("date") or G.nodes[s].get("date") or ""
            readings.append({"level": d["level"], "evidence": d.get("evidence", ""), "date": date, "source": doc})
    if not readings:
        return None
    return max(readings, key=lambda r: (r["date"], -LEVEL_RANK[r["level"]]))


def gloss(evidence: str) -> list[str]:
    """Plain-word readings of an evidence sentence.

    >>> gloss("De gemeente Roermond (wethouder Van Reij) herkent de problematiek niet.")
    ['alderman does not recognise the problem']
    """
    return [text for pattern, text in EVIDENCE_GLOSSES if pattern.search(evidence or "")]


# -- meetings and attendance -----------------------------------------------------------
def body_of(G, nid: str) -> str | None:
    """The body id a node stands for: its own id, or the key body whose name or alias it
    carries (a graph read from older extractions may spell the id differently).

    >>> G, _ = example()
    >>> body_of(G, "body:taskforce-internationale-werknemers")
    'body:taskforce-internationale-werknemers'
    """
    if nid in KEY_BODIES:
        return nid
    return _memo(G, ("body", nid), lambda: _body_of(G, nid))


def _body_of(G, nid: str) -> str | None:
    data = G.nodes[nid] if nid in G else {}
    names = [data.get("name", "")] + list(data.get("aliases") or [])
    for body, short in KEY_BODIES.items():
        if any(slug(n) in (slug(short), body.split(":", 1)[1]) for n in names if n):
            return body
    return nid if data.get("label") == "Body" else None


def meetings_of(G, body_id: str) -> list[dict]:
    """Meetings of a body, oldest first: id, name, date, and whether an attendance list
    was recorded (anyone ATTENDED or ABSENT_FROM it).

    >>> G, _ = example()
    >>> [(m["date"], m["recorded"]) for m in meetings_of(G, TASKFORCE)]
    [('2023-03-01', True), ('2023-05-01', True), ('2023-06-01', False)]
    """
    return [dict(m) for m in _memo(G, ("meetings", body_id), lambda: _meetings_of(G, body_id))]


def _meetings_of(G, body_id: str) -> list[dict]:
    ids = {s for s, e, _ in edges_of(G, "MEETING_OF") if body_of(G, e) == body_id}
    if body_id == TASKFORCE:  # a meeting named after the Taskforce is one, organiser or not
        ids |= {n for n, d in G.nodes(data=True)
                if d.get("label") == "Meeting" and slug(d.get("name", "")).startswith("taskforce")}
    recorded = {e for t in ("ATTENDED", "ABSENT_FROM") for _, e, _ in edges_of(G, t)}
    out = [{"id": m, "name": name_of(G, m), "date": G.nodes[m].get("date") or "", "recorded": m in recorded}
           for m in ids]
    return sorted(out, key=lambda m: (m["date"], m["id"]))


def region_parties(G, region_id: str, reference) -> set[str]:
    """Everyone who speaks for a region: the region, its sub-regions, its municipalities,
    and persons who represent any of these or work for one of its municipalities.

    >>> G, reference = example()
    >>> sorted(region_parties(G, "region:zuid", reference))
    ['municipality:cepel', 'person:pieters', 'person:vertegenwoordiger-zuid', 'region:zuid']
    """
    regions = {region_id}
    regions |= {s for s, e, _ in edges_of(G, "IN_REGION") if e == region_id and G.nodes[s].get("label") == "Region"}
    munis = {m["id"] for m in normalise_reference(reference) if region_id in (m["region_id"], m["subregion_id"])}
    munis |= {s for s, e, _ in edges_of(G, "IN_REGION") if e in regions and G.nodes[s].get("label") == "Municipality"}
    parties = regions | munis
    for s, e, _ in edges_of(G, "REPRESENTS"):
        if e in regions or e in munis:
            parties.add(s)
    for rtype in ("ALDERMAN_OF", "AFFILIATED_WITH"):
        for s, e, _ in edges_of(G, rtype):
            if e in munis:
                parties.add(s)
    return parties


def attendance(G, parties, meeting: dict) -> str:
    """Was any of the parties at the meeting?  'present', 'absent' (listed absent or sent
    regrets), 'not listed' (an attendance list exists without them) or 'no record'.

    >>> G, reference = example()
    >>> zuid = region_parties(G, "region:zuid", reference)
    >>> [attendance(G, zuid, m) for m in meetings_of(G, TASKFORCE)]
    ['absent', 'present', 'no record']
    """
    present = absent = False
    for party, types in _at_meeting(G, meeting["id"]).items():
        if party in parties:
            present |= "ATTENDED" in types
            absent |= "ABSENT_FROM" in types
    if present:
        return "present"
    if absent:
        return "absent"
    return "not listed" if meeting["recorded"] else "no record"


def _at_meeting(G, meeting_id: str) -> dict[str, set]:
    """party -> {ATTENDED, ABSENT_FROM} for one meeting."""
    def compute():
        out = defaultdict(set)
        for s, _, d in G.in_edges(meeting_id, data=True):
            if d.get("type") in ("ATTENDED", "ABSENT_FROM"):
                out[s].add(d["type"])
        return dict(out)
    return _memo(G, ("at_meeting", meeting_id), compute)


def _attendance_by_party(G, body_id: str) -> dict[str, set]:
    """party -> {ATTENDED, ABSENT_FROM} over all meetings of a body (once per graph)."""
    out = defaultdict(set)
    for m in meetings_of(G, body_id):
        for s, types in _at_meeting(G, m["id"]).items():
            out[s] |= types
    return dict(out)


def representation(G, parties, body_id: str) -> dict:
    """How the parties are represented in a body: status 'member', 'attends' (present at
    one of its meetings), 'candidate', 'listed absent' or 'none', and through whom.

    >>> G, reference = example()
    >>> representation(G, region_parties(G, "region:zuid", reference), STUURGROEP)
    {'status': 'candidate', 'through': ['Pieters']}
    """
    rank = {"member": 4, "attends": 3, "candidate": 2, "listed absent": 1, "none": 0}
    found = defaultdict(set)
    for s, e, d in edges_of(G, "MEMBER_OF"):
        if s in parties and body_of(G, e) == body_id:
            found["candidate" if d.get("status") == "candidate" else "member"].add(name_of(G, s))
    attended = _memo(G, ("attended_body", body_id), lambda: _attendance_by_party(G, body_id))
    for s in set(parties) & attended.keys():
        for t in attended[s]:
            found["attends" if t == "ATTENDED" else "listed absent"].add(name_of(G, s))
    status = max(found, key=rank.get, default="none")
    return {"status": status, "through": sorted(found.get(status, ()))}


# -- policy and agenda signals, open action items --------------------------------------
def _norm_text(text: str) -> str:
    return re.sub(r"-\s+", "-", " ".join(str(text).split()))


def names_pattern(names) -> re.Pattern:
    """One case-sensitive whole-word pattern for a set of names (place names are proper
    nouns: 'Beek' the municipality, not 'beek' a brook).

    >>> bool(names_pattern(["Zuid-Limburg"]).search("In Zuid- Limburg is het geagendeerd"))
    False
    >>> bool(names_pattern(["Zuid-Limburg"]).search(_norm_text("In Zuid- Limburg is het geagendeerd")))
    True
    """
    alts = sorted({_norm_text(n) for n in names if n}, key=len, reverse=True)
    return re.compile(r"(?<![\w-])(?:" + "|".join(map(re.escape, alts)) + r")(?![\w-])")


# -- reference data --------------------------------------------------------------------
def _ref_id(label: str, value: str | None) -> str | None:
    if not value:
        return None
    return value if ":" in value else node_id(label, value)


def normalise_reference(reference) -> list[dict]:
    """The reference municipalities with ids for themselves and their (sub)region,
    whether the list gives names or ids.

    >>> normalise_reference([{"name": "Beek", "region": "Zuid-Limburg", "subregion": "Westelijke Mijnstreek"}])[0]["subregion_id"]
    'region:westelijke-mijnstreek'
    """
    out = []
    for m in reference:
        m = dict(m)
        m["id"] = m.get("id") or node_id("Municipality", m["name"])
        m["region_id"] = _ref_id("Region", m.get("region"))
        m["subregion_id"] = _ref_id("Region", m.get("subregion"))
        m["aliases"] = list(m.get("aliases") or [])
        out.append(m)
    return out


def region_names(G, reference) -> dict[str, str]:
    """Main region id -> display name, in reference order.

    >>> G, reference = example()
    >>> region_names(G, normalise_reference(reference))
    {'region:noord': 'Noord', 'region:zuid': 'Zuid'}
    """
    out = {}
    for m in reference:
        rid = m["region_id"]
        if rid and rid not in out:
            out[rid] = name_of(G, rid) if rid in G else (m["region"] if ":" not in m["region"] else rid.split(":")[1])
    return out


def node_names(G, nid: str, fallback=()) -> list[str]:
    """Every spelling of a node: the given ones, its name and its aliases in the graph.

    >>> G, _ = example()
    >>> node_names(G, "region:zuid", ["Zuid"]), node_names(G, "region:elders", ["Elders"])
    (['Zuid'], ['Elders'])
    """
    names = list(fallback)
    if nid in G:
        names += [G.nodes[nid].get("name", "")] + list(G.nodes[nid].get("aliases") or [])
    return [n for n in dict.fromkeys(names) if n]


# -- an example to read the functions by -----------------------------------------------
def example():
    """A small graph and reference list: region Noord (Aarle, never named; Bosdorp, whose
    alderman does not recognise the problem) and Zuid (Cepel, a candidate for the
    Stuurgroep), absent from the first Taskforce meeting and present at the second.

    >>> G, reference = example()
    >>> len(reference), G.nodes["municipality:cepel"]["label"]
    (3, 'Municipality')
    """
    from graph.model import DocumentGraph

    g = DocumentGraph()
    reference = [{"name": "Aarle", "region": "Noord", "lat": 51.5, "lon": 6.0},
                 {"name": "Bosdorp", "region": "Noord", "lat": 51.4, "lon": 6.1},
                 {"name": "Cepel", "region": "Zuid", "lat": 50.9, "lon": 5.9}]
    noord, zuid = g.add_node("Region", "Noord", level="region"), g.add_node("Region", "Zuid", level="region")
    aarle = g.add_node("Municipality", "Aarle")
    bosdorp, cepel = g.add_node("Municipality", "Bosdorp"), g.add_node("Municipality", "Cepel")
    ref = g.add_node("Document", "reference", id="document:reference", kind="reference", path="ref")
    for m, r in ((aarle, noord), (bosdorp, noord), (cepel, zuid)):
        g.add_rel("IN_REGION", m, r, source=ref.id)
    tf = g.add_node("Body", "Taskforce Internationale Werknemers")
    sg = g.add_node("Body", "Stuurgroep Internationale Werknemers")
    d1 = g.add_node("Document", "minutes 1", id="document:minutes-1", date="2023-03-01", kind="minutes", path="1")
    d2 = g.add_node("Document", "minutes 2", id="document:minutes-2", date="2023-05-01", kind="minutes", path="2")
    m1 = g.add_node("Meeting", "Taskforce Internationale Werknemers 2023-03-01", date="2023-03-01")
    m2 = g.add_node("Meeting", "Taskforce Internationale Werknemers 2023-05-01", date="2023-05-01")
    m3 = g.add_node("Meeting", "Taskforce Internationale Werknemers 2023-06-01", date="2023-06-01")
    for m, d in ((m1, d1), (m2, d2), (m3, d2)):
        g.add_rel("MEETING_OF", m, tf, source=d.id)
    g.add_rel("ATTENDED", noord, m1, source=d1.id)
    g.add_rel("ABSENT_FROM", zuid, m1, source=d1.id, evidence="Afwezig (Zuid)")
    g.add_rel("ATTENDED", noord, m2, source=d2.id)
    rep = g.add_node("Person", "vertegenwoordiger Zuid", redacted=True)
    g.add_rel("REPRESENTS", rep, zuid, source=d2.id)
    g.add_rel("ATTENDED", rep, m2, source=d2.id)
    jansen, pieters = g.add_node("Person", "Jansen", title="wethouder"), g.add_node("Person", "Pieters", title="wethouder")
    ka = g.add_node("Person", "Kennisambassadeur", redacted=True)
    g.add_rel("ALDERMAN_OF", jansen, bosdorp, source=d1.id)
    g.add_rel("ALDERMAN_OF", pieters, cepel, source=d2.id)
    g.add_rel("CONTACT", ka, jansen, kind="conversation", status="held", date="2023-04-20", source=d2.id)
    g.add_rel("ENGAGEMENT", d1, bosdorp, level="medium", source=d1.id, evidence="Bosdorp denkt mee.")
    g.add_rel("ENGAGEMENT", d2, bosdorp, level="low", source=d2.id,
              evidence="De gemeente Bosdorp herkent de problematiek niet.")
    g.add_rel("ENGAGEMENT", d2, cepel, level="high", source=d2.id,
              evidence="De gemeente Cepel heeft een beleidsplan vastgesteld.")
    g.add_rel("MEMBER_OF", pieters, sg, status="candidate", source=d2.id)
    item = g.add_node("ActionItem", "minutes-2-1", id="actionitem:minutes-2-1",
                      text="Beleid Cepel delen met de Taskforce", status="open", owner_redacted=True)
    g.add_rel("RAISED_IN", item, m2, source=d2.id)
    for d, nodes in ((d1, [bosdorp, noord, zuid, tf, jansen]), (d2, [bosdorp, cepel, noord, zuid, tf, sg, jansen, pieters])):
        for n in nodes:
            g.add_rel("MENTIONS", d, n, source=d.id)
    return g.to_networkx(), reference
