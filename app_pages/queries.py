"""Queries: the analysts' console.  Saved queries (queries/*.cypher) as starting points, a
parameter form built from the query's header, an editor, results as a sortable table with
CSV download, and the Explore picture when the result holds nodes, relationships or
paths.  Every statement goes through the store's read-only guard; refusals and errors are
shown with their position; the row and time limits are said with every result.

Lays out only: graph.saved_queries and graph.query_results compute."""
from __future__ import annotations

from pathlib import Path

import pandas as pd
import streamlit as st

from app_pages.shared import md, render_graph, require_store, store_version
from graph.query_results import (error_position, footer, has_graph, point_at, result_graph,
                                 table_rows, to_csv, to_json)
from graph.saved_queries import (QUERIES_DIR, Param, ParamError, SavedQuery, SavedQueryError, coerce,
                                 guess_value, infer_type, load_queries, parameters_in, save_query, statement,
                                 validate)

OWN = ""  # the "write your own" choice

st.title("Queries")
store = require_store()
backend = getattr(store, "backend", "embedded")


# Where saved queries live: queries/ (tests put another directory in the session state).
queries_dir = Path(st.session_state.get("queries_dir") or QUERIES_DIR)


@st.cache_data(show_spinner=False)
def _saved(directory: str, signature: tuple):
    # keyed by the files' names and modification times: a query kept by an analyst (or
    # edited in queries/) shows without restarting the app
    return {q.name: q for q in load_queries(directory, strict=False)}


def _signature() -> tuple:
    return tuple(sorted((p.name, p.stat().st_mtime_ns) for p in queries_dir.glob("*.cypher")))


@st.cache_data(max_entries=64, show_spinner="Running the query ...")
def _run(_store, version: str, text: str, params_key: str, params: dict, limit: int, timeout_s: float):
    # keyed by the store's version: a new ingest shows at once, a rerun (sorting, the
    # picture, a download) does not query again
    return _store.query(text, params, limit=limit, timeout_s=timeout_s)


saved = _saved(str(queries_dir), _signature())
broken = {n: errors for n, q in saved.items() if (errors := validate(q))}
names = [OWN] + list(saved)


def _pick_changed():
    q = saved.get(st.session_state["queries_pick"])
    st.session_state["queries_text"] = q.text_for(backend) if q else ""
    st.session_state.pop("queries_outcome", None)


if "queries_pick" not in st.session_state:
    wanted = st.query_params.get("saved", "aldermen")
    st.session_state["queries_pick"] = wanted if wanted in saved else (names[1] if len(names) > 1 else OWN)
    _pick_changed()

left, right = st.columns([1, 2])
with left:
    st.selectbox("Saved query", names, key="queries_pick", on_change=_pick_changed,
                 format_func=lambda n: saved[n].title if n in saved else "(write your own)",
                 help="Starting points kept in queries/*.cypher; pick one, change the parameters or the text.")
    chosen = saved.get(st.session_state["queries_pick"])
    if chosen is not None:
        st.markdown(md(chosen.description))
        st.caption("Asked by: " + md(chosen.asked_by))
        st.caption(f"File: {md(chosen.path)} · `python -m graph query --saved {chosen.name}`")

with right:
    text = st.text_area("Cypher (one read-only statement)", key="queries_text", height=300,
                        help="Values go in as $parameters, never pasted into the text. Writes, several "
                             "statements, file access and procedures that are not known to read are refused.")

# -- the parameter form: typed by the saved query's header, else guessed ---------------------
used = parameters_in(text or "")
params, problems = {}, []
if used:
    st.subheader("Parameters")
    cols = st.columns(min(len(used), 3))
    for i, name in enumerate(used):
        p = chosen.param(name) if chosen is not None else None
        key = f"queries_param_{chosen.name if p else 'own'}_{name}"
        with cols[i % len(cols)]:
            if p is None:
                raw = st.text_input(f"${name}", key=key, help="not in a saved header: a number, true/false, "
                                                             "a JSON list, or else text")
                params[name] = guess_value(raw)
                continue
            label = f"${name} ({p.type})"
            try:
                if p.type == "int":
                    params[name] = int(st.number_input(label, value=int(p.default), step=1, key=key, help=p.help))
                elif p.type == "float":
                    params[name] = float(st.number_input(label, value=float(p.default), key=key, help=p.help))
                elif p.type == "bool":
                    params[name] = bool(st.checkbox(label, value=bool(p.default), key=key, help=p.help))
                elif p.type == "list":
                    raw = st.text_input(label, value=", ".join(p.default), key=key,
                                        help=(p.help + "; " if p.help else "") + "comma-separated")
                    params[name] = coerce("list", raw, name)
                else:  # string, date (ISO text: a month alone, 2023-07, is a valid date here)
                    raw = st.text_input(label, value=str(p.default), key=key,
                                        help=p.help + (" (YYYY-MM-DD)" if p.type == "date" else ""))
                    params[name] = coerce(p.type, raw, name)
            except ParamError as exc:
                problems.append(str(exc))

