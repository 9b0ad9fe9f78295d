"""Shortcuts on the path file -> text -> graph must give what the longer way gave:
brute force over random inputs, old way against new."""
import random

import pytest

from graph.model import DocumentGraph
from loaders import normalise

# every whitespace character but the newline (the lines' separator), with letters, digits,
# a non-ASCII letter and characters beyond Latin-1
WHITESPACE = [c for c in map(chr, range(0x3001)) if c.isspace() and c != "\n"]
ALPHABET = list("abcAB12 .-–#é(") + WHITESPACE


def test_running_lines_signatures_from_the_text_ignore_trailing_whitespace():
    """clean_lines hands _repeated_lines the text itself when it has one page and no table:
    the signature of a line with its trailing whitespace is that of the line rstripped."""
    rnd = random.Random(1)
    for _ in range(3000):
        text = "\n".join("".join(rnd.choice(ALPHABET) for _ in range(rnd.randint(0, 30)))
                         for _ in range(rnd.randint(1, 40)))
        lines = [x.rstrip() for x in text.split("\n")]
        assert normalise._repeated_lines(lines, text) == normalise._repeated_lines(lines)
        old = "\n".join(lines).encode("utf-8", "surrogatepass").translate(None, normalise._SIGNATURE_DROP)
        new = text.encode("utf-8", "surrogatepass").translate(None, normalise._SIGNATURE_DROP)
        assert old.split(b"\n") == new.split(b"\n")


@pytest.mark.parametrize("seed", range(3))
def test_paragraph_whitespace_collapsed_as_before(seed):
    """join_paragraphs no longer looks for odd spaces in the whole text first: each
    paragraph collapses as " ".join(split()) would, NULs as spaces."""
    rnd = random.Random(seed)
    for _ in range(500):
        lines = ["".join(rnd.choice(ALPHABET + ["\x00", "  "]) for _ in range(rnd.randint(0, 50)))
                 for _ in range(rnd.randint(1, 12))]
        for par in normalise.join_paragraphs(lines):
            assert par == " ".join(par.replace("\x00", " ").split())


def _add_node_by_loop(g: DocumentGraph, label, name, nid, props):
    """add_node's property loop, as it filled every node before the shortcut for a new one."""
    node = g.add_node(label, name, id=nid)
    for k, v in props.items():
        if v is not None and node.props.get(k) in (None, "", []):
            node.props[k] = v
    return node


def test_new_node_takes_its_properties_as_the_loop_did():
    rnd = random.Random(2)
    values = [None, "", [], "x", ["a"], True, False, 0]
    for _ in range(2000):
        props = {k: rnd.choice(values) for k in rnd.sample(["title", "redacted"], rnd.randint(0, 2))}
        new = DocumentGraph().add_node("Person", "Jan  Peters", id="person:jan-peters", aliases=["J. Peters"], **props)
        old = _add_node_by_loop(DocumentGraph(), "Person", "Jan  Peters", "person:jan-peters", props)
        old.add_alias("J. Peters")
        assert (new.name, new.aliases, new.props, list(new.props)) == (old.name, old.aliases, old.props, list(old.props))


def test_new_node_with_a_property_its_label_lacks_is_refused():
    with pytest.raises(ValueError, match="has no property 'colour'"):
        DocumentGraph().add_node("Person", "Jan Peters", title="wethouder", colour="blue")
