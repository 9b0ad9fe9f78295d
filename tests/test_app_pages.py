"""Every explorer page driven by AppTest (the st.navigation entrypoint, switch_page) on a
real embedded store in tmp_path holding the sample minutes, the sample contact log and a
contact log naming an organisation `<img src=x onerror=alert(1)>`.  The graph picture's
HTML is inspected here (iframe srcdoc); its JavaScript runs in tests/test_browser.py."""
from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parent.parent
XSS = "<img src=x onerror=alert(1)>"
XSS_ID = "organisation:img-src-x-onerror-alert-1"
EXTERNAL_RESOURCE = re.compile(r"""(?:\b(?:src|href|action|poster|data)\s*=\s*["']?\s*(?:https?:)?//)"""
                               r"""|(?:url\(\s*["']?\s*(?:https?:)?//)|(?:@import)""", re.I)


def unmarkdown(text: str) -> str:
    """What markdown shows for backslash-escaped text."""
    return re.sub(r"\\(.)", r"\1", text)


def write_markup_log(path: Path) -> Path:
    path.write_text("date,from,to,kind,status,note\n"
                    f'2023-05-02,Kennisambassadeur,Organisation: {XSS},conversation,held,'
                    f'"Gesprek met {XSS} over </script><script>alert(2)</script> huisvesting"\n',
                    encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def seeded(tmp_path_factory):
    """(store setting, uploads dir): the samples and the markup log, ingested through the
    CLI's code path; the store is closed again so the app opens it as it would."""
    from graph.stores.open import open_store
    from loaders.ingest import ingest_paths

    tmp = tmp_path_factory.mktemp("app-pages")
    setting = f"embedded:{tmp / 'graph'}"
    with open_store(setting) as store:
        report = ingest_paths(store, sorted((ROOT / "samples").iterdir())
                              + [write_markup_log(tmp / "markup-in-names.csv")])
        assert report.ok, [o.line() for o in report.outcomes]
    return setting, tmp / "uploads"


def run_page(seeded, monkeypatch, page: str, **query) -> AppTest:
    setting, uploads = seeded
    monkeypatch.setenv("GRAPH_UPLOADS", str(uploads))
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=90)
    at.session_state["graph_store"] = setting
    for k, v in query.items():
        at.query_params[k] = v
    at.switch_page(f"app_pages/{page}.py").run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def srcdoc(at) -> str:
    frames = at.get("iframe")
    assert frames, "no graph picture on the page"
    return frames[0].proto.srcdoc


def shown_nodes(at) -> int:
    caption = next(c.value for c in at.caption if c.value.startswith("Showing "))
    return int(re.match(r"Showing (\d+) of", caption).group(1))


def page_links(at) -> list:
    return [el for el in at.get("page_link")]


# -- overview ---------------------------------------------------------------------------------
def test_overview_counts_documents_latest_meeting_and_last_ingest(seeded, monkeypatch):
    at = run_page(seeded, monkeypatch, "overview")
    assert at.title[0].value == "Overview"
    metrics = {m.label: m.value for m in at.metric}
    assert int(metrics["Municipality"]) >= 31  # the reference list
    assert int(metrics["Meeting"]) >= 1 and int(metrics["ActionItem"]) >= 1
    docs = at.dataframe[1].value
    assert {"document:taskforce-2023-04-12", "document:contacts"} <= set(docs["id"])
    minutes = docs[docs["id"] == "document:taskforce-2023-04-12"].iloc[0]
    assert minutes["date"] == "2023-04-12" and minutes["relationships"] > 20
    assert minutes["body"] == "Taskforce Internationale Werknemers"  # not the congress it announces
    assert [s.value for s in at.subheader][:4] == ["What the graph holds", "Documents loaded",
                                                    "Latest meeting", "Last ingest"]
    # The latest meeting the minutes record (not the congress they announce for May).
    assert any("2023-04-12" in unmarkdown(link.proto.label) for link in page_links(at))
    assert "relationships added" in metrics


