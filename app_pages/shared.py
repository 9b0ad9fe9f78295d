"""What every page shares: the one store handle, the sidebar status line, the graph read
from the store (cached per store version), the graph picture, links to entity pages.

The store is chosen by one setting, first found wins: st.session_state["graph_store"]
(tests inject a setting string or an open GraphStore), Streamlit secrets GRAPH_STORE, the
GRAPH_STORE environment variable, else the embedded default.  The handle is cached per
process with st.cache_resource: the embedded store allows one read-write handle per
process.  The graph is read once per store version and shared (st.cache_resource, see
load_graph); results (layouts, the picture's HTML, sentences) are cached with
st.cache_data.  Both are keyed by the store's version (its newest ingest-log entry and its
corrections), so a new ingest or a correction shows at once and nothing else recomputes.
"""
from __future__ import annotations

import hashlib
import json
import os
import re
import time
from pathlib import Path

import streamlit as st

from graph.stores.open import DEFAULT_STORE  # one default, kept by the stores

ENTITY_PAGE = "app_pages/entity.py"


def _injected():
    """An open GraphStore a test put in st.session_state["graph_store"], else None."""
    from graph.stores.base import GraphStore

    value = st.session_state.get("graph_store")
    return value if isinstance(value, GraphStore) else None


def store_setting() -> str:
    """The store setting as a string (pages use it as a cache key)."""
    injected = _injected()
    if injected is not None:
        return f"injected:{injected.describe()}"
    if st.session_state.get("graph_store"):
        return st.session_state["graph_store"]
    try:
        if "GRAPH_STORE" in st.secrets:
            return st.secrets["GRAPH_STORE"]
    except Exception:  # no secrets.toml at all: Streamlit raises, which is the normal case
        pass
    return os.environ.get("GRAPH_STORE", DEFAULT_STORE)


def _store_env() -> dict:
    """The environment, with Neo4j credentials from Streamlit secrets when given there
    (secrets never go into the setting string, which is shown in the sidebar)."""
    env = dict(os.environ)
    try:
        for key in ("NEO4J_USER", "NEO4J_PASSWORD", "NEO4J_DATABASE"):
            if key in st.secrets:
                env[key] = str(st.secrets[key])
    except Exception:  # no secrets.toml
        pass
    return env


@st.cache_resource(show_spinner="Opening the graph store ...")
def _open(setting: str):
    from graph.stores.open import open_store
    from loaders.ingest import ensure_sample_data

    store = open_store(setting, env=_store_env())
    ensure_sample_data(store)  # first start: reference data and the sample minutes
    return store


_FAILED: dict[str, tuple[float, str]] = {}  # setting -> (when, why) of the last failed open
_RETRY_AFTER_S = 5.0


def get_store(*, show_error: bool = True):
    """The store handle, or None after showing a clear error (unreachable Neo4j ...)."""
    from graph.stores.base import StoreError

    injected = _injected()  # a test's store: already open and loaded
    if injected is not None:
        return injected
    setting = store_setting()
    failed = _FAILED.get(setting)
    if failed and time.monotonic() - failed[0] < _RETRY_AFTER_S:
        message = failed[1]  # the sidebar just tried: do not wait for a dead server twice per run
    else:
        try:
            store = _open(setting)
            _FAILED.pop(setting, None)
            return store
        except StoreError as exc:
            message = str(exc)
        except Exception as exc:  # an unexpected failure still gets a sentence, not a traceback
            message = f"{type(exc).__name__}: {exc}"
        _FAILED[setting] = (time.monotonic(), message)
    if show_error:
        st.error(f"The graph store cannot be opened: {md(message)}")
    return None


def require_store():
    """The store, or stop the page after the error was shown."""
    store = get_store()
    if store is None:
        st.info("Set GRAPH_STORE (environment or .streamlit/secrets.toml) to a reachable store: "
                "`embedded:PATH` or `neo4j://HOST:7687` with NEO4J_USER / NEO4J_PASSWORD.")
        st.stop()
    return store


def sidebar_store_status() -> None:
    store = get_store(show_error=False)
    if store is not None:
        st.sidebar.caption(f"Store: {md(store.describe())}")  # a path is text, not markdown
    else:
        st.sidebar.error("Graph store not available (see the page for why).")


def store_version(store) -> str:
    """Changes whenever the store's content does: the newest ingest-log entry and the
    corrections.  Two cheap queries per run instead of reading the graph."""
    log = store.ingest_log(1)
    corr = [(c["id"], c["active"]) for c in store.corrections()]
    raw = json.dumps([store.describe(), log, corr], sort_keys=True, default=str)
    return hashlib.sha1(raw.encode()).hexdigest()[:16]


