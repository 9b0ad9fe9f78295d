"""Fixtures for the gaps tests, built with DocumentGraph.

- `build()`: two regions of invented municipalities, four Taskforce meetings over 2024 in
  four sets of minutes; region Oost's attendance changes (present, listed absent, missing
  from the list, present again through an alderman), West sends regrets at the last one.
- `minutes()`: one set of minutes with real Limburg names, for what reads the real
  reference list (the app page, the command).
- `write_by_document(store, graph)`: each source document's assertions in its own write,
  as ingest does.
"""
from graph.model import DocumentGraph

REFERENCE = [
    {"id": "municipality:appelscha", "name": "Appelscha", "region": "Oost", "subregion": "Heidekant", "lat": 51.5, "lon": 6.0, "aliases": ["gemeente Appelscha"]},
    {"id": "municipality:brakel", "name": "Brakel", "region": "Oost", "subregion": None, "lat": 51.4, "lon": 6.1, "aliases": []},
    {"id": "municipality:dintel", "name": "Dintel", "region": "Oost", "subregion": "Heidekant", "lat": 51.3, "lon": 6.05, "aliases": ["Dintel a/d Beek"]},
    {"id": "municipality:eemdorp", "name": "Eemdorp", "region": "West", "subregion": None, "lat": 51.0, "lon": 5.8, "aliases": []},
    {"id": "municipality:fijnaart", "name": "Fijnaart", "region": "West", "subregion": None, "lat": 50.9, "lon": 5.85, "aliases": []},
]
DATES = ["2024-01-17", "2024-03-20", "2024-06-12", "2024-09-18"]


def build():
    g = DocumentGraph()
    oost, west = g.add_node("Region", "Oost", level="region"), g.add_node("Region", "West", level="region")
    heide = g.add_node("Region", "Heidekant", level="subregion")
    ref = g.add_node("Document", "ref", id="document:reference-test", kind="reference", path="ref.jsonl")
    g.add_rel("IN_REGION", heide, oost, source=ref.id)
    m = {r["name"]: g.add_node("Municipality", r["name"], aliases=r["aliases"]) for r in REFERENCE}
    for r in REFERENCE:
        g.add_rel("IN_REGION", m[r["name"]], oost if r["region"] == "Oost" else west, source=ref.id)
    tf = g.add_node("Body", "Taskforce Internationale Werknemers", aliases=["Taskforce"])
    sg = g.add_node("Body", "Stuurgroep Internationale Werknemers", aliases=["Stuurgroep"])
    bo = g.add_node("Body", "BO Wonen", aliases=["BO's Wonen"])
    docs, meetings = [], []
    for i, date in enumerate(DATES, 1):
        d = g.add_node("Document", f"Verslag Taskforce {date}", id=f"document:verslag-{date}", date=date,
                       kind="minutes", path=f"verslag-{date}.txt", sha256=str(i) * 8)
        mt = g.add_node("Meeting", f"Taskforce Internationale Werknemers {date}", date=date)
        g.add_rel("MEETING_OF", mt, tf, source=d.id)
        g.add_rel("MENTIONS", d, tf, source=d.id)
        docs.append(d)
        meetings.append(mt)
    d1, d2, d3, d4 = docs
    m1, m2, m3, m4 = meetings

    # West is present through its (redacted) representative until it sends regrets in September.
    vw = g.add_node("Person", "vertegenwoordiger West", redacted=True)
    g.add_rel("REPRESENTS", vw, west, source=d1.id)
    for d, mt in ((d1, m1), (d2, m2), (d3, m3)):
        g.add_rel("ATTENDED", vw, mt, source=d.id)
    g.add_rel("ABSENT_FROM", vw, m4, source=d4.id, evidence="Afwezig: vertegenwoordiger West")

    # Oost: present in January, listed absent in March, missing from the June list,
    # present again in September through Brakel's alderman.
    g.add_rel("ATTENDED", oost, m1, source=d1.id)
    g.add_rel("ABSENT_FROM", oost, m2, source=d2.id, evidence="Afwezig (Oost)")
    smit = g.add_node("Person", "Smit", title="wethouder")
    g.add_rel("ALDERMAN_OF", smit, m["Brakel"], source=d4.id, evidence="wethouder Smit (gemeente Brakel)")
    g.add_rel("ATTENDED", smit, m4, source=d4.id)

    # Appelscha: medium in January, high in June; a beleidsplan; alderman Jong is a
    # Stuurgroep candidate in March and a member in June.
    jong = g.add_node("Person", "De Jong", title="wethouder")
    g.add_rel("ALDERMAN_OF", jong, m["Appelscha"], source=d1.id)
    g.add_rel("ENGAGEMENT", d1, m["Appelscha"], level="medium", source=d1.id,
              evidence="Appelscha oriënteert zich.")
    g.add_rel("ENGAGEMENT", d3, m["Appelscha"], level="high", source=d3.id,
              evidence="De gemeenteraad van Appelscha stelt in juli het beleidsplan huisvesting vast.")
    g.add_rel("MEMBER_OF", jong, sg, status="candidate", source=d2.id)
    g.add_rel("MEMBER_OF", jong, sg, status="member", source=d3.id)
    ka = g.add_node("Person", "Kennisambassadeur", redacted=True)
    g.add_rel("CONTACT", ka, jong, kind="appointment", status="held", date="2024-02-05", source=d2.id)
    g.add_rel("CONTACT", ka, jong, kind="appointment", status="planned", date="2024-10-01", source=d4.id)

    # Dintel: high in January, low in September (the latest reading wins); an undated
    # conversation held; an open action item by its alias, a done one by name.
    g.add_rel("ENGAGEMENT", d1, m["Dintel"], level="high", source=d1.id, evidence="Dintel is zeer actief.")
    g.add_rel("ENGAGEMENT", d4, m["Dintel"], level="low", source=d4.id,
              evidence="De gemeente Dintel (wethouder Kok) herkent de problematiek niet.")
    kok = g.add_node("Person", "Kok", title="wethouder")
    g.add_rel("ALDERMAN_OF", kok, m["Dintel"], source=d4.id)
    km = g.add_node("Person", "Kennismakelaar", redacted=True)
    g.add_rel("CONTACT", km, kok, kind="conversation", status="held", source=d4.id)
    open_item = g.add_node("ActionItem", "verslag-2024-09-18-1", id="actionitem:verslag-2024-09-18-1",
                           text="Kennisambassadeur plant gesprek met Dintel a/d Beek", status="open")
    done_item = g.add_node("ActionItem", "verslag-2024-03-20-1", id="actionitem:verslag-2024-03-20-1",
                           text="Cijfers Dintel opvragen", status="done")
    g.add_rel("RAISED_IN", open_item, m4, source=d4.id)
    g.add_rel("RAISED_IN", done_item, m2, source=d2.id)
    g.add_rel("ASSIGNED_TO", open_item, ka, source=d4.id)

    # Eemdorp: the topic on the BO Wonen agenda, an open action item assigned to it.
    # West as a whole: a sentence that names only the region.
    g.add_rel("MENTIONS", d2, m["Eemdorp"], source=d2.id,
              evidence="In Eemdorp is het onderwerp geagendeerd voor het eerstvolgende BO's Wonen.")
    g.add_rel("MENTIONS", d2, west, source=d2.id,
              evidence="In West staat het standaard op de agenda.")
    g.add_rel("ENGAGEMENT", d3, west, level="medium", source=d3.id, evidence="West pakt het op.")
    g.add_rel("ENGAGEMENT", d4, west, level="low", source=d4.id,
              evidence="In West wordt geen ambtelijke capaciteit ingezet.")
    g.add_rel("MENTIONS", d2, bo, source=d2.id, evidence="BO's Wonen")
    # Brakel and Eemdorp talk among themselves: cooperation, not a contact of ours.
    g.add_rel("CONTACT", m["Brakel"], m["Eemdorp"], kind="conversation", status="held", source=d3.id)
    item = g.add_node("ActionItem", "verslag-2024-06-12-2", id="actionitem:verslag-2024-06-12-2",
                      text="Woningbehoefte in kaart brengen", status="open")
    g.add_rel("ASSIGNED_TO", item, m["Eemdorp"], source=d3.id)
    g.add_rel("RAISED_IN", item, m3, source=d3.id)

    for d, nodes in ((d1, [jong, m["Appelscha"], m["Dintel"], oost, west]),
                     (d2, [jong, sg, oost]), (d3, [jong, m["Appelscha"], sg]),
                     (d4, [smit, kok, m["Brakel"], m["Dintel"], oost, west])):
        for n in nodes:
            g.add_rel("MENTIONS", d, n, source=d.id)
    return g


