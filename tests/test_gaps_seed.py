"""The gaps the province must see in the seed minutes (Taskforce, 12 April 2023), read by
the real extractor with the real reference data: once extracted directly, once ingested
into a real embedded store in tmp_path."""
from pathlib import Path

import pytest

from graph import gaps

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "samples" / "taskforce-2023-04-12.txt"

ZUID_NEVER_NAMED = ["Beekdaelen", "Brunssum", "Eijsden-Margraten", "Gulpen-Wittem", "Kerkrade", "Landgraaf",
                    "Meerssen", "Simpelveld", "Vaals", "Valkenburg aan de Geul", "Voerendaal"]
NEVER_MENTIONED = sorted(["Beesel", "Bergen", "Mook en Middelaar", "Echt-Susteren", "Leudal", "Nederweert",
                          "Roerdalen"] + ZUID_NEVER_NAMED)


def _extracted_graph():
    from loaders.pipeline import extract_path
    from loaders.reference import reference_graph

    return reference_graph().merge(extract_path(SEED)).to_networkx()


def _stored_graph(tmp_path):
    from graph.stores.open import open_store
    from loaders.ingest import ensure_reference, ingest_paths

    with open_store(f"embedded:{tmp_path / 'graph'}") as store:
        ensure_reference(store)
        ingest_paths(store, [SEED])
        return store.read_graph()


@pytest.fixture(scope="module", params=["extracted", "stored"])
def report(request, tmp_path_factory):
    from loaders.reference import municipalities

    graph = _extracted_graph() if request.param == "extracted" else _stored_graph(tmp_path_factory.mktemp("seed"))
    return gaps.report(graph, municipalities())


@pytest.fixture(scope="module")
def rows(report):
    return {r["municipality"]: r for r in report["municipalities"]}


@pytest.fixture(scope="module")
def regions(report):
    return {r["region"]: r for r in report["regions"]}


def test_all_31_municipalities_have_a_row(rows):
    assert len(rows) == 31


def test_exactly_the_municipalities_the_minutes_never_name_are_flagged(rows):
    flagged = sorted(n for n, r in rows.items() if "never mentioned in any minutes" in r["gap_reasons"])
    assert flagged == NEVER_MENTIONED


@pytest.mark.parametrize("name", ["Weert", "Roermond", "Maasgouw", "Sittard-Geleen", "Beek", "Stein", "Heerlen",
                                  "Maastricht", "Horst aan de Maas", "Venlo", "Venray", "Peel en Maas", "Gennep"])
def test_named_municipalities_are_mentioned_with_the_meeting_date(rows, name):
    assert rows[name]["documents"] == 1
    assert rows[name]["last_mentioned"] == "2023-04-12"


def test_zuid_limburg_absent_from_the_12_april_meeting(rows, regions, report):
    assert regions["Zuid-Limburg"]["attendance"]["2023-04-12"] == "absent"
    assert "absent at the 12-04-2023 Taskforce meeting" in regions["Zuid-Limburg"]["gap_reasons"]
    for name in ZUID_NEVER_NAMED + ["Beek", "Sittard-Geleen", "Heerlen", "Stein", "Maastricht"]:
        assert "region absent at the 12-04-2023 meeting" in rows[name]["gap_reasons"], name
    for region in ("Noord-Limburg", "Midden-Limburg"):
        assert regions[region]["attendance"]["2023-04-12"] == "present"
    assert not any("12-04-2023" in reason for reason in rows["Weert"]["gap_reasons"])


def test_roermond_low_engagement_with_its_evidence(rows):
    roermond = rows["Roermond"]
    assert roermond["engagement"] == "low"
    assert "herkent de problematiek niet" in roermond["engagement_evidence"]
    assert "alderman does not recognise the problem" in roermond["gap_reasons"]
    assert "Van Reij" in roermond["aldermen"]


@pytest.mark.parametrize("name", ["Weert", "Maasgouw"])
def test_weert_and_maasgouw_high(rows, name):
    assert rows[name]["engagement"] == "high"
    evidence = rows[name]["engagement_evidence"]
    assert evidence and evidence in " ".join(SEED.read_text(encoding="utf-8").split())
    assert not any("engagement" in reason for reason in rows[name]["gap_reasons"])


@pytest.mark.parametrize("name", ["Beek", "Stein"])
def test_beek_and_stein_have_the_topic_on_the_bo_wonen_agenda(rows, report, name):
    assert any(s.startswith("on the BO Wonen agenda: ") for s in rows[name]["signals"])
    cells = {(c["region"], c["body"]): c for c in report["region_bodies"]}
    assert cells[("Zuid-Limburg", "BO Wonen")] == {"region": "Zuid-Limburg", "body": "BO Wonen",
                                                   "status": "topic on agenda", "through": ["Beek", "Stein"]}


def test_an_action_to_put_it_on_the_agenda_is_not_an_agenda_signal(rows):
    # "Actiepunt: Vertegenwoordiger Zuid-Limburg attenderen op agenderen ... in BO's Wonen"
    assert rows["Vaals"]["region_signals"] == []


def test_engaged_municipalities_have_smaller_gaps_than_unnamed_ones(rows):
    assert rows["Weert"]["gap_score"] < rows["Beesel"]["gap_score"]
    assert rows["Roermond"]["gap_score"] > rows["Weert"]["gap_score"]


def test_sittard_geleen_is_a_stuurgroep_candidate_through_geilen(rows, report):
    stuurgroep = rows["Sittard-Geleen"]["bodies"]["Stuurgroep"]
    assert (stuurgroep["status"], stuurgroep["via"]) == ("candidate", "")
    assert any("Geilen" in who for who in stuurgroep["through"])
    cells = {(c["region"], c["body"]): c for c in report["region_bodies"]}
    assert cells[("Zuid-Limburg", "Stuurgroep")]["status"] == "candidate"
    assert cells[("Zuid-Limburg", "Taskforce")]["status"] == "listed absent"


def test_known_aldermen_and_planned_contacts(rows):
    assert "Diederen" in rows["Beek"]["aldermen"]
    assert rows["Beek"]["last_contact_planned"] == "2023-04-24"
    assert rows["Heerlen"]["last_contact_planned"] == "2023-04-20"
    assert rows["Horst aan de Maas"]["contacts_held"] >= 1


def test_sittard_geleen_policy_plan_signal(rows):
    assert any(s.startswith("policy plan: ") and "beleidsplan" in s for s in rows["Sittard-Geleen"]["signals"])
    assert "no policy plan or agenda signal" not in rows["Sittard-Geleen"]["gap_reasons"]


def test_regions_share_engaged_and_representation(regions):
    assert regions["Zuid-Limburg"]["bodies"]["Stuurgroep"]["status"] == "candidate"
    assert regions["Noord-Limburg"]["bodies"]["Stuurgroep"]["status"] == "none"
    assert "no one in the Stuurgroep" in regions["Midden-Limburg"]["gap_reasons"]
    for region in regions.values():
        assert region["engaged_share"] == round(region["engaged"] / region["municipalities"], 2)
    assert sorted(regions["Zuid-Limburg"]["never_mentioned"]) == ZUID_NEVER_NAMED


def test_sittard_geleen_talking_with_stein_is_not_a_contact_of_ours(rows):
    assert "Sittard-Geleen" in rows["Stein"]["peer_contacts"]
    assert rows["Stein"]["contacts_planned"] == 0
    assert "no contact held or planned" in rows["Stein"]["gap_reasons"]
