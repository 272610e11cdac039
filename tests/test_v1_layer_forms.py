"""``tf1to2.layers``: TF1's functional layers on any Keras, proven against
``tf.compat.v1.layers`` (tests/numeric/v1_layer_forms.py): one model using every form
(conv 1/2/3d, transposed 2d/3d, separable 1d/2d, dense on rank 2 and 3, batch norm over
the last axis, axis 1 and two axes, dropout, max/average pooling 1/2/3d, flatten, and
layer objects of several classes, one called twice), and one golden case per form
(golden/v1-layers-shim/form_*: every argument, by keyword and by position, channels
first, ``reuse``, not trainable, and the form's class), are each
built with TF1's own layers in a TF1 graph, with the shim's in a TF1 graph, and with
the shim's in TF2 eager inside a decorated Keras layer under Keras 3 and under tf-keras;
same variable names (all and trainable), outputs in inference and training mode,
regularization loss, and moving statistics after one training step, within 1e-4 of
their scale. Each side is one subprocess building every model."""
from __future__ import annotations

import ast
import sys
from pathlib import Path

import numpy as np
import pytest

from codemod.pipeline import transform_text
from tests.golden import cases
from tests.subprocess_env import keras_env, tf_run

pytestmark = pytest.mark.slow
ROOT = Path(__file__).resolve().parent.parent
SCRIPT = ROOT / "tests" / "numeric" / "v1_layer_forms.py"
# golden/v1-layers-shim/form_*: one case per functional form, with every argument
FORMS = [c for c in cases("v1-layers-shim") if c.numerics]
SIDES = {"graph": ("graph", True), "keras3": ("shim", False), "tf_keras": ("shim", True)}


@pytest.fixture(scope="module")
def folders(tmp_path_factory) -> list:
    """Each form case as the scripts read it: before.py, the rule's own output as
    after.py, numerics.json."""
    out, root = [], tmp_path_factory.mktemp("form_cases")
    for case in FORMS:
        d = root / case.name  # the scripts key each model by its folder's name
        d.mkdir()
        (d / "before.py").write_text(case.before, encoding="utf-8")
        (d / "after.py").write_text(transform_text(case.before, [case.rule])[0], encoding="utf-8")
        (d / "numerics.json").write_text((case.path / "numerics.json").read_text(encoding="utf-8"))
        out.append(d)
    return out


def _run(side: str, work: Path, legacy: bool, folders: list) -> dict:
    """One subprocess builds every model (the forms model and each case) on one side."""
    proc = tf_run([sys.executable, str(SCRIPT), side, str(work), *map(str, folders)],
                  capture_output=True, text=True, env=keras_env(legacy), timeout=900)
    assert proc.returncode == 0, proc.stderr[-4000:]
    return dict(np.load(work / f"{side}.npz"))


@pytest.fixture(scope="module")
def reference(tmp_path_factory, folders):
    return _run("tf1", tmp_path_factory.mktemp("v1_layers_tf1"), True, folders)


@pytest.fixture(scope="module")
def built(tmp_path_factory, folders):
    """Each side's results, built on first use."""
    done: dict = {}

    def get(name: str) -> dict:
        if name not in done:
            side, legacy = SIDES[name]
            done[name] = _run(side, tmp_path_factory.mktemp(f"v1_layers_{name}"), legacy, folders)
        return done[name]
    return get


def _same(want: dict, got: dict, model: str) -> None:
    """``model``'s variable names (all and trainable), outputs, regularization loss and
    moving statistics agree, within 1e-4 of their scale."""
    prefix = model + "|"
    keys = [k for k in want if k.startswith(prefix)]
    assert keys and set(keys) == {k for k in got if k.startswith(prefix)}, \
        sorted(set(keys) ^ {k for k in got if k.startswith(prefix)})
    for k in keys:
        if want[k].dtype.kind != "f":
            assert list(want[k]) == list(got[k]), k
            continue
        assert want[k].shape == got[k].shape, f"{k}: shape {got[k].shape}, TF1's {want[k].shape}"
        if want[k].size:
            scale = max(1.0, float(np.abs(want[k]).max()))
            assert np.abs(want[k] - got[k]).max() <= 1e-4 * scale, f"{k}: off by {np.abs(want[k] - got[k]).max()}"


def test_in_a_tf1_graph_the_shim_layers_are_tf1s(reference, built):
    got = built("graph")
    assert any(k.startswith("forms|True:after:") for k in got) and "forms|True:reg" in got
    _same(reference, got, "forms")


@pytest.mark.parametrize("keras", ["keras3", "tf_keras"])
def test_in_tf2_eager_the_shim_layers_compute_what_tf1_did(reference, built, keras):
    got = built(keras)
    assert str(got["keras"]).startswith("tf_keras" if keras == "tf_keras" else "keras.")
    _same(reference, got, "forms")


@pytest.mark.parametrize("side", list(SIDES))
@pytest.mark.parametrize("case", FORMS, ids=[c.name for c in FORMS])
def test_each_form_with_every_argument_computes_what_tf1_did(reference, built, case, side):
    """golden/v1-layers-shim/form_*: the rule's output of each case (tf1to2.layers) in a
    TF1 graph and in TF2 eager under each Keras, against the case's tf.compat.v1.layers
    in a TF1 graph."""
    code = ast.parse(transform_text(case.before, [case.rule])[0]).body[1:]  # its docstring aside
    assert "compat.v1.layers" not in "\n".join(map(ast.unparse, code))
    _same(reference, built(side), case.name)


