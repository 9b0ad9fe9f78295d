"""Choosing and opening a store: the one setting, the one-handle-per-process rule of the
embedded store, a clear message for a second process, recovery from a damaged
write-ahead log, and Neo4j's one-line errors."""
from __future__ import annotations

import logging
import os
import subprocess
import sys
import textwrap
from concurrent.futures import ThreadPoolExecutor

import pytest

from graph.model import DocumentGraph
from graph.stores.base import StoreError
from graph.stores.open import DEFAULT_STORE, open_store, parse_setting

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def one_doc(i: int) -> tuple[DocumentGraph, str]:
    g = DocumentGraph()
    d = g.add_node("Document", f"minutes-{i}", kind="minutes", path=f"/m/{i}.txt", sha256=str(i))
    p = g.add_node("Person", f"Person {i}")
    g.add_rel("MENTIONS", d, p, source=d.id, evidence=f"Person {i}")
    return g, d.id


@pytest.mark.parametrize("setting, expected", [
    ("embedded:data/graph", ("embedded", "data/graph")),
    ("embedded:/srv/graph db", ("embedded", "/srv/graph db")),
    ("neo4j://db.example:7687", ("neo4j", "neo4j://db.example:7687")),
    ("neo4j+s://abc.databases.neo4j.io", ("neo4j", "neo4j+s://abc.databases.neo4j.io")),
    ("bolt://localhost:7687", ("neo4j", "bolt://localhost:7687")),
])
def test_settings_name_a_backend(setting, expected):
    assert parse_setting(setting) == expected


@pytest.mark.parametrize("setting", ["sqlite:x.db", "http://localhost:7474", "data/graph", "embedded:", ""])
def test_unknown_settings_are_one_line_errors(setting):
    with pytest.raises(StoreError) as err:
        open_store(setting)
    assert "\n" not in str(err.value) and ("embedded:PATH" in str(err.value))


def test_default_and_environment_setting(tmp_path, monkeypatch):
    assert DEFAULT_STORE == "embedded:data/graph"
    monkeypatch.chdir(tmp_path)
    with open_store(None, env={}) as s:
        assert s.describe() == "embedded (ladybug) at data/graph"
    assert (tmp_path / "data" / "graph").exists()
    with open_store(None, env={"GRAPH_STORE": f"embedded:{tmp_path / 'other'}"}) as s:
        assert s.describe().endswith("other")


def test_one_handle_per_path_in_a_process(tmp_path):
    setting = f"embedded:{tmp_path / 'g'}"
    a = open_store(setting)
    b = open_store(f"embedded:{tmp_path}/./g")
    assert a is b
    a.write_document(*one_doc(1))
    a.close()
    assert b.counts()["labels"]["Person"] == 1  # still open for the other user
    b.close()
    with pytest.raises(StoreError, match="is closed"):
        b.counts()
    with open_store(setting) as c:
        assert c is not a and [d["id"] for d in c.documents()] == ["document:minutes-1"]


def test_shared_handle_serves_threads(embedded_store):
    def work(i):
        embedded_store.write_document(*one_doc(i))
        embedded_store.query("MATCH (p:Person) RETURN count(p)")
        return embedded_store.counts()["labels"]["Person"]

    with ThreadPoolExecutor(4) as pool:
        list(pool.map(work, range(12)))
    assert embedded_store.counts()["labels"]["Person"] == 12
    assert len(embedded_store.documents()) == 12


def test_a_second_process_gets_a_clear_message(tmp_path):
    path = tmp_path / "g"
    with open_store(f"embedded:{path}"):
        code = textwrap.dedent(f"""
            from graph.stores.open import open_store
            from graph.stores.base import StoreError
            try:
                open_store("embedded:{path}")
            except StoreError as exc:
                print(exc)
                raise SystemExit(3)
        """)
        out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert out.returncode == 3, out.stderr
    assert out.stdout.strip() == (f"embedded store {path} is open in process {os.getpid()} "
                                  f"(one process at a time: stop it, or use another store path)")


def test_damaged_write_ahead_log_is_recovered_with_a_log_line(tmp_path, caplog):
    path = tmp_path / "g"
    code = textwrap.dedent(f"""
        import os, signal
        from tests.test_store_open import one_doc
        from graph.stores.open import open_store
        s = open_store("embedded:{path}")
        for i in range(3):
            s.write_document(*one_doc(i))
        os.kill(os.getpid(), signal.SIGKILL)  # no checkpoint: the writes are only in the WAL
    """)
    subprocess.run([sys.executable, "-c", code], cwd=ROOT, timeout=120, env={**os.environ, "PYTHONPATH": ROOT})
    wal = f"{path}.wal"
    assert os.path.getsize(wal) > 100
    data = bytearray(open(wal, "rb").read())
    data[-40] ^= 0xFF  # damage the last transaction, as a badly timed kill -9 can
    open(wal, "wb").write(bytes(data))
    with caplog.at_level(logging.WARNING, logger="graph.stores.embedded"):
        with open_store(f"embedded:{path}") as s:
            docs = sorted(d["id"] for d in s.documents())
            people = s.counts()["labels"]["Person"]
    assert "write-ahead log failed to replay" in caplog.text and ".wal.corrupt-" in caplog.text
    assert docs[:2] == ["document:minutes-0", "document:minutes-1"]  # committed before the damage
    assert people == len(docs)  # each document whole or absent
    assert [f for f in os.listdir(tmp_path) if ".wal.corrupt-" in f]
    with open_store(f"embedded:{path}") as s:  # and it opens normally from now on
        assert sorted(d["id"] for d in s.documents()) == docs


def test_unreachable_neo4j_is_a_one_line_error():
    with pytest.raises(StoreError) as err:
        open_store("bolt://127.0.0.1:9", env={"NEO4J_USER": "neo4j", "NEO4J_PASSWORD": "s3cret-pw"})
    msg = str(err.value)
    assert "\n" not in msg and msg.startswith("cannot reach the Neo4j server at bolt://127.0.0.1:9")
    assert "s3cret-pw" not in msg


@pytest.mark.neo4j
def test_wrong_neo4j_password_is_a_one_line_error():
    from conftest import NEO4J_SKIP_REASON, neo4j_test_env

    env = neo4j_test_env()
    if env is None:
        pytest.skip(NEO4J_SKIP_REASON)
    with pytest.raises(StoreError) as err:
        open_store(env["GRAPH_STORE"], env={**env, "NEO4J_PASSWORD": env["NEO4J_PASSWORD"] + "-wrong"})
    assert "\n" not in str(err.value) and "credentials" in str(err.value)
