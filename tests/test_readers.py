"""Reading .txt, .pdf and .docx into SourceDocuments: encodings, page breaks, tables, and
the same words whatever the format."""
import hashlib
import os

import pytest

from fixtures.documents import (MINUTES, MINUTES_LINES, write_docx, write_pdf, write_txt, words)
from loaders.document import DocumentError
from loaders.readers import decode_text, read_document


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1252", "utf-16"])
def test_txt_encodings_give_the_same_text(tmp_path, encoding):
    path = write_txt(tmp_path / "verslag.txt", MINUTES, encoding)
    doc = read_document(path)
    assert doc.text == MINUTES
    assert "coördinator" in doc.text and "€ 25.000" in doc.text


def test_cp1252_file_with_dutch_and_euro(tmp_path):
    text = "De coördinator meldt € 25.000 voor de “BO’s Wonen” – zeer actief.\n"
    raw = text.encode("cp1252")
    with pytest.raises(UnicodeDecodeError):
        raw.decode("utf-8")  # the premise: this file is not UTF-8
    path = tmp_path / "excel-export.txt"
    path.write_bytes(raw)
    assert read_document(path).text == text


def test_latin1_file(tmp_path):
    path = tmp_path / "oud.txt"
    path.write_bytes("Gemeente Echt-Susteren: coördinatie, reünie, café.\n".encode("latin-1"))
    assert read_document(path).text == "Gemeente Echt-Susteren: coördinatie, reünie, café.\n"


def test_windows_line_ends_become_newlines(tmp_path):
    path = tmp_path / "crlf.txt"
    path.write_bytes(b"Aanwezig\r\nAfwezig\r\n")
    assert read_document(path).text == "Aanwezig\nAfwezig\n"


def test_source_document_fields(tmp_path):
    path = write_txt(tmp_path / "Verslag 2023-04-12.txt")
    doc = read_document(os.path.relpath(path))
    assert doc.path == str(path.resolve())
    assert doc.kind == "txt"
    assert doc.sha256 == hashlib.sha256(path.read_bytes()).hexdigest()
    assert doc.document_id == "document:verslag-2023-04-12"


def test_extension_is_case_insensitive(tmp_path):
    assert read_document(write_pdf(tmp_path / "VERSLAG.PDF")).kind == "pdf"


def test_pdf_pages_are_separated_by_form_feeds(tmp_path):
    pages = [["Verslag Taskforce, pagina een.", "1"], ["Vervolg op pagina twee.", "2"]]
    doc = read_document(write_pdf(tmp_path / "twee.pdf", pages))
    assert doc.kind == "pdf"
    parts = doc.text.split("\f")
    assert len(parts) == 2
    assert words(parts[0]) == "Verslag Taskforce, pagina een. 1"
    assert words(parts[1]) == "Vervolg op pagina twee. 2"


def test_pdf_encrypted_with_an_empty_user_password_is_read(tmp_path):
    # PDFs "protected" against printing or copying open without a password
    path = write_pdf(tmp_path / "beveiligd.pdf", user_password="", owner_password="eigenaar")
    assert words(read_document(path).text) == words(MINUTES)


def test_docx_paragraphs_and_tables_in_document_order(tmp_path):
    path = write_docx(tmp_path / "verslag.docx", ["Aanwezig"],
                      table=[["wethouder Diederen", "gemeente Beek"], ["LLTB", ""]])
    doc = read_document(path)
    assert doc.kind == "docx"
    assert doc.text.split("\n") == ["Aanwezig", "wethouder Diederen\tgemeente Beek", "LLTB\t"]


@pytest.mark.parametrize("writer", ["txt-utf8", "txt-cp1252", "pdf", "docx"])
def test_same_content_same_words_in_every_format(tmp_path, writer):
    build = {
        "txt-utf8": lambda: write_txt(tmp_path / "v.txt"),
        "txt-cp1252": lambda: write_txt(tmp_path / "v.txt", MINUTES, "cp1252"),
        "pdf": lambda: write_pdf(tmp_path / "v.pdf"),
        "docx": lambda: write_docx(tmp_path / "v.docx"),
    }[writer]
    doc = read_document(build())
    assert words(doc.text) == words(MINUTES)
    # and line by line: the extractor reads structure from lines
    assert [words(line) for line in doc.text.splitlines() if line.strip()] == MINUTES_LINES


def test_decode_text_refuses_random_bytes_without_nul():
    import random

    rng = random.Random(4)
    data = bytes(rng.randrange(1, 256) for _ in range(4000))
    with pytest.raises(DocumentError) as e:
        decode_text(data, "ruis.txt")
    assert str(e.value).startswith("ruis.txt: binary content, not text")


def test_decode_text_keeps_a_few_odd_bytes_in_real_text():
    # 0x80 is "€" in Windows-1252; 0x81 is undefined there: one stray byte is no reason
    # to refuse a page of minutes
    data = ("Verslag van het overleg. " * 200).encode("cp1252") + b"Bedrag \x80 25 \x81.\n"
    assert decode_text(data).endswith("Bedrag € 25 \x81.\n")


def test_pdf_running_headers_and_page_numbers_do_not_reach_the_graph(tmp_path):
    """The reader keeps pages apart so the extractor can recognise what repeats on every
    page: the seed as a 7-page PDF with a running header and "Pagina n van N" footers
    gives the same graph as the seed itself, and no evidence quotes the furniture."""
    from pathlib import Path

    from loaders.pipeline import extract_path

    seed = Path(__file__).resolve().parent.parent / "samples" / "taskforce-2023-04-12.txt"
    lines = seed.read_text(encoding="utf-8").splitlines()
    chunks = [lines[i:i + 50] for i in range(0, len(lines), 50)]
    pages = [["Provincie Limburg - Taskforce Internationale Werknemers - werkversie", *chunk,
              f"Pagina {n} van {len(chunks)}"] for n, chunk in enumerate(chunks, 1)]
    pdf = write_pdf(tmp_path / "met-kopregels.pdf", pages)
    assert read_document(pdf).text.count("\f") >= len(chunks) - 1

    def shape(graph, doc_id):
        stem = doc_id.split(":", 1)[1]

        def same(nid):
            return "DOC" if nid == doc_id else nid.replace(stem, "DOC")

        return ({(n.label, same(n.id)) for n in graph.nodes.values()},
                {(r.type, same(r.start), same(r.end)) for r in graph.rels.values()})

    from_pdf = extract_path(pdf)
    assert shape(from_pdf, "document:met-kopregels") == shape(extract_path(seed), "document:taskforce-2023-04-12")
    evidence = " ".join(r.props.get("evidence", "") for r in from_pdf.rels.values())
    assert "Pagina " not in evidence and "werkversie" not in evidence
