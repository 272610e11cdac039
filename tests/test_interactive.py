"""--interactive in a real pseudo-terminal (pexpect): keys sent, files checked."""
from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import pexpect

ROOT = Path(__file__).resolve().parent.parent
PROMPT = r"Apply this change\? \[y,n,a,d,q,\?\] "

THREE = (
    "import tensorflow.compat.v1 as tf\n"
    "\n"
    "a = tf.train.AdamOptimizer(0.1)\n"
    "b = tf.train.GradientDescentOptimizer(0.2)\n"
    "c = tf.train.MomentumOptimizer(0.3, 0.9)\n"
)


def spawn(tmp_path: Path, *files: str) -> pexpect.spawn:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "TERM": "xterm"}
    env.pop("CI", None)
    return pexpect.spawn(sys.executable, ["-m", "codemod.cli", "migrate", "--select", "optimizers",
                                          "--interactive", "-j", "1", *files],
                         cwd=str(tmp_path), env=env, encoding="utf-8", timeout=60)


def test_yes_no_yes_then_none_in_the_next_file(tmp_path):
    (tmp_path / "one.py").write_text(THREE)
    (tmp_path / "two.py").write_text(THREE)
    child = spawn(tmp_path, "one.py", "two.py")
    child.expect(PROMPT)
    assert "optimizers · one.py:3: tf.compat.v1.train.AdamOptimizer" in child.before
    assert "\x1b[32m+a = tensorflow.keras.optimizers.Adam" in child.before, "coloured on a terminal"
    assert "+import tensorflow" in child.before, "the hook-up import belongs to the change"
    child.sendline("y")
    child.expect(PROMPT)
    assert "one.py:4" in child.before
    child.sendline("n")
    child.expect(PROMPT)
    child.sendline("?")
    child.expect("a - apply this change and all remaining changes in this file")
    child.expect(PROMPT)
    child.sendline("y")
    child.expect(PROMPT)  # two.py, first change
    assert "two.py:3" in child.before
    child.sendline("d")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 1
    assert (tmp_path / "one.py").read_text() == (
        "import tensorflow.compat.v1 as tf\n"
        "import tensorflow\n"
        "\n"
        "a = tensorflow.keras.optimizers.Adam(learning_rate=0.1, epsilon=1e-08)\n"
        "b = tf.train.GradientDescentOptimizer(0.2)\n"
        "c = tensorflow.keras.optimizers.SGD(learning_rate=0.3, momentum=0.9)\n"
    )
    assert (tmp_path / "two.py").read_text() == THREE


def test_all_and_quit(tmp_path):
    (tmp_path / "one.py").write_text(THREE)
    (tmp_path / "two.py").write_text(THREE)
    (tmp_path / "three.py").write_text(THREE)
    child = spawn(tmp_path, "one.py", "two.py", "three.py")
    child.expect(PROMPT)
    child.sendline("n")
    child.expect(PROMPT)
    child.sendline("a")  # this (b) and c
    child.expect(PROMPT)  # two.py
    assert "two.py:3" in child.before
    child.sendline("y")
    child.expect(PROMPT)
    child.sendline("q")  # keeps two.py's first change; three.py is never touched
    child.expect(pexpect.EOF)
    child.close()
    one = (tmp_path / "one.py").read_text()
    assert "a = tf.train.AdamOptimizer(0.1)" in one
    assert "b = tensorflow.keras.optimizers.SGD(learning_rate=0.2)" in one
    assert "c = tensorflow.keras.optimizers.SGD(learning_rate=0.3, momentum=0.9)" in one
    two = (tmp_path / "two.py").read_text()
    assert "a = tensorflow.keras.optimizers.Adam(" in two and "b = tf.train.GradientDescentOptimizer(0.2)" in two
    assert (tmp_path / "three.py").read_text() == THREE


