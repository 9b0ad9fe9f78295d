"""Explore: the graph picture with filters (label, relationship type, region, date range),
fuzzy text search, the neighbourhood of one entity, colour by label, size by degree or
betweenness.  Clicking a node opens its entity page (graph.visual's bridge)."""
import pandas as pd
import streamlit as st

from app_pages.shared import entity_link, load_graph, mention_sentences, render_graph, require_store
from graph.contract import LABELS, REL_TYPES
from graph.mentions import relationship_count, sentences_left_out
from graph.views import (date_span, document_index, entity_options, fill_edge_evidence, filter_graph, neighbourhood,
                         regions, search)

st.title("Explore")
store = require_store()
g = load_graph(store)

# The view lives in the URL (?label=..&type=..&region=..&q=..&focus=..&hops=..&size=..): a
# click on a node leaves for the entity page, and the browser's Back button comes back to
# the same view; a view can be shared as a link.  Widgets start from the URL once per
# session, then own their state.
DEFAULT_LABELS = [lab for lab in LABELS if lab != "Document"]
DEFAULT_TYPES = [t for t in REL_TYPES if t != "MENTIONS"]
region_names = {r["id"]: r["name"] for r in regions(g)}
url = st.query_params
starts = {
    "x_labels": [v for v in url.get_all("label") if v in LABELS] or DEFAULT_LABELS,
    "x_types": [v for v in url.get_all("type") if v in REL_TYPES] or DEFAULT_TYPES,
    "x_region": url.get("region", "") if url.get("region", "") in region_names else "",
    "x_text": url.get("q", ""),
    "x_size": url.get("size", "degree") if url.get("size") in ("degree", "betweenness", "none") else "degree",
    "x_hops": int(url.get("hops", "1")) if url.get("hops", "1") in ("1", "2", "3") else 1,
}
for key, value in starts.items():
    st.session_state.setdefault(key, value)

with st.sidebar:
    st.header("Filters")
    labels = st.multiselect("Labels", LABELS, key="x_labels",
                            help="Documents are left out by default: they mention everything.")
    types = st.multiselect("Relationship types", list(REL_TYPES), key="x_types",
                           help="MENTIONS is left out by default: it links each document to all it names.")
    region = st.selectbox("Region", [""] + list(region_names), key="x_region",
                          format_func=lambda rid: region_names.get(rid, "all regions"))
    use_dates = st.checkbox("Only meetings and contacts in a date range")
    date_from = date_to = None
    if use_dates:
        first, last = date_span(g) or ("2023-01-01", "2023-12-31")
        picked = st.date_input("Date range", value=(pd.Timestamp(first).date(), pd.Timestamp(last).date()))
        if isinstance(picked, (tuple, list)) and len(picked) == 2:
            date_from, date_to = picked[0].isoformat(), picked[1].isoformat()
    size_by = st.radio("Size by", ["degree", "betweenness", "none"], horizontal=True, key="x_size")

filtered = filter_graph(g, labels=labels, types=types, region=region or None,
                        date_from=date_from, date_to=date_to)

top = st.columns([2, 2, 1])
text = top[0].text_input("Search names (fuzzy)", placeholder="e.g. Diederen, LLTB, Stuurgroep", key="x_text")
options = dict(entity_options(filtered))
if "x_focus" not in st.session_state:
    st.session_state["x_focus"] = url.get("focus", "") if url.get("focus", "") in options else ""
if st.session_state["x_focus"] not in options:
    st.session_state["x_focus"] = ""  # filtered away: back to the whole graph
focus = top[1].selectbox("Neighbourhood of", [""] + list(options), key="x_focus",
                         format_func=lambda nid: options.get(nid, "whole graph"))
hops = top[2].slider("Hops", 1, 3, key="x_hops", disabled=not focus)

view = {"label": labels if labels != DEFAULT_LABELS else [], "type": types if types != DEFAULT_TYPES else [],
        "region": region, "q": text, "focus": focus, "hops": str(hops) if focus and hops != 1 else "",
        "size": size_by if size_by != "degree" else ""}
wanted = {k: v for k, v in view.items() if v}
if {k: url.get_all(k) for k in view if url.get_all(k)} != {k: v if isinstance(v, list) else [v]
                                                            for k, v in wanted.items()}:
    st.query_params.from_dict(wanted)

shown, highlight = filtered, []
if text:
    hits = search(filtered, text)
    if hits:
        highlight = [h["id"] for h in hits]
        shown = neighbourhood(filtered, highlight, 1)
        with st.expander(f"{len(hits)} matches for the search", expanded=True):
            for h in hits[:10]:
                entity_link(h["id"], f"{h['name']} ({h['label']}, score {h['score']:.0f})")
    else:
        st.warning("No name matches the search.")
        shown = filtered.subgraph([]).copy()
if focus:  # the neighbourhood wins over the search: it is the more specific question
    highlight = sorted(set(highlight) | {focus})
    shown = neighbourhood(filtered, focus, hops)

if "MENTIONS" in types and sentences_left_out(g):  # their hover sentence
    fill_edge_evidence(shown, lambda ids: mention_sentences(store, tuple(ids)))
st.caption(f"Showing {shown.number_of_nodes()} of {g.number_of_nodes()} nodes and "
           f"{shown.number_of_edges()} of {relationship_count(g)} relationships. "
           "Colour shows the label; hover a node or edge for details (an edge shows its evidence "
           "sentence and source document); click a node to open its page.")
render_graph(shown, size_by=size_by, highlight=highlight, documents=document_index(g),
             alt="graph of the selected entities")
