"""Big relationship reads of the embedded store handed over as CSV files, not Arrow.

Why: ladybug converts a query result to Arrow (``get_as_arrow()``) while holding Python's
GIL, ~1.1 s of the app's read of a 10,000-document store, during which the thread that
builds the networkx graph from the tables already read cannot run.  ``COPY (query) TO
'file.csv'`` runs inside ``execute()``, which releases the GIL, and pyarrow's CSV reader
releases it too: the whole transfer then runs beside the graph build, on the other core.

Only for results whose columns are two integer offsets followed by strings (every
relationship property of the contract is a string), because CSV can carry those exactly:

- ladybug writes NULL as an empty field and an empty string as ``""``; the reader is told
  that only an unquoted empty field is NULL (so the strings "NULL", "NA" and "" stay
  strings);
- quotes, commas, line breaks (CR and LF) inside a value are quoted by the writer, and
  the reader allows line breaks inside quoted values;
- the column types are given, never inferred (a key of digits stays a string).

Columns whose values repeat (sources, sentences, levels) can come dictionary-encoded, by
the reader in the transfer's thread: the graph build then makes one Python string per
distinct value instead of one per relationship (to_networkx._python_values).

tests/test_csv_transfer.py checks the round trip against the Arrow path on every such
awkward value.  Any failure to write or read the file (no temporary directory, a full
disk) falls back to the Arrow path: slower, same result.
"""
from __future__ import annotations

import itertools
import logging
import os
import shutil
import tempfile
from contextlib import contextmanager

log = logging.getLogger(__name__)
_counter = itertools.count()


@contextmanager
def scratch_directory():
    """A fresh private directory for the CSV files of one read, removed afterwards; None
    when none can be made (the caller then reads through Arrow)."""
    try:
        path = tempfile.mkdtemp(prefix="graph-read-")
    except OSError as exc:
        log.info("reading through Arrow: no temporary directory for CSV transfer (%s)", exc)
        yield None
        return
    try:
        # the path goes into a Cypher string literal (COPY TO takes no parameter for it)
        yield path if "'" not in path and "\\" not in path else None
    finally:
        shutil.rmtree(path, ignore_errors=True)


def copy_and_read(execute, query: str, names: list[str], encode, directory: str):
    """The pyarrow Table of `query` (columns: two INT64 offsets, then the STRING columns
    `names`), written by the store to a CSV file in `directory` and read back, the columns
    named in `encode` dictionary-encoded.  `execute` runs one statement on the store.
    Raises OSError, RuntimeError or pyarrow.ArrowException when the transfer fails (the
    caller falls back)."""
    import pyarrow as pa
    import pyarrow.csv as pcsv

    path = os.path.join(directory, f"{next(_counter)}.csv")
    columns = ["start", "end"] + list(names)
    types = {c: pa.int64() if i < 2 else pa.dictionary(pa.int32(), pa.string()) if c in encode else pa.string()
             for i, c in enumerate(columns)}
    try:
        execute(f"COPY ({query}) TO '{path}' (header=false)")
        if os.path.getsize(path) == 0:  # no rows: an empty file, which the reader refuses
            # (pa.array() and Schema.empty_table() import pandas on first use: 0.4 s)
            return pa.Table.from_arrays([pa.nulls(0, t) for t in types.values()], names=columns)
        return pcsv.read_csv(
            path,
            read_options=pcsv.ReadOptions(column_names=columns, use_threads=False),
            parse_options=pcsv.ParseOptions(newlines_in_values=True),
            convert_options=pcsv.ConvertOptions(column_types=types, null_values=[""], strings_can_be_null=True,
                                                quoted_strings_can_be_null=False))
    finally:
        try:
            os.unlink(path)
        except OSError:
            pass
