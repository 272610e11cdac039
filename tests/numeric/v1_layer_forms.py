"""Every functional form of ``tf1to2.layers`` against ``tf.compat.v1.layers``. Invoked by
tests/test_v1_layer_forms.py in subprocesses:

    v1_layer_forms.py tf1 WORKDIR [CASE ...]    # tf.compat.v1.layers in a TF1 graph (tf-keras) → tf1.npz
    v1_layer_forms.py graph WORKDIR [CASE ...]  # tf1to2.layers in a TF1 graph → graph.npz
    v1_layer_forms.py shim WORKDIR [CASE ...]   # tf1to2.layers in TF2 eager, in a decorated Keras layer → shim.npz

The models: ``forms``, one model here that uses every form with most of its arguments,
and the layer objects (``Dense``, ``BatchNormalization``, ``Dropout``, ``Conv2D``,
``SeparableConv2D``, ``MaxPooling2D``, ``Flatten``; one ``Dense`` called twice); and each
CASE, a folder holding a golden case's ``model(x, training)`` (before.py, in TF1 spelling:
the tf1 side; after.py, the rule's output: the other sides) and its numerics.json (the
input shape). Each side gives every variable a seeded value by its TF1 name, and
records, keyed ``MODEL|...``: the variable names and the trainable ones; the outputs in
inference and in training mode; the moving statistics after one training step (TF1: the
UPDATE_OPS run; the shim: the call itself moves them); the regularization loss.
"""
from __future__ import annotations

import functools
import importlib.util
import json
import sys
import zlib
from pathlib import Path

import numpy as np

from loading import load_values  # (this folder, on the script's path)


def model(ly, tf, x, training):
    l2 = tf.keras.regularizers.l2(0.05)
    with tf.compat.v1.variable_scope("m"):
        y = ly.conv2d(x, 4, 3, padding="same", activation=tf.nn.relu, kernel_regularizer=l2,
                      bias_initializer=tf.compat.v1.constant_initializer(0.1))
        y = ly.batch_normalization(y, momentum=0.9, epsilon=1e-2, training=training, gamma_regularizer=l2)
        y = ly.conv2d(y, 5, (2, 3), strides=2, use_bias=False, name="strided")
        y = ly.max_pooling2d(y, 2, 1)
        y = ly.separable_conv2d(y, 3, 3, padding="same", depth_multiplier=2, pointwise_regularizer=l2)
        y = ly.conv2d(y, 3, 3, padding="same", dilation_rate=2)
        y = ly.conv2d_transpose(y, 4, 3, strides=2, padding="valid")
        y = ly.average_pooling2d(y, 2, 2, padding="same")
        z = ly.conv1d(tf.reshape(y, [2, -1, 4]), 3, 2, padding="causal", dilation_rate=2)
        z = ly.separable_conv1d(z, 2, 3, padding="same")
        z = ly.max_pooling1d(z, 2, 2)
        z = ly.average_pooling1d(z, 3, 1)
        f = ly.flatten(y)
        y = ly.dense(f, 6, activation=tf.tanh, name="fc", kernel_regularizer=l2)
        y = ly.dense(tf.reshape(y, [2, 2, 3]), 2)  # rank 3: tensordot
        y = ly.dropout(y, 0.3, training=False)
        v = ly.conv3d(tf.reshape(x, [2, 4, 6, 6, 3]), 2, 2)
        v = ly.conv3d_transpose(v, 2, 2, strides=2, padding="same")
        v = ly.max_pooling3d(v, 2, 2)
        v = ly.average_pooling3d(v, 2, 1, padding="same")
        w = ly.batch_normalization(tf.reshape(x, [2, 3, 12, 12]), axis=1, training=training, center=False)
        u = ly.batch_normalization(tf.reshape(x, [2, 12, 36]), axis=[1, 2], training=training, scale=False)
        # the layer objects: built with the class' arguments (positional and keyword), named
        # on their first call, sharing their variables on the second
        shared = ly.Dense(3, tf.nn.relu, name="shared")
        o = shared(f) + shared(2.0 * f)
        o = ly.BatchNormalization(-1, 0.8, 1e-2, gamma_regularizer=l2)(o, training=training)
        o = ly.Dropout(0.4)(o, training=False)
        c = ly.Conv2D(2, 3, padding="same", kernel_regularizer=l2)(x)
        c = ly.Flatten()(ly.MaxPooling2D(2, 2)(ly.SeparableConv2D(2, 3, depth_multiplier=2)(c)))
        return {"dense": y, "conv1d": z, "conv3d": v, "bn_axis1": w, "bn_axes": u, "objects": o, "conv_objects": c}


def value(name: str, shape) -> np.ndarray:
    rng = np.random.default_rng(zlib.crc32(name.encode()))
    low = 0.5 if name.endswith("variance") else -0.5
    return rng.uniform(low, 1.0, shape).astype(np.float32)


def inputs(shape=(2, 12, 12, 3)) -> np.ndarray:
    return np.random.default_rng(0).uniform(-1, 1, shape).astype(np.float32)


def _outputs(result) -> dict:
    """A model's outputs by name: its dict, or a tuple's or one tensor's by position."""
    if isinstance(result, dict):
        return result
    return {str(i): t for i, t in enumerate(result if isinstance(result, (tuple, list)) else [result])}


def _check_objects(dense, norm, named: dict) -> None:
    """What code reads of a v1 layer object once called: its variables, as lists and by
    name, with the values ``named`` (TF1 name → value) gives them."""
    assert [v.shape.as_list() for v in dense.weights] == [[4, 3], [3]]
    assert dense.kernel is dense.weights[0] and dense.bias is dense.weights[1]
    assert len(norm.trainable_weights) == 2 and len(norm.non_trainable_weights) == 2
    assert norm.moving_variance is norm.non_trainable_weights[1]
    for name, value in named.items():
        owner = dense if name.startswith("m/d/") else norm
        assert np.allclose(np.asarray(getattr(owner, name.rpartition("/")[2])), value), name
    try:
        dense.gamma
    except AttributeError:
        pass
    else:
        raise AssertionError("a Dense has no gamma")


