"""A slim net migrated by one ``tf1to2 migrate --write --name-map`` run, loaded from its
TF1 checkpoint through that map. Invoked by tests/test_name_map.py, one process per side:

    one_run_net.py tf1 WORKDIR   # WORKDIR/original.py in a TF1 graph → ckpt/, tf1.npy
    one_run_net.py tf2 WORKDIR   # WORKDIR/migrated.py + name_map.json → tf2.json

The TF1 side gives every variable a seeded random value (moving variances positive) and
saves the checkpoint and the output; the TF2 side builds ``Net``, loads the checkpoint
with ``tf1to2.load_tf1_checkpoint`` and the run's name map, and reports what it loaded
and the largest difference from the TF1 output.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

import numpy as np

from loading import load_module  # (this folder, on the script's path)


def _input() -> np.ndarray:
    return np.random.default_rng(1).normal(size=(2, 8, 8, 3)).astype(np.float32)


def tf1(work: Path) -> None:
    import tensorflow as tf
    from loading import alias_slim_batch_norm
    alias_slim_batch_norm()
    with tf.Graph().as_default():
        out = load_module(work / "original.py", "original").net(tf.constant(_input()))
        with tf.compat.v1.Session() as sess:
            sess.run(tf.compat.v1.global_variables_initializer())
            rng = np.random.default_rng(2)
            for v in tf.compat.v1.global_variables():
                shape = v.shape.as_list()
                value = rng.uniform(0.5, 1.5, size=shape) if "variance" in v.name else rng.normal(size=shape) * 0.3
                v.load(value.astype(np.float32), sess)
            np.save(work / "tf1.npy", sess.run(out))
            tf.compat.v1.train.Saver().save(sess, str(work / "ckpt" / "model"))


def tf2(work: Path) -> None:
    import tensorflow as tf
    import tf1to2
    x = tf.constant(_input())
    net = load_module(work / "migrated.py", "migrated").Net()
    net(x)
    name_map = json.loads((work / "name_map.json").read_text())
    loaded = tf1to2.load_tf1_checkpoint(net, str(work / "ckpt" / "model"), name_map)
    diff = float(np.abs(net(x, training=False).numpy() - np.load(work / "tf1.npy")).max())
    (work / "tf2.json").write_text(json.dumps({"loaded": loaded, "weights": len(net.weights), "diff": diff,
                                               "keras": tf.keras.__name__}))


if __name__ == "__main__":
    {"tf1": tf1, "tf2": tf2}[sys.argv[1]](Path(sys.argv[2]))
