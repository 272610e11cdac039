"""One warning for one TF1 session loop: tf-api (graph mode), optimizers (``.minimize``)
and training-step (the overview's recipe) each leave a line of such a loop and say why.
The session's warning stands for the others in its function (``codemod.pipeline.fold``),
naming the lines it stands for; elsewhere each says its own."""
from __future__ import annotations

from codemod.pipeline import fold, transform_text
from rules import all_rules
from rules.base import Finding

ALL = [r.id for r in all_rules()]


def run(source: str) -> list:
    _, _, warnings = transform_text(source, ALL)
    return warnings


LOOP = '''import tensorflow as tf


def train(loss, x, data):
    train_op = tf.train.GradientDescentOptimizer(0.1).minimize(loss)
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        for batch in data:
            sess.run(train_op, feed_dict={x: batch})
'''


def test_the_overviews_loop_gets_one_warning_at_its_session_naming_what_else_is_left():
    warnings = run(LOOP)
    assert [(w.rule, w.line) for w in warnings] == [("training-step", 6)]
    message = warnings[0].message
    assert "the overview's recipe" in message
    # tf-api's advice, which the session's warning now gives (nothing made it run yet)
    assert "`with tf1to2.Graph().as_default():` (TF1's control flow, what tf-api makes of tf.Graph()" in message
    assert "or call tf.compat.v1.disable_v2_behavior() at the program's entry point (TF1's" in message
    # the optimizer stays TF1's, at its line
    assert "Left with it until then: line 5, the optimizer tf.compat.v1.train.GradientDescentOptimizer" in message


def test_other_spellings_fold_the_same():
    """Aliases, an optimizer bound to a name and minimized later, a while loop, the
    session assigned rather than a with, a method."""
    source = '''import tensorflow.compat.v1 as tf1


class Trainer:
    def fit(self, loss, x, data, steps):
        opt = tf1.train.AdamOptimizer(learning_rate=1e-3,
                                      beta1=0.8)
        step = opt.minimize(loss)
        sess = tf1.Session()
        sess.run(tf1.global_variables_initializer())
        i = 0
        while i < steps:
            sess.run(step, {x: data[i]})
            i += 1
'''
    warnings = run(source)
    assert [(w.rule, w.line) for w in warnings] == [("training-step", 9)]
    assert "line 6, the optimizer tf.compat.v1.train.AdamOptimizer" in warnings[0].message


def test_what_is_outside_the_sessions_function_keeps_its_own_warning():
    """The optimizer made in another function (the model's), the graph built at a
    placeholder in a third: not the loop's lines, so each says its own."""
    source = '''import tensorflow as tf


def inputs():
    return tf.placeholder(tf.float32, [None, 3])


def model_fn(loss):
    return tf.train.GradientDescentOptimizer(0.1).minimize(loss)


def train(train_op, x, data):
    with tf.Session() as sess:
        for batch in data:
            sess.run(train_op, feed_dict={x: batch})
'''
    warnings = run(source)
    assert sorted((w.rule, w.line) for w in warnings) == [("optimizers", 9), ("tf-api", 5), ("training-step", 13)]
    assert "Left with it" not in next(w for w in warnings if w.rule == "training-step").message


def test_a_contrib_optimizer_keeps_its_own_warning_it_no_longer_imports():
    source = LOOP.replace("tf.train.GradientDescentOptimizer(0.1)", "tf.contrib.opt.NadamOptimizer(0.1)")
    warnings = run(source)
    assert sorted((w.rule, w.line) for w in warnings) == [("optimizers", 5), ("training-step", 6)]
    assert "does not exist in TensorFlow 2" in next(w for w in warnings if w.rule == "optimizers").message


def test_a_session_with_a_graph_of_its_own_is_not_told_to_make_one():
    """Under ``with tf.Graph().as_default():``, or given ``graph=``: it runs as it is under
    TF2 (eager stays on), and neither tf-api nor the session's warning says otherwise."""
    for source in (LOOP.replace("    with tf.Session() as sess:",
                                "    with tf.Graph().as_default(), tf.Session() as sess:"),
                   LOOP.replace("tf.Session()", "tf.Session(graph=loss.graph)")):
        warnings = run(source)
        assert [(w.rule, w.line) for w in warnings] == [("training-step", 6)], source
        assert "it runs under TensorFlow 2.21 (tf.compat.v1, graph mode)" in warnings[0].message
        assert "disable_v2_behavior" not in warnings[0].message


def test_a_script_at_module_level_is_switched_to_graph_mode_and_warned_once():
    source = '''import tensorflow as tf

x = tf.placeholder(tf.float32, [None, 3])
loss = tf.reduce_sum(tf.layers.dense(x, 2))
train_op = tf.train.AdamOptimizer().minimize(loss)
with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    for _ in range(3):
        sess.run(train_op, feed_dict={x: [[1.0, 2.0, 3.0]]})
'''
    out, _, warnings = transform_text(source, ALL)
    assert "tf.compat.v1.disable_v2_behavior()" in out
    assert [(w.rule, w.line) for w in warnings] == [("training-step", 6)]
    assert "line 5, the optimizer tf.compat.v1.train.AdamOptimizer" in warnings[0].message


def test_without_training_step_nothing_folds():
    _, _, warnings = transform_text(LOOP, [r for r in ALL if r != "training-step"])
    assert sorted((w.rule, w.line) for w in warnings) == [("optimizers", 5), ("tf-api", 6)]


def test_fold_keeps_what_no_warning_stands_for():
    covering = Finding("b", 10, "loop.", covers=(10, 20, ("t",)))
    inside = Finding("a", 12, "inside", topic="t", brief="the thing")
    quiet = Finding("a", 13, "inside, said by the loop's", topic="t")
    outside = Finding("a", 21, "outside", topic="t", brief="x")
    other = Finding("a", 15, "another topic", topic="u", brief="y")
    plain = Finding("a", 16, "no topic")
    kept = fold([inside, quiet, outside, other, plain, covering])
    assert kept == [outside, other, plain, covering]
    assert covering.message == "loop. Left with it until then: line 12, the thing."
