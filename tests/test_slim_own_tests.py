"""tf_slim's own tests, run on tf_slim as ``tf1to2 migrate --write`` leaves it: real code
checked by its authors' assertions. The installed tf_slim and the copy one run migrated
whole (library, nets and tests, every stage: the ``migrated_tf_slim`` fixture) are each
copied beside a conftest; both run the same test files
under plain TensorFlow 2.21 (Keras 3), concurrently. Every test that passes on the
original passes on the migrated copy, except ``EXPECTED``: each of those checks
something the migration changes on purpose and says so at the line, and each must
still fail (so the list cannot outlive its reason).

The files: ResNet v1 (arg_scopes entered around slim's own nets, atrous values that only
agree with is_training=False reaching every batch norm), VGG (end points, variable
names), arg_scope's own tests (scope objects and the stack), slim's utils (end-point
collections in a graph), three layer tests of unscoped layers named by slim's count. Each of these failed on an earlier tf1to2 for a reason the
rules and the shim now handle."""
from __future__ import annotations

import shutil
import sysconfig
from pathlib import Path

import pytest

from tests.subprocess_env import run_pytests

pytestmark = pytest.mark.slow

FILES = ("tf_slim/nets/resnet_v1_test.py", "tf_slim/nets/vgg_test.py", "tf_slim/ops/arg_scope_test.py",
         "tf_slim/layers/utils_test.py",
         # unscoped layers in one test, named by slim's count (Conv, Conv_1 and their
         # normalizers' Conv/BatchNorm, Conv_1/BatchNorm), which the rewrite writes out
         *(f"tf_slim/layers/layers_test.py::{t}" for t in (
             "ConvolutionTest::testConvWithBatchNorm", "ConvolutionTest::testNonReuseVars", "FCTest::testNonReuseVars")))
MODEL_VARIABLES = "reads slim's MODEL_VARIABLES, which the rewritten layers do not fill (warned at the read)"
EXPECTED = {
    "tf_slim.nets.vgg_test.VGGATest.testModelVariables": MODEL_VARIABLES,
    "tf_slim.nets.vgg_test.VGG16Test.testModelVariables": MODEL_VARIABLES,
    "tf_slim.nets.vgg_test.VGG19Test.testModelVariables": MODEL_VARIABLES,
    "tf_slim.nets.resnet_v1_test.ResnetUtilsTest.testConv2DSameEven":
        "makes Conv/weights by hand for the layer to reuse; the rewritten layer's is Conv/kernel (the string is warned)",
    "tf_slim.nets.resnet_v1_test.ResnetUtilsTest.testConv2DSameOdd":
        "makes Conv/weights by hand for the layer to reuse; the rewritten layer's is Conv/kernel (the string is warned)",
}
# slim.batch_norm under TF 2.21 (tests/numeric/loading.py, on the runs' path)
CONFTEST = "from loading import alias_slim_batch_norm\n\nalias_slim_batch_norm()\n"


def _copy(package: Path, root: Path) -> Path:
    shutil.copytree(package, root / "tf_slim", ignore=shutil.ignore_patterns("__pycache__"))
    (root / "conftest.py").write_text(CONFTEST)
    return root


def test_tf_slims_own_tests_pass_on_tf_slim_migrated_by_tf1to2(tmp_path, migrated_tf_slim):
    original = _copy(Path(sysconfig.get_paths()["purelib"]) / "tf_slim", tmp_path / "original")
    migrated = _copy(migrated_tf_slim[0], tmp_path / "migrated")  # (the shared run's tree: its own copy)
    vgg = (migrated / "tf_slim" / "nets" / "vgg.py").read_text()
    assert "layers.conv2d(" in vgg and "layers_lib.conv2d" not in vgg  # the net itself was rewritten
    ran = run_pytests({side: (root, root / "report.xml", FILES, False, False)  # both at once
                       for side, root in (("original", original), ("migrated", migrated))}, timeout=1200)
    (before, _), (after, _) = ran["original"], ran["migrated"]
    logs = {side: log for side, (_, log) in ran.items()}
    passed = {t for t, state in before.items() if state == "passed"}
    assert len(passed) >= 60, logs["original"][-3000:]
    lost = sorted(t for t in passed if after.get(t) != "passed" and t not in EXPECTED)
    assert not lost, f"{lost}\n{logs['migrated'][-6000:]}"
    for test in EXPECTED:
        assert before.get(test) == "passed" and after.get(test) == "failed", (test, before.get(test), after.get(test))


def test_the_whole_tf_slim_package_in_one_run(migrated_tf_slim):
    """As a user runs it: the package (named tf_slim, so its imports resolve within the
    run and what crosses files applies) migrated by one ``--write`` run: no file fails,
    every file compiles, a second run changes nothing."""
    import json
    import os
    import subprocess
    import sys
    import warnings

    tree, report = migrated_tf_slim
    root = Path(__file__).resolve().parent.parent
    package = Path(sysconfig.get_paths()["purelib"]) / "tf_slim"
    assert [f["path"] for f in report["files"] if f["status"] == "failed"] == []
    assert report["summary"]["changed"] > 10
    warnings.simplefilter("ignore", SyntaxWarning)
    for path in tree.rglob("*.py"):
        compile(path.read_text(encoding="utf-8"), str(path), "exec", dont_inherit=True)
    proc = subprocess.run([sys.executable, "-m", "codemod.cli", "migrate", "-j", "2", "--format", "json",
                           str(tree.parent)], capture_output=True, text=True, cwd=root,
                          env={**os.environ, "PYTHONPATH": str(root)}, timeout=1800)
    assert [f["path"] for f in json.loads(proc.stdout)["files"] if f["status"] == "changed"] == []
    # every name a module took from another module of the package is still there
    from tests.run_properties import imported_names, lost_names
    assert len(imported_names(package)) > 500
    assert lost_names(package, tree) == []
