"""Migrated models compute what the TF1 originals computed, from the TF1 checkpoint.

For every model in the numerics.json of a golden case of stages 3–5, and for the whole chain
(stages 3, 4 and 5 run together on the case's before.py): before.py is built in a TF1
graph (one per mode), its variables set to seeded random values and saved with
``tf.compat.v1.train.Saver``; the rule's own output is built in TF2 eager under tf-keras
and under Keras 3 (there after stages 0 and 7 too, as a default run does),
loaded from that checkpoint through the name map the run wrote
(``tf1to2.load_tf1_checkpoint``), and called on the same inputs. Outputs and
regularization losses must agree within 1e-4 in inference and training mode, and every
TF1 variable must be loaded into exactly one variable of the migrated layer.
"""
from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path
from typing import Optional

import numpy as np
import pytest

from codemod.pipeline import transform_text
from tests.golden import cases
from tests.subprocess_env import ROOT, References, answers_at_once, keras_env, run_at_once, tf_run

SCRIPT = Path(__file__).parent / "numeric" / "layer_models.py"
RULES = ("wrap-in-layer", "layers-to-attributes", "keras-layers", "native-keras")
# numerics.json holds one model to build, or a list of them (several in one file)
MODELS = [(c, spec) for r in RULES for c in cases(r) if c.numerics
          for spec in (c.numerics if isinstance(c.numerics, list) else [c.numerics])]
IDS = [f"{c.id}:{spec['entry']}" for c, spec in MODELS]
TOL = 1e-4

pytestmark = pytest.mark.slow


# The TF1 side always runs under tf-keras (the originals use tf.layers, which only it
# has); the migrated side runs under each Keras. Under Keras 3 the output also goes
# through the default run's stages 0 and 7 (tf-api, v1-layers-shim), which give the v1
# layers that stages 3-5 leave (functions, and stage 4's layer objects), and the
# originals' names, a Keras 3 home.
KERASES = ("tf_keras", "keras3")
KERAS3_STAGES = ["tf-api", "v1-layers-shim"]


def _run(side: str, work: Path, keras: str = "tf_keras", *more: Path) -> dict:
    """Build ``work``'s model (and those of ``more`` folders, in the same process) on one side."""
    proc = tf_run([sys.executable, str(SCRIPT), side, str(work), *map(str, more)], capture_output=True,
                  text=True, env=keras_env(side == "tf1" or keras == "tf_keras"), cwd=ROOT, timeout=900)
    assert proc.returncode == 0, proc.stderr[-4000:]
    return json.loads((work / f"{side}.json").read_text())


def _prepare(case, spec: dict, rules: list, tmp: Path, accepted: Optional[dict] = None) -> tuple[Path, str]:
    name_map: dict = {}
    out, _, _ = transform_text(case.before, rules, accepted=accepted, name_map=name_map)
    tmp.mkdir(parents=True)
    (tmp / "before.py").write_text(case.before, encoding="utf-8")
    (tmp / "after.py").write_text(out, encoding="utf-8")
    (tmp / "name_map.json").write_text(json.dumps(name_map), encoding="utf-8")
    (tmp / "spec.json").write_text(json.dumps(spec), encoding="utf-8")
    return tmp, out


def compare(tf1: dict, tf2: dict, spec: dict) -> None:
    assert sorted(tf2["loaded"]) == tf1["variables"], "every TF1 variable loads, and nothing else"
    assert tf2["weights"] == len(tf1["variables"]), "one migrated variable per TF1 variable"
    for mode, ref in tf1["modes"].items():
        got = tf2["modes"][mode]
        a, b = np.asarray(ref["output"]), np.asarray(got["output"])
        assert a.shape == b.shape
        if mode == "True" and spec.get("random_in_training"):
            # dropout draws other masks in TF1 and TF2: dropout must be on in both
            inference = np.asarray(tf1["modes"]["False"]["output"])
            assert not np.allclose(a, inference) and not np.allclose(b, np.asarray(tf2["modes"]["False"]["output"]))
            continue
        np.testing.assert_allclose(b, a, rtol=TOL, atol=TOL, err_msg=f"output, training={mode}")
        np.testing.assert_allclose(got["reg"], ref["reg"], rtol=TOL, atol=TOL, err_msg=f"losses, training={mode}")


