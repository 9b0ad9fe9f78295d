"""The contact log CSV: the sample, how parties are named, validation with line numbers,
nothing produced from a file with any problem, and the app's form going the same way."""
import datetime as dt
from pathlib import Path

import pytest

from graph.contract import ENUMS, check_relationship, label_of_id
from loaders.contacts import ContactLogError, contact_graph, load_contacts, parse_date
from loaders.document import DocumentError
from loaders.pipeline import extract_paths

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "samples" / "contacts.csv"
HEADER = "date,from,to,kind,status,note\n"


def write(tmp_path, body, name="contacts.csv", header=HEADER, encoding="utf-8"):
    path = tmp_path / name
    path.write_bytes((header + body).encode(encoding))
    return path


def contacts(g):
    return sorted((r.start, r.end, r.props["kind"], r.props["status"], r.props.get("date"))
                  for r in g.rels.values() if r.type == "CONTACT")


# -- the sample --------------------------------------------------------------------------

def test_sample_contact_log_loads():
    g = load_contacts(SAMPLE)
    doc = g.nodes["document:contacts"]
    assert doc.props["kind"] == "contact log"
    assert doc.props["path"] == str(SAMPLE)
    assert len(doc.props["sha256"]) == 64
    rels = [r for r in g.rels.values() if r.type == "CONTACT"]
    data_lines = [line for line in SAMPLE.read_text(encoding="utf-8").splitlines()
                  if line.strip() and not line.startswith("#")][1:]  # [0] is the header
    assert len(rels) == len(data_lines) == 18
    for r in rels:
        check_relationship("CONTACT", label_of_id(r.start), label_of_id(r.end))
        assert r.props["source"] == "document:contacts"
        assert r.props["evidence"]
        assert r.props["kind"] in ENUMS[("CONTACT", "kind")]
        assert r.props["status"] in ENUMS[("CONTACT", "status")]
    assert ("person:kennisambassadeur", "person:diederen", "appointment", "held", "2023-04-24") in contacts(g)
    # redacted role holders stay role names
    assert g.nodes["person:kennisambassadeur"].props == {"redacted": True}
    assert g.nodes["person:diederen"].props == {"title": "wethouder"}
    assert g.nodes["municipality:beek"].props["cbs_code"] == "GM0888"


def test_every_node_is_mentioned_by_the_log():
    g = load_contacts(SAMPLE)
    mentioned = {r.end for r in g.rels.values() if r.type == "MENTIONS"}
    assert mentioned == {n for n in g.nodes if n != "document:contacts"}


# -- naming parties ----------------------------------------------------------------------

@pytest.mark.parametrize("written, expected", [
    ("Beek", "municipality:beek"),
    ("gemeente Beek", "municipality:beek"),
    ("Gemeente: Beek", "municipality:beek"),
    ("Municipality: Horst a/d Maas", "municipality:horst-aan-de-maas"),
    ("municipality:horst-aan-de-maas", "municipality:horst-aan-de-maas"),
    ("Horst a/d Maas", "municipality:horst-aan-de-maas"),
    ("regio Noord-Limburg", "region:noord-limburg"),
    ("Westelijke Mijnstreek", "region:westelijke-mijnstreek"),
    ("Limburgse Werkgeversvereniging", "organisation:lwv"),
    ("provincie", "organisation:provincie-limburg"),
    ("Stuurgroep", "body:stuurgroep-internationale-werknemers"),
    ("kennismakelaar", "person:kennismakelaar"),
    ("Person: Jansen", "person:jansen"),
    ("Persoon: wethouder Jansen", "person:jansen"),
    ("Organisation: Woonstichting Venlo-Blerick", "organisation:woonstichting-venlo-blerick"),
    ("person:diederen", "person:diederen"),  # without a store an id is taken at its word
])
def test_party_forms(written, expected):
    g = contact_graph([{"date": "2023-04-24", "from": "Kennisambassadeur", "to": written,
                        "kind": "conversation", "status": "held"}], "formulier")
    assert contacts(g) == [("person:kennisambassadeur", expected, "conversation", "held", "2023-04-24")]


