"""Contact-round analysis on a fixture of our own: three Taskforce meetings over three
months of 2024 (tests/contact_rounds_data.py).  Plain networkx, no store."""
import pytest

from contact_rounds_data import TODAY, build
from graph.contact_rounds import Weights, profile, rank, reasons_for
from graph.model import DocumentGraph


@pytest.fixture(scope="module")
def g():
    return build().to_networkx()


def by_name(ranked):
    return {p.name: p for p in ranked}


def texts(p):
    return [r.text for r in p.reasons]


def test_ranking_order_on_the_fixture(g):
    assert [p.name for p in rank(g, TODAY)] == [
        "Landgraaf", "Echt-Susteren", "Meerssen", "Nederweert", "Kerkrade", "Venlo"]


@pytest.mark.parametrize("name, reason", [
    ("Landgraaf", "no contact yet"),
    ("Landgraaf", "candidate for the Stuurgroep Internationale Werknemers (Pluijmen)"),
    ("Landgraaf", "region absent at the last 2 meetings (Zuid-Limburg, 13-03-2024)"),
    ("Echt-Susteren", "engagement low: 'De gemeente Echt-Susteren ziet geen urgentie.' (13-03-2024)"),
    ("Echt-Susteren", "engagement dropped: medium (10-01-2024) → low (13-03-2024)"),
    ("Nederweert", "open action item since 10-01-2024: 'Kennisambassadeur legt contact met gemeente Nederweert'"),
    ("Kerkrade", "last contact 02-11-2023 by Kennisambassadeur"),
    ("Kerkrade", "appointment planned 20-03-2024 (Kennisambassadeur with Janssen)"),
    ("Venlo", "engagement high: 'Venlo trekt de samenwerking in Noord-Limburg.' (10-01-2024)"),
])
def test_reasons_a_person_can_act_on(g, name, reason):
    assert reason in texts(by_name(rank(g, TODAY))[name])


def test_an_action_item_repeated_over_three_minutes_counts_once_from_its_first_date(g):
    p = by_name(rank(g, TODAY))["Nederweert"]
    items = [r for r in p.reasons if r.code == "open_action_item"]
    assert len(items) == 1 and "since 10-01-2024" in items[0].text


def test_score_is_the_sum_of_the_visible_weights(g):
    for p in rank(g, TODAY):
        assert p.score == pytest.approx(sum(r.weight for r in p.reasons))


def test_weights_change_the_ranking(g):
    w = Weights(stuurgroep_candidate=0.0, engagement_low=10.0)
    ranked = rank(g, TODAY, w)
    assert ranked[0].name == "Echt-Susteren"
    assert "candidate for the Stuurgroep Internationale Werknemers (Pluijmen)" in texts(by_name(ranked)["Landgraaf"])
    assert [r.weight for r in by_name(ranked)["Landgraaf"].reasons if r.code == "candidate"] == [0.0]


def test_weights_from_name_value_pairs():
    w = Weights.from_pairs(["engagement_low=5", "region-absent=0.5"])
    assert (w.engagement_low, w.region_absent) == (5.0, 0.5)
    with pytest.raises(ValueError, match="unknown weight 'bogus'"):
        Weights.from_pairs(["bogus=1"])
    with pytest.raises(ValueError, match="not a number"):
        Weights.from_pairs(["engagement_low=high"])


def test_profile_facts_of_a_municipality(g):
    p = profile(g, "municipality:kerkrade", TODAY)
    assert p.aldermen_names == ["Janssen"]
    assert (p.region_name, p.subregion_name) == ("Zuid-Limburg", "Parkstad")
    assert (p.last_held.date, p.last_held.counterpart_name) == ("2023-11-02", "Kennisambassadeur")
    assert [(c.date, c.kind) for c in p.planned(TODAY)] == [("2024-03-20", "appointment")]
    assert [(a.date, a.status) for a in p.attendance] == [("2024-03-13", "absent"), ("2024-02-14", "absent")]


