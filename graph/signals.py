"""Policy and agenda signals: the evidence sentences in which a municipality or region is
said to have a policy plan or to have put the topic on an agenda (the BO Wonen's, when it
says so).  Plain functions over the networkx MultiDiGraph the stores return; the gaps
analysis asks them per municipality and region.

>>> G, reference = example()
>>> [(s["signal"], s["text"]) for s in signals(signal_sentences(G), ["Cepel"])]
[('policy plan', 'De gemeente Cepel heeft een beleidsplan vastgesteld.')]
"""
from __future__ import annotations

import re

from graph.involvement import _memo, _norm_text, names_pattern, node_names, source_documents
from graph.involvement import example  # noqa: F401  (the small graph the examples below read)

ACTION_LINE = re.compile(r"\s*(?:actiepunt|actie)\b", re.I)
POLICY_WORDS = re.compile(r"beleidsplan|beleidsnota|huisvestingsplan|\bbeleid\b|\bvisie\b", re.I)
AGENDA_WORDS = re.compile(r"agenda|geagendeerd|agenderen", re.I)
# "BO's Wonen", or a bare "BO's" (in these minutes the housing consultations), but not
# "BO Economie".
BO_WORDS = re.compile(r"\bBO(?:[’']?s)?\b(?!\s+(?!Wonen\b)[A-Z])")


def evidence_sentences(G, documents: dict | None = None, may_keep=None) -> list[dict]:
    """Every distinct evidence sentence in the graph with its document and date; with
    `may_keep`, only those whose text (as stored, before _norm_text) passes it.

    >>> G, _ = example()
    >>> [s["text"] for s in evidence_sentences(G)][:2]
    ['Afwezig (Zuid)', 'Bosdorp denkt mee.']
    """
    documents = source_documents(G) if documents is None else documents
    seen, out = set(), []
    for _, nbrs in G.adjacency():  # not G.edges(data=True): its generator costs more than the loop
        for keydict in nbrs.values():
            for d in keydict.values():
                text, src = d.get("evidence"), d.get("source")
                if text and src in documents and (text, src) not in seen:
                    seen.add((text, src))
                    if may_keep is None or may_keep(text):
                        out.append({"text": _norm_text(text), "source": src, "date": documents[src]["date"]})
    return sorted(out, key=lambda s: (s["date"], s["text"]))


# Every policy and agenda word holds one of these; tested first on the case-folded text,
# because the case-insensitive alternations cost ~7 us a sentence in re.  IGNORECASE
# matches 'i' to two letters whose casefold() is not 'i' (U+0130, U+0131): a text with
# either goes straight to the regexes (tests/test_signal_shortcut.py checks every letter).
SIGNAL_STEMS = ("beleid", "huisvestingsplan", "visie", "agend")


def _names_a_signal(text: str) -> bool:
    """Whether a sentence has a policy or agenda word.  The same answer before and after
    _norm_text, which only changes whitespace: the words hold none, and a word boundary
    next to whitespace stays one.  So the 100,000s of sentences of a large store are
    tested as stored, and only the few that pass are normalised and sorted."""
    folded = text.casefold()
    if "\u0131" not in folded and "\u0307" not in folded and not any(w in folded for w in SIGNAL_STEMS):
        return False
    return bool(POLICY_WORDS.search(text) or AGENDA_WORDS.search(text))


def signal_sentences(G, documents: dict | None = None) -> list[dict]:
    """The evidence sentences that can carry a policy or agenda signal (computed once per
    graph: the signals are looked up per municipality).

    >>> G, _ = example()
    >>> [s["text"] for s in signal_sentences(G)]
    ['De gemeente Cepel heeft een beleidsplan vastgesteld.']
    """
    documents = source_documents(G) if documents is None else documents
    return _memo(G, ("signal_sentences", tuple(sorted(documents))), lambda: [
        s for s in evidence_sentences(G, documents, may_keep=_names_a_signal)
        if _names_a_signal(s["text"]) and not ACTION_LINE.match(s["text"])])


