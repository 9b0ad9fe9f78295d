"""A source document as the readers hand it to the extractors."""
from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass


class DocumentError(Exception):
    """A document that cannot be read.  str() is one line naming the file and the reason:
    'samples/x.pdf: no text layer (scanned?)'."""

    def __init__(self, path, reason: str):
        self.path = str(path)
        self.reason = reason
        super().__init__(f"{self.path}: {reason}")


@dataclass
class SourceDocument:
    path: str  # as given, made absolute by the reader
    text: str  # decoded text, not yet normalised (the extractor normalises)
    sha256: str  # of the file's bytes
    kind: str  # "txt", "pdf", "docx", "csv"

    @property
    def name(self) -> str:
        return os.path.basename(self.path)

    @property
    def document_id(self) -> str:
        from graph.contract import node_id

        return node_id("Document", os.path.splitext(self.name)[0])

    @staticmethod
    def digest(data: bytes) -> str:
        return hashlib.sha256(data).hexdigest()
