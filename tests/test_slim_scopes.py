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
