"""Documents: what is loaded; upload minutes (PDF, DOCX, TXT) -> a preview with the
recognised entities highlighted in the text and the relationships that will be written
-> "Add to graph" through the CLI's own code path (loaders.ingest.ingest_paths); remove a
document."""
import shutil
from pathlib import Path

import pandas as pd
import streamlit as st

from app_pages.shared import clear_caches, load_graph, md, require_store, safe_filename, uploads_dir
from graph.views import document_rows, entity_spans, highlight_entities
from graph.visual import LABEL_COLOURS, legend_html

st.title("Documents")
store = require_store()
g = load_graph(store)

if st.session_state.get("documents_message"):
    st.success(md(st.session_state.pop("documents_message")))

docs = document_rows(g, store.documents())
st.subheader(f"Loaded ({len(docs)})")
if docs:
    st.dataframe(pd.DataFrame(docs)[["title", "date", "kind", "body", "relationships", "id", "sha256", "path"]],
                 hide_index=True, width="stretch")

st.subheader("Add a document")
# A new key after each addition empties the uploader: the added file is not offered again.
upload = st.file_uploader("Minutes or a similar document", type=["pdf", "docx", "txt"],
                          help="Nothing is written until you press “Add to graph”.",
                          key=f"upload-{st.session_state.get('upload_round', 0)}")




@st.cache_data(max_entries=4, show_spinner="Reading the document ...")
def _preview(path: str, sha: str):
    """(text, export, error) for a staged upload: what the CLI would extract."""
    from loaders.document import DocumentError
    from loaders.pipeline import extract_path
    from loaders.readers import read_document

    try:
        text = read_document(path).text
        return text, extract_path(path).to_export(), None
    except DocumentError as exc:
        return None, None, str(exc)


if upload is not None:
    import hashlib

    data = upload.getvalue()
    name = safe_filename(upload.name)  # never a path from the browser
    staging = uploads_dir() / ".staging"
    staging.mkdir(parents=True, exist_ok=True)
    staged = staging / name
    staged.write_bytes(data)
    text, export, error = _preview(str(staged), hashlib.sha256(data).hexdigest())
    if error:
        st.error(md(error.replace(str(staged), name)))  # the user's file name, not our staging path
    else:
        # What will be written: the corrections made in the app apply to new documents too.
        active = [c for c in store.corrections() if c["active"]]
        if active:
            from graph.corrections import apply_corrections
            from graph.model import DocumentGraph

            export = apply_corrections(DocumentGraph.from_export(export), active).to_export()
        nodes = {n["id"]: n for n in export["nodes"]}
        rels = export["relationships"]
        shown = sorted({n["label"] for n in nodes.values() if n["label"] not in ("Document", "Meeting", "ActionItem")})
        st.write(f"Recognised {len(nodes)} entities and {len(rels)} relationships in {md(name)}.")
        st.html('<div style="font-size:13px">' + legend_html(shown) + "</div>"
                '<div class="preview-text" style="white-space:pre-wrap;max-height:420px;overflow:auto;'
                'border:1px solid #ddd;padding:8px;font-size:14px">'
                + highlight_entities(text, entity_spans(text, list(nodes.values())), LABEL_COLOURS) + "</div>")
        with st.expander(f"Relationships that will be written ({len(rels)})"):
            st.dataframe(pd.DataFrame([{
                "type": r["type"], "from": nodes.get(r["source"], {}).get("name", r["source"]),
                "to": nodes.get(r["target"], {}).get("name", r["target"]),
                "details": ", ".join(f"{k}: {v}" for k, v in r["props"].items() if k not in ("source", "evidence")),
                "evidence": r["props"].get("evidence", "")} for r in rels]), hide_index=True, width="stretch")
        if st.button("Add to graph", type="primary"):
            from loaders.ingest import ingest_paths

            final = uploads_dir() / name
            shutil.move(str(staged), final)  # kept: the document's path stays its source
            report = ingest_paths(store, [final])
            clear_caches()
            failed = report.with_status("failed")
            if failed:
                st.error(md("; ".join(o.line() for o in failed)))
            else:
                st.session_state["documents_message"] = "; ".join(o.line() for o in report.outcomes)
                st.session_state["upload_round"] = st.session_state.get("upload_round", 0) + 1
                st.rerun()

st.subheader("Remove a document")
removable = [d for d in docs if d["kind"] != "reference"]
if removable:
    titles = {d["id"]: f"{d['title']} ({d['date'] or 'no date'})" for d in removable}
    gone = st.selectbox("Document", list(titles), index=None, format_func=lambda i: titles[i])
    confirm = st.checkbox("Yes, remove its assertions and the entities only it names")
    if st.button("Remove", disabled=not (gone and confirm)):
        from loaders.ingest import remove

        result = remove(store, gone)
        clear_caches()
        st.session_state["documents_message"] = (f"Removed {gone}: {result.rels_removed} relationships and "
                                                 f"{result.nodes_removed} entities")
        st.rerun()
else:
    st.write("No documents to remove.")
