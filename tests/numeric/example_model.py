"""The bundled example (examples/mnist_tf1), original against ``tf1to2 migrate --write``'s
output. Invoked by tests/test_example.py in subprocesses:

    example_model.py tf1 EXAMPLE_DIR WORKDIR   # model.classifier in a TF1 graph → tf1.npz
    example_model.py tf2 EXAMPLE_DIR WORKDIR   # model.Classifier + train_eager, TF2 eager → tf2.npz

The TF1 side runs the original as TF1 ran it (``import tensorflow`` is the v1 API with TF2
behaviour off; ``tensorflow.contrib.layers`` is tf_slim); its variables get seeded values
by name. The TF2 side runs under plain TensorFlow 2.21 (Keras 3): it builds the migrated
model, gives it the same values by TF1 name, computes the logits, and takes two steps of
the migrated eager training script.
"""
from __future__ import annotations

import sys
import types
import zlib
from pathlib import Path

import numpy as np


def value(name: str, shape) -> np.ndarray:
    return np.random.default_rng(zlib.crc32(name.encode())).uniform(-0.2, 0.2, shape).astype(np.float32)


def images() -> np.ndarray:
    return np.random.default_rng(0).uniform(0, 1, (4, 28, 28, 1)).astype(np.float32)


def tf1(example: Path, work: Path) -> None:
    import tensorflow.compat.v1 as v1
    import tf_slim

    v1.disable_v2_behavior()
    contrib = types.ModuleType("tensorflow.contrib")
    contrib.layers = contrib.slim = contrib.framework = tf_slim
    v1.contrib = contrib
    sys.modules["tensorflow"] = v1
    sys.path.insert(0, str(example))
    import model

    out = {}
    graph = v1.Graph()
    with graph.as_default():
        logits = model.classifier(v1.constant(images()), is_training=False)
        reg = v1.add_n(v1.losses.get_regularization_losses())
        with v1.Session(graph=graph) as sess:
            sess.run(v1.global_variables_initializer())
            for v in v1.global_variables():
                v.load(value(v.op.name, v.shape.as_list()), sess)
                out[f"var:{v.op.name}"] = sess.run(v)
            out["logits"], out["reg"] = sess.run([logits, reg])
    np.savez(work / "tf1.npz", **out)


def tf2(example: Path, work: Path) -> None:
    sys.path.insert(0, str(example))
    import tensorflow as tf

    import model
    import tf1to2
    import train_eager

    layer = model.Classifier()
    x = tf.constant(images())
    layer(x, training=False)  # builds
    out = {}
    for name, var in tf1to2.tf1_variables(layer).items():
        var.assign(value(name, var.shape.as_list()))
        out[f"var:{name}"] = var.numpy()
    out["logits"] = layer(x, training=False).numpy()
    out["reg"] = np.asarray(float(tf.add_n(layer.losses)))
    optimizer = train_eager.make_optimizers()["adam"]
    labels = tf.constant([0, 1, 2, 3])
    before = [v.numpy().copy() for v in layer.trainable_variables]
    out["loss0"] = np.asarray(float(train_eager.train_step(layer, optimizer, x, labels)))
    out["loss1"] = np.asarray(float(train_eager.train_step(layer, optimizer, x, labels)))
    out["moved"] = np.asarray(sum(not np.array_equal(b, v.numpy()) for b, v in zip(before, layer.trainable_variables)))
    out["trainable"] = np.asarray(len(before))
    out["optimizer"] = np.asarray(type(optimizer).__module__)
    out["keras"] = np.asarray(type(layer).__mro__[1].__module__)
    np.savez(work / "tf2.npz", **out)


if __name__ == "__main__":
    side, example, work = sys.argv[1], Path(sys.argv[2]), Path(sys.argv[3])
    (tf1 if side == "tf1" else tf2)(example, work)
