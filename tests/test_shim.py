"""The runtime shim in both environments migrated code runs in, each in its own process:
Keras 3 (TF_USE_LEGACY_KERAS unset, tf-keras blocked from import) and tf-keras
(TF_USE_LEGACY_KERAS=1). The checks themselves live in tests/shim/*_checks.py."""
from __future__ import annotations

import ast
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

HERE = Path(__file__).parent / "shim"
ROOT = Path(__file__).resolve().parent.parent
ENVIRONMENTS = {"keras3": "keras3_checks.py", "keras2": "keras2_checks.py"}

pytestmark = pytest.mark.slow


def _check_names(script: str) -> list[str]:
    tree = ast.parse((HERE / script).read_text())
    return [n.name for n in tree.body if isinstance(n, ast.FunctionDef) and n.name.startswith("check_")]


_results: dict[str, dict] = {}


def _run(env_name: str) -> dict:
    if env_name not in _results:
        env = {k: v for k, v in os.environ.items() if k != "TF_USE_LEGACY_KERAS"}
        env.update(TF_CPP_MIN_LOG_LEVEL="3", CUDA_VISIBLE_DEVICES="", PYTHONPATH=str(ROOT))
        proc = subprocess.run([sys.executable, str(HERE / ENVIRONMENTS[env_name])], capture_output=True,
                              text=True, env=env, cwd=ROOT, timeout=900)
        assert proc.returncode == 0, proc.stderr[-4000:]
        _results[env_name] = json.loads(proc.stdout.strip().splitlines()[-1])
    return _results[env_name]


PARAMS = [(env, name) for env, script in ENVIRONMENTS.items() for name in _check_names(script)]


@pytest.mark.parametrize("env_name,check", PARAMS, ids=[f"{e}.{c}" for e, c in PARAMS])
def test_shim(env_name, check):
    result = _run(env_name)[check]
    assert result == "ok", result


def test_keras3_environment_never_touched_tf_keras_nor_the_codemod():
    results = _run("keras3")
    assert results["_tf_keras_imported"] is False
    assert results["_codemod_imported"] == []


def test_keras2_environment_really_is_tf_keras():
    assert _run("keras2")["_keras"].startswith("tf_keras")


def test_legacy_keras_requested_but_tf_keras_missing_says_how_to_fix():
    code = (
        "import importlib.abc, sys\n"
        "class Block(importlib.abc.MetaPathFinder):\n"
        "    def find_spec(self, name, path, target=None):\n"
        "        if name.split('.')[0] == 'tf_keras': raise ImportError('no tf_keras')\n"
        "sys.meta_path.insert(0, Block())\n"
        "try:\n"
        "    import tf1to2\n"
        "except RuntimeError as e:\n"
        "    print(type(e).__name__, e)\n"
    )
    env = {**os.environ, "TF_USE_LEGACY_KERAS": "1", "TF_CPP_MIN_LOG_LEVEL": "3", "PYTHONPATH": str(ROOT)}
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=300)
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert proc.stdout.startswith("MissingKerasSupport") and "pip install 'tf-keras==2.21.*'" in proc.stdout
    assert "unset TF_USE_LEGACY_KERAS" in proc.stdout


def test_the_rules_rewrite_to_the_shim_exactly_the_rnn_cells_it_has():
    """v1-layers-shim rewrites the names of ``rules.model_walk.RNN_CELL_NAMES`` to
    ``tf1to2.rnn_cell``, which hands out the names of its ``NAMES`` (read from its source:
    the codemod's side never imports TensorFlow)."""
    from rules.model_walk import RNN_CELL_NAMES
    tree = ast.parse((ROOT / "tf1to2" / "rnn_cell.py").read_text(encoding="utf-8"))
    names = next(ast.literal_eval(n.value) for n in tree.body
                 if isinstance(n, ast.Assign) and [t.id for t in n.targets if isinstance(t, ast.Name)] == ["NAMES"])
    assert set(names) == RNN_CELL_NAMES and len(names) == len(RNN_CELL_NAMES)


