"""Minutes read in one run know the parties of the minutes before them
(loaders.pipeline.extract_each passes the names gathered so far as ``known``): a surname
in one document is the full name another document gave."""
from loaders.pipeline import extract_path, extract_paths

FIRST = """Verslag Stuurgroep Huisvesting Arbeidsmigranten 3 oktober 2023
3 oktober 2023 10:00 - 11:30 uur Gemeentehuis Venray
Verslag
1. Opening
Wethouder Marleen Peeters (gemeente Venray) heeft een gesprek gevoerd met de LLTB.
"""
SECOND = """Verslag Stuurgroep Huisvesting Arbeidsmigranten 7 november 2023
7 november 2023 10:00 - 11:30 uur Gemeentehuis Venray
Verslag
1. Mededelingen
Wethouder Peeters heeft op 20 november 2023 een afspraak met de LWV.
"""


def _write(tmp_path, name, text):
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return p


def test_a_surname_resolves_to_the_full_name_an_earlier_document_gave(tmp_path):
    first = _write(tmp_path, "stuurgroep-2023-10-03.txt", FIRST)
    second = _write(tmp_path, "stuurgroep-2023-11-07.txt", SECOND)
    alone = extract_path(second)
    assert "person:peeters" in alone.nodes  # read alone, the second minutes know only the surname

    graph, errors = extract_paths([first, second])
    assert errors == []
    assert "person:peeters" not in graph.nodes, sorted(graph.nodes)
    contacts = {(r.start, r.end, r.props.get("kind")) for r in graph.rels.values() if r.type == "CONTACT"
                and r.source == "document:stuurgroep-2023-11-07"}
    assert ("person:marleen-peeters", "organisation:lwv", "appointment") in contacts
    assert ("MENTIONS", "document:stuurgroep-2023-11-07", "person:marleen-peeters") in {
        (r.type, r.start, r.end) for r in graph.rels.values()}


def test_names_the_caller_knows_are_used_for_minutes_too(tmp_path):
    second = _write(tmp_path, "stuurgroep-2023-11-07.txt", SECOND)
    g = extract_path(second, known={"Marleen Peeters": ["person:marleen-peeters"]})
    assert "person:marleen-peeters" in g.nodes and "person:peeters" not in g.nodes