_TF1 = References("ckpt", "tf1.json")


def _tf1(case, spec: dict, work: Path) -> dict:
    """The TF1 reference (outputs and checkpoint) depends on before.py and the spec only:
    built once per model."""
    _TF1.into((case.id, json.dumps(spec, sort_keys=True)), work, lambda: _run("tf1", work))
    return json.loads((work / "tf1.json").read_text())


# Cases whose numerics.json says why the chain cannot load every TF1 variable (the
# rule warns that those names are not in the name map); they are not run in the chain.
CHAIN = [(c, spec, i) for (c, spec), i in zip(MODELS, IDS) if "chain_not_mapped" not in spec]


class _Built:
    """Every model built in one subprocess per side (a TensorFlow import costs seconds;
    there are over a hundred checks): the TF1 references once, and each migrated set
    (a rule alone, or the stages together) once per Keras, both Kerases' at once, on first use."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.tf1: dict = {}  # IDS entry → its TF1 work folder
        self.sides: dict = {}  # (kind, keras) → {IDS entry: (tf1 json, tf2 json)}

    def _references(self) -> None:
        if self.tf1:
            return
        for (case, spec), ident in zip(MODELS, IDS):
            work = self.root / "tf1" / ident.replace("/", "__").replace(":", "__")
            work.mkdir(parents=True)
            (work / "before.py").write_text(case.before, encoding="utf-8")
            (work / "spec.json").write_text(json.dumps(spec), encoding="utf-8")
            self.tf1[ident] = work
        first, *rest = self.tf1.values()
        _run("tf1", first, "tf_keras", *rest)

    def result(self, kind: str, keras: str, ident: str) -> tuple:
        if (kind, keras) not in self.sides:
            self._references()
            # both Keras' sets of this kind at once, on the machine's two cores
            works = {k: self._prepare(kind, k) for k in KERASES}
            runs = {k: dict(args=[sys.executable, str(SCRIPT), "tf2", *map(str, w.values())], env=keras_env(
                k == "tf_keras"), cwd=ROOT) for k, w in works.items() if w}
            for k, (code, _out, err) in run_at_once(runs, 900).items():
                assert code == 0, f"{k}:\n{err[-4000:]}"
            for k, w in works.items():
                self.sides[(kind, k)] = {i: (json.loads((self.tf1[i] / "tf1.json").read_text()),
                                             json.loads((work / "tf2.json").read_text())) for i, work in w.items()}
        return self.sides[(kind, keras)][ident]

    def _prepare(self, kind: str, keras: str) -> dict:
        """The migrated set of ``kind`` for ``keras``, written out: IDS entry → its folder."""
        models = MODELS if kind == "rule" else [m[:2] for m in CHAIN]
        ids = IDS if kind == "rule" else [m[2] for m in CHAIN]
        works = {}
        for (case, spec), i in zip(models, ids):
            if not _runs(spec, keras, kind):
                continue
            rules = [case.rule] if kind == "rule" else list(RULES)
            tmp = self.root / kind / keras / i.replace("/", "__").replace(":", "__")
            work, _ = _prepare(case, spec, rules + (KERAS3_STAGES if keras == "keras3" else []), tmp)
            if (self.tf1[i] / "ckpt").exists():
                shutil.copytree(self.tf1[i] / "ckpt", work / "ckpt")
            works[i] = work
        return works


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> _Built:
    return _Built(tmp_path_factory.mktemp("layer_models"))


def _check(built: _Built, kind: str, keras: str, ident: str, case, spec: dict) -> None:
    tf1, tf2 = built.result(kind, keras, ident)
    assert "error" not in tf1, tf1.get("error")
    assert "error" not in tf2, tf2.get("error")
    compare(tf1, tf2, spec)
    expected = spec.get("tf1_names")
    if expected is not None and kind == "rule":
        assert tf1["variables"] == sorted(expected), "the guide's variable names"


def _runs(spec: dict, keras: str, kind: str) -> bool:
    """Whether the model is built under ``keras`` for a ``kind`` ("rule" or "chain") check:
    a numerics.json with "tf_keras_not_mapped" says why tf-keras' names of it are not TF1's
    (the model is not built under tf-keras at all, rather than built and skipped), unless
    "tf_keras_chain" says the chain's output, native Keras, maps them; one with
    "keras3_raises" why it runs under tf-keras only."""
    if keras == "keras3" and "keras3_raises" in spec:  # it says why (TF1 RNN cells are tf-keras')
        return False
    return not (keras == "tf_keras" and "tf_keras_not_mapped" in spec and not (
        kind == "chain" and spec.get("tf_keras_chain")))


def _per_keras(models: list, kind: str) -> list:
    """(case, spec, keras) for each Keras the model's names load under (``_runs``)."""
    return [pytest.param(case, spec, keras, id=f"{ident}-{keras}") for case, spec, ident in models
            for keras in KERASES if _runs(spec, keras, kind)]