def test_profile_of_an_alderman_keeps_the_municipality_context(g):
    p = profile(g, "person:pluijmen", TODAY)
    assert (p.kind, p.municipality_name, p.region_name) == ("alderman", "Landgraaf", "Zuid-Limburg")
    assert [m.body_name for m in p.candidacies] == ["Stuurgroep Internationale Werknemers"]
    # a contact between two aldermen says they talk, not that we have been to see them
    assert p.contacts == [] and {c.counterpart_name for c in p.peer_contacts} == {"Janssen"}
    assert "no contact yet" in texts(rank(g, TODAY, kind="alderman", subjects=["person:pluijmen"])[0])


def test_aldermen_ranking_lists_each_known_alderman(g):
    assert sorted(p.name for p in rank(g, TODAY, kind="alderman")) == ["Hermans", "Janssen", "Pluijmen", "Smeets"]


def test_today_is_a_parameter(g):
    """The same graph as of other days: the appointment passes, the attendance window moves."""
    later = by_name(rank(g, "2024-03-25"))["Kerkrade"]
    assert "appointment of 20-03-2024 with Janssen has passed: record whether it was held" in texts(later)
    before = by_name(rank(g, "2024-02-01"))["Kerkrade"]
    assert not any("absent" in t for t in texts(before))  # the region was there in January


def test_a_held_contact_lowers_the_priority_and_removes_no_contact_yet():
    d = build()
    before = by_name(rank(d.to_networkx(), TODAY))["Echt-Susteren"]
    log = d.add_node("Document", "contactformulier 2024-03-14", kind="contact log", path="contactformulier")
    d.add_rel("CONTACT", "person:kennisambassadeur", "person:smeets", kind="conversation", status="held",
              date="2024-03-14", source=log.id, evidence="Kennismaking over huisvesting.")
    after = by_name(rank(d.to_networkx(), TODAY))["Echt-Susteren"]
    assert "no contact yet" in texts(before) and "no contact yet" not in texts(after)
    assert "contact held 14-03-2024 by Kennisambassadeur" in texts(after)
    assert after.score < before.score - 5


def test_region_not_listed_and_attendance_of_a_representative():
    d = build()
    doc = d.nodes["document:taskforce-2024-03-13"]
    rep = d.add_node("Person", "vertegenwoordiger Zuid-Limburg", redacted=True)
    d.add_rel("REPRESENTS", rep, "region:zuid-limburg", source=doc.id, evidence="vertegenwoordiger Zuid-Limburg")
    d.add_rel("ATTENDED", rep, "meeting:taskforce-internationale-werknemers-2024-03-13", source=doc.id,
              evidence="Aanwezig: vertegenwoordiger Zuid-Limburg")
    p = profile(d.to_networkx(), "municipality:meerssen", TODAY)
    assert p.attendance[0].status == "attended"


def test_reasons_for_an_empty_profile_name_no_region():
    d = DocumentGraph()
    d.add_node("Municipality", "Beesel")
    g = d.to_networkx()
    p = profile(g, "municipality:beesel", "2024-01-01")
    assert texts(type("P", (), {"reasons": reasons_for(p, "2024-01-01", Weights())})) == [
        "no contact yet", "no engagement reported in the minutes"]


def test_unknown_subject_is_a_clear_error(g):
    with pytest.raises(ValueError, match="neither a municipality nor a person"):
        profile(g, "region:parkstad", TODAY)


def test_profile_row_for_tables(g):
    from graph.contact_rounds import profile_row

    rows = {r["name"]: r for r in (profile_row(p, TODAY) for p in rank(g, TODAY))}
    assert (rows["Kerkrade"]["last held contact"], rows["Kerkrade"]["by"]) == ("02-11-2023", "Kennisambassadeur")
    assert rows["Kerkrade"]["planned"] == "20-03-2024 appointment with Kennisambassadeur"
    assert rows["Kerkrade"]["region at last meetings"] == "13-03-2024 absent, 14-02-2024 absent"
    assert rows["Echt-Susteren"]["engagement trend"] == "medium (10-01-2024) → low (13-03-2024)"
    assert rows["Nederweert"]["open action items"] == 1
