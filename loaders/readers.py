"""Read a source document (.txt, .pdf, .docx, .csv) into a SourceDocument, or refuse it
with one line that names the file and the reason.

The readers only decode; the extractor normalises (re-joins broken lines, drops page
numbers and running headers).  To make that possible a PDF's pages are kept apart: the
text of page n+1 follows a form feed ("\\f") after page n.

What is refused, and how it reads (``DocumentError`` prints as ``PATH: REASON``):

- a missing path ("no such file"), a directory ("is a directory ..."), a device or pipe;
- an empty file, or one with only white space;
- binary content in a text file (NUL bytes, control characters, undecodable bytes);
- a corrupt PDF, an encrypted PDF that needs a password, a PDF without a text layer
  ("no text layer (scanned?)"), a corrupt or password-protected DOCX;
- an unsupported extension (with the ones that are supported);
- a text larger than MAX_TEXT_BYTES (minutes are ~10 kB; the message says size and limit).

Text files are decoded as UTF-8 (with or without BOM), UTF-16 when it has a BOM (Word's
"Unicode text"), otherwise as Windows-1252, the legacy encoding of Dutch Windows and Excel
(a superset of Latin-1 for printable text, and the one that has "€" and curly quotes);
bytes Windows-1252 leaves undefined fall back to Latin-1.

>>> import tempfile, os
>>> d = tempfile.mkdtemp()
>>> p = os.path.join(d, "verslag.txt")
>>> _ = open(p, "wb").write("De coördinator betaalt € 5.".encode("cp1252"))
>>> read_document(p).text
'De coördinator betaalt € 5.'
>>> try:
...     read_document(os.path.join(d, "weg.txt"))
... except DocumentError as e:
...     print(e.reason)
no such file
"""
from __future__ import annotations

import logging
import os
import re
import stat

from loaders.document import DocumentError, SourceDocument

# Minutes are ~10 kB of text; 5 MB is 500 of them in one file, which is no longer minutes
# but an export or a mistake, and would hold the extractor for a long time.
MAX_TEXT_BYTES = 5 * 1024 * 1024
# PDF and DOCX files carry images; their text is checked against MAX_TEXT_BYTES after
# reading, but a file this large is refused before it is parsed at all.
MAX_FILE_BYTES = 100 * 1024 * 1024

TEXT_EXTENSIONS = (".txt",)
READERS_BY_EXTENSION = {".txt": "txt", ".pdf": "pdf", ".docx": "docx", ".csv": "csv"}
SUPPORTED = ", ".join(READERS_BY_EXTENSION)

# Hints for formats people will try: say what to do instead of only "unsupported".
_HINTS = {
    ".doc": "an old Word .doc; save it as .docx",
    ".odt": "an OpenDocument text; save it as .docx or .pdf",
    ".rtf": "an RTF file; save it as .docx or .txt",
    ".xlsx": "a spreadsheet; save the contact log as .csv",
    ".xls": "a spreadsheet; save the contact log as .csv",
}

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # Office compound file: encrypted OOXML or .doc


def _size(n: int) -> str:
    if n >= 1024 * 1024:
        return f"{n / (1024 * 1024):.1f} MB"
    if n >= 1024:
        return f"{n / 1024:.1f} kB"
    return f"{n} bytes"


def _too_large(n: int, what: str = "text") -> str:
    return f"{what} too large: {_size(n)} (limit {_size(MAX_TEXT_BYTES)}; minutes are ~10 kB)"