def test_a_role_that_needs_its_body_or_region_is_not_a_plain_name(tmp_path):
    # "Voorzitter" of what?  The minutes' chair is "Voorzitter Taskforce Internationale Werknemers"
    path = write(tmp_path, "2023-05-01,Kennisambassadeur,Voorzitter,conversation,planned,\n"
                           "2023-05-02,Kennisambassadeur,Person: Voorzitter Stuurgroep Internationale Werknemers,"
                           "conversation,planned,\n")
    with pytest.raises(ContactLogError) as e:
        load_contacts(path)
    assert [(line, reason.split(" (")[0]) for line, reason in e.value.problems] == [(2, "unknown party 'Voorzitter'")]
    path = write(tmp_path, "2023-05-02,Kennisambassadeur,Person: Voorzitter Stuurgroep Internationale Werknemers,"
                           "conversation,planned,\n")
    node = load_contacts(path).nodes["person:voorzitter-stuurgroep-internationale-werknemers"]
    assert node.props == {"redacted": True}


def test_a_party_introduced_later_in_the_file_can_be_named_plainly_earlier(tmp_path):
    path = write(tmp_path, "2023-05-01,Kennisambassadeur,Jansen,appointment,planned,\n"
                           "2023-05-02,LLTB,Person: wethouder Jansen,conversation,held,\n")
    g = load_contacts(path)
    assert g.nodes["person:jansen"].props == {"title": "wethouder"}
    assert [c[:2] for c in contacts(g)] == [("organisation:lltb", "person:jansen"),
                                             ("person:kennisambassadeur", "person:jansen")]


def test_known_names_from_the_store_resolve_plain_names_and_ids(tmp_path):
    known = {"Holtus": "person:roger-holtus", "Roger Holtus": "person:roger-holtus",
             "Gelderblom": ["person:gelderblom"]}
    path = write(tmp_path, "2023-05-01,Kennisambassadeur,Holtus,conversation,planned,Opiniestuk\n"
                           "2023-05-02,wethouder Gelderblom,person:roger-holtus,conversation,planned,\n"
                           "2023-05-03,Person: Holtus,Beek,conversation,planned,\n")
    g = load_contacts(path, known=known)
    assert g.nodes["person:roger-holtus"].name == "Roger Holtus"
    assert "person:holtus" not in g.nodes  # the label form finds the known person too
    assert [c[:2] for c in contacts(g)] == [("person:gelderblom", "person:roger-holtus"),
                                             ("person:kennisambassadeur", "person:roger-holtus"),
                                             ("person:roger-holtus", "municipality:beek")]


def test_a_surname_names_a_known_person_when_only_one_has_it(tmp_path):
    known = {"Roger Holtus": "person:roger-holtus", "Johan van der Craats": "person:johan-van-der-craats",
             "Anne Janssen": "person:anne-janssen", "Piet Janssen": "person:piet-janssen"}
    path = write(tmp_path, "2023-05-01,Kennisambassadeur,Holtus,conversation,planned,\n"
                           "2023-05-02,Kennisambassadeur,Van der Craats,conversation,planned,\n")
    assert [c[1] for c in contacts(load_contacts(path, known=known))] == [
        "person:johan-van-der-craats", "person:roger-holtus"]
    path = write(tmp_path, "2023-05-03,Kennisambassadeur,wethouder Janssen,conversation,planned,\n")
    with pytest.raises(ContactLogError, match=r"ambiguous party 'wethouder Janssen': person:anne-janssen or "
                                              r"person:piet-janssen \(write the full name or the node id\)"):
        load_contacts(path, known=known)  # two Janssens: the writer must say which


