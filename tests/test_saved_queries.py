"""Saved queries (queries/*.cypher): every file's header and text are valid against the
contract; broken files give their numbered error; parameters are typed by the header;
the dialect texts differ only where Kùzu and Neo4j differ; and every query returns its
real answer on the embedded store loaded with the seed minutes (plus the constructed
minutes of 17 May, see tests/queries_data.py).  On Neo4j (NEO4J_TEST_URI) every query's
Neo4j text must give the same rows."""
from __future__ import annotations

import re

import pytest

from graph.contract import LABELS, REL_TYPES
from graph.query_results import cell_text, result_graph
from graph.saved_queries import (PARAM_TYPES, QUERIES_DIR, Param, ParamError, SavedQuery, SavedQueryError,
                                 coerce, get_query, labels_in, load_queries, parameters_in, parse_query, prepare,
                                 rel_types_in, render_query, run_saved, save_query, validate)
from tests.queries_data import LATER_ID, SEED_ID, seeded_store_file

QUERIES = load_queries(strict=False)
NAMES = [q.name for q in QUERIES]


# -- the files ------------------------------------------------------------------------------
def test_there_are_at_least_twelve_saved_queries():
    assert len(QUERIES) >= 12


@pytest.mark.parametrize("q", QUERIES, ids=NAMES)
def test_every_saved_query_is_valid(q):
    assert validate(q) == []
    assert q.title and q.description and q.asked_by
    assert q.writes is False


@pytest.mark.parametrize("q", QUERIES, ids=NAMES)
def test_parameters_in_the_text_match_the_header(q):
    declared = {p.name for p in q.params}
    assert set(parameters_in(q.text)) == declared
    if q.neo4j_text:
        assert set(parameters_in(q.neo4j_text)) == declared


@pytest.mark.parametrize("q", QUERIES, ids=NAMES)
def test_labels_and_types_exist_in_the_contract(q):
    for text in filter(None, (q.text, q.neo4j_text)):
        assert labels_in(text) <= set(LABELS)
        assert rel_types_in(text) <= set(REL_TYPES)


# Constructs only one dialect has.  The shared text (no variant) must use neither; a
# variant must not carry the other dialect's.
KUZU_ONLY = [r"\blabel\(", r"\bSHORTEST\b", r"\blist_transform\(", r"\bproperties\(", r"\brels\("]
NEO4J_ONLY = [r"\btype\(", r"\blabels\(", r"\bshortestPath\(", r"\ballShortestPaths\(", r"\[\s*\w+\s+IN\s+[^\]]*\|",
              r"\brelationships\(", r"\bstartNode\("]


def _uses(text, patterns):
    return [p for p in patterns if re.search(p, text)]


@pytest.mark.parametrize("q", QUERIES, ids=NAMES)
def test_dialect_texts(q):
    embedded, neo4j = q.text_for("embedded"), q.text_for("neo4j")
    assert _uses(embedded, NEO4J_ONLY) == []
    assert _uses(neo4j, KUZU_ONLY) == []
    if not q.neo4j_text:
        assert embedded == neo4j  # one text for both backends


@pytest.mark.parametrize("q", QUERIES, ids=NAMES)
def test_both_texts_pass_the_read_only_guard(q):
    from graph.stores import guard

    guard.check(q.text_for("embedded"))
    guard.check(q.text_for("neo4j"))  # the Neo4j store checks it the same way first


def test_both_texts_of_the_paths_query():
    q = get_query("paths-between")
    assert "* ALL SHORTEST 1..6]-(b)" in q.text_for("embedded")
    assert "allShortestPaths((a)-[" in q.text_for("neo4j") and "*1..6]-(b))" in q.text_for("neo4j")
    assert "list_transform(rels(p), r -> label(r))" in q.text_for("embedded")
    assert "[r IN relationships(p) | type(r)]" in q.text_for("neo4j")


def test_a_variant_text_is_chosen_by_the_backend_and_the_shared_one_otherwise():
    q = get_query("entity-relationships")
    assert "label(r) AS relationship" in q.text_for("embedded")
    assert "type(r) AS relationship" in q.text_for("neo4j")
    shared = get_query("aldermen")
    assert shared.neo4j_text == "" and shared.text_for("neo4j") == shared.text


