"""What the slim stages keep, and warn where they cannot, built before and after in TF1
graphs: scope objects and current_arg_scope() (golden ``slim-arg-scope/scope_stack``),
scopes around code the rules cannot follow (``code_it_cannot_follow``: batch norms stay
in inference mode), and the reads the rewritten layers answer otherwise, which are
warned (``slim-to-layers/model_variables``, ``leaf_name_lookups``)."""
from __future__ import annotations

import json
import sys
import textwrap
from pathlib import Path

from codemod.pipeline import transform_text
from tests.golden import cases
from tests.subprocess_env import keras_env, tf_run

SCRIPT = Path(__file__).parent / "numeric" / "scope_objects.py"


def _both_sides(tmp_path: Path, before: str, after: str, build: str) -> dict:
    """before.py and after.py each built in a TF1 graph of its own, under plain TF 2.21
    (Keras 3), in a subprocess: ``build`` (statements, the module as ``m``) sets ``value``;
    returns {"before": value, "after": value}."""
    (tmp_path / "before.py").write_text(before)
    (tmp_path / "after.py").write_text(after)
    script = ("import importlib.util, sys, json\n"
              "import numpy as np\n"
              "import tensorflow as tf\n"
              "seen = {}\n"
              "for side in ('before', 'after'):\n"
              "    spec = importlib.util.spec_from_file_location(side, sys.argv[1] + f'/{side}.py')\n"
              "    m = importlib.util.module_from_spec(spec); spec.loader.exec_module(m)\n"
              "    with tf.Graph().as_default():\n"
              + textwrap.indent(textwrap.dedent(build), " " * 8)
              + "        seen[side] = value\n"
              "print(json.dumps(seen))\n")
    proc = tf_run([sys.executable, "-c", script, str(tmp_path)], capture_output=True, text=True,
                  env=keras_env(False), timeout=600)
    assert proc.returncode == 0, proc.stderr[-4000:]
    return json.loads(proc.stdout.strip().splitlines()[-1])


def test_scope_objects_and_the_stack_hold_what_they_held(tmp_path):
    case = next(c for c in cases("slim-arg-scope") if c.id == "slim-arg-scope/scope_stack")
    out, _, warnings = transform_text(case.before, ["slim-arg-scope"])
    assert "arg_scope(" not in out.split("def plain")[1], "the scopes nothing reads are still there"
    (tmp_path / "before.py").write_text(case.before)
    (tmp_path / "after.py").write_text(out)
    proc = tf_run([sys.executable, str(SCRIPT), str(tmp_path)], capture_output=True, text=True,
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
    seen = _both_sides(tmp_path, case.before, out, """
        m.averaged(tf.compat.v1.placeholder(tf.float32, [1, 8, 8, 3]))
        value = [v.op.name for v in tf.compat.v1.get_collection('model_variables')]
    """)
    assert sorted(seen["before"]) == ["conv/biases", "conv/weights"] and seen["after"] == [], seen


def test_scopes_around_code_the_rule_cannot_follow_still_reach_it(tmp_path):
    """Golden ``slim-arg-scope/code_it_cannot_follow``, before and through a default run's
    slim stages (and stage 0 and the shim's layers, as under Keras 3), built in TF1 graphs
    (``tests/numeric/scope_reach.py``): the batch norms that functions handed in, made at
    run time, looked up, objects' and the class's methods and slim's own ResNet blocks
    build stay in inference mode (no moving-average updates) and every output is the
    same; the rule before this fix lost is_training=False in six of the nine."""
    case = next(c for c in cases("slim-arg-scope") if c.id == "slim-arg-scope/code_it_cannot_follow")
    out, _, warnings = transform_text(case.before, ["tf-api", "slim-arg-scope", "slim-to-layers", "v1-layers-shim"])
    (tmp_path / "before.py").write_text(case.before)
    (tmp_path / "after.py").write_text(out)
    proc = tf_run([sys.executable, str(SCRIPT.parent / "scope_reach.py"), str(tmp_path)], capture_output=True,
                  text=True, env=keras_env(False), timeout=600)
    assert proc.returncode == 0, proc.stderr[-4000:]
    report = json.loads(proc.stdout.strip().splitlines()[-1])
    assert len(report["before"]) == 9
    for name, seen in report["before"].items():
        assert seen["updates"] == 0, (name, seen)
        after = report["after"][name]
        assert after["updates"] == 0 and after["shape"] == seen["shape"], (name, after)
        assert abs(after["sum"] - seen["sum"]) <= 1e-4 * max(1.0, abs(seen["sum"])), (name, seen, after)
    # the two functions whose scopes go lost them, and their ops were rewritten
    assert "arg_scope" not in out.split("def only_data")[1].split("\ndef ")[0]
    assert "slim." not in out.split("def only_what_builds_nothing")[1]
    assert sum("arg_scope left in place" in w.message for w in warnings) == 8


def test_lookups_by_slims_leaf_names_are_warned_where_they_find_nothing_after_the_rewrite(tmp_path):
    """Golden ``slim-to-layers/leaf_name_lookups``: weight_decay()'s L2 over the variables
    whose name holds 'weights' is the conv's before the rewrite and silently 0 after
    (the variable is conv1/kernel), in a TF1 graph under Keras 3 through a default run's
    stages; the string is warned at its line, and names of what calls make are not."""
    case = next(c for c in cases("slim-to-layers") if c.id == "slim-to-layers/leaf_name_lookups")
    out, _, warnings = transform_text(case.before, ["tf-api", "slim-to-layers", "v1-layers-shim"])
    lines = case.before.splitlines()
    warned = {w.line for w in warnings if "slim's leaf name" in w.message}
    assert warned == {i for i, t in enumerate(lines, 1) if "get_variables_by_name" in t or ".name" in t
                      or "conv1/" in t} and len(warned) == 5, warned
    seen = _both_sides(tmp_path, case.before, out, """
        tf.compat.v1.set_random_seed(0)
        _, l2 = m.weight_decay(tf.constant(np.ones([1, 5, 5, 2], np.float32)))
        with tf.compat.v1.Session() as s:
            s.run(tf.compat.v1.global_variables_initializer())
            value = float(s.run(l2)) if tf.is_tensor(l2) else float(l2)
    """)
    assert seen["before"] > 0.01 and seen["after"] == 0.0, seen
