"""Draws the variables of golden/tf-api/keras_initializers' ``model`` in a tf.Graph seeded
with tf.set_random_seed, as TF1 did (its before.py under TF1 behaviour, where tf.keras is
tf-keras and its initializers TF1's own) or as the migrated code does (the file a run
made of it, under plain TensorFlow 2.21, Keras 3). Invoked by tests/test_tf_api.py, one
process per side:

    initializer_draws.py tf1|tf2 FILE.py OUT.npz
"""
from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import numpy as np


def main(side: str, path: Path, out: Path) -> None:
    if side == "tf1":
        sys.path.insert(0, str(Path(__file__).parent))
        import real_models

        v1 = real_models._tf1_environment()
    else:
        import tensorflow as tf

        v1 = tf.compat.v1
    spec = importlib.util.spec_from_file_location("keras_initializers_case", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    found = {}
    with v1.Graph().as_default():
        v1.set_random_seed(7)
        y = module.model(v1.constant(np.linspace(-1, 1, 6, dtype=np.float32).reshape(2, 3)))
        with v1.Session() as session:
            session.run(v1.global_variables_initializer())
            found = {v.name: session.run(v) for v in v1.global_variables()}
            found["output"] = session.run(y)
    np.savez(out, **found)


if __name__ == "__main__":
    main(sys.argv[1], Path(sys.argv[2]), Path(sys.argv[3]))