def test_needs_a_terminal(tmp_path):
    import subprocess

    (tmp_path / "one.py").write_text(THREE)
    r = subprocess.run([sys.executable, "-m", "codemod.cli", "migrate", "--interactive", "one.py"],
                       cwd=tmp_path, capture_output=True, text=True, stdin=subprocess.DEVNULL,
                       env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert r.returncode == 2 and "needs a terminal" in r.stderr
    assert (tmp_path / "one.py").read_text() == THREE


def test_progress_bar_on_a_terminal_only(tmp_path):
    import subprocess

    for i in range(3):
        (tmp_path / f"m{i}.py").write_text(THREE)
    env = {**os.environ, "PYTHONPATH": str(ROOT), "TERM": "xterm"}
    env.pop("CI", None)
    child = pexpect.spawn(sys.executable, ["-m", "codemod.cli", "migrate", "-j", "1", "."], cwd=str(tmp_path),
                          env=env, encoding="utf-8", timeout=60)
    child.expect(pexpect.EOF)
    assert "] 3/3 files" in child.before
    piped = subprocess.run([sys.executable, "-m", "codemod.cli", "migrate", "."], cwd=tmp_path,
                           capture_output=True, text=True, env=env)
    assert "files]" not in piped.stderr and "/3 files" not in piped.stderr
    child = pexpect.spawn(sys.executable, ["-m", "codemod.cli", "migrate", "-j", "1", "."], cwd=str(tmp_path),
                          env={**env, "CI": "true"}, encoding="utf-8", timeout=60)
    child.expect(pexpect.EOF)
    assert "/3 files" not in child.before, "no progress bar in CI"


def test_end_of_input_keeps_what_was_accepted_like_q(tmp_path):
    """Ctrl-D at a prompt is q: the changes accepted so far are written (it used to write
    nothing and exit 0); an unknown key says so before the help."""
    (tmp_path / "one.py").write_text(THREE)
    child = spawn(tmp_path, "one.py")
    child.expect(PROMPT)
    child.sendline("x")
    child.expect("'x' is not one of y, n, a, d, q, \\?")
    child.expect(PROMPT)
    child.sendline("y")
    child.expect(PROMPT)
    child.sendeof()
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 1
    one = (tmp_path / "one.py").read_text()
    assert "a = tensorflow.keras.optimizers.Adam(" in one and "b = tf.train.GradientDescentOptimizer(0.2)" in one


def test_no_color_turns_the_colours_off(tmp_path):
    (tmp_path / "one.py").write_text(THREE)
    env = {**os.environ, "PYTHONPATH": str(ROOT), "TERM": "xterm", "NO_COLOR": "1"}
    child = pexpect.spawn(sys.executable, ["-m", "codemod.cli", "migrate", "--select", "optimizers",
                                           "--interactive", "-j", "1", "one.py"],
                          cwd=str(tmp_path), env=env, encoding="utf-8", timeout=60)
    child.expect(PROMPT)
    assert "+a = tensorflow.keras.optimizers.Adam" in child.before and "\x1b[" not in child.before
    child.sendline("q")
    child.expect(pexpect.EOF)


def test_the_dry_run_diff_is_coloured_on_a_terminal_only(tmp_path):
    """On a terminal the dry run's diff has git's colours (green added, red removed
    lines); with NO_COLOR, or piped, it is plain."""
    import subprocess

    (tmp_path / "one.py").write_text(THREE)
    cmd = ["-m", "codemod.cli", "migrate", "--select", "optimizers", "-j", "1", "one.py"]
    outputs = {}
    base = {**{k: v for k, v in os.environ.items() if k != "NO_COLOR"}, "PYTHONPATH": str(ROOT), "TERM": "xterm"}
    for label, extra in (("colour", {}), ("no_color", {"NO_COLOR": "1"})):
        env = {**base, **extra}
        child = pexpect.spawn(sys.executable, cmd, cwd=str(tmp_path), env=env, encoding="utf-8", timeout=60)
        child.expect(pexpect.EOF)
        outputs[label] = child.before
    assert "\x1b[32m+a = tensorflow.keras.optimizers.Adam" in outputs["colour"]
    assert "\x1b[31m-a = tf.train.AdamOptimizer" in outputs["colour"]
    # (the progress bar on stderr clears its line with an escape, which is no colour)
    assert "+a = tensorflow.keras.optimizers.Adam" in outputs["no_color"]
    assert not any(code in outputs["no_color"] for code in ("\x1b[1m", "\x1b[36m", "\x1b[32m", "\x1b[31m"))
    piped = subprocess.run([sys.executable, *cmd], cwd=tmp_path, capture_output=True, text=True, env=base)
    assert "+a = tensorflow.keras.optimizers.Adam" in piped.stdout and "\x1b[" not in piped.stdout
    assert (tmp_path / "one.py").read_text() == THREE


FOREIGN_COMPAT = "import tensorflow.compat.v1 as tfv1\n"
FOREIGN_READER = "from compat import tfv1 as tf\n\n\ndef scope():\n    return tf.layers.dense(tf.ones([1, 2]), 3)\n"


def test_accepting_every_change_writes_what_a_run_without_interactive_writes(tmp_path):
    """Every change accepted ("a" at each file's first offer, per rule) writes, file for
    file and name map entry for entry, what ``migrate --write`` writes: the rules read
    what the run's other files know of each file there too (names another file imports
    stay bound, another module's TF1-free helpers, the group's modules, the names another
    module binds to TensorFlow)."""
    from tests.test_checkpoint import HELPED_MODEL, HELPERS
    from tests.test_project import LAYERS_UTIL, USER

    roots = {}
    for kind in ("batch", "asked"):
        root = tmp_path / kind
        (root / "pkg").mkdir(parents=True)
        for rel, text in {"pkg/__init__.py": "", "pkg/layers_util.py": LAYERS_UTIL, "pkg/user.py": USER,
                          "shapes.py": HELPERS, "model.py": HELPED_MODEL, "compat.py": FOREIGN_COMPAT,
                          "reader.py": FOREIGN_READER}.items():
            (root / rel).write_text(text)
        roots[kind] = root
    env = {**os.environ, "PYTHONPATH": str(ROOT), "TERM": "xterm"}
    env.pop("CI", None)
    args = ["-m", "codemod.cli", "migrate", "-j", "1", "--name-map", "map.json", "."]
    batch = pexpect.spawn(sys.executable, [*args, "--write"], cwd=str(roots["batch"]), env=env,
                          encoding="utf-8", timeout=300)
    batch.expect(pexpect.EOF)
    batch.close()
    assert batch.exitstatus == 1
    child = pexpect.spawn(sys.executable, [*args, "--interactive"], cwd=str(roots["asked"]), env=env,
                          encoding="utf-8", timeout=300)
    said, offers = "", 0
    while child.expect([PROMPT, pexpect.EOF]) == 0:
        said += child.before
        offers += 1
        child.sendline("a")
    said += child.before
    child.close()
    assert child.exitstatus == 1 and offers >= 3  # "a" accepts the rest of the file, every rule
    assert "reader.py:1: tf-api" not in said  # another module's TensorFlow, followed
    assert "tf1to2.layers.dense(tf.ones([1, 2]), 3)" in (roots["asked"] / "reader.py").read_text()
    files = sorted(p.relative_to(roots["batch"]) for p in roots["batch"].rglob("*.py"))
    for rel in files:
        assert (roots["asked"] / rel).read_text() == (roots["batch"] / rel).read_text(), rel
    assert "from tf1to2.layers import dense, Dense" in (roots["asked"] / "pkg/layers_util.py").read_text()
    assert "add_weight" in (roots["asked"] / "model.py").read_text()  # shapes' helpers are TF1-free
    written = json.loads((roots["asked"] / "map.json").read_text())
    assert written == json.loads((roots["batch"] / "map.json").read_text()) and written
