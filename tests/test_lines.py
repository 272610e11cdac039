"""``RuleContext.line``: the line of a node, from the statement a walk is in (rendered
alone) and that statement's line from Python's ``ast``; checked against LibCST's own
positions of the whole module for every node of code with every kind of statement."""
from __future__ import annotations

import sysconfig
from pathlib import Path

import libcst as cst
import pytest
from libcst.metadata import MetadataWrapper, PositionProvider

from rules.aliases import TFVisitor
from rules.base import RuleContext, statement_lines

TF_SLIM = Path(sysconfig.get_paths()["purelib"]) / "tf_slim"

SOURCE = '''\
"""Doc."""
# comment
import tensorflow as tf


@decorator
@other(
    1)
def f(x, y=tf.float32):
    # leading comment
    a = 1; b = tf.zeros([2])
    if a:
        pass
    elif b:  # trailing
        c = [tf.ones(i)
             for i in range(3)]
    else:
        pass
    for i in x:
        continue
    else:
        i = 0
    while a: a -= 1
    try:
        pass
    except (ValueError, TypeError) as e:
        raise
    else:
        pass
    finally:
        del a
    with tf.variable_scope("s") as sc, open(
            "f") as g:
        return tf.layers.dense(x,
                               3)


class A(object):
    x = 1

    async def g(self):
        async with h() as k:
            async for q in k:
                await q
        match self:
            case {"a": 1}:
                return 1
            case _:
                pass
'''


class _Lines(TFVisitor):
    def __init__(self, ctx):
        super().__init__(ctx)
        self.seen = []

    def on_visit(self, node):
        result = super().on_visit(node)
        # (the parser shares whitespace nodes between places: they have no one line)
        if isinstance(node, (cst.BaseExpression, cst.BaseStatement, cst.BaseSmallStatement)):
            self.seen.append((node, self.ctx.line(node)))
        return result


def _lines_against_libcst(module: cst.Module, text: str) -> tuple:
    """(the rule context, (node, line) for every node a walk asks the line of, and those
    whose line is not LibCST's ``PositionProvider``'s: (type, line, LibCST's line))."""
    expected = MetadataWrapper(module, unsafe_skip_copy=True).resolve(PositionProvider)
    ctx = RuleContext(module=module, text=text)
    walk = _Lines(ctx)
    module.visit(walk)
    wrong = [(type(n).__name__, line, expected[n].start.line) for n, line in walk.seen if line != expected[n].start.line]
    return ctx, walk.seen, wrong


def test_every_node_gets_the_line_of_libcsts_positions():
    module = cst.parse_module(SOURCE)
    ctx, seen, wrong = _lines_against_libcst(module, SOURCE)
    assert len(seen) > 120
    assert wrong == []
    # and outside a walk (the fallback: the module walked once)
    call = module.body[2].body.body[-1].body.body[0].body[0].value
    assert isinstance(call, cst.Call) and ctx.line(call) == 34


def test_statement_lines_cover_every_statement_and_say_nothing_when_ast_disagrees():
    module = cst.parse_module(SOURCE)
    lines = statement_lines(module, SOURCE)
    fn = module.body[2]
    assert lines[id(fn)] == (9, 6, 35)  # def line, first decorator, last line
    assert lines[id(fn.body.body[1].orelse)][0] == 14  # elif
    assert statement_lines(module, SOURCE.replace("    x = 1\n", "    x = 1\n    y = 2\n")) == {}


def test_a_node_shared_by_two_statements_is_at_the_line_the_walk_is_at():
    # rules copy one expression into several calls (an arg_scope's regularizer): each
    # change is reported where its call is, not all at the last copy
    shared = cst.parse_expression("reg(0.1)")
    call = cst.parse_statement("a = f(x)\n")
    text = "a = f(x)\n\nb = f(x)\n"
    module = cst.parse_module(text)
    module = module.with_changes(body=[
        stmt.with_changes(body=[stmt.body[0].with_changes(value=shared)]) for stmt in module.body])
    assert call is not None
    ctx = RuleContext(module=module, text=module.code)
    found = []

    class Find(TFVisitor):
        def visit_Call(self, node):
            if node is shared:
                found.append(self.ctx.line(node))

    module.visit(Find(ctx))
    assert found == [1, 3]


def test_tf_bound_names_is_every_name_bound_to_tensorflow_anywhere():
    import ast

    from rules.base import tf_bound_names

    tree = ast.parse(
        "import tensorflow as tf\nimport tensorflow.compat.v1\nimport numpy as np\nfrom . import layers\n"
        "from tensorflow.compat.v1.layers import dense as D\nslim = tf.contrib.slim\nconv = slim.conv2d\n"
        "def f():\n    import tf_slim as ts\n    v1 = tf.compat.v1\n    def g():\n        L = v1.layers\n"
        "x = np.zeros\n")
    names = tf_bound_names(tree)
    assert names == {"tf": {"tensorflow"}, "tensorflow": {"tensorflow"}, "D": {"tensorflow.compat.v1.layers.dense"},
                     "slim": {"tensorflow.contrib.slim"}, "conv": {"tensorflow.contrib.slim.conv2d"},
                     "ts": {"tf_slim"}, "v1": {"tensorflow.compat.v1"}, "L": {"tensorflow.compat.v1.layers"}}