limits = st.columns([1, 1, 2])
limit = int(limits[0].number_input("Row limit", min_value=1, max_value=100_000, value=1000, step=100,
                                   key="queries_limit"))
timeout_s = float(limits[1].number_input("Time limit (s)", min_value=0.5, max_value=120.0, value=10.0,
                                         step=1.0, key="queries_timeout"))
run = limits[2].button("Run query", type="primary", key="queries_run")

for problem in problems:
    st.error(f"Parameter: {problem}")
if broken:
    st.warning("Saved queries with errors (fix the file): " + "; ".join(
        md(e) for errors in broken.values() for e in errors))


def _show_error(kind: str, message: str, source: str) -> None:
    pos = error_position(message, source)
    where = f" (line {pos[0]}, column {pos[1]})" if pos else ""
    st.error(f"{kind}{where}: {message}")
    if pos:
        st.code(point_at(source, *pos), language=None)


if run and not problems:
    from graph.stores.base import QueryRefused, StoreError

    source = statement(text or "")
    key = repr(sorted(params.items()))
    try:
        result = _run(store, store_version(store), source, key, params, limit, timeout_s)
        st.session_state["queries_outcome"] = {"result": result, "text": source}
    except QueryRefused as exc:
        st.session_state["queries_outcome"] = {"refused": str(exc), "text": source}
    except StoreError as exc:
        st.session_state["queries_outcome"] = {"error": str(exc), "text": source}

outcome = st.session_state.get("queries_outcome")
if outcome is None:
    st.info("Pick a saved query or write one, then press **Run query**.")
elif "refused" in outcome:
    _show_error("Refused, nothing was run", outcome["refused"], outcome["text"])
elif "error" in outcome:
    _show_error("Query error", outcome["error"], outcome["text"])
else:
    result = outcome["result"]
    st.caption(md(footer(result)))
    if result.truncated:
        st.warning(f"Only the first {result.limit} rows are shown: raise the row limit or narrow the query.")
    frame = pd.DataFrame(table_rows(result), columns=result.columns)
    st.dataframe(frame, hide_index=True, width="stretch")  # click a column header to sort
    base = chosen.name if chosen is not None else "query"
    c1, c2, _ = st.columns([1, 1, 3])
    c1.download_button("Download CSV", to_csv(result), file_name=f"{base}.csv", mime="text/csv",
                       key="queries_csv")
    c2.download_button("Download JSON", to_json(result), file_name=f"{base}.json",
                       mime="application/json", key="queries_json")
    # The picture sits below the table, not in a tab: vis-network lays out in a hidden tab
    # with no width and draws every node in one corner.
    if has_graph(result):
        g = result_graph(result)
        st.subheader("Graph")
        st.caption(f"{g.number_of_nodes()} nodes and {g.number_of_edges()} relationships from the result; "
                   "click a node to open its page.")
        render_graph(g, alt="graph of the query result")
    elif result.rows:
        st.caption("No graph: this result holds no nodes, relationships or paths (return them, e.g. "
                   "`RETURN p` for a path or the node variables, to see one).")
    if not result.rows:
        st.info("The query ran and returned no rows.")


# -- keeping a good query as a saved query --------------------------------------------------
with st.expander("Keep this query as a saved query"):
    st.caption("Written to queries/NAME.cypher with a header built from this form; parameters "
               "take their type and default from the values above. Checked like every saved "
               "query (contract labels and types, declared parameters, read-only) before it is written.")
    with st.form("queries_keep"):
        new_name = st.text_input("Name (file name, lower-case, digits and '-')", key="queries_new_name")
        new_title = st.text_input("Title", key="queries_new_title")
        new_description = st.text_area("What it answers", key="queries_new_description", height=80)
        new_asked_by = st.text_input("Who asks it, and why", key="queries_new_asked_by")
        keep = st.form_submit_button("Save query", key="queries_keep_submit")
    if keep:
        if problems:
            st.error("Fix the parameter values first.")
        else:
            declared = []
            for name in used:
                p = chosen.param(name) if chosen is not None else None
                ptype = p.type if p is not None else infer_type(params[name])
                declared.append(Param(name, ptype, coerce(ptype, params[name], name), p.help if p else ""))
            new = SavedQuery(name=new_name.strip(), title=new_title, description=new_description,
                             asked_by=new_asked_by, params=declared, writes=False, text=statement(text or ""))
            try:
                path = save_query(new, queries_dir)
            except SavedQueryError as exc:
                for line in exc.errors:
                    st.error(line)
            else:
                _saved.clear()
                st.success(f"Saved as {path.name}: pick it from the list, or run "
                           f"`python -m graph query --saved {new.name}`.")
