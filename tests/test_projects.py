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


CASES = {"graph_script": "train.py", "slim_package": "train.py", "graph_single": "one.py",
         "graph_module": "script.py"}


@pytest.fixture(scope="module")
def runs(tmp_path_factory):
    """Every project run as TF1, migrated, and run again, the subprocesses of different
    projects side by side: project → (TF1 run, migration, TF2 run)."""
    base = tmp_path_factory.mktemp("projects")
    (base / "as_tf1.py").write_text(AS_TF1)

    def start(args, **kw):
        return subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, **kw)

    tf1, migration = {}, {}
    for project, script in CASES.items():
        shutil.copytree(PROJECTS / project, base / project / "original")
        shutil.copytree(PROJECTS / project, base / project / "migrated")
        tf1[project] = start([sys.executable, str(base / "as_tf1.py"), str(base / project / "original"), script],
                             env=keras_env(True))
        migration[project] = start([sys.executable, "-m", "codemod.cli", "migrate", "--write", "--format", "json",
                                    "-j", "1", str(base / project / "migrated")], cwd=ROOT,
                                   env={**keras_env(), "PYTHONPATH": str(ROOT)})
    done = {p: (proc, *proc.communicate(timeout=900)) for p, proc in migration.items()}
    tf2 = {p: start([sys.executable, CASES[p]], cwd=base / p / "migrated", env=keras_env(False, base / p / "migrated"))
           for p in CASES}
    return {p: ((tf1[p], *tf1[p].communicate(timeout=900)), done[p], (tf2[p], *tf2[p].communicate(timeout=900)))
            for p in CASES}


@pytest.mark.parametrize("project", list(CASES))
def test_a_migrated_project_computes_its_tf1_numbers(runs, project):
    (tf1, tf1_out, tf1_err), (run, report, run_err), (tf2, tf2_out, tf2_err) = runs[project]
    assert tf1.returncode == 0, tf1_err[-3000:]
    report = json.loads(report)
    assert run.returncode == 1 and not [f for f in report["files"] if f["status"] == "failed"], run_err
    assert report["summary"]["changed"] == len([f for f in report["files"] if f["status"] != "skipped"])
    assert tf2.returncode == 0, tf2_err[-3000:]
    # the same lines (variable names too), numbers within tolerance
    assert re.sub(NUMBER, "#", tf1_out) == re.sub(NUMBER, "#", tf2_out), (tf1_out, tf2_out)
    want, got = _numbers(tf1_out), _numbers(tf2_out)
    assert len(want) >= 4 and len(got) == len(want), (tf1_out, tf2_out)
    assert max(abs(a - b) for a, b in zip(want, got)) < 1e-4, (tf1_out, tf2_out)
