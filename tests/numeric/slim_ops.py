"""A slim-to-layers golden case, original against rewritten, both in TF1 graphs. Invoked by
tests/test_slim_op_numerics.py in a subprocess (TF_USE_LEGACY_KERAS=1):

    slim_ops.py WORKDIR [WORKDIR ...]  # WORKDIR/spec.json, before.py, after.py → WORKDIR/report.json
                                       # (or WORKDIR/error.txt: the traceback)

spec.json: the case's numerics.json plus "name_map". ``"scope"`` names a scope function of
the module that both sides are built under (``with slim.arg_scope(net_arg_scope()):``), as
the nets' callers do. Two kinds of check:

- ``"check": "outputs"`` (the default): ``entry(inputs, **kwargs)`` is built from before.py
  in one graph per mode, its variables initialised (graph seed 1) and biases and
  batch-norm statistics set to seeded random values; after.py's ``entry`` is built in a
  second graph and given those values by name, through the name map. Reported: the
  variable names on both sides (mapped), and the largest difference of the outputs, the
  end points (``"end_points"``: the collection name) and the regularization loss.
- ``"check": "init"``: both sides are only initialised; reported per variable are the
  largest absolute value and the standard deviation on each side, so the test can see
  that the rewrite kept slim's default initializers.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

import numpy as np

# the same loading, aliasing and seeded values as the nets' check (this folder is on the path)
from loading import load_module
from loading import alias_slim_batch_norm, failure_kept
from slim_nets import _value


def _alias_contrib() -> None:
    """``from tensorflow.contrib import layers`` in TF1 code is tf-slim's layers today."""
    import types
    import tf_slim
    contrib = types.ModuleType("tensorflow.contrib")
    contrib.layers = tf_slim.layers
    sys.modules.setdefault("tensorflow.contrib", contrib)
    sys.modules.setdefault("tensorflow.contrib.layers", tf_slim.layers)


def _build(tf, module, spec: dict, x: np.ndarray, mode: bool, collect):
    tf.compat.v1.set_random_seed(1)
    kwargs = dict(spec.get("kwargs", {}), **(spec.get("train_kwargs", {}) if mode else {}))
    if spec.get("scope"):  # the nets' convention: callers enter the module's scope function
        import tf_slim
        with tf_slim.arg_scope(getattr(module, spec["scope"])()):
            out = getattr(module, spec["entry"])(tf.constant(x), **kwargs)
    else:
        out = getattr(module, spec["entry"])(tf.constant(x), **kwargs)
    outputs = {"out": out}
    if spec.get("end_points"):
        for k, v in collect(spec["end_points"]).items():
            outputs[f"ep:{k}"] = v
    outputs["reg"] = tf.compat.v1.losses.get_regularization_loss()
    return outputs


def main(work: Path) -> None:
    import tensorflow as tf
    import tf_slim
    import tf1to2
    spec = json.loads((work / "spec.json").read_text())
    name_map = spec.get("name_map", {})
    before = load_module(work / "before.py", "golden_before")
    after = load_module(work / "after.py", "golden_after")
    x = np.random.default_rng(7).uniform(-1, 1, size=spec["input"]).astype(np.float32)
    report: dict = {"outputs": {}, "init": {}}
    modes = (False, True) if spec.get("train_kwargs") else (False,)
    for mode in modes:
        g1 = tf.Graph()
        with g1.as_default():
            o1 = _build(tf, before, spec, x, mode, tf_slim.layers.utils.convert_collection_to_dict)
            v1 = tf.compat.v1.global_variables()
            with tf.compat.v1.Session() as sess:
                sess.run(tf.compat.v1.global_variables_initializer())
                rng = np.random.default_rng(11)
                values = {}
                for v in v1:
                    name = v.name[:-2]
                    current = sess.run(v)
                    value = _value(name, current.shape, rng)
                    values[name] = current if value is None else value
                    v.load(values[name], sess)
                r1 = sess.run(o1)
        g2 = tf.Graph()
        with g2.as_default():
            o2 = _build(tf, after, spec, x, mode, tf1to2.convert_collection_to_dict)
            v2 = tf.compat.v1.global_variables()
            with tf.compat.v1.Session() as sess:
                sess.run(tf.compat.v1.global_variables_initializer())
                fresh = {v.name[:-2]: sess.run(v) for v in v2}
                # each new variable's checkpoint name, as tf1to2.load_tf1_checkpoint finds it
                old_of = tf1to2.checkpoint_names(name_map, fresh)
                new_of = {old_of.get(n, n): n for n in fresh}
                report["names"] = {"original": sorted(values), "rewritten": sorted(new_of)}
                for v in v2:
                    old = old_of.get(v.name[:-2], v.name[:-2])
                    if old in values:
                        v.load(values[old], sess)
                r2 = sess.run(o2)
        for name, val in values.items():
            new = fresh.get(new_of.get(name, name))
            if new is not None:
                original_init = values[name]
                report["init"][name] = {"original_max": float(np.abs(original_init).max()),
                                        "original_std": float(original_init.std()),
                                        "rewritten_max": float(np.abs(new).max()),
                                        "rewritten_std": float(new.std())}
        key = "training" if mode else "inference"
        report["outputs"][key] = {
            k: {"diff": float(np.abs(np.asarray(r1[k], np.float64) - np.asarray(r2[k], np.float64)).max())
                if k in r2 and np.shape(r1[k]) == np.shape(r2[k]) else None,
                "largest": float(np.abs(np.asarray(r1[k])).max())}
            for k in r1}
        report["outputs"][key]["keys"] = {"original": sorted(r1), "rewritten": sorted(r2)}
    report["keras"] = tf.keras.__name__
    (work / "report.json").write_text(json.dumps(report))


if __name__ == "__main__":
    alias_slim_batch_norm()
    _alias_contrib()
    for folder in map(Path, sys.argv[1:]):  # several cases: one TensorFlow import for all
        with failure_kept(folder / "error.txt"):
            main(folder)
