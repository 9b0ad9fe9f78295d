"""Reference data: the municipalities, regions and lists the extractor reads with, and
the numbered validation errors (E001 ...) a broken data file raises."""
import json
import os

import pytest

from graph.contract import node_id
from loaders import reference
from loaders.reference import ReferenceDataError, load_jsonl, municipalities, reference_graph, regions

EXPECTED = {  # name -> (CBS code, region, subregion)
    "Beesel": ("GM0889", "Noord-Limburg", None), "Bergen": ("GM0893", "Noord-Limburg", None),
    "Gennep": ("GM0907", "Noord-Limburg", None), "Horst aan de Maas": ("GM1507", "Noord-Limburg", None),
    "Mook en Middelaar": ("GM0944", "Noord-Limburg", None), "Peel en Maas": ("GM1894", "Noord-Limburg", None),
    "Venlo": ("GM0983", "Noord-Limburg", None), "Venray": ("GM0984", "Noord-Limburg", None),
    "Echt-Susteren": ("GM1711", "Midden-Limburg", None), "Leudal": ("GM1640", "Midden-Limburg", None),
    "Maasgouw": ("GM1641", "Midden-Limburg", None), "Nederweert": ("GM0946", "Midden-Limburg", None),
    "Roerdalen": ("GM1669", "Midden-Limburg", None), "Roermond": ("GM0957", "Midden-Limburg", None),
    "Weert": ("GM0988", "Midden-Limburg", None),
    "Beek": ("GM0888", "Zuid-Limburg", "Westelijke Mijnstreek"),
    "Sittard-Geleen": ("GM1883", "Zuid-Limburg", "Westelijke Mijnstreek"),
    "Stein": ("GM0971", "Zuid-Limburg", "Westelijke Mijnstreek"),
    "Beekdaelen": ("GM1954", "Zuid-Limburg", "Parkstad"), "Brunssum": ("GM0899", "Zuid-Limburg", "Parkstad"),
    "Heerlen": ("GM0917", "Zuid-Limburg", "Parkstad"), "Kerkrade": ("GM0928", "Zuid-Limburg", "Parkstad"),
    "Landgraaf": ("GM0882", "Zuid-Limburg", "Parkstad"), "Simpelveld": ("GM0965", "Zuid-Limburg", "Parkstad"),
    "Voerendaal": ("GM0986", "Zuid-Limburg", "Parkstad"),
    "Eijsden-Margraten": ("GM1903", "Zuid-Limburg", "Maastricht-Heuvelland"),
    "Gulpen-Wittem": ("GM1729", "Zuid-Limburg", "Maastricht-Heuvelland"),
    "Maastricht": ("GM0935", "Zuid-Limburg", "Maastricht-Heuvelland"),
    "Meerssen": ("GM0938", "Zuid-Limburg", "Maastricht-Heuvelland"),
    "Vaals": ("GM0981", "Zuid-Limburg", "Maastricht-Heuvelland"),
    "Valkenburg aan de Geul": ("GM0994", "Zuid-Limburg", "Maastricht-Heuvelland"),
}


def test_all_31_municipalities_with_codes_regions_and_subregions():
    got = {m["name"]: (m["cbs_code"], m["region"], m["subregion"]) for m in municipalities()}
    assert got == EXPECTED
    for m in municipalities():
        assert m["id"] == node_id("Municipality", m["name"])
        assert set(m) >= {"name", "id", "cbs_code", "region", "subregion", "lat", "lon", "aliases"}


@pytest.mark.parametrize("name, alias", [
    ("Horst aan de Maas", "Horst a/d Maas"), ("Bergen", "Bergen (L.)"),
    ("Valkenburg aan de Geul", "Valkenburg"), ("Peel en Maas", "Peel & Maas"),
])
def test_municipality_aliases(name, alias):
    assert alias in next(m for m in municipalities() if m["name"] == name)["aliases"]


def test_regions_and_subregions():
    by = {r["name"]: r for r in regions()}
    assert {n for n, r in by.items() if r["level"] == "region"} == {"Noord-Limburg", "Midden-Limburg", "Zuid-Limburg"}
    assert {n: r["parent"] for n, r in by.items() if r["level"] == "subregion"} == {
        "Westelijke Mijnstreek": "Zuid-Limburg", "Parkstad": "Zuid-Limburg", "Maastricht-Heuvelland": "Zuid-Limburg"}


