"""The extractor's rules on short Dutch texts that are NOT the seed: other people,
other municipalities, other phrasing.  Each row says what must be read, and what must
not (negation, redaction)."""
import pytest

from extract_helpers import extract, minutes_doc, rel_props, rels
from loaders.minutes import extract_minutes

MEETING = "meeting:taskforce-internationale-werknemers-2023-09-20"


@pytest.mark.parametrize("text, expected", [
    ("Wethouder Janssen (gemeente Venlo) heeft een afspraak met de kennisambassadeur op 3 oktober 2023.",
     [("ALDERMAN_OF", "person:janssen", "municipality:venlo")]),
    ("De kennismakelaar heeft gesproken met wethouder Peters van Echt-Susteren.",
     [("ALDERMAN_OF", "person:peters", "municipality:echt-susteren")]),
    ("De gemeente Nederweert (wethouder De Vries) is zeer actief.",
     [("ALDERMAN_OF", "person:de-vries", "municipality:nederweert")]),
    ("Wethouder Van der Linden (Brunssum) opent het overleg.",
     [("ALDERMAN_OF", "person:van-der-linden", "municipality:brunssum")]),
    ("Burgemeester Smeets (Kerkrade) schuift aan bij het overleg.",
     [("AFFILIATED_WITH", "person:smeets", "municipality:kerkrade")]),
    ("Gedeputeerde Mevis wil de Taskforce betrekken.",
     [("AFFILIATED_WITH", "person:mevis", "organisation:provincie-limburg")]),
    ("Ingrid Hoeben van het Kenniscentrum Arbeidsmigranten geeft een presentatie.",
     [("AFFILIATED_WITH", "person:ingrid-hoeben", "organisation:kenniscentrum-arbeidsmigranten")]),
    ("Provincie laat via Marc Dassen, voorzitter Stuurgroep, een verzoek uitgaan.",
     [("CHAIR_OF", "person:marc-dassen", "body:stuurgroep-internationale-werknemers")]),
    # a political party in parentheses between the name and the place
    ("Wethouder Anja Wolters (CDA) van de gemeente Beekdaelen neemt deel.",
     [("ALDERMAN_OF", "person:anja-wolters", "municipality:beekdaelen")]),
    ("Wethouder Claessens (VVD) van Simpelveld sluit aan.",
     [("ALDERMAN_OF", "person:claessens", "municipality:simpelveld")]),
    # a party before the title, joined by a hyphen (news style)
    ("PvdA-wethouder Geurts van Roermond wil meer toezicht.",
     [("ALDERMAN_OF", "person:geurts", "municipality:roermond")]),
    ("Volgens CDA-gedeputeerde Vos is het een goede stap.",
     [("AFFILIATED_WITH", "person:vos", "organisation:provincie-limburg")]),
])
def test_people_titles_and_affiliations(text, expected):
    got = rels(extract(text))
    for e in expected:
        assert e in got, (e, sorted(got))


@pytest.mark.parametrize("text, a, b, kind, status, date", [
    ("Wethouder Janssen (gemeente Venlo) heeft een afspraak met de kennisambassadeur op 3 oktober 2023.",
     "person:janssen", "person:kennisambassadeur", "appointment", "planned", "2023-10-03"),
    ("De kennismakelaar heeft een gesprek gevoerd met wethouder Hendriks van Roerdalen.",
     "person:kennismakelaar", "person:hendriks", "conversation", "held", None),
    ("Wethouder Bos zal wethouder Kusters (Weert) vragen of hij zitting wil nemen in de Stuurgroep.",
     "person:bos", "person:kusters", "request", "planned", None),
    ("Op 2 september 2023 heeft de provincie een overleg gehad met Decisio.",
     "organisation:provincie-limburg", "organisation:decisio", "conversation", "held", "2023-09-02"),
    ("De LLTB heeft gesproken met de gemeente Landgraaf over huisvesting.",
     "organisation:lltb", "municipality:landgraaf", "conversation", "held", None),
    ("Bekeken wordt of het beleid van de gemeente Venray kan gelden. Met de gemeente Gennep wordt hier binnenkort over gesproken.",
     "municipality:venray", "municipality:gennep", "conversation", "planned", None),
    ("De kennisambassadeur heeft op 14 augustus 2023 kennisgemaakt met wethouder Lenssen van Stein.",
     "person:kennisambassadeur", "person:lenssen", "conversation", "held", "2023-08-14"),
    ("De kennismakelaar zal op 9 oktober 2023 kennismaken met wethouder Schmitz (gemeente Vaals).",
     "person:kennismakelaar", "person:schmitz", "conversation", "planned", "2023-10-09"),
    ("De LWV heeft contact gehad met de gemeente Maasgouw.",
     "organisation:lwv", "municipality:maasgouw", "conversation", "held", None),
    ("De kennismakelaar zal op 4 december 2023 een vervolgafspraak maken met wethouder Frissen (gemeente Peel en Maas).",
     "person:kennismakelaar", "person:frissen", "appointment", "planned", "2023-12-04"),
    ("De kennismakelaar heeft de gemeente Mook en Middelaar benaderd.",
     "person:kennismakelaar", "municipality:mook-en-middelaar", "request", "held", None),
    ("De kennisambassadeur zal wethouder Frissen van Peel en Maas benaderen.",
     "person:kennisambassadeur", "person:frissen", "request", "planned", None),
    ("De kennisambassadeur bezocht op 6 november 2023 de gemeente Bergen.",
     "person:kennisambassadeur", "municipality:bergen", "appointment", "held", "2023-11-06"),
])
def test_contact_moments(text, a, b, kind, status, date):
    props = rel_props(extract(text), "CONTACT", a, b)
    assert props, f"no CONTACT {a} - {b}"
    p = props[0]
    assert (p["kind"], p["status"], p.get("date")) == (kind, status, date)
    assert p["evidence"] and p["source"] == "document:test-minutes"


