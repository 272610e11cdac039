"""``tf1to2.layers``: TF1's functional layers on any Keras, proven against
``tf.compat.v1.layers`` (tests/numeric/v1_layer_forms.py): one model using every form
(conv 1/2/3d, transposed 2d/3d, separable 1d/2d, dense on rank 2 and 3, batch norm over
the last axis, axis 1 and two axes, dropout, max/average pooling 1/2/3d, flatten, and
layer objects of several classes, one called twice) is
built with TF1's own layers in a TF1 graph, with the shim's in a TF1 graph, and with
the shim's in TF2 eager inside a decorated Keras layer under Keras 3 and under tf-keras;
same variable names, outputs in inference and training mode, regularization loss, and
moving statistics after one training step, within 1e-4 of their scale."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from tests.subprocess_env import keras_env

pytestmark = pytest.mark.slow
ROOT = Path(__file__).resolve().parent.parent
SCRIPT = ROOT / "tests" / "numeric" / "v1_layer_forms.py"


def _run(side: str, work: Path, legacy: bool) -> dict:
    proc = subprocess.run([sys.executable, str(SCRIPT), side, str(work)], capture_output=True, text=True,
                          env=keras_env(legacy), timeout=600)
    assert proc.returncode == 0, proc.stderr[-4000:]
    return dict(np.load(work / f"{side}.npz"))


@pytest.fixture(scope="module")
def reference(tmp_path_factory):
    return _run("tf1", tmp_path_factory.mktemp("v1_layers_tf1"), legacy=True)


def _same(want: dict, got: dict) -> None:
    assert list(want["names"]) == list(got["names"])
    keys = [k for k in want if k != "names" and want[k].dtype.kind == "f"]
    assert {k for k in keys} <= set(got), sorted(set(keys) - set(got))
    assert any(k.startswith("True:after:") for k in keys) and any(k.endswith(":reg") for k in keys)
    for k in keys:
        scale = max(1.0, float(np.abs(want[k]).max()))
        assert np.abs(want[k] - got[k]).max() <= 1e-4 * scale, f"{k}: off by {np.abs(want[k] - got[k]).max()}"


def test_in_a_tf1_graph_the_shim_layers_are_tf1s(reference, tmp_path):
    _same(reference, _run("graph", tmp_path, legacy=True))


@pytest.mark.parametrize("keras", ["keras3", "tf_keras"])
def test_in_tf2_eager_the_shim_layers_compute_what_tf1_did(reference, tmp_path, keras):
    got = _run("shim", tmp_path, legacy=keras == "tf_keras")
    assert str(got["keras"]).startswith("tf_keras" if keras == "tf_keras" else "keras.")
    _same(reference, got)


def test_what_the_shim_layers_refuse_says_so():
    code = ("import tensorflow as tf\nfrom tf1to2 import layers\n"
            "try:\n    layers.dense(tf.ones([1, 2]), 3, activity_regularizer=abs)\nexcept NotImplementedError as e:\n"
            "    print(e)\n"
            "try:\n    layers.batch_normalization(tf.ones([1, 2]), renorm=True)\nexcept NotImplementedError as e:\n"
            "    print(e)\n")
    env = keras_env()
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=300).stdout
    assert "activity_regularizer is not supported" in out and "renorm is not supported" in out


def test_every_functional_v1_layer_the_rules_know_has_a_shim_form():
    """The v1-layers-shim stage rewrites every function of rules.v1_layers.SPECS to
    tf1to2.layers: the shim must define each (read with ast: no TensorFlow needed)."""
    import ast

    from rules.v1_layers import SPECS

    tree = ast.parse((ROOT / "tf1to2" / "layers.py").read_text(encoding="utf-8"))
    defined = {n.name for n in tree.body if isinstance(n, ast.FunctionDef) and not n.name.startswith("_")}
    exported = next(set(ast.literal_eval(n.value)) for n in tree.body
                    if isinstance(n, ast.Assign) and getattr(n.targets[0], "id", "") == "__all__")
    assert set(SPECS) == exported == defined


def test_every_v1_layer_class_the_rules_know_has_a_shim_class_with_its_arguments():
    """v1-layers-shim rewrites the construction of every class of rules.v1_layers.SPECS
    to tf1to2.layers: the shim's class must exist and take the same arguments, in the
    same order (a positional argument means what it meant)."""
    from rules.v1_layers import BY_CLASS

    code = ("import json\nfrom tf1to2 import layers\n"
            f"print(json.dumps({{c: getattr(layers, c)._params for c in {sorted(BY_CLASS)!r}}}))\n")
    env = keras_env()
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=300)
    assert proc.returncode == 0, proc.stderr[-2000:]
    import json
    params = json.loads(proc.stdout.strip().splitlines()[-1])
    assert params == {c: list(s.class_params) for c, s in BY_CLASS.items()}
