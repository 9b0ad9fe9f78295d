"""Regional involvement gaps: where is the province missing?

Plain functions over the networkx MultiDiGraph the stores return (see graph/model.py)
and the reference list of municipalities (loaders.reference.municipalities(): dicts with
name, id, cbs_code, region, subregion, lat, lon, aliases).  Every municipality in the
reference list gets a row, mentioned or not: absence is the point of this analysis.

>>> G, reference = example()
>>> rows = {r["municipality"]: r for r in municipality_rows(G, reference)}
>>> rows["Aarle"]["gap_reasons"][0]
'never mentioned in any minutes'
>>> rows["Bosdorp"]["engagement"], rows["Bosdorp"]["engagement_evidence"]
('low', 'De gemeente Bosdorp herkent de problematiek niet.')
>>> [r["region"] for r in region_rows(G, reference)]
['Noord', 'Zuid']
"""
from __future__ import annotations

import re

from graph.action_items import open_action_items  # noqa: F401  (re-exported with the rest below)
from graph.involvement import (  # noqa: F401  (re-exported: the gaps vocabulary in one place)
    BO_WONEN, KEY_BODIES, LEVEL_RANK, STUURGROEP, TASKFORCE, node_names, aldermen, attendance,
    body_of, contacts, dmy, documents_mentioning, edges_of, example, gloss, latest_engagement, meetings_of,
    name_of, normalise_reference, people_of, region_names, region_parties, representation, source_documents)
from graph.signals import pick_signals, signals, tagged_sentences  # noqa: F401

# Weight of each kind of gap; the weights add up to 100, so the score reads as a share.
GAP_WEIGHTS = {
    "never_mentioned": 30,
    "engagement_low": 20,
    "engagement_none": 15,
    "engagement_medium": 5,
    "region_absent_latest": 15,
    "region_absent_earlier": 5,
    "no_alderman": 10,
    "no_contact_held": 10,
    "only_planned_contact": 5,
    "no_stuurgroep": 5,
    "no_taskforce": 5,
    "no_policy_signal": 5,
}


# -- one row per municipality ----------------------------------------------------------
def _rep_text(rep: dict, via: str = "") -> str:
    if rep["status"] == "none":
        return "none"
    who = f" ({', '.join(rep['through'])})" if rep["through"] else ""
    return f"{'via ' + via + ': ' if via else ''}{rep['status']}{who}"


def gap_reasons(row: dict) -> list[tuple[str, int, str]]:
    """The gaps in one municipality row: (kind, weight, plain words), biggest first.

    >>> row = {"documents": 0, "engagement": None, "aldermen": [], "contacts_held": 0,
    ...        "contacts_planned": 0, "region_attendance": {"2023-04-12": "absent"},
    ...        "bodies": {"Stuurgroep": {"status": "none"}, "Taskforce": {"status": "attends"}},
    ...        "signals": []}
    >>> [text for _, _, text in gap_reasons(row)][:2]
    ['never mentioned in any minutes', 'no engagement reported']
    >>> 'region absent at the 12-04-2023 meeting' in [t for _, _, t in gap_reasons(row)]
    True
    """
    out = []
    w = GAP_WEIGHTS
    if not row["documents"]:
        out.append(("never_mentioned", w["never_mentioned"], "never mentioned in any minutes"))
    level = row.get("engagement")
    when = f" ({dmy(row.get('engagement_date'))})" if row.get("engagement_date") else ""
    if level is None:
        out.append(("engagement_none", w["engagement_none"], "no engagement reported"))
    elif level == "low":
        out.append(("engagement_low", w["engagement_low"], f"low engagement reported{when}"))
        out += [("engagement_low", 0, g) for g in row.get("engagement_gloss", [])]
    elif level == "medium":
        out.append(("engagement_medium", w["engagement_medium"], f"only medium engagement reported{when}"))
    recorded = [(date, st) for date, st in sorted(row["region_attendance"].items()) if st != "no record"]
    for i, (date, status) in enumerate(recorded):
        if status in ("absent", "not listed"):
            latest = i == len(recorded) - 1
            kind = "region_absent_latest" if latest else "region_absent_earlier"
            words = "absent at" if status == "absent" else "not on the attendance list of"
            out.append((kind, w[kind], f"region {words} the {dmy(date)} meeting"))
    if not row["aldermen"]:
        out.append(("no_alderman", w["no_alderman"], "no alderman known"))
    if not row["contacts_held"]:
        if row["contacts_planned"]:
            out.append(("only_planned_contact", w["only_planned_contact"], "contact planned, none held yet"))
        else:
            out.append(("no_contact_held", w["no_contact_held"], "no contact held or planned"))
    for body, kind in (("Stuurgroep", "no_stuurgroep"), ("Taskforce", "no_taskforce")):
        if row["bodies"].get(body, {}).get("status", "none") == "none":
            out.append((kind, w[kind], f"no one from the municipality or its region in the {body}"))
    if not row["signals"]:
        out.append(("no_policy_signal", w["no_policy_signal"], "no policy plan or agenda signal"))
    return out


