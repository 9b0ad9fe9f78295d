"""The interactive graph picture: one self-contained HTML page around vis-network, usable
from any page (Explore, the query console ...): `graph_html(nx_graph, ...)` -> str.

Why not pyvis's own `Network.generate_html()`:
- every pyvis template mode carries Bootstrap <link>/<script> tags from a CDN (and `remote`
  and `local` load vis-network from one too): on an intranet without internet the box stays
  empty.  Here the vis-network 9.1.2 that ships inside the pyvis package is inlined, and
  nothing else is referenced; a Content-Security-Policy forbids any network fetch at all.
- pyvis puts `heading` and the `select_menu` option list into the page raw, and its
  json.dumps does not escape "</script>": a name from a document could close the script
  element.  Here every string from a document travels only inside JSON in which <, >, &
  and the JS line separators are \\u-escaped, node and edge titles are plain strings
  (vis-network 9 shows them with innerText), and the legend is escaped HTML.
- pyvis's add_node/add_edge look ids up in lists (O(n) per call), too slow at 10,000 nodes.
  The node and edge dicts below have the same vis-network shape pyvis produces.

Large graphs: positions are computed in Python with a fixed seed (`layout`), physics is
off above PHYSICS_LIMIT nodes (vis-network with physics on took minutes at 2,000 nodes),
and below it physics only settles the seeded positions once and is then switched off.

The way back to Python: clicking a node navigates the app window to the entity page
(`entity?id=<node id>`); Streamlit's srcdoc iframe is same-origin with the app, so the
script follows a link in the parent document (see _NAVIGATE_JS).

>>> import networkx as nx
>>> g = nx.MultiDiGraph()
>>> g.add_node("organisation:x", label="Organisation", name="<img src=x onerror=alert(1)>")
>>> page = graph_html(g)
>>> "<img" in page, "\\\\u003cimg src=x onerror=alert(1)\\\\u003e" in page
(False, True)
"""
from __future__ import annotations

import html
import json
import math
import secrets
from functools import lru_cache
from pathlib import Path

import networkx as nx

from graph.contract import LABELS

PHYSICS_LIMIT = 300  # nodes; above this the picture is drawn from Python's positions only
# Nodes the app draws at most: 10,000 took 3 s to build and 18 s to draw in chromium here,
# and a 10,000-document store's default Explore view holds 160,000 (minutes, then a page
# no browser can use).  Above it the pages ask for a narrower view.
DRAW_LIMIT = 5000
_SPRING_LIMIT = 400  # networkx spring_layout without scipy is dense O(n^2): fine up to here

# One colour per contract label (colour-blind-safe-ish, distinct on white).
LABEL_COLOURS: dict[str, str] = {
    "Region": "#8dd3c7", "Municipality": "#1f77b4", "Person": "#ff7f0e", "Organisation": "#2ca02c",
    "Body": "#d62728", "Project": "#9467bd", "Programme": "#8c564b", "Document": "#7f7f7f",
    "Meeting": "#e377c2", "ActionItem": "#bcbd22",
}
assert set(LABEL_COLOURS) == set(LABELS)

# Same-origin JSON in a <script>: these characters must not appear literally.
_JSON_ESCAPES = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}


def safe_json(value) -> str:
    """JSON that can stand inside a <script> element whatever strings it holds.

    >>> safe_json({"name": "</script><b>"})
    '{"name": "\\\\u003c/script\\\\u003e\\\\u003cb\\\\u003e"}'
    """
    text = json.dumps(value, ensure_ascii=False)
    for ch, esc in _JSON_ESCAPES.items():
        text = text.replace(ch, esc)
    return text


@lru_cache(maxsize=1)
def _vis_network_js() -> str:
    """vis-network 9.1.2 as shipped inside the installed pyvis package (no download)."""
    import pyvis

    path = Path(pyvis.__file__).parent / "lib" / "vis-9.1.2" / "vis-network.min.js"
    if not path.exists():  # older pyvis layouts keep it under templates/
        path = Path(pyvis.__file__).parent / "templates" / "lib" / "vis-9.1.2" / "vis-network.min.js"
    js = path.read_text(encoding="utf-8")
    # The file's license comment ends the script early in no case, but make sure.
    return js.replace("</script", "<\\/script")


