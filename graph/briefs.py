"""A visit brief per alderman or municipality: who they are, what the minutes said of them
and their municipality (quotes with dates), open action items, contacts, engagement,
the region's attendance and the introduction paths.

`visit_brief` gathers the facts into sections of plain text; `brief_markdown`,
`brief_html` (one self-contained page: inline CSS, no scripts, no external resources,
every string escaped) and `brief_pdf` (fpdf2) lay the same sections out.

>>> from graph.model import DocumentGraph
>>> d = DocumentGraph()
>>> doc = d.add_node("Document", "taskforce-2023-04-12", date="2023-04-12", kind="minutes", path="x.txt")
>>> roermond, reij = d.add_node("Municipality", "Roermond"), d.add_node("Person", "Van Reij", title="wethouder")
>>> _ = d.add_rel("ALDERMAN_OF", reij, roermond, source=doc.id,
...               evidence="De gemeente Roermond (wethouder Van Reij) herkent de problematiek niet.")
>>> _ = d.add_rel("ENGAGEMENT", doc, roermond, level="low", source=doc.id,
...               evidence="De gemeente Roermond (wethouder Van Reij) herkent de problematiek niet.")
>>> b = visit_brief(d.to_networkx(), "Van Reij", today="2023-04-13")
>>> b.title
'Visit brief: wethouder Van Reij (Roermond)'
>>> "herkent de problematiek niet.” (taskforce-2023-04-12, 12-04-2023)" in brief_markdown(b)
True
"""
from __future__ import annotations

import html
import os
from dataclasses import dataclass, field

from graph import mentions
from graph.contact_rounds import (AMBASSADOR, TASKFORCE, Weights, document_date, edges_of, engagement_trend,
                                  find_node, label_of, name_of, profile, reasons_for, show_date)
from graph.introductions import introductions, md_escape

SAYS = {
    "ALDERMAN_OF": "wethouder of", "AFFILIATED_WITH": "affiliated with", "CHAIR_OF": "chair of",
    "MEMBER_OF": "member of", "REPRESENTS": "represents", "ATTENDED": "attended", "ABSENT_FROM": "absent from",
    "CONTACT": "contact", "COLLABORATES_WITH": "works with", "PARTNER_IN": "partner in", "DECLINED": "declined",
    "AUTHORED": "authored", "ENGAGEMENT": "engagement", "MENTIONS": "mentioned", "ASSIGNED_TO": "action item",
    "HELD_IN": "meeting held in",
}


@dataclass
class Item:
    text: str
    quote: str = ""  # a sentence from the minutes, shown as a quotation
    cite: str = ""  # where the quote comes from: document, date


@dataclass
class Section:
    title: str
    items: list[Item] = field(default_factory=list)
    empty: str = "Nothing recorded."


@dataclass
class Brief:
    subject: str
    title: str
    subtitle: str
    sections: list[Section]


def _cite(g, source: str) -> str:
    date = show_date(document_date(g, source))
    name = name_of(g, source) if source in g else source.split(":", 1)[-1]
    return f"{name}, {date}" if date else name


