"""graph.visual: the graph picture's HTML is offline (no external URL at all), keeps every
document string inside escaped JSON, lays out in Python with a seed, and turns physics off
for large graphs.  Its JavaScript runs in tests/test_browser.py."""
from __future__ import annotations

import json
import re

import networkx as nx
import pytest

from graph.visual import LABEL_COLOURS, PHYSICS_LIMIT, graph_html, layout, safe_json, vis_data

EXTERNAL_RESOURCE = re.compile(r"""(?:\b(?:src|href|action|poster|data)\s*=\s*["']?\s*(?:https?:)?//)"""
                               r"""|(?:url\(\s*["']?\s*(?:https?:)?//)|(?:@import)""", re.I)
NASTY = ["<img src=x onerror=alert(1)>", "</script><script>alert(2)</script>", "a\u2028b\u2029c",
         "Tom & Jerry \"quoted\" 'single'", "<!-- comment", "]]>", "{{heading}}"]


def sample_graph(n_people: int = 5, names=()) -> nx.MultiDiGraph:
    g = nx.MultiDiGraph()
    g.add_node("document:minutes", label="Document", name="Verslag Taskforce", date="2023-04-12")
    g.add_node("municipality:beek", label="Municipality", name="Beek", cbs_code="GM0888")
    for i in range(n_people):
        pid = f"person:p{i}"
        g.add_node(pid, label="Person", name=f"Wethouder {i}", title="wethouder")
        g.add_edge(pid, "municipality:beek", key=f"k{i}", type="ALDERMAN_OF", source="document:minutes",
                   evidence=f"wethouder {i} (gemeente Beek)")
    for i, name in enumerate(names):
        oid = f"organisation:x{i}"
        g.add_node(oid, label="Organisation", name=name, aliases=[name + " alias"])
        g.add_edge("person:p0", oid, key=f"o{i}", type="AFFILIATED_WITH", source="document:minutes",
                   evidence=f"{name} said {name}")
    return g


def data_of(page: str) -> dict:
    raw = re.search(r"var DATA = (\{.*?\});\n", page, re.S).group(1)
    return json.loads(raw)


def test_no_external_resource_and_no_cdn():
    page = graph_html(sample_graph())
    assert not EXTERNAL_RESOURCE.search(page)
    assert "bootstrap" not in page.lower() and "jsdelivr" not in page and "cdnjs" not in page
    assert "vis.Network" in page  # vis-network inlined from the pyvis package
    csp = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', page).group(1)
    assert "default-src 'none'" in csp and "connect-src 'none'" in csp
    nonce = re.search(r"'nonce-([^']+)'", csp).group(1)
    # Script elements start a line; vis-network itself only holds the text "<script>" in a string.
    assert page.count(f'<script nonce="{nonce}">') == len(re.findall(r"(?m)^<script", page)) == 2


@pytest.mark.parametrize("name", NASTY)
def test_document_strings_stay_inside_escaped_json(name):
    page = graph_html(sample_graph(names=[name]))
    markup = page.split("\n<script", 1)[0]  # the head, legend and container: no document string
    assert name not in markup
    for ch in "<>&\u2028\u2029":
        if ch in name:
            assert name not in page  # never literally
    data = data_of(page)
    node = next(n for n in data["nodes"] if n["id"] == "organisation:x0")
    shown = " ".join(name.split())  # labels are drawn on the canvas: one line, long ones cut
    assert node["label"] == (shown if len(shown) <= 32 else shown[:31] + "…")
    assert node["title"].startswith(f"Organisation: {name}\nalso: {name} alias")  # text, not HTML
    edge = next(e for e in data["edges"] if e["to"] == "organisation:x0")
    assert f"“{name} said {name}”" in edge["title"]


def test_safe_json_round_trips():
    value = {"s": NASTY}
    text = safe_json(value)
    assert "<" not in text and ">" not in text and "&" not in text and "\u2028" not in text
    assert json.loads(text) == value


def test_edge_tooltip_has_type_evidence_source_and_date():
    nodes, edges = vis_data(sample_graph(1))
    assert edges[0]["title"] == ("ALDERMAN_OF\n“wethouder 0 (gemeente Beek)”\n"
                                 "source: Verslag Taskforce (2023-04-12)")
    assert nodes[1]["color"] == LABEL_COLOURS["Municipality"]


def test_legend_lists_the_labels_shown_with_their_colours():
    page = graph_html(sample_graph())
    legend = re.search(r'<div id="legend">(.*?)</div>', page, re.S).group(1)
    assert re.findall(r"</span>(\w+)</span>", legend) == ["Municipality", "Person", "Document"]
    assert LABEL_COLOURS["Person"] in legend


def big_graph(n: int) -> nx.MultiDiGraph:
    base = nx.barabasi_albert_graph(n, 2, seed=3)
    g = nx.MultiDiGraph()
    for i in base:
        g.add_node(f"person:{i}", label="Person", name=f"P{i}")
    for u, v in base.edges():
        g.add_edge(f"person:{u}", f"person:{v}", type="CONTACT", source="document:x", evidence="e")
    return g


def test_physics_on_for_small_graphs_off_above_the_limit_with_python_positions():
    small = data_of(graph_html(big_graph(50)))
    assert small["options"]["physics"]["enabled"] is True
    large = data_of(graph_html(big_graph(PHYSICS_LIMIT + 50)))
    assert large["options"]["physics"]["enabled"] is False
    assert all("x" in n and "y" in n for n in large["nodes"])
    assert large["options"]["interaction"]["hideEdgesOnDrag"] is True


@pytest.mark.parametrize("n", [30, 600])  # networkx spring layout, and the sampled one
def test_layout_is_seeded_and_spreads_nodes(n):
    g = big_graph(n)
    a, b, c = layout(g, seed=1), layout(g, seed=1), layout(g, seed=2)
    assert a == b and a != c and len(a) == n
    xs = sorted(x for x, _ in a.values())
    assert xs[-1] - xs[0] > 100  # not a heap in one spot
    assert len({(round(x), round(y)) for x, y in a.values()}) > n * 0.9


def test_size_by_degree_or_betweenness():
    g = sample_graph(4)
    by_degree = {n["id"]: n["size"] for n in data_of(graph_html(g, size_by="degree"))["nodes"]}
    assert by_degree["municipality:beek"] == max(by_degree.values())
    flat = {n["size"] for n in data_of(graph_html(g, size_by="none"))["nodes"]}
    assert len(flat) == 1


def test_highlighted_nodes_get_a_border_and_click_opens_the_entity_page():
    page = graph_html(sample_graph(), highlight=["municipality:beek"], link_page="entity")
    beek = next(n for n in data_of(page)["nodes"] if n["id"] == "municipality:beek")
    assert beek["borderWidth"] == 4
    assert 'var LINK_PAGE = "entity";' in page and 'network.on("click"' in page
