"""Overview: what the graph holds, which documents it was read from, the latest meeting,
and what changed with the last ingest.  Computed in graph.views; laid out here."""
import pandas as pd
import streamlit as st

from app_pages.shared import entity_link, load_graph, md, require_store
from graph.contract import LABELS, REL_TYPES
from graph.views import document_rows, last_ingest, latest_meeting

st.title("Overview")
store = require_store()
g = load_graph(store)
counts = store.counts()

st.subheader("What the graph holds")
labels = counts.get("labels", {})
cols = st.columns(5)
for i, label in enumerate(LABELS):
    cols[i % 5].metric(label, labels.get(label, 0))
types = counts.get("types", {})
with st.expander(f"Relationships by type ({sum(types.values())} in all)"):
    st.dataframe(pd.DataFrame([{"type": t, "count": types.get(t, 0), "meaning": REL_TYPES[t].meaning}
                               for t in REL_TYPES]), hide_index=True, width="stretch")

st.subheader("Documents loaded")
docs = document_rows(g, store.documents())
if docs:
    st.dataframe(pd.DataFrame(docs)[["title", "date", "kind", "body", "relationships", "id"]],
                 hide_index=True, width="stretch")
else:
    st.info("No documents loaded yet: add one on the Documents page or with `python -m loaders ingest PATH`.")

left, right = st.columns(2)
with left:
    st.subheader("Latest meeting")
    meeting = latest_meeting(g)
    if meeting is None:
        st.write("No dated meeting in the graph yet.")
    else:
        day = meeting["props"].get("date", "")
        entity_link(meeting["id"], meeting["name"] if day in meeting["name"] else f"{meeting['name']} ({day})")
        if meeting["body"]:
            st.caption("Meeting of " + md(", ".join(meeting["body"])))
        if meeting["props"].get("location"):
            st.caption("Location: " + md(meeting["props"]["location"]))
        st.write(f"Present: {len(meeting['attended'])} · absent: {len(meeting['absent'])} · "
                 f"action items: {len(meeting['action_items'])}")
        if meeting["attended"] or meeting["absent"]:
            st.dataframe(pd.DataFrame(
                [{"party": p, "": "present"} for p in meeting["attended"]]
                + [{"party": p, "": "absent"} for p in meeting["absent"]]), hide_index=True, width="stretch")
        if meeting["announced"]:
            st.caption("Announced after it:")
            for later in meeting["announced"]:
                entity_link(later["id"], f"{later['name']} ({later['date']})")
        if meeting["action_items"]:
            st.dataframe(pd.DataFrame([{"action item": a["text"], "status": a["status"],
                                        "owner": ", ".join(a["owners"]) or ("(redacted)" if a["owner_redacted"] else "")}
                                       for a in meeting["action_items"]]), hide_index=True, width="stretch")
with right:
    st.subheader("Last ingest")
    log = store.ingest_log(20)
    change = last_ingest(log)
    if change is None:
        st.write("Nothing ingested yet.")
    else:
        when = str(change.get("at", ""))[:19].replace("T", " ")
        st.write(f"{change.get('action', '')} **{md(change.get('document_id', ''))}** at {md(when)} UTC")
        c1, c2, c3, c4 = st.columns(4)
        c1.metric("nodes added", change.get("nodes_added", 0))
        c2.metric("nodes removed", change.get("nodes_removed", 0))
        c3.metric("relationships added", change.get("rels_added", 0))
        c4.metric("relationships removed", change.get("rels_removed", 0))
        with st.expander("Ingest log (newest first)"):
            st.dataframe(pd.DataFrame(log), hide_index=True, width="stretch")
