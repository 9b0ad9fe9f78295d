"""Visit briefs hold their quotes with dates, stay offline and escaped, and print to PDF."""
import io
import re

import pytest
from pypdf import PdfReader

from contact_rounds_data import TODAY, build
from graph.briefs import brief_html, brief_markdown, brief_pdf, visit_brief
from graph.model import DocumentGraph


@pytest.fixture(scope="module")
def g():
    return build().to_networkx()


def test_municipality_brief_has_its_quotes_with_dates(g):
    md = brief_markdown(visit_brief(g, "Echt-Susteren", today=TODAY))
    assert md.startswith("# Visit brief: gemeente Echt-Susteren")
    assert "“De gemeente Echt-Susteren ziet geen urgentie.” (taskforce-2024-03-13, 13-03-2024)" in md
    assert "Trend: medium (10-01-2024) → low (13-03-2024)" in md
    assert "“Echt-Susteren besproken in de Taskforce van 2024-01-10.” (taskforce-2024-01-10, 10-01-2024)" in md
    assert "engagement low: 'De gemeente Echt-Susteren ziet geen urgentie.' (13-03-2024) (+3)" in md


def test_mention_sentences_left_out_of_the_graph_are_fetched(g):
    """A graph read with mention_evidence=False (the app's) gets its MENTIONS sentences
    from `sentences`, asked once for the brief's parties."""
    lean = g.copy()
    for _, _, d in lean.edges(data=True):
        if d["type"] == "MENTIONS":
            d.pop("evidence", None)
    lean.graph["without_evidence"] = ["MENTIONS"]
    wanted = "“Echt-Susteren besproken in de Taskforce van 2024-01-10.”"
    assert wanted not in brief_markdown(visit_brief(lean, "Echt-Susteren", today=TODAY))
    asked = []

    def sentences(ids):
        asked.append(sorted(ids))
        return {k: d["evidence"] for u, v, k, d in g.edges(keys=True, data=True)
                if d["type"] == "MENTIONS" and v in ids}

    md = brief_markdown(visit_brief(lean, "Echt-Susteren", today=TODAY, sentences=sentences))
    assert wanted in md and len(asked) == 1 and "municipality:echt-susteren" in asked[0]


def test_alderman_brief_has_contacts_action_items_and_paths(g):
    b = visit_brief(g, "Janssen", today=TODAY)
    md = brief_markdown(b)
    assert b.title == "Visit brief: wethouder Janssen (Kerkrade)"
    assert "Last held: conversation Kennisambassadeur – Janssen (held, 02-11-2023)" in md
    assert "Planned: appointment Kennisambassadeur – Janssen (planned, 20-03-2024)" in md
    assert "“Kennisambassadeur heeft op 20 maart 2024 afspraak met wethouder Janssen.”" in md
    assert "## Introduction paths from Kennisambassadeur" in md and "Kennisambassadeur → Janssen" in md
    assert "13-03-2024: Zuid-Limburg absent" in md


def test_open_action_items_in_the_brief(g):
    md = brief_markdown(visit_brief(g, "Nederweert", today=TODAY))
    assert "Since 10-01-2024: Kennisambassadeur legt contact met gemeente Nederweert" in md


def _hostile():
    d = DocumentGraph()
    doc = d.add_node("Document", "m", date="2024-05-01", kind="minutes", path="m.txt")
    m = d.add_node("Municipality", "Beesel")
    p = d.add_node("Person", "<script>alert(1)</script>", title="wethouder")
    d.add_rel("ALDERMAN_OF", p, m, source=doc.id, evidence='wethouder <img src="http://evil/x.png"> & co')
    return d.to_networkx()


def test_html_is_escaped_and_needs_nothing_from_outside():
    html = brief_html(visit_brief(_hostile(), "Beesel", today="2024-05-02"))
    assert "<script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<img" not in html and "&lt;img src=&quot;http://evil/x.png&quot;&gt; &amp; co" in html
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", html)
    assert "<link" not in html and "@import" not in html


def test_markdown_escapes_names_from_documents():
    md = brief_markdown(visit_brief(_hostile(), "Beesel", today="2024-05-02"))
    assert not re.search(r"(?<!\\)<", md) and "\\<script\\>" in md


def test_pdf_holds_the_brief(g):
    data = brief_pdf(visit_brief(g, "Echt-Susteren", today=TODAY))
    assert data.startswith(b"%PDF")
    text = " ".join(" ".join((page.extract_text() or "").split()) for page in PdfReader(io.BytesIO(data)).pages)
    assert "Visit brief: gemeente Echt-Susteren" in text
    assert "ziet geen urgentie" in text


def test_unknown_subject_is_a_clear_error(g):
    with pytest.raises(ValueError, match="no Municipality/Person called 'Atlantis'"):
        visit_brief(g, "Atlantis", today=TODAY)


def test_a_long_history_is_capped_with_a_count(g):
    md = brief_markdown(visit_brief(g, "Echt-Susteren", today=TODAY, quotes=2))
    said = md.split("## What the minutes said", 1)[1].split("\n## ", 1)[0]
    assert said.count("> “") == 2
    assert "… and 4 more older sentences (the entity page lists all)" in said
    assert "Trend: medium (10-01-2024) → low (13-03-2024)" in md  # the trend covers every reading
