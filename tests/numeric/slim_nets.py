"""The nets tf-slim ships, original against migrated (stages 1–2, or 1–5). Invoked by
tests/test_slim_nets.py in subprocesses (TF_USE_LEGACY_KERAS=1), one per side:

    slim_nets.py tf1 WORKDIR...   # WORKDIR/spec.json → tf1.npz, ckpt/ (the original net)
    slim_nets.py tf2 WORKDIR...   # WORKDIR/<module>.py + name_map.json + ckpt → tf2.npz

spec.json: {"module": "vgg", "scope_fn": "vgg_arg_scope", "net": "vgg_16", "size": 224,
"kwargs": {...}, "train_kwargs": {...}}. The original is the installed
``tf_slim.nets.<module>``, built under its own ``<scope_fn>()`` in a tf.Graph per mode;
weights come from the net's initializers (graph seed 1), biases and batch-norm
statistics are set to seeded random values, and everything is saved by name. The
migrated module is run in eager mode inside a layer decorated with
``tf1to2.track_tf1_style_variables`` and loaded from that checkpoint through the run's
name map. Each side writes logits, every end point and the regularization loss per mode.
"""
from __future__ import annotations

import importlib
import json
import sys
from pathlib import Path

import numpy as np

from loading import alias_slim_batch_norm, failure_kept, load_module, load_values  # (this folder, on the script's path)


def _inputs(spec: dict) -> np.ndarray:
    rng = np.random.default_rng(7)
    return rng.uniform(-1, 1, size=(2, spec["size"], spec["size"], 3)).astype(np.float32)


def _value(name: str, shape: tuple, rng):
    """The seeded value a bias or batch-norm variable is set to (its initializer's, zeros
    or ones, would hide a mapping that swapped them); None for the others (weights), which
    keep their initializers' draws."""
    leaf = name.rsplit("/", 1)[-1]
    if leaf == "moving_variance":
        return rng.uniform(0.5, 1.5, size=shape).astype(np.float32)
    if leaf in ("moving_mean", "beta", "biases", "bias"):
        return (rng.normal(size=shape) * 0.1).astype(np.float32)
    if leaf == "gamma":
        return rng.uniform(0.8, 1.2, size=shape).astype(np.float32)
    return None


def _flatten(mode: bool, logits, end_points: dict, reg: float) -> dict:
    out = {f"{mode}:logits": np.asarray(logits), f"{mode}:reg": np.asarray(reg)}
    for k, v in end_points.items():
        out[f"{mode}:ep:{k}"] = np.asarray(v)
    return out


def tf1(work: Path) -> None:
    import tensorflow as tf
    import tf_slim
    alias_slim_batch_norm()
    spec = json.loads((work / "spec.json").read_text())
    mod = importlib.import_module(f"tf_slim.nets.{spec['module']}")
    x = _inputs(spec)
    out: dict = {}
    names = None
    for mode in (False, True):
        graph = tf.Graph()
        with graph.as_default():
            tf.compat.v1.set_random_seed(1)
            kwargs = dict(spec.get("kwargs", {}), **(spec.get("train_kwargs", {}) if mode else {}))
            with tf_slim.arg_scope(getattr(mod, spec["scope_fn"])()):
                logits, end_points = getattr(mod, spec["net"])(tf.constant(x), is_training=mode, **kwargs)
            reg = tf.compat.v1.losses.get_regularization_loss()
            variables = tf.compat.v1.global_variables()
            saver = tf.compat.v1.train.Saver()
            with tf.compat.v1.Session() as sess:
                if names is None:
                    sess.run(tf.compat.v1.global_variables_initializer())
                    rng = np.random.default_rng(11)
                    # (the weights are not fetched and fed back: VGG's are half a gigabyte)
                    values = {v: _value(v.op.name, tuple(v.shape), rng) for v in variables}
                    load_values(sess, {v: value for v, value in values.items() if value is not None})
                    saver.save(sess, str(work / "ckpt" / "model"))
                    names = sorted(v.op.name for v in variables)
                else:
                    saver.restore(sess, str(work / "ckpt" / "model"))
                res = sess.run({"logits": logits, "end_points": end_points, "reg": reg})
        out.update(_flatten(mode, res["logits"], res["end_points"], res["reg"]))
    np.savez(work / "tf1.npz", **out)
    (work / "tf1_names.json").write_text(json.dumps(names))


def tf2(work: Path) -> None:
    import tensorflow as tf
    import tf1to2
    spec = json.loads((work / "spec.json").read_text())
    name_map = json.loads((work / "name_map.json").read_text())
    for extra in spec.get("modules", []):  # migrated modules it imports, under their original names
        package, _, leaf = extra.rpartition(".")
        setattr(importlib.import_module(package), leaf, load_module(work / f"{leaf}.py", extra))
    mod = load_module(work / f"{spec['module']}.py", f"migrated_{spec['module']}")
    net = getattr(mod, spec["net"])

    class Net(tf.keras.layers.Layer):
        @tf1to2.track_tf1_style_variables
        def call(self, inputs, training=False, **kwargs):
            return net(inputs, is_training=training, **kwargs)

    layer = Net()
    x = tf.constant(_inputs(spec))
    layer(x, training=False, **spec.get("kwargs", {}))  # build
    loaded = tf1to2.load_tf1_checkpoint(layer, str(work / "ckpt" / "model"), name_map)
    out: dict = {}
    for mode in (False, True):
        kwargs = dict(spec.get("kwargs", {}), **(spec.get("train_kwargs", {}) if mode else {}))
        logits, end_points = layer(x, training=mode, **kwargs)
        reg = float(sum(float(tf.reduce_sum(v)) for v in layer.losses))
        out.update(_flatten(mode, logits, end_points, reg))
    if spec.get("check_dropout"):
        # dropout active in training mode: with slim's keep_prob the output changes
        logits, _ = layer(x, training=True, **spec.get("kwargs", {}))
        out["dropout_changes_output"] = np.asarray(
            float(np.max(np.abs(np.asarray(logits) - out["True:logits"]))) > 0)
    np.savez(work / "tf2.npz", **out)
    (work / "tf2_loaded.json").write_text(json.dumps({"loaded": loaded, "weights": len(layer.weights)}))


if __name__ == "__main__":
    # each side takes several work folders (the test runs them in a few processes,
    # TensorFlow imported once in each); every net is built in graphs or a layer of its
    # own. A migrated net that fails is recorded in its folder (tf2_error.txt), for its
    # check to report, and the others still run; an original that fails fails the run.
    side, works = sys.argv[1], [Path(p) for p in sys.argv[2:]]
    for work in works:
        if side == "tf1":
            tf1(work)
            continue
        with failure_kept(work / "tf2_error.txt"):
            tf2(work)