def test_reference_graph_shape():
    g = reference_graph()
    doc = g.nodes[reference.REFERENCE_DOCUMENT_ID]
    assert doc.props["kind"] == "reference"
    defined = {n.id for n in g.nodes.values() if n.label in ("Region", "Municipality")}
    assert len(defined) == 31 + 6
    mentioned = {r.end for r in g.rels.values() if r.type == "MENTIONS" and r.start == doc.id}
    assert mentioned == defined
    for r in g.rels.values():
        assert r.props["source"] == doc.id and r.props["evidence"]
    in_region = {(r.start, r.end) for r in g.rels.values() if r.type == "IN_REGION"}
    assert ("region:parkstad", "region:zuid-limburg") in in_region
    assert ("municipality:heerlen", "region:parkstad") in in_region
    assert ("municipality:venlo", "region:noord-limburg") in in_region
    assert g.nodes["municipality:heerlen"].props == {"cbs_code": "GM0917", "province": "Limburg"}
    assert g.nodes["region:parkstad"].props == {"level": "subregion"}


def test_shipped_data_files_all_validate():
    for name in reference.SCHEMAS:
        assert reference.data(name), name


def _write(tmp_path, filename, rows):
    path = tmp_path / filename
    path.write_text("\n".join(r if isinstance(r, str) else json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    return str(path)


GOOD_ORG = {"id": "organisation:lltb", "name": "LLTB", "acronym": "LLTB", "kind": "employers", "aliases": []}
GOOD_MUN = {"id": "municipality:beek", "name": "Beek", "cbs_code": "GM0888", "province": "Limburg",
            "region": "Zuid-Limburg", "subregion": None, "lat": 50.94, "lon": 5.80, "aliases": []}


@pytest.mark.parametrize("filename, rows, code", [
    ("organisations.jsonl", ["{not json"], "E002"),
    ("organisations.jsonl", ["[1, 2]"], "E002"),
    ("organisations.jsonl", [{k: v for k, v in GOOD_ORG.items() if k != "kind"}], "E003"),
    ("organisations.jsonl", [dict(GOOD_ORG, aliases="LLTB")], "E004"),
    ("organisations.jsonl", [dict(GOOD_ORG, colour="green")], "E005"),
    ("organisations.jsonl", [GOOD_ORG, GOOD_ORG], "E006"),
    ("organisations.jsonl", [dict(GOOD_ORG, id="organisation:lwv")], "E007"),
    ("organisations.jsonl", [GOOD_ORG, {"id": "organisation:lwv", "name": "LWV", "kind": "employers",
                                        "aliases": ["lltb"]}], "E008"),
    ("organisations.jsonl", [dict(GOOD_ORG, kind="club")], "E009"),
    ("municipalities.jsonl", [dict(GOOD_MUN, region="Oost-Limburg")], "E009"),
    ("municipalities.jsonl", [dict(GOOD_MUN, cbs_code="0888")], "E010"),
    ("municipalities.jsonl", [dict(GOOD_MUN, lat=52.37, lon=4.89)], "E011"),
    ("engagement_cues.jsonl", [{"cue": "* actief", "level": "high"}], "E013"),
    ("contact_cues.jsonl", [{"cue": "afspraak met", "kind": "lunch", "status": None}], "E009"),
])
def test_numbered_validation_errors(tmp_path, filename, rows, code):
    path = _write(tmp_path, filename, rows)
    with pytest.raises(ReferenceDataError) as exc:
        load_jsonl(path)
    assert exc.value.code == code
    assert str(exc.value).startswith(f"{code} {path}:")


def test_missing_file_is_E001(tmp_path):
    with pytest.raises(ReferenceDataError) as exc:
        load_jsonl(str(tmp_path / "organisations.jsonl"))
    assert exc.value.code == "E001"


def test_subregion_in_wrong_region_is_E012(tmp_path):
    for name in ("regions.jsonl",):
        (tmp_path / name).write_text(open(os.path.join(reference.DATA_DIR, name), encoding="utf-8").read(),
                                     encoding="utf-8")
    _write(tmp_path, "municipalities.jsonl", [dict(GOOD_MUN, region="Noord-Limburg", subregion="Parkstad")])
    with pytest.raises(ReferenceDataError) as exc:
        reference._load("municipalities.jsonl", str(tmp_path))
    assert exc.value.code == "E012"


def test_comment_and_blank_lines_are_skipped(tmp_path):
    path = _write(tmp_path, "organisations.jsonl", ["// known employers", "", GOOD_ORG])
    assert [r["name"] for r in load_jsonl(path)] == ["LLTB"]