@pytest.mark.parametrize("text", [
    "De kennisambassadeur heeft nog niet kennisgemaakt met wethouder Lenssen van Stein.",
    "De kennisambassadeur heeft niet gebeld met de LLTB.",
    "De kennisambassadeur heeft de gemeente Bergen nog niet benaderd.",
])
def test_no_contact_moment_from_a_negated_cue(text):
    assert not [r for r in extract(text).rels.values() if r.type == "CONTACT"]


@pytest.mark.parametrize("text", [
    "Oud-wethouder Geurts van Roermond sprak met de LWV.",
    "Voormalig wethouder Geurts van Roermond sprak met de LWV.",
])
def test_a_former_alderman_is_a_person_but_no_alderman(text):
    g = extract(text)
    got = rels(g)
    assert ("ALDERMAN_OF", "person:geurts", "municipality:roermond") not in got
    assert ("CONTACT", "person:geurts", "organisation:lwv") in got
    assert not [n for n in g.nodes if "wethouder" in n], sorted(g.nodes)


def test_contact_date_in_the_next_sentence():
    g = extract("Actiepunt: Kennisambassadeur maakt afspraak met wethouder Coenen (gemeente Meerssen).\n"
                "Afspraak is gemaakt en vindt plaats op 2 oktober 2023")
    p = rel_props(g, "CONTACT", "person:kennisambassadeur", "person:coenen")[0]
    assert (p["date"], p["status"]) == ("2023-10-02", "planned")


def test_contact_to_several_coordinated_parties():
    g = extract("Op 25 september 2023 heeft de provincie een gesprek met de Maastricht University en met de UWV.")
    assert rel_props(g, "CONTACT", "organisation:provincie-limburg", "organisation:maastricht-university")
    assert rel_props(g, "CONTACT", "organisation:provincie-limburg", "organisation:uwv")


@pytest.mark.parametrize("text, municipality, level", [
    ("De gemeente Leudal herkent de problematiek niet.", "leudal", "low"),
    ("Ook de gemeente Beesel is aangehaakt.", "beesel", "medium"),
    ("De gemeente Venray heeft geen ambtelijke capaciteit om hierop in te zetten.", "venray", "low"),
    ("De gemeente Vaals is zich bewust van de problematiek. Zij willen graag een kartrekkersrol vervullen.", "vaals", "high"),
    ("De gemeente Brunssum is zeer actief op dit dossier.", "brunssum", "high"),
    ("De samenwerking tussen de gemeenten Heerlen en Kerkrade verloopt goed.", "kerkrade", "high"),
    ("Gemeente Nuth wil graag aanhaken bij de Taskforce.", "beekdaelen", "medium"),
    ("De gemeente Voerendaal staat positief tegenover deelname.", "voerendaal", "medium"),
    ("De gemeente Beesel heeft geen ambtelijke capaciteit om aan te haken.", "beesel", "low"),
    ("De gemeente Bergen heeft een huisvestingsplan vastgesteld.", "bergen", "high"),
    ("De gemeente Venray pakt een trekkersrol in de regio.", "venray", "high"),
])
def test_engagement_levels(text, municipality, level):
    g = extract(text)
    props = rel_props(g, "ENGAGEMENT", "document:test-minutes", f"municipality:{municipality}")
    assert [p["level"] for p in props] == [level]


def test_engagement_is_not_read_from_a_negated_cue():
    g = extract("De samenwerking met de gemeente Gulpen-Wittem verloopt niet goed.")
    assert not rel_props(g, "ENGAGEMENT", "document:test-minutes", "municipality:gulpen-wittem") or \
        rel_props(g, "ENGAGEMENT", "document:test-minutes", "municipality:gulpen-wittem")[0]["level"] != "high"


def test_engagement_stays_in_its_clause():
    g = extract("De gemeente Weert is zeer actief, maar de gemeente Roermond herkent de problematiek niet.")
    assert [p["level"] for p in rel_props(g, "ENGAGEMENT", "document:test-minutes", "municipality:weert")] == ["high"]
    assert [p["level"] for p in rel_props(g, "ENGAGEMENT", "document:test-minutes", "municipality:roermond")] == ["low"]


def test_attendance_read_in_the_text_with_negation():
    g = extract("Op 5 november 2023 vindt het Congres Arbeidsmigratie van de VNG plaats. "
                "De LWV kan hierbij niet aanwezig zijn. Het UWV en de kennismakelaar nemen deel.")
    meeting = "meeting:congres-arbeidsmigratie"
    got = rels(g)
    assert ("MEETING_OF", meeting, "organisation:vng") in got
    assert ("ABSENT_FROM", "organisation:lwv", meeting) in got
    assert ("ATTENDED", "organisation:uwv", meeting) in got
    assert ("ATTENDED", "person:kennismakelaar", meeting) in got
    assert ("ATTENDED", "organisation:lwv", meeting) not in got
    assert g.nodes[meeting].props["date"] == "2023-11-05"


def test_attendance_lists_with_names_roles_and_blanks():
    head = ("Aanwezig\nJ. Janssen (LWV)\nwethouder Peters (gemeente Venlo)\n – voorzitter\n (kennismakelaar)\n"
            "Afwezig\n (LLTB)\n (Parkstad)\n")
    g = extract_minutes(minutes_doc("1. Opening.", head=head))
    got = rels(g)
    assert ("ATTENDED", "organisation:lwv", MEETING) in got
    assert ("ATTENDED", "person:j-janssen", MEETING) in got
    assert ("AFFILIATED_WITH", "person:j-janssen", "organisation:lwv") in got
    assert ("ALDERMAN_OF", "person:peters", "municipality:venlo") in got
    assert ("ATTENDED", "person:kennismakelaar", MEETING) in got
    assert ("ABSENT_FROM", "organisation:lltb", MEETING) in got
    assert ("ABSENT_FROM", "region:parkstad", MEETING) in got
    assert ("ATTENDED", "organisation:lltb", MEETING) not in got
    chair = "person:voorzitter-taskforce-internationale-werknemers"
    assert g.nodes[chair].props["redacted"] is True
    assert ("CHAIR_OF", chair, "body:taskforce-internationale-werknemers") in got