def read_document(path) -> SourceDocument:
    """Read one file into a SourceDocument (path made absolute, text decoded, sha256 of the
    bytes, kind from the extension).  Raises DocumentError with a one-line reason."""
    shown = os.fspath(path)
    ext = os.path.splitext(shown)[1].lower()
    try:
        st = os.stat(shown)
    except FileNotFoundError:
        raise DocumentError(shown, "no such file") from None
    except PermissionError:
        raise DocumentError(shown, "cannot read: permission denied") from None
    except OSError as e:
        raise DocumentError(shown, f"cannot read: {e.strerror or e}") from None
    if stat.S_ISDIR(st.st_mode):
        raise DocumentError(shown, "is a directory (give the files in it, e.g. DIR/*.pdf)")
    if not stat.S_ISREG(st.st_mode):
        raise DocumentError(shown, "not a regular file")
    kind = READERS_BY_EXTENSION.get(ext)
    if kind is None:
        hint = _HINTS.get(ext)
        what = f"'{ext}'" if ext else "(no extension)"
        raise DocumentError(shown, f"unsupported file type {what}"
                                   + (f": {hint}" if hint else f" (supported: {SUPPORTED})"))
    if st.st_size == 0:
        raise DocumentError(shown, "empty file")
    if kind in ("txt", "csv") and st.st_size > MAX_TEXT_BYTES:
        raise DocumentError(shown, _too_large(st.st_size))
    if st.st_size > MAX_FILE_BYTES:
        raise DocumentError(shown, f"file too large: {_size(st.st_size)} (limit {_size(MAX_FILE_BYTES)})")
    try:
        with open(shown, "rb") as f:
            data = f.read()
    except PermissionError:
        raise DocumentError(shown, "cannot read: permission denied") from None
    except OSError as e:
        raise DocumentError(shown, f"cannot read: {e.strerror or e}") from None

    if kind in ("txt", "csv"):
        text = decode_text(data, shown)
    elif kind == "pdf":
        text = _pdf_text(data, shown)
    else:
        text = _docx_text(data, shown)
    if not text.strip():
        raise DocumentError(shown, "no text (the file holds only white space)" if kind in ("txt", "csv")
                            else "no text in the document")
    # A character is at most 4 bytes in UTF-8: a text of up to a quarter of the limit in
    # characters (every minutes document) is within it without encoding it to count.
    if len(text) * 4 > MAX_TEXT_BYTES:
        n = len(text.encode("utf-8"))
        if n > MAX_TEXT_BYTES:
            raise DocumentError(shown, _too_large(n))
    return SourceDocument(path=os.path.abspath(shown), text=text,
                          sha256=SourceDocument.digest(data), kind=kind)


# -- text -------------------------------------------------------------------------------

def decode_text(data: bytes, shown: str = "<bytes>") -> str:
    """Decode the bytes of a text file: BOMs first, then UTF-8, then Windows-1252.
    Refuses binary content.  Line ends become "\\n".

    >>> decode_text("Zuid‑Limburg – “BO’s Wonen”".encode("utf-8"))
    'Zuid‑Limburg – “BO’s Wonen”'
    >>> decode_text("coördinator €".encode("cp1252"))
    'coördinator €'
    >>> decode_text(b"PK\\x03\\x04\\x00\\x00binary", "x.txt")
    Traceback (most recent call last):
    ...
    loaders.document.DocumentError: x.txt: binary content, not text (NUL bytes)
    """
    if data.startswith(b"\xef\xbb\xbf"):
        text = _strict(data[3:], "utf-8", shown)
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        text = _strict(data, "utf-16", shown)
    else:
        if b"\x00" in data:
            raise DocumentError(shown, "binary content, not text (NUL bytes)")
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            text = _legacy(data)
            # Windows-1252 maps almost every byte to something, so random bytes "decode":
            # text in a Western language has few letters outside ASCII, garbage has many.
            non_ascii = len(_NON_ASCII.findall(text))
            if non_ascii > max(8, len(text) * 0.15):
                raise DocumentError(shown, "binary content, not text (not UTF-8, and too many "
                                           "non-ASCII bytes for Windows-1252 text)")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    _check_controls(text, shown)
    return text


def _strict(data: bytes, encoding: str, shown: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as e:
        raise DocumentError(shown, f"not valid {encoding.upper()} although it starts with a "
                                   f"{encoding.upper()} byte-order mark (byte {e.start})") from None


def _legacy(data: bytes) -> str:
    """Windows-1252, with the five bytes it leaves undefined read as Latin-1 (C1 controls,
    which the control check below then weighs)."""
    if any(b in _CP1252_UNDEFINED for b in data):
        return "".join(_cp1252_char(b) for b in data)
    return data.decode("cp1252")


_CP1252_UNDEFINED = frozenset((0x81, 0x8D, 0x8F, 0x90, 0x9D))


def _cp1252_char(b: int) -> str:
    return chr(b) if b in _CP1252_UNDEFINED else bytes((b,)).decode("cp1252")


# Unicode's control characters (category Cc: C0, DEL, C1) except tab, line feed, vertical
# tab, form feed and carriage return.  A regex, not unicodedata per character: 50x faster.
_CONTROLS = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f]")
_NON_ASCII = re.compile(r"[^\x00-\x7f]")


