"""training-step's rewrite keeps what the TF1 step meant: run eagerly, the original step
silently trains without its regularization (the collection is empty), the rewritten one
adds the model's losses; batch norm's moving averages move in both, without the
UPDATE_OPS dependencies."""
from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from tests.golden import cases
from tests.subprocess_env import ROOT, answers_at_once, keras_env, script_answers, tf_run

pytestmark = pytest.mark.slow
CASE = next(c for c in cases("training-step") if c.name == "eager_steps")


def test_the_rewritten_step_trains_with_the_regularization_the_original_lost(tmp_path):
    (tmp_path / "before.py").write_text(CASE.before, encoding="utf-8")
    (tmp_path / "after.py").write_text(CASE.after, encoding="utf-8")
    proc = tf_run([sys.executable, str(Path(__file__).parent / "numeric" / "training_steps.py"),
                           str(tmp_path / "before.py"), str(tmp_path / "after.py")],
                  capture_output=True, text=True, env=keras_env(), cwd=ROOT, timeout=600)
    assert proc.returncode == 0, proc.stderr[-3000:]
    got = json.loads(proc.stdout.strip().splitlines()[-1])
    before, after = got["before"], got["after"]
    assert after["reg"] > 0.01
    assert after["loss"] == pytest.approx(after["data"] + after["reg"], rel=1e-5)
    assert before["loss"] == pytest.approx(before["data"], rel=1e-5), "eagerly, the TF1 collection is empty"
    assert before["moving_mean_moved"] > 0 and after["moving_mean_moved"] > 0


SAVERS = next(c for c in cases("training-step") if c.name == "model_savers")


def test_a_saver_of_a_keras_3_model_loses_weights_silently_and_the_checkpoint_keeps_them(tmp_path):
    """The original saves a Keras 3 model's four variables through a Saver, which keys them
    by .name (kernel, bias: shared): one entry is written, and restoring it into a second
    model 'works' and leaves it computing something else. The rewrite (tf.train.Checkpoint)
    restores the second model to the first's outputs exactly. The same for numbered saves
    in a training loop (global_step, max_to_keep=2), rewritten to a CheckpointManager."""
    for side, text in (("before", SAVERS.before), ("after", SAVERS.after)):
        (tmp_path / f"{side}.py").write_text(text, encoding="utf-8")
    results = answers_at_once({side: dict(args=[sys.executable, str(Path(__file__).parent / "numeric" / "model_savers.py"),
                                                str(tmp_path / f"{side}.py")], env=keras_env(False), cwd=ROOT)
                               for side in ("before", "after")}, 600)
    before, after = results["before"], results["after"]
    assert before["variables"] == after["variables"] == 4
    assert before["entries"] < 4, "the Saver keeps one variable per shared name"
    assert before["max_diff"] > 0.1, "the original's restore leaves other weights"
    assert after["restored"] and after["max_diff"] == 0.0
    # numbered saves: the CheckpointManager keeps the files the Saver kept, names the same
    # latest one, and that one restores a fresh model exactly; the Saver's did not
    assert before["kept"] == after["kept"] == ["model.ckpt-1.index", "model.ckpt-2.index"]
    assert before["latest"] == after["latest"] == "model.ckpt-2"
    assert before["numbered_diff"] > 0.1 and after["numbered_diff"] == 0.0 and "numbered_error" not in after


def test_a_variable_fetched_with_its_update_is_one_behind_under_tf2_as_the_warning_says(tmp_path):
    """golden/training-step/fetch_with_update's ``train_step`` (slim's ``sess.run([train_op,
    global_step])``) run twenty times: under TF1 behaviour the fetched global steps are
    1 ... 20 (read after the run's update); the whole pipeline's output under plain TF 2.21
    reads each before or after its update, in no set order, some behind (0, 1, 2 in most runs
    seen; 0, 1, 3 once), with the same final step (what the run warns of at that line); with
    the warning's advice (TF1's variables kept) it fetches TF1's again."""
    from codemod.pipeline import transform_text
    from rules import all_rules

    case = next(c for c in cases("training-step") if c.name == "fetch_with_update")
    out, _, found = transform_text(case.before, [r.id for r in all_rules()])
    line = case.before.splitlines().index(
        "    total_loss, np_global_step = sess.run([train_op, global_step], feed_dict=feed)  # warned") + 1
    assert any(w.line == line and "resource variables are read in no set order" in w.message for w in found)
    (tmp_path / "before.py").write_text(case.before, encoding="utf-8")
    (tmp_path / "after.py").write_text(out, encoding="utf-8")
    # (in new processes: the order is the one a new runtime happens to run the two in)
    got = script_answers(ROOT / "tests" / "numeric" / "fetch_order.py", tmp_path, ("tf1", "tf2", "advice"), fresh=True)
    after_each_update = list(range(1, 21))
    assert got["tf1"] == {"fetched": after_each_update, "final": 20}
    # TF2 reads each run's step before or after its update, in no set order (CI once
    # fetched 0, 1, 3): each read is one of the two, and some are behind, as warned
    assert got["tf2"]["final"] == 20
    assert all(f in (step - 1, step) for f, step in zip(got["tf2"]["fetched"], after_each_update, strict=True))
    assert got["tf2"]["fetched"] != after_each_update, "no read was behind in twenty runs"
    assert got["advice"] == got["tf1"]
