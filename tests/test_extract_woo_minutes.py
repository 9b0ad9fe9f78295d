"""WOO-published minutes unlike the seed: names replaced by 5.1.2e stamps, attendance on
one line, page numbers in the text, other municipalities and other phrasing."""
import pytest

from extract_helpers import rel_props, rels
from loaders.document import SourceDocument
from loaders.minutes import extract_minutes
from loaders.normalise import normalise

TEXT = """Conceptverslag Taskforce Internationale Werknemers
d.d. 9 november 2022, 13.30 - 15.00 uur, Stadskantoor Venlo

Aanwezig: 5.1.2e (voorzitter), 5.1.2e (LLTB), 5.1.2e (LWV), 5.1.2e (regio Noord-Limburg), 5.1.2e (gemeente Weert), kennisambassadeur
Afwezig: 5.1.2e (Zuid-Limburg), 5.1.2e (Provincie Limburg)

1. Opening
De voorzitter heet iedereen welkom.

2. Mededelingen
De gemeente Echt-Susteren heeft aangegeven aan te willen sluiten bij de Taskforce. Wethouder Peters van Echt-Susteren is kandidaat voor de Stuurgroep.
De gemeente Nederweert werkt samen met de gemeente Weert aan een gezamenlijke huisvestingsvisie.
Pagina 1 van 2

3. Huisvesting
De gemeenten Kerkrade en Landgraaf herkennen de problematiek niet. Simpelveld behoeft aandacht.
Op 1 december vindt een werkbezoek van de Stuurgroep plaats in de gemeente Venray.
Gedeputeerde Van den Broek (provincie Limburg) heeft op 2 november 2022 gesproken met de ABU.
Actiepunt: kennisambassadeur neemt contact op met wethouder Smeets (gemeente Brunssum) ( )
Actiepunt: LWV stelt een notitie op over flexwonen (LWV).

4. Rondvraag
Het Regionaal Bureau Arbeidsmigratie (RBA) is gestart als pilot van de gemeenten Venlo en Venray.
Pagina 2 van 2
"""
MEETING = "meeting:taskforce-internationale-werknemers-2022-11-09"


@pytest.fixture(scope="module")
def graph():
    return extract_minutes(SourceDocument("/tmp/woo-2022-11-09.txt", TEXT, "0" * 64, "txt"))


def test_stamps_are_recorded_and_no_name_is_guessed(graph):
    assert len(normalise(TEXT).redactions) == 7
    people = sorted(n.id for n in graph.nodes.values() if n.label == "Person")
    assert people == ["person:kennisambassadeur", "person:peters", "person:smeets", "person:van-den-broek",
                      "person:voorzitter-taskforce-internationale-werknemers"]
    assert graph.nodes["person:voorzitter-taskforce-internationale-werknemers"].props["redacted"] is True


def test_header_with_dd_date_and_place(graph):
    assert graph.nodes[MEETING].props == {"date": "2022-11-09", "location": "Stadskantoor Venlo"}


@pytest.mark.parametrize("rel", [
    ("ATTENDED", "organisation:lltb", MEETING), ("ATTENDED", "region:noord-limburg", MEETING),
    ("ATTENDED", "municipality:weert", MEETING), ("ATTENDED", "person:kennisambassadeur", MEETING),
    ("ABSENT_FROM", "region:zuid-limburg", MEETING), ("ABSENT_FROM", "organisation:provincie-limburg", MEETING),
    ("MEMBER_OF", "municipality:echt-susteren", "body:taskforce-internationale-werknemers"),
    ("MEMBER_OF", "person:peters", "body:stuurgroep-internationale-werknemers"),
    ("ALDERMAN_OF", "person:peters", "municipality:echt-susteren"),
    ("COLLABORATES_WITH", "municipality:nederweert", "municipality:weert"),
    ("MEETING_OF", "meeting:stuurgroep-internationale-werknemers-2022-12-01", "body:stuurgroep-internationale-werknemers"),
    ("HELD_IN", "meeting:stuurgroep-internationale-werknemers-2022-12-01", "municipality:venray"),
    ("AFFILIATED_WITH", "person:van-den-broek", "organisation:provincie-limburg"),
    ("ALDERMAN_OF", "person:smeets", "municipality:brunssum"),
])
def test_relationships(graph, rel):
    assert rel in rels(graph), sorted(rels(graph))


def test_absent_parties_never_attend(graph):
    assert ("ATTENDED", "region:zuid-limburg", MEETING) not in rels(graph)
    assert ("ATTENDED", "organisation:provincie-limburg", MEETING) not in rels(graph)


def test_candidates_and_engagement(graph):
    for who in ("municipality:echt-susteren", "person:peters"):
        body = "body:taskforce-internationale-werknemers" if who.startswith("m") else "body:stuurgroep-internationale-werknemers"
        assert rel_props(graph, "MEMBER_OF", who, body)[0]["status"] == "candidate"
    levels = {r.end: r.props["level"] for r in graph.rels.values() if r.type == "ENGAGEMENT"}
    assert levels == {"municipality:kerkrade": "low", "municipality:landgraaf": "low", "municipality:simpelveld": "low"}


def test_contact_held_before_the_meeting(graph):
    p = rel_props(graph, "CONTACT", "person:van-den-broek", "organisation:abu")[0]
    assert (p["kind"], p["status"], p["date"]) == ("conversation", "held", "2022-11-02")


def test_action_items(graph):
    items = {n.props["text"]: n.props for n in graph.nodes.values() if n.label == "ActionItem"}
    assert items["LWV stelt een notitie op over flexwonen"]["owner_redacted"] is False
    blank = items["kennisambassadeur neemt contact op met wethouder Smeets (gemeente Brunssum)"]
    assert blank["owner_redacted"] is True


def test_redactions_travel_with_the_graph_but_not_in_the_export(graph):
    assert len(graph.redactions) == 7
    assert graph.redactions[0]["stamp"] == "5.1.2e" and graph.redactions[0]["line"] == 4
    assert "redactions" not in graph.to_export()
