"""What an interrupted or hostile run must not do, through the real command line."""
from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import sysconfig
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TF_SLIM = Path(sysconfig.get_paths()["purelib"]) / "tf_slim"


def _tf1to2(*args: str, **kw):
    return subprocess.Popen([sys.executable, "-m", "codemod.cli", *args], stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE, cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)}, **kw)


def _tree(tmp_path: Path, name: str) -> Path:
    tree = tmp_path / name
    # the package without its tests (a third of its lines): 51 files, 8 of which change
    shutil.copytree(TF_SLIM, tree, ignore=shutil.ignore_patterns("__pycache__", "*_test.py"))
    return tree


def _files(tree: Path) -> dict:
    return {p.relative_to(tree): p.read_bytes() for p in sorted(tree.rglob("*")) if p.is_file()}


def _running(marker: str) -> list:
    """Processes whose command line names ``marker`` (the run's tree)."""
    found = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            cmdline = Path("/proc", entry, "cmdline").read_bytes().decode(errors="replace")
            state = Path("/proc", entry, "stat").read_text().split(") ", 1)[1][0]
        except OSError:
            continue
        if marker in cmdline and state != "Z":
            found.append(int(entry))
    return found


def _kill_while_writing(tree: Path, args: tuple, old: dict, new: dict) -> tuple[int, int]:
    """Start the run over ``tree``, kill -9 its main process the moment the first file is
    replaced (each write is fsynced: the others are still to come), and check what it
    left: no worker alive, every file old or new. (files written, files to change)"""
    changing = [tree / rel for rel in old if new[rel] != old[rel]]
    stamps = [p.stat().st_mtime_ns for p in changing]
    run = _tf1to2(*args, str(tree))
    deadline = time.monotonic() + 300
    while [p.stat().st_mtime_ns for p in changing] == stamps:
        assert run.poll() is None and time.monotonic() < deadline, "the run ended before it could be killed"
    os.kill(run.pid, signal.SIGKILL)
    run.wait()
    for _ in range(50):
        if not _running(str(tree)):
            break
        time.sleep(0.1)
    assert not _running(str(tree)), "workers outlived the killed run"
    after = _files(tree)
    for rel, data in after.items():
        if not rel.name.startswith(".tf1to2-"):
            assert data in (old[rel], new[rel]), f"{rel} is neither old nor new"
    return sum(after.get(rel) == new[rel] != old[rel] for rel in old), len(changing)


def test_kill_9_of_the_run_while_it_writes(tmp_path):
    """kill -9 of the main process while --write runs over the tf_slim package (with two
    workers): every file is its old or its new self, never partial; no worker is alive a
    few seconds later; the next run finishes the job and leaves no temporary file, and
    removes those a killed run left (whose process is gone), not a running one's."""
    reference = _tree(tmp_path, "reference")
    args = ("migrate", "--write", "--select", "tf-api,slim-arg-scope", "-j", "2")
    assert _tf1to2(*args, str(reference)).wait(timeout=600) == 1
    new = _files(reference)
    for attempt in range(3):  # until a kill lands between two writes (it nearly always does at once)
        tree = _tree(tmp_path, f"tree{attempt}")
        old = _files(tree)
        written, changing = _kill_while_writing(tree, args, old, new)
        if 0 < written < changing:
            break
    assert 0 < written < changing, "no kill landed between two writes"
    # a killed run's leftovers (its process is gone; the old, pid-less form too), and a
    # running process' own temporary file, which must stay
    killed_leftovers = len(list(tree.rglob(".tf1to2-*")))  # when the kill hit a write
    nets = tree / "nets"
    (nets / ".tf1to2-4194999-abcd1234.tmp").write_text("partial")
    (nets / ".tf1to2-k2j3h4g5.tmp").write_text("partial")
    (nets / f".tf1to2-{os.getpid()}-live0000.tmp").write_text("in use")
    again = _tf1to2(*args, str(tree))
    _, err = again.communicate(timeout=600)
    assert again.returncode == 1, err
    assert f"removed {2 + killed_leftovers} temporary files an interrupted run left" in err.decode()
    leftovers = sorted(p.name for p in tree.rglob(".tf1to2-*"))
    assert leftovers == [f".tf1to2-{os.getpid()}-live0000.tmp"]
    (nets / leftovers[0]).unlink()
    assert _files(tree) == new


TF1_CODE = "import tensorflow as tf\n\n\ndef opt():\n    return tf.train.AdamOptimizer(0.1, beta1=0.5)\n"


