"""Builds and runs each function of golden/tf-api/branch_hashing's after.py in a tf.Graph
with a Session, under plain TensorFlow 2.21, and prints one JSON object: function → "ok",
"unhashable" (TypeError: Tensor is unhashable) or the error. Invoked by
tests/test_tf_api.py, once as TensorFlow 2 builds control flow and once after
``tf.compat.v1.disable_control_flow_v2()`` (the warning's advice):

    control_flow_hashing.py AFTER.py v2|v1
"""
from __future__ import annotations

import importlib.util
import json
import sys

import tensorflow as tf


def main(path: str, mode: str) -> None:
    if mode == "v1":
        tf.compat.v1.disable_control_flow_v2()
    spec = importlib.util.spec_from_file_location("branch_hashing_after", path)
    m = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(m)

    def optimizer():
        stats = [tf.compat.v1.get_variable(f"s{i}", initializer=tf.eye(2) * (i + 1.0)) for i in range(2)]
        return m.Optimizer(stats).step(tf.constant(5))

    builds = {
        "Optimizer.step": optimizer,
        "loop": lambda: m.loop(tf.ones([3])),
        "mapped": lambda: m.mapped(tf.ones([4, 3]), {}),
        "cases": lambda: m.cases(tf.constant(-1.0), {}),
        "not_hashing": lambda: m.not_hashing(tf.constant([1.0, 2.0, 3.0])),
        "never_in_control_flow": lambda: m.never_in_control_flow(tf.ones([3])),
    }
    out = {}
    for name, build in builds.items():
        with tf.Graph().as_default():
            try:
                result = build()
                with tf.compat.v1.Session() as session:
                    session.run(tf.compat.v1.global_variables_initializer())
                    session.run(result)
                out[name] = "ok"
            except TypeError as e:
                out[name] = "unhashable" if "unhashable" in str(e) else f"TypeError: {e}"
            except Exception as e:  # noqa: BLE001 - reported, for the test to show
                out[name] = f"{type(e).__name__}: {str(e)[:300]}"
    print(json.dumps(out))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
