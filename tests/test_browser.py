"""The explorer in a real browser: `streamlit run app.py` on 127.0.0.1 with a store in
tmp_path, driven by Debian's headless chromium through Playwright's Python API (never a
browser download).  What AppTest cannot show: the vis-network JavaScript draws the graph
offline, a click on a node lands on that node's entity page (the bridge back to Python),
and a name like `<img src=x onerror=alert(1)>` is shown as text and runs nothing, neither
in the app page nor inside the graph's iframe.  Screenshots go to artifacts/."""
from __future__ import annotations

import re
import time

import pytest

from tests.browser_support import CHROMIUM, LAUNCH_ARGS, ROOT, require_chromium, running_app

pytestmark = pytest.mark.browser

ARTIFACTS = ROOT / "artifacts"
XSS = "<img src=x onerror=alert(1)>"
XSS_ID = "organisation:img-src-x-onerror-alert-1"
sync_api = require_chromium()


@pytest.fixture(scope="module")
def app_url(tmp_path_factory):
    """The app on a seeded store: the sample minutes and contact log, and a contact log
    that names an organisation with markup in its name."""
    from graph.stores.open import open_store
    from loaders.ingest import ingest_paths

    tmp = tmp_path_factory.mktemp("browser")
    xss_log = tmp / "markup-in-names.csv"
    xss_log.write_text("date,from,to,kind,status,note\n"
                       f'2023-05-02,Kennisambassadeur,Organisation: {XSS},conversation,held,'
                       f'"Gesprek met {XSS} over </script><script>alert(2)</script> huisvesting"\n',
                       encoding="utf-8")
    setting = f"embedded:{tmp / 'graph'}"
    with open_store(setting) as store:
        report = ingest_paths(store, sorted((ROOT / "samples").iterdir()) + [xss_log])
        assert report.ok, [o.line() for o in report.outcomes]
    with running_app(tmp, setting, start_timeout=60) as url:
        yield url


@pytest.fixture(scope="module")
def browser():
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS, headless=True)
        try:
            yield b
        finally:
            b.close()


@pytest.fixture()
def page(browser):
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    pg = context.new_page()
    pg.dialogs = []  # any alert() would land here: nothing from a document may run
    pg.on("dialog", lambda d: (pg.dialogs.append(d.message), d.dismiss()))
    pg.external_requests = []
    pg.on("request", lambda r: pg.external_requests.append(r.url)
          if not r.url.startswith(("http://127.0.0.1", "data:", "about:", "blob:")) else None)
    yield pg
    context.close()


def _graph_frame(pg, timeout=60):
    """The frame holding the vis-network picture, once it has drawn and settled."""
    deadline = time.time() + timeout
    while time.time() < deadline:
        for frame in pg.frames:
            try:
                if frame.evaluate("() => !!window.graphNetwork && document.body.getAttribute('data-stable') === '1'"):
                    return frame
            except Exception:  # a frame navigating away
                pass
        time.sleep(0.25)
    raise AssertionError("no graph frame drew within the time limit")


def _click_node(pg, frame, node_id, hover_only=False):
    pos = frame.evaluate("""id => { const n = window.graphNetwork;
        n.fit({animation: false});
        const p = n.getPositions([id])[id]; return n.canvasToDOM(p); }""", node_id)
    box = frame.frame_element().bounding_box()
    canvas = frame.evaluate("() => { const r = document.querySelector('#graph canvas').getBoundingClientRect();"
                            " return {x: r.x, y: r.y}; }")
    # canvasToDOM is relative to the canvas; the canvas sits inside the iframe.
    x, y = box["x"] + canvas["x"] + pos["x"], box["y"] + canvas["y"] + pos["y"]
    if hover_only:
        pg.mouse.move(x - 30, y - 30)
        pg.mouse.move(x, y, steps=5)
    else:
        pg.mouse.click(x, y)


def test_explore_draws_the_graph_offline_and_a_click_opens_the_entity_page(page, app_url):
    ARTIFACTS.mkdir(exist_ok=True)
    page.goto(app_url + "/explore")
    frame = _graph_frame(page)
    drawn = int(frame.evaluate("() => document.body.getAttribute('data-drawn-nodes')"))
    assert drawn > 10
    assert frame.evaluate("() => document.querySelector('#graph canvas').width") > 0
    page.screenshot(path=str(ARTIFACTS / "explore.png"), full_page=True)

    # A municipality the sample contact log names: click it on the canvas.
    target = frame.evaluate("""() => window.graphNetwork.body.data.nodes.get()
        .filter(n => n.group === 'Municipality').map(n => n.id).sort()[0]""")
    name = frame.evaluate("id => window.graphNetwork.body.data.nodes.get(id).label", target)
    _click_node(page, frame, target)
    page.wait_for_url(re.compile(r"/entity\?id="), timeout=30_000)
    assert target in page.url.replace("%3A", ":")
    page.get_by_role("heading", name=name).first.wait_for(timeout=30_000)
    _graph_frame(page)  # its neighbourhood picture
    page.wait_for_timeout(1500)  # let the tables paint for the screenshot
    page.screenshot(path=str(ARTIFACTS / "entity-after-click.png"), full_page=True)
    # Back returns to the Explore view the click left (it lives in the URL).
    page.go_back()
    page.wait_for_url(re.compile(r"/explore"), timeout=30_000)
    _graph_frame(page)
    assert page.external_requests == []
    assert page.dialogs == []


def test_markup_in_a_name_is_shown_as_text_and_runs_nothing(page, app_url):
    page.goto(app_url + f"/entity?id={XSS_ID}")
    page.get_by_role("heading", name=XSS).first.wait_for(timeout=30_000)  # the text, literally
    frame = _graph_frame(page)  # the neighbourhood picture on the entity page
    assert frame.evaluate("id => window.graphNetwork.body.data.nodes.get(id).label", XSS_ID) == XSS
    # Hovering the node shows its tooltip, as text.
    _click_node(page, frame, XSS_ID, hover_only=True)
    frame.wait_for_function("() => { const t = document.querySelector('div.vis-tooltip');"
                            " return t && t.style.visibility !== 'hidden' && t.innerText.length > 0; }",
                            timeout=15_000)
    tooltip = frame.evaluate("() => { const t = document.querySelector('div.vis-tooltip');"
                             " return [t.innerText, t.innerHTML]; }")
    assert tooltip[0].startswith(f"Organisation: {XSS}")
    assert "&lt;img" in tooltip[1] and "<img" not in tooltip[1]
    assert page.locator("img[src='x']").count() == 0
    assert frame.locator("img").count() == 0
    assert frame.evaluate("() => document.querySelectorAll('script').length") == 2  # ours only
    page.wait_for_timeout(1000)
    page.screenshot(path=str(ARTIFACTS / "markup-name-entity.png"), full_page=True)
    page.goto(app_url + "/explore")
    frame = _graph_frame(page)
    assert frame.locator("img").count() == 0
    assert page.dialogs == []
    assert page.external_requests == []