def test_attendance_list_with_the_person_in_parentheses_and_absent_with_notice():
    """'gemeente Roermond (wethouder Van Reij)': the party first, its person in the
    parentheses; 'Afwezig met kennisgeving' heads an absence list like 'Afwezig'."""
    head = ("Aanwezig: gemeente Roermond (wethouder Van Reij), Provincie Limburg (gedeputeerde Satijn), LWV\n"
            "Afwezig met kennisgeving: gemeente Venlo, LLTB\n")
    g = extract_minutes(minutes_doc("1. Opening.", head=head))
    got = rels(g)
    assert ("ALDERMAN_OF", "person:van-reij", "municipality:roermond") in got
    assert ("ATTENDED", "municipality:roermond", MEETING) in got
    assert ("AFFILIATED_WITH", "person:satijn", "organisation:provincie-limburg") in got
    assert ("ABSENT_FROM", "municipality:venlo", MEETING) in got
    assert ("ABSENT_FROM", "organisation:lltb", MEETING) in got
    people = sorted(n.name for n in g.nodes.values() if n.label == "Person")
    assert people == ["Satijn", "Van Reij"], people  # no 'gemeente Roermond' or 'met kennisgeving' person


def test_attendance_line_with_a_plural_title_and_entries_joined_by_en():
    head = "Aanwezig: wethouders Schmitz (Vaals), Coenen (Gulpen-Wittem) en Hermans (Sittard-Geleen); mw. De Jong (LWV)\n"
    g = extract_minutes(minutes_doc("1. Opening.", head=head))
    got = rels(g)
    for person, place in (("schmitz", "vaals"), ("coenen", "gulpen-wittem"), ("hermans", "sittard-geleen")):
        assert ("ALDERMAN_OF", f"person:{person}", f"municipality:{place}") in got
        assert ("ATTENDED", f"municipality:{place}", MEETING) in got
    assert ("AFFILIATED_WITH", "person:de-jong", "organisation:lwv") in got
    people = sorted(n.id for n in g.nodes.values() if n.label == "Person")
    assert people == ["person:coenen", "person:de-jong", "person:hermans", "person:schmitz"], people
    evidence = {r.props["evidence"] for r in g.rels.values() if r.type == "ALDERMAN_OF"}
    assert "Aanwezig: Coenen (Gulpen-Wittem)" in evidence  # the entry as written


@pytest.mark.parametrize("heading", ["Actiepunten", "Actielijst", "3. Actiepunten", "Acties:", "Afspraken:"])
def test_a_heading_over_a_list_of_action_items(heading):
    g = extract_minutes(minutes_doc(f"1. Opening.\n\n{heading}\n- LLTB: lijst met bedrijven aanleveren\n"
                                    "- Notitie delen met de Stuurgroep (gemeente Brunssum)\n"))
    items = sorted(n.props["text"] for n in g.nodes.values() if n.label == "ActionItem")
    assert items == ["LLTB: lijst met bedrijven aanleveren", "Notitie delen met de Stuurgroep"], items
    owners = sorted(e for _, _, e in rels(g, "ASSIGNED_TO"))
    assert owners == ["municipality:brunssum", "organisation:lltb"]


@pytest.mark.parametrize("line, head, rest", [
    ("Afwezig met kennisgeving: LLTB", "Afwezig met kennisgeving", "LLTB"),
    ("Afwezig (met kennisgeving): LLTB, LWV", "Afwezig (met kennisgeving)", "LLTB, LWV"),
    ("Afgemeld met bericht: gemeente Vaals", "Afgemeld met bericht", "gemeente Vaals"),
    ("Afwezig: LLTB", "Afwezig", "LLTB"),
])
def test_attendance_headings(line, head, rest):
    from loaders.minutes.structure import ATTENDANCE_HEAD

    m = ATTENDANCE_HEAD.match(line)
    assert (m.group(1), m.group(2)) == (head, rest)


def test_inline_lists_with_bare_organisation_names():
    text = ("Notulen Stuurgroep Internationale Werknemers\nDatum: 3 oktober 2023\nLocatie: Stadhuis Heerlen\n"
            "Aanwezig: P. Peters (gemeente Kerkrade), LWV\nAfgemeld: LLTB\n\n1. Opening\n")
    from loaders.document import SourceDocument

    g = extract_minutes(SourceDocument("/tmp/sg.txt", text, "0" * 64, "txt"))
    meeting = "meeting:stuurgroep-internationale-werknemers-2023-10-03"
    got = rels(g)
    assert ("ABSENT_FROM", "organisation:lltb", meeting) in got
    assert ("ATTENDED", "organisation:lwv", meeting) in got
    assert ("ATTENDED", "person:p-peters", meeting) in got
    assert ("HELD_IN", meeting, "municipality:heerlen") in got
    assert sorted(n.name for n in g.nodes.values() if n.label == "Person") == ["P. Peters"]


@pytest.mark.parametrize("entry, party", [
    ("gemeente Gennep", "municipality:gennep"),
    ("de gemeente Mook en Middelaar", "municipality:mook-en-middelaar"),
    ("Gemeente Bergen", "municipality:bergen"),
    ("regio Midden-Limburg", "region:midden-limburg"),
    ("de LLTB", "organisation:lltb"),
])
def test_a_listed_party_with_a_prefix_is_that_party_not_a_person(entry, party):
    """'Afwezig: gemeente Gennep, ...' names the municipality; no Person 'gemeente Gennep'."""
    text = ("Notulen BO Wonen Noord-Limburg\n1 februari 2024, gemeentehuis Venray\n"
            f"Aanwezig: wethouder Hermans (Venray)\nAfwezig: {entry}, LWV\n\n1. Opening\n")
    from loaders.document import SourceDocument

    g = extract_minutes(SourceDocument("/tmp/bo.txt", text, "0" * 64, "txt"))
    meeting = next(n.id for n in g.nodes.values() if n.label == "Meeting")
    assert ("ABSENT_FROM", party, meeting) in rels(g)
    assert [n.name for n in g.nodes.values() if n.label == "Person"] == ["Hermans"]


