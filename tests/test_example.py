"""The bundled example after ``tf1to2 migrate --write examples/``, as the quick start
promises: its model builds and its eager training script takes steps under plain
TensorFlow 2.21 (Keras 3), and the model computes what the TF1 original computed with
the same weights (logits and regularization loss, 1e-4 of their scale)."""
from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from tests.subprocess_env import keras_env, run_at_once

pytestmark = pytest.mark.slow
ROOT = Path(__file__).resolve().parent.parent
SCRIPT = ROOT / "tests" / "numeric" / "example_model.py"



def test_the_migrated_example_builds_trains_and_computes_its_tf1_numbers(tmp_path):
    original = ROOT / "examples" / "mnist_tf1"
    migrated = tmp_path / "examples"
    shutil.copytree(ROOT / "examples", migrated)
    r = subprocess.run([sys.executable, "-m", "codemod.cli", "migrate", "--write", "-q", str(migrated)],
                       capture_output=True, text=True, cwd=ROOT, env=keras_env(False), timeout=600)
    assert r.returncode == 1, r.stderr
    model = (migrated / "mnist_tf1" / "model.py").read_text()
    assert "class Classifier(tf.keras.layers.Layer)" in model and "tf.compat.v1.layers" not in model
    ended = run_at_once({side: dict(args=[sys.executable, str(SCRIPT), side, str(folder), str(tmp_path)],
                                    env=keras_env(legacy))  # (each seeds its variables by name itself)
                         for side, folder, legacy in (("tf1", original, True),
                                                      ("tf2", migrated / "mnist_tf1", False))}, 600)
    for side, (code, _out, err) in ended.items():
        assert code == 0, f"{side}:\n{err[-4000:]}"
    tf1, tf2 = dict(np.load(tmp_path / "tf1.npz")), dict(np.load(tmp_path / "tf2.npz"))
    assert str(tf2["keras"]).startswith("keras."), "plain TF 2.21: Keras 3"
    assert str(tf2["optimizer"]).startswith("keras."), "the eager script's optimizers became Keras'"
    assert sorted(k for k in tf1 if k.startswith("var:")) == sorted(k for k in tf2 if k.startswith("var:"))
    for key in ("logits", "reg"):
        scale = max(1.0, float(np.abs(tf1[key]).max()))
        assert np.abs(tf1[key] - tf2[key]).max() <= 1e-4 * scale, key
    # two steps (dropout is on in training, so the loss need not fall): every variable moved
    assert np.isfinite(tf2["loss0"]) and np.isfinite(tf2["loss1"])
    assert int(tf2["moved"]) == int(tf2["trainable"]) == 7