def gap_score(reasons) -> int:
    """Sum of the weights of the gaps, 0 (no gap seen) to 100.

    >>> gap_score([("never_mentioned", 30, "..."), ("no_alderman", 10, "...")])
    40
    """
    return min(100, sum(weight for _, weight, _ in reasons))


def municipality_rows(G, reference) -> list[dict]:
    """One row per reference municipality, in reference order, mentioned or not.

    >>> G, reference = example()
    >>> [(r["municipality"], r["gap_score"]) for r in municipality_rows(G, reference)]
    [('Aarle', 75), ('Bosdorp', 30), ('Cepel', 15)]
    """
    reference = normalise_reference(reference)
    documents = source_documents(G)
    tagged, all_names = tagged_sentences(G, reference, documents)
    taskforce = meetings_of(G, TASKFORCE)
    regions = region_names(G, reference)
    region_party = {rid: region_parties(G, rid, reference) for rid in regions}
    rows = []
    for m in reference:
        mid, rid = m["id"], m["region_id"]
        people = people_of(G, mid)
        parties = {mid} | set(people)
        names = node_names(G, mid, [m["name"]] + m["aliases"])
        docs = documents_mentioning(G, mid, documents)
        found = contacts(G, parties, documents)
        held = [c for c in found if c["status"] == "held" and not c["peer"]]
        planned = [c for c in found if c["status"] == "planned" and not c["peer"]]
        eng = latest_engagement(G, mid, documents)
        rparties = region_party.get(rid, set())
        bodies = {}
        for body, short in KEY_BODIES.items():
            rep = representation(G, parties, body)
            via = ""
            if rep["status"] == "none" and rid:
                rep, via = representation(G, rparties, body), regions[rid]
            bodies[short] = {**rep, "via": via, "text": _rep_text(rep, via)}
        sigs = pick_signals(tagged, names)
        region_sigs = pick_signals(tagged, node_names(G, rid, [regions.get(rid, "")]) if rid else [],
                                   other_names=all_names)
        row = {
            "municipality": m["name"], "id": mid, "cbs_code": m.get("cbs_code", ""),
            "region": regions.get(rid, ""), "subregion": name_of(G, m["subregion_id"]) if m["subregion_id"] in G
            else (m.get("subregion") or ""), "lat": m.get("lat"), "lon": m.get("lon"),
            "documents": len(docs), "last_mentioned": docs[-1]["date"] if docs else "",
            "document_names": [d["name"] for d in docs],
            "aldermen": aldermen(G, mid),
            "contacts_held": len(held), "last_contact_held": held[-1]["date"] if held else "",
            "contacts_planned": len(planned), "last_contact_planned": planned[-1]["date"] if planned else "",
            "contacts_held_by": sorted({c["with"] for c in held}),
            "peer_contacts": sorted({c["with"] for c in found if c["peer"]}),
            "engagement": eng["level"] if eng else None,
            "engagement_evidence": eng["evidence"] if eng else "",
            "engagement_date": eng["date"] if eng else "",
            "engagement_gloss": gloss(eng["evidence"]) if eng else [],
            "region_attendance": {t["date"] or t["id"]: attendance(G, rparties | parties, t) for t in taskforce},
            "bodies": bodies,
            "signals": [f"{s['signal']}: {s['text']}" for s in sigs],
            "region_signals": [f"{s['signal']}: {s['text']}" for s in region_sigs],
            "open_action_items": [a["text"] for a in open_action_items(G, parties, names)],
        }
        reasons = gap_reasons(row)
        row["gap_score"] = gap_score(reasons)
        row["gap_reasons"] = [text for _, _, text in reasons]
        rows.append(row)
    return rows


