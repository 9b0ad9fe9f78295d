"""Gaps analysis on a fixture of its own: two regions, five municipalities, four Taskforce
meetings over 2024 in four sets of minutes, in which region Oost's attendance changes
(present, listed absent, missing from the list, present again through an alderman)."""
import pytest

from graph import gaps
from gaps_data import DATES, REFERENCE, build


@pytest.fixture(scope="module")
def graph():
    return build().to_networkx()


@pytest.fixture(scope="module")
def rows(graph):
    return {r["municipality"]: r for r in gaps.municipality_rows(graph, REFERENCE)}


@pytest.fixture(scope="module")
def regions(graph, rows):
    return {r["region"]: r for r in gaps.region_rows(graph, REFERENCE, list(rows.values()))}


def test_every_reference_municipality_has_a_row_mentioned_or_not(rows):
    assert list(rows) == [r["name"] for r in REFERENCE]
    assert rows["Fijnaart"]["documents"] == 0
    assert rows["Fijnaart"]["gap_reasons"][0] == "never mentioned in any minutes"


@pytest.mark.parametrize("name, mentioned", [
    ("Appelscha", True), ("Brakel", True), ("Dintel", True), ("Eemdorp", True), ("Fijnaart", False)])
def test_never_mentioned_only_where_no_document_names_it(rows, name, mentioned):
    assert ("never mentioned in any minutes" in rows[name]["gap_reasons"]) is not mentioned


def test_documents_count_and_latest_date(rows):
    assert rows["Appelscha"]["documents"] == 2
    assert rows["Appelscha"]["last_mentioned"] == "2024-06-12"
    assert rows["Dintel"]["last_mentioned"] == "2024-09-18"


def test_reference_document_does_not_count_as_a_mention(graph):
    # Every municipality has an IN_REGION from the reference document.
    assert gaps.documents_mentioning(graph, "municipality:fijnaart") == []


def test_region_attendance_changes_over_the_meetings(graph):
    timeline = [(t["date"], t["status"]) for t in gaps.attendance_timeline(graph, REFERENCE) if t["region"] == "Oost"]
    assert timeline == list(zip(DATES, ["present", "absent", "not listed", "present"]))
    west = [t["status"] for t in gaps.attendance_timeline(graph, REFERENCE) if t["region"] == "West"]
    assert west == ["present", "present", "present", "absent"]


def test_absence_at_the_latest_meeting_weighs_more_than_an_earlier_one(rows):
    west = rows["Eemdorp"]["gap_reasons"]
    assert "region absent at the 18-09-2024 meeting" in west
    oost = rows["Brakel"]["gap_reasons"]
    assert "region absent at the 20-03-2024 meeting" in oost
    assert "region not on the attendance list of the 12-06-2024 meeting" in oost
    assert not any("17-01-2024" in r or "18-09-2024" in r for r in oost)
    reasons = dict((text, weight) for _, weight, text in gaps.gap_reasons(rows["Eemdorp"]))
    assert reasons["region absent at the 18-09-2024 meeting"] == gaps.GAP_WEIGHTS["region_absent_latest"]
    reasons = dict((text, weight) for _, weight, text in gaps.gap_reasons(rows["Brakel"]))
    assert reasons["region absent at the 20-03-2024 meeting"] == gaps.GAP_WEIGHTS["region_absent_earlier"]


def test_municipality_row_carries_its_regions_attendance(rows):
    assert rows["Dintel"]["region_attendance"] == dict(zip(DATES, ["present", "absent", "not listed", "present"]))


def test_latest_engagement_wins_with_its_evidence(rows):
    assert rows["Dintel"]["engagement"] == "low"
    assert rows["Dintel"]["engagement_evidence"] == "De gemeente Dintel (wethouder Kok) herkent de problematiek niet."
    assert "alderman does not recognise the problem" in rows["Dintel"]["gap_reasons"]
    assert rows["Appelscha"]["engagement"] == "high"
    assert rows["Brakel"]["engagement"] is None
    assert "no engagement reported" in rows["Brakel"]["gap_reasons"]


