"""tensorpack's BatchNorm in the TF1 graph its trainers build (its TowerContext and
collection guards work in graph mode only), original against the tree ``tf1to2 migrate
--write`` made of it. Invoked by tests/test_real_packages.py, one process per side:

    tensorpack_graph.py tf1 TREE OUT.npz   # the original: TF1 behaviour, tf.layers from tf-keras
    tensorpack_graph.py tf2 TREE OUT.npz   # the migrated tree under plain TensorFlow 2.21 (Keras 3)

Each builds ``BatchNorm("bn", x)`` (tf.layers.BatchNormalization made from a dict of
arguments, with ``_reuse``, applied in the current scope, its statistics renamed
``mean/EMA``) in inference and in training mode, gives every variable the same value by
name, and writes the outputs, and the variables after the training mode's updates ran.
"""
from __future__ import annotations

import sys
from pathlib import Path

import numpy as np

HERE = Path(__file__).parent


def main(side: str, tree: Path, out: Path) -> None:
    sys.path.insert(0, str(HERE))
    import real_models

    if side == "tf1":
        v1 = real_models._tf1_environment()
    else:
        import tensorflow as tf

        v1 = tf.compat.v1
    sys.path.insert(0, str(tree))
    real_models._bare_packages(tree, ["tensorpack.models.batch_norm", "tensorpack.tfutils.tower"])
    from tensorpack.models.batch_norm import BatchNorm
    from tensorpack.tfutils.tower import TowerContext

    x = np.random.default_rng(0).uniform(-1, 1, (4, 3, 3, 5)).astype(np.float32)
    found = {}
    for training in (False, True):
        graph = v1.Graph()
        with graph.as_default():
            with TowerContext("", is_training=training):
                y = BatchNorm("bn", v1.constant(x), momentum=0.5)
            updates = v1.get_collection(v1.GraphKeys.UPDATE_OPS)
            with v1.Session(graph=graph) as sess:
                sess.run(v1.global_variables_initializer())
                for v in v1.global_variables():
                    value = real_models._value(v.op.name, v.shape.as_list())
                    v.load(np.abs(value) + 0.5 if "variance" in v.op.name else value, sess)
                found[f"output:{training}"] = sess.run(y)
                sess.run(updates)
                found.update({f"var:{training}:{v.op.name}": sess.run(v) for v in v1.global_variables()})
                found[f"updates:{training}"] = np.asarray(len(updates))
    np.savez(out, **found)


if __name__ == "__main__":
    main(sys.argv[1], Path(sys.argv[2]), Path(sys.argv[3]))
