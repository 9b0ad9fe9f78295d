"""Text normalisation of published minutes (PDF text layers, WOO redaction tools)."""
import pytest

from loaders.normalise import clean_lines, join_paragraphs, normalise


@pytest.mark.parametrize("raw, paragraph", [
    ("Samenwerking Midden-\n\nLimburg (SML) is actief.", "Samenwerking Midden-Limburg (SML) is actief."),
    ("In Zuid- Limburg is het geagendeerd.", "In Zuid-Limburg is het geagendeerd."),
    ("De huisvestings-\nbehoefte is groot.", "De huisvestingsbehoefte is groot."),
    ("Er zijn geen op- of aanmerkingen.", "Er zijn geen op- of aanmerkingen."),
    ("De regio's Noord-\nen Zuid-Limburg doen mee.", "De regio's Noord- en Zuid-Limburg doen mee."),
    ("Het BO’s Wonen en “regionale meerwaarde”.", "Het BO's Wonen en \"regionale meerwaarde\"."),
    ("Er zijn geen op- of aanmerkingen ten \n\naanzien van het verslag.", "Er zijn geen op- of aanmerkingen ten aanzien van het verslag."),
])
def test_lines_and_words_rejoined(raw, paragraph):
    assert normalise(raw).paragraphs == [paragraph]


def test_woo_stamps_removed_and_recorded():
    n = normalise("Overleg met 5.1.2e van de gemeente Beek.\nWethouder 5.1.2.e belt 10.2.e morgen.")
    assert "5.1.2" not in n.text and "10.2" not in n.text
    assert [r.stamp for r in n.redactions] == ["5.1.2e", "5.1.2.e", "10.2.e"]
    assert [r.line for r in n.redactions] == [1, 2, 2]


def test_room_numbers_and_amounts_are_not_stamps():
    n = normalise("Ruimte 0.0.17, een budget van 5.100 euro en 10.000 bedrijven.")
    assert n.redactions == [] and "0.0.17" in n.text and "10.000" in n.text


def test_page_numbers_and_running_headers_removed():
    page = "Verslag Taskforce - vertrouwelijk\n{body}\nPagina {n} van 3\n"
    raw = "\f".join(page.format(body=b, n=i + 1) for i, b in enumerate(
        ["De LLTB opent het overleg.", "De LWV sluit aan.", "De provincie sluit af."]))
    n = normalise(raw)
    assert n.paragraphs == ["De LLTB opent het overleg.", "De LWV sluit aan.", "De provincie sluit af."]


def test_repeated_footer_without_page_breaks_removed():
    lines = []
    for i in range(3):
        lines += [f"Zin nummer {j} van blok {i}." for j in range(16)] + ["Provincie Limburg | Taskforce IW"]
    n = normalise("\n".join(lines))
    assert not any("Taskforce IW" in p for p in n.paragraphs)


def test_action_lines_stay_apart_but_take_their_owner_line():
    lines, _ = clean_lines("Actiepunt: Contact opnemen met beoogde vervanger Taskforce gemeente Maasgouw\n( )\n"
                           "Kennisambassadeur heeft een afspraak.")
    assert join_paragraphs(lines) == ["Actiepunt: Contact opnemen met beoogde vervanger Taskforce gemeente Maasgouw ( )",
                                      "Kennisambassadeur heeft een afspraak."]


def test_numbered_items_and_headings_start_paragraphs():
    lines, _ = clean_lines("Afspraak is gemaakt en vindt plaats op 20 april 2023\n\n3. Noord-Limburg\n\nIn Noord-Limburg gaat het goed.")
    assert join_paragraphs(lines) == ["Afspraak is gemaakt en vindt plaats op 20 april 2023", "3. Noord-Limburg",
                                      "In Noord-Limburg gaat het goed."]