# -- explore ----------------------------------------------------------------------------------
def test_explore_draws_the_graph_offline_with_legend_and_evidence_tooltips(seeded, monkeypatch):
    at = run_page(seeded, monkeypatch, "explore")
    html = srcdoc(at)
    assert "new vis.Network(" in html and "vis-network" in html
    assert not EXTERNAL_RESOURCE.search(html), EXTERNAL_RESOURCE.search(html)
    assert "bootstrap" not in html.lower() and "cdn" not in html.lower().replace("cdnjs", "")
    for label in ("Municipality", "Person", "Organisation", "Meeting"):
        assert f"</span>{label}</span>" in html  # the legend
    # An edge tooltip carries type, evidence and the source document with its date.
    assert re.search(r'"title": "ALDERMAN_OF[^"]*\\n“[^"]*Diederen[^"]*”\\nsource: [^"]*\(2023-04-12\)', html)
    assert shown_nodes(at) > 40


def widget(at, kind: str, label: str):
    """A widget by its label, looked up afresh (elements go stale after a run)."""
    return next(w for w in getattr(at, kind) if w.label == label)


def test_explore_filters_by_label_type_region_and_dates(seeded, monkeypatch):
    at = run_page(seeded, monkeypatch, "explore")
    everything = shown_nodes(at)
    widget(at, "multiselect", "Labels").set_value(["Municipality", "Region"]).run()
    assert not at.exception
    only_places = shown_nodes(at)
    assert 31 <= only_places < everything
    assert '"group": "Person"' not in srcdoc(at)

    widget(at, "selectbox", "Region").set_value("region:noord-limburg").run()
    north = shown_nodes(at)
    assert 0 < north < only_places
    assert "Venlo" in srcdoc(at) and "Maastricht" not in srcdoc(at)

    labels = widget(at, "multiselect", "Labels")
    labels.set_value(list(labels.options)).run()
    widget(at, "selectbox", "Region").set_value("").run()
    widget(at, "multiselect", "Relationship types").set_value(["CONTACT"]).run()
    contacts_all = len(re.findall(r'"arrows"', srcdoc(at)))
    widget(at, "checkbox", "Only meetings and contacts in a date range").check().run()
    at.date_input[0].set_value((date(2023, 4, 20), date(2023, 4, 30))).run()
    assert not at.exception
    contacts_april = len(re.findall(r'"arrows"', srcdoc(at)))
    assert 0 < contacts_april < contacts_all


def test_explore_fuzzy_search_and_neighbourhood(seeded, monkeypatch):
    at = run_page(seeded, monkeypatch, "explore")
    everything = shown_nodes(at)
    at.text_input[0].input("Dideren").run()  # misspelt
    assert not at.exception
    assert any("Diederen" in unmarkdown(link.proto.label) for link in page_links(at))
    assert shown_nodes(at) < everything
    at.text_input[0].input("").run()
    widget(at, "selectbox", "Neighbourhood of").set_value("municipality:beek").run()
    one_hop = shown_nodes(at)
    at.slider[0].set_value(2).run()
    two_hops = shown_nodes(at)
    assert 1 < one_hop < two_hops <= everything
    assert '"borderWidth": 4' in srcdoc(at)  # the chosen entity stands out


def test_explore_mentions_are_drawn_with_their_sentence(seeded, monkeypatch):
    # The app keeps MENTIONS beside the graph without their sentences; switched on in
    # Explore they are drawn, and their hover text has the sentence, fetched for them.
    at = run_page(seeded, monkeypatch, "explore", type="MENTIONS", label=["Document", "Organisation"],
                  focus="organisation:lltb")
    html = srcdoc(at)
    mentions = re.findall(r'"title": "MENTIONS[^"]*"', html)
    assert mentions, "no MENTIONS edge drawn"
    assert all("\\n“" in t for t in mentions), mentions  # each with its sentence
    assert any("LLTB" in t for t in mentions), mentions


