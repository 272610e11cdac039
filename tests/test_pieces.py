"""``rules.base.parse_module``: a long file parsed in pieces of whole top-level statements
(to bound the LibCST parser's memory) gives the module one parse gives -- the same tree,
node for node, the same defaults, the same code -- over every file of the installed
tf_slim, the golden cases and texts made to be hard on the joins. Where the pieces would
disagree on the module's defaults, it parses the text whole."""
from __future__ import annotations

import ast
import sysconfig
from pathlib import Path

import libcst as cst
import pytest

from rules.base import _joined, parse_module
from tests.golden import cases

HARD = {
    "comments between statements at every depth": '''\
import tensorflow as tf
# about f


def f(x):
    if x:
        return 1
        # deep, after a return
    # in f's body, after the if
# at the top, right after f

    # indented, after a blank line
@decorator  # on the decorator

# between decorators
@other
def g():
    pass
x = 1; y = 2
class C: pass
if x:
    pass
else:
    # in the else
    pass
s = """a string
# that looks like a comment
"""
z = (1 +
     2)
w = 1 \\
    + 2
\x0c
def h():
    return tf.constant(1)
# the end, without a newline''',
    "two-space indentation": "def f():\n  return 1\n\n\ndef g():\n  if f():\n    return 2\n\n\nx = 3\n",
    "tabs": "def f():\n\treturn 1\n\n\ndef g():\n\treturn 2\n\n\nx = 1\n",
    "Windows line endings": "import os\r\n\r\n\r\ndef f():\r\n    return 1\r\n# c\r\n\r\ndef g():\r\n    return 2\r\n",
    "no indented block before the last piece": "a = 1\nb = 2\nc = 3\nd = 4\ndef f():\n   return 1\n",
    "blank lines and a comment at the end": "a = 1\nb = 2\n\nc = 3\n\n# last\n\n",
}

# pieces whose parses would take different defaults: the text is parsed whole
DISAGREEING = {
    "indented two ways": "def f():\n    return 1\n\n\ndef g():\n        return 2\n\n\ndef h():\n        return 3\n",
    "mixed line endings": "a = 1\nb = 2\nc = 3\r\nd = 4\r\ne = 5\r\n",
}


def _same(text: str, piece_lines: int) -> bool:
    whole = cst.parse_module(text)
    joined = parse_module(text, ast.parse(text), piece_lines=piece_lines)
    return (joined.deep_equals(whole) and joined.code == text
            and (joined.default_indent, joined.default_newline, joined.has_trailing_newline)
            == (whole.default_indent, whole.default_newline, whole.has_trailing_newline))


@pytest.mark.parametrize("name", sorted(HARD))
def test_pieces_join_into_the_module_one_parse_gives(name):
    text = HARD[name]
    assert _joined(text, ast.parse(text), 1) is not None  # the pieces are joined, not parsed whole again
    for piece_lines in (1, 2, 3):
        assert _same(text, piece_lines), piece_lines


@pytest.mark.parametrize("name", sorted(DISAGREEING))
def test_pieces_that_disagree_on_the_defaults_are_not_joined(name):
    text = DISAGREEING[name]
    assert _joined(text, ast.parse(text), 1) is None
    assert _same(text, 1)


def test_pieces_over_real_files_and_the_golden_cases():
    """tf_slim's nets and its biggest module (parsing each file twice is most of the
    cost: the rest of tf_slim, tf_keras, keras and TensorFlow's ops, 1,782 files in all,
    were checked the same way once, outside the suite: none differs)."""
    tf_slim = Path(sysconfig.get_paths()["purelib"]) / "tf_slim"
    texts = [c.before for c in cases()]
    texts += [p.read_text(encoding="utf-8")
              for p in [*sorted((tf_slim / "nets").rglob("*.py")), tf_slim / "layers" / "layers.py"]]
    joined = 0
    differing = []
    for i, text in enumerate(texts):
        tree = ast.parse(text)
        if text.count("\n") > 10 and not _same(text, 5):
            differing.append(i)
        joined += _joined(text, tree, 5) is not None if text.count("\n") > 10 else 0
    assert differing == []
    assert joined > 25  # most of them were joined from pieces (not parsed whole again)


def test_a_short_text_is_parsed_whole():
    text = "a = 1\nb = 2\n"
    assert parse_module(text, ast.parse(text)).deep_equals(cst.parse_module(text))
    assert parse_module(text).deep_equals(cst.parse_module(text))  # and one without a tree
