"""Tier 1: the exact golden snapshot of the seed's export (regressions).

Any change to what the extractor reads from the seed fails this test.  When the change
is intended, regenerate the snapshot on purpose and review the diff before committing:

    UPDATE_GOLDEN=1 .venv/bin/python -m pytest tests/test_extract_golden.py
    git diff tests/golden/
"""
import hashlib
import json
import os

from loaders.document import SourceDocument
from loaders.minutes import extract_minutes

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SEED = os.path.join(ROOT, "samples", "taskforce-2023-04-12.txt")
GOLDEN = os.path.join(ROOT, "tests", "golden", "taskforce-2023-04-12.json")


def _export() -> dict:
    data = open(SEED, "rb").read()
    # a relative path keeps the snapshot independent of where the repository is checked out
    doc = SourceDocument("samples/taskforce-2023-04-12.txt", data.decode("utf-8"), hashlib.sha256(data).hexdigest(), "txt")
    return extract_minutes(doc).to_export()


def test_seed_export_matches_the_golden_snapshot():
    got = _export()
    text = json.dumps(got, ensure_ascii=False, indent=1, sort_keys=True) + "\n"
    if os.environ.get("UPDATE_GOLDEN") == "1":
        os.makedirs(os.path.dirname(GOLDEN), exist_ok=True)
        with open(GOLDEN, "w", encoding="utf-8") as fh:
            fh.write(text)
    want = open(GOLDEN, encoding="utf-8").read()
    assert json.loads(text) == json.loads(want), "extractor output changed; see the module docstring"


def test_extraction_is_deterministic():
    assert _export() == _export()