def test_explore_asks_for_a_narrower_view_instead_of_drawing_too_much(seeded, monkeypatch):
    from graph import visual

    monkeypatch.setattr(visual, "DRAW_LIMIT", 20)
    at = run_page(seeded, monkeypatch, "explore")
    assert not at.get("iframe")
    assert any("too many to draw (at most 20)" in w.value for w in at.warning)
    widget(at, "selectbox", "Neighbourhood of").set_value("municipality:beek").run()
    assert not at.exception and at.get("iframe")  # a neighbourhood is small enough


def test_explore_view_lives_in_the_url_so_back_returns_to_it(seeded, monkeypatch):
    at = run_page(seeded, monkeypatch, "explore")
    assert dict(at.query_params) == {}  # the default view: a clean URL
    at.text_input[0].input("Diederen").run()
    widget(at, "selectbox", "Region").set_value("region:zuid-limburg").run()
    assert at.query_params["q"] == "Diederen" and at.query_params["region"] == "region:zuid-limburg"
    # Coming back to that URL (Back after a click on a node) restores the view.
    again = run_page(seeded, monkeypatch, "explore", q="Diederen", region="region:zuid-limburg", size="betweenness")
    assert again.text_input[0].value == "Diederen"
    assert widget(again, "selectbox", "Region").value == "region:zuid-limburg"
    assert again.radio[0].value == "betweenness"
    assert shown_nodes(again) == shown_nodes(at)


def test_explore_sizes_by_betweenness(seeded, monkeypatch):
    at = run_page(seeded, monkeypatch, "explore")
    by_degree = re.findall(r'"size": ([\d.]+)', srcdoc(at))
    at.radio[0].set_value("betweenness").run()
    assert not at.exception
    assert re.findall(r'"size": ([\d.]+)', srcdoc(at)) != by_degree


# -- entity -----------------------------------------------------------------------------------
def test_entity_page_by_url_shows_relationships_with_evidence_and_source_text(seeded, monkeypatch):
    at = run_page(seeded, monkeypatch, "entity", id="person:diederen")
    assert unmarkdown(at.title[0].value) == "Diederen"
    expanders = [e.label for e in at.expander]
    assert any(label.startswith("ALDERMAN_OF") for label in expanders)
    frames = [df.value for df in at.dataframe]
    rels = next(f for f in frames if "evidence" in f.columns and "source" in f.columns)
    assert rels["evidence"].str.contains("Diederen").any()
    # the app reads MENTIONS without their sentences and fetches this entity's: none is empty
    assert any(label.startswith("MENTIONS") for label in expanders)
    assert all((f["evidence"] != "").all() for f in frames if "evidence" in f.columns and "source" in f.columns)
    assert (rels["source date"] == "2023-04-12").any()
    timeline = next(f for f in frames if list(f.columns)[:2] == ["date", "what"])
    assert (timeline["date"] == "2023-04-24").any()  # the appointment on 24 April
    source = [h.proto.body for h in at.get("html") if "source-text" in h.proto.body]
    assert source and "<mark>" in source[0]
    assert "iframe" in [el.type for el in at.main.children.values()] or at.get("iframe")


def test_entity_page_lists_action_items(seeded, monkeypatch):
    at = run_page(seeded, monkeypatch, "entity", id="body:taskforce-internationale-werknemers")
    frames = [df.value for df in at.dataframe]
    items = next(f for f in frames if "action item" in f.columns)
    assert len(items) >= 3 and set(items["status"]) <= {"open", "done"}


def test_unknown_entity_id_is_a_message_not_a_traceback(seeded, monkeypatch):
    at = run_page(seeded, monkeypatch, "entity", id="person:nobody-at-all")
    assert any("No entity with id" in w.value for w in at.warning)


