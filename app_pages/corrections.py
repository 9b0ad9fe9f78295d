"""Corrections: every rename, merge, label change and rejected relationship made on entity
pages, newest first, with undo.  They are applied again on every ingest (graph.corrections)."""
import pandas as pd
import streamlit as st

from app_pages.shared import clear_caches, entity_link, load_graph, md, require_store
from graph import corrections

st.title("Corrections")
store = require_store()
g = load_graph(store)
names = {nid: d.get("name") for nid, d in g.nodes(data=True)}

if st.session_state.get("corrections_message"):
    st.success(md(st.session_state.pop("corrections_message")))

made = list(reversed(store.corrections()))
st.caption("Made on an entity page (“Correct this entity”). Each is applied to the documents already "
           "loaded and again whenever a document is ingested, so re-ingesting keeps it.")
if not made:
    st.info("No corrections yet.")
    st.stop()

st.dataframe(pd.DataFrame([{"when": c["at"], "correction": corrections.describe(c, names), "kind": c["kind"],
                            "active": c["active"], "documents": len(c["args"].get("documents") or [])}
                           for c in made]), hide_index=True, width="stretch")

st.subheader("Undo")
for c in made:
    if not c["active"]:
        continue
    cols = st.columns([5, 1])
    with cols[0]:
        st.write(md(corrections.describe(c, names)))
        target = corrections.new_id(c)
        if target and target in g:
            entity_link(target, names.get(target) or target)
    if cols[1].button("Undo", key=f"undo-{c['id']}"):
        report = corrections.undo_correction(store, c["id"])
        clear_caches()
        msg = f"Undone: {corrections.describe(c, names)}; {len(report['rebuilt'])} documents read again"
        if report["not_rebuilt"]:
            msg += "; not rebuilt: " + "; ".join(f"{d} ({why})" for d, why in report["not_rebuilt"].items())
        st.session_state["corrections_message"] = msg
        st.rerun()
