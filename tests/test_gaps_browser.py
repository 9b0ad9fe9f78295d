"""The Gaps page in a real browser (Debian's headless chromium through Playwright): the
Vega-Lite charts draw, the map of Limburg included, and no request leaves the app's own
address (no tile server, no CDN).  A screenshot of the map goes to artifacts/."""
from __future__ import annotations


import pytest

from tests.browser_support import CHROMIUM, LAUNCH_ARGS, ROOT, require_chromium, running_app

pytestmark = pytest.mark.browser

sync_api = require_chromium()


@pytest.fixture(scope="module")
def app_url(tmp_path_factory):
    """`streamlit run app.py` on a fresh store: the app loads the sample minutes itself."""
    tmp = tmp_path_factory.mktemp("gaps-browser")
    with running_app(tmp, f"embedded:{tmp / 'graph'}") as url:
        yield url


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
