"""tf-hub's rewrite computes what hub.Module computed: a TF1 Hub format module, exported by
tensorflow_hub 0.15 (the last with hub.Module, fetched at test time into the PyPI cache)
and run by golden/tf-hub/local_module's before.py in a TF1 graph, gives the outputs its
after.py gives through hub.load on the installed tensorflow_hub 0.16, in eager code."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from tests.golden import cases
from tests.real_packages import fetch, unpack
from tests.subprocess_env import ROOT, keras_env

pytestmark = pytest.mark.slow
CASE = next(c for c in cases("tf-hub") if c.name == "local_module")
SCRIPT = Path(__file__).parent / "numeric" / "hub_modules.py"
TF1_HUB = "tensorflow-hub==0.15.0"


def _side(side: str, work: Path, *paths: Path) -> dict:
    proc = subprocess.run([sys.executable, str(SCRIPT), side, str(work)], capture_output=True, text=True,
                          env=keras_env(False, *paths), cwd=ROOT, timeout=600)
    assert proc.returncode == 0, proc.stderr[-3000:]
    return json.loads((work / f"{side}.json").read_text())


def test_hub_load_computes_what_hub_module_did(tmp_path):
    hub015 = unpack(fetch(TF1_HUB), tmp_path / "hub015", "tensorflow_hub")
    work = tmp_path / "work"
    work.mkdir()
    (work / "before.py").write_text(CASE.before, encoding="utf-8")
    (work / "after.py").write_text(CASE.after, encoding="utf-8")
    tf1 = _side("tf1", work, hub015)
    tf2 = _side("tf2", work)
    assert set(tf1) == set(tf2) == {"score", "pairs", "doubled"}
    for key in tf1:
        ones, twos = (tf1[key], tf2[key]) if key == "pairs" else ([tf1[key]], [tf2[key]])
        assert len(ones) == len(twos)
        for i, (a, b) in enumerate(zip(ones, twos)):
            np.testing.assert_allclose(np.asarray(b), np.asarray(a), rtol=1e-5, atol=1e-6, err_msg=f"{key}[{i}]")
    assert np.abs(np.asarray(tf1["score"])).max() > 0.1
