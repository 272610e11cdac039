"""What both shim check scripts share: the guide's get_variable dense layer body, a TF1
graph build of the same code to compare against, and the runner that reports every
``check_*`` function as JSON. Import it after the script has set up its Keras
environment (TF_USE_LEGACY_KERAS, or the tf-keras import block)."""
from __future__ import annotations

import json
import traceback
from typing import Callable

import tensorflow as tf

from tf1to2 import track_tf1_style_variables

v1 = tf.compat.v1


def guide_dense(inputs, units, scope="dense"):
    """The guide's DenseLayer / NestedLayer body: get_variable with a regularizer."""
    out = inputs
    with v1.variable_scope(scope):
        kernel = v1.get_variable(
            shape=[out.shape[-1], units], regularizer=tf.keras.regularizers.L2(),
            initializer=v1.initializers.glorot_normal, name="kernel")
        bias = v1.get_variable(shape=[units], initializer=v1.initializers.zeros, name="bias")
        out = tf.linalg.matmul(out, kernel)
        out = v1.nn.bias_add(out, bias)
    return out


class CompatV1TemplateScaleByY(tf.keras.layers.Layer):
    """The guide's make_template layer (weights ``layer/scale_by_y/y``, loss 0.0225)."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)

        def my_op(x, scalar_name):
            var1 = v1.get_variable(scalar_name, shape=[], regularizer=tf.keras.regularizers.L2(),
                                   initializer=v1.constant_initializer(1.5))
            return x * var1

        self.scale_by_y = v1.make_template("scale_by_y", my_op, scalar_name="y")

    @track_tf1_style_variables
    def call(self, inputs):
        with v1.variable_scope("layer"):
            return self.scale_by_y(inputs)


def tf1_reference(build: Callable, inputs, values: dict, **build_kwargs) -> tuple:
    """``build(placeholder, **build_kwargs)`` in a TF1 graph, its variables given
    ``values`` (TF1 name without ":0" → array), run on ``inputs``: (output, total
    regularization loss). The graph must have exactly the variables named in ``values``."""
    with tf.Graph().as_default():
        ph = v1.placeholder(tf.float32, inputs.shape)
        out = build(ph, **build_kwargs)
        reg = v1.losses.get_regularization_losses()
        with v1.Session() as sess:
            sess.run(v1.global_variables_initializer())
            graph_vars = {v.op.name: v for v in v1.global_variables()}
            assert set(graph_vars) == set(values), (sorted(graph_vars), sorted(values))
            for name, value in values.items():
                graph_vars[name].load(value, sess)
            result, reg_values = sess.run([out, reg], {ph: inputs})
    return result, float(sum(reg_values))


def run_checks(namespace: dict, extra: dict) -> None:
    """Run every ``check_*`` function of ``namespace``; print {name: "ok" | traceback}
    plus ``extra`` (facts about the environment) as one JSON line."""
    results = {}
    for name, fn in sorted(namespace.items()):
        if name.startswith("check_") and callable(fn):
            try:
                fn()
                results[name] = "ok"
            except BaseException:  # noqa: BLE001 - reported to the test
                results[name] = traceback.format_exc()
    print(json.dumps({**results, **extra}))


def deterministic_random_test_tool_check():
    """The validation guide's step: the same get_variable model with random initializers
    and dropout, in a TF1 graph and in a decorated eager layer, each under the tool in
    num_random_ops mode, draws the same weights and the same dropout mask; in constant
    mode too. Compared with tf-keras' own tool where it is installed and active."""
    from tf1to2 import DeterministicRandomTestTool

    def model(x, rate):
        with v1.variable_scope("model"):
            w = v1.get_variable("w", [4, 6], initializer=v1.random_normal_initializer())
            b = v1.get_variable("b", [6], initializer=v1.random_uniform_initializer())
            return v1.nn.dropout(tf.matmul(x, w) + b, rate=rate)

    class Model(tf.keras.layers.Layer):
        @track_tf1_style_variables
        def call(self, x):
            return model(x, 0.5)

    import numpy as np
    x = np.ones([3, 4], np.float32)
    for mode in ("num_random_ops", "constant"):
        tool = DeterministicRandomTestTool(mode=mode)
        with tool.scope():
            with tf.Graph().as_default():
                out = model(tf.constant(x), 0.5)
                with v1.Session() as sess:
                    sess.run(v1.global_variables_initializer())
                    tf1_out = sess.run(out)
        tool = DeterministicRandomTestTool(mode=mode)
        with tool.scope():
            eager_out = Model()(tf.constant(x)).numpy()
        np.testing.assert_allclose(eager_out, tf1_out, rtol=1e-6, atol=1e-6)
        assert (eager_out == 0).any() and (eager_out != 0).any(), "dropout dropped some, kept some"
        try:  # the same numbers as TensorFlow's own tool, where tf-keras provides it
            reference = v1.keras.utils.DeterministicRandomTestTool(mode=mode)
        except AttributeError:
            continue
        with reference.scope():
            with tf.Graph().as_default():
                out = model(tf.constant(x), 0.5)
                with v1.Session() as sess:
                    sess.run(v1.global_variables_initializer())
                    np.testing.assert_allclose(sess.run(out), tf1_out, rtol=1e-6, atol=1e-6)
    tool = DeterministicRandomTestTool(mode="num_random_ops")
    tool.operation_seed = 0
    with tool.scope():
        tf.random.uniform([2])
        tool.operation_seed = 0
        try:
            tf.random.uniform([2])
        except ValueError:
            pass
        else:
            raise AssertionError("a reused operation seed was not refused")


def unloaded_variable_check():
    """load_tf1_checkpoint raises, naming the variables, when the checkpoint and the name
    map leave some of the object's variables without a value (a native sublayer the map
    has no entry for), and loads nothing."""
    import os
    import tempfile

    import numpy as np

    from tf1to2 import load_tf1_checkpoint
    d = tempfile.mkdtemp()
    x = np.random.RandomState(4).randn(2, 20).astype("float32")
    with tf.Graph().as_default():
        guide_dense(tf.constant(x), 10)
        with v1.Session() as sess:
            sess.run(v1.global_variables_initializer())
            path = v1.train.Saver().save(sess, os.path.join(d, "tf1"))

    class WithHead(tf.keras.layers.Layer):
        def __init__(self, **kwargs):
            super().__init__(**kwargs)
            self.head = tf.keras.layers.Dense(3, name="head")

        @track_tf1_style_variables
        def call(self, inputs):
            return self.head(guide_dense(inputs, 10))

    layer = WithHead()
    layer(x)
    before = [np.array(v) for v in layer.weights]
    try:
        load_tf1_checkpoint(layer, path)
    except KeyError as e:
        assert "head" in str(e) and "kernel" in str(e), e
    else:
        raise AssertionError("the head's weights got no value, and nothing said so")
    for old, v in zip(before, layer.weights):
        np.testing.assert_array_equal(old, np.array(v))  # nothing was half-loaded