def test_minutes_meeting_header():
    g = extract("1. Opening.")
    m = g.nodes[MEETING]
    assert m.props == {"date": "2023-09-20", "location": "Stadhuis Venlo"}
    assert ("MEETING_OF", MEETING, "body:taskforce-internationale-werknemers") in rels(g)
    assert ("HELD_IN", MEETING, "municipality:venlo") in rels(g)
    doc = g.nodes["document:test-minutes"]
    assert doc.props["kind"] == "minutes" and doc.props["date"] == "2023-09-20" and doc.props["path"]


@pytest.mark.parametrize("text, present, absent", [
    ("Wethouder Hermans meldt dat de gemeente Venray samen met de gemeente Venlo een locatie onderzoekt.",
     [("COLLABORATES_WITH", "municipality:venlo", "municipality:venray")],
     [("COLLABORATES_WITH", "municipality:venlo", "person:hermans")]),
    ("De LWV geeft aan dat de LLTB samen met de gemeente Weert een werkbezoek voorbereidt.",
     [("COLLABORATES_WITH", "municipality:weert", "organisation:lltb")],
     [("COLLABORATES_WITH", "municipality:weert", "organisation:lwv")]),
    ("De pilot Huisvestingsloket wordt niet ondersteund vanuit de RegioDeal.",
     [], [("FUNDED_BY", "project:huisvestingsloket", "programme:regiodeal")]),
    ("De pilot Huisvestingsloket wordt ondersteund vanuit de RegioDeal.",
     [("FUNDED_BY", "project:huisvestingsloket", "programme:regiodeal")], []),
    ("Het project Werkpunt Venlo wordt gefinancierd uit het Volkshuisvestingsfonds.",
     [("FUNDED_BY", "project:werkpunt-venlo", "programme:volkshuisvestingsfonds")], []),
    ("De pilot Werkwijzer is onderdeel van het project Servicepunt Arbeidsmigranten.",
     [("PART_OF", "project:werkwijzer", "project:servicepunt-arbeidsmigranten")], []),
    ("Het Interreg projectvoorstel Grenzeloos Werken in de Euregio (GWE) is ingediend. "
     "De gemeente Venlo is als geassocieerde partner betrokken. "
     "De provincie heeft vooralsnog niet het voornemen om projectpartner te worden.",
     [("FUNDED_BY", "project:grenzeloos-werken-in-de-euregio", "programme:interreg"),
      ("PARTNER_IN", "municipality:venlo", "project:grenzeloos-werken-in-de-euregio"),
      ("DECLINED", "organisation:provincie-limburg", "project:grenzeloos-werken-in-de-euregio")],
     [("PARTNER_IN", "organisation:provincie-limburg", "project:grenzeloos-werken-in-de-euregio")]),
    ("De LLTB stelt voor om samen met de LWV een brief op te stellen.",
     [("COLLABORATES_WITH", "organisation:lltb", "organisation:lwv")], []),
    ("In Parkstad verloopt de samenwerking tussen de gemeenten (Heerlen, Kerkrade en Landgraaf) goed.",
     [("COLLABORATES_WITH", "municipality:heerlen", "municipality:kerkrade"),
      ("COLLABORATES_WITH", "municipality:kerkrade", "municipality:landgraaf")],
     [("COLLABORATES_WITH", "region:parkstad", "municipality:heerlen")]),
    ("Het Regionaal Platform Arbeidsmarkt (RPA) is aangehaakt. Het RPA en de LWV werken samen.",
     [("COLLABORATES_WITH", "organisation:regionaal-platform-arbeidsmarkt", "organisation:lwv")], []),
    ("In Parkstad werken Heerlen en Kerkrade goed samen.",
     [("COLLABORATES_WITH", "municipality:heerlen", "municipality:kerkrade")], []),
    ("De regio Westelijke Mijnstreek wordt in de Taskforce vertegenwoordigd door de gemeente Stein.",
     [("REPRESENTS", "municipality:stein", "region:westelijke-mijnstreek")], []),
    ("De regio Westelijke Mijnstreek wordt niet meer vertegenwoordigd door de gemeente Stein.",
     [], [("REPRESENTS", "municipality:stein", "region:westelijke-mijnstreek")]),
    ("De regio Westelijke Mijnstreek zou vertegenwoordigd kunnen worden door de gemeente Stein.",
     [], [("REPRESENTS", "municipality:stein", "region:westelijke-mijnstreek")]),
    # the agent of a passive: 'door X samen met Y', 'uitgevoerd door X'
    ("De bijeenkomst wordt georganiseerd door de gemeente Echt-Susteren samen met de LLTB.",
     [("COLLABORATES_WITH", "municipality:echt-susteren", "organisation:lltb")], []),
    ("De bijeenkomst wordt niet georganiseerd door de gemeente Echt-Susteren samen met de LLTB.",
     [], [("COLLABORATES_WITH", "municipality:echt-susteren", "organisation:lltb")]),
    ("Het project Huisvestingsloket wordt uitgevoerd door de gemeente Roermond samen met de LWV.",
     [("PARTNER_IN", "municipality:roermond", "project:huisvestingsloket"),
      ("PARTNER_IN", "organisation:lwv", "project:huisvestingsloket"),
      ("COLLABORATES_WITH", "municipality:roermond", "organisation:lwv")], []),
    ("Het project Huisvestingsloket is ontwikkeld door de gemeenten Weert en Nederweert.",
     [("PARTNER_IN", "municipality:weert", "project:huisvestingsloket"),
      ("PARTNER_IN", "municipality:nederweert", "project:huisvestingsloket")], []),
    ("Het project Huisvestingsloket wordt niet uitgevoerd door de LWV.",
     [], [("PARTNER_IN", "organisation:lwv", "project:huisvestingsloket")]),
    ("Het project Huisvestingsloket is gestart, de evaluatie wordt uitgevoerd door de LWV.",
     [], [("PARTNER_IN", "organisation:lwv", "project:huisvestingsloket")]),
    ("De evaluatie van de pilot wordt uitgevoerd door de provincie.",
     [], [("PARTNER_IN", "organisation:provincie-limburg", "project:huisvestingsloket")]),
    ("De gemeente Venray vertegenwoordigt de regio Noord-Limburg.",
     [("REPRESENTS", "municipality:venray", "region:noord-limburg")], []),
    ("Wethouder Bos zal wethouder Kusters (Weert) vragen of hij zitting wil nemen in de Stuurgroep.",
     [("MEMBER_OF", "person:kusters", "body:stuurgroep-internationale-werknemers")],
     [("MEMBER_OF", "person:bos", "body:stuurgroep-internationale-werknemers")]),
])
def test_projects_collaboration_membership_and_negation(text, present, absent):
    got = rels(extract(text))
    for e in present:
        assert e in got or (e[0] == "COLLABORATES_WITH" and (e[0], e[2], e[1]) in got), (e, sorted(got))
    for e in absent:
        assert e not in got and (e[0], e[2], e[1]) not in got, e


