"""Page "Gaps": where is the province missing?  Every Limburg municipality and region on
one screen, absences included.  Lays out only: graph/gaps.py computes.

Charts are Altair (Vega-Lite, shipped with Streamlit) and the map is the shipped outline
plus the reference coordinates, so nothing is fetched from the internet."""
from __future__ import annotations

import altair as alt
import pandas as pd
import streamlit as st

from app_pages.shared import load_graph, md, require_store, store_version
from graph import gaps

STATUS_COLOURS = {"present": "#2e7d32", "absent": "#c62828", "not listed": "#ef6c00", "no record": "#bdbdbd"}
BODY_STATUS_COLOURS = {"member": "#2e7d32", "attends": "#66bb6a", "candidate": "#ffb300",
                       "listed absent": "#ef6c00", "topic on agenda": "#90caf9", "none": "#c62828"}
GAP_SCALE = alt.Scale(domain=[0, 50, 100], range=["#2e7d32", "#fbc02d", "#c62828"])


@st.cache_data(max_entries=8, show_spinner="Computing the gaps ...")
def _report(describe: str, version: str) -> dict:
    """The gaps report, recomputed only when the store's content changes (the graph is
    read only then, too)."""
    from loaders.reference import municipalities

    return gaps.report(load_graph(require_store()), municipalities())


store = require_store()
result = _report(store.describe(), store_version(store))
rows, regions = result["municipalities"], result["regions"]

st.title("Gaps in regional involvement")
st.caption("Every municipality in Limburg's reference list, mentioned or not, biggest gap first. "
           "The gap score adds the weights of the gaps found (0 = no gap seen, 100 = every gap).")

never = [r for r in rows if not r["documents"]]
c1, c2, c3, c4 = st.columns(4)
c1.metric("Municipalities", len(rows))
c2.metric("Never mentioned", len(never))
c3.metric("Reported engaged", sum(r["engagement"] in ("high", "medium") for r in rows))
c4.metric("Documents read", result["documents"])
if not result["documents"]:
    st.info("No minutes are loaded yet, so every municipality shows as never mentioned.")

region_names = [r["region"] for r in regions]
f1, f2 = st.columns([2, 1])
chosen_regions = f1.multiselect("Regions", region_names, default=region_names, key="gaps_regions")
min_score = f2.slider("Minimum gap score", 0, 100, 0, step=5, key="gaps_min_score")
shown = [r for r in rows if r["region"] in chosen_regions and r["gap_score"] >= min_score]

tab_table, tab_heat, tab_attendance, tab_regions, tab_map = st.tabs(
    ["Municipalities", "Heatmap", "Attendance", "Regions and bodies", "Map"])

with tab_table:
    table = pd.DataFrame([gaps.flat_row(r) for r in shown])
    columns = ["municipality", "region", "subregion", "gap_score", "gap_reasons", "documents", "last_mentioned",
               "engagement", "engagement_evidence", "aldermen", "contacts_held", "last_contact_held",
               "contacts_planned", "last_contact_planned", "Taskforce", "Stuurgroep", "BO Wonen", "signals",
               "open_action_items"]
    columns += [c for c in table.columns if c.startswith("region at Taskforce")]
    if shown:
        st.dataframe(
            table[[c for c in columns if c in table.columns]], hide_index=True, width="stretch",
            column_config={
                "gap_score": st.column_config.ProgressColumn("gap score", min_value=0, max_value=100, format="%d"),
                "gap_reasons": st.column_config.TextColumn("gap reasons", width="large"),
                "documents": st.column_config.NumberColumn("documents"),
                "engagement_evidence": st.column_config.TextColumn("engagement evidence", width="medium"),
            })
    else:
        st.write("No municipality matches the filters.")
    st.download_button("Download CSV", gaps.csv_text(shown), file_name="gaps-municipalities.csv",
                       mime="text/csv", key="gaps_csv", disabled=not shown)

    st.subheader("One municipality")
    pick = st.selectbox("Municipality", [r["municipality"] for r in shown], key="gaps_pick")
    row = next((r for r in shown if r["municipality"] == pick), None)
    if row:
        st.markdown(f"**{md(row['municipality'])}** ({md(row['region'])}) — gap score **{row['gap_score']}**")
        st.markdown("\n".join(f"- {md(reason)}" for reason in row["gap_reasons"]) or "No gap seen.")
        if row["engagement"]:
            st.markdown(f"Engagement **{row['engagement']}** ({gaps.dmy(row['engagement_date'])}): "
                        f"“{md(row['engagement_evidence'])}”")
        facts = {
            "Documents": f"{row['documents']} (latest {gaps.dmy(row['last_mentioned'])})" if row["documents"] else "none",
            "Aldermen known": ", ".join(row["aldermen"]) or "none",
            "Contacts held": f"{row['contacts_held']} (latest {gaps.dmy(row['last_contact_held'])})" if row["contacts_held"] else "none",
            "Contacts planned": f"{row['contacts_planned']} (latest {gaps.dmy(row['last_contact_planned'])})" if row["contacts_planned"] else "none",
            "Contacts with": ", ".join(row["contacts_held_by"]) or "none held",
            "Talks with other municipalities": ", ".join(row["peer_contacts"]) or "none",
            **{body: rep["text"] for body, rep in row["bodies"].items()},
            "Region at the Taskforce": "; ".join(f"{gaps.dmy(d)}: {s}" for d, s in row["region_attendance"].items()) or "no meetings",
        }
        st.dataframe(pd.DataFrame({"": list(facts), "value": list(facts.values())}), hide_index=True)
        for title, items in (("Policy and agenda signals", row["signals"]),
                             ("Signals for the whole region", row["region_signals"]),
                             ("Open action items", row["open_action_items"])):
            if items:
                st.markdown(f"**{title}**\n" + "\n".join(f"- {md(i)}" for i in items))

