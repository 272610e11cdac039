"""The shared import edits: what they add and drop, and where, on their own."""
import itertools

import libcst as cst
import pytest

from rules.edit import add_imports, bound_arguments, remove_from_import, remove_unused_imports, statement_imports


def added(code: str, *imports) -> str:
    return add_imports(cst.parse_module(code), list(imports)).code


def removed(code: str, *imports) -> str:
    return remove_unused_imports(cst.parse_module(code), list(imports)).code


def test_add_goes_after_the_docstring_and_the_first_import_block():
    code = '"""Doc."""\nimport os\nimport sys\n\nx = 1\nimport re\n'
    assert added(code, ("tensorflow", None, "tf")) == (
        '"""Doc."""\nimport os\nimport sys\nimport tensorflow as tf\n\nx = 1\nimport re\n')


def test_add_keeps_a_license_header_and_puts_a_blank_line_before_code():
    code = "# Copyright\n\n# more\nx = 1\n"
    assert added(code, ("tf1to2", None)) == "# Copyright\n\n# more\nimport tf1to2\n\nx = 1\n"


def test_add_merges_into_an_existing_from_import_and_skips_present_ones():
    code = "from tf1to2 import record_scope\nimport tensorflow as tf\n\n\ndef f():\n    pass\n"
    assert added(code, ("tf1to2", "track_tf1_style_variables"), ("tensorflow", None, "tf")) == (
        "from tf1to2 import track_tf1_style_variables, record_scope\nimport tensorflow as tf\n\n\ndef f():\n    pass\n")


def test_add_after_strict_flag_and_into_a_module_of_imports_only():
    assert added("__strict__ = True\nx = 1\n", ("os", None)) == "__strict__ = True\nimport os\n\nx = 1\n"
    assert added("import sys\n", ("os", None)) == "import sys\nimport os\n"


def test_remove_drops_only_names_nothing_reads():
    code = "import tf_slim as slim\nimport numpy as np\n\nx = np.zeros(1)  # slim was here\ny = 'slim'\n"
    assert removed(code, ("tf_slim", None, "slim"), ("numpy", None, "np")) == (
        "import numpy as np\n\nx = np.zeros(1)  # slim was here\ny = 'slim'\n")


def test_remove_keeps_names_listed_in_all_and_names_read_as_attributes_of_others():
    code = "from tf_slim import layers\n__all__ = ['layers']\n"
    assert removed(code, ("tf_slim", "layers")) == code
    code = "from tf_slim import layers\n\nx = layers.conv2d\n"
    assert removed(code, ("tf_slim", "layers")) == code


def test_remove_one_name_of_a_parenthesized_import_keeps_its_layout():
    code = "from tf_slim import (\n    layers,\n    losses,\n)\n\nx = losses\n"
    assert removed(code, ("tf_slim", "layers")) == "from tf_slim import (\n    losses,\n)\n\nx = losses\n"


def test_remove_a_whole_statement_and_leave_nested_imports_alone():
    code = "import os\nimport tf_slim as slim\n\n\ndef f():\n    import tf_slim as slim2\n    return os\n"
    assert removed(code, ("tf_slim", None, "slim"), ("tf_slim", None, "slim2")) == (
        "import os\n\n\ndef f():\n    import tf_slim as slim2\n    return os\n")


def test_remove_from_a_line_of_several_imports_edits_each_alone():
    code = ("from a import b; from tf_slim import layers  # c\n"
            "import x; from tf_slim import losses, nets; import y\n"
            "import tf_slim as s1; import numpy as np\n"
            "import os; z = 1\n\n"
            "print(b, x, y, nets, os, z)\n")
    assert removed(code, ("tf_slim", "layers"), ("tf_slim", "losses"), ("tf_slim", None, "s1"),
                   ("numpy", None, "np"), ("os", None)) == (
        "from a import b  # c\n"
        "import x; from tf_slim import nets; import y\n"
        "import os; z = 1\n\n"
        "print(b, x, y, nets, os, z)\n")