# -- names are data ---------------------------------------------------------------------------
def test_markup_in_a_name_is_shown_as_text_everywhere(seeded, monkeypatch):
    at = run_page(seeded, monkeypatch, "entity", id=XSS_ID)
    assert unmarkdown(at.title[0].value) == XSS  # shown as the text it is
    html = srcdoc(at)
    assert "<img" not in html and "onerror=alert" not in html.replace("\\u003cimg src=x onerror=alert(1)\\u003e", "")
    assert "</script><script>alert(2)" not in html
    assert len(re.findall(r"(?m)^<script", html)) == 2  # vis-network and ours, nothing a document added
    for h in at.get("html"):
        assert "<img" not in h.proto.body and "<script" not in h.proto.body
    for md_el in list(at.markdown) + list(at.caption) + list(at.title) + list(at.subheader):
        assert not re.search(r"(?<!\\)<img", md_el.value)  # escaped as \<img: markdown shows it as text
    explore = run_page(seeded, monkeypatch, "explore")
    assert "\\u003cimg src=x onerror=alert(1)\\u003e" in srcdoc(explore)
    assert "<img" not in srcdoc(explore)


# -- documents --------------------------------------------------------------------------------
def test_documents_lists_previews_an_upload_and_adds_it(seeded, monkeypatch, tmp_path):
    at = run_page(seeded, monkeypatch, "documents")
    listed = at.dataframe[0].value
    assert "document:taskforce-2023-04-12" in set(listed["id"])
    assert {"sha256", "body", "relationships"} <= set(listed.columns)
    text = (ROOT / "samples" / "taskforce-2023-04-12.txt").read_bytes().replace(
        b"12-04-2023", b"10-05-2023")
    at.file_uploader[0].set_value(("taskforce-2023-05-10.txt", text, "text/plain")).run()
    assert not at.exception, [e.value for e in at.exception]
    preview = [h.proto.body for h in at.get("html") if "preview-text" in h.proto.body]
    assert preview and 'border-bottom:2px solid #1f77b4;color:inherit" title="Municipality">' in preview[0]
    assert any(e.label.startswith("Relationships that will be written") for e in at.expander)
    assert "document:taskforce-2023-05-10" not in set(at.dataframe[0].value["id"])  # only a preview yet
    next(b for b in at.button if b.label == "Add to graph").click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert any("written (document:taskforce-2023-05-10" in s.value.replace("\\", "") for s in at.success)
    assert "document:taskforce-2023-05-10" in set(at.dataframe[0].value["id"])
    # ... and removed again, which also shows the remove path.
    remove = next(s for s in at.selectbox if s.label == "Document")
    remove.set_value("document:taskforce-2023-05-10").run()
    next(c for c in at.checkbox if c.label.startswith("Yes, remove")).check().run()
    next(b for b in at.button if b.label == "Remove").click().run()
    assert not at.exception
    assert "document:taskforce-2023-05-10" not in set(at.dataframe[0].value["id"])


def test_an_unreadable_upload_is_one_clear_error(seeded, monkeypatch):
    at = run_page(seeded, monkeypatch, "documents")
    at.file_uploader[0].set_value(("broken.pdf", b"%PDF-1.4 this is not a pdf", "application/pdf")).run()
    assert not at.exception
    assert at.error and unmarkdown(at.error[0].value).startswith("broken.pdf: ")


