"""Bad input: every unreadable file is one line naming the file and the reason, no
traceback, a non-zero exit; with several paths the good ones are still processed."""
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from fixtures.documents import (write_docx, write_image_pdf, write_pdf, write_truncated_pdf, write_txt)
from loaders.cli import main
from loaders.document import DocumentError
from loaders.readers import MAX_TEXT_BYTES, read_document

ROOT = Path(__file__).resolve().parent.parent


def _missing(d):
    return d / "bestaat-niet.txt"


def _directory(d):
    (d / "map").mkdir()
    return d / "map"


def _empty(d):
    (d / "leeg.txt").write_bytes(b"")
    return d / "leeg.txt"


def _whitespace(d):
    (d / "wit.txt").write_bytes(b" \n\t\n  \n")
    return d / "wit.txt"


def _binary_nul(d):
    (d / "plaatje.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 20)
    return d / "plaatje.txt"


def _binary_controls(d):
    (d / "ruis.txt").write_bytes(bytes([1, 2, 3, 4, 5, 6, 7, 8, 14, 15]) * 300)
    return d / "ruis.txt"


def _corrupt_pdf(d):
    return write_truncated_pdf(d / "afgebroken.pdf")


def _not_a_pdf(d):
    (d / "nep.pdf").write_text("Dit is geen PDF maar platte tekst.", encoding="utf-8")
    return d / "nep.pdf"


def _encrypted_pdf(d):
    return write_pdf(d / "geheim.pdf", user_password="geheim")


def _scanned_pdf(d):
    return write_image_pdf(d / "scan.pdf")


def _corrupt_docx(d):
    (d / "kapot.docx").write_bytes(b"PK\x03\x04" + b"\x00" * 200)
    return d / "kapot.docx"


def _protected_docx(d):
    # Office saves a password-protected .docx as an OLE compound file
    (d / "beveiligd.docx").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 1000)
    return d / "beveiligd.docx"


def _docx_without_text(d):
    return write_docx(d / "leeg.docx", lines=[""])


def _unsupported(d):
    (d / "verslag.odt").write_bytes(b"PK\x03\x04 something")
    return d / "verslag.odt"


def _no_extension(d):
    (d / "verslag").write_text("tekst", encoding="utf-8")
    return d / "verslag"


def _too_large(d):
    path = d / "groot.txt"
    line = b"De gemeente Venlo is zeer actief ten aanzien van huisvesting.\n"
    path.write_bytes(line * (20 * 1024 * 1024 // len(line)))  # 20 MB
    return path


BAD = [
    (_missing, "no such file"),
    (_directory, "is a directory"),
    (_empty, "empty file"),
    (_whitespace, "no text"),
    (_binary_nul, "binary content, not text"),
    (_binary_controls, "binary content, not text"),
    (_corrupt_pdf, "corrupt PDF"),
    (_not_a_pdf, "not a PDF"),
    (_encrypted_pdf, "encrypted PDF (a password is needed to read it)"),
    (_scanned_pdf, "no text layer (scanned?)"),
    (_corrupt_docx, "corrupt DOCX"),
    (_protected_docx, "password-protected DOCX"),
    (_docx_without_text, "no text in the document"),
    (_unsupported, "unsupported file type '.odt'"),
    (_no_extension, "unsupported file type (no extension)"),
    (_too_large, "text too large: 20.0 MB (limit 5.0 MB"),
]
IDS = [b[0].__name__.strip("_") for b in BAD]


@pytest.mark.parametrize("build, reason", BAD, ids=IDS)
def test_reader_refuses_with_one_line(tmp_path, build, reason):
    path = build(tmp_path)
    with pytest.raises(DocumentError) as e:
        read_document(path)
    message = str(e.value)
    assert message.startswith(f"{path}: ")
    assert reason in e.value.reason
    assert "\n" not in message and len(message) < 300


@pytest.mark.parametrize("build, reason", BAD, ids=IDS)
def test_cli_refuses_with_one_line_and_exit_2(tmp_path, capsys, build, reason):
    path = build(tmp_path)
    code = main(["extract", str(path), "--format", "json"])
    out, err = capsys.readouterr()
    assert code == 2
    assert out == ""
    assert err.splitlines() == [f"{path}: {e}" for e in [_reason(path)]]
    assert reason in err


def _reason(path):
    try:
        read_document(path)
    except DocumentError as e:
        return e.reason
    raise AssertionError(f"{path} was read")


def test_size_limit_names_size_and_limit(tmp_path):
    path = tmp_path / "net-te-groot.txt"
    path.write_bytes(b"a" * (MAX_TEXT_BYTES + 1))
    with pytest.raises(DocumentError, match=r"text too large: 5\.0 MB \(limit 5\.0 MB; minutes are ~10 kB\)"):
        read_document(path)


def test_pypdf_repair_messages_do_not_reach_stderr(tmp_path, capfd):
    path = write_truncated_pdf(tmp_path / "half.pdf", keep=0.5)
    with pytest.raises(DocumentError):
        read_document(path)
    assert capfd.readouterr().err == ""


def test_subprocess_all_bad_no_traceback_exit_2(tmp_path):
    paths = [build(tmp_path) for build, _ in BAD if build is not _too_large]
    proc = subprocess.run([sys.executable, "-m", "loaders", "extract", *map(str, paths), "--format", "json"],
                          cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 2, proc.stderr
    assert proc.stdout == ""
    assert "Traceback" not in proc.stderr
    lines = proc.stderr.splitlines()
    for path, (_build, reason) in zip(paths, [b for b in BAD if b[0] is not _too_large]):
        assert any(line.startswith(f"{path}: ") and reason in line for line in lines), (path, reason)
    assert lines[-1] == f"python -m loaders extract: {len(paths)} of {len(paths)} files could not be read"


def test_subprocess_good_and_bad_exit_1(tmp_path):
    good = write_txt(tmp_path / "goed.txt")
    bad = _encrypted_pdf(tmp_path)
    contacts = ROOT / "samples" / "contacts.csv"
    proc = subprocess.run([sys.executable, "-m", "loaders", "extract", str(good), str(bad), str(contacts),
                           "--format", "json"], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 1, proc.stderr
    assert "Traceback" not in proc.stderr
    assert proc.stderr.splitlines()[0] == f"{bad}: encrypted PDF (a password is needed to read it)"
    export = json.loads(proc.stdout)
    docs = {n["id"] for n in export["nodes"] if n["label"] == "Document" and n["props"].get("path")}
    assert {"document:goed", "document:contacts"} <= docs
    assert "document:geheim" not in docs


def test_permission_denied(tmp_path):
    if os.geteuid() == 0:
        pytest.skip("root reads files whatever their permissions")
    path = write_txt(tmp_path / "dicht.txt")
    path.chmod(0)
    with pytest.raises(DocumentError, match="permission denied"):
        read_document(path)
