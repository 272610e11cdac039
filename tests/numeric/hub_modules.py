"""A TF1 Hub module, exported and used by golden/tf-hub/local_module's functions, before
and after the rule. Invoked by tests/test_tf_hub.py, one process per side:

    hub_modules.py tf1 WORK   # tensorflow_hub 0.15 (hub.Module) on PYTHONPATH: export
                              # WORK/module, run before.py in a TF1 graph → tf1.json
    hub_modules.py tf2 WORK   # the installed tensorflow_hub 0.16: run after.py eagerly → tf2.json

With WORK/model_before.py (a model function ``classifier(x)`` using the module) the TF1
side also builds it in a TF1 graph, saves its checkpoint (WORK/ckpt) and its logits; the
TF2 side builds model_after.py's ``Classifier`` layer (the whole run's output), loads
that checkpoint through WORK/name_map.json, and gives its logits.

tensorflow_hub 0.15 imports ``tensorflow.compat.v1.estimator``, which TensorFlow 2.21 no
longer ships; its exporter class is all it reads at import, so a stand-in is enough."""
from __future__ import annotations

import json
import os
import sys
import types
from pathlib import Path

import numpy as np

from loading import load_module  # (this folder, on the script's path)


def _inputs():
    rng = np.random.default_rng(4)
    return rng.normal(size=(2, 3)).astype(np.float32), rng.normal(size=(2, 3)).astype(np.float32)


def _run(mod) -> dict:
    x, y = _inputs()
    return {"score": mod.score(x), "pairs": list(mod.pairs(x, y)), "doubled": mod.doubled(x)}


def tf1(work: Path) -> None:
    estimator = types.ModuleType("tensorflow.compat.v1.estimator")
    estimator.Exporter = object
    sys.modules["tensorflow.compat.v1.estimator"] = estimator
    import tensorflow as tf
    tf.compat.v1.estimator = estimator
    import tensorflow_hub as hub
    assert hasattr(hub, "Module"), hub.__file__
    v1 = tf.compat.v1

    def module_fn():
        x = v1.placeholder(tf.float32, [None, 3])
        y = v1.placeholder(tf.float32, [None, 3])
        w = v1.get_variable("w", [3, 2], initializer=v1.random_normal_initializer(seed=1))
        hub.add_signature(inputs=x, outputs=tf.matmul(x, w))
        hub.add_signature(name="pairs", inputs={"x": x, "y": y},
                          outputs={"sum": x + y, "product": tf.matmul(x * y, w)})
        hub.add_signature(name="double", inputs=x, outputs=-2.0 * tf.matmul(x, w))

    with tf.Graph().as_default():
        module = hub.Module(hub.create_module_spec(module_fn))
        with v1.Session() as sess:
            sess.run(v1.global_variables_initializer())
            module.export(str(work / "module"), sess)
    os.environ["HUB_HANDLE"] = str(work / "module")
    with tf.Graph().as_default():
        out = _run(load_module(work / "before.py", "before"))
        with v1.Session() as sess:
            sess.run(v1.global_variables_initializer())
            values = sess.run(out)
    if (work / "model_before.py").exists():
        with tf.Graph().as_default():
            logits = load_module(work / "model_before.py", "model_before").classifier(tf.constant(_inputs()[0]))
            with v1.Session() as sess:
                sess.run(v1.global_variables_initializer())
                values["logits"] = sess.run(logits)
                values["variables"] = sorted(v.name for v in v1.global_variables())
                v1.train.Saver().save(sess, str(work / "ckpt" / "model"))
    (work / "tf1.json").write_text(json.dumps(_listed(values)))


def tf2(work: Path) -> None:
    import tensorflow as tf
    import tensorflow_hub as hub
    assert not hasattr(hub, "Module"), "the TF2 side runs on tensorflow_hub 0.16, which has no hub.Module"
    assert tf.executing_eagerly()
    os.environ["HUB_HANDLE"] = str(work / "module")
    values = _run(load_module(work / "after.py", "after"))
    if (work / "model_after.py").exists():
        import tf1to2
        layer = load_module(work / "model_after.py", "model_after").Classifier()
        x = tf.constant(_inputs()[0])
        layer(x)
        values["loaded"] = tf1to2.load_tf1_checkpoint(layer, str(work / "ckpt" / "model"),
                                                      json.loads((work / "name_map.json").read_text()))
        values["logits"] = layer(x)
        values["weights"] = len(layer.weights)
    (work / "tf2.json").write_text(json.dumps(_listed(values)))


def _listed(value):
    if isinstance(value, str):
        return value
    if isinstance(value, dict):
        return {k: _listed(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_listed(v) for v in value]
    return np.asarray(value, np.float64).tolist()


if __name__ == "__main__":
    {"tf1": tf1, "tf2": tf2}[sys.argv[1]](Path(sys.argv[2]))