def quotes_about(g, parties, sentences=None) -> list[Item]:
    """Every sentence the minutes hold about `parties`, newest first, each once.
    `sentences(node_ids)` -> {relationship key: sentence} supplies the MENTIONS sentences
    when the graph was read without them (g.graph["without_evidence"])."""
    fetched = {}
    if sentences is not None and mentions.sentences_left_out(g):
        fetched = sentences([p for p in parties if p in g])
    index = mentions.index_of(g)  # MENTIONS kept beside the graph, if so
    seen, rows = set(), []
    for p in parties:
        if p not in g:
            continue
        for other, k, a, out in [(t, k, a, True) for _s, t, k, a in g.out_edges(p, keys=True, data=True)] + \
                                 [(s, k, a, False) for s, _t, k, a in g.in_edges(p, keys=True, data=True)] + \
                                 ([(s, k, a, False) for s, k, a in index.documents_of(p)] if index else []):
            ev, src = a.get("evidence") or fetched.get(k, ""), a.get("source", "")
            if not ev or a.get("type") == "IN_REGION" or (ev, src) in seen:
                continue
            if src in g and g.nodes[src].get("kind") == "reference":
                continue  # the reference list is not something anyone said of them
            seen.add((ev, src))
            t = a.get("type", "")
            if t == "MENTIONS":
                what = f"mentions {name_of(g, p)}"
            elif t == "ENGAGEMENT":
                what = f"engagement {a.get('level') or ''} — {name_of(g, p)}"
            else:
                a_, b_ = (p, other) if out else (other, p)
                if t == "CONTACT":
                    when = f", {show_date(a.get('date'))}" if a.get("date") else ""
                    what = (f"{name_of(g, a_)} – {name_of(g, b_)}: {a.get('kind') or 'contact'}"
                            f" ({a.get('status') or 'status unknown'}{when})")
                else:
                    says = "candidate for" if a.get("status") == "candidate" else SAYS.get(t, t.lower())
                    what = f"{name_of(g, a_)} {says} {name_of(g, b_)}"
            rows.append((document_date(g, src), Item(what, ev, _cite(g, src))))
    rows.sort(key=lambda r: (r[0] or "0000", r[1].text), reverse=True)
    return [r[1] for r in rows]


def _who(g, subject: str, prof) -> Section:
    a = g.nodes[subject]
    items = []
    if a.get("label") == "Person":
        if a.get("title"):
            items.append(Item(f"Title: {a['title']}"))
        if prof.municipality:
            items.append(Item(f"Municipality: {prof.municipality_name}"))
        if a.get("redacted"):
            items.append(Item("Name redacted in the published minutes: a role, not a person's name."))
        for other, e in sorted(((t, e) for _s, t, e in g.out_edges(subject, data=True)),
                               key=lambda x: (x[1].get("type", ""), x[0])):
            if e.get("type") in ("AFFILIATED_WITH", "CHAIR_OF", "MEMBER_OF", "REPRESENTS"):
                extra = f" ({e['status']})" if e.get("status") else ""
                items.append(Item(f"{SAYS[e['type']].capitalize()} {name_of(g, other)}{extra}"))
    else:
        if a.get("cbs_code"):
            items.append(Item(f"CBS code: {a['cbs_code']}"))
        items.append(Item("Known aldermen: " + (", ".join(prof.aldermen_names) or "none named in the minutes")))
    if prof.region_name:
        items.append(Item(f"Region: {prof.region_name}" + (f" ({prof.subregion_name})" if prof.subregion_name else "")))
    if a.get("aliases"):
        items.append(Item("Also written as: " + ", ".join(a["aliases"])))
    return Section("Who they are", items)


def _capped(items: list[Item], limit: int, what: str) -> list[Item]:
    """The first `limit` items (newest first), and a line saying how many more there are:
    a brief is read before a visit, not the whole archive."""
    if len(items) <= limit:
        return items
    rest = len(items) - limit
    return items[:limit] + [Item(f"… and {rest} more {what}{'s' if rest != 1 else ''} (the entity page lists all)")]


