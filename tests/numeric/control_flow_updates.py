"""Builds golden/tf-api/branch_updates' functions (as the default run's stages 0 and 7 make
them: FILE) in a tf.Graph under plain TensorFlow 2.21, each with a training step that runs
UPDATE_OPS as its control dependencies, runs it, and prints one JSON object: function →
"ok", or the error. Invoked by tests/test_tf_api.py, as TensorFlow 2 builds control flow
(v2) and after ``tf.compat.v1.disable_control_flow_v2()`` (v1):

    control_flow_updates.py FILE.py v2|v1
"""
from __future__ import annotations

import importlib.util
import json
import sys

import numpy as np
import tensorflow as tf

v1 = tf.compat.v1


def main(path: str, mode: str) -> None:
    if mode == "v1":
        v1.disable_control_flow_v2()
    spec = importlib.util.spec_from_file_location("branch_updates_after", path)
    m = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(m)
    builds = {
        "net": lambda x, t: m.net(x, t),
        "by_hand": lambda x, t: m.by_hand(x, v1.get_variable("average", [], initializer=v1.zeros_initializer()), t),
        "flag_as_tensor": lambda x, t: m.flag_as_tensor(x, t),
    }
    out = {}
    for name, build in builds.items():
        with tf.Graph().as_default():
            try:
                x = tf.constant(np.arange(12, dtype=np.float32).reshape(4, 3))
                is_training = v1.placeholder(tf.bool, [])
                scale = v1.get_variable("scale", [], initializer=v1.ones_initializer())
                loss = tf.reduce_sum(build(x, is_training) * scale)
                step = m.train_step(loss, v1.train.GradientDescentOptimizer(0.1))
                with v1.Session() as session:
                    session.run(v1.global_variables_initializer())
                    session.run(step, {is_training: True})
                out[name] = "ok"
            except Exception as e:  # noqa: BLE001 - reported, for the test to show
                out[name] = f"{type(e).__name__}: {str(e).splitlines()[-1][:200]}"
    print(json.dumps(out))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