def test_with_a_store_an_unknown_id_is_an_error(tmp_path):
    path = write(tmp_path, "2023-05-01,Kennisambassadeur,person:diedren,conversation,held,\n")
    with pytest.raises(ContactLogError) as e:
        load_contacts(path, known={"Diederen": "person:diederen"})
    assert str(e.value) == (f"{path}:2: unknown node id 'person:diedren' (did you mean 'Diederen'?) "
                            f"(write 'Person: Name' to add a new one)")


# -- validation --------------------------------------------------------------------------

BAD = [
    ("missing column", "date,from,to,kind,note\n2023-04-24,LLTB,LWV,gesprek,x\n",
     "contacts.csv:1: missing column 'status'"),
    ("unknown column", "date,from,to,kind,status,notitie,prio\n",
     "contacts.csv:1: unknown column 'prio' (the columns are date, from, to, kind, status, note)"),
    ("bad date", HEADER + "2023-04-24,LLTB,LWV,gesprek,gehouden,\n31-02-2023,LLTB,LWV,gesprek,gehouden,\n",
     "contacts.csv:3: bad date '31-02-2023'"),
    ("unknown kind", HEADER + "2023-04-24,LLTB,LWV,telefoontje,gehouden,\n",
     "contacts.csv:2: unknown kind 'telefoontje' (use appointment, conversation, request or introduction)"),
    ("unknown status", HEADER + "2023-04-24,LLTB,LWV,gesprek,misschien,\n",
     "contacts.csv:2: unknown status 'misschien' (use planned or held)"),
    ("unknown party", HEADER + "2023-04-24,LLTB,LWV,gesprek,gehouden,\n\n2023-04-25,Jansen,LWV,gesprek,gehouden,\n",
     "contacts.csv:4: unknown party 'Jansen' (write 'Person: Jansen' to add a new one)"),
    ("typo suggests", HEADER + "2023-04-24,Kennisambasadeur,LWV,gesprek,gehouden,\n",
     "contacts.csv:2: unknown party 'Kennisambasadeur' (did you mean 'Kennisambassadeur'?)"),
    ("unknown municipality", HEADER + "2023-04-24,LLTB,Municipality: Beeek,gesprek,gehouden,\n",
     "contacts.csv:2: unknown municipality 'Beeek' (did you mean 'Beek'?) (not in the reference data of Limburg)"),
    ("unknown label", HEADER + "2023-04-24,LLTB,Bedrijf: Jansen BV,gesprek,gehouden,\n",
     "contacts.csv:2: unknown label 'Bedrijf' in 'Bedrijf: Jansen BV'"),
    ("not a party", HEADER + "2023-04-24,LLTB,project:tram,gesprek,gehouden,\n",
     "contacts.csv:2: 'project:tram' is a Project, not a party"),
    ("same party", HEADER + "2023-04-24,LLTB,Limburgse Land- en Tuinbouw Bond,gesprek,gehouden,\n",
     "contacts.csv:2: 'from' and 'to' are the same party (organisation:lltb)"),
    ("empty party", HEADER + "2023-04-24,LLTB,,gesprek,gehouden,\n", "contacts.csv:2: empty 'to'"),
    ("held in the future", HEADER + "2099-01-05,LLTB,LWV,gesprek,gehouden,\n",
     "contacts.csv:2: status 'held' but 2099-01-05 is in the future"),
    ("too many fields", HEADER + "2023-04-24,LLTB,LWV,gesprek,gehouden,Bedrijven, en meer\n",
     "contacts.csv:2: 7 fields where the header has 6 (a note with a separator in it needs quotes)"),
    ("no header", "\n\n", None),
]


@pytest.mark.parametrize("what, text, message", BAD, ids=[b[0] for b in BAD])
def test_bad_contact_log_names_the_line(tmp_path, what, text, message):
    path = tmp_path / "contacts.csv"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(DocumentError) as e:
        load_contacts(path)
    got = str(e.value)
    assert got.startswith(f"{path}")
    assert "\n" not in got
    if message is None:  # an only-blank file is the reader's "no text"
        assert e.value.reason.startswith("no text")
    else:
        assert got.replace(str(tmp_path) + "/", "").startswith(message), got
        assert e.value.reason.startswith(f"line {e.value.line}: ")


