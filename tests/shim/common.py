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
