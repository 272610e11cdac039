"""One step of golden/training-step/eager_steps' ``train_step``, before and after the rule,
from the same weights. Invoked by tests/test_training_step.py (Keras 3); prints JSON.

    training_steps.py BEFORE.py AFTER.py
"""
from __future__ import annotations

import json
import sys

import numpy as np
import tensorflow as tf

from loading import load_module  # (this folder, on the script's path)


def _model() -> tf.keras.Model:
    tf.keras.utils.set_random_seed(3)
    return tf.keras.Sequential([
        tf.keras.Input((6,)),
        tf.keras.layers.Dense(8, kernel_regularizer=tf.keras.regularizers.L2(0.05)),
        tf.keras.layers.BatchNormalization(),
        tf.keras.layers.Dense(3, kernel_regularizer=tf.keras.regularizers.L2(0.02)),
    ])


def step(path: str, name: str) -> dict:
    rng = np.random.default_rng(5)
    x = rng.normal(size=(16, 6)).astype(np.float32)
    y = rng.integers(0, 3, size=(16,)).astype(np.int64)
    reference, model = _model(), _model()  # the same weights (the same seed)
    assert all(np.array_equal(a.numpy(), b.numpy()) for a, b in zip(model.weights, reference.weights))
    logits = reference(x, training=True)
    data = float(tf.reduce_mean(tf.nn.sparse_softmax_cross_entropy_with_logits(labels=y, logits=logits)))
    reg = float(tf.add_n(reference.losses))
    mean_before = model.layers[1].moving_mean.numpy().copy()
    loss = float(load_module(path, name).train_step(model, tf.keras.optimizers.SGD(0.1), x, y))
    moved = float(np.abs(model.layers[1].moving_mean.numpy() - mean_before).max())
    return {"loss": loss, "data": data, "reg": reg, "moving_mean_moved": moved}


if __name__ == "__main__":
    print(json.dumps({"before": step(sys.argv[1], "before"), "after": step(sys.argv[2], "after")}))
