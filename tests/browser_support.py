"""What the browser tests share: Debian's chromium and its flags, and `streamlit run app.py`
on a free loopback port with a given store, started and stopped around a test module."""
from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
# Without the background-networking flags chromium keeps dialling hosts this closed
# network refuses; --no-sandbox because the tests run as root here and in CI.
LAUNCH_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
               "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def require_chromium():
    """Skip the calling test module, saying why, when chromium or playwright is missing."""
    if not os.path.exists(CHROMIUM):
        pytest.skip(f"{CHROMIUM} is missing: install Debian's chromium (apt-get install -y chromium; "
                    ".ci/run does) to run the browser test", allow_module_level=True)
    return pytest.importorskip("playwright.sync_api", reason="playwright (requirements.txt) is not installed")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def running_app(tmp: Path, store_setting: str, start_timeout: float = 90):
    """`streamlit run app.py` on 127.0.0.1 with GRAPH_STORE=store_setting; yields its URL
    once the health check answers, and stops it afterwards.  Its log is tmp/streamlit.log."""
    port = free_port()
    env = dict(os.environ, GRAPH_STORE=store_setting, GRAPH_UPLOADS=str(tmp / "uploads"))
    log_path = tmp / "streamlit.log"
    with open(log_path, "w") as log:
        proc = subprocess.Popen(
            [sys.executable, "-m", "streamlit", "run", str(ROOT / "app.py"), "--server.address", "127.0.0.1",
             "--server.port", str(port), "--server.headless", "true", "--browser.gatherUsageStats", "false",
             "--server.fileWatcherType", "none"],
            cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
        url = f"http://127.0.0.1:{port}"
        try:
            deadline = time.time() + start_timeout
            while True:
                try:
                    with urllib.request.urlopen(url + "/_stcore/health", timeout=2) as r:
                        if r.status == 200:
                            break
                except OSError:
                    pass
                if proc.poll() is not None or time.time() > deadline:
                    raise RuntimeError("streamlit did not start: " + log_path.read_text()[-2000:])
                time.sleep(0.3)
            yield url
        finally:
            proc.terminate()
            try:
                proc.wait(20)
            except subprocess.TimeoutExpired:
                proc.kill()
