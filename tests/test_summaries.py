"""training-step's tf.contrib.summary → tf.summary writes the events TF1 wrote: the
golden case's ``train()`` runs on TF1's contrib module (``summary_ops_v2``, which
TensorFlow 2.21 still has) and, rewritten, on TF2's ``tf.summary`` (tensorboard 2.21,
fetched at test time: TensorFlow 2.21 does not install it), and every event agrees: the
same tags at the same steps (the global step where contrib's default took it, every other
step where recording was every 2, none where it was off), the same values, pixels and
samples."""
from __future__ import annotations

import json
import re
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
CASE = next(c for c in cases("training-step") if c.name == "contrib_summaries")
SCRIPT = Path(__file__).parent / "numeric" / "summaries.py"
TENSORBOARD = "tensorboard==2.21.0"


def _side(side: str, work: Path, *paths: Path) -> dict:
    proc = tf_run([sys.executable, str(SCRIPT), side, str(work)], capture_output=True, text=True,
                  env=keras_env(False, *paths), cwd=ROOT, timeout=600)
    assert proc.returncode == 0, proc.stderr[-3000:]
    return json.loads((work / f"{side}.json").read_text())


def _tags_as_tf2(events: dict) -> dict:
    """TF1 wrote images and sounds under ``name/image`` / ``name/audio`` (``/0``, ``/1``,
    ... for several), TF2 all of them under ``name`` (the rule says so at the line)."""
    out: dict = {}
    for tag in sorted(events, key=lambda t: [int(p) if p.isdigit() else p for p in t.split("/")]):
        m = re.fullmatch(r"(.+)/(image|audio)(/\d+)?", tag)
        if m is None:
            out[tag] = events[tag]
            continue
        for step, value in events[tag].items():
            merged = out.setdefault(m.group(1), {}).setdefault(step, {})
            for key, items in value.items():
                merged.setdefault(key, []).extend(items)
    return out


@pytest.fixture(scope="module")
def tensorboard(tmp_path_factory) -> Path:
    return unpack(fetch(TENSORBOARD), tmp_path_factory.mktemp("tensorboard"), "tensorboard")


@pytest.mark.parametrize("run", ["rule", "every_rule"])
def test_tf_summary_writes_the_events_tf_contrib_summary_wrote(run, tmp_path, tensorboard):
    after = CASE.after if run == "rule" else transform_text(CASE.before, [r.id for r in all_rules()])[0]
    code = after.split('"""', 2)[2]  # (past the docstring, which names contrib)
    assert "tf.contrib" not in code.split("def not_rewritten")[0]
    (tmp_path / "before.py").write_text(CASE.before, encoding="utf-8")
    (tmp_path / "after.py").write_text(after, encoding="utf-8")
    tf1 = _tags_as_tf2(_side("tf1", tmp_path))
    tf2 = _side("tf2", tmp_path, tensorboard)
    assert sorted(tf1) == sorted(tf2) == ["doubled", "every_2", "images", "loss", "sound", "values"], (tf1, tf2)
    assert sorted(tf1["every_2"]) == ["0", "2"] and sorted(tf1["doubled"]) == ["0", "1", "2", "3"]
    assert "never" not in tf1
    for tag in tf1:
        assert sorted(tf1[tag]) == sorted(tf2[tag]), tag
        for step, ref in tf1[tag].items():
            got = tf2[tag][step]
            assert sorted(got) == sorted(ref), (tag, step, got, ref)
            for key in ref:
                # pixels: TF2 rounds float images to levels otherwise than TF1 did (one level at most;
                # the rule says so); everything else exactly, up to float printing
                atol = 1.0 if key == "images" else 1e-6
                np.testing.assert_allclose(np.asarray(got[key], float), np.asarray(ref[key], float), rtol=1e-6,
                                           atol=atol, err_msg=f"{tag} at {step}: {key}")