DOC = "document:verslag-taskforce-test"
EVIDENCE = "De gemeente Roermond (wethouder Van Reij) herkent de problematiek niet."


def minutes() -> DocumentGraph:
    g = DocumentGraph()
    d = g.add_node("Document", "Verslag Taskforce test", id=DOC, date="2023-04-12", kind="minutes",
                   path="verslag-taskforce-test.txt", sha256="ab" * 32)
    meeting = g.add_node("Meeting", "Taskforce Internationale Werknemers 2023-04-12", date="2023-04-12")
    tf = g.add_node("Body", "Taskforce Internationale Werknemers")
    g.add_rel("MEETING_OF", meeting, tf, source=DOC)
    for region in ("Noord-Limburg", "Midden-Limburg"):
        g.add_rel("ATTENDED", g.add_node("Region", region, level="region"), meeting, source=DOC)
    zuid = g.add_node("Region", "Zuid-Limburg", level="region")
    g.add_rel("ABSENT_FROM", zuid, meeting, source=DOC, evidence="Afwezig (Zuid-Limburg)")
    weert, roermond = g.add_node("Municipality", "Weert"), g.add_node("Municipality", "Roermond")
    venlo = g.add_node("Municipality", "Venlo")
    g.add_rel("ENGAGEMENT", d, weert, level="high", source=DOC,
              evidence="De gemeente Weert is zeer actief ten aanzien van de huisvesting internationale werknemers.")
    g.add_rel("ENGAGEMENT", d, roermond, level="low", source=DOC, evidence=EVIDENCE)
    reij = g.add_node("Person", "Van Reij", title="wethouder")
    g.add_rel("ALDERMAN_OF", reij, roermond, source=DOC, evidence=EVIDENCE)
    for n in (meeting, tf, zuid, weert, roermond, venlo, reij):
        g.add_rel("MENTIONS", d, n, source=DOC)
    return g


def write_by_document(store, graph: DocumentGraph) -> None:
    """Write each source document (and the reference document) with its own assertions."""
    for doc in graph.documents():
        part = DocumentGraph()
        part.add_node(doc.label, doc.name, id=doc.id, **doc.props)
        for rel in graph.rels.values():
            if rel.source == doc.id:
                for nid in (rel.start, rel.end):
                    n = graph.nodes[nid]
                    part.add_node(n.label, n.name, id=n.id, aliases=n.aliases, **n.props)
                part.add_rel(rel.type, rel.start, rel.end, **rel.props)
        store.write_document(part, doc.id)
