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
    node ids, from the store or earlier documents) lets a contact log name parties the
    store already holds, and lets minutes resolve a surname or a slightly different
    spelling to the node another document made ('Holtus' -> 'Roger Holtus').  Raises
    DocumentError."""
    if is_contact_log(path):
        from loaders.contacts import load_contacts

        return load_contacts(path, known=known)
    from loaders.readers import read_document

    doc = read_document(path)  # before importing the extractor: a bad file fails fast
    from loaders.minutes import extract_minutes

    return extract_minutes(doc, known=known)


def extract_each(paths: Iterable, known: Mapping | None = None, *,
                 catch: tuple[type[BaseException], ...] = (DocumentError,)
                 ) -> Iterator[tuple[str, DocumentGraph | None, BaseException | None]]:
    """(path, graph, None) or (path, None, error) per path, so a caller can write or print
    each document as soon as it is read and keep going past a bad one (``catch``: the
    exceptions that count as a bad file; the CLI adds Exception so one bug does not stop
    a long run).

    Every document is read knowing the parties of the documents before it in the run
    (and those the store holds, ``known``): 'Holtus' in one minutes is the 'Roger Holtus'
    earlier minutes named.  Minutes come first and contact logs after them, whatever the
    order given, so a log may name parties any minutes in the same run introduced.
    """
    paths = [os.fspath(p) for p in paths]
    ordered = [p for p in paths if not is_contact_log(p)] + [p for p in paths if is_contact_log(p)]
    names: dict[str, list[str]] = {k: ([v] if isinstance(v, str) else list(v)) for k, v in (known or {}).items()}
    for n, path in enumerate(ordered):
        try:
            graph = extract_path(path, known=names or None)
        except catch as e:
            yield path, None, e
            continue
        if n + 1 < len(ordered) and not is_contact_log(path):  # a later document may name these parties
            from loaders.contacts import known_names

            for name, ids in known_names(graph).items():
                have = names.setdefault(name, [])
                have += [i for i in ids if i not in have]
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
