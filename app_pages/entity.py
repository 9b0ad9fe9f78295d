"""Entity: one node with its properties and aliases, every relationship grouped by type with
its evidence, source document and date, the action items involving it, a timeline of its
contacts and meetings, the source text with the sentence highlighted, and the corrections
(rename, merge, change label, reject a relationship).  The page is opened by URL
(?id=<node id>): the graph picture's click handler and the links elsewhere go there."""
import pandas as pd
import streamlit as st

from app_pages.shared import (clear_caches, entity_link, load_graph, md, mention_sentences, render_graph,
                               require_store)
from graph import corrections
from graph.contract import LABELS
from graph.mentions import sentences_left_out
from graph.views import document_index, entity_options, entity_view, fill_evidence, highlight_sentence, neighbourhood

store = require_store()
g = load_graph(store)

options = dict(entity_options(g))
wanted = st.query_params.get("id", "")
if wanted and wanted not in g:
    st.warning(f"No entity with id “{md(wanted)}” (it may have been renamed, merged or removed).")
ids = list(options)
picked = st.selectbox("Entity", ids, index=ids.index(wanted) if wanted in options else None,
                      format_func=lambda nid: options.get(nid, nid), placeholder="Choose an entity ...")
if not picked:
    st.title("Entity")
    st.info("Choose an entity above, or click a node on the Explore page.")
    st.stop()
if picked != wanted:
    st.query_params["id"] = picked  # the URL names the entity shown: it can be shared

view = entity_view(g, picked)
if sentences_left_out(g):  # MENTIONS read without them at start: fetch this node's
    fill_evidence(view["relationships"], mention_sentences(store, (picked,)))
docs = document_index(g)  # the whole graph's: edge tooltips name their source documents
st.title(md(view["name"]))
st.caption(f"{view['label']} · id {md(view['id'])} · {view['degree']} relationships")

left, right = st.columns([1, 1])
with left:
    st.subheader("Properties")
    props = [{"property": k, "value": str(v)} for k, v in view["props"].items()]
    props.append({"property": "aliases", "value": ", ".join(view["aliases"]) or "—"})
    st.dataframe(pd.DataFrame(props), hide_index=True, width="stretch")
with right:
    st.subheader("Neighbourhood")
    render_graph(neighbourhood(g, picked, 1), highlight=[picked], height=360, documents=docs, alt="neighbourhood")

st.subheader("Relationships")
if not view["relationships"]:
    st.write("No relationships.")
evidence_choices = []
for rtype, rows in view["relationships"].items():
    with st.expander(f"{rtype} ({len(rows)})", expanded=len(view["relationships"]) <= 4):
        table = []
        for r in rows:
            arrow = "→" if r["direction"] == "out" else "←"
            table.append({"": arrow, "with": r["other"], "label": r["other_label"],
                          "details": ", ".join(f"{k}: {v}" for k, v in r["props"].items()),
                          "evidence": r["evidence"], "source": r["source_name"],
                          "source date": r["source_date"], "date": r["date"]})
            if r["evidence"] and r["source"]:
                evidence_choices.append(r)
        st.dataframe(pd.DataFrame(table), hide_index=True, width="stretch")
        for other_id, other in sorted({(r["other_id"], r["other"]) for r in rows}, key=lambda x: x[1])[:12]:
            entity_link(other_id, other)

st.subheader("Action items")
if view["action_items"]:
    st.dataframe(pd.DataFrame([{"action item": a["text"], "status": a["status"],
                                "owner": ", ".join(a["owners"]) or ("(redacted)" if a["owner_redacted"] else ""),
                                "raised in": a["meeting"], "date": a["date"]} for a in view["action_items"]]),
                 hide_index=True, width="stretch")
else:
    st.write("No action items involve this entity.")

st.subheader("Timeline")
if view["timeline"]:
    st.dataframe(pd.DataFrame([{k: e[k] for k in ("date", "what", "with", "status", "evidence", "source")}
                               for e in view["timeline"]]), hide_index=True, width="stretch")
else:
    st.write("No dated contacts or meetings.")


@st.cache_data(max_entries=16, show_spinner=False)
def _source_text(path: str, sha256: str) -> str | None:
    from loaders.document import DocumentError
    from loaders.readers import read_document

    try:
        return read_document(path).text
    except (DocumentError, OSError):
        return None