# -- broken files: numbered errors ---------------------------------------------------------------
GOOD_HEADER = """// title: T
// description: D
// asked-by: A
// param: name string = "x" | h
// writes: false
"""
GOOD_BODY = "MATCH (p:Person {name: $name}) RETURN p.name"


def with_lines(extra: str) -> str:
    """GOOD_HEADER with more header lines before its last line (writes:)."""
    return GOOD_HEADER.replace("// writes: false\n", extra + "// writes: false\n")

BROKEN = [
    ("Q001", GOOD_HEADER.replace("// title: T\n", ""), GOOD_BODY),
    ("Q002", with_lines("// colour: blue\n"), GOOD_BODY),
    ("Q003", GOOD_HEADER.replace('name string = "x" | h', "name"), GOOD_BODY),
    ("Q004", GOOD_HEADER.replace("name string", "name text"), GOOD_BODY),
    ("Q005", with_lines("// param: top int = \"ten\" | h\n"), GOOD_BODY + " LIMIT $top"),
    ("Q006", GOOD_HEADER, GOOD_BODY + " LIMIT $top"),
    ("Q007", with_lines("// param: top int = 5 | h\n"), GOOD_BODY),
    ("Q008", GOOD_HEADER, "MATCH (p:Wethouder {name: $name}) RETURN p.name"),
    ("Q009", GOOD_HEADER, "MATCH (p:Person {name: $name})-[:KNOWS]->(q) RETURN q.name"),
    ("Q010", GOOD_HEADER, "MATCH (p:Person {name: $name}) DETACH DELETE p"),
    ("Q010", GOOD_HEADER.replace("writes: false", "writes: true"), GOOD_BODY),
    ("Q011", GOOD_HEADER, ""),
    ("Q012", GOOD_HEADER, GOOD_BODY + "\n// neo4j:\nMATCH (p:Person) RETURN p.name"),
    ("Q013", with_lines("// param: name string = \"y\" | again\n"), GOOD_BODY),
    ("Q014", GOOD_HEADER, GOOD_BODY + "; MATCH (n) RETURN n"),
]


@pytest.mark.parametrize("code, header, body", BROKEN, ids=[f"{c}-{i}" for i, (c, _, _) in enumerate(BROKEN)])
def test_a_broken_file_gives_its_numbered_error(code, header, body):
    q = parse_query(header + body, name="broken", path="queries/broken.cypher")
    errors = validate(q)
    assert any(e.startswith(code + " queries/broken.cypher") for e in errors), errors


def test_the_good_file_of_that_table_is_valid():
    assert validate(parse_query(GOOD_HEADER + GOOD_BODY, name="good")) == []


def test_comments_after_the_header_belong_to_the_statement():
    q = parse_query(GOOD_HEADER + "// note: a comment that looks like a field\n" + GOOD_BODY, name="c")
    assert validate(q) == [] and q.text.startswith("// note:")


def test_a_string_or_comment_is_not_taken_for_a_parameter_label_or_write():
    q = parse_query(GOOD_HEADER + "MATCH (p:Person {name: $name}) // CREATE (:Nope) $nope\n"
                    "WHERE p.title <> 'DELETE $x (:Fake)' RETURN p.name", name="ok")
    assert validate(q) == []


def test_loading_a_directory_with_a_broken_file_names_the_file(tmp_path):
    (tmp_path / "fine.cypher").write_text(GOOD_HEADER + GOOD_BODY, encoding="utf-8")
    (tmp_path / "bad.cypher").write_text(GOOD_HEADER + "MATCH (n:Nope) RETURN n", encoding="utf-8")
    with pytest.raises(SavedQueryError) as exc:
        load_queries(tmp_path)
    assert "Q008" in str(exc.value) and "bad.cypher" in str(exc.value) and "fine.cypher" not in str(exc.value)


def test_an_unknown_saved_query_lists_the_names():
    with pytest.raises(SavedQueryError, match="no saved query 'nope'.*aldermen"):
        get_query("nope")
    with pytest.raises(SavedQueryError, match="no saved query"):
        get_query("../README")


# -- keeping a query ----------------------------------------------------------------------------
@pytest.mark.parametrize("q", QUERIES, ids=NAMES)
def test_a_saved_query_written_back_reads_the_same(q):
    again = parse_query(render_query(q), name=q.name, path=q.path)
    assert validate(again) == []
    assert (again.title, again.description, again.asked_by, again.text, again.neo4j_text) == \
        (q.title, q.description, q.asked_by, q.text, q.neo4j_text)
    assert [(p.name, p.type, p.default, p.help) for p in again.params] == \
        [(p.name, p.type, p.default, p.help) for p in q.params]


