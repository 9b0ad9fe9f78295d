"""An acronym defined in parentheses names one entity with its long name, whichever rule
later finds the acronym ('het project HSW', 'de organisatie SRW', 'het programma AMZ')
and whatever label that rule guessed."""
import pytest

from extract_helpers import extract, rels

DOC = "document:test-minutes"


@pytest.mark.parametrize("text, node_id, acronym, expected, not_made", [
    # the lead's text: the definition says 'project', a partner is named with the acronym alone
    ("Het project Huisvesting Seizoenswerkers (HSW) wordt ondersteund vanuit Interreg.\n"
     "De gemeente Venlo is partner in het project HSW.",
     "project:huisvesting-seizoenswerkers", "HSW",
     {("FUNDED_BY", "project:huisvesting-seizoenswerkers", "programme:interreg"),
      ("PARTNER_IN", "municipality:venlo", "project:huisvesting-seizoenswerkers")}, "project:hsw"),
    ("Het project Werkplaats Seizoensarbeid (WSA) wordt ondersteund vanuit Interreg. "
     "De gemeente Roermond is partner in het project WSA.",
     "project:werkplaats-seizoensarbeid", "WSA",
     {("FUNDED_BY", "project:werkplaats-seizoensarbeid", "programme:interreg"),
      ("PARTNER_IN", "municipality:roermond", "project:werkplaats-seizoensarbeid")}, "project:wsa"),
    # no word before the long name says what it is; the document later calls it a project
    ("Wonen Arbeidsmigranten Noord (WAN) is gestart. De gemeente Venray is partner in het project WAN.",
     "project:wonen-arbeidsmigranten-noord", "WAN",
     {("PARTNER_IN", "municipality:venray", "project:wonen-arbeidsmigranten-noord")}, "project:wan"),
    # a programme (which has no acronym property, the alias still holds it)
    ("Het programma Arbeidsmarkt Zuid (AMZ) is gestart. Het project Flexhuis wordt gefinancierd uit het "
     "programma AMZ.",
     "programme:arbeidsmarkt-zuid", None,
     {("FUNDED_BY", "project:flexhuis", "programme:arbeidsmarkt-zuid")}, "programme:amz"),
    # an organisation
    ("De Stichting Regionaal Werkgeversnetwerk (SRW) is betrokken. Wethouder Smeets heeft een afspraak met "
     "de organisatie SRW.",
     "organisation:stichting-regionaal-werkgeversnetwerk", "SRW",
     {("CONTACT", "person:smeets", "organisation:stichting-regionaal-werkgeversnetwerk")}, "organisation:srw"),
    # the acronym used before it is defined
    ("De gemeente Gennep is partner in het project BWG. Het project Bouwen Wonen Gennep (BWG) is gestart.",
     "project:bouwen-wonen-gennep", "BWG",
     {("PARTNER_IN", "municipality:gennep", "project:bouwen-wonen-gennep")}, "project:bwg"),
])
def test_an_acronym_and_its_long_name_are_one_node(text, node_id, acronym, expected, not_made):
    g = extract(text)
    assert not_made not in g.nodes, sorted(g.nodes)
    node = g.nodes[node_id]
    short = acronym or not_made.split(":")[1].upper()
    assert short in node.aliases
    if acronym:
        assert node.props.get("acronym") == acronym
    assert expected <= rels(g), sorted(rels(g))
    assert ("MENTIONS", DOC, node_id) in rels(g)


def test_a_working_group_named_after_an_acronym_stays_its_own_body():
    g = extract("De Stichting Regionaal Werkgeversnetwerk (SRW) is betrokken. De werkgroep SRW komt bijeen.")
    assert "organisation:stichting-regionaal-werkgeversnetwerk" in g.nodes
    assert g.nodes["body:werkgroep-srw"].label == "Body"


def test_an_acronym_defined_twice_differently_is_not_resolved_to_either():
    g = extract("Het project Wonen Aan de Maas (WAM) start. Het project Werken Aan de Maas (WAM) start ook. "
                "De gemeente Venlo is partner in het project WAM.")
    assert "project:wonen-aan-de-maas" in g.nodes and "project:werken-aan-de-maas" in g.nodes
    assert not {r for r in rels(g, "PARTNER_IN") if r[2] in ("project:wonen-aan-de-maas", "project:werken-aan-de-maas")}
