"""The cheap tests that spare the extractor's regexes (first characters, substring tests,
digit runs) must never skip a line or sentence the regex would have matched.  The
expected values below are what the extractor gave before these shortcuts existed."""
import pytest

from loaders.dates import find_dates
from loaders.minutes import structure
from loaders.minutes.structure import split_sentences
from loaders import normalise
from loaders.normalise import join_paragraphs

# every character the case-insensitive regexes could treat specially sits below U+3000
CHARS = [chr(c) for c in range(0x3000) if not chr(c).isspace()] + ["\u212a", "\u212b", "\ufb01"]


@pytest.mark.parametrize("rx, words, first", [
    (structure.ATTENDANCE_HEAD, ["aanwezig", "present", "deelnemers", "afwezig", "afgemeld", "verhinderd",
                                 "met kennisgeving afwezig", "gasten", "genodigden", "toehoorders"],
     structure._ATTENDANCE_FIRST),
    (structure.AGENDA_HEAD, ["agenda"], structure._AGENDA_FIRST),
    (structure.MINUTES_HEAD, ["concept verslag", "verslag", "notulen", "besluitenlijst", "actielijst", "samenvatting",
                              "memo", "bespreking", "besproken"], structure._MINUTES_FIRST),
    (normalise.ACTION_LINE, ["actiepunt:", "actie:", "acties:", "besluit:", "afspraak:"], normalise._ACTION_FIRST),
])
def test_first_character_sets_cover_every_match(rx, words, first):
    missed = {c for c in CHARS for w in words if rx.match(c + w[1:]) and c not in first and not c.isdigit()}
    assert not missed


def test_odd_spaces_are_all_whitespace_but_the_space_and_nul():
    assert set(normalise._ODD_SPACES) == {c for c in map(chr, range(0x110000)) if c.isspace() and c != " "} | {"\x00"}


def test_dates_anchored_at_digit_runs_keep_the_weekday():
    found = find_dates("Op woensdag 12 april 2023 en ikzo, 3 mei 2023; vr.  7 juli 2023", "2023-04-01")
    assert [(d.text, d.iso) for d in found] == [("woensdag 12 april 2023", "2023-04-12"), ("zo, 3 mei 2023", "2023-05-03"),
                                               ("vr.  7 juli 2023", "2023-07-07")]
    found = find_dates("Zie 2023-04-12, 3-4-2023 en 10.000 of 0.0.17; do 4 mei", "2023-04-01")
    assert [(d.text, d.iso) for d in found] == [("2023-04-12", "2023-04-12"), ("3-4-2023", "2023-04-03"),
                                               ("do 4 mei", "2023-05-04")]


def test_sentence_breaks_after_quotes_brackets_and_question_marks():
    assert split_sentences('Hij vroeg: "Komt u?" Ja! Dat is (zie bijlage.) Daarna "Klaar." Einde... Echt.') == [
        'Hij vroeg: "Komt u?"', "Ja!", "Dat is (zie bijlage.)", 'Daarna "Klaar."', "Einde...", "Echt."]
    assert split_sentences("Met J. Peters en Ir. Jansen d.d. 3 mrt. Het is goed.") == [
        "Met J. Peters en Ir. Jansen d.d. 3 mrt.", "Het is goed."]


@pytest.mark.parametrize("footer", ["Pagina {} van 3 - Verslag Taskforce",
                                    "Pagina {} van 3 - Verslag \u2003 "])  # (trailing odd spaces)
def test_running_footer_with_page_numbers_found_without_page_breaks(footer):
    lines = []
    for i in range(3):
        lines += [f"Zin {j} over het overleg in blok {i}." for j in range(16)] + [footer.format(i + 1)]
    paragraphs = normalise.normalise("\n".join(lines)).paragraphs
    assert not any("Pagina" in p for p in paragraphs)
    assert paragraphs[-1] == "Zin 15 over het overleg in blok 2."


def test_odd_whitespace_nul_and_stamps():
    n = normalise.normalise("Een zin\u2003met  ruimte en\x00nul,\nen verder. Punt 5. Rondvraag 10.2.e en 5.1.2e.")
    assert n.paragraphs == ["Een zin met ruimte en nul, en verder. Punt 5. Rondvraag en 5.1.2e."]
    n = normalise.normalise("Punt 5. Rondvraag 10.2.e en 5.1.2e, 10.000 bedrijven, 15.20 uur")
    assert [r.stamp for r in n.redactions] == ["10.2.e", "5.1.2e"]


def test_paragraph_decisions():
    assert join_paragraphs(["Actiepunt: bellen met de", "(LLTB)", "Noord-Limburg",
                            "De gemeente Venlo en de gemeente Venray werken samen aan een plan voor de", "huisvesting.",
                            "  ingesprongen regel"]) == [
        "Actiepunt: bellen met de (LLTB)", "Noord-Limburg",
        "De gemeente Venlo en de gemeente Venray werken samen aan een plan voor de huisvesting. ingesprongen regel"]
