"""slim-arg-scope keeps what code reading the arg_scope stack sees: golden
``slim-arg-scope/scope_stack``'s functions, before and as the rule writes them, built in
TF1 graphs (``tests/numeric/scope_objects.py``), return outputs of the same shape and
scope objects / current_arg_scope() values holding the same settings."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from codemod.pipeline import transform_text
from tests.golden import cases
from tests.subprocess_env import keras_env

SCRIPT = Path(__file__).parent / "numeric" / "scope_objects.py"


def test_scope_objects_and_the_stack_hold_what_they_held(tmp_path):
    case = next(c for c in cases("slim-arg-scope") if c.id == "slim-arg-scope/scope_stack")
    out, _, warnings = transform_text(case.before, ["slim-arg-scope"])
    assert "arg_scope(" not in out.split("def plain")[1], "the scopes nothing reads are still there"
    (tmp_path / "before.py").write_text(case.before)
    (tmp_path / "after.py").write_text(out)
    proc = subprocess.run([sys.executable, str(SCRIPT), str(tmp_path)], capture_output=True, text=True,
                          env=keras_env(False), timeout=600)
    assert proc.returncode == 0, proc.stderr[-4000:]
    report = json.loads(proc.stdout.strip().splitlines()[-1])
    assert len(report["before"]) == 6
    for name, seen in report["before"].items():
        assert report["after"][name] == seen, name
    # each kept scope says why, at its line
    assert sum("arg_scope left in place" in w.message for w in warnings) == 7


def test_reads_of_model_variables_are_warned_where_the_rewritten_layers_leave_them_empty(tmp_path):
    """slim's layers filled MODEL_VARIABLES and the layers they become do not: golden
    ``slim-to-layers/model_variables``' averaged() finds the conv's two variables before the
    rewrite and none after (in a TF1 graph, under Keras 3 through the default stages), and
    the read is warned at its line."""
    case = next(c for c in cases("slim-to-layers") if c.id == "slim-to-layers/model_variables")
    out, _, warnings = transform_text(case.before, ["tf-api", "slim-to-layers", "v1-layers-shim"])
    line = next(i for i, text in enumerate(case.before.splitlines(), 1) if "ema.apply(" in text)
    assert any(w.line == line and "MODEL_VARIABLES" in w.message for w in warnings)
    (tmp_path / "before.py").write_text(case.before)
    (tmp_path / "after.py").write_text(out)
    script = ("import importlib.util, sys, json\n"
              "import tensorflow as tf\n"
              "seen = {}\n"
              "for side in ('before', 'after'):\n"
              "    spec = importlib.util.spec_from_file_location(side, sys.argv[1] + f'/{side}.py')\n"
              "    m = importlib.util.module_from_spec(spec); spec.loader.exec_module(m)\n"
              "    with tf.Graph().as_default():\n"
              "        m.averaged(tf.compat.v1.placeholder(tf.float32, [1, 8, 8, 3]))\n"
              "        seen[side] = [v.op.name for v in tf.compat.v1.get_collection('model_variables')]\n"
              "print(json.dumps(seen))\n")
    proc = subprocess.run([sys.executable, "-c", script, str(tmp_path)], capture_output=True, text=True,
                          env=keras_env(False), timeout=600)
    assert proc.returncode == 0, proc.stderr[-4000:]
    seen = json.loads(proc.stdout.strip().splitlines()[-1])
    assert sorted(seen["before"]) == ["conv/biases", "conv/weights"] and seen["after"] == [], seen
