"""The store the saved-query, query-CLI and Queries-page tests read: the seed minutes of
12 April 2023 ingested through the real pipeline, plus a second, CONSTRUCTED document
standing for the minutes of the next Taskforce meeting (17 May 2023), so that the
questions that compare documents (what changed between two meetings, engagement over
time, entities mentioned together) have a real answer to assert.

The second document is written as a DocumentGraph, not as text: what it asserts is
exactly what the tests expect, whatever the extractor makes of prose.  Its content is
invented for the tests (the 17 May meeting is announced in the seed: "De
Taskforcebijeenkomst van 17 mei 2023 vindt plaats in het Huis van de Gemeenten in Peel
en Maas") and changes four things on purpose:
- the appointment of the knowledge ambassador with wethouder Diederen (24 April) is held;
- Roermond's engagement goes from low to medium;
- Geilen is a member of the Stuurgroep, no longer a candidate;
- a new appointment with wethouder Van Reij (Roermond) on 1 June 2023 is planned;
while Diederen is still alderman of Beek (unchanged).

The store is built once per test session and shared by the three test modules (the
ingest is the slow part); each module that needs a store of its own (the CLI tests run
`python -m graph` in a subprocess, which cannot open a store this process holds) copies
the closed store file.
"""
from __future__ import annotations

import shutil
from pathlib import Path

from graph.contract import node_id
from graph.model import DocumentGraph

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "samples" / "taskforce-2023-04-12.txt"
SEED_ID = "document:taskforce-2023-04-12"
LATER_ID = "document:taskforce-2023-05-17"

_built: dict[str, Path] = {}


def later_minutes_graph() -> DocumentGraph:
    """The constructed minutes of 17 May 2023 (see the module docstring)."""
    g = DocumentGraph()
    src = {"source": LATER_ID}
    doc = g.add_node("Document", "taskforce-2023-05-17", id=LATER_ID, date="2023-05-17", kind="minutes",
                     path="tests/queries_data.py (constructed minutes of 17 May 2023)",
                     sha256="5" * 64)
    meeting = g.add_node("Meeting", "Taskforce Internationale Werknemers 2023-05-17", date="2023-05-17",
                         location="Huis van de Gemeenten, Peel en Maas")
    taskforce = g.add_node("Body", "Taskforce Internationale Werknemers", aliases=["Taskforce"])
    stuurgroep = g.add_node("Body", "Stuurgroep Internationale Werknemers", aliases=["Stuurgroep"])
    ambassador = g.add_node("Person", "Kennisambassadeur", redacted=True)
    diederen = g.add_node("Person", "Diederen", title="wethouder")
    geilen = g.add_node("Person", "Geilen", title="wethouder")
    van_reij = g.add_node("Person", "Van Reij", title="wethouder")
    beek = g.add_node("Municipality", "Beek")
    roermond = g.add_node("Municipality", "Roermond")
    peel = g.add_node("Municipality", "Peel en Maas")
    lltb = g.add_node("Organisation", "LLTB", kind="employers")
    province = g.add_node("Organisation", "Provincie Limburg", kind="government")
    north = g.add_node("Region", "Noord-Limburg", level="region")
    south = g.add_node("Region", "Zuid-Limburg", level="region")
    middle = g.add_node("Region", "Midden-Limburg", level="region")
    item = g.add_node("ActionItem", "Kennisambassadeur maakt afspraak met wethouder Van Reij",
                      id="actionitem:taskforce-2023-05-17-1",
                      text="Kennisambassadeur maakt afspraak met wethouder Van Reij", status="open",
                      owner_redacted=False)

    g.add_rel("MEETING_OF", meeting, taskforce, evidence="Verslag Taskforce Internationale Werknemers 17-05-2023", **src)
    g.add_rel("HELD_IN", meeting, peel, evidence="Huis van de Gemeenten in Peel en Maas", **src)
    for party in (north, south, lltb, province):
        g.add_rel("ATTENDED", party, meeting, evidence="Aanwezig", **src)
    g.add_rel("ABSENT_FROM", middle, meeting, evidence="Afwezig (Midden-Limburg)", **src)
    g.add_rel("CONTACT", ambassador, diederen, kind="appointment", status="held", date="2023-04-24",
              evidence="Kennisambassadeur heeft op 24 april 2023 gesproken met wethouder Diederen (gemeente Beek).", **src)
    g.add_rel("ALDERMAN_OF", diederen, beek, evidence="wethouder Diederen (gemeente Beek)", **src)
    g.add_rel("MEMBER_OF", geilen, stuurgroep, status="member",
              evidence="Wethouder Geilen neemt zitting in de Stuurgroep Internationale Werknemers.", **src)
    g.add_rel("ENGAGEMENT", doc, roermond, level="medium",
              evidence="De gemeente Roermond onderzoekt de huisvestingsbehoefte.", **src)
    g.add_rel("CONTACT", ambassador, van_reij, kind="appointment", status="planned", date="2023-06-01",
              evidence="Kennisambassadeur heeft op 1 juni 2023 een afspraak met wethouder Van Reij (gemeente Roermond).",
              **src)
    g.add_rel("ALDERMAN_OF", van_reij, roermond, evidence="wethouder Van Reij (gemeente Roermond)", **src)
    g.add_rel("ASSIGNED_TO", item, ambassador, evidence=item.props["text"], **src)
    g.add_rel("RAISED_IN", item, meeting, evidence=item.props["text"], **src)
    for n in list(g.nodes.values()):
        if n.id != LATER_ID:
            g.add_rel("MENTIONS", doc, n, evidence=n.name, **src)
    return g


def seeded_store_file(base: Path) -> Path:
    """Path of a closed embedded store holding the reference data, the seed (through
    the real ingest pipeline) and the constructed later minutes; built once a session."""
    if "path" in _built and _built["path"].exists():
        return _built["path"]
    from graph.stores.open import open_store
    from loaders.ingest import ingest_graph, ingest_paths

    path = Path(base) / "graph"
    store = open_store(f"embedded:{path}")
    try:
        report = ingest_paths(store, [SEED])
        assert report.ok, f"the seed did not ingest: {report.summary()}"
        ingest_graph(store, later_minutes_graph(), LATER_ID)
    finally:
        store.close()
    # a pristine copy, taken while no handle is open, for copy_store(): copying the file
    # while this process holds it open could catch it mid-checkpoint
    _copy(path, Path(base) / "pristine" / "graph")
    _built["path"] = path
    _built["pristine"] = Path(base) / "pristine" / "graph"
    return path


def _copy(src: Path, dst: Path) -> None:
    dst.parent.mkdir(parents=True, exist_ok=True)
    for suffix in ("", ".wal"):
        if Path(str(src) + suffix).exists():
            shutil.copy2(str(src) + suffix, str(dst) + suffix)


def copy_store(base: Path, target_dir: Path) -> Path:
    """A private copy of the seeded store (file and write-ahead log, if any), made from
    the copy taken when it was built and closed."""
    seeded_store_file(base)
    dst = Path(target_dir) / "graph"
    _copy(_built["pristine"], dst)
    return dst
