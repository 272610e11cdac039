"""The rewritten optimizers train like the TF1 originals, step by step.

For every golden optimizer case with numerics.json: before.py in a TF1 graph
(Session + minimize) and the rule's output for it in TF2 eager (GradientTape + apply_gradients), under
Keras 3 and under tf-keras, same problem, same initial weights, 6 steps, weights
compared after every step at rtol = atol = 1e-6. Where the rule warns that Keras
cannot express TF1's behaviour, the test checks the warning is warranted (the
trajectories do differ) and, for RMSProp, that the difference it names is the only one.
"""
from __future__ import annotations

import json
import os
import shutil
import sys
from pathlib import Path

import numpy as np
import pytest

from codemod.pipeline import transform_text
from tests.golden import cases
from tests.subprocess_env import tf_run

SCRIPT = Path(__file__).parent / "numeric" / "optimizer_trajectories.py"
CASES = [c for c in cases("optimizers") if c.numerics]
FLAVOURS = {"keras3": {}, "tf_keras": {"TF_USE_LEGACY_KERAS": "1"}}
TOL = 1e-6

pytestmark = pytest.mark.slow


def _rule_outputs(tmp: Path) -> list[Path]:
    """The rule's own output for each case (not after.py: the golden test pins that the
    two are equal; here a numerically wrong rule must fail by itself)."""
    dirs = []
    for c in CASES:
        out, _, _ = transform_text(c.before, ["optimizers"])
        d = tmp / c.name
        d.mkdir()
        (d / "after.py").write_text(out, encoding="utf-8")
        shutil.copy(c.path / "numerics.json", d / "numerics.json")
        dirs.append(d)
    return dirs


def _run(side: str, extra_env: dict, case_dirs: list[Path]) -> dict:
    env = {k: v for k, v in os.environ.items() if k != "TF_USE_LEGACY_KERAS"}
    env.update(extra_env, TF_CPP_MIN_LOG_LEVEL="3", CUDA_VISIBLE_DEVICES="")
    root = Path(__file__).resolve().parent.parent
    proc = tf_run(
        [sys.executable, str(SCRIPT), side, *map(str, case_dirs)],
        capture_output=True, text=True, env=env, cwd=root, timeout=600,
    )
    assert proc.returncode == 0, proc.stderr[-4000:]
    return json.loads(proc.stdout)


@pytest.fixture(scope="module")
def trajectories(tmp_path_factory):
    from concurrent.futures import ThreadPoolExecutor

    rewritten = _rule_outputs(tmp_path_factory.mktemp("rewritten"))
    originals = [c.path for c in CASES]
    runs = {"tf1": ("tf1", {}, originals), **{f: ("tf2", env, rewritten) for f, env in FLAVOURS.items()}}
    with ThreadPoolExecutor(len(runs)) as pool:  # the three processes at once (each mostly imports)
        done = {key: pool.submit(_run, *args) for key, args in runs.items()}
        return {key: future.result() for key, future in done.items()}


PARAMS = [
    (c, builder, mode, flavour)
    for c in CASES
    for builder, mode in c.numerics["builders"].items()
    for flavour in FLAVOURS
]


def _max_diff(a, b) -> float:
    return max(
        float(np.max(np.abs(np.asarray(x, dtype=np.float64) - np.asarray(y, dtype=np.float64))))
        for step_a, step_b in zip(a, b)
        for x, y in zip(step_a, step_b)
    )


def _assert_close_every_step(tf1, tf2, initial):
    """Weights equal at 1e-6 after every step, and so is how far they moved (rtol 1e-3):
    tiny steps (Adadelta's) would pass the first check whatever they were. Not tighter:
    TF1 keeps Adam's beta powers in float32 even for float64 weights."""
    assert len(tf1) == len(tf2) >= 5
    for step, (a, b) in enumerate(zip(tf1, tf2), start=1):
        for name, x, y, x0 in zip(("w", "b", "s"), a, b, initial):
            x, y, x0 = (np.asarray(v, dtype=np.float64) for v in (x, y, x0))
            np.testing.assert_allclose(y, x, rtol=TOL, atol=TOL, err_msg=f"{name} after step {step}")
            np.testing.assert_allclose(
                y - x0, x - x0, rtol=1e-3, atol=1e-12, err_msg=f"{name}'s movement after step {step}"
            )


@pytest.mark.parametrize(
    "case,builder,mode,flavour", PARAMS, ids=[f"{c.name}.{b}.{f}" for c, b, _, f in PARAMS]
)
def test_trains_like_tf1(trajectories, case, builder, mode, flavour):
    initial = trajectories["tf1"]["initial"]
    tf1 = trajectories["tf1"]["cases"][case.name][builder]["trajectory"]
    tf2 = trajectories[flavour]["cases"][case.name][builder]
    # The weights must move, or "equal" proves nothing.
    assert _max_diff(tf1, [initial] * len(tf1)) > 1e-7
    if mode == "equal":
        _assert_close_every_step(tf1, tf2["trajectory"], initial)
    elif mode == "equal_once_accumulators_start_at_one":
        assert _max_diff(tf1, tf2["trajectory"]) > 1e-3, "the warning claims a difference"
        _assert_close_every_step(tf1, tf2["trajectory_ones"], initial)
    elif mode == "differs":
        assert _max_diff(tf1, tf2["trajectory"]) > 1e-4, "the warning claims a difference"
    else:
        raise AssertionError(f"unknown mode {mode}")
