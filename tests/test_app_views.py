"""graph.views: what the explorer's pages show, as plain functions over a networkx graph in
the stores' shape (built here with DocumentGraph.to_networkx, the same shape)."""
from __future__ import annotations

import pytest

from graph import views
from graph.model import DocumentGraph

DOC = "document:verslag-2023-04-12"
LOG = "document:contacts"


@pytest.fixture(scope="module")
def g():
    dg = DocumentGraph()
    d = dg.add_node("Document", "Verslag 2023-04-12", id=DOC, date="2023-04-12", kind="minutes", path="x.txt")
    log = dg.add_node("Document", "contacts", id=LOG, kind="contact log", path="contacts.csv")
    noord = dg.add_node("Region", "Noord-Limburg", level="region")
    zuid = dg.add_node("Region", "Zuid-Limburg", level="region")
    wm = dg.add_node("Region", "Westelijke Mijnstreek", level="subregion")
    venlo = dg.add_node("Municipality", "Venlo")
    beek = dg.add_node("Municipality", "Beek")
    sittard = dg.add_node("Municipality", "Sittard-Geleen")
    for m, r in ((venlo, noord), (beek, wm), (sittard, wm)):
        dg.add_rel("IN_REGION", m, r, source="document:reference-limburg")
    dg.add_rel("IN_REGION", wm, zuid, source="document:reference-limburg")
    diederen = dg.add_node("Person", "Diederen", title="wethouder", aliases=["wethouder Diederen"])
    geilen = dg.add_node("Person", "Geilen", title="wethouder")
    ka = dg.add_node("Person", "Kennisambassadeur", redacted=True)
    tf = dg.add_node("Body", "Taskforce Internationale Werknemers")
    lltb = dg.add_node("Organisation", "LLTB", acronym="LLTB")
    m1 = dg.add_node("Meeting", "Taskforce 2023-03-15", date="2023-03-15")
    m2 = dg.add_node("Meeting", "Taskforce 2023-04-12", date="2023-04-12", location="Gouvernement Maastricht")
    for m in (m1, m2):
        dg.add_rel("MEETING_OF", m, tf, source=DOC, evidence="Verslag Taskforce")
    dg.add_rel("ATTENDED", lltb, m2, source=DOC, evidence="Aanwezig (LLTB)")
    dg.add_rel("ABSENT_FROM", zuid, m2, source=DOC, evidence="Afwezig (Zuid-Limburg)")
    dg.add_rel("ALDERMAN_OF", diederen, beek, source=DOC, evidence="wethouder Diederen (gemeente Beek)")
    dg.add_rel("ALDERMAN_OF", geilen, sittard, source=DOC, evidence="wethouder Geilen (Sittard-Geleen)")
    dg.add_rel("CONTACT", ka, diederen, source=LOG, kind="appointment", status="held", date="2023-04-24",
               evidence="Kennisambassadeur heeft op 24 april 2023 afspraak met wethouder Diederen")
    dg.add_rel("CONTACT", diederen, geilen, source=LOG, kind="request", status="planned", date="2023-05",
               evidence="Wethouder Diederen zal wethouder Geilen vragen")
    a1 = dg.add_node("ActionItem", "Actiepunt 1", id="actionitem:verslag-1", text="Kennisambassadeur neemt deelname "
                     "Stuurgroep op met wethouder Diederen", status="open")
    a2 = dg.add_node("ActionItem", "Actiepunt 2", id="actionitem:verslag-2", text="verzoek ( )", status="done",
                     owner_redacted=True)
    for a in (a1, a2):
        dg.add_rel("RAISED_IN", a, m2, source=DOC, evidence=a.props["text"])
    dg.add_rel("ASSIGNED_TO", a1, ka, source=DOC, evidence=a1.props["text"])
    for n in (venlo, beek, diederen, tf, lltb, m2):
        dg.add_rel("MENTIONS", d, n, source=DOC)
    assert log
    return dg.to_networkx()


def test_latest_meeting_with_body_attendance_and_action_items(g):
    m = views.latest_meeting(g)
    assert m["props"]["date"] == "2023-04-12" and m["body"] == ["Taskforce Internationale Werknemers"]
    assert m["attended"] == ["LLTB"] and m["absent"] == ["Zuid-Limburg"]
    assert [a["status"] for a in m["action_items"]] == ["open", "done"]
    assert m["action_items"][0]["owners"] == ["Kennisambassadeur"] and m["action_items"][1]["owner_redacted"]
    assert m["announced"] == []


