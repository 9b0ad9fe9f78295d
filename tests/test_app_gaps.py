"""The Gaps page driven by AppTest on a real embedded store in tmp_path: a small set of
minutes with real Limburg names (Zuid-Limburg listed absent, Weert engaged, Roermond's
alderman not recognising the problem), the 28 other municipalities never mentioned."""
import json
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from gaps_data import DOC, EVIDENCE, minutes

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def store_setting(tmp_path_factory):
    from graph.stores.open import open_store
    from loaders.ingest import ensure_reference

    setting = f"embedded:{tmp_path_factory.mktemp('gaps-app') / 'graph'}"
    with open_store(setting) as store:
        ensure_reference(store)
        store.write_document(minutes(), DOC)
    return setting


@pytest.fixture()
def app(store_setting):
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.session_state["graph_store"] = store_setting
    at.switch_page("app_pages/gaps.py").run()
    assert not at.exception, at.exception
    return at


def _table(at):
    return at.dataframe[0].value


def test_page_lists_all_31_municipalities_biggest_gap_first(app):
    metrics = {m.label: m.value for m in app.metric}
    assert metrics["Municipalities"] == "31"
    assert metrics["Never mentioned"] == "28"
    table = _table(app)
    assert len(table) == 31
    assert list(table["gap_score"]) == sorted(table["gap_score"], reverse=True)
    roermond = table[table["municipality"] == "Roermond"].iloc[0]
    assert roermond["engagement"] == "low" and roermond["engagement_evidence"] == EVIDENCE
    beesel = table[table["municipality"] == "Beesel"].iloc[0]
    assert "never mentioned in any minutes" in beesel["gap_reasons"]


def test_region_filter_and_minimum_score_narrow_the_table(app):
    app.multiselect(key="gaps_regions").set_value(["Midden-Limburg"]).run()
    assert set(_table(app)["region"]) == {"Midden-Limburg"} and len(_table(app)) == 7
    # Weert (engaged) and Roermond (named, with its alderman) have smaller gaps than the
    # five Midden-Limburg municipalities the minutes never name.
    app.slider(key="gaps_min_score").set_value(60).run()
    assert sorted(_table(app)["municipality"]) == ["Echt-Susteren", "Leudal", "Maasgouw", "Nederweert", "Roerdalen"]
    app.slider(key="gaps_min_score").set_value(100).run()
    assert not app.exception
    assert "No municipality matches the filters." in [m.value for m in app.markdown]


def test_one_municipality_shows_its_reasons_and_evidence(app):
    app.selectbox(key="gaps_pick").set_value("Roermond").run()
    text = "\n".join(m.value for m in app.markdown)
    assert "alderman does not recognise the problem" in text
    assert "herkent de problematiek niet" in text
    assert "Van Reij" in app.dataframe[1].value.to_string()


def test_csv_download_is_offered(app):
    labels = [b.proto.label for b in app.get("download_button")]
    assert "Download CSV" in labels and "Download regions CSV" in labels


def _charts(app):
    return [json.loads(c.proto.spec) for c in app.get("vega_lite_chart")]


def test_heatmap_attendance_matrix_and_map_are_drawn(app):
    specs = _charts(app)
    assert len(specs) == 4
    marks = [json.dumps(s.get("mark", [l.get("mark") for l in s.get("layer", [])])) for s in specs]
    assert '"rect"' in marks[0]  # heatmap
    assert '"rect"' in marks[1] and '"meeting date"' in json.dumps(specs[1])  # attendance timeline
    assert "mercator" in json.dumps(specs[3])  # the map


def test_map_needs_no_internet(app):
    spec = _charts(app)[3]
    layers = spec["layer"]
    # Every layer draws inline data (the shipped outline, the reference coordinates):
    # no data URL, no tile layer, no image mark.
    assert all("url" not in (layer.get("data") or {}) for layer in layers)
    assert all((layer["mark"]["type"] if isinstance(layer["mark"], dict) else layer["mark"]) != "image"
               for layer in layers)
    assert "tile" not in json.dumps(spec).lower()


def test_attendance_timeline_shows_zuid_limburg_absent(app):
    import pyarrow as pa

    chart = app.get("vega_lite_chart")[1].proto
    frames = [pa.ipc.open_stream(d.data.data).read_all().to_pandas() for d in chart.datasets]
    timeline = frames[0]
    status = dict(zip(timeline["region"], timeline["status"]))
    assert status == {"Noord-Limburg": "present", "Midden-Limburg": "present", "Zuid-Limburg": "absent"}


def test_first_start_on_the_sample_minutes(tmp_path):
    # No data prepared: the app loads the reference data and samples/ on first start,
    # and the page shows the seed's gaps.
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    at.session_state["graph_store"] = f"embedded:{tmp_path / 'graph'}"
    at.switch_page("app_pages/gaps.py").run()
    assert not at.exception, at.exception
    table = _table(at)
    rows = {r["municipality"]: r for r in table.to_dict("records")}
    assert len(rows) == 31
    assert "never mentioned in any minutes" in rows["Mook en Middelaar"]["gap_reasons"]
    assert "region absent at the 12-04-2023 meeting" in rows["Vaals"]["gap_reasons"]
    assert rows["Roermond"]["engagement"] == "low"


def test_page_follows_new_minutes_without_a_restart(tmp_path):
    from graph.model import DocumentGraph
    from graph.stores.open import open_store
    from loaders.ingest import ensure_reference

    setting = f"embedded:{tmp_path / 'graph'}"
    with open_store(setting) as store:
        ensure_reference(store)
        store.write_document(minutes(), DOC)
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.session_state["graph_store"] = setting
    at.switch_page("app_pages/gaps.py").run()
    beesel = _table(at)[_table(at)["municipality"] == "Beesel"].iloc[0]
    assert beesel["documents"] == 0

    later = DocumentGraph()
    doc = later.add_node("Document", "Verslag later", id="document:verslag-later", date="2023-05-17",
                         kind="minutes", path="verslag-later.txt", sha256="cd" * 32)
    later.add_rel("MENTIONS", doc, later.add_node("Municipality", "Beesel"), source=doc.id)
    with open_store(setting) as store:  # the same (counted) handle the app holds
        store.write_document(later, doc.id)
    at.run()
    beesel = _table(at)[_table(at)["municipality"] == "Beesel"].iloc[0]
    assert (beesel["documents"], beesel["last_mentioned"]) == (1, "2023-05-17")
    assert {m.label: m.value for m in at.metric}["Never mentioned"] == "27"