def test_candidate_status():
    g = extract("Wethouder Bos zal wethouder Kusters (Weert) vragen of hij zitting wil nemen in de Stuurgroep.")
    assert rel_props(g, "MEMBER_OF", "person:kusters", "body:stuurgroep-internationale-werknemers")[0]["status"] == "candidate"


@pytest.mark.parametrize("text, label, node_id, alias", [
    ("De Stuurgroep Internationale Werkgevers vergadert.", "Body", "body:stuurgroep-internationale-werknemers",
     "Stuurgroep Internationale Werkgevers"),
    ("Er is contact met Horst a/d Maas.", "Municipality", "municipality:horst-aan-de-maas", "Horst a/d Maas"),
    ("Er is contact met de Hochshule Rhein-Waal.", "Organisation", "organisation:hochschule-rhein-waal",
     "Hochshule Rhein-Waal"),
    ("Het Regionaal Platform Arbeidsmarkt (RPA) is aangehaakt.", "Organisation",
     "organisation:regionaal-platform-arbeidsmarkt", None),
    ("Het rapport komt van het Expertisecentrum Huisvesting Limburg.", "Organisation",
     "organisation:expertisecentrum-huisvesting-limburg", None),
    ("De werkgroep Arbeidsmigratie Venray komt bijeen.", "Body", "body:werkgroep-arbeidsmigratie-venray", None),
    ("De Zuyd Hogeschool doet onderzoek.", "Organisation", "organisation:zuyd-hogeschool", None),
    ("Er is contact met de organisatie Flexwonen Plus.", "Organisation", "organisation:flexwonen-plus", None),
])
def test_entities_found_and_resolved(text, label, node_id, alias):
    g = extract(text)
    assert node_id in g.nodes, sorted(g.nodes)
    node = g.nodes[node_id]
    assert node.label == label
    if alias:
        assert alias in node.aliases
    assert ("MENTIONS", "document:test-minutes", node_id) in rels(g)


@pytest.mark.parametrize("text, node_id, wrong", [
    # an honorific opening the sentence is no part of the name
    ("Mevrouw Vossen geeft aan dat de notitie klaar is.", "person:vossen", "person:mevrouw-vossen"),
    ("Dhr. Lenders meldt dat het goed gaat.", "person:lenders", "person:dhr-lenders"),
    # a date after a particle ends a name found by its shape
    ("In de Werkgroep Huisvesting van 12 februari 2024 is het besproken.", "body:werkgroep-huisvesting",
     "body:werkgroep-huisvesting-van-12"),
])
def test_names_end_where_they_end(text, node_id, wrong):
    g = extract(text)
    assert node_id in g.nodes and wrong not in g.nodes, sorted(g.nodes)


def test_a_known_name_keeps_no_alias_with_a_date_glued_to_it():
    g = extract("Er is een bijeenkomst van het Kenniscentrum Arbeidsmigranten op 18 april 2024.")
    node = g.nodes["organisation:kenniscentrum-arbeidsmigranten"]
    assert not [a for a in node.aliases if "18" in a], node.aliases


def test_attendance_entry_on_behalf_of():
    head = ("Aanwezig:\n- de heer R. Hoogland namens de regio Parkstad\n- J. Smeets (namens de LLTB)\n"
            "- mevrouw Lenders, namens de LWV\n- Provincie Limburg (GS)\n")
    g = extract_minutes(minutes_doc("1. Opening.", head=head))
    got = rels(g)
    assert ("REPRESENTS", "person:r-hoogland", "region:parkstad") in got
    assert ("ATTENDED", "region:parkstad", MEETING) in got
    assert ("AFFILIATED_WITH", "person:j-smeets", "organisation:lltb") in got
    assert ("AFFILIATED_WITH", "person:lenders", "organisation:lwv") in got
    assert ("ATTENDED", "organisation:provincie-limburg", MEETING) in got
    people = sorted(n.id for n in g.nodes.values() if n.label == "Person")
    assert people == ["person:j-smeets", "person:lenders", "person:r-hoogland"], people


def test_acronym_and_long_name_are_one_entity():
    g = extract("Het Regionaal Platform Arbeidsmarkt (RPA) is aangehaakt. Het RPA en de LWV werken samen.")
    node = g.nodes["organisation:regionaal-platform-arbeidsmarkt"]
    assert node.props.get("acronym") == "RPA" and "RPA" in node.aliases
    assert not [n for n in g.nodes if n == "organisation:rpa"]


