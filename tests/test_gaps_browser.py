"""The Gaps page in a real browser (Debian's headless chromium through Playwright): the
Vega-Lite charts draw, the map of Limburg included, and no request leaves the app's own
address (no tile server, no CDN).  A screenshot of the map goes to artifacts/."""
from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
LAUNCH_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
               "--disable-background-networking", "--disable-component-update", "--disable-sync"]

if not os.path.exists(CHROMIUM):
    pytest.skip(f"{CHROMIUM} is missing: install Debian's chromium (apt-get install -y chromium; "
                ".ci/run does) to run the browser test", allow_module_level=True)
sync_api = pytest.importorskip("playwright.sync_api", reason="playwright (requirements.txt) is not installed")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def app_url(tmp_path_factory):
    """`streamlit run app.py` on a fresh store: the app loads the sample minutes itself."""
    tmp = tmp_path_factory.mktemp("gaps-browser")
    port = _free_port()
    env = dict(os.environ, GRAPH_STORE=f"embedded:{tmp / 'graph'}", GRAPH_UPLOADS=str(tmp / "uploads"))
    log = open(tmp / "streamlit.log", "w")
    proc = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", str(ROOT / "app.py"), "--server.address", "127.0.0.1",
         "--server.port", str(port), "--server.headless", "true", "--browser.gatherUsageStats", "false",
         "--server.fileWatcherType", "none"],
        cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.time() + 90
        while True:
            try:
                with urllib.request.urlopen(url + "/_stcore/health", timeout=2) as r:
                    if r.status == 200:
                        break
            except OSError:
                pass
            if proc.poll() is not None or time.time() > deadline:
                raise RuntimeError("streamlit did not start: " + (tmp / "streamlit.log").read_text()[-2000:])
            time.sleep(0.3)
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
        log.close()


def test_map_and_charts_draw_offline(app_url):
    outside = []
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1400, "height": 1200})

            def watch(request):
                if not request.url.startswith((app_url, "data:", "blob:", "about:")):
                    outside.append(request.url)
            page.on("request", watch)
            page.goto(app_url + "/gaps", timeout=120_000)
            page.get_by_text("Gaps in regional involvement").wait_for(timeout=120_000)
            page.get_by_role("tab", name="Map", exact=True).click()
            chart = page.locator('[data-testid="stVegaLiteChart"]').filter(has=page.locator("canvas, svg")).last
            chart.wait_for(state="visible", timeout=60_000)
            box = chart.bounding_box()
            assert box and box["height"] > 400 and box["width"] > 200
            (ROOT / "artifacts").mkdir(exist_ok=True)
            chart.screenshot(path=str(ROOT / "artifacts" / "gaps-map.png"))
            # every tab's chart has drawn something
            for tab in ("Heatmap", "Attendance", "Regions and bodies"):
                page.get_by_role("tab", name=tab, exact=True).click()
                page.wait_for_timeout(500)
            drawn = page.locator('[data-testid="stVegaLiteChart"] canvas, [data-testid="stVegaLiteChart"] svg')
            assert drawn.count() >= 4
        finally:
            browser.close()
    assert outside == [], f"requests left the app: {outside[:5]}"
