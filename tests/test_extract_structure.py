"""The structure of minutes: header, attendance lists, agenda, sections, action lines."""
import os

from loaders.minutes.structure import parse_attendee, read_structure, split_sentences

SEED = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "samples", "taskforce-2023-04-12.txt")


def test_seed_header_lists_and_agenda():
    m = read_structure(open(SEED, encoding="utf-8").read())
    assert (m.body_name, m.date, m.time, m.place) == ("Taskforce Internationale Werknemers", "2023-04-12",
                                                      "14:00 - 15:30 uur", "Gouvernement Maastricht")
    assert [a.affiliation for a in m.attendees if not a.present] == ["Zuid-Limburg"]
    assert [a.role for a in m.attendees if a.role] == ["voorzitter", "kennismakelaar", "Secretaris"]
    assert sorted(m.agenda) == [1, 2, 3, 4, 5]
    assert len([s for s in m.sentences if s.kind == "action"]) == 15
    rondvraag = [s for s in m.sentences if s.section == "Rondvraag"]
    assert rondvraag and rondvraag[-1].text.startswith("De voorzitter dankt")


def test_labelled_header_and_inline_lists():
    m = read_structure("Notulen Stuurgroep Wonen Parkstad\nDatum: 3 oktober 2023\nTijd: 10.00-11.30 uur\n"
                       "Locatie: Stadhuis Heerlen / via Teams\n"
                       "Aanwezig: J. Janssen (LWV), P. Peters (gemeente Kerkrade); voorzitter\n"
                       "Afgemeld: LLTB\n\n1. Opening\nDe voorzitter opent.\n")
    assert (m.body_name, m.date, m.place) == ("Stuurgroep Wonen Parkstad", "2023-10-03", "Stadhuis Heerlen")
    assert [(a.name, a.affiliation, a.present) for a in m.attendees] == [
        ("J. Janssen", "LWV", True), ("P. Peters", "gemeente Kerkrade", True), (None, None, True), ("LLTB", None, False)]


def test_attendee_entries():
    assert parse_attendee("(kennismakelaar)", True).role == "kennismakelaar"
    a = parse_attendee("wethouder Peters (gemeente Venlo)", True)
    assert (a.name, a.affiliation) == ("wethouder Peters", "gemeente Venlo")
    assert parse_attendee("( )", True) is None


def test_sentences_respect_abbreviations_and_initials():
    assert split_sentences("Overleg d.d. 15 maart t.a.v. de LWV. Met mw. A. de Vries. Klaar.") == [
        "Overleg d.d. 15 maart t.a.v. de LWV.", "Met mw. A. de Vries.", "Klaar."]


def test_long_and_upper_case_titles():
    m = read_structure("Notulen van de vergadering van de Stuurgroep Internationale Werknemers, gehouden op "
                       "3 oktober 2023 te Venlo\n\n1. Opening\n")
    assert (m.body_name, m.date, m.place) == ("Stuurgroep Internationale Werknemers", "2023-10-03", "Venlo")
    m = read_structure("VERSLAG TASKFORCE INTERNATIONALE WERKNEMERS\n12 april 2023, 14.00 uur, Gouvernement te Maastricht\n")
    assert (m.body_name, m.date) == ("TASKFORCE INTERNATIONALE WERKNEMERS", "2023-04-12")