def test_latest_meeting_is_the_minuted_one_not_an_announced_congress(g):
    h = g.copy()
    h.add_node("meeting:congres", label="Meeting", name="Jaarcongres", date="2023-05-24")
    h.add_edge("organisation:lltb", "meeting:congres", key="c", type="ATTENDED", source=DOC, evidence="LLTB gaat")
    m = views.latest_meeting(h)
    assert m["id"] == "meeting:taskforce-2023-04-12"
    assert m["announced"] == [{"id": "meeting:congres", "name": "Jaarcongres", "date": "2023-05-24"}]


def test_document_rows_count_assertions_and_find_the_body(g):
    rows = views.document_rows(g, [{"id": DOC, "name": "Verslag 2023-04-12", "date": "2023-04-12",
                                    "kind": "minutes", "sha256": "ab"}])
    assert rows[0]["body"] == "Taskforce Internationale Werknemers"
    assert rows[0]["relationships"] == sum(1 for *_, d in g.edges(data=True) if d["source"] == DOC)


def test_last_ingest_skips_unchanged_entries():
    log = [{"action": "unchanged", "document_id": "a"}, {"action": "write", "document_id": "b"}]
    assert views.last_ingest(log)["document_id"] == "b"
    assert views.last_ingest(log[:1])["document_id"] == "a"
    assert views.last_ingest([]) is None


@pytest.mark.parametrize("labels, expected_absent", [
    (["Municipality", "Region"], "person:diederen"),
    (["Person"], "municipality:beek"),
])
def test_filter_by_label(g, labels, expected_absent):
    sub = views.filter_graph(g, labels=labels)
    assert expected_absent not in sub and {sub.nodes[n]["label"] for n in sub} == set(labels)


def test_filter_by_type_keeps_nodes_drops_edges(g):
    sub = views.filter_graph(g, types=["CONTACT"])
    assert {d["type"] for *_, d in sub.edges(data=True)} == {"CONTACT"}
    assert sub.number_of_nodes() == g.number_of_nodes()


def test_region_takes_subregions_municipalities_and_their_neighbours(g):
    scope = set(views.filter_graph(g, region="region:zuid-limburg"))
    assert {"region:zuid-limburg", "region:westelijke-mijnstreek", "municipality:beek",
            "municipality:sittard-geleen", "person:diederen", "person:geilen"} <= scope
    assert "municipality:venlo" not in scope and "region:noord-limburg" not in scope


def test_date_range_filters_meetings_and_dated_contacts(g):
    april = views.filter_graph(g, date_from="2023-04-01", date_to="2023-04-30")
    assert "meeting:taskforce-2023-03-15" not in april and "meeting:taskforce-2023-04-12" in april
    contact_dates = sorted(d["date"] for *_, d in april.edges(data=True) if d["type"] == "CONTACT")
    assert contact_dates == ["2023-04-24"]  # the May request is out
    may = views.filter_graph(g, date_from="2023-05-10", date_to="2023-05-20")
    assert [d["date"] for *_, d in may.edges(data=True) if d["type"] == "CONTACT"] == ["2023-05"]


@pytest.mark.parametrize("query, expected", [
    ("Dideren", "person:diederen"),  # misspelt
    ("wethouder diederen", "person:diederen"),  # an alias
    ("sittard", "municipality:sittard-geleen"),
    ("taskforce internationale", "body:taskforce-internationale-werknemers"),
])
def test_fuzzy_search(g, query, expected):
    hits = views.search(g, query)
    assert hits and hits[0]["id"] == expected


def test_search_without_a_match_is_empty(g):
    assert views.search(g, "zzzzqqq") == [] and views.search(g, "  ") == []


def test_neighbourhood_hops(g):
    one = set(views.neighbourhood(g, "municipality:beek", 1))
    two = set(views.neighbourhood(g, "municipality:beek", 2))
    assert one == {"municipality:beek", "region:westelijke-mijnstreek", "person:diederen", DOC}
    assert one < two and "person:geilen" in two