def test_all_problems_are_counted_in_one_line(tmp_path):
    path = write(tmp_path, "2023-04-24,Jansen,LWV,gesprek,gehouden,\n"
                           "2023-04-24,LLTB,LWV,gesprek,gehouden,\n"
                           "2023-13-01,LLTB,LWV,bellen,gehouden,\n")
    with pytest.raises(ContactLogError) as e:
        load_contacts(path)
    assert [line for line, _ in e.value.problems] == [2, 4, 4]
    assert str(e.value).endswith("(and 2 more problems: line 4)")


def test_nothing_of_a_bad_file_is_produced(tmp_path):
    good = write(tmp_path, "2023-04-24,LLTB,LWV,gesprek,gehouden,Goed\n", name="goed.csv")
    bad = write(tmp_path, "2023-04-24,Person: Nieuw,LWV,gesprek,gehouden,\n"
                          "2023-04-25,Jansen,LWV,gesprek,gehouden,\n", name="fout.csv")
    graph, errors = extract_paths([good, bad])
    assert [str(e) for e in errors] == [f"{bad}:3: unknown party 'Jansen' (write 'Person: Jansen' to add a new one)"]
    assert "document:fout" not in graph.nodes
    assert "person:nieuw" not in graph.nodes  # valid line 2 of the bad file is not used either
    assert {r.source for r in graph.rels.values()} == {"document:goed"}


# -- what a person keeping the log will do -----------------------------------------------

def test_excel_export_semicolons_dutch_headers_cp1252(tmp_path):
    text = ("sep=;\nDatum;Van;Met;Soort;Status;Opmerking\n"
            "24-4-2023;Kennisambassadeur;gemeente Beek;afspraak;gepland;Coördinatie, € 500 subsidie\n")
    path = tmp_path / "contacten.csv"
    path.write_bytes(text.encode("cp1252"))
    g = load_contacts(path)
    (rel,) = [r for r in g.rels.values() if r.type == "CONTACT"]
    assert rel.props == {"kind": "appointment", "status": "planned", "date": "2023-04-24",
                         "source": "document:contacten", "evidence": "Coördinatie, € 500 subsidie"}


def test_comments_blank_lines_and_quoted_notes_keep_line_numbers(tmp_path):
    path = tmp_path / "contacts.csv"
    path.write_text("# contactlog\n\n" + HEADER +
                    '2023-04-24,LLTB,LWV,gesprek,gehouden,"Een notitie, met komma\nover twee regels"\n'
                    "# 2023-04-25,Jansen,LWV,gesprek,gehouden,uitgezet\n"
                    "2023-04-26,LLTB,Jansen,gesprek,gehouden,\n", encoding="utf-8")
    with pytest.raises(ContactLogError) as e:
        load_contacts(path)
    assert e.value.line == 7 and len(e.value.problems) == 1


def test_note_becomes_evidence_and_a_line_without_note_is_its_own_evidence(tmp_path):
    path = write(tmp_path, '2023-04-24,LLTB,LWV,gesprek,gehouden,"Rondetafelgesprekken,   bedrijven"\n'
                           "2023-04-25,LLTB,LWV,verzoek,gepland,\n")
    evidence = sorted(r.props["evidence"] for r in load_contacts(path).rels.values() if r.type == "CONTACT")
    assert evidence == ["2023-04-25, LLTB, LWV, verzoek, gepland", "Rondetafelgesprekken, bedrijven"]


def test_header_only_log_is_an_empty_log(tmp_path):
    g = load_contacts(write(tmp_path, ""))
    assert list(g.nodes) == ["document:contacts"] and not g.rels