def test_save_query_writes_a_checked_file_and_nothing_on_error(tmp_path):
    q = SavedQuery(name="alderman-of", title="The alderman of a municipality", description="Who is wethouder there.",
                   asked_by="the knowledge ambassador", writes=False,
                   params=[Param("gemeente", "string", "Beek", "the municipality")],
                   text="MATCH (p:Person)-[:ALDERMAN_OF]->(m:Municipality) WHERE m.name = $gemeente RETURN p.name")
    path = save_query(q, tmp_path)
    assert get_query("alderman-of", tmp_path).param("gemeente").default == "Beek"
    with pytest.raises(SavedQueryError, match="exists already"):
        save_query(q, tmp_path)
    bad = SavedQuery(name="deletes", title="t", description="d", asked_by="a", writes=False,
                     text="MATCH (n:Person) DETACH DELETE n")
    with pytest.raises(SavedQueryError, match="Q010"):
        save_query(bad, tmp_path)
    with pytest.raises(SavedQueryError, match="Q000 name"):
        save_query(SavedQuery(name="../escape", title="t", description="d", asked_by="a", text="RETURN 1"), tmp_path)
    assert sorted(p.name for p in tmp_path.iterdir()) == [path.name]  # nothing else, no temp file


# -- the README documents the format ---------------------------------------------------------------
def test_the_readme_documents_every_error_code_and_parameter_type():
    readme = (QUERIES_DIR.parent / "README.md").read_text(encoding="utf-8")
    codes = sorted(set(re.findall(r"\bQ0\d\d\b", validate.__doc__)))
    assert len(codes) == 14
    for code in codes:
        assert code in readme
    for ptype in PARAM_TYPES:
        assert f"`{ptype}`" in readme
    assert "python -m graph query --saved" in readme and "// neo4j:" in readme


# -- parameter typing ---------------------------------------------------------------------------
@pytest.mark.parametrize("ptype, raw, expected", [
    ("int", "12", 12), ("int", " 3 ", 3), ("float", "2.5", 2.5), ("bool", "ja", True), ("bool", "false", False),
    ("date", "2023-04-12", "2023-04-12"), ("date", "2023-07", "2023-07"), ("string", "Horst a/d Maas", "Horst a/d Maas"),
    ("list", "Beek, Stein", ["Beek", "Stein"]), ("list", '["Beek", "Sittard-Geleen"]', ["Beek", "Sittard-Geleen"]),
])
def test_parameter_values_are_typed_by_the_header(ptype, raw, expected):
    assert coerce(ptype, raw, "p") == expected


@pytest.mark.parametrize("ptype, raw", [("int", "ten"), ("int", "2.5"), ("float", "x"), ("bool", "maybe"),
                                        ("date", "12-04-2023"), ("date", "2023-02-30"), ("list", "[1, 2")])
def test_a_value_that_does_not_fit_is_refused_with_its_name(ptype, raw):
    with pytest.raises(ParamError, match=r"^p: "):
        coerce(ptype, raw, "p")


def test_saved_query_values_use_defaults_and_refuse_unknown_names():
    q = get_query("contacts-in-range")
    values = q.values({"first_day": "2023-04-01"})
    assert values == {"first_day": "2023-04-01", "last_day": "2023-12-31", "kind": ""}
    with pytest.raises(ParamError, match="unknown parameter start"):
        q.values({"start": "2023-04-01"})


def test_ad_hoc_parameters_are_guessed_and_missing_ones_named():
    text, params, saved = prepare(cypher="MATCH (n) WHERE n.name = $name RETURN n LIMIT $k",
                                  given={"name": "Beek", "k": "3"})
    assert params == {"name": "Beek", "k": 3} and saved is None
    with pytest.raises(ParamError, match=r"\$k"):
        prepare(cypher="MATCH (n) RETURN n LIMIT $k", given={})


# -- real answers on the embedded store ---------------------------------------------------------
@pytest.fixture(scope="session")
def seeded(tmp_path_factory):
    from graph.stores.open import open_store

    store = open_store(f"embedded:{seeded_store_file(tmp_path_factory.mktemp('queries'))}")
    yield store
    store.close()