# -- layout -----------------------------------------------------------------------------
def layout(g: nx.Graph, *, seed: int = 7, iterations: int = 50) -> dict[str, tuple[float, float]]:
    """Positions in drawing units (pixels at zoom 1), the same for the same graph and seed.
    Up to 400 nodes networkx's spring layout; above, a sampled force layout in numpy
    (Fruchterman-Reingold with repulsion from a random sample of nodes) that stays under
    a second at 10,000 nodes.

    >>> p1 = layout(nx.path_graph(5)); p2 = layout(nx.path_graph(5))
    >>> p1 == p2 and len(p1) == 5
    True
    """
    n = g.number_of_nodes()
    if n == 0:
        return {}
    scale = 60 * math.sqrt(n)
    simple = nx.Graph(g.to_undirected(as_view=True)) if g.is_multigraph() or g.is_directed() else g
    if n <= _SPRING_LIMIT:
        raw = nx.spring_layout(simple, seed=seed, iterations=iterations)
        return {nid: (round(float(x) * scale, 1), round(float(y) * scale, 1)) for nid, (x, y) in raw.items()}
    # Fewer rounds for large graphs (each is O(n * sample)); nobody reads 10,000 nodes at
    # full detail, and the picture only has to be stable and untangled enough to zoom into.
    rounds = min(iterations, 30) if n <= 2000 else min(iterations, 15)
    return _sampled_force_layout(simple, seed=seed, iterations=rounds, scale=scale)


def _sampled_force_layout(g: nx.Graph, *, seed: int, iterations: int, scale: float,
                          sample: int = 32) -> dict[str, tuple[float, float]]:
    import numpy as np

    nodes = list(g)
    n = len(nodes)
    index = {nid: i for i, nid in enumerate(nodes)}
    rng = np.random.default_rng(seed)
    pos = rng.random((n, 2)) * 2 - 1
    edges = np.array([(index[u], index[v]) for u, v in g.edges() if u != v], dtype=np.int64).reshape(-1, 2)
    k = 2 / math.sqrt(n)  # ideal edge length in a [-1, 1] square
    step = 0.2
    for _ in range(iterations):
        picks = rng.integers(0, n, sample)
        delta = pos[:, None, :] - pos[None, picks, :]
        dist2 = (delta ** 2).sum(-1) + 1e-6
        disp = (delta * (k * k / dist2)[..., None]).sum(1) * (n / sample)
        if len(edges):
            d = pos[edges[:, 0]] - pos[edges[:, 1]]
            dist = np.sqrt((d ** 2).sum(-1)) + 1e-9
            pull = d * (dist / k)[:, None]
            np.add.at(disp, edges[:, 0], -pull)
            np.add.at(disp, edges[:, 1], pull)
        disp -= pos * (n * 0.01)  # a little gravity keeps components from drifting apart
        length = np.sqrt((disp ** 2).sum(-1)) + 1e-9
        pos += disp / length[:, None] * np.minimum(length, step)[:, None]
        step *= 0.93
    pos -= pos.mean(0)
    pos /= (np.abs(pos).max() or 1)
    return {nid: (round(float(pos[i, 0]) * scale, 1), round(float(pos[i, 1]) * scale, 1))
            for nid, i in index.items()}


# -- vis-network data ---------------------------------------------------------------------
def _short(text: str, limit: int = 32) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def node_title(data: dict) -> str:
    """The hover text of a node: plain text, lines separated by newlines."""
    lines = [f"{data.get('label', '')}: {data.get('name', '')}"]
    if data.get("aliases"):
        lines.append("also: " + ", ".join(map(str, data["aliases"])))
    for k, v in sorted(data.items()):
        if k not in ("label", "name", "aliases", "path", "sha256") and v not in (None, "", []):
            lines.append(f"{k}: {v}")
    return "\n".join(lines)


def edge_title(data: dict, documents: dict[str, dict]) -> str:
    """The hover text of an edge: its type and properties, the evidence sentence, and the
    source document with its date."""
    props = ", ".join(f"{k}: {v}" for k, v in sorted(data.items())
                      if k not in ("type", "source", "evidence") and v not in (None, ""))
    lines = [data.get("type", "") + (f" ({props})" if props else "")]
    if data.get("evidence"):
        lines.append(f"“{data['evidence']}”")
    src = data.get("source")
    if src:
        doc = documents.get(src, {})
        name = doc.get("name") or src
        lines.append(f"source: {name}" + (f" ({doc['date']})" if doc.get("date") else ""))
    return "\n".join(lines)