def objects(side: str) -> str:
    """A Dense and a BatchNormalization object of tf1to2.layers, called in a TF1 graph or
    in a decorated Keras layer: "ok", or what is wrong."""
    import tensorflow as tf

    import tf1to2
    from tf1to2 import layers as ly

    x = np.ones([2, 4], np.float32)
    try:
        if side == "graph":
            with tf.Graph().as_default():
                dense, norm = ly.Dense(3, name="d"), ly.BatchNormalization(name="bn")
                with tf.compat.v1.variable_scope("m"):
                    norm(dense(tf.constant(x)), training=True)
                    dense(tf.constant(x))
                _check_objects(dense, norm, {})
                names = {v.op.name for v in tf.compat.v1.global_variables()}
                assert {v.op.name for v in dense.weights + norm.weights} == names
            return "ok"

        class Model(tf.keras.layers.Layer):
            def __init__(self):
                super().__init__()
                self.dense, self.norm = ly.Dense(3, name="d"), ly.BatchNormalization(name="bn")

            @tf1to2.track_tf1_style_variables
            def call(self, x, training=None):
                with tf.compat.v1.variable_scope("m"):
                    return self.norm(self.dense(x), training=training)

        model = Model()
        model(x, training=True)
        variables = tf1to2.tf1_variables(model)
        for name, v in variables.items():
            v.assign(np.full(v.shape, len(name), np.float32))
        model(x, training=False)
        _check_objects(model.dense, model.norm, {n: np.asarray(v) for n, v in variables.items()})
        return "ok"
    except (AssertionError, AttributeError) as e:
        return f"{type(e).__name__}: {e}"


def models(side: str, cases: list) -> list:
    """(key, model(x, training), input) for the built-in model and each case folder, as
    ``side`` builds them."""
    import tensorflow as tf
    if side == "tf1":
        layers = tf.compat.v1.layers
    else:
        from tf1to2 import layers
    out = [("forms", functools.partial(model, layers, tf), inputs())]
    for folder in map(Path, cases):
        path = folder / ("before.py" if side == "tf1" else "after.py")
        spec = importlib.util.spec_from_file_location(f"{folder.name}_{side}", path)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        shape = json.loads((folder / "numerics.json").read_text())["inputs"]["x"]
        out.append((folder.name, module.model, inputs(shape)))
    return out



def tf1(work: Path, cases: list, side: str = "tf1") -> None:
    import tensorflow as tf
    v1 = tf.compat.v1
    out: dict = {}
    for key, build, x in models(side, cases):
        for mode in (False, True):
            graph = tf.Graph()
            with graph.as_default():
                outs = _outputs(build(tf.constant(x), mode))
                updates = v1.get_collection(v1.GraphKeys.UPDATE_OPS)
                losses = v1.losses.get_regularization_losses()
                reg = tf.add_n(losses) if losses else tf.constant(0.0)
                variables = v1.global_variables()
                with v1.Session(graph=graph) as sess:
                    sess.run(v1.global_variables_initializer())
                    load_values(sess, {v: value(v.op.name, v.shape.as_list()) for v in variables})
                    for k, t in sess.run(outs).items():
                        out[f"{key}|{mode}:{k}"] = t
                    out[f"{key}|{mode}:reg"] = sess.run(reg)
                    sess.run(updates)
                    for v in variables:
                        if "moving" in v.op.name:
                            out[f"{key}|{mode}:after:{v.op.name}"] = sess.run(v)
                out[f"{key}|names"] = np.asarray(sorted(v.op.name for v in variables), dtype=str)
                out[f"{key}|trainable"] = np.asarray(sorted(v.op.name for v in v1.trainable_variables()), dtype=str)
    if side == "graph":
        out["objects"] = np.asarray(objects("graph"))
    np.savez(work / f"{side}.npz", **out)


def shim(work: Path, cases: list) -> None:
    import tensorflow as tf

    import tf1to2

    out: dict = {}
    for key, build, x in models("shim", cases):

        class Model(tf.keras.layers.Layer):
            @tf1to2.track_tf1_style_variables
            def call(self, x, training=None):
                return build(x, training)

        x = tf.constant(x)
        for mode in (False, True):
            layer = Model()
            layer(x, training=False)
            variables = tf1to2.tf1_variables(layer)
            for name, var in variables.items():
                var.assign(value(name, var.shape.as_list()))
            for k, t in _outputs(layer(x, training=mode)).items():
                out[f"{key}|{mode}:{k}"] = t.numpy()
            out[f"{key}|{mode}:reg"] = np.asarray(float(tf.add_n(layer.losses)) if layer.losses else 0.0)
            for name, var in variables.items():
                if "moving" in name:
                    out[f"{key}|{mode}:after:{name}"] = var.numpy()
            out[f"{key}|names"] = np.asarray(sorted(variables), dtype=str)
            out[f"{key}|trainable"] = np.asarray(sorted(n for n, v in variables.items() if v.trainable), dtype=str)
        out["keras"] = np.asarray(type(layer).__mro__[1].__module__)
    out["objects"] = np.asarray(objects("shim"))
    np.savez(work / "shim.npz", **out)


if __name__ == "__main__":
    side, work, cases = sys.argv[1], Path(sys.argv[2]), sys.argv[3:]
    if side == "shim":
        shim(work, cases)
    else:
        tf1(work, cases, side)
    (work / f"{side}.done").write_text(json.dumps({"ok": True}))
