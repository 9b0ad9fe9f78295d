"""Page "Contact rounds": whom the knowledge ambassador sees next, why, and who can open
the door.  Lays out only; graph/contact_rounds, graph/plan, graph/introductions,
graph/briefs, graph/ics and graph/contact_log compute."""
from __future__ import annotations

import datetime as dt
from dataclasses import fields

import pandas as pd
import streamlit as st

from app_pages.shared import clear_caches, load_graph, md, mention_sentences, require_store, store_version
from graph.briefs import brief_html, brief_markdown, brief_pdf, visit_brief
from graph.contact_rounds import AMBASSADOR, Weights, label_of, name_of, profile_row, rank, show_date
from graph.contact_log import record_contact
from graph.ics import plan_ics
from graph.introductions import introductions, path_markdown
from graph.plan import make_plan, plan_markdown, plan_rows

KINDS = ["appointment", "conversation", "request", "introduction"]
STATUSES = ["held", "planned"]


@st.cache_data(show_spinner="Printing the PDF ...")
def _pdf(markdown: str, _brief) -> bytes:
    """The PDF of a brief, cached on the brief's text: fpdf2 with an embedded font takes
    a moment, and every rerun of the page would print it again."""
    return brief_pdf(_brief)


@st.cache_data(max_entries=16, show_spinner="Planning ...")
def _plan(version: str, start, regions: tuple, weeks: int, per_week: int, weights: tuple, ambassador: str, _g):
    """The plan, cached per store version and choice: ranking a large graph and finding
    an introduction for every proposed visit takes seconds, and every click reruns the page."""
    return make_plan(_g, start, regions=list(regions), weeks=weeks, per_week=per_week,
                     weights=Weights(*weights), ambassador=ambassador)


@st.cache_data(max_entries=16, show_spinner="Ranking ...")
def _ranking(version: str, start, weights: tuple, kind: str, _g) -> list[dict]:
    return [profile_row(p, start) for p in rank(_g, start, Weights(*weights), kind=kind)]


def _names(g, labels) -> dict[str, str]:
    ids = sorted((n for n in g if label_of(g, n) in labels), key=lambda n: name_of(g, n).lower())
    return {n: f"{name_of(g, n)} ({label_of(g, n).lower()})" for n in ids}


def _weights_editor() -> Weights:
    defaults = Weights()
    with st.expander("Priority weights (what each finding adds; negative lowers)"):
        reset = st.button("Reset to defaults", key="w_reset")
        for f in fields(Weights):  # the state holds the values, so a reset needs no default= clash
            if reset or f"w_{f.name}" not in st.session_state:
                st.session_state[f"w_{f.name}"] = float(getattr(defaults, f.name))
        cols = st.columns(3)
        values = {}
        for i, f in enumerate(fields(Weights)):
            values[f.name] = cols[i % 3].number_input(f.name.replace("_", " "), step=0.5, key=f"w_{f.name}")
    return Weights(**values)


st.title("Contact rounds")
store = require_store()
g = load_graph(store)  # cached per store version: a recorded contact is a new version
version = store_version(store)
if st.session_state.get("contact_recorded"):
    st.success(md(st.session_state.pop("contact_recorded")))

persons = _names(g, ("Person",))
regions = sorted(name_of(g, n) for n in g if label_of(g, n) == "Region")
minutes_dates = sorted(str(a.get("date")) for n, a in g.nodes(data=True)
                       if a.get("label") == "Document" and a.get("path") and a.get("date")
                       and a.get("kind") not in ("reference", "contact log"))

c1, c2, c3, c4, c5 = st.columns([3, 1, 1, 1.4, 2])
chosen = c1.multiselect("Regions", regions, key="regions", help="Empty: all regions")
weeks = int(c2.number_input("Weeks", 1, 52, 4, key="weeks"))
per_week = int(c3.number_input("Visits a week", 1, 20, 3, key="per_week"))
start = c4.date_input("Plan from", value=dt.date.today(), key="start", format="DD-MM-YYYY")
amb_options = list(persons) or [AMBASSADOR]
ambassador = c5.selectbox("Ambassador", amb_options, key="ambassador",
                          index=amb_options.index(AMBASSADOR) if AMBASSADOR in amb_options else 0,
                          format_func=lambda n: persons.get(n, name_of(g, n)))
if minutes_dates:
    st.caption(f"Loaded minutes run from {show_date(minutes_dates[0])} to {show_date(minutes_dates[-1])}; "
               "'Plan from' sets the day the plan is made as of.")
weights = _weights_editor()

weights_key = tuple(getattr(weights, f.name) for f in fields(Weights))
plan = _plan(version, start, tuple(chosen), weeks, per_week, weights_key, ambassador, g)
tab_plan, tab_rank, tab_intro, tab_brief, tab_record = st.tabs(
    ["Plan", "Ranking", "Introductions", "Visit brief", "Record a contact"])

