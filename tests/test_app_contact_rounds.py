"""The Contact rounds page driven by AppTest through app.py's navigation, on a real
embedded store in tmp_path holding the three-month fixture: the plan with its reasons,
weights, introduction paths, the brief, and a contact recorded in the form changing
the plan at once."""
import datetime as dt
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from contact_rounds_data import load_into

ROOT = Path(__file__).resolve().parent.parent
PAGE = "app_pages/contact_rounds.py"


def _filled(path) -> str:
    from graph.stores.open import open_store

    setting = f"embedded:{path / 'graph'}"
    with open_store(setting) as store:
        load_into(store)
    return setting


@pytest.fixture(scope="module")
def shared_setting(tmp_path_factory):
    """For the tests that only read: one store for the module."""
    return _filled(tmp_path_factory.mktemp("rounds-app"))


@pytest.fixture()
def app(shared_setting):
    return _open(shared_setting)


@pytest.fixture()
def writable_app(tmp_path):
    return _open(_filled(tmp_path))


def _open(setting):
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.session_state["graph_store"] = setting
    at.run()  # first the navigation registers the pages (ours has a custom url_path)
    at.switch_page(PAGE).run()
    assert not at.exception, at.exception
    assert [t.value for t in at.title] == ["Contact rounds"]
    at.date_input(key="start").set_value(dt.date(2024, 3, 14))
    at.number_input(key="weeks").set_value(1)
    at.number_input(key="per_week").set_value(2).run()
    assert not at.exception, at.exception
    return at


def plain(markdown: str) -> str:
    """What a reader sees of a markdown string whose document text the page escaped."""
    return markdown.replace("\\", "")


def plan_table(at):
    return at.dataframe[0].value


def test_plan_shows_the_appointment_first_and_reasons(app):
    table = plan_table(app)
    assert list(table["municipality"]) == ["Kerkrade", "Landgraaf"]
    assert list(table["status"]) == ["appointment", "proposed"]
    assert table.iloc[0]["date"] == "2024-03-20"
    assert "candidate for the Stuurgroep Internationale Werknemers (Pluijmen)" in table.iloc[1]["reasons"]
    # the reference data brings all 31 municipalities; the most urgent one left out comes first
    assert any(plain(c.value).startswith("Not planned for lack of room: Echt-Susteren, ") for c in app.caption)


def test_weights_are_adjustable_in_the_page(app):
    app.number_input(key="w_stuurgroep_candidate").set_value(0.0)
    app.number_input(key="w_engagement_low").set_value(20.0).run()
    assert list(plan_table(app)["municipality"]) == ["Kerkrade", "Echt-Susteren"]


def test_weights_reset_to_their_defaults(app):
    app.number_input(key="w_stuurgroep_candidate").set_value(0.0).run()
    app.button(key="w_reset").click().run()
    assert not app.exception and not app.warning
    assert app.number_input(key="w_stuurgroep_candidate").value == 3.0
    assert list(plan_table(app)["municipality"]) == ["Kerkrade", "Landgraaf"]


def test_regions_narrow_the_plan(app):
    app.multiselect(key="regions").set_value(["Midden-Limburg"]).run()
    assert list(plan_table(app)["municipality"]) == ["Echt-Susteren", "Nederweert"]


def test_introduction_paths_for_a_chosen_target(app):
    app.selectbox(key="intro_target").set_value("person:pluijmen").run()
    md = plain("\n".join(m.value for m in app.markdown))
    assert "Kennisambassadeur → Janssen → Pluijmen" in md
    assert "“Janssen sprak op 1 februari met Pluijmen over huisvesting.”" in md


def test_brief_for_a_chosen_alderman(app):
    app.selectbox(key="brief_subject").set_value("municipality:echt-susteren").run()
    assert not app.exception, app.exception
    md = plain("\n".join(m.value for m in app.markdown))
    assert "# Visit brief: gemeente Echt-Susteren" in md
    assert "“De gemeente Echt-Susteren ziet geen urgentie.” (taskforce-2024-03-13, 13-03-2024)" in md
    # a MENTIONS sentence: the app's graph holds none, the brief fetches them from the store
    assert "“Echt-Susteren besproken in de Taskforce van 2024-01-10.”" in md


def test_recording_a_contact_changes_the_plan_at_once(writable_app):
    app = writable_app
    assert list(plan_table(app)["municipality"]) == ["Kerkrade", "Landgraaf"]
    app.date_input(key="rc_date").set_value(dt.date(2024, 3, 14))
    app.selectbox(key="rc_with").set_value("person:pluijmen")
    app.selectbox(key="rc_kind").set_value("conversation")
    app.selectbox(key="rc_status").set_value("held")
    app.text_area(key="rc_note").set_value("Kennismaking; Pluijmen wil in de Stuurgroep")
    next(b for b in app.button if b.label == "Record the contact").click().run()
    assert not app.exception, app.exception
    assert any("Recorded: conversation Kennisambassadeur – Pluijmen (held, 14-03-2024)" in plain(s.value)
               for s in app.success)
    assert list(plan_table(app)["municipality"]) == ["Kerkrade", "Echt-Susteren"]
    app.radio(key="rank_kind").set_value("alderman").run()
    ranking = app.dataframe[1].value
    pluijmen = ranking[ranking["name"] == "Pluijmen"].iloc[0]
    assert "contact held 14-03-2024 by Kennisambassadeur" in pluijmen["reasons"]
    assert (pluijmen["last held contact"], pluijmen["by"]) == ("14-03-2024", "Kennisambassadeur")


def test_a_contact_without_a_counterpart_is_refused(app):
    next(b for b in app.button if b.label == "Record the contact").click().run()
    assert [e.value for e in app.error] == ["Choose with whom the contact was."]
    assert list(plan_table(app)["municipality"]) == ["Kerkrade", "Landgraaf"]