REMOVABLE = [
    "import a\n", "import a, b\n", "import a.b\n", "import a.b as c, a.b\n", "import a as b, c  # t\n",
    "# lead\nimport a, b, c\n", "import a.b.c as d, e as f, g\n",
    "from x import a\n", "from x import a, b\n", "from x import a, b, c  # t\n", "from x import (a, b)\n",
    "from x import (a, b,)\n", "from x.y import a as b, c\n", "from x import (\n    a,  # ca\n    b,  # cb\n)\n",
    "from x import (\n    a,\n    # alone\n    b,\n    c\n)\n", "from x import (  # open\n    a,  # ca\n    b\n)\n",
    "from x import (\n    a,  # ca\n    # alone\n    b,  # cb\n    c,\n)\n", "from x import (a as b,\n    c as d)\n",
    "from . import a, b\n", "from .x import a\n", "from ..x import a, b\n", "from __future__ import annotations\n",
    "from x import *\n", "# lead\n\nfrom x import a, b  # t\n",
]


def _requests(stmt: cst.SimpleStatementLine) -> list:
    """Sets of imports to remove: every subset of those the statement makes (as
    remove_unused_imports takes them), alone and with the same imports under an alias
    that does not match."""
    made = [i.as_removable() for i in statement_imports(stmt)]
    other = [(i.module, i.obj, "nomatch") for i in statement_imports(stmt)]
    subsets = [list(c) for r in range(len(made) + 1) for c in itertools.combinations(made, r)]
    return subsets + [s + other for s in subsets]


@pytest.mark.parametrize("text", REMOVABLE)
def test_removing_from_one_statement_is_what_libcsts_visitor_makes_of_it(text):
    """Every subset of a statement's imports (and non-matching ones), removed by
    ``remove_from_import`` and by LibCST's ``RemoveImportsVisitor`` on the statement
    alone: the same statements, node for node."""
    from libcst.codemod import CodemodContext
    from libcst.codemod.visitors import RemoveImportsVisitor

    stmt = cst.parse_module(text).body[0]
    changed = 0
    for chosen in _requests(stmt):
        ctx = CodemodContext()
        for module_name, obj, *asname in chosen:
            RemoveImportsVisitor.remove_unused_import(ctx, module_name, obj, *asname)
        theirs = RemoveImportsVisitor(ctx).transform_module(cst.Module(body=[stmt])).body
        ours = remove_from_import(stmt, list(chosen))
        assert len(ours) == len(theirs) and all(a.deep_equals(b) for a, b in zip(ours, theirs)), chosen
        assert cst.Module(body=ours).code == cst.Module(body=theirs).code
        changed += cst.Module(body=ours).code != text
    assert changed > 0 or text.startswith(("from .", "from __future__", "from x import *"))


HEADS = [
    "", "x = 1\n", '"""Doc."""\nx = 1\n', '"""Doc."""\nimport os\n\nx = 1\n', "__strict__ = True\nimport os\nx = 1\n",
    "import os\nimport sys\n# comment\nx = 1\n", "import tensorflow as tf\nfrom tf1to2 import layers\n\n\ndef f():\n    pass\n",
    "from tf1to2 import *\nx = 1\n", "from tf1to2 import (\n    a,\n    b,\n)\nx = 1\n",
    "import tensorflow as tf, tensorflow as tfx\nx = 1\n", "import a as x\nimport a as y\n",
    "from . import a\nfrom tf1to2 import b as c\ny = 2\n", "# header\n\nimport os\nif x:\n    import tensorflow\n",
    "from __future__ import annotations\nimport os\n", "import os; import sys\nx = 1\n", "x = 1\nimport os\n",
    "#!/usr/bin/env python\n# coding: utf-8\n\n'''doc'''\n\nfrom tensorflow import keras\n\n# about x\nx = 1\n",
    "import tensorflow as tf\r\nfrom tf1to2 import a\r\n\r\nx = 1\r\n", "from tf1to2 import a, b as c\nfrom tf1to2 import b as c\n",
    "import tf1to2.layers\nimport tensorflow\n\n\n# a comment\n\nclass A:\n    pass\n", '"""Doc."""\n',
]

