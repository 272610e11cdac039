"""Every golden case: output = after.py byte for byte (or unchanged when there is no
after.py), after.py parses, a second run changes nothing, warnings as expected."""
from __future__ import annotations

import libcst as cst
import pytest

from codemod.pipeline import transform_text
from tests.golden import cases

ALL = cases()


def test_there_are_cases_for_every_rule():
    import rules

    have = {c.rule for c in ALL}
    assert {r.id for r in rules.REGISTRY} <= have


@pytest.mark.parametrize("case", ALL, ids=[c.id for c in ALL])
def test_golden(case):
    name_map: dict = {}
    out, _changes, warnings = transform_text(case.before, [case.rule], name_map=name_map)
    expected = case.after if case.after is not None else case.before
    assert out == expected
    cst.parse_module(out)
    again, changes_again, _ = transform_text(out, [case.rule])
    assert again == out, "a second run must change nothing"
    assert not changes_again
    assert [f"{w.line}: {w.message}" for w in warnings] == case.warnings
    assert name_map == case.name_map


LATER = [c for c in ALL if c.rule != "tf-api"]


@pytest.mark.parametrize("case", LATER, ids=[c.id for c in LATER])
def test_stage_0_hides_nothing_from_later_rules(case):
    """Running tf-api first and then the rule ends where the rule's own output, renamed by
    tf-api, ends: stage 0 hides no pattern from a later stage and changes no model code
    beyond the names."""
    first, _, _ = transform_text(case.before, ["tf-api", case.rule])
    rule_only = case.after if case.after is not None else case.before
    renamed, _, _ = transform_text(rule_only, ["tf-api"])
    assert first == renamed


def test_findings_name_lines_of_the_original_file():
    """Stage 0 adds ``import tf_slim`` (a line) above the optimizer; the optimizers rule
    sees the rewritten text, but its change and warning name the optimizer's own line."""
    source = ("import tensorflow as tf\n\nslim = tf.contrib.slim\n\n\n"
              "def train(loss):\n    opt = tf.train.RMSPropOptimizer(0.1)\n    return opt\n")
    out, changes, warnings = transform_text(source, ["tf-api", "optimizers"])
    assert "import tf_slim" in out and out.splitlines()[7].strip().startswith("opt = tf.keras.optimizers.RMSprop")
    assert [(c.rule, c.line) for c in changes] == [("tf-api", 3), ("tf-api", 7), ("optimizers", 7)]
    assert [(w.rule, w.line) for w in warnings] == [("optimizers", 7)]


def test_every_case_through_every_rule_in_one_run(tmp_path):
    """The whole-run properties over every golden case's TF1 input, migrated by one
    ``--write`` run with every rule, as a user would: no file fails, every written file
    compiles, and a second run changes nothing."""
    import json
    import os
    import shutil
    import subprocess
    import sys
    import warnings
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent
    for case in ALL:
        folder = tmp_path / case.id.replace("/", "__")
        folder.mkdir()
        shutil.copyfile(root / "golden" / case.id / "before.py", folder / "before.py")
    env = {**os.environ, "PYTHONPATH": str(root)}

    def run(*args):
        proc = subprocess.run([sys.executable, "-m", "codemod.cli", "migrate", "-j", "2", "--format", "json", *args,
                               str(tmp_path)], capture_output=True, text=True, cwd=root, env=env, timeout=1800)
        return json.loads(proc.stdout)["files"]

    files = run("--write")
    assert len(files) == len(ALL)
    assert [f["path"] for f in files if f["status"] == "failed"] == []
    assert sum(f["status"] == "changed" for f in files) > len(ALL) * 3 // 4
    warnings.simplefilter("ignore", SyntaxWarning)
    for path in tmp_path.rglob("*.py"):
        compile(path.read_text(encoding="utf-8"), str(path), "exec", dont_inherit=True)
    assert [f["path"] for f in run() if f["status"] == "changed"] == []