# -- one row per region ----------------------------------------------------------------
def key_bodies(G) -> dict[str, str]:
    """The bodies for the region x body matrix: the three the province asks about, then any
    other body someone is a member of or whose meetings have an attendance list.

    >>> G, _ = example()
    >>> list(key_bodies(G).values())
    ['Taskforce', 'Stuurgroep', 'BO Wonen']
    """
    out = dict(KEY_BODIES)
    others = {body_of(G, e) for _, e, _ in edges_of(G, "MEMBER_OF")}
    others |= {body_of(G, e) for _, e, _ in edges_of(G, "MEETING_OF")
               if G.nodes[e].get("label") == "Body"}
    for b in sorted(o for o in others if o and o not in out):
        out[b] = name_of(G, b)
    return out


def region_body_matrix(G, reference) -> list[dict]:
    """One cell per region and body: status (member, attends, candidate, listed absent,
    topic on agenda for the BO Wonen, none) and through whom.

    >>> G, reference = example()
    >>> [(c["region"], c["status"]) for c in region_body_matrix(G, reference) if c["body"] == "Stuurgroep"]
    [('Noord', 'none'), ('Zuid', 'candidate')]
    """
    reference = normalise_reference(reference)
    tagged, all_names = tagged_sentences(G, reference)
    cells = []
    for rid, rname in region_names(G, reference).items():
        parties = region_parties(G, rid, reference)
        munis = [m for m in reference if rid in (m["region_id"], m["subregion_id"])]
        for body, short in key_bodies(G).items():
            rep = representation(G, parties, body)
            if rep["status"] == "none" and body == BO_WONEN:
                who = [m["name"] for m in munis
                       if any(s["signal"] == "on the BO Wonen agenda"
                              for s in pick_signals(tagged, node_names(G, m["id"], [m["name"]] + m["aliases"])))]
                region_wide = pick_signals(tagged, node_names(G, rid, [rname]), other_names=all_names)
                if any(s["signal"] == "on the BO Wonen agenda" for s in region_wide):
                    who = [rname] + who
                if who:
                    rep = {"status": "topic on agenda", "through": who}
            cells.append({"region": rname, "body": short, **rep})
    return cells


def attendance_timeline(G, reference) -> list[dict]:
    """Each region at each Taskforce meeting, oldest meeting first.

    >>> G, reference = example()
    >>> [(c["date"], c["status"]) for c in attendance_timeline(G, reference) if c["region"] == "Zuid"]
    [('2023-03-01', 'absent'), ('2023-05-01', 'present'), ('2023-06-01', 'no record')]
    """
    reference = normalise_reference(reference)
    out = []
    for rid, rname in region_names(G, reference).items():
        parties = region_parties(G, rid, reference)
        for m in meetings_of(G, TASKFORCE):
            out.append({"region": rname, "meeting": m["name"], "date": m["date"], "status": attendance(G, parties, m)})
    return out


def region_rows(G, reference, municipalities: list[dict] | None = None) -> list[dict]:
    """One row per main region: how many municipalities are mentioned and engaged, its
    attendance per Taskforce meeting, its representation per body, its gaps in words.

    >>> G, reference = example()
    >>> zuid = region_rows(G, reference)[1]
    >>> zuid["engaged_share"], zuid["attendance"]["2023-03-01"], zuid["bodies"]["Stuurgroep"]["status"]
    (1.0, 'absent', 'candidate')
    """
    ref = normalise_reference(reference)
    munis = municipality_rows(G, reference) if municipalities is None else municipalities
    matrix = region_body_matrix(G, reference)
    timeline = attendance_timeline(G, reference)
    documents = source_documents(G)
    out = []
    for rid, rname in region_names(G, ref).items():
        mine = [r for r in munis if r["region"] == rname]
        engaged = [r for r in mine if r["engagement"] in ("high", "medium")]
        attendance_ = {t["date"] or t["meeting"]: t["status"] for t in timeline if t["region"] == rname}
        bodies = {c["body"]: {"status": c["status"], "through": c["through"]} for c in matrix if c["region"] == rname}
        names = node_names(G, rid, [rname])
        items = open_action_items(G, region_parties(G, rid, ref) - {m["id"] for m in ref}, names)
        reasons = []
        never = [r["municipality"] for r in mine if not r["documents"]]
        own = latest_engagement(G, rid, documents)
        if never:
            reasons.append(f"{len(never)} of {len(mine)} municipalities never mentioned in any minutes")
        reasons.append(f"{len(engaged)} of {len(mine)} municipalities reported engaged")
        if own and own["level"] == "low":
            reasons.append(f"the region as a whole reported low in engagement ({dmy(own['date'])})")
        for date, status in attendance_.items():
            if status in ("absent", "not listed"):
                reasons.append(f"{'absent at' if status == 'absent' else 'not on the attendance list of'} "
                               f"the {dmy(date)} Taskforce meeting")
        for body, cell in bodies.items():
            if cell["status"] == "none":
                reasons.append("topic not seen on the BO Wonen agenda" if body == "BO Wonen" else f"no one in the {body}")
        out.append({
            "region": rname, "id": rid, "municipalities": len(mine),
            "mentioned": len(mine) - len(never), "never_mentioned": never,
            "engaged": len(engaged), "engaged_share": round(len(engaged) / len(mine), 2) if mine else 0.0,
            "engagement_levels": {lvl: sum(r["engagement"] == lvl for r in mine) for lvl in ("high", "medium", "low")},
            # what the minutes say of the region as a whole ("In Midden-Limburg ..."), if anything
            "region_engagement": own["level"] if own else None,
            "region_engagement_evidence": own["evidence"] if own else "",
            "attendance": attendance_, "bodies": bodies,
            "documents": len(documents_mentioning(G, rid, documents)),
            "open_action_items": [a["text"] for a in items],
            "mean_gap_score": round(sum(r["gap_score"] for r in mine) / len(mine), 1) if mine else 0.0,
            "gap_reasons": reasons,
        })
    return out


