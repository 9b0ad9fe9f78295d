"""The Queries page driven by AppTest (Streamlit 1.67 runs the st.navigation entrypoint
and switch_page) on a real embedded store with the seed minutes: a saved query picked,
its header-built parameter form, the sortable table with CSV download and the limits
said, the graph view for a path, and refusals and errors shown with their position."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from tests.queries_data import seeded_store_file

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    from graph.stores.open import open_store

    s = open_store(f"embedded:{seeded_store_file(tmp_path_factory.mktemp('queries'))}")
    yield s
    s.close()


@pytest.fixture()
def app(store):
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.session_state["graph_store"] = store  # an open store: the page shares this handle
    at.switch_page("app_pages/queries.py").run()
    assert not at.exception, at.exception
    return at


def _pick(at, name):
    at.selectbox(key="queries_pick").set_value(name).run()
    assert not at.exception, at.exception
    return at


def _run(at):
    at.button(key="queries_run").click().run()
    assert not at.exception, at.exception
    return at


def _captions(at):
    return "\n".join(c.value for c in at.caption)


def test_a_saved_query_fills_the_editor_and_runs(app):
    _pick(app, "aldermen")
    assert "ALDERMAN_OF" in app.text_area(key="queries_text").value
    assert app.text_input(key="queries_param_aldermen_region").value == ""
    _run(app)
    table = app.dataframe[0].value
    assert set(zip(table["alderman"], table["municipality"])) == {
        ("Diederen", "Beek"), ("Geilen", "Sittard-Geleen"), ("Gelderblom", "Heerlen"),
        ("Bouten", "Horst aan de Maas"), ("Van Reij", "Roermond")}
    assert "5 rows · row limit 1000 · time limit 10 s" in _captions(app).replace("\\", "")
    assert "Download CSV" in [b.proto.label for b in app.get("download_button")]


def test_the_parameter_form_is_built_from_the_header_and_typed(app):
    _pick(app, "co-mentioned")
    top = app.number_input(key="queries_param_co-mentioned_top")
    assert top.value == 25  # int, from the header's default
    top.set_value(3).run()
    app.text_input(key="queries_param_co-mentioned_label").set_value("Municipality").run()
    _run(app)
    table = app.dataframe[0].value
    assert len(table) == 3 and all(table["entity_id"].str.startswith("municipality:"))


def test_a_bad_parameter_value_is_named_and_nothing_runs(app):
    _pick(app, "contacts-in-range")
    app.text_input(key="queries_param_contacts-in-range_first_day").set_value("13 april").run()
    _run(app)
    assert any("first_day" in e.value and "is not a date" in e.value for e in app.error)
    assert not app.dataframe


def test_a_path_result_is_drawn_as_a_graph(app):
    _pick(app, "paths-between")
    _run(app)
    table = app.dataframe[0].value
    assert table["route"].iloc[0] == "Kennisambassadeur; Diederen; Geilen"
    assert "Kennisambassadeur -[CONTACT]-> Diederen" in table["path"].iloc[0]
    # two shortest paths: the 24 April appointment is asserted by both minutes (planned, held)
    assert re.search(r"\b3 nodes and [34] relationships from the result", _captions(app))
    frames = app.get("iframe")
    assert frames, "the graph view is missing"


def test_a_write_is_refused_with_its_position_and_the_store_is_unchanged(app, store):
    before = store.counts()
    _pick(app, "")
    app.text_area(key="queries_text").set_value("MATCH (n:Person)\nDETACH DELETE n").run()
    _run(app)
    errors = [e.value for e in app.error]
    assert any(e.startswith("Refused, nothing was run (line 2, column 1)") for e in errors), errors
    assert "DETACH DELETE n\n^" in [c.value for c in app.code][0]
    assert store.counts() == before


def test_an_error_shows_the_problem_and_where(app):
    _pick(app, "")
    app.text_area(key="queries_text").set_value("MATCH (n:Person)\nWHERE n.nme = 'x'\nRETURN n").run()
    _run(app)
    assert any("Query error (line 2, column 9)" in e.value and "nme" in e.value for e in app.error)


def test_own_parameters_are_found_in_the_text(app):
    _pick(app, "")
    app.text_area(key="queries_text").set_value(
        "MATCH (p:Person)-[:ALDERMAN_OF]->(m:Municipality) WHERE m.name = $gemeente RETURN DISTINCT p.name AS who").run()
    app.text_input(key="queries_param_own_gemeente").set_value("Heerlen").run()
    _run(app)
    assert list(app.dataframe[0].value["who"]) == ["Gelderblom"]


def test_the_row_limit_is_said_when_reached(app):
    _pick(app, "")
    app.text_area(key="queries_text").set_value("MATCH (m:Municipality) RETURN m.name AS name ORDER BY name").run()
    app.number_input(key="queries_limit").set_value(3).run()
    _run(app)
    assert len(app.dataframe[0].value) == 3
    assert any("Only the first 3 rows are shown" in w.value for w in app.warning)


def test_a_good_query_is_kept_as_a_saved_query(store, tmp_path):
    import shutil

    from graph.saved_queries import QUERIES_DIR, get_query

    for f in QUERIES_DIR.glob("*.cypher"):
        shutil.copy(f, tmp_path / f.name)
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.session_state["graph_store"] = store
    at.session_state["queries_dir"] = str(tmp_path)  # never write into the repo's queries/
    at.switch_page("app_pages/queries.py").run()
    _pick(at, "")
    at.text_area(key="queries_text").set_value(
        "MATCH (p:Person)-[:ALDERMAN_OF]->(m:Municipality) WHERE m.name = $gemeente RETURN DISTINCT p.name AS who").run()
    at.text_input(key="queries_param_own_gemeente").set_value("Heerlen").run()
    # a form sends its fields with the submit button: no run in between
    at.text_input(key="queries_new_name").set_value("alderman-of")
    at.text_input(key="queries_new_title").set_value("The alderman of one municipality")
    at.text_area(key="queries_new_description").set_value("Who is wethouder of a given gemeente.")
    at.text_input(key="queries_new_asked_by").set_value("the knowledge ambassador, before a visit")
    at.button(key="queries_keep_submit").click().run()
    assert not at.exception, at.exception
    assert any("Saved as alderman-of.cypher" in s.value for s in at.success), [e.value for e in at.error]
    kept = get_query("alderman-of", tmp_path)
    assert [(p.name, p.type, p.default) for p in kept.params] == [("gemeente", "string", "Heerlen")]
    assert not (ROOT / "queries" / "alderman-of.cypher").exists()
    # the list offers it at once, and it runs
    _pick(at, "alderman-of")
    _run(at)
    assert list(at.dataframe[0].value["who"]) == ["Gelderblom"]


def test_keeping_a_query_that_writes_or_has_no_title_is_refused_with_numbered_errors(store, tmp_path):
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.session_state["graph_store"] = store
    at.session_state["queries_dir"] = str(tmp_path)
    at.switch_page("app_pages/queries.py").run()
    at.text_area(key="queries_text").set_value("MATCH (n:Wethouder) RETURN n").run()
    at.text_input(key="queries_new_name").set_value("bad-one")
    at.button(key="queries_keep_submit").click().run()
    errors = [e.value for e in at.error]
    assert any(e.startswith("Q001") for e in errors) and any(e.startswith("Q008") for e in errors), errors
    assert not (tmp_path / "bad-one.cypher").exists()


def test_a_broken_saved_query_file_is_named_with_its_errors(store, tmp_path):
    (tmp_path / "broken.cypher").write_text("// title: Broken\n// writes: false\nMATCH (n:Wethouder) RETURN n\n",
                                            encoding="utf-8")
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.session_state["graph_store"] = store
    at.session_state["queries_dir"] = str(tmp_path)
    at.switch_page("app_pages/queries.py").run()
    assert not at.exception, at.exception
    warning = " ".join(w.value for w in at.warning)
    assert "Q001" in warning and "Q008" in warning and "broken" in warning