def _check_controls(text: str, shown: str) -> None:
    """Text has tabs, line ends and form feeds; binary data has other control characters."""
    controls = len(_CONTROLS.findall(text))
    if controls > max(2, len(text) // 1000):
        raise DocumentError(shown, f"binary content, not text ({controls} control characters)")


def _drop_controls(text: str) -> str:
    """A PDF or DOCX is known to be a document; control characters in its text are font
    encoding debris (pypdf passes some through), not a sign of binary data."""
    return _CONTROLS.sub("", text.replace("\v", "\n"))


# -- PDF --------------------------------------------------------------------------------

def _pdf_text(data: bytes, shown: str) -> str:
    import io

    from pypdf import PdfReader
    from pypdf.errors import DependencyError, FileNotDecryptedError, PdfReadError

    if b"%PDF" not in data[:1024]:
        raise DocumentError(shown, "not a PDF (no %PDF header)")
    # pypdf reports repairs it attempts through logging; unconfigured logging would print
    # them on stderr between our one-line messages.  The outcome is what we report.
    log = logging.getLogger("pypdf")
    level = log.level
    log.setLevel(logging.CRITICAL)
    try:
        try:
            reader = PdfReader(io.BytesIO(data))
            if reader.is_encrypted:
                # Many published PDFs are encrypted only to restrict printing or copying,
                # with an empty user password: those open without asking anyone.
                try:
                    ok = reader.decrypt("")
                except DependencyError:
                    raise DocumentError(shown, "encrypted PDF that needs the 'cryptography' "
                                               "package to decrypt (AES)") from None
                if not ok:
                    raise DocumentError(shown, "encrypted PDF (a password is needed to read it)")
            pages = []
            for number, page in enumerate(reader.pages, 1):
                try:
                    pages.append(page.extract_text() or "")
                except (FileNotDecryptedError, DependencyError):
                    raise DocumentError(shown, "encrypted PDF (cannot be decrypted)") from None
                except Exception as e:  # pypdf raises many types on damaged content streams
                    raise DocumentError(shown, f"corrupt PDF (page {number}: "
                                               f"{_first_line(e)})") from None
        except DocumentError:
            raise
        except FileNotDecryptedError:
            raise DocumentError(shown, "encrypted PDF (a password is needed to read it)") from None
        except (PdfReadError, ValueError, KeyError, TypeError, AttributeError, IndexError,
                OSError, RecursionError) as e:
            raise DocumentError(shown, f"corrupt PDF ({_first_line(e)})") from None
    finally:
        log.setLevel(level)
    if not pages:
        raise DocumentError(shown, "corrupt PDF (no pages)")
    if not any(p.strip() for p in pages):
        raise DocumentError(shown, "no text layer (scanned?)")
    text = "\f".join(p.replace("\r\n", "\n").replace("\r", "\n") for p in pages)
    return _drop_controls(text)


def _first_line(e: Exception) -> str:
    msg = str(e).strip().splitlines()
    return msg[0][:120] if msg and msg[0] else type(e).__name__


# -- DOCX -------------------------------------------------------------------------------

def _docx_text(data: bytes, shown: str) -> str:
    """Body paragraphs and tables in document order; a table row becomes one line with its
    cells separated by tabs.  Headers and footers are left out: they repeat on every page
    and are the running text the extractor would have to drop anyway."""
    import io
    import zipfile

    if data.startswith(_OLE_MAGIC):
        raise DocumentError(shown, "password-protected DOCX, or an old .doc renamed to .docx "
                                   "(save it unprotected as .docx)")
    if not data.startswith(b"PK"):
        raise DocumentError(shown, "not a DOCX (not a ZIP package)")
    from docx import Document
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = Document(io.BytesIO(data))
        lines: list[str] = []
        _docx_block(document, lines)
    except (zipfile.BadZipFile, PackageNotFoundError, KeyError, ValueError, OSError, EOFError) as e:
        raise DocumentError(shown, f"corrupt DOCX ({_first_line(e)})") from None
    except Exception as e:  # lxml raises XMLSyntaxError on damaged parts
        if type(e).__module__.startswith("lxml"):
            raise DocumentError(shown, f"corrupt DOCX ({_first_line(e)})") from None
        raise
    return _drop_controls("\n".join(lines))


def _docx_block(container, lines: list[str]) -> None:
    from docx.table import Table

    for item in container.iter_inner_content():
        if isinstance(item, Table):
            for row in item.rows:
                cells = []
                seen = set()
                for cell in row.cells:
                    # merged cells come back once per grid column: keep one copy
                    if id(cell._tc) in seen:
                        continue
                    seen.add(id(cell._tc))
                    cells.append(" ".join(p.text.strip() for p in cell.paragraphs if p.text.strip()))
                line = "\t".join(c for c in cells)
                if line.strip():
                    lines.append(line)
        else:
            lines.append(item.text)