@pytest.mark.parametrize("written, iso", [
    ("2023-04-24", "2023-04-24"), ("24-04-2023", "2023-04-24"), ("24/4/2023", "2023-04-24"),
    ("24.04.2023", "2023-04-24"), ("24 april 2023", "2023-04-24"), ("24 apr. 2023", "2023-04-24"),
    ("3 mrt 2023", "2023-03-03"), ("juli 2023", "2023-07"), ("2023-07", "2023-07"), ("", None),
    (dt.date(2023, 4, 24), "2023-04-24"),
])
def test_dates(written, iso):
    assert parse_date(written) == iso


@pytest.mark.parametrize("written", ["24-4-23", "2023-02-30", "31 juni 2023", "morgen", "2023/04/24", "13-13-2023"])
def test_bad_dates(written):
    with pytest.raises(ValueError):
        parse_date(written)


# -- the app's "record a contact" form ---------------------------------------------------

def test_form_rows_give_the_same_graph_as_the_csv(tmp_path):
    rows = [{"date": "2023-04-24", "from": "Kennisambassadeur", "to": "Person: wethouder Diederen",
             "kind": "afspraak", "status": "gepland", "note": "Stuurgroep"},
            {"date": "2023-05-02", "from": "gemeente Weert", "to": "Maasgouw", "kind": "introduction",
             "status": "planned", "note": ""}]
    path = write(tmp_path, "".join(",".join(r.values()) + "\n" for r in rows), name="formulier.csv")
    from_csv = load_contacts(path)
    from_form = contact_graph(rows, "formulier")
    assert from_form.to_export() == from_csv.to_export() | {"nodes": [
        n if n["id"] != "document:formulier" else n | {"name": "formulier", "props": n["props"] | {
            "path": "formulier", "sha256": from_form.nodes["document:formulier"].props["sha256"]}}
        for n in from_csv.to_export()["nodes"]]}


def test_form_errors_name_the_contact_not_a_line():
    with pytest.raises(ContactLogError) as e:
        contact_graph([{"date": "2023-04-24", "from": "LLTB", "to": "LWV", "kind": "gesprek", "status": "gehouden"},
                       {"date": "gisteren", "from": "LLTB", "to": "LWV", "kind": "gesprek", "status": "gehouden"}],
                      "contact 2023-04-25 10:15")
    assert str(e.value).startswith("contact 2023-04-25 10:15: contact 2: bad date 'gisteren'")


def test_form_sha256_is_stable_for_the_same_rows():
    rows = [{"date": dt.date(2023, 4, 24), "from": "LLTB", "to": "LWV", "kind": "gesprek", "status": "gehouden"}]
    a = contact_graph(rows, "x").nodes["document:x"].props["sha256"]
    b = contact_graph(list(rows), "x").nodes["document:x"].props["sha256"]
    c = contact_graph([rows[0] | {"status": "gepland"}], "x").nodes["document:x"].props["sha256"]
    assert a == b != c


def test_known_names_from_a_store_shaped_graph(tmp_path):
    from graph.model import DocumentGraph
    from loaders.contacts import known_names

    g = DocumentGraph()
    g.add_node("Person", "Roger Holtus", title="voorzitter", aliases=["Holtus"])
    g.add_node("Body", "Werkgroep Huisvesting Venlo")
    g.add_node("Document", "x", id="document:x")
    known = known_names(g.to_networkx())  # the shape every store's read_graph returns
    assert "x" not in known  # documents are not parties
    path = write(tmp_path, "2023-05-01,Holtus,Werkgroep Huisvesting Venlo,conversation,planned,\n")
    assert [c[:2] for c in contacts(load_contacts(path, known=known))] == [
        ("person:roger-holtus", "body:werkgroep-huisvesting-venlo")]


def test_excel_utf8_csv_with_byte_order_mark(tmp_path):
    path = tmp_path / "contacten.csv"
    path.write_bytes(("\ufeff" + HEADER + "2023-04-24,Kennisambassadeur,Venlo,gesprek,gehouden,Coördinatie\n")
                     .encode("utf-8"))
    assert contacts(load_contacts(path)) == [
        ("person:kennisambassadeur", "municipality:venlo", "conversation", "held", "2023-04-24")]