REQUESTS = [
    [("tensorflow", None, "tf")], [("tensorflow", None)], [("tf1to2", None)], [("tf1to2", "layers")],
    [("tf1to2", "track_tf1_style_variables")], [("tf1to2", "a"), ("tf1to2", "b", "c")],
    [("tensorflow", None, "tf"), ("tf1to2", None), ("tf1to2.layers", None)], [("os", None)], [("a", None, "x")],
    [("a", None, "y")], [("__future__", "annotations")], [("__future__", "division"), ("os", None)],
    [("tf1to2", "layers"), ("tf1to2.layers", None), ("tensorflow", None)],
    [("tensorflow", "nn"), ("tensorflow", "keras", "k")], [("tf1to2", "z"), ("tf1to2", "c"), ("tf1to2", "b", "c")],
]


@pytest.mark.parametrize("head", HEADS)
def test_adding_imports_is_what_libcsts_visitor_makes_of_the_module(head):
    """``add_imports`` against LibCST's ``AddImportsVisitor`` run on the whole module, for
    module heads of every kind and sets of imports some of which are there already: the
    same module, node for node."""
    from libcst.codemod import CodemodContext
    from libcst.codemod.visitors import AddImportsVisitor

    module = cst.parse_module(head)
    changed = 0
    for imports in REQUESTS:
        ctx = CodemodContext()
        for module_name, obj, *asname in sorted(imports, key=lambda i: (i[0], i[1] or "", *i[2:])):
            AddImportsVisitor.add_needed_import(ctx, module_name, obj, *asname)
        theirs = AddImportsVisitor(ctx).transform_module(module)
        ours = add_imports(module, imports)
        assert ours.deep_equals(theirs) and ours.code == theirs.code, imports
        changed += ours.code != head
        if theirs.code == head:
            assert ours is module  # nothing to add: the same module comes back
    assert changed > 0


def test_bound_arguments_by_position_and_keyword_and_what_it_refuses():
    def bound(text, params=("sess", "save_path", "global_step"), known_only=False):
        got = bound_arguments(cst.parse_expression(text), params, known_only)
        return None if got is None else {k: cst.Module(body=[]).code_for_node(v) for k, v in got.items()}
    assert bound("s.save(None, p, global_step=3)") == {"sess": "None", "save_path": "p", "global_step": "3"}
    assert bound("s.save(sess=None, save_path=p)") == {"sess": "None", "save_path": "p"}
    assert bound("s.save(None, p, 3, 4)") is None, "more positional arguments than parameters"
    assert bound("s.save(*args)") is None and bound("s.save(None, **kw)") is None
    assert bound("s.save(None, p, latest_filename='x')") == {"sess": "None", "save_path": "p", "latest_filename": "'x'"}
    assert bound("s.save(None, p, latest_filename='x')", known_only=True) is None


@pytest.mark.parametrize("expr, names", [
    ('"h%d" % (i + 1)', ["h1", "h2", "h3"]),
    ('f"block{i}"', ["block0", "block1", "block2"]),
    ('"conv" + str(i)', ["conv0", "conv1", "conv2"]),
    ('"layer_{}".format(i)', ["layer_0", "layer_1", "layer_2"]),
    ('"a%d_%d" % (i, 2 * i)', ["a0_0", "a1_2", "a2_4"]),
    ('"same"', ["same", "same", "same"]),
    # not from the index alone, or not a plain string: None
    ('prefix + str(i)', None), ('self.prefix + str(i)', None), ('f"x{i:02d}"', None), ('"h%d" % j', None),
    ('open("x")', None), ('"".join(i)', None), ('"h" * 10000000', None), ('"%d" % (i - 1) if i else ""', None),
    ('"h%d" % (1 / i)', None), ('str(i)[5:]', None),
])
def test_names_for_index_works_a_name_out_from_the_index_alone(expr, names):
    from rules.edit import names_for_index
    assert names_for_index(cst.parse_expression(expr), "i", 3) == names
