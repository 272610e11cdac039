"""Runs TF1 model code and its migrated version; prints JSON. Invoked by
tests/test_layer_numerics.py in subprocesses (TF_USE_LEGACY_KERAS=1), one per side.

    layer_models.py tf1 WORKDIR [WORKDIR ...]  # WORKDIR/before.py + spec.json → WORKDIR/tf1.json, ckpt/
    layer_models.py tf2 WORKDIR [WORKDIR ...]  # WORKDIR/after.py + name_map.json + the TF1 checkpoint → tf2.json

spec.json: {"entry": name, "init": {...}, "inputs": {arg: shape}, "training_arg": name|null,
"modes": [false, true], "random": bool, "inputs_by_keyword": bool}. A model returning several
tensors is compared on all of them, flattened one after the other. ``entry`` in before.py is
a function (called with the inputs, by position or, with ``inputs_by_keyword``, by name
(its settings come first), init as keywords and the training flag) or a layer class (built with init,
called with the inputs and training=). On the TF2 side the entry is the class of the same
name in CamelCase (or the function itself, where the run left one, in a decorated layer). TF1: a tf.Graph + Session per mode, every variable set to seeded
random values (moving variances positive), saved with tf.compat.v1.train.Saver. TF2:
eager; the layer is built, loaded from that checkpoint with tf1to2.load_tf1_checkpoint
through the name map, and called in each mode.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

import numpy as np
import tensorflow as tf

import tf1to2

from loading import load_module, load_values  # (this folder, on the script's path)


def _inputs(spec: dict) -> dict:
    rng = np.random.default_rng(7)
    return {k: rng.normal(size=shape).astype(np.float32) for k, shape in spec["inputs"].items()}


def _value(name: str, shape, rng) -> np.ndarray:
    if "moving_variance" in name:
        return rng.uniform(0.5, 1.5, size=shape).astype(np.float32)
    return (rng.normal(size=shape) * 0.3).astype(np.float32)


def _flat(result) -> list:
    """A model's output as one list of numbers (a tuple of outputs, such as a GAN's
    ``fake, d_real, d_fake``, one after the other)."""
    if isinstance(result, (tuple, list)):
        return [x for r in result for x in _flat(r)]
    return np.asarray(result, np.float64).ravel().tolist()


def camel(name: str) -> str:
    return "".join(p[:1].upper() + p[1:] for p in name.split("_") if p)


def tf1(work: Path) -> dict:
    spec = json.loads((work / "spec.json").read_text())
    feeds = _inputs(spec)
    out: dict = {"modes": {}, "variables": None}
    values = None
    for mode in spec["modes"]:
        graph = tf.Graph()
        with graph.as_default():
            mod = load_module(work / "before.py", "before_tf1")
            entry = getattr(mod, spec["entry"])
            args = [tf.constant(feeds[k]) for k in spec["inputs"]]
            kwargs = dict(spec.get("init", {}))
            layer = None
            if isinstance(entry, type):
                layer = entry(**kwargs)
                result = layer(*args, **({"training": mode} if spec.get("training_arg") else {}))
            else:
                if spec.get("training_arg"):
                    kwargs[spec["training_arg"]] = mode
                if spec.get("inputs_by_keyword"):
                    kwargs.update(zip(spec["inputs"], args))
                    args = []
                result = entry(*args, **kwargs)
            # a decorated Keras layer's variable store holds one regularizer per regularized
            # variable, get_variable's too (whose losses never reach the graph's collection,
            # and which its ``losses`` counts beside v1 layers' twice): those are its TF1 losses
            store = getattr(layer, "_tf1_style_var_store", None)
            regularizers = list(store._regularizers.values()) if store is not None else []
            reg = tf.add_n([r() for r in regularizers]) if regularizers else \
                tf.compat.v1.losses.get_regularization_loss()
            variables = tf.compat.v1.global_variables()
            with tf.compat.v1.Session() as sess:
                sess.run(tf.compat.v1.global_variables_initializer())
                if values is None:
                    rng = np.random.default_rng(11)
                    values = {v.op.name: _value(v.op.name, v.shape.as_list(), rng) for v in variables}
                load_values(sess, {v: values[v.op.name] for v in variables})
                res, reg_value = sess.run([result, reg])
                if out["variables"] is None:
                    if variables:
                        tf.compat.v1.train.Saver().save(sess, str(work / "ckpt" / "model"))
                    out["variables"] = sorted(values)
        out["modes"][str(mode)] = {"output": _flat(res), "reg": float(reg_value)}
    return out


def _decorated(function, spec: dict) -> type:
    """A model function the run left a function (it creates no variables: wrap-in-layer
    has nothing to wrap) in a decorated Keras layer, called as before.py's was."""
    class Model(tf.keras.layers.Layer):
        @tf1to2.track_tf1_style_variables
        def call(self, *args, training=None):
            kwargs = {spec["training_arg"]: training} if spec.get("training_arg") else {}
            return function(*args, **kwargs)
    return Model


def tf2(work: Path) -> dict:
    spec = json.loads((work / "spec.json").read_text())
    name_map = json.loads((work / "name_map.json").read_text())
    feeds = _inputs(spec)
    mod = load_module(work / "after.py", "after_tf2")
    entry = getattr(mod, spec["entry"], None)
    if not isinstance(entry, type):
        entry = getattr(mod, camel(spec["entry"]), None) or _decorated(entry, spec)
    layer = entry(**spec.get("init", {}))
    args = [tf.constant(feeds[k]) for k in spec["inputs"]]
    call_kw = {"training": False} if spec.get("training_arg") else {}
    layer(*args, **call_kw)  # build
    loaded = tf1to2.load_tf1_checkpoint(layer, str(work / "ckpt" / "model"), name_map) \
        if (work / "ckpt").exists() else []
    out: dict = {"modes": {}, "loaded": loaded, "weights": len(layer.weights),
                 "tf1_names": sorted(tf1to2.tf1_variables(layer))}
    for mode in spec["modes"]:
        kw = {"training": mode} if spec.get("training_arg") else {}
        res = layer(*args, **kw)
        reg = float(sum(float(tf.reduce_sum(x)) for x in layer.losses))
        out["modes"][str(mode)] = {"output": _flat(res), "reg": reg}
    return out


if __name__ == "__main__":
    import traceback
    side = sys.argv[1]
    for work in map(Path, sys.argv[2:]):  # several models: one TensorFlow import for all
        try:
            result = {"tf1": tf1, "tf2": tf2}[side](work)
        except Exception:  # one model's failure is its own test's, not the others'
            result = {"error": traceback.format_exc()}
        (work / f"{side}.json").write_text(json.dumps(result))