def run(store, name, **params):
    result = run_saved(store, get_query(name), params)
    return [dict(zip(result.columns, row)) for row in result.rows]


def test_aldermen_per_municipality_and_region(seeded):
    rows = run(seeded, "aldermen")
    assert {(r["alderman"], r["municipality"], r["region"]) for r in rows} == {
        ("Diederen", "Beek", "Zuid-Limburg"), ("Geilen", "Sittard-Geleen", "Zuid-Limburg"),
        ("Gelderblom", "Heerlen", "Zuid-Limburg"), ("Bouten", "Horst aan de Maas", "Noord-Limburg"),
        ("Van Reij", "Roermond", "Midden-Limburg")}
    diederen = next(r for r in rows if r["alderman"] == "Diederen")
    assert set(diederen["sources"]) == {SEED_ID, LATER_ID}  # one row, both documents
    assert [r["alderman"] for r in run(seeded, "aldermen", region="noord-limburg")] == ["Bouten"]


def test_municipalities_with_no_contact_at_all(seeded):
    rows = run(seeded, "municipalities-without-contact")
    names = {r["municipality"] for r in rows}
    assert {"Venlo", "Maastricht", "Kerkrade", "Venray"} <= names
    # reached directly (Horst: LWV; Beek, Stein: Sittard-Geleen) or through an alderman
    # (Heerlen: Gelderblom; Roermond: Van Reij, in the later minutes)
    assert names.isdisjoint({"Horst aan de Maas", "Beek", "Stein", "Sittard-Geleen", "Heerlen", "Roermond"})
    assert len(names) == len(rows)  # one row per municipality
    south = run(seeded, "municipalities-without-contact", region="Zuid-Limburg")
    assert south and {r["region"] for r in south} == {"Zuid-Limburg"} and "Maastricht" in {r["municipality"] for r in south}


def test_open_action_items_per_owner(seeded):
    rows = run(seeded, "open-action-items")
    by_owner = {}
    for r in rows:
        by_owner.setdefault(r["owner"], []).append(r["action_item"])
    ambassador = " | ".join(by_owner["Kennisambassadeur"])
    assert "Diederen" in ambassador and "Van Reij" in ambassador and "opiniestuk" in ambassador
    assert "Gelderblom" not in ambassador  # that appointment was made: done
    assert any("rondetafelgesprekken" in t for t in by_owner["LLTB"])
    assert any("rondetafelgesprekken" in t for t in by_owner["LWV"])
    assert all(r["owner_redacted"] for r in rows if r["owner"] == "(redacted)") and "(redacted)" in by_owner
    assert {r["owner"] for r in run(seeded, "open-action-items", owner="lltb")} == {"LLTB"}


def test_who_attended_and_who_was_absent(seeded):
    april = run(seeded, "meeting-attendance", meeting="2023-04-12")
    assert len(april) == 1
    assert {"LWV", "LLTB", "Provincie Limburg", "Noord-Limburg", "Midden-Limburg"} <= set(april[0]["present"])
    assert april[0]["absent"] == ["Zuid-Limburg"]
    may = run(seeded, "meeting-attendance", meeting="2023-05-17")
    assert set(may[0]["present"]) == {"Noord-Limburg", "Zuid-Limburg", "LLTB", "Provincie Limburg"}
    assert may[0]["absent"] == ["Midden-Limburg"]
    congress = run(seeded, "meeting-attendance", meeting="jaarcongres")
    assert congress and congress[0]["absent"] == ["LLTB"] and "LLTB" not in congress[0]["present"]


def test_contacts_in_a_date_range(seeded):
    april = run(seeded, "contacts-in-range", first_day="2023-04-13", last_day="2023-04-30")
    dated = {(r["date"], r["from_party"], r["to_party"], r["status"]) for r in april}
    assert {("2023-04-14", "Provincie Limburg", "Radboud Universiteit", "planned"),
            ("2023-04-20", "Kennisambassadeur", "Gelderblom", "planned"),
            ("2023-04-20", "Provincie Limburg", "Decisio", "planned"),
            ("2023-04-24", "Kennisambassadeur", "Diederen", "planned"),
            ("2023-04-24", "Kennisambassadeur", "Diederen", "held")} <= dated
    assert all("2023-04-13" <= r["date"] <= "2023-04-30" and r["dated_by"] == "contact" for r in april)
    june = run(seeded, "contacts-in-range", first_day="2023-06-01", last_day="2023-06-30")
    assert [(r["from_party"], r["to_party"]) for r in june] == [("Kennisambassadeur", "Van Reij")]
    # an undated contact counts on its document's date, and says so
    talks = run(seeded, "contacts-in-range", first_day="2023-04-12", last_day="2023-04-12", kind="conversation")
    assert any(r["from_party"] == "Kennismakelaar" and r["to_party"] == "Bouten" and r["dated_by"] == "document"
               for r in talks)
    with pytest.raises(ParamError, match="first_day"):
        run(seeded, "contacts-in-range", first_day="13 april")


