"""A fixture of our own for the contact-round tests: three Taskforce meetings over three
months of 2024, other municipalities and names than the seed, built with DocumentGraph
the way the loaders build it (one source Document per minutes, provenance on every
relationship)."""
from graph.model import DocumentGraph

REF = "document:reference-limburg"
MEETING_DATES = ["2024-01-10", "2024-02-14", "2024-03-13"]


def minutes(g: DocumentGraph, date: str):
    doc = g.add_node("Document", f"taskforce-{date}", date=date, kind="minutes", path=f"/x/taskforce-{date}.txt")
    meeting = g.add_node("Meeting", f"Taskforce Internationale Werknemers {date}", date=date)
    g.add_rel("MEETING_OF", meeting, "body:taskforce-internationale-werknemers", source=doc.id,
              evidence=f"Verslag Taskforce Internationale Werknemers {date}")
    return doc, meeting


def build() -> DocumentGraph:
    g = DocumentGraph()
    ref = g.add_node("Document", "reference-limburg", kind="reference")
    for name, level in [("Noord-Limburg", "region"), ("Midden-Limburg", "region"), ("Zuid-Limburg", "region"),
                        ("Parkstad", "subregion"), ("Maastricht-Heuvelland", "subregion")]:
        g.add_node("Region", name, level=level)
    for sub in ("region:parkstad", "region:maastricht-heuvelland"):
        g.add_rel("IN_REGION", sub, "region:zuid-limburg", source=ref.id, evidence="reference")
    for name, region in [("Venlo", "noord-limburg"), ("Echt-Susteren", "midden-limburg"),
                         ("Nederweert", "midden-limburg"), ("Kerkrade", "parkstad"), ("Landgraaf", "parkstad"),
                         ("Meerssen", "maastricht-heuvelland")]:
        m = g.add_node("Municipality", name, province="Limburg")
        g.add_rel("IN_REGION", m, f"region:{region}", source=ref.id, evidence="reference")
    g.add_node("Body", "Taskforce Internationale Werknemers", aliases=["Taskforce"])
    g.add_node("Body", "Stuurgroep Internationale Werknemers", aliases=["Stuurgroep"])
    amb = g.add_node("Person", "Kennisambassadeur", redacted=True)
    people = {n: g.add_node("Person", n, title="wethouder") for n in ["Hermans", "Smeets", "Janssen", "Pluijmen"]}
    offices = {"Hermans": "venlo", "Smeets": "echt-susteren", "Janssen": "kerkrade", "Pluijmen": "landgraaf"}

    # January: everyone there; Echt-Susteren medium; an action item on Nederweert.
    d1, m1 = minutes(g, MEETING_DATES[0])
    for p, muni in offices.items():
        g.add_rel("ALDERMAN_OF", people[p], f"municipality:{muni}", source=d1.id,
                  evidence=f"wethouder {p} (gemeente {muni.title()})")
    for r in ["noord-limburg", "midden-limburg", "zuid-limburg"]:
        g.add_rel("ATTENDED", f"region:{r}", m1, source=d1.id, evidence=f"Aanwezig ({r})")
    g.add_rel("ENGAGEMENT", d1, "municipality:echt-susteren", level="medium", source=d1.id,
              evidence="Echt-Susteren volgt de ontwikkelingen.")
    g.add_rel("ENGAGEMENT", d1, "municipality:venlo", level="high", source=d1.id,
              evidence="Venlo trekt de samenwerking in Noord-Limburg.")
    a1 = g.add_node("ActionItem", "taskforce-2024-01-10-1", id="actionitem:taskforce-2024-01-10-1",
                    text="Kennisambassadeur legt contact met gemeente Nederweert", status="open")
    g.add_rel("ASSIGNED_TO", a1, amb, source=d1.id, evidence="Actiepunt: Kennisambassadeur legt contact met gemeente Nederweert")
    g.add_rel("RAISED_IN", a1, m1, source=d1.id, evidence="Actiepunt: Kennisambassadeur legt contact met gemeente Nederweert")
    g.add_rel("CONTACT", amb, people["Hermans"], kind="conversation", status="held", date="2024-01-20",
              source=d1.id, evidence="Kennisambassadeur sprak op 20 januari met wethouder Hermans.")
    g.add_rel("CONTACT", amb, people["Janssen"], kind="conversation", status="held", date="2023-11-02",
              source=d1.id, evidence="In november sprak de Kennisambassadeur wethouder Janssen.")

    # February: Zuid-Limburg absent; Janssen and Pluijmen work together.
    d2, m2 = minutes(g, MEETING_DATES[1])
    for r in ["noord-limburg", "midden-limburg"]:
        g.add_rel("ATTENDED", f"region:{r}", m2, source=d2.id, evidence=f"Aanwezig ({r})")
    g.add_rel("ABSENT_FROM", "region:zuid-limburg", m2, source=d2.id, evidence="Afwezig (Zuid-Limburg)")
    a2 = g.add_node("ActionItem", "taskforce-2024-02-14-1", id="actionitem:taskforce-2024-02-14-1",
                    text="Kennisambassadeur legt contact met gemeente Nederweert", status="open")
    g.add_rel("ASSIGNED_TO", a2, amb, source=d2.id, evidence="Actiepunt: Kennisambassadeur legt contact met gemeente Nederweert")
    g.add_rel("RAISED_IN", a2, m2, source=d2.id, evidence="Actiepunt: Kennisambassadeur legt contact met gemeente Nederweert")
    g.add_rel("COLLABORATES_WITH", people["Janssen"], people["Pluijmen"], source=d2.id,
              evidence="Wethouder Janssen en wethouder Pluijmen trekken samen op in Parkstad.")
    g.add_rel("CONTACT", people["Janssen"], people["Pluijmen"], kind="conversation", status="held",
              date="2024-02-01", source=d2.id, evidence="Janssen sprak op 1 februari met Pluijmen over huisvesting.")

    # March: Zuid-Limburg absent again; Echt-Susteren drops to low; Pluijmen candidate for the
    # Stuurgroep; an appointment with Janssen and a request Janssen -> Pluijmen.
    d3, m3 = minutes(g, MEETING_DATES[2])
    for r in ["noord-limburg", "midden-limburg"]:
        g.add_rel("ATTENDED", f"region:{r}", m3, source=d3.id, evidence=f"Aanwezig ({r})")
    g.add_rel("ABSENT_FROM", "region:zuid-limburg", m3, source=d3.id, evidence="Afwezig (Zuid-Limburg)")
    g.add_rel("ENGAGEMENT", d3, "municipality:echt-susteren", level="low", source=d3.id,
              evidence="De gemeente Echt-Susteren ziet geen urgentie.")
    g.add_rel("MEMBER_OF", people["Pluijmen"], "body:stuurgroep-internationale-werknemers", status="candidate",
              source=d3.id, evidence="Wethouder Janssen vraagt wethouder Pluijmen zitting te nemen in de Stuurgroep.")
    g.add_rel("CONTACT", amb, people["Janssen"], kind="appointment", status="planned", date="2024-03-20",
              source=d3.id, evidence="Kennisambassadeur heeft op 20 maart 2024 afspraak met wethouder Janssen.")
    g.add_rel("CONTACT", people["Janssen"], people["Pluijmen"], kind="request", status="planned", source=d3.id,
              evidence="Wethouder Janssen zal wethouder Pluijmen vragen zitting te nemen in de Stuurgroep.")
    a3 = g.add_node("ActionItem", "taskforce-2024-03-13-1", id="actionitem:taskforce-2024-03-13-1",
                    text="Kennisambassadeur legt contact met gemeente Nederweert", status="open")
    g.add_rel("ASSIGNED_TO", a3, amb, source=d3.id, evidence="Actiepunt: Kennisambassadeur legt contact met gemeente Nederweert")
    g.add_rel("RAISED_IN", a3, m3, source=d3.id, evidence="Actiepunt: Kennisambassadeur legt contact met gemeente Nederweert")
    for d in (d1, d2, d3):
        g.add_rel("MENTIONS", d, "municipality:echt-susteren", source=d.id,
                  evidence=f"Echt-Susteren besproken in de Taskforce van {d.props['date']}.")
    return g


TODAY = "2024-03-14"  # the day after the March minutes


def per_document(g: DocumentGraph) -> dict[str, DocumentGraph]:
    """Split a fixture into one graph per source document, as the loaders hand them over."""
    out = {}
    for doc in [n for n in g.nodes.values() if n.label == "Document"]:
        rels = [r for r in g.rels.values() if r.source == doc.id]
        sub = DocumentGraph()
        for nid in sorted({doc.id} | {r.start for r in rels} | {r.end for r in rels}):
            n = g.nodes[nid]
            sub.add_node(n.label, n.name, id=n.id, aliases=n.aliases, **n.props)
        for r in rels:
            sub.add_rel(r.type, r.start, r.end, **r.props)
        out[doc.id] = sub
    return out


def load_into(store, g: DocumentGraph | None = None) -> None:
    """Write the fixture's minutes into a real store the way ingest does: the real
    reference data first, then one transaction per document."""
    from loaders.ingest import ensure_reference, ingest_graph

    ensure_reference(store)
    for doc_id, sub in per_document(g or build()).items():
        if doc_id != REF:
            ingest_graph(store, sub, doc_id)