def test_same_day_readings_keep_the_lower_level():
    g = build()
    d4 = "document:verslag-2024-09-18"
    g.add_rel("ENGAGEMENT", d4, "municipality:appelscha", level="low", source=d4, evidence="a")
    g.add_rel("ENGAGEMENT", d4, "municipality:appelscha", level="high", source=d4, evidence="b")
    assert gaps.latest_engagement(g.to_networkx(), "municipality:appelscha")["level"] == "low"


def test_aldermen_and_contacts(rows):
    assert rows["Appelscha"]["aldermen"] == ["De Jong"]
    assert (rows["Appelscha"]["contacts_held"], rows["Appelscha"]["last_contact_held"]) == (1, "2024-02-05")
    assert (rows["Appelscha"]["contacts_planned"], rows["Appelscha"]["last_contact_planned"]) == (1, "2024-10-01")
    # An undated contact is dated by the minutes that report it.
    assert rows["Dintel"]["last_contact_held"] == "2024-09-18"
    assert rows["Fijnaart"]["aldermen"] == [] and "no alderman known" in rows["Fijnaart"]["gap_reasons"]
    assert "no contact held or planned" in rows["Fijnaart"]["gap_reasons"]
    assert rows["Appelscha"]["contacts_held_by"] == ["Kennisambassadeur"]


def test_contacts_between_municipalities_are_cooperation_not_our_contact(rows):
    assert rows["Brakel"]["contacts_held"] == 0
    assert rows["Brakel"]["peer_contacts"] == ["Eemdorp"]
    assert "no contact held or planned" in rows["Brakel"]["gap_reasons"]


def test_membership_and_through_whom(rows):
    stuurgroep = rows["Appelscha"]["bodies"]["Stuurgroep"]
    assert (stuurgroep["status"], stuurgroep["through"], stuurgroep["via"]) == ("member", ["De Jong"], "")
    # Dintel has no one of its own in the Stuurgroep, but its region does.
    assert rows["Dintel"]["bodies"]["Stuurgroep"]["text"] == "via Oost: member (De Jong)"
    assert "no one from the municipality or its region in the Stuurgroep" in rows["Eemdorp"]["gap_reasons"]
    assert rows["Brakel"]["bodies"]["Taskforce"]["text"] == "attends (Smit)"


def test_region_body_matrix(graph):
    cells = {(c["region"], c["body"]): c for c in gaps.region_body_matrix(graph, REFERENCE)}
    assert cells[("Oost", "Stuurgroep")]["status"] == "member"
    assert cells[("West", "Stuurgroep")]["status"] == "none"
    assert cells[("Oost", "Taskforce")]["status"] == "attends"
    assert cells[("West", "BO Wonen")] == {"region": "West", "body": "BO Wonen", "status": "topic on agenda",
                                           "through": ["Eemdorp"]}
    assert cells[("Oost", "BO Wonen")]["status"] == "none"


def test_policy_and_agenda_signals(rows):
    assert rows["Appelscha"]["signals"] == [
        "policy plan: De gemeenteraad van Appelscha stelt in juli het beleidsplan huisvesting vast."]
    assert rows["Eemdorp"]["signals"] == [
        "on the BO Wonen agenda: In Eemdorp is het onderwerp geagendeerd voor het eerstvolgende BO's Wonen."]
    # A sentence that names only the region counts for the region's municipalities, as
    # a region signal; the one naming Eemdorp does not count for Fijnaart.
    assert rows["Fijnaart"]["signals"] == []
    assert rows["Fijnaart"]["region_signals"] == ["on the agenda: In West staat het standaard op de agenda."]
    assert "no policy plan or agenda signal" in rows["Fijnaart"]["gap_reasons"]


def test_open_action_items_by_assignment_or_name(rows):
    assert rows["Dintel"]["open_action_items"] == ["Kennisambassadeur plant gesprek met Dintel a/d Beek"]
    assert rows["Eemdorp"]["open_action_items"] == ["Woningbehoefte in kaart brengen"]
    assert rows["Fijnaart"]["open_action_items"] == []