@pytest.mark.parametrize("case, spec, keras", _per_keras([(c, s, i) for (c, s), i in zip(MODELS, IDS)], "rule"))
def test_rule_output_computes_what_tf1_did(case, spec, keras, built):
    _check(built, "rule", keras, f"{case.id}:{spec['entry']}", case, spec)


@pytest.mark.parametrize("case, spec, keras", _per_keras(CHAIN, "chain"))
def test_stages_3_to_5_compute_what_tf1_did(case, spec, keras, built):
    _check(built, "chain", keras, f"{case.id}:{spec['entry']}", case, spec)


PARTIAL = next(c for c in cases("keras-layers") if c.name == "three_in_one_scope")


@pytest.mark.parametrize("accepted", [(0, 1), (0, 2), (1,), (2,)], ids=lambda a: "accept-" + "-".join(map(str, a)))
def test_any_subset_of_accepted_changes_keeps_the_numbers(accepted, tmp_path):
    """Interactively (or through ignore comments) only some of keras-layers' changes are
    made: the layers that stay v1 must keep their TF1 names (record_scope for the
    converted ones before them), so the TF1 checkpoint still loads and computes the same.
    Run under tf-keras, which the remaining v1 layers need."""
    spec = PARTIAL.numerics
    work, out = _prepare(PARTIAL, spec, ["keras-layers"], tmp_path / "partial", {"keras-layers": set(accepted)})
    assert out.count("tensorflow.keras.layers.Conv2D") == len(accepted)
    compare(_tf1(PARTIAL, spec, work), _run("tf2", work), spec)


# golden/v1-layers-shim/form_*: each v1 layer form with every argument, by keyword and by
# position, with reuse, frozen, and its class. A default run (every rule) makes the
# model function a Keras layer and whatever layers it can native Keras layers, leaves
# the others on the shim; the result loads the TF1 checkpoint through the run's name map
# and computes TF1's numbers, under each Keras. All cases in one subprocess per side.
FORMS = [c for c in cases("v1-layers-shim") if c.numerics]


@pytest.fixture(scope="module")
def default_runs(tmp_path_factory) -> dict:
    from rules import all_rules
    rules = [r.id for r in all_rules()]
    root = tmp_path_factory.mktemp("forms")
    works = {c.name: _prepare(c, c.numerics, rules, root / c.name)[0] for c in FORMS}
    first, *rest = works.values()
    _run("tf1", first, "tf_keras", *rest)
    built: dict = {}

    def side(keras: str) -> dict:
        if keras not in built:
            _run("tf2", first, keras, *rest)
            built[keras] = {name: json.loads((w / "tf2.json").read_text()) for name, w in works.items()}
        return built[keras]
    return {"works": works, "side": side}