def test_entity_view_groups_relationships_with_evidence_source_and_date(g):
    v = views.entity_view(g, "person:diederen")
    assert v["name"] == "Diederen" and v["aliases"] == ["wethouder Diederen"]
    assert list(v["relationships"]) == ["ALDERMAN_OF", "CONTACT", "MENTIONS"]  # contract order
    alderman = v["relationships"]["ALDERMAN_OF"][0]
    assert (alderman["other"], alderman["direction"], alderman["source_name"], alderman["source_date"]) == (
        "Beek", "out", "Verslag 2023-04-12", "2023-04-12")
    assert alderman["evidence"] == "wethouder Diederen (gemeente Beek)"
    contacts = v["relationships"]["CONTACT"]
    assert [c["date"] for c in contacts] == ["2023-04-24", "2023-05"]
    assert contacts[0]["props"] == {"kind": "appointment", "status": "held", "date": "2023-04-24"}
    assert views.entity_view(g, "person:nobody") is None


def test_timeline_of_contacts_and_meetings(g):
    t = views.timeline(g, "organisation:lltb")
    assert [(e["date"], e["what"], e["with"]) for e in t] == [("2023-04-12", "attended", "Taskforce 2023-04-12")]
    t = views.timeline(g, "person:diederen")
    assert [(e["date"], e["what"], e["status"]) for e in t] == [("2023-04-24", "contact appointment", "held"),
                                                                 ("2023-05", "contact request", "planned")]


def test_action_items_of_a_person_a_meeting_and_a_body(g):
    assert [a["id"] for a in views.action_items_for(g, "person:kennisambassadeur")] == ["actionitem:verslag-1"]
    assert len(views.action_items_for(g, "meeting:taskforce-2023-04-12")) == 2
    assert len(views.action_items_for(g, "body:taskforce-internationale-werknemers")) == 2
    assert views.action_items_for(g, "municipality:venlo") == []


def test_node_sizes_by_degree_and_betweenness(g):
    deg = views.node_sizes(g, "degree")
    btw = views.node_sizes(g, "betweenness")
    assert deg["meeting:taskforce-2023-04-12"] > deg["municipality:beek"] > deg["municipality:venlo"]
    assert deg != btw and min(btw.values()) >= 10 and max(btw.values()) <= 40


def test_source_text_highlight_escapes_and_survives_line_breaks():
    text = "Aanwezig\n <b>LLTB</b>\n\nKennisambassadeur heeft op 24 april\n 2023 afspraak met\nwethouder Diederen."
    out = views.highlight_sentence(text, "Kennisambassadeur heeft op 24 april 2023 afspraak met wethouder Diederen")
    assert "&lt;b&gt;LLTB&lt;/b&gt;" in out and "<b>" not in out
    assert out.count("<mark>") == 1 and out.index("<mark>Kennisambassadeur") > 0
    assert "Diederen</mark>." in out
    assert views.highlight_sentence("<x>", "not there") == "&lt;x&gt;"
    assert views.highlight_sentence("a" * 50 + "zin" + "b" * 50, "zin", context=5) == "… aaaaa<mark>zin</mark>bbbbb …"


def test_upload_preview_highlights_names_escaped():
    text = "Aanwezig: LLTB en gemeente Beek; <script>alert(1)</script> wethouder Diederen"
    nodes = [{"id": "organisation:lltb", "label": "Organisation", "name": "LLTB", "aliases": []},
             {"id": "municipality:beek", "label": "Municipality", "name": "Beek", "aliases": []},
             {"id": "person:diederen", "label": "Person", "name": "Diederen", "aliases": ["wethouder Diederen"]},
             {"id": DOC, "label": "Document", "name": "Aanwezig", "aliases": []}]
    out = views.highlight_entities(text, views.entity_spans(text, nodes), {"Organisation": "#00ff00"})
    assert ('<mark style="background:#00ff0040;border-bottom:2px solid #00ff00;color:inherit" '
            'title="Organisation">LLTB</mark>') in out
    assert '>wethouder Diederen</mark>' in out  # the longer alias wins over the name inside it
    assert "<script>" not in out and "&lt;script&gt;" in out
    assert out.startswith("Aanwezig: <mark")  # the Document's name is not a name in the text


def test_entity_options_put_parties_first(g):
    opts = views.entity_options(g)
    labels = [label.rsplit("(", 1)[1].rstrip(")") for _, label in opts]
    assert labels.index("Person") < labels.index("Meeting") and labels[-1] in ("ActionItem", "Document", "Meeting",
                                                                                "Project", "Programme")