with tab_plan:
    for note in plan.notes:
        st.warning(note)
    rows = plan_rows(plan)
    if rows:
        st.dataframe(pd.DataFrame(rows)[["week", "week_start", "date", "status", "region", "municipality", "whom",
                                         "score", "reasons"]], hide_index=True, width="stretch")
    else:
        st.info("Nothing to plan for these regions.")
    for region, visits in plan.by_region().items():
        st.subheader(md(region))
        for v in visits:
            head = (f"{show_date(v.date)} — appointment with {v.whom} ({v.name})" if v.status == "appointment"
                    else f"Week {v.week}: visit {v.name} — see {v.whom} · priority {v.score:g}")
            with st.expander(md(head)):
                if v.evidence:
                    st.caption(f"From the minutes: “{md(v.evidence)}”")
                for r in v.reasons:
                    st.text(f"{r.text}  ({r.weight:+g})")
                if v.door:
                    st.text(f"Who can open the door: {v.door}")
    if plan.not_planned:
        st.caption("Not planned for lack of room: " + ", ".join(md(p.name) for p in plan.not_planned))
    stamp = dt.datetime.now(dt.timezone.utc).replace(microsecond=0)
    d1, d2, d3 = st.columns(3)
    d1.download_button("Calendar (.ics)", plan_ics(plan, stamp=stamp), "contact-round.ics", "text/calendar",
                       key="dl_ics")
    d2.download_button("Plan (Markdown)", plan_markdown(plan), "contact-round.md", "text/markdown", key="dl_md")
    d3.download_button("Plan (CSV)", pd.DataFrame(rows).to_csv(index=False) if rows else "", "contact-round.csv",
                       "text/csv", key="dl_csv")

with tab_rank:
    kind = st.radio("Rank", ["municipality", "alderman"], horizontal=True, key="rank_kind")
    st.dataframe(pd.DataFrame(_ranking(version, start, weights_key, kind, g)), hide_index=True, width="stretch")

with tab_intro:
    targets = _names(g, ("Municipality", "Person"))
    i1, i2 = st.columns(2)
    target = i1.selectbox("Target", list(targets), format_func=targets.get, key="intro_target", index=None,
                          placeholder="Choose a person or municipality")
    source = i2.selectbox("From", amb_options, format_func=lambda n: persons.get(n, name_of(g, n)),
                          index=amb_options.index(ambassador), key="intro_from")
    if target:
        paths = introductions(g, target, source=source, today=start, k=5)
        if not paths:
            st.info(f"No path from {md(name_of(g, source))} to {md(name_of(g, target))} through contacts, "
                    "collaborations, offices or memberships.")
        for p in paths:
            st.markdown(path_markdown(p))

with tab_brief:
    subjects = {**_names(g, ("Municipality",)),
                **{n: v for n, v in persons.items() if any(
                    a.get("type") == "ALDERMAN_OF" for _s, _t, a in g.out_edges(n, data=True))}}
    subject = st.selectbox("Brief for", list(subjects), format_func=subjects.get, index=None,
                           placeholder="Choose an alderman or municipality", key="brief_subject")
    if subject:
        brief = visit_brief(g, subject, today=start, weights=weights, ambassador=ambassador,
                            sentences=lambda ids: mention_sentences(store, tuple(ids)))
        base = subject.split(":", 1)[1]
        b1, b2, b3 = st.columns(3)
        b1.download_button("Brief (Markdown)", brief_markdown(brief), f"brief-{base}.md", "text/markdown",
                           key="dl_brief_md")
        b2.download_button("Brief (HTML)", brief_html(brief), f"brief-{base}.html", "text/html",
                           key="dl_brief_html")
        text = brief_markdown(brief)
        b3.download_button("Brief (PDF)", _pdf(text, brief), f"brief-{base}.pdf", "application/pdf",
                           key="dl_brief_pdf")
        st.markdown(text)

with tab_record:
    parties = _names(g, ("Person", "Municipality", "Organisation", "Body", "Region"))
    with st.form("record_contact", clear_on_submit=True):
        f1, f2 = st.columns(2)
        when = f1.date_input("Date", value=start, key="rc_date", format="DD-MM-YYYY")
        by = f2.selectbox("By", list(parties), format_func=parties.get, key="rc_by",
                          index=list(parties).index(ambassador) if ambassador in parties else 0)
        with_ = f1.selectbox("With whom", list(parties), format_func=parties.get, key="rc_with", index=None,
                             placeholder="Choose a person, municipality, organisation ...")
        kind_ = f2.selectbox("Kind", KINDS, key="rc_kind", index=1)
        status = f1.selectbox("Status", STATUSES, key="rc_status")
        note = st.text_area("Note (becomes the evidence)", key="rc_note")
        submitted = st.form_submit_button("Record the contact")
    if submitted:
        from loaders.document import DocumentError

        if not with_:
            st.error("Choose with whom the contact was.")
        else:
            try:
                doc_id, result = record_contact(store, g, date=when, by=by, with_=with_, kind=kind_,
                                                status=status, note=note)
            except (DocumentError, ValueError) as exc:
                st.error(f"Not recorded: {md(exc)}")
            else:
                clear_caches()
                st.cache_data.clear()  # every page's results are stale now
                st.session_state["contact_recorded"] = (
                    f"Recorded: {kind_} {name_of(g, by)} – {name_of(g, with_)} ({status}, {show_date(str(when))})"
                    + ("" if result.changed else " (already recorded)") + f" as {doc_id}.")
                st.rerun()