def test_elliptic_region_list():
    g = extract("De regio's Noord-, Midden- en Zuid-Limburg zijn vertegenwoordigd.")
    for r in ("noord-limburg", "midden-limburg", "zuid-limburg"):
        assert ("MENTIONS", "document:test-minutes", f"region:{r}") in rels(g)


def test_surname_resolves_to_the_full_name():
    g = extract("Provincie laat via Marc Dassen, voorzitter Stuurgroep, een verzoek uitgaan. "
                "Voorzitter Dassen sluit de vergadering.")
    people = [n for n in g.nodes.values() if n.label == "Person" and "Dassen" in n.name]
    assert [p.id for p in people] == ["person:marc-dassen"]


def test_role_holders_are_redacted_people_and_never_named():
    g = extract("Volledigheidshalve wordt de vertegenwoordiger van Parkstad geinformeerd. "
                "De voorzitter opent de vergadering. Op 3 oktober 2023 spreekt de kennisambassadeur met de LWV.")
    rep = g.nodes["person:vertegenwoordiger-parkstad"]
    assert rep.props == {"redacted": True, "title": "vertegenwoordiger"}
    assert ("REPRESENTS", rep.id, "region:parkstad") in rels(g)
    assert g.nodes["person:voorzitter-taskforce-internationale-werknemers"].props["redacted"] is True
    assert g.nodes["person:kennisambassadeur"].props["redacted"] is True


def test_woo_stamp_leaves_no_guessed_person():
    g = extract("Wethouder 5.1.2e (gemeente Beek) heeft gesproken met de LLTB.")
    assert not [n for n in g.nodes.values() if n.label == "Person"]
    assert "municipality:beek" in g.nodes


def test_plural_titles_with_portfolios_are_not_people():
    g = extract("In Midden-Limburg zijn gesprekken gevoerd met de wethouders Economie, Wonen en Recreatie.")
    assert not [n for n in g.nodes.values() if n.label == "Person"]


@pytest.mark.parametrize("line, owners, redacted, status", [
    ("Actiepunt: Contact opnemen met de gemeente Beesel ( )", [], True, "open"),
    ("Actie: LLTB en LWV leveren een lijst met bedrijven aan.", ["organisation:lltb", "organisation:lwv"], False, "open"),
    ("Actiepunt: rapport delen met de leden (Provincie Limburg)", ["organisation:provincie-limburg"], False, "open"),
    ("Actiepunt: Kennismakelaar plant een gesprek met wethouder Coenen (gemeente Meerssen).",
     ["person:kennismakelaar"], False, "open"),
    ("Actiepunt: Vertegenwoordiger Parkstad informeren over de agenda ( )", [], True, "open"),
    ("Actiepunt: Provincie stelt een werkplan op.\nDe provincie heeft het werkplan opgesteld.",
     ["organisation:provincie-limburg"], False, "done"),
    ("Actiepunt: Leden Taskforce leveren namen aan (afgerond)", ["body:taskforce-internationale-werknemers"], False,
     "done"),
    ("Actiepunt: Wethouder Van den Beuken plant een gesprek met de kennisambassadeur (gemeente Beesel)",
     ["person:van-den-beuken"], False, "open"),
    ("Actie: Gedeputeerde Mevis stuurt de brief aan de gemeenten.", ["person:mevis"], False, "open"),
    ("Actiepunt: Notitie huisvesting delen met de Stuurgroep (LWV) - afgerond", ["organisation:lwv"], False, "done"),
    ("Actie: Overzicht locaties opstellen (LLTB), gereed.", ["organisation:lltb"], False, "done"),
    # '(gemeente X)' names the owner unless it follows a person, whom it places
    ("Actiepunt: Notitie huisvestingsvisie delen met de Stuurgroep (gemeente Kerkrade)",
     ["municipality:kerkrade"], False, "open"),
])
def test_action_items(line, owners, redacted, status):
    g = extract(line)
    items = [n for n in g.nodes.values() if n.label == "ActionItem"]
    assert len(items) == 1
    item = items[0]
    assert item.props["owner_redacted"] is redacted
    assert item.props["status"] == status
    assert sorted(e for t, s, e in rels(g, "ASSIGNED_TO")) == sorted(owners)
    assert ("RAISED_IN", item.id, MEETING) in rels(g)


def test_every_relationship_has_provenance():
    g = extract("Wethouder Janssen (gemeente Venlo) heeft een afspraak met de kennisambassadeur op 3 oktober 2023. "
                "De gemeente Leudal herkent de problematiek niet.")
    for r in g.rels.values():
        assert r.props["source"] == "document:test-minutes"
        assert r.props["evidence"] and "  " not in r.props["evidence"]


@pytest.mark.parametrize("text, doc_id, kind, author", [
    ("Er ligt een rapport van het RIEC over uitbuiting.", "document:rapport-riec", "report", "organisation:riec"),
    ("De Taskforce bespreekt de consultatiereactie van de VNG.", "document:consultatiereactie-vng",
     "consultation response", "organisation:vng"),
    ('Het opiniestuk 1Limburg d.d. 2 september 2023, "Arbeidsmigrant verdient beter" wordt besproken.',
     "document:arbeidsmigrant-verdient-beter", "opinion piece", "organisation:1limburg"),
    ("Ingrid Hoeben deelt een rapport van Jan Claessens over flexwonen.", "document:rapport-jan-claessens", "report",
     "person:jan-claessens"),
])
def test_referenced_documents_and_authors(text, doc_id, kind, author):
    g = extract(text)
    assert g.nodes[doc_id].props["kind"] == kind
    assert ("AUTHORED", author, doc_id) in rels(g)


def test_opinion_piece_date_and_blank_author():
    g = extract('Het opiniestuk Dagblad De Limburger d.d. 8 september 2023, "Huisvesting nu" door ( ) wordt besproken.')
    doc = g.nodes["document:huisvesting-nu"]
    assert doc.props["date"] == "2023-09-08"
    assert [s for t, s, e in rels(g, "AUTHORED")] == ["organisation:dagblad-de-limburger"]


