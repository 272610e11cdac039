"""Settings every test process, and every subprocess a test starts, shares.

TensorFlow runs a channels-first (NCHW) convolution on the CPU only through oneDNN, which
it turns on by itself only on CPUs with AVX-512 class features (Intel Xeons, not an AVX2
AMD EPYC): elsewhere such a convolution fails ("The Conv2D op currently only supports the
NHWC tensor format on the CPU"), in a TF1 graph and in eager code alike. The golden cases
build v1 layers with ``data_format="channels_first"`` on both sides; oneDNN is asked for
explicitly so that they run on any x86 machine CI lands on (subprocesses inherit it).
"""
import os

os.environ.setdefault("TF_ENABLE_ONEDNN_OPTS", "1")


import pytest  # noqa: E402


@pytest.fixture(scope="session")
def migrated_tf_slim(tmp_path_factory):
    """The installed tf_slim package copied (a folder named tf_slim, so that its imports
    resolve within the run) and migrated by one ``tf1to2 migrate --write -j 2 --format
    json`` run over its parent, as a user runs it: (the copy, the run's JSON report). Read
    by the checks on the tree and by tf_slim's own tests; copy it to change it."""
    import json
    import shutil
    import subprocess
    import sys
    import sysconfig
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent
    tree = tmp_path_factory.mktemp("migrated_tf_slim") / "tf_slim"
    shutil.copytree(Path(sysconfig.get_paths()["purelib"]) / "tf_slim", tree,
                    ignore=shutil.ignore_patterns("__pycache__"))
    proc = subprocess.run([sys.executable, "-m", "codemod.cli", "migrate", "-j", "2", "--format", "json", "--write",
                           str(tree.parent)], capture_output=True, text=True, cwd=root,
                          env={**os.environ, "PYTHONPATH": str(root)}, timeout=1800)
    assert proc.returncode in (0, 1), proc.stderr[-3000:]
    return tree, json.loads(proc.stdout)


# The test files that take longest (their durations summed, in a full run with the fork
# server: 595, 190, 141, 95, 89, 75, 51, 37, 35 and 34 s), run first: the two workers start
# on them, and the many short files fill in around them at the end.
LONGEST_FIRST = ("test_real_packages.py", "test_slim_nets.py", "test_slim_own_tests.py", "test_tf_api.py",
                 "test_real_code.py", "test_stress.py", "test_precommit.py", "test_cli.py",
                 "test_layer_numerics.py", "test_render.py")


def pytest_collection_modifyitems(config, items):
    rank = {name: i for i, name in enumerate(LONGEST_FIRST)}
    items.sort(key=lambda item: rank.get(item.path.name, len(rank)))  # (stable: the rest as collected)