@pytest.mark.parametrize("name", ["nets/inception_v3.py", "nets/resnet_utils.py", "layers/initializers.py"])
def test_every_node_of_real_files_gets_the_line_of_libcsts_positions(name):
    """The same over real code (tf_slim's): long calls over many lines, decorators,
    docstrings, comments inside calls -- where a node's line comes from rendering its
    statement only as far as the node."""
    text = (TF_SLIM / name).read_text(encoding="utf-8")
    _, seen, wrong = _lines_against_libcst(cst.parse_module(text), text)
    assert len(seen) > 200
    assert wrong == []


def test_a_node_in_two_places_gets_the_line_libcst_gives_it():
    """LibCST's trees may share a node (a rule writes the same argument into two calls):
    its position there is its last place's, and so is the line here."""
    text = "y = f(\n    a,\n    g(1),\n    b,\n)\n"
    module = cst.parse_module(text)
    call = module.body[0].body[0].value
    shared = call.args[1].value  # g(1)
    args = [*call.args[:1], call.args[1], call.args[2], cst.Arg(shared, comma=cst.Comma())]
    module = module.with_changes(body=[module.body[0].with_changes(
        body=[module.body[0].body[0].with_changes(value=call.with_changes(args=args))])])
    text = module.code
    assert text.count("g(1)") == 2 and text.splitlines()[4].startswith("g(1)")  # its last place: line 5
    _, seen, wrong = _lines_against_libcst(module, text)
    assert [line for n, line in seen if n is shared] == [5, 5]
    assert wrong == []


TRAINING_SCRIPT = '''\
import numpy as np
import tensorflow as tf


def model(x):
    h = tf.layers.dense(x, 16, activation=tf.nn.relu)
    return tf.layers.dense(h, 1)


def main():
    x = tf.placeholder(tf.float32, [None, 4])
    y = tf.placeholder(tf.float32, [None, 1])
    loss = tf.reduce_mean(tf.square(model(x) - y))
    train_op = tf.train.AdamOptimizer(1e-3).minimize(loss)
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        for step in range(100):
            xs = np.random.rand(8, 4)
            sess.run(train_op, feed_dict={x: xs, y: xs.sum(1, keepdims=True)})


if __name__ == "__main__":
    main()
'''


def test_lines_a_message_names_are_lines_of_the_file_as_the_user_has_it():
    """A later stage sees the text earlier ones changed (here tf-api's
    ``disable_v2_behavior()`` and wrap-in-layer's class, 14 lines, above the session
    loop): the lines its messages name ("sess.run at line 19") are mapped back to the
    original file, as the finding's own line is; a single rule's are its text's."""
    from codemod.pipeline import transform_text
    from rules import all_rules
    run_line = next(i for i, line in enumerate(TRAINING_SCRIPT.splitlines(), 1) if "sess.run(train_op" in line)
    session_line = run_line - 4
    out, _, warnings = transform_text(TRAINING_SCRIPT, [r.id for r in all_rules()])
    assert out.count("\n") > TRAINING_SCRIPT.count("\n") + 10, "earlier stages moved the loop down"
    said = [w for w in warnings if w.rule == "training-step"]
    assert [w.line for w in said] == [session_line]
    assert f"sess.run at line {run_line}," in said[0].message
    _, _, alone = transform_text(TRAINING_SCRIPT, ["training-step"])
    assert f"sess.run at line {run_line}," in alone[0].message


def test_renamed_lines_with_one_inserted_among_them_map_to_the_lines_they_were():
    """tf-api renames a script's every line and inserts ``disable_v2_behavior()`` above
    them: each renamed line is its old line (where pairing by position was 2 off), the
    inserted ones stand for the line after them."""
    from codemod.pipeline import line_map
    old = ("import tensorflow as tf\n\nx = tf.placeholder(tf.float32)\ny = tf.layers.dense(x, 2)\n"
           "with tf.Session() as sess:\n    print(sess.run(y))\n")
    new = ("import tensorflow as tf\n\ntf.compat.v1.disable_v2_behavior()\n\nx = tf.compat.v1.placeholder(tf.float32)\n"
           "y = tf.compat.v1.layers.dense(x, 2)\nwith tf.compat.v1.Session() as sess:\n    print(sess.run(y))\n")
    assert line_map(old, new) == [1, 2, 3, 3, 3, 4, 5, 6]
    # and where nothing is alike, in order as far as they go (the block's own length)
    assert line_map("a\nqqq\nrrr\nz\n", "a\n1\n2\n3\nz\n") == [1, 2, 3, 3, 4]


def test_two_lines_a_message_names_that_were_one_line_are_named_once():
    """Two record_scope lines a stage wrote from one original line: "more at lines 29, 30"
    of the text the rule saw is "more at line 29" of the user's file."""
    from codemod.pipeline import _original_lines_in
    lines = [1, 2, 3, 3, 4]  # lines 3 and 4 of the new text both come from line 3
    assert _original_lines_in(lines, "more at lines 3, 4") == "more at line 3"
    assert _original_lines_in(lines, "more at lines 2, 3, 4, 5") == "more at lines 2, 3, 4"
    assert _original_lines_in(lines, "at line 5") == "at line 4"