def test_news_text_without_minutes_structure():
    from loaders.document import SourceDocument

    text = ("Gemeenten werken samen aan huisvesting arbeidsmigranten\n"
            "VENLO - Wethouder Hendriks (gemeente Venlo) heeft op 12 oktober 2023 gesproken met de LLTB. "
            "De gemeente Venlo is zeer actief. Ook Horst aan de Maas is aangehaakt.\n")
    g = extract_minutes(SourceDocument("/tmp/news.txt", text, "0" * 64, "txt"))
    got = rels(g)
    assert ("ALDERMAN_OF", "person:hendriks", "municipality:venlo") in got
    assert rel_props(g, "CONTACT", "person:hendriks", "organisation:lltb")[0]["date"] == "2023-10-12"
    assert not [n for n in g.nodes.values() if n.label == "Meeting"]


@pytest.mark.parametrize("text", ["", "   \n\n ", "Alleen een titel", "1.\n2.\nActie:\n( )"])
def test_degenerate_input_gives_a_graph_not_an_error(text):
    from loaders.document import SourceDocument

    g = extract_minutes(SourceDocument("/tmp/empty.txt", text, "0" * 64, "txt"))
    assert "document:empty" in g.nodes


def test_title_without_verslag_still_names_the_body():
    from loaders.document import SourceDocument

    text = "Stuurgroep Internationale Werknemers 3 oktober 2023\nAanwezig\n(LWV)\n\n1. Opening\n"
    g = extract_minutes(SourceDocument("/tmp/sg.txt", text, "0" * 64, "txt"))
    meeting = "meeting:stuurgroep-internationale-werknemers-2023-10-03"
    assert ("MEETING_OF", meeting, "body:stuurgroep-internationale-werknemers") in rels(g)
    assert ("ATTENDED", "organisation:lwv", meeting) in rels(g)


@pytest.mark.parametrize("text, person", [
    ("Petro Kuijpers attendeert op een rapport.", "person:petro-kuijpers"),
    ("Nieuwe Regeling gaat in per januari.", None),
    ("Sociale Zaken meldt een wijziging.", None),
    ("Provinciale Staten besluiten in juni.", None),
    ("Greenport Venlo organiseert een werkbezoek.", None),
])
def test_two_capitalised_words_opening_a_sentence(text, person):
    g = extract(text)
    people = [n.id for n in g.nodes.values() if n.label == "Person"]
    assert people == ([person] if person else [])


@pytest.mark.parametrize("text, expected", [
    ("Venlo en Venray slaan de handen ineen voor betere huisvesting.",
     ("COLLABORATES_WITH", "municipality:venlo", "municipality:venray")),
    ("De gemeenten Sittard en Stein ondertekenen een convenant over flexwonen.",
     ("COLLABORATES_WITH", "municipality:sittard-geleen", "municipality:stein")),
    ("Wonen Limburg sprak met de gemeente Roermond over tijdelijke woningen.",
     ("CONTACT", "organisation:wonen-limburg", "municipality:roermond")),
    ("De provincie nodigt de LWV uit voor een rondetafelgesprek.",
     ("CONTACT", "organisation:provincie-limburg", "organisation:lwv")),
    ("Gedeputeerde Mevis bracht een werkbezoek aan de gemeente Nuth.",
     ("CONTACT", "person:mevis", "municipality:beekdaelen")),
])
def test_news_phrasing(text, expected):
    got = rels(extract(text))
    assert expected in got or (expected[0], expected[2], expected[1]) in got, sorted(got)


@pytest.mark.parametrize("text, municipality", [
    ("In Panningen is een servicepunt geopend.", "peel-en-maas"),
    ("De oude gemeente Schinnen had geen beleid.", "beekdaelen"),
    ("Horst a.d. Maas en Valkenburg a/d Geul doen mee.", "valkenburg-aan-de-geul"),
])
def test_town_and_former_municipality_names(text, municipality):
    g = extract(text)
    assert f"municipality:{municipality}" in g.nodes


def test_resolution_across_documents_with_known_names():
    from loaders.contacts import known_names

    first = extract("Provincie laat via Marc Dassen, voorzitter Stuurgroep, een verzoek uitgaan. "
                    "Het Expertisecentrum Huisvesting Limburg deelt een rapport.", name="first")
    known = known_names(first)
    second = extract_minutes(minutes_doc("Voorzitter Dassen spreekt met het Expertisecentrum Huisvesting Limbrug.",
                                         name="second"), known=known)
    assert "person:marc-dassen" in second.nodes and "person:dassen" not in second.nodes
    assert "organisation:expertisecentrum-huisvesting-limburg" in second.nodes
    alone = extract("Voorzitter Dassen spreekt met de LWV.", name="alone")
    assert "person:dassen" in alone.nodes


def test_action_list_table_from_a_docx():
    body = ("1. Actielijst\nNr\tActie\tWie\tStatus\n1\tLijst met bedrijven aanleveren\tLWV\tAfgerond\n"
            "2\tContact opnemen met de gemeente Venlo\tKennisambassadeur\tLoopt\n3\tNotitie opstellen\t\tOpen\n")
    g = extract(body)
    items = {n.props["text"]: n for n in g.nodes.values() if n.label == "ActionItem"}
    assert sorted(items) == ["Contact opnemen met de gemeente Venlo", "Lijst met bedrijven aanleveren", "Notitie opstellen"]
    done = items["Lijst met bedrijven aanleveren"]
    assert done.props["status"] == "done"
    assert ("ASSIGNED_TO", done.id, "organisation:lwv") in rels(g)
    venlo = items["Contact opnemen met de gemeente Venlo"]
    assert venlo.props["status"] == "open"
    assert ("ASSIGNED_TO", venlo.id, "person:kennisambassadeur") in rels(g)
    assert items["Notitie opstellen"].props["owner_redacted"] is True