def test_engagement_per_municipality_over_time(seeded):
    roermond = run(seeded, "engagement-over-time", municipality="Roermond")
    assert [(r["date"], r["level"]) for r in roermond] == [("2023-04-12", "low"), ("2023-05-17", "medium")]
    high = {r["municipality"] for r in run(seeded, "engagement-over-time", level="high")}
    assert {"Weert", "Venlo", "Horst aan de Maas", "Sittard-Geleen"} <= high and "Roermond" not in high


def test_partners_refusals_and_funding_of_a_project(seeded):
    rows = run(seeded, "project-partners", project="tram")
    got = {(r["relation"], r["role"], r["party"]) for r in rows}
    assert got == {("partner", "associated partner", "Horst aan de Maas"), ("partner", "applicant", "Hochschule Rhein-Waal"),
                   ("declined", "", "Provincie Limburg"), ("funded by", "", "Interreg")}
    meterik = {(r["relation"], r["party"]) for r in run(seeded, "project-partners", project="Servicepunt Meterik")}
    assert meterik == {("funded by", "Investeringsagenda"), ("has part", "MyInfoNL app")}
    app = {(r["relation"], r["party"]) for r in run(seeded, "project-partners", project="MyInfoNL app")}
    assert ("part of", "Servicepunt Meterik") in app and ("funded by", "RegioDeal") not in app


def test_everyone_linked_to_a_body(seeded):
    rows = run(seeded, "body-members", body="stuurgroep")  # an alias, lower case
    got = {(r["party"], r["link"]) for r in rows}
    assert {("Roger Holtus", "chair"), ("Geilen", "candidate"), ("Geilen", "member")} <= got
    taskforce = run(seeded, "body-members")
    attended = {r["party"]: r["times"] for r in taskforce if r["link"] == "attended a meeting"}
    assert attended.get("LLTB") == 2 and attended.get("Zuid-Limburg") == 1  # present in May only
    absent = {r["party"] for r in taskforce if r["link"] == "absent from a meeting"}
    assert {"Zuid-Limburg", "Midden-Limburg"} <= absent


def test_paths_between_two_entities(seeded):
    result = run_saved(seeded, get_query("paths-between"), {})
    rows = [dict(zip(result.columns, row)) for row in result.rows]
    assert rows[0]["steps"] == 2 and rows[0]["route"] == ["Kennisambassadeur", "Diederen", "Geilen"]
    assert cell_text(rows[0]["path"]).startswith("Kennisambassadeur -[CONTACT]-> Diederen")
    g = result_graph(result)
    assert {"person:kennisambassadeur", "person:diederen", "person:geilen"} <= set(g.nodes)
    assert run(seeded, "paths-between", from_entity="Kennisambassadeur", to_entity="nobody at all") == []


def test_entities_most_often_mentioned_together(seeded):
    rows = run(seeded, "co-mentioned", entity="Diederen")
    assert rows[0]["documents"] == 2  # both minutes name Diederen with ...
    twice = {frozenset((r["entity"], r["other"])) for r in rows if r["documents"] == 2}
    assert frozenset(("Diederen", "Beek")) in twice and frozenset(("Diederen", "Roermond")) in twice
    assert all("Diederen" in (r["entity"], r["other"]) for r in rows)
    munis = run(seeded, "co-mentioned", label="Municipality", top=5)
    assert len(munis) == 5 and all(r["entity_id"].startswith("municipality:") and
                                   r["other_id"].startswith("municipality:") for r in munis)