st.subheader("In the source")
if evidence_choices:
    labels = [f"{r['type']} · {r['other']} · {r['source_name']}" for r in evidence_choices]
    i = st.selectbox("Sentence", range(len(evidence_choices)), format_func=lambda k: labels[k])
    chosen = evidence_choices[i]
    doc = docs.get(chosen["source"], {})
    text = _source_text(doc["path"], g.nodes[chosen["source"]].get("sha256", "")) if doc.get("path") else None
    st.caption(f"{md(doc.get('name') or chosen['source'])} {md(doc.get('date', ''))}")
    if text:
        # Escaped by highlight_sentence: every character from the document is text.
        st.html('<div class="source-text" style="white-space:pre-wrap;max-height:420px;overflow:auto;'
                'border:1px solid #ddd;padding:8px;font-size:14px">'
                + highlight_sentence(text, chosen["evidence"], context=1500) + "</div>")
    else:
        st.write("The source file is not available here; the evidence sentence:")
        st.text(chosen["evidence"])
else:
    st.write("No evidence sentences for this entity.")

# -- corrections -----------------------------------------------------------------------------
st.subheader("Correct this entity")


def _correct(kind: str, goto=None, **args) -> None:
    """Make one correction through graph.corrections, then reopen the page (on `goto`, a
    node id or a function of the correction giving one); a refused correction is shown."""
    try:
        c = corrections.new_correction(kind, **args)
        docs_rewritten = corrections.make_correction(store, c)
    except corrections.CorrectionError as exc:
        st.error(str(exc))
        return
    clear_caches()
    st.session_state["correction_message"] = f"{corrections.describe(c)} ({len(docs_rewritten)} documents rewritten)"
    if goto is not None:
        st.query_params["id"] = goto(c) if callable(goto) else goto
    st.rerun()


if st.session_state.get("correction_message"):
    st.success(md(st.session_state.pop("correction_message")))

if view["label"] == "Document":
    st.caption("Documents are corrected by loading a new version of the file (Documents page).")
else:
    tab_rename, tab_merge, tab_label, tab_reject = st.tabs(["Rename", "Merge into ...", "Change label",
                                                             "Reject a relationship"])
    with tab_rename, st.form("rename"):
        new_name = st.text_input("New name", value=view["name"])
        if st.form_submit_button("Rename"):
            _correct("rename", goto=corrections.new_id, node_id=picked, name=new_name, old_name=view["name"])
    with tab_merge, st.form("merge"):
        same = [nid for nid in options if nid != picked and g.nodes[nid].get("label") == view["label"]]
        into = st.selectbox("Merge this entity into", same, index=None, format_func=lambda nid: options[nid],
                            help="For a misspelling: its names become aliases of the right entity, "
                                 "its relationships move over.")
        if st.form_submit_button("Merge") and into:
            _correct("merge", goto=into, from_id=picked, into_id=into, from_name=view["name"],
                     into_name=g.nodes[into].get("name"), into_label=view["label"])
    with tab_label, st.form("relabel"):
        new_label = st.selectbox("New label", [lab for lab in LABELS if lab not in (view["label"], "Document")])
        st.caption("Relationships the contract does not allow for the new label are dropped.")
        if st.form_submit_button("Change label"):
            _correct("relabel", goto=corrections.new_id, node_id=picked, label=new_label, old_name=view["name"])
    with tab_reject, st.form("reject"):
        rels = [r for rows in view["relationships"].values() for r in rows if r["type"] != "MENTIONS"]
        k = st.selectbox("Relationship", range(len(rels)), index=None,
                         format_func=lambda j: f"{rels[j]['type']} {'→' if rels[j]['direction'] == 'out' else '←'} "
                                               f"{rels[j]['other']} — “{rels[j]['evidence'][:80]}”")
        if st.form_submit_button("Reject") and k is not None:
            r = rels[k]
            _correct("reject", type=r["type"], start=r["start"], end=r["end"],
                     start_name=g.nodes[r["start"]].get("name"), end_name=g.nodes[r["end"]].get("name"),
                     evidence=r["evidence"])