# -- views of the rows -----------------------------------------------------------------
INDICATORS = ["mentioned", "engagement", "alderman known", "contact held", "contact planned",
              "region at Taskforce", "Stuurgroep", "Taskforce", "policy / agenda", "no open action"]


def indicator_matrix(rows) -> list[dict]:
    """Municipalities x indicators, each 0 (gap) to 1 (covered), for a heatmap.

    >>> G, reference = example()
    >>> cells = indicator_matrix(municipality_rows(G, reference))
    >>> [c["value"] for c in cells if c["municipality"] == "Aarle"][:3]
    [0.0, 0.0, 0.0]
    """
    body_value = {"member": 1.0, "attends": 1.0, "candidate": 0.5, "listed absent": 0.5}
    out = []
    for r in rows:
        recorded = [s for s in r["region_attendance"].values() if s != "no record"]
        values = {
            "mentioned": 1.0 if r["documents"] else 0.0,
            "engagement": {"high": 1.0, "medium": 0.6, "low": 0.2}.get(r["engagement"], 0.0),
            "alderman known": 1.0 if r["aldermen"] else 0.0,
            "contact held": 1.0 if r["contacts_held"] else 0.0,
            "contact planned": 1.0 if r["contacts_planned"] else 0.0,
            "region at Taskforce": round(recorded.count("present") / len(recorded), 2) if recorded else 0.0,
            "Stuurgroep": body_value.get(r["bodies"]["Stuurgroep"]["status"], 0.0) / (2 if r["bodies"]["Stuurgroep"]["via"] else 1),
            "Taskforce": body_value.get(r["bodies"]["Taskforce"]["status"], 0.0) / (2 if r["bodies"]["Taskforce"]["via"] else 1),
            "policy / agenda": 1.0 if r["signals"] else (0.5 if r["region_signals"] else 0.0),
            "no open action": 0.0 if r["open_action_items"] else 1.0,
        }
        out += [{"municipality": r["municipality"], "indicator": k, "value": float(values[k])} for k in INDICATORS]
    return out


def flat_row(row: dict) -> dict:
    """A municipality row with scalar columns only, for tables and CSV: lists joined with
    '; ', one column per Taskforce meeting and per key body.

    >>> G, reference = example()
    >>> flat = flat_row(municipality_rows(G, reference)[2])
    >>> flat["region at Taskforce 2023-03-01"], flat["Stuurgroep"], flat["open_action_items"]
    ('absent', 'candidate (Pieters)', 'Beleid Cepel delen met de Taskforce')
    """
    out = {}
    for k, v in row.items():
        if k in ("region_attendance", "attendance"):
            for date, status in v.items():
                out[f"{'region ' if k == 'region_attendance' else ''}at Taskforce {date}"] = status
        elif k == "bodies":
            for body, rep in v.items():
                out[body] = rep["text"] if "text" in rep else _rep_text(rep)
        elif isinstance(v, dict):
            for sub, value in v.items():
                out[f"{k} {sub}"] = value
        elif isinstance(v, list):
            out[k] = "; ".join(map(str, v))
        else:
            out[k] = "" if v is None else v
    return out


