"""Explorer benchmark (figures, no assertions).

1. Building the Explore graph picture server-side for 500, 2,000 and 10,000 nodes
   (a seeded synthetic graph in the stores' networkx shape, ~2.5 relationships a node):
   the Python layout, node sizing (degree; betweenness as well) and the HTML, separately
   and together.  Target: < 1 s for 2,000 nodes.
2. The same HTML drawn by headless chromium (when /usr/bin/chromium is there): time until
   vis-network's first drawing, physics off above graph.visual.PHYSICS_LIMIT nodes.
3. Cold start to first page: `streamlit run app.py` on a fresh embedded store (the first
   start also loads the reference data and the sample minutes) and again on the now
   loaded store, until the Overview page shows in the browser (or, without chromium,
   until the server answers the page).  Target: < 5 s.

    .venv/bin/python benchmarks/app.py
    .venv/bin/python benchmarks/app.py --sizes 500 2000 --no-browser --json
"""
from __future__ import annotations

import argparse
import json
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

CHROMIUM = "/usr/bin/chromium"
LAUNCH_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
               "--disable-background-networking", "--disable-component-update", "--disable-sync"]
LABEL_MIX = ["Person"] * 4 + ["Organisation"] * 2 + ["Municipality", "Meeting", "Body", "Project", "ActionItem"]
TYPE_FOR = {("Person", "Municipality"): "ALDERMAN_OF", ("Person", "Organisation"): "AFFILIATED_WITH",
            ("Person", "Meeting"): "ATTENDED", ("ActionItem", "Meeting"): "RAISED_IN"}


def synthetic_graph(n: int, seed: int = 0):
    """n nodes in the contract's shape, hubs included (preferential attachment), each edge
    with evidence and a source document."""
    import random

    import networkx as nx

    rng = random.Random(seed)
    base = nx.barabasi_albert_graph(n, 2, seed=seed)
    g = nx.MultiDiGraph()
    g.add_node("document:minutes-0", label="Document", name="Verslag Taskforce", date="2023-04-12")
    labels = {}
    for i in base:
        label = rng.choice(LABEL_MIX)
        labels[i] = label
        nid = f"{label.lower()}:n{i}"
        props = {"date": f"2023-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"} if label == "Meeting" else {}
        g.add_node(nid, label=label, name=f"{label} {i}", aliases=[], **props)
    for k, (u, v) in enumerate(base.edges()):
        a, b = f"{labels[u].lower()}:n{u}", f"{labels[v].lower()}:n{v}"
        rtype = TYPE_FOR.get((labels[u], labels[v]), "CONTACT")
        g.add_edge(a, b, key=f"k{k}", type=rtype, source="document:minutes-0",
                   evidence=f"{labels[u]} {u} en {labels[v]} {v} spraken over huisvesting.")
    return g


def time_build(n: int, repeat: int = 3) -> dict:
    from graph.views import node_sizes
    from graph.visual import graph_html, layout

    g = synthetic_graph(n)
    best = {}
    for _ in range(repeat):
        t0 = time.perf_counter()
        positions = layout(g, seed=7)
        t1 = time.perf_counter()
        node_sizes(g, "degree")
        t2 = time.perf_counter()
        page = graph_html(g, positions=positions, size_by="degree")
        t3 = time.perf_counter()
        figures = {"layout_s": t1 - t0, "sizes_degree_s": t2 - t1, "html_s": t3 - t2, "total_s": t3 - t0}
        best = {k: min(v, best.get(k, v)) for k, v in figures.items()}
    t0 = time.perf_counter()
    node_sizes(g, "betweenness")
    best["sizes_betweenness_s"] = time.perf_counter() - t0
    best.update(nodes=g.number_of_nodes(), relationships=g.number_of_edges(), html_kb=len(page) // 1024)
    return best, page


def time_draw(pages: dict[int, str]) -> dict:
    from playwright.sync_api import sync_playwright

    out = {}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS, headless=True)
        for n, page_html in pages.items():
            page = browser.new_page(viewport={"width": 1400, "height": 900})
            t0 = time.perf_counter()
            page.set_content(page_html, wait_until="load")
            page.wait_for_selector("body[data-stable='1']", timeout=300_000)
            out[n] = time.perf_counter() - t0
            page.close()
        browser.close()
    return out


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def time_cold_start(store_setting: str, use_browser: bool) -> float:
    """Seconds from `streamlit run` to the Overview page shown (the browser is started
    before the clock starts: its own start-up is not the app's)."""
    if not use_browser:
        return _cold_start(store_setting, None)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS, headless=True)
        page = browser.new_page()
        page.goto("about:blank")
        try:
            return _cold_start(store_setting, page)
        finally:
            browser.close()


def _cold_start(store_setting: str, page) -> float:
    port = _free_port()
    env = dict(os.environ, GRAPH_STORE=store_setting)
    t0 = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-m", "streamlit", "run", str(ROOT / "app.py"),
                             "--server.address", "127.0.0.1", "--server.port", str(port),
                             "--server.headless", "true", "--browser.gatherUsageStats", "false",
                             "--server.fileWatcherType", "none"],
                            cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}/"
    try:
        while True:
            try:
                with urllib.request.urlopen(url + "_stcore/health", timeout=1):
                    break
            except OSError:
                if proc.poll() is not None:
                    raise RuntimeError("streamlit exited")
                time.sleep(0.05)
        if page is None:
            return time.perf_counter() - t0
        page.goto(url)
        page.get_by_text("What the graph holds").wait_for(timeout=120_000)
        return time.perf_counter() - t0
    finally:
        proc.terminate()
        try:
            proc.wait(15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[500, 2000, 10000])
    ap.add_argument("--no-browser", action="store_true", help="skip the chromium figures")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args(argv)
    use_browser = not args.no_browser and os.path.exists(CHROMIUM)

    results = {"build": {}, "draw_s": {}, "cold_start_s": {}}
    pages = {}
    for n in args.sizes:
        results["build"][n], pages[n] = time_build(n)
    if use_browser:
        results["draw_s"] = time_draw(pages)
    with tempfile.TemporaryDirectory() as tmp:
        setting = f"embedded:{Path(tmp) / 'graph'}"
        results["cold_start_s"]["fresh store (loads the samples)"] = time_cold_start(setting, use_browser)
        results["cold_start_s"]["loaded store"] = time_cold_start(setting, use_browser)
    results["measured_to"] = "the Overview page in chromium" if use_browser else "the server's health answer"

    if args.json:
        print(json.dumps(results, indent=2))
        return 0
    print("Explore graph picture, built server-side (best of 3):")
    print(f"{'nodes':>7} {'rels':>7} {'layout':>8} {'sizes':>8} {'html':>8} {'total':>8} {'betweenness':>12} {'HTML':>8}"
          + ("  drawn in chromium" if use_browser else ""))
    for n, r in results["build"].items():
        drawn = f"  {results['draw_s'][n]:.2f} s" if use_browser else ""
        print(f"{r['nodes']:>7} {r['relationships']:>7} {r['layout_s']:>7.2f}s {r['sizes_degree_s']:>7.2f}s "
              f"{r['html_s']:>7.2f}s {r['total_s']:>7.2f}s {r['sizes_betweenness_s']:>11.2f}s "
              f"{r['html_kb']:>6} KB{drawn}")
    print(f"Cold start to first page ({results['measured_to']}):")
    for what, s in results["cold_start_s"].items():
        print(f"  {what}: {s:.2f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