@pytest.mark.parametrize("text, absent", [
    ("De gemeente Venlo heeft geen afspraak met de LLTB.", ("CONTACT", "municipality:venlo", "organisation:lltb")),
    ("De provincie Limburg sprak met de LWV. Het overleg met de LLTB is uitgesteld.",
     ("CONTACT", "organisation:provincie-limburg", "organisation:lltb")),
    ("Venlo werkt niet samen met Venray.", ("COLLABORATES_WITH", "municipality:venlo", "municipality:venray")),
    ("Wethouder Janssen is niet langer wethouder van Venlo.", ("ALDERMAN_OF", "person:janssen", "municipality:venlo")),
    ("De gemeente Weert is niet zeer actief.", ("ENGAGEMENT", "document:test-minutes", "municipality:weert")),
    ("De gemeente Weert is niet actief op dit dossier.", ("ENGAGEMENT", "document:test-minutes", "municipality:weert")),
])
def test_negated_or_unsupported_statements_make_no_relationship(text, absent):
    got = rels(extract(text))
    assert absent not in got and (absent[0], absent[2], absent[1]) not in got


@pytest.mark.parametrize("text, expected", [
    ("Jan Janssen, wethouder van Venray, opent de bijeenkomst.", ("ALDERMAN_OF", "person:jan-janssen", "municipality:venray")),
    ("Wethouder Peeters (CDA, Venlo) is positief.", ("ALDERMAN_OF", "person:peeters", "municipality:venlo")),
    ("Burgemeester Antoin Scholten van Venlo spreekt.", ("AFFILIATED_WITH", "person:antoin-scholten", "municipality:venlo")),
    ("Mevrouw De Wit van de LLTB licht het toe.", ("AFFILIATED_WITH", "person:de-wit", "organisation:lltb")),
])
def test_more_ways_to_say_where_someone_belongs(text, expected):
    got = rels(extract(text))
    assert expected in got, sorted(got)


@pytest.mark.parametrize("text, expected", [
    ("De Stuurgroep bestaat uit de wethouders van Venlo, Weert en Heerlen.",
     [("MEMBER_OF", "municipality:venlo", "body:stuurgroep-internationale-werknemers"),
      ("MEMBER_OF", "municipality:heerlen", "body:stuurgroep-internationale-werknemers")]),
    ("De gemeente Roerdalen wordt lid van de Taskforce.",
     [("MEMBER_OF", "municipality:roerdalen", "body:taskforce-internationale-werknemers")]),
    ("Namens de regio Zuid-Limburg neemt wethouder Coenen deel aan de Stuurgroep.",
     [("REPRESENTS", "person:coenen", "region:zuid-limburg")]),
    ("De kennisambassadeur heeft gesprekken gevoerd met de wethouders van Venlo, Venray en Horst aan de Maas.",
     [("CONTACT", "person:kennisambassadeur", "municipality:venlo"),
      ("CONTACT", "person:kennisambassadeur", "municipality:horst-aan-de-maas")]),
])
def test_membership_and_representation_phrasing(text, expected):
    got = rels(extract(text))
    for e in expected:
        assert e in got, (e, sorted(got))


def test_action_list_under_a_heading_and_owner_before_the_colon():
    g = extract("2. Actiepunten\nActiepunten:\n- LLTB levert een lijst met bedrijven aan.\n"
                "- Kennisambassadeur plant een gesprek met wethouder Coenen.\n"
                "Actie (LWV): notitie over flexwonen opstellen\n3. Rondvraag\nDe voorzitter sluit.")
    items = {n.props["text"]: n for n in g.nodes.values() if n.label == "ActionItem"}
    assert sorted(items) == ["Kennisambassadeur plant een gesprek met wethouder Coenen",
                             "LLTB levert een lijst met bedrijven aan", "notitie over flexwonen opstellen"]
    owners = {t: sorted(e for k, s, e in rels(g, "ASSIGNED_TO") if s == n.id) for t, n in items.items()}
    assert owners["LLTB levert een lijst met bedrijven aan"] == ["organisation:lltb"]
    assert owners["notitie over flexwonen opstellen"] == ["organisation:lwv"]
    assert owners["Kennisambassadeur plant een gesprek met wethouder Coenen"] == ["person:kennisambassadeur"]


def test_contact_with_several_aldermen_each_with_their_municipality():
    g = extract("De kennisambassadeur heeft op 6 oktober 2023 een afspraak met wethouder Smeets (gemeente Meerssen) "
                "en wethouder Coenen (gemeente Vaals).")
    got = rels(g)
    for who, where in (("smeets", "meerssen"), ("coenen", "vaals")):
        assert ("ALDERMAN_OF", f"person:{who}", f"municipality:{where}") in got
        assert rel_props(g, "CONTACT", "person:kennisambassadeur", f"person:{who}")[0]["date"] == "2023-10-06"
    assert not rel_props(g, "CONTACT", "person:kennisambassadeur", "municipality:meerssen")


def test_plural_title_before_a_list_of_names():
    g = extract("Er zijn gesprekken gevoerd met de wethouders Janssen (Venlo) en Peters (Venray).")
    got = rels(g)
    assert ("ALDERMAN_OF", "person:janssen", "municipality:venlo") in got
    assert ("ALDERMAN_OF", "person:peters", "municipality:venray") in got


def test_other_provinces_are_not_limburg():
    g = extract("De provincie Gelderland en de provincie Limburg werken samen.")
    got = rels(g)
    assert ("COLLABORATES_WITH", "organisation:provincie-gelderland", "organisation:provincie-limburg") in got or \
        ("COLLABORATES_WITH", "organisation:provincie-limburg", "organisation:provincie-gelderland") in got


def test_a_rule_reading_a_cue_family_the_lexicon_does_not_index_fails_at_once():
    """A family missing from lexicon.CUE_GROUPS would never be found in a sentence: the rule
    asking for it must fail when it is defined, not stay silent."""
    from loaders.minutes.relations import _groups

    assert _groups("partner", "partner_by")
    with pytest.raises(ValueError, match="verkeerd"):
        _groups("partner", "verkeerd")