def visit_brief(g, subject: str, *, today, weights: Weights | None = None, ambassador: str = AMBASSADOR,
                body: str = TASKFORCE, paths: int = 3, quotes: int = 24, sentences=None) -> Brief:
    """The brief for a municipality or an alderman (id, name or alias): at most `quotes`
    sentences from the minutes (newest first), half as many contacts and readings.
    `sentences`: see quotes_about (the app's graph holds MENTIONS without them)."""
    sid = find_node(g, subject, labels=("Municipality", "Person"))
    w = weights or Weights()
    prof = profile(g, sid, today, body=body, meetings=int(w.meetings_considered))
    prof.reasons = reasons_for(prof, today, w)
    prof.score = round(sum(r.weight for r in prof.reasons), 2)
    if prof.kind == "alderman":
        title = f"Visit brief: wethouder {prof.name}" + (f" ({prof.municipality_name})" if prof.municipality else "")
    else:
        title = f"Visit brief: gemeente {prof.name}"
    subtitle = f"As of {show_date(str(today))} · priority {prof.score:g}" + (
        f" · {prof.region_name}" if prof.region_name else "")

    sections = [_who(g, sid, prof),
                Section("Why now", [Item(f"{r.text} ({r.weight:+g})") for r in prof.reasons])]
    parties = [sid] + ([prof.municipality] if prof.municipality and prof.kind == "alderman" else []) + \
        [a for a in prof.aldermen if a != sid]
    sections.append(Section("What the minutes said", _capped(quotes_about(g, parties, sentences), quotes, "older sentence"),
                            "The loaded minutes say nothing about them."))
    sections.append(Section("Open action items", [
        Item(f"Since {show_date(i.since) or 'unknown'}: {i.text}"
             + (f" — assigned to {', '.join(name_of(g, x) for x in i.assigned_to)}" if i.assigned_to else ""),
             cite=_cite(g, i.source) if i.source else "") for i in prof.action_items], "No open action items."))
    contact_items = []
    last = prof.last_held
    if last:
        contact_items.append(Item(f"Last held: {last.describe()}", last.evidence, _cite(g, last.source)))
    for c in prof.planned(today):
        contact_items.append(Item(f"Planned: {c.describe()}", c.evidence, _cite(g, c.source)))
    earlier = [Item(f"Earlier: {c.describe()}", c.evidence, _cite(g, c.source))
               for c in prof.contacts if c is not last and c.status != "planned"]
    contact_items += _capped(earlier, quotes // 2, "earlier contact")
    contact_items += _capped([Item(f"Among municipalities: {c.describe()}", c.evidence, _cite(g, c.source))
                              for c in prof.peer_contacts], quotes // 2, "contact among municipalities")
    sections.append(Section("Contacts", contact_items, "No contact recorded yet."))
    eng = _capped([Item(f"{e.level} ({show_date(e.date)}) — {name_of(g, e.about)}", e.evidence, _cite(g, e.source))
                   for e in reversed(prof.engagement)], quotes // 2, "older reading")
    if len(prof.engagement) > 1:
        eng.insert(0, Item(f"Trend: {engagement_trend(prof.engagement)}"))
    sections.append(Section("Engagement", eng, "The minutes report no engagement level."))
    sections.append(Section("Region at the latest Taskforce meetings", [
        Item(f"{show_date(a.date)}: {prof.region_name} {a.status}", a.evidence) for a in prof.attendance],
        "No attendance lists loaded for the region."))
    intro_items = []
    if ambassador in g and ambassador != sid:
        for p in introductions(g, sid, source=ambassador, today=today, k=paths):
            intro_items.append(Item(" → ".join(p.names) + f" (cost {p.cost:g})"))
            for st in p.steps:
                intro_items.append(Item(f"  {st.describe()}", st.evidence, _cite(g, st.source)))
    sections.append(Section(f"Introduction paths from {name_of(g, ambassador)}", intro_items,
                            "No path through contacts, offices or memberships."))
    return Brief(sid, title, subtitle, sections)


# -- layouts ------------------------------------------------------------------------------
_md = md_escape  # names from documents must not turn into markup, links or raw HTML


def brief_markdown(b: Brief) -> str:
    lines = [f"# {_md(b.title)}", "", f"_{_md(b.subtitle)}_", ""]
    for s in b.sections:
        lines += [f"## {_md(s.title)}", ""]
        if not s.items:
            lines += [_md(s.empty), ""]
            continue
        for it in s.items:
            indent = "  " if it.text.startswith("  ") else ""
            lines.append(f"{indent}- {_md(it.text.strip())}")
            if it.quote:
                cite = f" ({_md(it.cite)})" if it.cite else ""
                lines.append(f"{indent}  > “{_md(it.quote)}”{cite}")
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"


CSS = """body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;max-width:48rem;margin:2rem auto;
padding:0 1rem;color:#1b1b1b;line-height:1.45}h1{font-size:1.5rem;margin-bottom:.2rem}h2{font-size:1.1rem;
border-bottom:1px solid #ccc;margin-top:1.6rem}.sub{color:#555}blockquote{margin:.2rem 0 .4rem 1rem;
padding-left:.6rem;border-left:3px solid #b6c7e0;color:#333}cite{color:#666;font-size:.9em}li.step{margin-left:1.2rem;
list-style:circle}@media print{body{margin:0;max-width:none}}"""


def brief_html(b: Brief) -> str:
    """One self-contained HTML page; every string from the graph escaped."""
    e = html.escape
    out = ["<!DOCTYPE html>", '<html lang="nl"><head><meta charset="utf-8">',
           f"<title>{e(b.title)}</title><style>{CSS}</style></head><body>",
           f"<h1>{e(b.title)}</h1>", f'<p class="sub">{e(b.subtitle)}</p>']
    for s in b.sections:
        out.append(f"<h2>{e(s.title)}</h2>")
        if not s.items:
            out.append(f"<p>{e(s.empty)}</p>")
            continue
        out.append("<ul>")
        for it in s.items:
            cls = ' class="step"' if it.text.startswith("  ") else ""
            li = f"<li{cls}>{e(it.text.strip())}"
            if it.quote:
                li += f"<blockquote>“{e(it.quote)}”" + (f" <cite>({e(it.cite)})</cite>" if it.cite else "") + \
                      "</blockquote>"
            out.append(li + "</li>")
        out.append("</ul>")
    out.append("</body></html>")
    return "\n".join(out)


FONT_DIRS = ("/usr/share/fonts/truetype/dejavu", "/usr/share/fonts/dejavu", "/usr/local/share/fonts")
LATIN1 = str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'", "–": "-", "—": "-", "…": "...", "→": "->",
                        "·": "-", "\u00a0": " "})


def _pdf_font(pdf) -> tuple[str, bool]:
    """DejaVu Sans when the system has it (all of Unicode), else the built-in Helvetica
    with text folded to Latin-1."""
    for d in FONT_DIRS:
        regular, bold = os.path.join(d, "DejaVuSans.ttf"), os.path.join(d, "DejaVuSans-Bold.ttf")
        if os.path.exists(regular) and os.path.exists(bold):
            pdf.add_font("DejaVu", "", regular)
            pdf.add_font("DejaVu", "B", bold)
            return "DejaVu", True
    return "helvetica", False


def brief_pdf(b: Brief) -> bytes:
    """The brief as an A4 PDF (fpdf2)."""
    from fpdf import FPDF

    pdf = FPDF(format="A4")
    pdf.set_margins(18, 16, 18)
    pdf.set_auto_page_break(True, margin=16)
    pdf.set_title(b.title)
    pdf.add_page()
    font, unicode_ok = _pdf_font(pdf)

    def t(text: str) -> str:
        return text if unicode_ok else text.translate(LATIN1).encode("latin-1", "replace").decode("latin-1")

    def para(text: str, size=10, style="", indent=0.0, colour=(27, 27, 27)):
        pdf.set_font(font, style, size)
        pdf.set_text_color(*colour)
        pdf.set_x(pdf.l_margin + indent)
        pdf.multi_cell(pdf.epw - indent, size * 0.5, t(text), new_x="LMARGIN", new_y="NEXT")

    para(b.title, 16, "B")
    para(b.subtitle, 10, "", colour=(90, 90, 90))
    for s in b.sections:
        pdf.ln(3)
        para(s.title, 12, "B")
        if not s.items:
            para(s.empty)
        for it in s.items:
            indent = 6.0 if it.text.startswith("  ") else 0.0
            para(f"- {it.text.strip()}", indent=indent)
            if it.quote:
                para(f"“{it.quote}”" + (f" ({it.cite})" if it.cite else ""), 9, "", indent + 5, (70, 70, 70))
    return bytes(pdf.output())