def test_every_form_has_its_case():
    from rules.v1_layers import SPECS
    assert {c.name for c in FORMS} == {f"form_{f}" for f in SPECS}


def test_what_the_shim_layers_refuse_says_so():
    code = ("import tensorflow as tf\nfrom tf1to2 import layers\n"
            "try:\n    layers.dense(tf.ones([1, 2]), 3, activity_regularizer=abs)\nexcept NotImplementedError as e:\n"
            "    print(e)\n"
            "try:\n    layers.batch_normalization(tf.ones([1, 2]), renorm=True)\nexcept NotImplementedError as e:\n"
            "    print(e)\n")
    env = keras_env()
    out = tf_run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=300).stdout
    assert "activity_regularizer is not supported" in out and "renorm is not supported" in out


def test_the_rule_refuses_what_the_shim_refuses():
    """v1-layers-shim leaves a layer alone where an argument has a value the shim's
    ``_refuse`` raises on: the two lists are the same (read with ast)."""
    from rules.v1_layers import SHIM_REFUSES

    tree = ast.parse((ROOT / "tf1to2" / "layers.py").read_text(encoding="utf-8"))
    refused = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and getattr(node.func, "id", "") == "_refuse":
            refused |= {k.arg for k in node.keywords} | {a.id for a in node.args if isinstance(a, ast.Name)}
    assert refused == set(SHIM_REFUSES)


def test_every_functional_v1_layer_the_rules_know_has_a_shim_form():
    """The v1-layers-shim stage rewrites every function of rules.v1_layers.SPECS to
    tf1to2.layers: the shim must define each (read with ast: no TensorFlow needed)."""
    from rules.v1_layers import SPECS

    tree = ast.parse((ROOT / "tf1to2" / "layers.py").read_text(encoding="utf-8"))
    defined = {n.name for n in tree.body if isinstance(n, ast.FunctionDef) and not n.name.startswith("_")}
    exported = next(set(ast.literal_eval(n.value)) for n in tree.body
                    if isinstance(n, ast.Assign) and getattr(n.targets[0], "id", "") == "__all__")
    assert set(SPECS) == exported == defined


def test_every_v1_layer_class_the_rules_know_has_a_shim_class_with_its_arguments():
    """v1-layers-shim rewrites the construction of every class of rules.v1_layers.SPECS
    to tf1to2.layers: the shim's class must exist and take the same arguments, in the
    same order (a positional argument means what it meant)."""
    from rules.v1_layers import BY_CLASS

    code = ("import json\nfrom tf1to2 import layers\n"
            f"print(json.dumps({{c: getattr(layers, c)._params for c in {sorted(BY_CLASS)!r}}}))\n")
    env = keras_env()
    proc = tf_run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=300)
    assert proc.returncode == 0, proc.stderr[-2000:]
    import json
    params = json.loads(proc.stdout.strip().splitlines()[-1])
    assert params == {c: list(s.class_params) for c, s in BY_CLASS.items()}



@pytest.mark.parametrize("side", list(SIDES))
def test_a_shim_layer_object_shows_its_variables_once_called(built, side):
    """tf1to2.layers' objects, like TF1's, hold their variables once called: ``weights``,
    ``variables``, ``trainable_weights`` / ``non_trainable_weights``, and each by name
    (``kernel``, ``bias``, ``moving_variance``, ...), the very variables the model uses
    (``objects`` in tests/numeric/v1_layer_forms.py, run by each side's subprocess)."""
    assert str(built(side)["objects"]) == "ok"


@pytest.mark.parametrize("dtype", ["float32", "float16"])
def test_batch_norm_trained_through_a_placeholder_in_a_graph_moves_its_averages_as_tf1(dtype):
    """The TF1 idiom ``batch_normalization(x, training=is_training)`` with a boolean
    placeholder, its updates run from the graph's UPDATE_OPS, in a tf.Graph under plain TF
    2.21 (control flow v2, where a cond's branches are functions): the shim's function
    (fused form) and class (plain form) give TF1's outputs in training and inference and
    move their averages as TF1's layer did, through two steps. On 16-bit inputs, as TF1's
    layer: float32 variables and arithmetic, 16-bit outputs."""
    from tests.subprocess_env import answers_at_once

    runs = answers_at_once({side: dict(args=[sys.executable, str(ROOT / "tests" / "numeric" / "batch_norm_placeholder.py"),
                                             side, dtype], env=keras_env(legacy), cwd=ROOT)
                            for side, legacy in (("tf1", True), ("shim", False))}, 600)
    tf1, shim = runs["tf1"], runs["shim"]
    assert sorted(tf1) == sorted(shim) and tf1["updates"] == shim["updates"] == 4
    assert {"batch_normalization/moving_mean:0", "bn_object/moving_variance:0"} <= set(tf1)
    tol = 1e-4 if dtype == "float32" else 2e-3  # 16-bit outputs: their own rounding
    for key in sorted(tf1):
        if key.startswith("dtype:"):
            assert shim[key] == tf1[key], (key, tf1[key], shim[key])
            continue
        a, b = np.asarray(tf1[key]), np.asarray(shim[key])
        np.testing.assert_allclose(b, a, rtol=tol, atol=tol, err_msg=key)
    assert tf1["dtype:batch_normalization/moving_mean:0"] == "float32" and tf1["dtype:images"] == dtype
    # the averages did move, twice
    assert np.abs(np.asarray(tf1["batch_normalization/moving_mean:0"])).max() > 0.01