def signals(sentences, names, other_names=()) -> list[dict]:
    """Policy and agenda signals in sentences that name one of `names`: a policy plan
    (beleidsplan ...), the topic on an agenda (the BO Wonen agenda when it says so).
    With `other_names` (the municipalities, when `names` are a region's) a sentence that
    also names one of those counts for them, not for the whole region.

    >>> s = [{"text": "In Zuid-Limburg is het in de gemeenten Stein en Beek reeds geagendeerd voor de BO's Wonen.", "source": "d", "date": "2023"}]
    >>> [x["signal"] for x in signals(s, ["Beek"])]
    ['on the BO Wonen agenda']
    >>> s[0]["text"] = "Stein en Beek agenderen het voor het BO Economie."
    >>> [x["signal"] for x in signals(s, ["Beek"])]
    ['on the agenda']
    >>> signals(s, ["Zuid-Limburg"], other_names=["Stein", "Beek"])
    []
    >>> signals([{"text": "Actiepunt: Zuid-Limburg attenderen op agenderen in BO's Wonen", "source": "d", "date": ""}], ["Zuid-Limburg"])
    []
    """
    if not names:
        return []
    return pick_signals(tag_sentences(sentences, list(names) + list(other_names)), names, other_names)


def tag_sentences(sentences, names) -> list[tuple[dict, frozenset]]:
    """Each sentence that can carry a signal with the names it contains, found in one pass
    (the per-municipality look-ups then only compare sets).

    >>> [sorted(found) for _, found in tag_sentences([{"text": "Stein en Beek agenderen het."}], ["Beek", "Stein", "Gennep"])]
    [['Beek', 'Stein']]
    """
    pattern = names_pattern(names) if names else None
    out = []
    for s in sentences:
        if ACTION_LINE.match(s["text"]) or not (POLICY_WORDS.search(s["text"]) or AGENDA_WORDS.search(s["text"])):
            continue  # "Actiepunt: ... agenderen" is a task, not a fact
        found = frozenset(m.group(0) for m in pattern.finditer(s["text"])) if pattern else frozenset()
        if found:
            out.append((s, found))
    return out


def tagged_sentences(G, reference, documents: dict | None = None):
    """Signal sentences tagged with every municipality and region name, and the
    municipality names (normalised reference).

    >>> G, reference = example()
    >>> from graph.involvement import normalise_reference
    >>> tagged, names = tagged_sentences(G, normalise_reference(reference))
    >>> [sorted(found) for _, found in tagged], names
    ([['Cepel']], ['Aarle', 'Bosdorp', 'Cepel'])
    """
    municipality_names = [n for m in reference for n in node_names(G, m["id"], [m["name"]] + m["aliases"])]
    regions = {}
    for m in reference:
        for field in ("region", "subregion"):
            rid = m[f"{field}_id"]
            if rid:
                regions.setdefault(rid, [m[field]] if ":" not in m[field] else [])
    names = municipality_names + [n for rid, given in regions.items() for n in node_names(G, rid, given)]
    documents = source_documents(G) if documents is None else documents
    key = ("tagged", tuple(names), tuple(sorted(documents)))
    return _memo(G, key, lambda: tag_sentences(signal_sentences(G, documents), names)), municipality_names


def pick_signals(tagged, names, other_names=()) -> list[dict]:
    """The signals among tagged sentences for `names` (see signals).

    >>> tagged = tag_sentences([{"text": "Stein heeft een beleidsplan."}], ["Stein", "Beek"])
    >>> [s["signal"] for s in pick_signals(tagged, ["Stein"])], pick_signals(tagged, ["Beek"])
    (['policy plan'], [])
    """
    names = {_norm_text(n) for n in names if n}
    others = {_norm_text(n) for n in other_names if n} - names
    out = []
    for s, found in tagged:
        if not (found & names) or (found & others):
            continue
        if POLICY_WORDS.search(s["text"]):
            out.append({**s, "signal": "policy plan"})
        if AGENDA_WORDS.search(s["text"]):
            out.append({**s, "signal": "on the BO Wonen agenda" if BO_WORDS.search(s["text"]) else "on the agenda"})
    return out
