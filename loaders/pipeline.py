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


def extract_each(paths: Iterable, known: Mapping | None = None, *,
                 catch: tuple[type[BaseException], ...] = (DocumentError,)
                 ) -> Iterator[tuple[str, DocumentGraph | None, BaseException | None]]:
    """(path, graph, None) or (path, None, error) per path, so a caller can write or print
    each document as soon as it is read and keep going past a bad one (``catch``: the
    exceptions that count as a bad file; the CLI adds Exception so one bug does not stop
    a long run).

    Minutes come first and contact logs after them, whatever the order given: a log may
    then name parties that minutes in the same run introduced (``Holtus`` for the minutes'
    "Roger Holtus"), as it may name those the store holds (``known``).
    """
    paths = [os.fspath(p) for p in paths]
    logs = any(is_contact_log(p) for p in paths)
    if logs:  # only then: minutes alone do not pay for the contact log's imports
        from loaders.contacts import known_names
    names: dict[str, list[str]] = {k: ([v] if isinstance(v, str) else list(v)) for k, v in (known or {}).items()}
    for path in [p for p in paths if not is_contact_log(p)] + [p for p in paths if is_contact_log(p)]:
        try:
            graph = extract_path(path, known=names if is_contact_log(path) else None)
        except catch as e:
            yield path, None, e
            continue
        if logs and not is_contact_log(path):
            for name, ids in known_names(graph).items():
                names.setdefault(name, [])
                names[name] += [i for i in ids if i not in names[name]]
        yield path, graph, None


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
