"""A whole minutes document that is not the seed: labelled header, named attendees with
roles, numbered sections without an agenda, other projects, other municipalities."""
import pytest

from extract_helpers import rel_props, rels
from loaders.document import SourceDocument
from loaders.minutes import extract_minutes

TEXT = """Verslag Stuurgroep Internationale Werknemers
Datum: woensdag 4 oktober 2023
Tijd: 10.00 – 12.00 uur
Locatie: Provinciehuis Maastricht / MS Teams

Aanwezig:
Roger Holtus (voorzitter)
wethouder M. Kusters (gemeente Weert)
wethouder Hendriks (Venlo)
A. Brouwers (LWV)
– secretaris (Provincie Limburg)

Afwezig:
wethouder Coenen (gemeente Heerlen)
(LLTB)

1. Opening en mededelingen
De voorzitter opent de vergadering. Wethouder Coenen heeft zich afgemeld.

2. Verslag vorige vergadering d.d. 5 juli 2023
Het verslag wordt ongewijzigd vastgesteld.

3. Regio Noord-Limburg
Wethouder Hendriks meldt dat de gemeenten Venlo, Venray en Beesel samenwerken in het project Huisvestingsplatform
Noord-Limburg (HNL). Het project wordt gefinancierd uit de RegioDeal. De gemeente Bergen (L.) heeft nog geen
ambtelijke capaciteit.
Actiepunt: wethouder Hendriks informeert de kennisambassadeur over het HNL (wethouder Hendriks)

4. Regio Midden-Limburg
De gemeente Leudal oriënteert zich nog. Wethouder Kusters heeft op 20 september 2023 een gesprek gehad met de
gemeente Roerdalen.
Actie: Kusters neemt contact op met SML (gemeente Weert).

5. Rondvraag
De LWV vraagt aandacht voor het Jaarcongres Flexwonen op 9 november 2023 van het Expertisecentrum Flexwonen. De LWV
en de provincie nemen deel.
De voorzitter sluit de vergadering om 12.00 uur.
"""
MEETING = "meeting:stuurgroep-internationale-werknemers-2023-10-04"
HNL = "project:huisvestingsplatform-noord-limburg"


@pytest.fixture(scope="module")
def graph():
    return extract_minutes(SourceDocument("/tmp/stuurgroep-2023-10-04.txt", TEXT, "0" * 64, "txt"))


def test_header(graph):
    assert graph.nodes[MEETING].props == {"date": "2023-10-04", "location": "Provinciehuis Maastricht"}
    assert ("HELD_IN", MEETING, "municipality:maastricht") in rels(graph)


@pytest.mark.parametrize("rel", [
    ("CHAIR_OF", "person:roger-holtus", "body:stuurgroep-internationale-werknemers"),
    ("ALDERMAN_OF", "person:m-kusters", "municipality:weert"),
    ("ALDERMAN_OF", "person:hendriks", "municipality:venlo"),
    ("ALDERMAN_OF", "person:coenen", "municipality:heerlen"),
    ("AFFILIATED_WITH", "person:a-brouwers", "organisation:lwv"),
    ("ATTENDED", "person:roger-holtus", MEETING),
    ("ABSENT_FROM", "person:coenen", MEETING),
    ("ABSENT_FROM", "organisation:lltb", MEETING),
    ("MEETING_OF", "meeting:stuurgroep-internationale-werknemers-2023-07-05", "body:stuurgroep-internationale-werknemers"),
    ("COLLABORATES_WITH", "municipality:venlo", "municipality:beesel"),
    ("PARTNER_IN", "municipality:venray", HNL),
    ("FUNDED_BY", HNL, "programme:regiodeal"),
    ("CONTACT", "person:m-kusters", "municipality:roerdalen"),
    ("CONTACT", "person:m-kusters", "organisation:samenwerking-midden-limburg"),
    ("MEETING_OF", "meeting:jaarcongres-flexwonen", "organisation:expertisecentrum-flexwonen"),
    ("ATTENDED", "organisation:provincie-limburg", "meeting:jaarcongres-flexwonen"),
])
def test_relationships(graph, rel):
    assert rel in rels(graph), sorted(rels(graph))


def test_one_person_per_alderman_and_the_named_chair_is_the_voorzitter(graph):
    people = sorted(n.id for n in graph.nodes.values() if n.label == "Person")
    assert people == ["person:a-brouwers", "person:coenen", "person:hendriks", "person:kennisambassadeur",
                      "person:m-kusters", "person:roger-holtus",
                      "person:secretaris-stuurgroep-internationale-werknemers"]


def test_engagement_and_actions(graph):
    levels = {r.end: r.props["level"] for r in graph.rels.values() if r.type == "ENGAGEMENT"}
    assert levels == {"municipality:bergen": "low", "municipality:leudal": "medium"}
    owners = sorted(e for t, s, e in rels(graph, "ASSIGNED_TO"))
    assert owners == ["person:hendriks", "person:m-kusters"]
    assert rel_props(graph, "CONTACT", "person:m-kusters", "municipality:roerdalen")[0]["date"] == "2023-09-20"