def limburg_outline() -> list[list[float]]:
    """The shipped, simplified province outline as [lon, lat] points (closed ring), so the
    map draws with no tile server.

    >>> ring = limburg_outline()
    >>> ring[0] == ring[-1], len(ring) > 20
    (True, True)
    """
    import json
    import os

    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "geo", "limburg-outline.json")
    with open(path, encoding="utf-8") as f:
        return json.load(f)["coordinates"]


def inside_outline(lon: float, lat: float, ring=None) -> bool:
    """Whether a point lies inside the outline (even-odd rule).

    >>> inside_outline(5.69, 50.85), inside_outline(5.12, 52.09)
    (True, False)
    """
    ring = limburg_outline() if ring is None else ring
    inside = False
    for (x1, y1), (x2, y2) in zip(ring, ring[1:]):
        if (y1 > lat) != (y2 > lat) and lon < (x2 - x1) * (lat - y1) / (y2 - y1) + x1:
            inside = not inside
    return inside


# -- the whole report and its text forms -----------------------------------------------
def report(G, reference) -> dict:
    """Everything the gaps page and command show, from one graph and reference list:
    municipality rows (biggest gap first), region rows, the region x body matrix and the
    attendance timeline.

    >>> G, reference = example()
    >>> r = report(G, reference)
    >>> [m["municipality"] for m in r["municipalities"]], r["documents"]
    (['Aarle', 'Bosdorp', 'Cepel'], 2)
    """
    rows = municipality_rows(G, reference)
    order = {m["id"]: i for i, m in enumerate(rows)}
    return {
        "documents": len(source_documents(G)),
        "municipalities": sorted(rows, key=lambda r: (-r["gap_score"], order[r["id"]])),
        "regions": region_rows(G, reference, rows),
        "region_bodies": region_body_matrix(G, reference),
        "attendance": attendance_timeline(G, reference),
    }


TABLE_COLUMNS = [("municipality", "municipality"), ("region", "region"), ("gap_score", "gap"),
                 ("documents", "docs"), ("last_mentioned", "last mentioned"), ("engagement", "engagement"),
                 ("aldermen", "aldermen"), ("last_contact_held", "last contact"), ("gap_reasons", "gap reasons")]
REGION_COLUMNS = [("region", "region"), ("municipalities", "municipalities"), ("mentioned", "mentioned"),
                  ("engaged", "engaged"), ("engaged_share", "share engaged"), ("mean_gap_score", "mean gap"),
                  ("attendance", "Taskforce attendance"), ("bodies", "representation"), ("gap_reasons", "gap reasons")]


ISO_DATE = re.compile(r"^\d{4}-\d\d")


def _cell(value) -> str:
    if isinstance(value, dict):
        parts = []
        for k, v in value.items():
            key = dmy(k) if ISO_DATE.match(str(k)) else k
            parts.append(f"{key}: {v['status'] if isinstance(v, dict) else v}")
        return "; ".join(parts)
    if isinstance(value, list):
        return "; ".join(map(str, value))
    return "" if value is None else str(value)


def text_table(rows, columns) -> str:
    """A plain fixed-width table; the last column runs on unpadded.

    >>> print(text_table([{"a": "x", "b": ["p", "q"]}], [("a", "A"), ("b", "B")]))
    A  B
    -  ----
    x  p; q
    """
    cells = [[h for _, h in columns]] + [[_cell(r.get(k)) for k, _ in columns] for r in rows]
    widths = [max(len(c[i]) for c in cells) for i in range(len(columns))]
    cells.insert(1, ["-" * w for w in widths])
    return "\n".join("  ".join(c.ljust(w) for c, w in zip(line[:-1], widths)) + "  " + line[-1]
                     if len(line) > 1 else line[0] for line in cells).rstrip()


def csv_text(rows) -> str:
    """Rows (municipality or region) as CSV with scalar columns (see flat_row).

    >>> print(csv_text([{"municipality": "Aarle", "gap_reasons": ["a", "b"]}, {"municipality": "=1+1"}]).strip())
    municipality,gap_reasons
    Aarle,a; b
    '=1+1,
    """
    import csv
    import io

    flat = [flat_row(r) for r in rows]
    columns = list(dict.fromkeys(k for r in flat for k in r))
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=columns, lineterminator="\n")
    writer.writeheader()
    # A cell that starts like a formula would run in a spreadsheet: names and sentences
    # come from documents, so they are quoted as text.
    writer.writerows({k: "'" + v if isinstance(v, str) and v[:1] in ("=", "+", "@", "\t", "\r") else v
                      for k, v in r.items()} for r in flat)
    return out.getvalue()
