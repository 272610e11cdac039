"""slim-to-layers keeps the numbers: for each golden case of the rule with a
numerics.json (and each slim-arg-scope case with one, through both slim stages), before.py
and the rules' own output are built in TF1 graphs, under tf-keras and under Keras 3 (there
the output also goes through stages 0 and 7, as in a default run), given the
same values by name through the run's name map, and must compute the same outputs, end
points and regularization loss (within 1e-4 of the largest value), with every variable
accounted for on both sides. A case with ``"check": "init"`` compares the initial
weights instead: slim's default initializer and the rewrite's must draw from the same
distribution (largest value and standard deviation within 5% on kernels of thousands
of values, or the case's ``"rel"`` on kernels of millions)."""
from __future__ import annotations

import ast
import json
import sys
from pathlib import Path
from typing import Optional

import pytest

from codemod.pipeline import transform_text
from tests.golden import cases
from tests.subprocess_env import keras_env, run_at_once

SCRIPT = Path(__file__).parent / "numeric" / "slim_ops.py"
CASES = [c for c in cases("slim-arg-scope") + cases("slim-to-layers") if c.numerics]
CHAIN = {"slim-arg-scope": ["slim-arg-scope", "slim-to-layers"], "slim-to-layers": ["slim-to-layers"]}
TOL = 1e-4
WEIGHTS = ("weights", "depthwise_weights", "pointwise_weights")

pytestmark = pytest.mark.slow


def _prepare(case, work: Path, keras: str) -> None:
    name_map: dict = {}
    # under Keras 3, as a default run: stage 7 gives stage 2's tf.compat.v1.layers (which
    # only tf-keras has) their tf1to2.layers form, stage 0 the names TF2 lacks
    rules = CHAIN[case.rule] + (["tf-api", "v1-layers-shim"] if keras == "keras3" else [])
    out, _, _ = transform_text(case.before, rules, name_map=name_map)
    if keras == "keras3":
        assert "compat.v1.layers" not in out, "a v1 layer is left for Keras 3"
    if case.rule == "slim-arg-scope":  # both stages must have reached the entry's ops
        entry = next(n for n in ast.parse(out).body
                     if isinstance(n, ast.FunctionDef) and n.name == case.numerics["entry"])
        assert "slim." not in ast.get_source_segment(out, entry), "a slim op is left in the entry"
    work.mkdir(parents=True)
    (work / "before.py").write_text(case.before)
    (work / "after.py").write_text(out)
    (work / "spec.json").write_text(json.dumps(dict(case.numerics, name_map=name_map)))


class _Reports:
    """Every case under both Kerases, at first use: one process per Keras (a TensorFlow
    import for all its cases), the two at once. A case that raises leaves its traceback,
    and only its check fails."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.ended: Optional[dict] = None
        self.unprepared: dict = {}  # (case id, keras) → the assertion its rewrite failed

    def folder(self, case, keras: str) -> Path:
        return self.root / keras / case.id.replace("/", "__")

    def report(self, case, keras: str) -> dict:
        if self.ended is None:
            built: dict = {}
            for k in ("tf_keras", "keras3"):
                for c in CASES:
                    try:
                        _prepare(c, self.folder(c, k), k)
                        built.setdefault(k, []).append(str(self.folder(c, k)))
                    except AssertionError as e:  # the rewrite itself is wrong: that case's check says so
                        self.unprepared[(c.id, k)] = e
            self.ended = run_at_once({k: dict(args=[sys.executable, str(SCRIPT), *folders],
                                              env=keras_env(k == "tf_keras")) for k, folders in built.items()}, 1800)
        if (case.id, keras) in self.unprepared:
            raise self.unprepared[(case.id, keras)]
        code, _out, err = self.ended[keras]
        assert code == 0, err[-4000:]
        error = self.folder(case, keras) / "error.txt"
        assert not error.exists(), error.read_text()[-4000:]
        return json.loads((self.folder(case, keras) / "report.json").read_text())


@pytest.fixture(scope="module")
def reports(tmp_path_factory) -> _Reports:
    return _Reports(tmp_path_factory.mktemp("slim_ops"))


def test_there_are_cases_to_check():
    assert {c.id for c in CASES} >= {"slim-to-layers/depthwise_and_bias_add", "slim-to-layers/default_initializers",
                                     "slim-arg-scope/scope_function_forms"}


@pytest.mark.parametrize("keras", ["tf_keras", "keras3"])
@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_rewritten_ops_compute_what_slim_computed(case, keras, reports):
    report = reports.report(case, keras)
    assert report["keras"].startswith("tf_keras" if keras == "tf_keras" else "keras")
    assert report["names"]["original"] == report["names"]["rewritten"]
    if case.numerics.get("check") == "init":
        kernels = {n: s for n, s in report["init"].items() if n.rsplit("/", 1)[-1] in WEIGHTS}
        assert len(kernels) >= case.numerics["kernels"]
        rel = case.numerics.get("rel", 0.05)
        for name, s in kernels.items():
            assert s["rewritten_max"] == pytest.approx(s["original_max"], rel=rel), name
            assert s["rewritten_std"] == pytest.approx(s["original_std"], rel=rel), name
        return
    for mode, outputs in report["outputs"].items():
        keys = outputs.pop("keys")
        assert keys["original"] == keys["rewritten"], mode
        assert len(keys["original"]) >= case.numerics.get("min_outputs", 2)
        for key, r in outputs.items():
            assert r["diff"] is not None, (mode, key)
            assert r["diff"] <= TOL * max(1.0, r["largest"]), (mode, key, r)


def test_a_regularizer_applied_on_the_spot_keeps_slims_value_on_tf1_variables(tmp_path):
    """golden/slim-to-layers/applied_regularizers, as a default run leaves it: slim's
    ``l2_regularizer(s)(w)`` / ``l1_regularizer`` applied on the spot become slim's own
    formula, which gives slim's value on TF1's reference variables (a graph under TF1
    behaviour: TensorLayer's tests, ``disable_v2_behavior()``) and eagerly on TF2's. The
    Keras regularizer the rule wrote there before fails on a reference variable."""
    from rules import all_rules
    from tests.subprocess_env import ROOT, script_answers

    (case,) = [c for c in cases("slim-to-layers") if c.id.endswith("applied_regularizers")]
    (tmp_path / "before.py").write_text(case.before, encoding="utf-8")
    out, _, _ = transform_text(case.before, [r.id for r in all_rules()])
    assert "tf.nn.l2_loss(params[0])" in out
    (tmp_path / "after.py").write_text(out, encoding="utf-8")
    answers = script_answers(ROOT / "tests" / "numeric" / "applied_regularizers.py", tmp_path,
                             ("tf1", "tf2_graph", "tf2", "keras_applied"))
    tf1 = answers["tf1"]
    # 0.3 * sum(w²) / 2 over two of the variables, 0.1 * sum(|w|) over the other; 0.75 * sum(w²) / 2
    assert set(tf1) == {"reconstruction", "scaled"} and tf1["reconstruction"] > 1.0, tf1
    for side in ("tf2_graph", "tf2"):
        assert answers[side].keys() == tf1.keys()
        for key in tf1:
            assert abs(answers[side][key] - tf1[key]) <= 1e-5 * abs(tf1[key]), (side, key, answers[side], tf1)
    assert "float32_ref" in answers["keras_applied"].get("error", ""), answers["keras_applied"]