def _long_file(lines: int) -> bytes:
    """``lines`` lines of plain functions and lists, and TF1 code at the end: parsed in
    pieces (``rules.base.parse_module``), rewritten at its last lines."""
    tail = TF1_CODE[len("import tensorflow as tf\n"):]  # two blank lines and a function
    parts = ["import tensorflow as tf\n"]
    for i in range((lines - 1 - tail.count("\n")) // 2):
        parts.append(f"def f_{i}(x):\n    return x + {i}\n" if i % 2 == 0 else f"v_{i} = [{i}, {i + 1}]\n\n")
    return ("".join(parts) + tail).encode()


def _adversarial(root: Path, outside: Path) -> None:
    """Files a real tree may hold that are hard on a rewriting tool: odd line endings and
    encodings, bytes Python cannot read, new syntax, read-only files and folders, every
    kind of symlink, names with spaces and non-ASCII, a binary file."""
    crlf = TF1_CODE.replace("\n", "\r\n").encode()
    files = {
        "crlf.py": crlf,
        "mixed.py": b"import tensorflow as tf\r\nx = 1\n\r\nopt = tf.train.AdamOptimizer(0.1)\r\n",
        "bom.py": b"\xef\xbb\xbf" + TF1_CODE.encode(),
        "latin1.py": b"# -*- coding: latin-1 -*-\n# caf\xe9\n" + TF1_CODE.encode(),
        "undecodable.py": b"import tensorflow as tf\n# \xff\xfe\nopt = tf.train.AdamOptimizer(0.1)\n",
        "nul.py": b"import tensorflow as tf\nopt = tf.train.AdamOptimizer(0.1)\x00\n",
        "tabs.py": b"import tensorflow as tf\n\n\ndef opt():\n\treturn tf.train.AdamOptimizer(0.1)\n",
        "empty.py": b"",
        "walrus_match.py": (b"import tensorflow as tf\n\n\ndef f(x):\n    if (o := tf.train.AdamOptimizer(0.1)):\n"
                            b"        match x:\n            case 1:\n                return o\n    return None\n"),
        "py312.py": b"import tensorflow as tf\ntype Opt = tf.train.AdamOptimizer\n",
        "binary.py": bytes(range(256)) * 4 + b"tensorflow",
        "read_only.py": TF1_CODE.encode(),
        "dir with space/\u00fc\u540d.py": TF1_CODE.encode(),
        "ro_dir/inside.py": TF1_CODE.encode(),
        "many/deep/er/x.py": TF1_CODE.encode(),
        "long.py": _long_file(50_000),
    }
    for rel, data in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    (root / "read_only.py").chmod(0o444)
    (root / "ro_dir").chmod(0o555)
    outside.mkdir()
    (outside / "target.py").write_bytes(TF1_CODE.encode())
    (outside / "pkg").mkdir()
    (outside / "pkg" / "m.py").write_bytes(TF1_CODE.encode())
    (root / "link_to_file.py").symlink_to(outside / "target.py")
    (root / "link_to_dir").symlink_to(outside / "pkg", target_is_directory=True)
    (root / "dangling.py").symlink_to(root / "missing.py")
    (root / "loop.py").symlink_to(root / "loop.py")


def _state(*roots: Path) -> dict:
    """Every path under ``roots`` (links not followed) → (mode, bytes or link target)."""
    out = {}
    for root in roots:
        for dirpath, dirnames, filenames in os.walk(root):
            for name in dirnames + filenames:
                p = Path(dirpath, name)
                st = p.lstat()
                content = os.readlink(p) if p.is_symlink() else (p.read_bytes() if p.is_file() else None)
                out[p] = (st.st_mode, content)
    return out


def _report(*args: str) -> tuple[int, dict]:
    run = subprocess.run([sys.executable, "-m", "codemod.cli", "migrate", "--format", "json", *args],
                         capture_output=True, cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)}, timeout=900)
    return run.returncode, json.loads(run.stdout)


def test_a_tree_of_real_and_adversarial_files(tmp_path):
    """tf_slim's nets and a set of adversarial files in one tree, every rule: a dry run
    changes no byte anywhere; --write changes exactly the files the dry run said would
    change, keeps their modes and line endings, writes only code that compiles, leaves no
    temporary file, and touches nothing outside the named folder (symlinks to it
    included); a second run has nothing left to change."""
    root, outside = tmp_path / "tree", tmp_path / "outside"
    shutil.copytree(TF_SLIM / "nets", root / "nets", ignore=shutil.ignore_patterns("__pycache__"))
    _adversarial(root, outside)
    try:
        before = _state(root, outside)
        code, dry = _report(str(root))
        assert code == 2  # the files Python cannot read are errors, named
        assert _state(root, outside) == before, "a dry run changes nothing"
        would = {f["path"] for f in dry["files"] if f["status"] == "changed"}
        failed = {Path(f["path"]).name for f in dry["files"] if f["status"] == "failed"}
        assert {"undecodable.py", "nul.py", "py312.py", "binary.py"} <= failed
        assert "crlf.py" in {Path(p).name for p in would}
        code, wrote = _report("--write", str(root))
        after = _state(root, outside)
        changed = {str(p) for p in before if before[p] != after.get(p)}
        written = {f["path"] for f in wrote["files"] if f["status"] == "changed"}
        refused = {Path(f["path"]).name for f in wrote["files"] if f["status"] == "failed"} - failed
        assert refused == {"read_only.py", "inside.py"}  # a read-only file, a file in a read-only folder
        assert changed == written == would - {str(root / "read_only.py"), str(root / "ro_dir" / "inside.py")}
        assert set(after) == set(before), "no file made or removed (no temporary file left)"
        for p in map(Path, changed):
            mode, data = after[p]
            assert mode == before[p][0]
            assert data.count(b"\r\n") == 0 or data.count(b"\n") == data.count(b"\r\n") or p.name == "mixed.py"
            assert (data.count(b"\r\n") > 0) == (before[p][1].count(b"\r\n") > 0)
            compile(data, str(p), "exec")
        assert after[root / "crlf.py"][1].count(b"\r\n") == after[root / "crlf.py"][1].count(b"\n")
        assert after[root / "bom.py"][1].startswith(b"\xef\xbb\xbf")
        assert b"caf\xe9" in after[root / "latin1.py"][1]
        long_before, long_after = before[root / "long.py"][1], after[root / "long.py"][1]
        head = long_before[:long_before.index(b"\n\n\ndef opt")]
        assert long_after.startswith(head) and b"beta_1=0.5" in long_after[len(head):]  # all of it, its end rewritten
        code, again = _report(str(root))
        left = {Path(f["path"]).name for f in again["files"] if f["status"] == "changed"}
        assert left == refused, "a second run has nothing left but what was refused"
    finally:
        (root / "ro_dir").chmod(0o755)
