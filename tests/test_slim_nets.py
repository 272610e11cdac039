"""Stages 1–2 on the nets tf-slim ships, proven by numbers.

For each net: its module (``tf_slim/nets/<module>.py``, the installed copy) goes through
``slim-arg-scope`` and ``slim-to-layers``; the original is built under its own
``*_arg_scope()`` in a TF1 graph and saved; the migrated module runs in TF2 eager under
``tf1to2.track_tf1_style_variables`` and is loaded from that checkpoint through the run's
name map, under tf-keras and under Keras 3 (there after stages 0 and 7 too, which give
stage 2's tf.compat.v1.layers a Keras 3 home; the originals are built once per net, all
before the checks, in two processes at once). Logits, every end point and the regularization loss must agree in inference
and training mode (dropout nets train with keep_prob 1.0 for the comparison, and a
separate check shows their dropout is active). ``python tests/test_slim_nets.py`` prints
the table (net, variables mapped, max abs diff).

Slow (about half a minute building the originals, two processes at once, then about
45 seconds for the twenty migrated sides, in four processes, two at a time): marked
``slow``, which the test command still runs.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

import numpy as np
import pytest

import tf_slim
from codemod.pipeline import transform_text
from rules.base import Project
from tests.subprocess_env import References, keras_env, run_at_once, tf_run

ROOT = Path(__file__).resolve().parents[1]
NETS_DIR = Path(tf_slim.__file__).parent / "nets"
SCRIPT = ROOT / "tests" / "numeric" / "slim_nets.py"
RULES = ("slim-arg-scope", "slim-to-layers")

DROPOUT_OFF = {"dropout_keep_prob": 1.0}
NETS = {
    "alexnet_v2": dict(module="alexnet", scope_fn="alexnet_v2_arg_scope", size=224,
                       kwargs={"num_classes": 10}, train_kwargs=DROPOUT_OFF, check_dropout=True),
    "overfeat": dict(module="overfeat", scope_fn="overfeat_arg_scope", size=231,
                     kwargs={"num_classes": 10}, train_kwargs=DROPOUT_OFF, check_dropout=True),
    "vgg_a": dict(module="vgg", scope_fn="vgg_arg_scope", size=224, kwargs={"num_classes": 10},
                  train_kwargs=DROPOUT_OFF, check_dropout=True),
    "vgg_16": dict(module="vgg", scope_fn="vgg_arg_scope", size=224, kwargs={"num_classes": 10},
                   train_kwargs=DROPOUT_OFF, check_dropout=True),
    "vgg_19": dict(module="vgg", scope_fn="vgg_arg_scope", size=224, kwargs={"num_classes": 10},
                   train_kwargs=DROPOUT_OFF, check_dropout=True),
    "inception_v1": dict(module="inception_v1", scope_fn="inception_v1_arg_scope", size=224,
                         kwargs={"num_classes": 10}, train_kwargs={"dropout_keep_prob": 1.0}, check_dropout=True),
    "inception_v2": dict(module="inception_v2", scope_fn="inception_v2_arg_scope", size=224,
                         kwargs={"num_classes": 10}, train_kwargs={"dropout_keep_prob": 1.0}, check_dropout=True),
    "inception_v3": dict(module="inception_v3", scope_fn="inception_v3_arg_scope", size=299,
                         kwargs={"num_classes": 10}, train_kwargs={"dropout_keep_prob": 1.0}, check_dropout=True),
    # ResNet crosses modules: resnet_utils is migrated with it, as one group (codemod.project)
    "resnet_v1_50": dict(module="resnet_v1", group=["resnet_utils"], scope_fn="resnet_arg_scope", size=224,
                         kwargs={"num_classes": 10}),
    # its root conv1 is resnet_utils.conv2d_same under activation_fn=None, normalizer_fn=None,
    # its units' under relu + batch norm: those become parameters (stage 1), batch norm a switch (stage 2)
    "resnet_v2_50": dict(module="resnet_v2", group=["resnet_utils"], scope_fn="resnet_arg_scope", size=224,
                         kwargs={"num_classes": 10}),
}


# Under Keras 3 the migrated nets also go through the default run's stages 0 and 7
# (tf-api, v1-layers-shim): stage 2 writes tf.compat.v1.layers, which only tf-keras has,
# and stage 7 moves them to tf1to2.layers.
KERAS3_RULES = RULES + ("tf-api", "v1-layers-shim")
_TF1 = References("ckpt", "tf1.npz", "tf1_names.json")  # one per net, for both Kerases


def migrate(module: str, group: tuple = (), rules: tuple = RULES) -> tuple[str, dict, list]:
    """``module`` through the rules, with the ``group`` modules as its context."""
    texts = {f"tf_slim.nets.{m}": (NETS_DIR / f"{m}.py").read_text() for m in (module, *group)}
    name = f"tf_slim.nets.{module}"
    project = Project(name, {k: v for k, v in texts.items() if k != name}) if group else None
    name_map: dict = {}
    new, changes, warnings = transform_text(texts[name], rules, name_map=name_map, project=project)
    return new, name_map, warnings


@pytest.fixture(scope="module", autouse=True)
def _tf1_originals(tmp_path_factory):
    """The TF1 originals of every net, built before the checks in two processes at once
    (TensorFlow imported once in each, not once per net), for ``_TF1`` to hand out."""
    build_originals(tmp_path_factory.mktemp("slim_nets_tf1"))


def build_originals(root: Path) -> None:
    order = ["inception_v3", "inception_v2", "resnet_v2_50", "resnet_v1_50", "inception_v1", "vgg_19", "vgg_16",
             "overfeat", "vgg_a", "alexnet_v2"]  # the costliest first, dealt out in turn
    order += sorted(set(NETS) - set(order))
    works = {}
    for net in order:
        work = works[net] = root / net
        work.mkdir(parents=True)
        (work / "spec.json").write_text(json.dumps(dict(NETS[net], net=net)))
    ended = run_at_once({i: dict(args=[sys.executable, str(SCRIPT), "tf1", *(str(works[n]) for n in order[i::2])],
                                 env=keras_env(True)) for i in range(2)}, 1800)
    for code, _out, err in ended.values():
        assert code == 0, f"building the TF1 originals failed:\n{err[-4000:]}"
    for net, work in works.items():
        _TF1.built[net] = work


def _side(side: str, works: list, keras: str) -> None:
    """One process running ``side`` of the script on every work folder of ``works`` (TensorFlow
    imported once for them all); the migrated side records a net's failure in its folder
    (``tf2_error.txt``) and goes on to the next."""
    env = keras_env(side == "tf1" or keras == "tf_keras")  # the original is slim's, on tf-keras
    proc = tf_run([sys.executable, str(SCRIPT), side, *map(str, works)], env=env,
                  capture_output=True, text=True, timeout=1800)
    assert proc.returncode == 0, f"{[w.name for w in works]} {side} ({keras}) failed:\n{proc.stderr[-4000:]}"


def prepare(net: str, work: Path, keras: str = "tf_keras") -> list:
    """``work`` made ready for the migrated side: the net's module (and its group's) migrated
    by the rules, its spec and the run's name map; the migration's warnings."""
    spec = dict(NETS[net], net=net)
    work.mkdir(parents=True, exist_ok=True)
    group = spec.get("group", [])
    rules = KERAS3_RULES if keras == "keras3" else RULES
    new, name_map, warnings = migrate(spec["module"], tuple(group), rules)
    (work / f"{spec['module']}.py").write_text(new)
    for other in group:  # the group's other modules, each migrated as its own worker would
        text, more, _ = migrate(other, tuple(m for m in (spec["module"], *group) if m != other), rules)
        (work / f"{other}.py").write_text(text)
        name_map.update(more)
    spec["modules"] = [f"tf_slim.nets.{m}" for m in group]
    (work / "spec.json").write_text(json.dumps(spec))
    (work / "name_map.json").write_text(json.dumps(name_map, indent=1))
    return warnings


def compare(net: str, work: Path, warnings: list) -> dict:
    """The migrated side's outputs (``tf2.npz``) against the original's (``tf1.npz``)."""
    error = work / "tf2_error.txt"
    assert not error.exists(), f"{net}'s migrated side failed:\n{error.read_text()[-4000:]}"
    name_map = json.loads((work / "name_map.json").read_text())
    a = dict(np.load(work / "tf1.npz"))
    b = dict(np.load(work / "tf2.npz"))
    names = json.loads((work / "tf1_names.json").read_text())
    loaded = json.loads((work / "tf2_loaded.json").read_text())
    diffs = {}
    for k in sorted(a):
        assert k in b, f"{net}: migrated net has no {k}"
        assert a[k].shape == b[k].shape, f"{net}: {k} shape {a[k].shape} vs {b[k].shape}"
        diffs[k] = float(np.max(np.abs(a[k] - b[k]))) if a[k].size else 0.0
    extra = sorted(set(b) - set(a) - {"dropout_changes_output"})
    wild = [k[2:] for k in name_map if k.startswith("*/")]
    renamed = sum(1 for n in names if n in name_map or any(n == w or n.endswith("/" + w) for w in wild))
    return {"net": net, "variables": len(names), "renamed": renamed,
            "loaded": loaded, "tf1_names": names, "diffs": diffs, "a": a, "b": b, "extra": extra,
            "warnings": [f"{w.line}: {w.rule}: {w.message}" for w in warnings]}


def run_net(net: str, work: Path, keras: str = "tf_keras") -> dict:
    """One net, both sides, on its own (``python tests/test_slim_nets.py``)."""
    warnings = prepare(net, work, keras)
    _TF1.into(net, work, lambda: _side("tf1", [work], keras))
    _side("tf2", [work], keras)
    return compare(net, work, warnings)


@pytest.fixture(scope="module")
def checks(tmp_path_factory, _tf1_originals):
    """Every (net, Keras) check run before the tests read them: each migrated and given its
    original's checkpoint here, then the migrated sides in four processes, two at a time
    (one per Keras and half of the nets, the costliest dealt out in turn: TensorFlow is
    imported four times, not twenty) → {(net, keras): (result, work folder, error)}."""
    from concurrent.futures import ThreadPoolExecutor

    root = tmp_path_factory.mktemp("slim_nets_tf2")
    costliest = ["inception_v3", "inception_v2", "resnet_v2_50", "resnet_v1_50", "vgg_19", "vgg_16",
                 "overfeat", "inception_v1", "vgg_a", "alexnet_v2"]
    order = [*costliest, *sorted(set(NETS) - set(costliest))]
    works, warnings, errors = {}, {}, {}
    for keras in ("tf_keras", "keras3"):
        for net in order:
            work = works[(net, keras)] = root / f"{net}-{keras}"
            try:
                warnings[(net, keras)] = prepare(net, work, keras)
                _TF1.into(net, work, lambda: pytest.fail(f"no TF1 original of {net}"))
            except BaseException as e:  # noqa: BLE001 - raised by that check's test
                errors[(net, keras)] = e
    batches = [(keras, folders) for keras in ("tf_keras", "keras3") for i in range(2)
               if (folders := [works[(n, keras)] for n in order[i::2] if (n, keras) not in errors])]

    def run(batch):
        keras, folders = batch
        try:
            _side("tf2", folders, keras)
        except BaseException as e:  # noqa: BLE001 - raised by the checks of that batch
            return e
        return None

    key_of = {work: key for key, work in works.items()}
    with ThreadPoolExecutor(2) as pool:
        for (_, folders), error in zip(batches, pool.map(run, batches)):
            for folder in folders if error is not None else ():
                errors[key_of[folder]] = error
    results = {}
    for key, work in works.items():
        if key in errors:
            results[key] = (None, work, errors[key])
            continue
        try:
            results[key] = (compare(key[0], work, warnings[key]), work, None)
        except BaseException as e:  # noqa: BLE001 - raised by that check's test
            results[key] = (None, work, e)
    return results


@pytest.mark.slow
@pytest.mark.parametrize("keras", ["tf_keras", "keras3"])
@pytest.mark.parametrize("net", sorted(NETS))
def test_net_matches_original(net, keras, checks):
    r, work, error = checks[(net, keras)]
    if error is not None:
        raise error
    if keras == "keras3":
        assert "v1.layers" not in (work / f"{NETS[net]['module']}.py").read_text()
    assert not r["extra"], f"end points the original does not have: {r['extra']}"
    # every checkpoint variable loaded, and nothing else on the migrated side
    assert sorted(r["loaded"]["loaded"]) == r["tf1_names"]
    assert r["loaded"]["weights"] == r["variables"]
    # every weights/biases of a rewritten layer is covered by the name map
    assert r["renamed"] == sum(1 for n in r["tf1_names"] if n.rsplit("/", 1)[-1] in (
        "weights", "biases", "depthwise_weights", "pointwise_weights")) > 0
    for key, diff in r["diffs"].items():
        scale = max(1.0, float(np.max(np.abs(r["a"][key]))) if r["a"][key].size else 1.0)
        assert diff <= 1e-4 * scale, f"{net} {key}: max abs diff {diff} (values up to {scale})"
    if NETS[net].get("check_dropout"):
        assert bool(r["b"]["dropout_changes_output"]), "dropout is not active in training mode"


if __name__ == "__main__":
    import tempfile
    wanted = sys.argv[1:] or sorted(NETS)
    print("| net | variables | renamed via name map | end points | max abs diff | largest value |")
    print("|---|---|---|---|---|---|")
    for net in wanted:
        with tempfile.TemporaryDirectory() as d:
            r = run_net(net, Path(d))
        worst = max(r["diffs"].values())
        scale = max(float(np.max(np.abs(v))) for v in r["a"].values() if v.size)
        eps = sum(1 for k in r["diffs"] if k.startswith("False:ep:"))
        print(f"| {net} | {r['variables']} | {r['renamed']} | {eps} | {worst:.2e} | {scale:.3g} |", flush=True)
