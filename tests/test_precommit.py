"""Both hooks through the real pre-commit (``pre-commit try-repo`` against this
repository) in a throwaway git repository, both outcomes each."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
TF1 = "import tensorflow as tf\n\nopt = tf.train.AdamOptimizer(0.01)\n"
TF2 = "import tensorflow as tf\n\nopt = tf.keras.optimizers.Adam(learning_rate=0.01, epsilon=1e-08)\n"

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def home(tmp_path_factory):
    """One PRE_COMMIT_HOME for the module: the hook environment is built once."""
    return tmp_path_factory.mktemp("pre-commit-home")


def git(repo: Path, *args: str) -> None:
    subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True)


@pytest.fixture
def repo(tmp_path):
    r = tmp_path / "project"
    r.mkdir()
    git(r, "init", "-q")
    git(r, "config", "user.email", "t@example.com")
    git(r, "config", "user.name", "t")
    return r


def try_repo(repo: Path, home: Path, hook: str, *files: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "PRE_COMMIT_HOME": str(home), "PIP_DISABLE_PIP_VERSION_CHECK": "1"}
    return subprocess.run(
        [sys.executable, "-m", "pre_commit", "try-repo", str(ROOT), hook, "--files", *files],
        cwd=repo, capture_output=True, text=True, env=env, timeout=900,
    )


def test_check_hook_fails_with_diff_then_passes_on_migrated_code(repo, home):
    (repo / "model.py").write_text(TF1)
    git(repo, "add", "model.py")
    r = try_repo(repo, home, "tf1to2-check", "model.py")
    assert r.returncode == 1, r.stdout + r.stderr
    assert "+opt = tf.keras.optimizers.Adam(learning_rate=0.01, epsilon=1e-08)" in r.stdout
    assert (repo / "model.py").read_text() == TF1, "the check hook never writes"
    (repo / "model.py").write_text(TF2)
    git(repo, "add", "model.py")
    r = try_repo(repo, home, "tf1to2-check", "model.py")
    assert r.returncode == 0, r.stdout + r.stderr


def test_fix_hook_rewrites_and_fails_then_passes(repo, home):
    (repo / "model.py").write_text(TF1)
    (repo / "other.py").write_text("print('no tensorflow here')\n")
    git(repo, "add", ".")
    r = try_repo(repo, home, "tf1to2-fix", "model.py", "other.py")
    assert r.returncode == 1, r.stdout + r.stderr
    assert (repo / "model.py").read_text() == TF2
    assert "files were modified by this hook" in r.stdout
    git(repo, "add", ".")
    r = try_repo(repo, home, "tf1to2-fix", "model.py", "other.py")
    assert r.returncode == 0, r.stdout + r.stderr


def test_hook_args_are_passed_through(repo, home, tmp_path):
    # A repository's own hook config: args select no rule that applies, so nothing is pending.
    (repo / "model.py").write_text(TF1)
    git(repo, "add", "model.py")
    head = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "HEAD"], capture_output=True, text=True).stdout.strip()
    (repo / ".pre-commit-config.yaml").write_text(
        f"repos:\n- repo: {ROOT}\n  rev: {head}\n  hooks:\n  - id: tf1to2-check\n"
        "    args: [--ignore, optimizers, --ignore, tf-api]\n")
    git(repo, "add", ".pre-commit-config.yaml")
    env = {**os.environ, "PRE_COMMIT_HOME": str(home)}
    r = subprocess.run([sys.executable, "-m", "pre_commit", "run", "--files", "model.py"], cwd=repo,
                       capture_output=True, text=True, env=env, timeout=900)
    assert r.returncode == 0, r.stdout + r.stderr
    assert "Passed" in r.stdout


def test_check_hook_runs_on_notebooks(repo, home):
    import json

    nb = {"cells": [{"cell_type": "code", "execution_count": None, "id": "a1", "metadata": {}, "outputs": [],
                     "source": ["import tensorflow as tf\n", "opt = tf.train.AdamOptimizer(0.01)"]}],
          "metadata": {}, "nbformat": 4, "nbformat_minor": 5}
    (repo / "nb.ipynb").write_text(json.dumps(nb, indent=1) + "\n")
    git(repo, "add", "nb.ipynb")
    r = try_repo(repo, home, "tf1to2-check", "nb.ipynb")
    assert r.returncode == 1, r.stdout + r.stderr
    assert "nb.ipynb (cell 1)" in r.stdout