def vis_data(g: nx.MultiDiGraph, *, sizes: dict | None = None, positions: dict | None = None,
             highlight=(), documents: dict | None = None) -> tuple[list, list]:
    """vis-network node and edge dicts for `g` (the shape pyvis's Network.nodes/edges have)."""
    if documents is None:
        documents = {nid: {"name": d.get("name"), "date": d.get("date")}
                     for nid, d in g.nodes(data=True) if d.get("label") == "Document"}
    highlight = set(highlight)
    nodes = []
    for nid, d in g.nodes(data=True):
        label = d.get("label", "")
        node = {"id": nid, "label": _short(d.get("name") or nid), "title": node_title(d),
                "color": LABEL_COLOURS.get(label, "#cccccc"), "group": label,
                "size": round(float((sizes or {}).get(nid, 16)), 1)}
        if nid in highlight:
            node["borderWidth"] = 4
            node["color"] = {"background": node["color"], "border": "#000000"}
            node["font"] = {"size": 18, "bold": True}
        if positions and nid in positions:
            node["x"], node["y"] = positions[nid]
        nodes.append(node)
    edges = []
    for u, v, k, d in g.edges(keys=True, data=True):
        edges.append({"id": f"{u}|{v}|{k}", "from": u, "to": v, "title": edge_title(d, documents),
                      "arrows": "to", "color": {"color": "#b0b0b0", "highlight": "#333333"}})
    return nodes, edges


def vis_options(n_nodes: int, *, physics: bool | None = None) -> dict:
    if physics is None:
        physics = n_nodes <= PHYSICS_LIMIT
    big = n_nodes > PHYSICS_LIMIT
    return {
        # forceAtlas2 opens up the dense core (a meeting, its attendees, its action items)
        # far better than barnesHut on these graphs; it runs only before the first drawing.
        "physics": {"enabled": bool(physics), "solver": "forceAtlas2Based",
                    "forceAtlas2Based": {"gravitationalConstant": -120, "springLength": 120, "springConstant": 0.06,
                                         "centralGravity": 0.015, "avoidOverlap": 0.6},
                    "stabilization": {"enabled": bool(physics), "iterations": 300, "fit": True}},
        # Small graphs: names stay readable when the whole graph is fitted in the box.
        "nodes": {"shape": "dot", "font": {"size": 14 if big else 18, "face": "sans-serif"},
                  "scaling": {"label": {"drawThreshold": 6 if big else 2}}},
        "edges": {"smooth": False if big else {"type": "continuous"}, "width": 1,
                  "selectionWidth": 2, "hoverWidth": 1.5},
        "interaction": {"hover": True, "tooltipDelay": 150, "hideEdgesOnDrag": big,
                        "hideEdgesOnZoom": big, "navigationButtons": False, "keyboard": False},
        "layout": {"improvedLayout": False, "randomSeed": 7},
    }


# -- the page -----------------------------------------------------------------------------
_NAVIGATE_JS = r"""
function openEntity(id) {
  // The bridge back to Python: the entity page reads ?id= (st.query_params).
  var rel = LINK_PAGE + "?id=" + encodeURIComponent(id);
  var host = null;
  try { host = window.parent.document; } catch (e) { host = null; }
  if (host) {
    // Streamlit sandboxes its iframes without allow-top-navigation, so a script here may not
    // set top.location; a link clicked in the (same-origin) app document navigates as the app.
    var a = host.createElement("a");
    a.href = new URL(rel, window.parent.location.href).href;
    a.target = "_self";
    a.rel = "noopener";
    a.style.display = "none";
    host.body.appendChild(a);
    a.click();
    a.remove();
  } else {
    window.open(rel, "_top");
  }
}
"""

_PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'nonce-{nonce}'; style-src 'unsafe-inline'; img-src data:; connect-src 'none'; form-action 'none'; base-uri 'none'">
<style>
html, body {{ margin: 0; padding: 0; font-family: sans-serif; background: #fff; }}
#graph {{ width: 100%; height: {height}px; border: 1px solid #ddd; box-sizing: border-box; }}
#legend {{ font-size: 13px; padding: 4px 2px; color: #333; }}
#legend span.item {{ margin-right: 12px; white-space: nowrap; }}
#legend span.chip {{ display: inline-block; width: 11px; height: 11px; border-radius: 50%;
  margin-right: 4px; vertical-align: -1px; }}
#status {{ font-size: 12px; color: #666; padding: 2px; }}
div.vis-tooltip {{ position: absolute; visibility: hidden; padding: 6px 8px; white-space: pre-wrap;
  max-width: 420px; font-size: 13px; color: #000; background: #fffbe6; border: 1px solid #999;
  border-radius: 3px; box-shadow: 2px 2px 6px rgba(0,0,0,.2); pointer-events: none; z-index: 5; }}
