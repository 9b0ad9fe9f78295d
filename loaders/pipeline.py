"""From paths to graphs: the one place that decides which loader reads which file.

``.csv`` is a contact log (loaders.contacts); ``.txt``, ``.pdf`` and ``.docx`` are minutes,
read by loaders.readers and extracted by loaders.minutes.  Anything else is refused by the
reader with a one-line DocumentError.

>>> import tempfile, os
>>> d = tempfile.mkdtemp()
>>> graph, errors = extract_paths([os.path.join(d, "missing.pdf")])
>>> len(graph.nodes), [e.reason for e in errors]
(0, ['no such file'])
"""
from __future__ import annotations

import os
from collections.abc import Iterable, Iterator, Mapping

from graph.model import DocumentGraph
from loaders.document import DocumentError


def is_contact_log(path) -> bool:
    return os.path.splitext(os.fspath(path))[1].lower() == ".csv"


def extract_path(path, known: Mapping | None = None) -> DocumentGraph:
    """The graph of one file, its Document node included.  ``known`` (names and aliases ->
    node ids, from the store) lets a contact log name parties the store already holds;
    minutes do not need it.  Raises DocumentError."""
    if is_contact_log(path):
        from loaders.contacts import load_contacts

        return load_contacts(path, known=known)
    from loaders.readers import read_document

    doc = read_document(path)  # before importing the extractor: a bad file fails fast
    from loaders.minutes import extract_minutes

    return extract_minutes(doc)


def extract_each(paths: Iterable, known: Mapping | None = None) -> Iterator[tuple[str, DocumentGraph | None, DocumentError | None]]:
    """(path, graph, None) or (path, None, error) per path, in order, so a caller can write
    or print each document as soon as it is read and keep going past a bad one."""
    for path in paths:
        try:
            yield os.fspath(path), extract_path(path, known=known), None
        except DocumentError as e:
            yield os.fspath(path), None, e


def extract_paths(paths: Iterable, known: Mapping | None = None) -> tuple[DocumentGraph, list[DocumentError]]:
    """One merged graph of every readable path, and the errors of the others."""
    merged = DocumentGraph()
    errors: list[DocumentError] = []
    for _path, graph, error in extract_each(paths, known=known):
        if error is not None:
            errors.append(error)
        else:
            merged.merge(graph)
    return merged, errors
