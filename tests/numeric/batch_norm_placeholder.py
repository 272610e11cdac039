"""Batch normalization trained through a boolean placeholder (``training=is_training``), the
TF1 idiom, in a tf.Graph run by a Session: TF1's ``tf.compat.v1.layers`` under TF1
behaviour, or tf1to2's under plain TensorFlow 2.21 (Keras 3, TF2 behaviour: control flow
v2). Two training steps that run the graph's ``UPDATE_OPS`` as a step's control
dependencies, then an inference step; prints JSON: outputs and moving statistics.
Invoked by tests/test_v1_layer_forms.py, one process per side:

    batch_norm_placeholder.py tf1|shim [float16]

(with float16, the inputs are 16-bit: TF1's layer kept float32 variables and arithmetic)
"""
from __future__ import annotations

import json
import sys

import numpy as np
import tensorflow as tf

v1 = tf.compat.v1


def main(side: str, dtype: str = "float32") -> None:
    if side == "tf1":
        v1.disable_v2_behavior()
        layers = v1.layers
    else:
        import tf1to2.layers as layers
    rng = np.random.RandomState(0)
    batches = {"images": rng.randn(3, 4, 5, 5, 3).astype(dtype),  # the fused form
               "features": rng.randn(3, 8, 6).astype(dtype)}  # the plain form
    found = {}
    with tf.Graph().as_default():
        is_training = v1.placeholder(tf.bool, [])
        inputs = {k: v1.placeholder(dtype, [None, *b.shape[2:]]) for k, b in batches.items()}
        outputs = {"images": layers.batch_normalization(inputs["images"], training=is_training, momentum=0.9),
                   "features": layers.BatchNormalization(momentum=0.8, name="bn_object")(inputs["features"],
                                                                                      training=is_training)}
        updates = v1.get_collection(v1.GraphKeys.UPDATE_OPS)
        with tf.control_dependencies(updates):
            step = {k: tf.identity(y) for k, y in outputs.items()}
        with v1.Session() as session:
            session.run(v1.global_variables_initializer())
            for i in range(2):
                feed = {inputs[k]: b[i] for k, b in batches.items()}
                feed[is_training] = True
                for k, y in session.run(step, feed).items():
                    found[f"train{i}:{k}"] = y.tolist()
            feed = {inputs[k]: b[2] for k, b in batches.items()}
            feed[is_training] = False
            for k, y in session.run(outputs, feed).items():
                found[f"infer:{k}"] = y.tolist()
            for v in v1.global_variables():
                found[v.name] = session.run(v).tolist()
                found["dtype:" + v.name] = v.dtype.base_dtype.name
            for k, y in outputs.items():
                found["dtype:" + k] = y.dtype.base_dtype.name
    found["updates"] = len(updates)
    print(json.dumps(found))


if __name__ == "__main__":
    main(*sys.argv[1:])
