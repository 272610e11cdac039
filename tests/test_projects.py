"""Small multi-module TF1 projects (``tests/projects``), migrated whole with ``tf1to2
migrate --write`` as a user would, then run under plain TensorFlow 2.21 (Keras 3, no
``TF_USE_LEGACY_KERAS``) and compared with the original run as TF1 (``tensorflow``
standing for ``tensorflow.compat.v1`` with v2 behaviour off, ``tf.contrib.layers`` from
tf_slim, tf-keras' v1 layers): the same printed numbers, within 1e-4."""
from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.subprocess_env import ROOT, keras_env

PROJECTS = Path(__file__).resolve().parent / "projects"

AS_TF1 = '''\
import sys, types
import tensorflow.compat.v1 as v1
v1.disable_v2_behavior()
import importlib
# slim's batch_norm imports this lazily; tf-keras 2.21 ships it under tf_keras.src
sys.modules["tf_keras.legacy_tf_layers.normalization"] = importlib.import_module(
    "tf_keras.src.legacy_tf_layers.normalization")
import tf_slim
v1.contrib = types.SimpleNamespace(layers=types.SimpleNamespace(l2_regularizer=tf_slim.l2_regularizer))
sys.modules["tensorflow"] = v1
sys.path.insert(0, sys.argv[1])
sys.argv = sys.argv[1:]
import runpy
runpy.run_path(sys.argv[0] + "/" + sys.argv[1], run_name="__main__")
'''


NUMBER = r"-?\d+\.\d+(?:e-?\d+)?"


def _numbers(out: str) -> list:
    return [float(x) for x in re.findall(NUMBER, out)]


@pytest.mark.parametrize("project, script", [("graph_script", "train.py"), ("slim_package", "train.py"),
                                                     ("graph_single", "one.py")])
def test_a_migrated_project_computes_its_tf1_numbers(tmp_path, project, script):
    original, migrated = tmp_path / "original", tmp_path / "migrated"
    shutil.copytree(PROJECTS / project, original)
    shutil.copytree(PROJECTS / project, migrated)
    (tmp_path / "as_tf1.py").write_text(AS_TF1)
    tf1 = subprocess.run([sys.executable, str(tmp_path / "as_tf1.py"), str(original), script],
                         capture_output=True, text=True, timeout=600, env=keras_env(True))
    assert tf1.returncode == 0, tf1.stderr[-3000:]
    run = subprocess.run([sys.executable, "-m", "codemod.cli", "migrate", "--write", "--format", "json",
                          str(migrated)], capture_output=True, text=True, cwd=ROOT, timeout=600,
                         env={**keras_env(), "PYTHONPATH": str(ROOT)})
    report = json.loads(run.stdout)
    assert run.returncode == 1 and not [f for f in report["files"] if f["status"] == "failed"], run.stderr
    assert report["summary"]["changed"] == len([f for f in report["files"] if f["status"] != "skipped"])
    tf2 = subprocess.run([sys.executable, script], capture_output=True, text=True, timeout=600, cwd=migrated,
                         env=keras_env(False, migrated))
    assert tf2.returncode == 0, tf2.stderr[-3000:]
    # the same lines (variable names too), numbers within tolerance
    assert re.sub(NUMBER, "#", tf1.stdout) == re.sub(NUMBER, "#", tf2.stdout), (tf1.stdout, tf2.stdout)
    want, got = _numbers(tf1.stdout), _numbers(tf2.stdout)
    assert len(want) >= 4 and len(got) == len(want), (tf1.stdout, tf2.stdout)
    assert max(abs(a - b) for a, b in zip(want, got)) < 1e-4, (tf1.stdout, tf2.stdout)