with tab_heat:
    st.caption("Per municipality and indicator: 1 = covered, 0 = a gap. Via the region counts half.")
    cells = pd.DataFrame(gaps.indicator_matrix(shown))
    if not cells.empty:
        order = [r["municipality"] for r in shown]
        heat = alt.Chart(cells).mark_rect().encode(
            x=alt.X("indicator:N", sort=gaps.INDICATORS, title=None,
                    axis=alt.Axis(orient="top", labelAngle=-35, labelOverlap=False, labelLimit=160)),
            y=alt.Y("municipality:N", sort=order, title=None, axis=alt.Axis(labelOverlap=False, labelLimit=180)),
            color=alt.Color("value:Q", scale=alt.Scale(domain=[0, 1], range=["#c62828", "#fbc02d", "#2e7d32"]),
                            title="covered"),
            tooltip=["municipality", "indicator", "value"],
        ).properties(height=max(200, 24 * len(order)))
        st.altair_chart(heat, width="stretch")

with tab_attendance:
    st.caption("Each region at each Taskforce meeting the graph knows of. 'not listed': the minutes "
               "have an attendance list without the region; 'no record': no attendance list was read.")
    timeline = pd.DataFrame([t for t in result["attendance"] if t["region"] in chosen_regions])
    if timeline.empty:
        st.write("No Taskforce meeting is known yet.")
    else:
        timeline["meeting date"] = timeline["date"].map(gaps.dmy)
        dates = sorted(timeline["date"].unique())
        chart = alt.Chart(timeline).mark_rect(stroke="white", strokeWidth=2).encode(
            x=alt.X("meeting date:N", sort=[gaps.dmy(d) for d in dates], title="Taskforce meeting",
                    axis=alt.Axis(labelAngle=0, orient="top")),
            y=alt.Y("region:N", sort=region_names, title=None, axis=alt.Axis(labelOverlap=False)),
            color=alt.Color("status:N", scale=alt.Scale(domain=list(STATUS_COLOURS),
                                                        range=list(STATUS_COLOURS.values()))),
            tooltip=["region", "meeting", "meeting date", "status"],
        ).properties(height=alt.Step(40))
        st.altair_chart(chart, width="stretch")

with tab_regions:
    region_table = pd.DataFrame([gaps.flat_row(r) for r in regions if r["region"] in chosen_regions])
    if not region_table.empty:
        st.dataframe(region_table.drop(columns=["id"]), hide_index=True, width="stretch",
                     column_config={"engaged_share": st.column_config.ProgressColumn(
                         "share engaged", min_value=0.0, max_value=1.0, format="%.2f")})
        st.download_button("Download regions CSV", gaps.csv_text([r for r in regions if r["region"] in chosen_regions]),
                           file_name="gaps-regions.csv", mime="text/csv", key="gaps_regions_csv")
    st.subheader("Region x body")
    matrix = pd.DataFrame([c for c in result["region_bodies"] if c["region"] in chosen_regions])
    if not matrix.empty:
        matrix["who"] = matrix["through"].map(lambda t: ", ".join(t))
        bodies = list(dict.fromkeys(matrix["body"]))
        base = alt.Chart(matrix).encode(x=alt.X("body:N", sort=bodies, title=None, axis=alt.Axis(labelAngle=0, orient="top")),
                                        y=alt.Y("region:N", sort=region_names, title=None, axis=alt.Axis(labelOverlap=False)))
        chart = base.mark_rect().encode(
            color=alt.Color("status:N", scale=alt.Scale(domain=list(BODY_STATUS_COLOURS),
                                                        range=list(BODY_STATUS_COLOURS.values()))),
            tooltip=["region", "body", "status", "who"]) + base.mark_text(fontSize=11).encode(text="status:N")
        st.altair_chart(chart.properties(height=alt.Step(40)), width="stretch")

with tab_map:
    st.caption("Municipalities at their reference coordinates, coloured by gap score, on a simplified "
               "outline of the province (no map tiles: works offline).")
    outline = pd.DataFrame([{"lon": lon, "lat": lat, "order": i} for i, (lon, lat) in enumerate(gaps.limburg_outline())])
    points = pd.DataFrame([{"municipality": r["municipality"], "region": r["region"], "gap score": r["gap_score"],
                            "reasons": "; ".join(r["gap_reasons"]), "lon": r["lon"], "lat": r["lat"]}
                           for r in shown if r["lon"] is not None and r["lat"] is not None])
    layers = [alt.Chart(outline).mark_line(color="#607d8b", strokeWidth=1.5).encode(
        longitude="lon:Q", latitude="lat:Q", order="order:Q")]
    if not points.empty:
        layers.append(alt.Chart(points).mark_circle(size=220, opacity=0.9, stroke="#37474f", strokeWidth=0.5).encode(
            longitude="lon:Q", latitude="lat:Q",
            color=alt.Color("gap score:Q", scale=GAP_SCALE),
            tooltip=["municipality", "region", "gap score", "reasons"]))
        layers.append(alt.Chart(points).mark_text(align="left", dx=8, fontSize=10, color="#263238").encode(
            longitude="lon:Q", latitude="lat:Q", text="municipality:N"))
    st.altair_chart(alt.layer(*layers).project(type="mercator").properties(height=700), width="stretch")