@pytest.mark.parametrize("keras", KERASES)
@pytest.mark.parametrize("case", FORMS, ids=[c.name for c in FORMS])
def test_a_default_run_of_each_form_computes_what_tf1_did(case, keras, default_runs):
    work = default_runs["works"][case.name]
    spec = dict(case.numerics)
    if keras == "keras3" and spec.get("keras3_random_in_training"):  # it says why Keras 3 cannot be exact
        spec["random_in_training"] = True
    compare(json.loads((work / "tf1.json").read_text()), default_runs["side"](keras)[case.name], spec)


_MOVING_VARIANCE = """
import json, sys
import numpy as np
import tensorflow as tf
x = np.random.default_rng(3).normal(size=(2, 3, 3, 4)).astype(np.float32)  # n = 18 values per channel
if sys.argv[1] == "tf1":
    graph = tf.Graph()
    with graph.as_default():
        y = tf.compat.v1.layers.batch_normalization(tf.constant(x), momentum=0.0, training=True, name="bn")
        with tf.compat.v1.Session() as sess:
            sess.run(tf.compat.v1.global_variables_initializer())
            sess.run(tf.compat.v1.get_collection(tf.compat.v1.GraphKeys.UPDATE_OPS))
            out = sess.run(tf.compat.v1.global_variables(scope="bn/moving_variance")[0])
else:
    layer = tf.keras.layers.BatchNormalization(momentum=0.0, name="bn")  # what keras-layers writes
    layer(x, training=True)
    out = layer.moving_variance.numpy()
print(json.dumps({"moving_variance": np.asarray(out).tolist(), "biased": x.var(axis=(0, 1, 2)).tolist()}))
"""


def test_what_keras_layers_warns_of_keras_3_batch_norm_is_so():
    """keras-layers warns that Keras 3's BatchNormalization moves its moving variance with
    the batch's biased variance, where TF1's fused kernel used the unbiased one (and
    tf-keras' does): after one step with momentum 0 the moving variance is the batch's
    variance, biased under Keras 3 (n / (n - 1) apart), TF1's under tf-keras. Inference
    from TF1's statistics is unaffected, as the checks above show."""
    got = answers_at_once({side: dict(args=[sys.executable, "-c", _MOVING_VARIANCE, side], env=keras_env(legacy),
                                      cwd=ROOT) for side, legacy in (("tf1", True), ("tf_keras", True),
                                                                     ("keras3", False))}, 300)
    n = 2 * 3 * 3
    tf1, biased = np.asarray(got["tf1"]["moving_variance"]), np.asarray(got["tf1"]["biased"])
    np.testing.assert_allclose(tf1, biased * n / (n - 1), rtol=1e-5)
    np.testing.assert_allclose(got["tf_keras"]["moving_variance"], tf1, rtol=1e-5)
    np.testing.assert_allclose(got["keras3"]["moving_variance"], biased, rtol=1e-5)
    warned = [w for c in cases("keras-layers") for w in c.warnings if "moves moving_variance" in w]
    assert warned, "the rule warns where it writes a BatchNormalization"


DIRECT = next(c for c in cases("native-keras") if c.name == "direct_variables")


@pytest.mark.parametrize("accepted", [{0}, {0, 1, 2, 3, 4, 5}, {1, 2, 3, 4, 5, 6}],
                         ids=["one", "no-decorator", "one-declined"])
def test_tf_variables_go_with_the_decorator_or_not_at_all(accepted):
    """The decorator numbers the tf.Variables a call makes (scale, scale_1) as TF1 did: were
    some moved to build() and others kept (some changes declined), the kept ones would be
    renamed and the checkpoint would not load. Declining any of Block's changes (six
    tf.Variables, then the decorator) keeps every one; accepting all moves them all."""
    block = lambda text: text.split("class Block", 1)[1].split("class FromValues", 1)[0]  # noqa: E731
    out, _, _ = transform_text(DIRECT.before, ["native-keras"], accepted={"native-keras": accepted})
    assert block(out) == block(DIRECT.before)
    out, _, _ = transform_text(DIRECT.before, ["native-keras"], accepted={"native-keras": set(range(7))})
    assert block(out) == block(DIRECT.after) and "tf.compat.v1.Variable" not in block(out)
