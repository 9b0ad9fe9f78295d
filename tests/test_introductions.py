"""Warm introductions: best paths, their order (held above planned, recent above old) and
the evidence of every step."""
import re

import pytest

from contact_rounds_data import TODAY, build
from graph.introductions import introductions, path_markdown
from graph.model import DocumentGraph


@pytest.fixture(scope="module")
def g():
    return build().to_networkx()


def test_path_to_a_person_through_contacts_with_evidence(g):
    best = introductions(g, "Pluijmen", today=TODAY)[0]
    assert best.names == ["Kennisambassadeur", "Janssen", "Pluijmen"]
    assert [s.evidence for s in best.steps] == [
        "In november sprak de Kennisambassadeur wethouder Janssen.",
        "Janssen sprak op 1 februari met Pluijmen over huisvesting."]
    assert [(s.source, s.source_date) for s in best.steps] == [
        ("document:taskforce-2024-01-10", "2024-01-10"), ("document:taskforce-2024-02-14", "2024-02-14")]
    md = path_markdown(best)
    assert "“Janssen sprak op 1 februari met Pluijmen over huisvesting.” (taskforce-2024-02-14, 14-02-2024)" in md


def test_path_to_a_municipality_ends_with_the_office(g):
    best = introductions(g, "Landgraaf", today=TODAY)[0]
    assert best.names == ["Kennisambassadeur", "Janssen", "Pluijmen", "Landgraaf"]
    assert best.steps[-1].describe() == "Pluijmen is wethouder of Landgraaf"


def _two_routes(first: dict, second: dict):
    """Kennisambassadeur reaches Target through A or through B; only the first steps differ."""
    d = DocumentGraph()
    doc = d.add_node("Document", "m", date="2024-05-01", kind="minutes", path="m.txt")
    amb, a, b, t = (d.add_node("Person", n) for n in ("Kennisambassadeur", "Aerts", "Bemelmans", "Target"))
    d.add_rel("CONTACT", amb, a, source=doc.id, evidence="via A", **first)
    d.add_rel("CONTACT", amb, b, source=doc.id, evidence="via B", **second)
    for x in (a, b):
        d.add_rel("COLLABORATES_WITH", x, t, source=doc.id, evidence=f"{x.name} werkt samen met Target")
    return d.to_networkx()


def test_held_contact_ranks_above_planned():
    g = _two_routes({"kind": "conversation", "status": "planned", "date": "2024-05-01"},
                    {"kind": "conversation", "status": "held", "date": "2024-05-01"})
    paths = introductions(g, "Target", today="2024-05-02")
    assert [p.names[1] for p in paths] == ["Bemelmans", "Aerts"]


def test_recent_contact_ranks_above_old():
    g = _two_routes({"kind": "conversation", "status": "held", "date": "2024-04-20"},
                    {"kind": "conversation", "status": "held", "date": "2023-06-01"})
    paths = introductions(g, "Target", today="2024-05-02")
    assert [p.names[1] for p in paths] == ["Aerts", "Bemelmans"]
    assert paths[0].cost < paths[1].cost


def test_paths_through_a_shared_membership_can_be_left_out():
    d = DocumentGraph()
    doc = d.add_node("Document", "m", date="2024-05-01", kind="minutes", path="m.txt")
    amb, t = d.add_node("Person", "Kennisambassadeur"), d.add_node("Person", "Target")
    body = d.add_node("Body", "Stuurgroep Internationale Werknemers")
    d.add_rel("MEMBER_OF", amb, body, status="member", source=doc.id, evidence="lid")
    d.add_rel("MEMBER_OF", t, body, status="candidate", source=doc.id, evidence="kandidaat")
    g = d.to_networkx()
    best = introductions(g, "Target", today="2024-05-02")[0]
    assert best.names == ["Kennisambassadeur", "Stuurgroep Internationale Werknemers", "Target"]
    assert best.steps[1].describe() == "Target is candidate for Stuurgroep Internationale Werknemers"
    assert introductions(g, "Target", today="2024-05-02", via_bodies=False) == []


def test_from_any_chosen_person(g):
    assert introductions(g, "Pluijmen", source="Janssen", today=TODAY)[0].names == ["Janssen", "Pluijmen"]


def test_unknown_target_is_a_clear_error(g):
    with pytest.raises(ValueError, match="no Person/Municipality/Organisation/Body/Region called 'Nobody'"):
        introductions(g, "Nobody", today=TODAY)


def test_no_connection_gives_no_paths(g):
    assert introductions(g, "Nederweert", today=TODAY) == []


def test_markdown_escapes_names_from_documents():
    d = DocumentGraph()
    doc = d.add_node("Document", "m", date="2024-05-01", kind="minutes", path="m.txt")
    a, b = d.add_node("Person", "Kennisambassadeur"), d.add_node("Person", "<img src=x onerror=alert(1)>")
    d.add_rel("CONTACT", a, b, kind="conversation", status="held", source=doc.id, evidence="*bold* <b>")
    md = path_markdown(introductions(d.to_networkx(), b.id, today="2024-05-02")[0])
    assert not re.search(r"(?<!\\)<", md)
    assert "\\<img" in md and "\\*bold\\*" in md