def test_contrib_trainings_hparams_behaves_as_tf1s(tmp_path):
    """tf1to2.contrib_training.HParams, written for the shim, and tensor2tensor's copy of
    TF1's HParams (from the wheel the real-package tests fetch) give the same results and
    raise the same errors with the same messages over 41 operations (types, casts,
    ``parse`` with lists, indexes, booleans and bad input, JSON, ``get``, ``del_hparam``,
    ``repr``), but ``str``: TF 1.15 changed it to ``a=1,b=x``, after tensor2tensor's copy."""
    import zipfile

    from tests import real_packages
    from tests.subprocess_env import keras_env, tf_run

    with zipfile.ZipFile(real_packages.fetch(real_packages.PACKAGES["tensor2tensor"])) as wheel:
        (tmp_path / "hparam.py").write_bytes(wheel.read("tensor2tensor/utils/hparam.py"))
    proc = tf_run([sys.executable, str(ROOT / "tests" / "shim" / "hparams_oracle.py"), str(tmp_path / "hparam.py")],
                  capture_output=True, text=True, env=keras_env(), timeout=600)
    assert proc.returncode == 0, proc.stderr[-3000:]
    found = json.loads(proc.stdout.strip().splitlines()[-1])
    assert found["count"] == 41
    assert found["differ"] == {"str": [["ok", "a=1,b=x"], ["ok", "[('a', 1), ('b', 'x')]"]]}, found["differ"]


def test_the_rules_and_the_contrib_eager_stand_in_agree():
    """Where tf-api rewrites a tf.contrib.eager name to TensorFlow 2's public one, the
    shim's stand-in for the module (tf1to2/contrib_eager.py, read from its source) hands out
    that same name; the names the rule reads from the stand-in are its table's; what the
    rule says is gone is the stand-in's own table, with the same advice."""
    from rules.tf_api import EAGER_GONE, EAGER_SHIM, EAGER_SHIM_NAMES, EAGER_TF2, _shim_table, contrib_tf2
    tables = {name: _shim_table("contrib_eager", name) for name in ("_ELSEWHERE", "GONE")}
    assert tables["GONE"] == EAGER_GONE and "defun" in EAGER_GONE
    assert EAGER_SHIM_NAMES == set(tables["_ELSEWHERE"]) | {"Iterator"}
    assert not EAGER_SHIM_NAMES & set(EAGER_GONE)
    for name, path in EAGER_TF2.items():
        owner, attr = f"tensorflow.compat.v1.{path}".rsplit(".", 1)
        assert tables["_ELSEWHERE"][name] == (owner, attr), name
        for spelled in (["eager", name], ["eager", "python", "tfe", name]):
            assert contrib_tf2(spelled) == ("tensorflow.compat.v1", path)
    for name in EAGER_SHIM_NAMES - set(EAGER_TF2):
        assert contrib_tf2(["eager", name]) == (EAGER_SHIM, name)
    for module in (["eager"], ["eager", "python", "tfe"]):
        assert contrib_tf2(module) == (EAGER_SHIM, "")
    assert contrib_tf2(["eager", "python", "network"]) is None and contrib_tf2(["eager", "defun"]) is None


def test_the_rules_and_the_contrib_framework_stand_in_agree():
    """Where tf-api rewrites a tf.contrib.framework name to TensorFlow 2's, the shim's
    stand-in for the module (tf1to2/contrib_framework.py, read from its source) hands out
    that same name; what the rule says is gone is the stand-in's own table (the rule reads
    it from the shim's source), with the same advice."""
    from rules.tf_api import FRAMEWORK_GONE, FRAMEWORK_TF2
    tree = ast.parse((ROOT / "tf1to2" / "contrib_framework.py").read_text(encoding="utf-8"))
    tables = {}
    for node in tree.body:
        if isinstance(node, (ast.Assign, ast.AnnAssign)):
            target = node.targets[0] if isinstance(node, ast.Assign) else node.target
            if isinstance(target, ast.Name) and target.id in ("_ELSEWHERE", "GONE"):
                tables[target.id] = node.value
    gone = ast.literal_eval(tables["GONE"])
    assert gone == FRAMEWORK_GONE
    elsewhere = {}
    for key, value in zip(tables["_ELSEWHERE"].keys, tables["_ELSEWHERE"].values):
        if key is not None:
            elsewhere[ast.literal_eval(key)] = ast.literal_eval(value)
    for name, (module, path) in FRAMEWORK_TF2.items():
        owner, attr = f"{module}.{path}".rsplit(".", 1)
        assert elsewhere[name] == (owner, attr), name
