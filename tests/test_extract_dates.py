"""Dutch dates, resolved against the meeting date, ISO out."""
import pytest

from loaders.dates import compare, find_dates, parse_date


@pytest.mark.parametrize("text, ref, iso", [
    ("12-04-2023", None, "2023-04-12"),
    ("12/4/2023", None, "2023-04-12"),
    ("2023-04-12", None, "2023-04-12"),
    ("d.d. 15 maart 2023", None, "2023-03-15"),
    ("op 24 april 2023", None, "2023-04-24"),
    ("20 april", "2023-04-12", "2023-04-20"),
    ("in juli", "2023-04-12", "2023-07"),
    ("medio september 2024", None, "2024-09"),
    ("woensdag 3 okt. 2023", None, "2023-10-03"),
    ("15 januari", "2023-12-12", "2024-01-15"),  # the nearest January 15th is next year's
    ("1e week: 2 februari 2024", None, "2024-02-02"),
    # 'jongstleden' is the last one, 'aanstaande' the coming one, nearest or not
    ("d.d. 3 juni jl.", "2024-04-12", "2023-06-03"),
    ("het overleg van 3 juni jongstleden", "2024-04-12", "2023-06-03"),
    ("op 20 maart a.s.", "2024-04-12", "2025-03-20"),
    ("op 20 maart aanstaande", "2024-04-12", "2025-03-20"),
    ("op 12 april a.s.", "2024-04-12", "2024-04-12"),
])
def test_dutch_dates(text, ref, iso):
    assert parse_date(text, ref) == iso


@pytest.mark.parametrize("text", [
    "ruimte 0.0.17", "10.000 bedrijven", "31-02-2023", "20 april zonder referentie", "in de maand", "14:00 - 15:30 uur",
])
def test_not_dates(text):
    assert find_dates(text) == []


def test_positions_and_precision():
    ds = find_dates("Op 20 april 2023 en in juli.", "2023-04-12")
    assert [(d.text, d.precision) for d in ds] == [("20 april 2023", "day"), ("juli", "month")]


def test_compare_across_precisions():
    assert compare("2023-05", "2023-04-30") == 1 and compare("2023-04", "2023-04-12") == 0
