"""The README is the user's manual: it must list every command, every setting, and its
test command must be the one CI runs (datasette's practice)."""
import re
from pathlib import Path

import pytest

from graph.cli import COMMANDS as GRAPH_COMMANDS
from loaders.cli import COMMANDS as LOADER_COMMANDS

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")

SETTINGS = ["GRAPH_STORE", "GRAPH_UPLOADS", "GRAPH_STORE_BUFFER_MB", "NEO4J_USER", "NEO4J_PASSWORD", "NEO4J_DATABASE", "NEO4J_TEST_URI"]


@pytest.mark.parametrize("command", sorted(LOADER_COMMANDS))
def test_readme_lists_every_loader_command(command):
    assert f"python -m loaders {command}" in README


@pytest.mark.parametrize("command", sorted(GRAPH_COMMANDS))
def test_readme_lists_every_graph_command(command):
    assert f"python -m graph {command}" in README


@pytest.mark.parametrize("setting", SETTINGS)
def test_readme_documents_every_setting(setting):
    assert setting in README


def _setup_commands():
    return re.findall(r"```bash\n(.+?)\n```", README.split("## Set-up", 1)[1].split("\n## ", 1)[0], re.S)


def test_readme_has_exactly_two_setup_commands():
    assert len(_setup_commands()) == 2


def test_ci_runs_the_readme_test_command():
    test_command = _setup_commands()[1].strip()
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert test_command in ci.splitlines()