# The graph is a resource, not a result: st.cache_data would pickle it on every page run,
# and a 10,000-document store's graph (1.7 million relationships) takes seconds each way.
# One graph per store version, shared by all sessions: read-only by convention
# (graph.views and the analyses never change it; they return copies).
@st.cache_resource(max_entries=2, show_spinner="Reading the graph ...")
def _read_graph(_store, describe: str, version: str):
    # MENTIONS (half the relationships) not as edges but in a MentionIndex beside the
    # graph, without their sentences (most of the bytes): graph.mentions reads them, and
    # the pages that show them ask mention_sentences() for the nodes they show.
    return _store.read_graph(mention_evidence=False, mention_index=True)


def load_graph(store=None):
    """The whole graph (networkx MultiDiGraph), read once per store version.  Treat it as
    read-only; graph.views functions return copies."""
    store = store or require_store()
    return _read_graph(store, store.describe(), store_version(store))


@st.cache_data(max_entries=64, show_spinner=False)
def _mention_sentences(_store, describe: str, version: str, node_ids: tuple) -> dict:
    return _store.mention_evidence(list(node_ids))


def mention_sentences(store, node_ids: tuple) -> dict:
    """Relationship key -> sentence of the MENTIONS of `node_ids` (see load_graph)."""
    return _mention_sentences(store, store.describe(), store_version(store), tuple(node_ids))


def clear_caches() -> None:
    _read_graph.clear()
    _mention_sentences.clear()


# -- the graph picture -------------------------------------------------------------------
@st.cache_data(max_entries=32, show_spinner=False)
def _layout(signature: str, _g, seed: int):
    from graph.visual import layout

    return layout(_g, seed=seed)


@st.cache_data(max_entries=16, show_spinner="Drawing the graph ...")
def _picture(signature: str, content: str, _g, size_by: str, highlight: tuple, height: int, seed: int,
             _documents):
    from graph.visual import graph_html

    positions = _layout(signature, _g, seed)  # kept across reruns: same graph, same places
    return graph_html(_g, size_by=size_by, positions=positions, highlight=highlight, height=height,
                      seed=seed, documents=_documents)


def render_graph(g, *, size_by: str = "degree", highlight=(), height: int = 620, seed: int = 7,
                 documents: dict | None = None, alt: str = "graph") -> str:
    """Draw a networkx graph (any page: Explore, entity neighbourhoods, query results) as
    the interactive picture: clicking a node opens its entity page.  Returns the HTML."""
    from graph import visual
    from graph.views import document_index, graph_signature

    if g.number_of_nodes() == 0:
        st.info("Nothing to draw: no nodes match.")
        return ""
    if g.number_of_nodes() > visual.DRAW_LIMIT:
        st.warning(f"{g.number_of_nodes():,} nodes: too many to draw (at most {visual.DRAW_LIMIT:,}). "
                   "Narrow the view: fewer labels or relationship types, a region, a date range, "
                   "a search, or the neighbourhood of one entity.")
        return ""
    page = _picture(graph_signature(g), graph_signature(g, with_data=True), g, size_by, tuple(sorted(highlight)), int(height), int(seed),
                    documents if documents is not None else document_index(g))
    st.iframe(page, height=int(height) + 70, alt=alt)
    return page


# Markdown (and Streamlit's :directives:, $math$) that a name could carry: a label like
# "![x](http://host/p.png)" would load an image from outside.  Every document string that
# goes into a markdown-rendering element (headers, captions, link labels) is escaped.
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~:$&=\"'])")


def md(text) -> str:
    """Markdown-escape a document string so Streamlit shows it as the text it is.

    >>> print(md("![x](p.png)"))
    \\!\\[x\\]\\(p\\.png\\)
    """
    return _MD_SPECIAL.sub(r"\\\1", " ".join(str(text).split()))


def entity_link(nid: str, label: str) -> None:
    """A link to an entity's page; the label is shown as text, never as markup."""
    st.page_link(ENTITY_PAGE, label=md(label), query_params={"id": nid})


def uploads_dir() -> Path:
    """Where uploaded documents are kept (their path stays the document's source, so
    corrections can be undone and re-ingest finds them): GRAPH_UPLOADS or data/uploads."""
    path = Path(os.environ.get("GRAPH_UPLOADS", "data/uploads"))
    path.mkdir(parents=True, exist_ok=True)
    return path


def safe_filename(name: str) -> str:
    """A browser's file name reduced to one harmless path component (the document id
    comes from it, as on the command line).

    >>> safe_filename("../../etc/passwd.txt"), safe_filename("C:/Users/x/Verslag 12-04.pdf"), safe_filename("..")
    ('passwd.txt', 'Verslag 12-04.pdf', 'upload.txt')
    """
    base = re.sub(r"[^\w.\- ]+", "_", Path(str(name).replace("\\", "/")).name).strip(" .")
    return base or "upload.txt"
