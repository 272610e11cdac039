"""Notebooks: code cells migrated as one module (imports shared across cells), magics
and shell lines untouched, outputs/metadata/ids and the JSON layout kept."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pexpect

ROOT = Path(__file__).resolve().parent.parent


def cell(source, cell_type="code", **extra):
    c = {"cell_type": cell_type, "id": f"id-{abs(hash(str(source))) % 10**6}", "metadata": {"tags": ["x"]},
         "source": source}
    if cell_type == "code":
        c.update(execution_count=3, outputs=[{"output_type": "stream", "name": "stdout", "text": ["ok\n"]}])
    c.update(extra)
    return c


NB = {
    "cells": [
        cell(["%matplotlib inline\n", "import tensorflow as tf\n", "!pip install tf-slim"]),
        cell(["# Training — ünïcode\n"], cell_type="markdown"),
        cell(["files = !ls\n", "opt = tf.train.AdamOptimizer(0.01)\n", "opt?"]),
        cell("%%bash\necho tf.train.AdamOptimizer(0.1)\n"),
        cell(["sgd = tf.train.MomentumOptimizer(0.1, 0.9)\n", "%time sgd\n"]),
    ],
    "metadata": {"kernelspec": {"name": "python3", "display_name": "Python 3"}},
    "nbformat": 4, "nbformat_minor": 5,
}


def write(path: Path, nb: dict, indent=1) -> str:
    text = json.dumps(nb, indent=indent, ensure_ascii=False) + "\n"
    path.write_text(text, encoding="utf-8")
    return text


def tf1to2(*args, cwd):
    return subprocess.run([sys.executable, "-m", "codemod.cli", *args], capture_output=True, text=True,
                          cwd=cwd, env={**os.environ, "PYTHONPATH": str(ROOT)})


def test_notebook_dry_run_diff_shows_cells_and_write_changes_only_code(tmp_path):
    nb_path = tmp_path / "train.ipynb"
    original = write(nb_path, NB)
    r = tf1to2("migrate", "train.ipynb", cwd=tmp_path)
    assert r.returncode == 1, r.stderr
    assert "--- a/train.ipynb (cell 3)" in r.stdout and "--- a/train.ipynb (cell 5)" in r.stdout
    assert "+opt = tf.keras.optimizers.Adam(learning_rate=0.01, epsilon=1e-08)" in r.stdout
    assert nb_path.read_text(encoding="utf-8") == original
    assert tf1to2("migrate", "--write", "train.ipynb", cwd=tmp_path).returncode == 1
    new_text = nb_path.read_text(encoding="utf-8")
    new = json.loads(new_text)
    expected = json.loads(original)
    expected["cells"][2]["source"] = ["files = !ls\n",
                                      "opt = tf.keras.optimizers.Adam(learning_rate=0.01, epsilon=1e-08)\n", "opt?"]
    expected["cells"][4]["source"] = ["sgd = tf.keras.optimizers.SGD(learning_rate=0.1, momentum=0.9)\n",
                                      "%time sgd\n"]
    assert new == expected, "only the two code cells changed; magics, outputs, metadata, ids kept"
    assert new_text == json.dumps(expected, indent=1, ensure_ascii=False) + "\n", "layout kept"
    # The only lines that differ in the file are the two sources.
    changed = [l for l in new_text.splitlines() if l not in original.splitlines()]
    assert len(changed) == 2
    assert tf1to2("migrate", "train.ipynb", cwd=tmp_path).returncode == 0


def test_warning_lines_are_cell_lines(tmp_path):
    nb = {**NB, "cells": [cell(["import tensorflow as tf\n"]),
                          cell(["\n", "opt = tf.train.RMSPropOptimizer(0.1)\n"])]}
    write(tmp_path / "w.ipynb", nb, indent=2)
    r = tf1to2("migrate", "w.ipynb", cwd=tmp_path)
    assert "w.ipynb:2: optimizers: cell 2: not numerically identical" in r.stderr


def test_unreproducible_layout_is_refused_untouched(tmp_path):
    p = tmp_path / "odd.ipynb"
    text = json.dumps(NB, indent=3, separators=(",", " : "))
    p.write_text(text)
    r = tf1to2("migrate", "--write", "odd.ipynb", cwd=tmp_path)
    # a refusal that loses nothing is a skip with its reason, named in the summary, not
    # an error: a whole tree with one such notebook still exits as its other files say
    assert r.returncode == 0, r.stderr
    assert "1 file scanned, 0 changed, 0 failed, 1 skipped" in r.stderr
    assert "skipped: odd.ipynb: notebook JSON layout cannot be reproduced exactly; not touched" in r.stderr
    assert p.read_text() == text


def test_notebook_interactive(tmp_path):
    nb_path = tmp_path / "train.ipynb"
    write(nb_path, NB)
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    env.pop("CI", None)
    child = pexpect.spawn(sys.executable, ["-m", "codemod.cli", "migrate", "-i", "--select", "optimizers", "train.ipynb"], cwd=str(tmp_path),
                          env=env, encoding="utf-8", timeout=60)
    child.expect(r"\[y,n,a,d,q,\?\] ")
    assert "train.ipynb:2: cell 3: tf.compat.v1.train.AdamOptimizer" in child.before
    assert "(cell 3)" in child.before
    child.sendline("n")
    child.expect(r"\[y,n,a,d,q,\?\] ")
    child.sendline("y")
    child.expect(pexpect.EOF)
    new = json.loads(nb_path.read_text(encoding="utf-8"))
    assert new["cells"][2]["source"][1] == "opt = tf.train.AdamOptimizer(0.01)\n"
    assert new["cells"][4]["source"][0] == "sgd = tf.keras.optimizers.SGD(learning_rate=0.1, momentum=0.9)\n"