def test_gap_score_is_the_sum_of_the_weights_and_ranks_absence_first(rows):
    for r in rows.values():
        assert 0 <= r["gap_score"] <= 100
        assert r["gap_score"] == gaps.gap_score(gaps.gap_reasons(r))
    ranked = sorted(rows, key=lambda n: -rows[n]["gap_score"])
    assert ranked[0] == "Fijnaart"
    assert rows["Appelscha"]["gap_score"] < rows["Dintel"]["gap_score"] < rows["Fijnaart"]["gap_score"]


def test_worst_possible_row_scores_exactly_100():
    worst = {"documents": 0, "engagement": "low", "aldermen": [], "contacts_held": 0, "contacts_planned": 0,
             "region_attendance": {"2024-01-01": "absent"}, "bodies": {}, "signals": []}
    assert gaps.gap_score(gaps.gap_reasons(worst)) == 100


def test_region_rows(regions):
    oost, west = regions["Oost"], regions["West"]
    assert (oost["municipalities"], oost["engaged"], oost["engaged_share"]) == (3, 1, 0.33)
    assert oost["engagement_levels"] == {"high": 1, "medium": 0, "low": 1}
    assert west["never_mentioned"] == ["Fijnaart"]
    assert "1 of 2 municipalities never mentioned in any minutes" in west["gap_reasons"]
    assert "absent at the 18-09-2024 Taskforce meeting" in west["gap_reasons"]
    assert "no one in the Stuurgroep" in west["gap_reasons"]
    assert oost["attendance"] == dict(zip(DATES, ["present", "absent", "not listed", "present"]))
    # What the minutes say of a region as a whole: its latest reading.
    assert (west["region_engagement"], west["region_engagement_evidence"]) == (
        "low", "In West wordt geen ambtelijke capaciteit ingezet.")
    assert "the region as a whole reported low in engagement (18-09-2024)" in west["gap_reasons"]
    assert oost["region_engagement"] is None


def test_subregion_counts_for_its_region(graph):
    # A representative of the sub-region Heidekant speaks for Oost.
    g = build()
    p = g.add_node("Person", "vertegenwoordiger Heidekant", redacted=True)
    g.add_rel("REPRESENTS", p, "region:heidekant", source="document:verslag-2024-06-12")
    g.add_rel("ATTENDED", p, "meeting:taskforce-internationale-werknemers-2024-06-12", source="document:verslag-2024-06-12")
    statuses = [t["status"] for t in gaps.attendance_timeline(g.to_networkx(), REFERENCE) if t["region"] == "Oost"]
    assert statuses[2] == "present"


def test_reference_may_give_region_ids(graph):
    by_id = [{**r, "region": "region:" + r["region"].lower()} for r in REFERENCE]
    assert [r["region"] for r in gaps.region_rows(graph, by_id)] == ["Oost", "West"]


def test_indicator_matrix_covers_every_municipality_and_indicator(rows):
    cells = gaps.indicator_matrix(rows.values())
    assert len(cells) == len(REFERENCE) * len(gaps.INDICATORS)
    assert all(0.0 <= c["value"] <= 1.0 for c in cells)
    fijnaart = {c["indicator"]: c["value"] for c in cells if c["municipality"] == "Fijnaart"}
    assert fijnaart["mentioned"] == 0.0 and fijnaart["engagement"] == 0.0


def test_flat_row_has_only_scalars_and_a_column_per_meeting(rows):
    flat = gaps.flat_row(rows["Dintel"])
    assert all(isinstance(v, (str, int, float)) for v in flat.values())
    assert flat["region at Taskforce 2024-03-20"] == "absent"
    assert flat["Stuurgroep"] == "via Oost: member (De Jong)"


def test_empty_graph_still_lists_every_municipality():
    import networkx as nx

    rows = gaps.municipality_rows(nx.MultiDiGraph(), REFERENCE)
    assert [r["municipality"] for r in rows] == [r["name"] for r in REFERENCE]
    assert all("never mentioned in any minutes" in r["gap_reasons"] for r in rows)


def test_outline_holds_every_limburg_municipality():
    from loaders.reference import municipalities

    ring = gaps.limburg_outline()
    outside = [m["name"] for m in municipalities() if not gaps.inside_outline(m["lon"], m["lat"], ring)]
    assert outside == []
