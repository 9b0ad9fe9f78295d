"""Tier 2: the scored gold.  The seed minutes against the hand annotation in
../shared/gold, scored by ../shared/tools/score_extraction.py (loaded with importlib, as
the product owner runs it).  These are quality floors: they only go up."""
import hashlib
import importlib.util
import os

import pytest

from loaders.document import SourceDocument
from loaders.minutes import extract_minutes

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SHARED = os.path.join(os.path.dirname(ROOT), "shared")
SCORER = os.path.join(SHARED, "tools", "score_extraction.py")
GOLD = os.path.join(SHARED, "gold", "taskforce-2023-04-12.json")
SEED = os.path.join(ROOT, "samples", "taskforce-2023-04-12.txt")

pytestmark = pytest.mark.skipif(not (os.path.exists(SCORER) and os.path.exists(GOLD)),
                                reason="../shared/tools and ../shared/gold are not next to this checkout")


def _scorer():
    spec = importlib.util.spec_from_file_location("score_extraction", SCORER)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def score():
    import json

    data = open(SEED, "rb").read()
    doc = SourceDocument(SEED, data.decode("utf-8"), hashlib.sha256(data).hexdigest(), "txt")
    exported = extract_minutes(doc).to_export()
    gold = json.load(open(GOLD, encoding="utf-8"))
    return _scorer().score(gold, exported)


def test_entity_f1_floor(score):
    assert score["entities"][2] >= 0.90, score


def test_relation_f1_floor(score):
    assert score["relations"][2] >= 0.75, score


def test_all_action_items_and_their_owners(score):
    found, owners, total = score["actions"]
    assert (found, total) == (15, 15)
    assert owners >= 13, score


def test_no_trap(score):
    assert score["traps"] == 0, score