# -- corrections ------------------------------------------------------------------------------
def test_rename_from_the_entity_page_is_listed_and_undone(seeded, monkeypatch):
    at = run_page(seeded, monkeypatch, "entity", id="organisation:lwv")
    assert unmarkdown(at.title[0].value) == "LWV"
    widget(at, "text_input", "New name").input("Limburgse Werkgevers Vereniging")
    widget(at, "button", "Rename").click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert unmarkdown(at.title[0].value) == "Limburgse Werkgevers Vereniging"
    assert at.query_params["id"] == "organisation:limburgse-werkgevers-vereniging"
    listed = run_page(seeded, monkeypatch, "corrections")
    table = listed.dataframe[0].value
    assert table["correction"].str.contains("rename LWV to Limburgse Werkgevers Vereniging").any()
    undo = [b for b in listed.button if b.label == "Undo"]
    assert len(undo) == 1
    undo[0].click().run()
    assert not listed.exception, [e.value for e in listed.exception]
    assert listed.dataframe[0].value["active"].tolist() == [False]
    back = run_page(seeded, monkeypatch, "entity", id="organisation:lwv")
    assert unmarkdown(back.title[0].value) == "LWV"


def test_merge_and_reject_from_the_entity_page(seeded, monkeypatch):
    at = run_page(seeded, monkeypatch, "entity", id="person:gelderblom")
    assert any(e.label.startswith("ALDERMAN_OF") for e in at.expander)
    reject = widget(at, "selectbox", "Relationship")  # options are shown as "TYPE → other — “evidence”"
    choice = next(i for i, text in enumerate(reject.options) if text.startswith("ALDERMAN_OF"))
    reject.set_value(choice)
    widget(at, "button", "Reject").click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert not any(e.label.startswith("ALDERMAN_OF") for e in at.expander)

    widget(at, "selectbox", "Merge this entity into").set_value("person:bouten")
    widget(at, "button", "Merge").click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert at.query_params["id"] == "person:bouten"
    assert "Gelderblom" in unmarkdown(at.dataframe[0].value.set_index("property").loc["aliases", "value"])

    listed = run_page(seeded, monkeypatch, "corrections")
    kinds = listed.dataframe[0].value["kind"].tolist()
    assert kinds[:2] == ["merge", "reject"]  # newest first
    for _ in range(2):
        next(b for b in listed.button if b.label == "Undo").click().run()
        assert not listed.exception, [e.value for e in listed.exception]
    back = run_page(seeded, monkeypatch, "entity", id="person:gelderblom")
    assert any(e.label.startswith("ALDERMAN_OF") for e in back.expander)


# -- the store is a setting -------------------------------------------------------------------
def test_sidebar_names_the_store_in_use(seeded, monkeypatch):
    at = run_page(seeded, monkeypatch, "overview")
    setting, _ = seeded
    assert any(unmarkdown(c.value).startswith("Store: embedded") and setting.split(":", 1)[1] in unmarkdown(c.value)
               for c in at.sidebar.caption)


def test_an_unreachable_neo4j_is_a_clear_message_not_a_traceback(monkeypatch, tmp_path):
    import socket

    with socket.socket() as s:  # a port nothing listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    monkeypatch.setenv("NEO4J_PASSWORD", "not-used")
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=90)
    at.session_state["graph_store"] = f"bolt://127.0.0.1:{port}"
    at.switch_page("app_pages/explore.py").run()
    assert not at.exception, [e.value for e in at.exception]
    assert any("cannot be opened" in e.value for e in at.error)


@pytest.mark.parametrize("given, kept", [("../../etc/passwd.txt", "passwd.txt"), ("C:\\Users\\x\\Verslag 12-04.pdf",
                                         "Verslag 12-04.pdf"), ("..", "upload.txt"), ("a<b>.docx", "a_b_.docx")])
def test_an_uploaded_file_name_is_one_harmless_path_component(given, kept):
    from app_pages.shared import safe_filename

    assert safe_filename(given) == kept


@pytest.mark.parametrize("name", [XSS, "![x](http://example.org/p.png)", ":red[loud]", "$x^2$", "**bold** _it_"])
def test_markdown_escaping_leaves_the_text_as_it_is(name):
    from app_pages.shared import md

    assert unmarkdown(md(name)) == name
    assert not re.search(r"(?<!\\)[<\[\]()*_:$!]", md(name))  # nothing markdown would act on
