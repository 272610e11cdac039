"""Every functional form of ``tf1to2.layers`` against ``tf.compat.v1.layers``. Invoked by
tests/test_v1_layer_forms.py in subprocesses:

    v1_layer_forms.py tf1 WORKDIR     # tf.compat.v1.layers in a TF1 graph (tf-keras) → tf1.npz
    v1_layer_forms.py graph WORKDIR   # tf1to2.layers in a TF1 graph → graph.npz
    v1_layer_forms.py shim WORKDIR    # tf1to2.layers in TF2 eager, in a decorated Keras layer → shim.npz

One model uses every form with most of its arguments, and the layer objects (``Dense``,
``BatchNormalization``, ``Dropout``, ``Conv2D``, ``SeparableConv2D``, ``MaxPooling2D``,
``Flatten``; one ``Dense`` called twice). Each side gives every variable a
seeded value by its TF1 name, and records: the variable names; the outputs in inference
and in training mode; the moving statistics after one training step (TF1: the
UPDATE_OPS run; the shim: the call itself moves them); the regularization loss.
"""
from __future__ import annotations

import json
import sys
import zlib
from pathlib import Path

import numpy as np


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


def inputs() -> np.ndarray:
    return np.random.default_rng(0).uniform(-1, 1, (2, 12, 12, 3)).astype(np.float32)


def tf1(work: Path, side: str = "tf1") -> None:
    import tensorflow as tf
    v1 = tf.compat.v1
    if side == "tf1":
        layers = v1.layers
    else:
        from tf1to2 import layers
    out: dict = {}
    for mode in (False, True):
        graph = tf.Graph()
        with graph.as_default():
            outs = model(layers, tf, tf.constant(inputs()), mode)
            updates = v1.get_collection(v1.GraphKeys.UPDATE_OPS)
            reg = tf.add_n(v1.losses.get_regularization_losses())
            variables = v1.global_variables()
            with v1.Session(graph=graph) as sess:
                sess.run(v1.global_variables_initializer())
                for v in variables:
                    v.load(value(v.op.name, v.shape.as_list()), sess)
                for k, t in sess.run(outs).items():
                    out[f"{mode}:{k}"] = t
                out[f"{mode}:reg"] = sess.run(reg)
                sess.run(updates)
                for v in variables:
                    if "moving" in v.op.name:
                        out[f"{mode}:after:{v.op.name}"] = sess.run(v)
            out["names"] = np.asarray(sorted(v.op.name for v in variables))
    np.savez(work / f"{side}.npz", **out)


def shim(work: Path) -> None:
    import tensorflow as tf

    import tf1to2
    from tf1to2 import layers as ly

    class Model(tf.keras.layers.Layer):
        @tf1to2.track_tf1_style_variables
        def call(self, x, training=None):
            return model(ly, tf, x, training)

    out: dict = {}
    x = tf.constant(inputs())
    for mode in (False, True):
        layer = Model()
        layer(x, training=False)
        variables = tf1to2.tf1_variables(layer)
        for name, var in variables.items():
            var.assign(value(name, var.shape.as_list()))
        for k, t in layer(x, training=mode).items():
            out[f"{mode}:{k}"] = t.numpy()
        out[f"{mode}:reg"] = np.asarray(float(tf.add_n(layer.losses)))
        for name, var in variables.items():
            if "moving" in name:
                out[f"{mode}:after:{name}"] = var.numpy()
        out["names"] = np.asarray(sorted(variables))
        out["keras"] = np.asarray(type(layer).__mro__[1].__module__)
    np.savez(work / "shim.npz", **out)


if __name__ == "__main__":
    side, work = sys.argv[1], Path(sys.argv[2])
    if side == "shim":
        shim(work)
    else:
        tf1(work, side)
    (work / f"{side}.done").write_text(json.dumps({"ok": True}))