</style></head>
<body>
<div id="legend">{legend}</div>
<div id="graph" role="img" aria-label="graph of {n_nodes} nodes and {n_edges} relationships"></div>
<div id="status">{status}</div>
<script nonce="{nonce}">{vis_js}</script>
<script nonce="{nonce}">
var LINK_PAGE = {link_page};
var DATA = {data};
{navigate_js}
(function () {{
  var container = document.getElementById("graph");
  var nodes = new vis.DataSet(DATA.nodes);
  var edges = new vis.DataSet(DATA.edges);
  var network = new vis.Network(container, {{nodes: nodes, edges: edges}}, DATA.options);
  window.graphNetwork = network;  // for the browser test: find a node on the canvas
  var physics = DATA.options.physics.enabled;
  function breathe() {{  // fit, then a little room so labels at the rim are not cut off
    network.fit({{animation: false}});
    network.moveTo({{scale: network.getScale() * 0.88, animation: false}});
  }}
  network.once("afterDrawing", function () {{
    document.body.setAttribute("data-drawn-nodes", String(DATA.nodes.length));
    if (!physics) {{ breathe(); document.body.setAttribute("data-stable", "1"); }}
  }});
  network.on("stabilizationIterationsDone", function () {{
    network.setOptions({{physics: {{enabled: false}}}});  // settle once, then stay put
    breathe();
    document.body.setAttribute("data-stable", "1");
  }});
  // Drawn while hidden (a closed tab or expander: zero size), the picture would be fitted
  // into nothing; fit it again once the box has a size.
  if (window.ResizeObserver) {{
    var lastWidth = container.clientWidth;
    new ResizeObserver(function () {{
      var w = container.clientWidth;
      if (w > 0 && lastWidth === 0) {{ network.redraw(); breathe(); }}
      lastWidth = w;
    }}).observe(container);
  }}
  network.on("hoverNode", function () {{ container.style.cursor = "pointer"; }});
  network.on("blurNode", function () {{ container.style.cursor = "default"; }});
  network.on("click", function (params) {{
    if (params.nodes && params.nodes.length === 1) {{ openEntity(params.nodes[0]); }}
  }});
}})();
</script>
</body></html>
"""


def legend_html(labels) -> str:
    """Escaped HTML legend: a coloured chip and the label name for each label shown.
    Styled inline, so it looks the same in the picture's page and in st.html."""
    return "".join(
        '<span class="item" style="margin-right:12px;white-space:nowrap">'
        '<span class="chip" style="display:inline-block;width:11px;height:11px;border-radius:50%;'
        f'margin-right:4px;vertical-align:-1px;background:{LABEL_COLOURS.get(lab, "#cccccc")}"></span>'
        f"{html.escape(lab)}</span>" for lab in labels)


def graph_html(g: nx.MultiDiGraph, *, size_by: str = "degree", positions: dict | None = None,
               physics: bool | None = None, highlight=(), height: int = 620, seed: int = 7,
               link_page: str = "entity", documents: dict | None = None) -> str:
    """The whole picture as one HTML page (for st.iframe): nodes coloured by label with a
    legend, sized by degree or betweenness (`size_by`, "none" for equal sizes), laid out
    with `seed` unless `positions` are given, `highlight`ed nodes drawn with a border.
    Clicking a node opens `link_page`?id=<node id> in the app window.  No external URL,
    no document string outside escaped JSON."""
    from graph.views import node_sizes

    if positions is None:
        positions = layout(g, seed=seed)
    sizes = node_sizes(g, size_by, seed=seed)
    nodes, edges = vis_data(g, sizes=sizes, positions=positions, highlight=highlight, documents=documents)
    options = vis_options(len(nodes), physics=physics)
    present = [lab for lab in LABELS if any(n["group"] == lab for n in nodes)]
    physics_on = options["physics"]["enabled"]
    status = (f"{len(nodes)} nodes, {len(edges)} relationships · "
              + ("settles, then stays put" if physics_on else "positions computed in Python (physics off)")
              + " · hover for details, click a node to open its page")
    return _PAGE.format(
        nonce=secrets.token_urlsafe(16), height=int(height), legend=legend_html(present),
        n_nodes=len(nodes), n_edges=len(edges), status=html.escape(status), vis_js=_vis_network_js(),
        link_page=safe_json(link_page), navigate_js=_NAVIGATE_JS,
        data=safe_json({"nodes": nodes, "edges": edges, "options": options}))
