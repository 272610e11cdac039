"""tf-hub's rewrite computes what hub.Module computed: a TF1 Hub format module, exported by
tensorflow_hub 0.15 (the last with hub.Module, fetched at test time into the PyPI cache)
and run by golden/tf-hub/local_module's before.py in a TF1 graph, gives the outputs its
after.py gives through hub.load on the installed tensorflow_hub 0.16, in eager code."""
from __future__ import annotations

import json
import sys
from pathlib import Path

import numpy as np
import pytest

from codemod.pipeline import transform_text
from rules import all_rules
from tests.golden import cases
from tests.real_packages import fetch, unpack
from tests.subprocess_env import ROOT, keras_env, tf_run

pytestmark = pytest.mark.slow
CASE = next(c for c in cases("tf-hub") if c.name == "local_module")
# a model function holding a TF1 Hub module, as a whole run (every rule) migrates it
MODEL = """import os

import tensorflow.compat.v1 as tf
import tensorflow_hub as hub

HANDLE = os.environ.get("HUB_HANDLE", "/models/scorer")


def classifier(x):
    scorer = hub.Module(HANDLE)
    return tf.layers.dense(tf.nn.relu(scorer(x)), 3, name="out")
"""
SCRIPT = Path(__file__).parent / "numeric" / "hub_modules.py"
TF1_HUB = "tensorflow-hub==0.15.0"


def _side(side: str, work: Path, *paths: Path) -> dict:
    """One side in its own process: TF1 under tf-keras (the model's tf.layers), TF2 on Keras 3."""
    proc = tf_run([sys.executable, str(SCRIPT), side, str(work)], capture_output=True, text=True,
                  env=keras_env(side == "tf1", *paths), cwd=ROOT, timeout=600)
    assert proc.returncode == 0, proc.stderr[-3000:]
    return json.loads((work / f"{side}.json").read_text())


def test_hub_load_computes_what_hub_module_did(tmp_path):
    hub015 = unpack(fetch(TF1_HUB), tmp_path / "hub015", "tensorflow_hub")
    work = tmp_path / "work"
    work.mkdir()
    (work / "before.py").write_text(CASE.before, encoding="utf-8")
    (work / "after.py").write_text(CASE.after, encoding="utf-8")
    (work / "model_before.py").write_text(MODEL, encoding="utf-8")
    name_map: dict = {}
    migrated, _, _ = transform_text(MODEL, [r.id for r in all_rules()], name_map=name_map)
    # the guide's last step: the module made once, in __init__, and no decorator left
    assert "class Classifier(" in migrated and "self.scorer = hub.load(HANDLE)" in migrated
    assert "get_or_create_layer" not in migrated and "track_tf1_style_variables" not in migrated
    (work / "model_after.py").write_text(migrated, encoding="utf-8")
    (work / "name_map.json").write_text(json.dumps(name_map), encoding="utf-8")
    tf1 = _side("tf1", work, hub015)
    tf2 = _side("tf2", work)
    # the model function: a Keras layer making its hub.load once (in __init__), loaded
    # from the TF1 checkpoint (its dense layer; the module's own variable comes
    # from the module, as in TF1), computes TF1's logits
    assert tf1.pop("variables") == ["module/w:0", "out/bias:0", "out/kernel:0"]
    assert sorted(tf2.pop("loaded")) == ["out/bias", "out/kernel"] and tf2.pop("weights") == 2
    np.testing.assert_allclose(np.asarray(tf2.pop("logits")), np.asarray(tf1.pop("logits")), rtol=1e-5, atol=1e-6)
    assert set(tf1) == set(tf2) == {"score", "pairs", "doubled"}
    for key in tf1:
        ones, twos = (tf1[key], tf2[key]) if key == "pairs" else ([tf1[key]], [tf2[key]])
        assert len(ones) == len(twos)
        for i, (a, b) in enumerate(zip(ones, twos)):
            np.testing.assert_allclose(np.asarray(b), np.asarray(a), rtol=1e-5, atol=1e-6, err_msg=f"{key}[{i}]")
    assert np.abs(np.asarray(tf1["score"])).max() > 0.1