def test_documents_that_mention_an_entity(seeded):
    rows = run(seeded, "documents-mentioning", entity="roermond")
    assert [r["document_id"] for r in rows if r["entity"] == "Roermond"] == [LATER_ID, SEED_ID]  # newest first
    with_reference = run(seeded, "documents-mentioning", entity="roermond", include_reference=True)
    assert len(with_reference) == len(rows) + 1


def test_what_changed_between_two_meetings(seeded):
    rows = run(seeded, "what-changed", earlier="2023-04-12", later="2023-05-17")
    got = {(r["change"], r["relationship"], r["from_party"], r["to_party"], r["detail"], r["status"]) for r in rows}
    assert {("new", "ENGAGEMENT", "(the minutes)", "Roermond", "medium", ""),
            ("not repeated", "ENGAGEMENT", "(the minutes)", "Roermond", "low", ""),
            ("new", "CONTACT", "Kennisambassadeur", "Diederen", "appointment", "held"),
            ("not repeated", "CONTACT", "Kennisambassadeur", "Diederen", "appointment", "planned"),
            ("new", "MEMBER_OF", "Geilen", "Stuurgroep Internationale Werknemers", "", "member"),
            ("not repeated", "MEMBER_OF", "Geilen", "Stuurgroep Internationale Werknemers", "", "candidate"),
            ("new", "CONTACT", "Kennisambassadeur", "Van Reij", "appointment", "planned")} <= got
    unchanged = [r for r in rows if r["relationship"] == "ALDERMAN_OF" and r["from_party"] == "Diederen"]
    assert unchanged == []  # said in both: no change
    assert all(r["relationship"] not in ("MENTIONS", "RAISED_IN") for r in rows)
    # the other way round, new and not repeated swap
    back = run(seeded, "what-changed", earlier="2023-05-17", later="2023-04-12")
    assert ("not repeated", "ENGAGEMENT", "Roermond", "medium") in {
        (r["change"], r["relationship"], r["to_party"], r["detail"]) for r in back}


def test_everything_said_about_an_entity(seeded):
    rows = run(seeded, "entity-relationships", entity="diederen")
    got = {(r["relationship"], r["direction"], r["other"]) for r in rows}
    assert {("ALDERMAN_OF", "out", "Beek"), ("CONTACT", "in", "Kennisambassadeur"), ("CONTACT", "out", "Geilen")} <= got
    assert all(r["relationship"] != "MENTIONS" for r in rows)
    assert {r["other_label"] for r in rows if r["other"] == "Beek"} == {"Municipality"}


def test_who_can_introduce_us(seeded):
    rows = run(seeded, "who-can-introduce")
    assert [(r["introducer"], r["already_in_contact"]) for r in rows][0] == ("Diederen", True)
    assert "request" in rows[0]["how"]


@pytest.mark.parametrize("q", QUERIES, ids=NAMES)
def test_every_saved_query_runs_with_its_defaults_through_the_guard(seeded, q):
    result = run_saved(seeded, q, {}, limit=50, timeout_s=20)
    assert result.columns and result.limit == 50


# -- the same queries on Neo4j -------------------------------------------------------------------
@pytest.fixture(scope="module")
def neo4j_seeded():
    from tests.conftest import NEO4J_SKIP_REASON, neo4j_test_env

    env = neo4j_test_env()
    if env is None:
        pytest.skip(NEO4J_SKIP_REASON)
    from graph.stores.open import open_store
    from loaders.ingest import ingest_graph, ingest_paths
    from tests.queries_data import SEED, later_minutes_graph

    store = open_store(env["GRAPH_STORE"], env=env)
    store.wipe_for_tests()
    assert ingest_paths(store, [SEED]).ok
    ingest_graph(store, later_minutes_graph(), LATER_ID)
    yield store
    store.close()


def _cell(v):
    # collect() gives no order: compare lists as sorted lists
    return cell_text(sorted(v, key=cell_text)) if isinstance(v, list) else cell_text(v)


def _row_set(result):
    return sorted(tuple(_cell(v) for v in row) for row in result.rows)


@pytest.mark.neo4j
@pytest.mark.parametrize("q", QUERIES, ids=NAMES)
def test_neo4j_gives_the_same_rows(neo4j_seeded, seeded, q):
    embedded = run_saved(seeded, q, {})
    neo4j = run_saved(neo4j_seeded, q, {})
    assert neo4j.columns == embedded.columns
    assert _row_set(neo4j) == _row_set(embedded)
