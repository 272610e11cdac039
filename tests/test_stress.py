"""What an interrupted or hostile run must not do, through the real command line."""
from __future__ import annotations

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
    shutil.copytree(TF_SLIM, tree, ignore=shutil.ignore_patterns("__pycache__"))
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
    """kill -9 of the main process while --write runs over the tf_slim tree (with two
    workers): every file is its old or its new self, never partial; no worker is alive a
    few seconds later; the next run finishes the job and leaves no temporary file, and
    removes those a killed run left (whose process is gone), not a running one's."""
    reference = _tree(tmp_path, "reference")
    args = ("migrate", "--write", "--select", "tf-api,slim-arg-scope", "-j", "2")  # 12 files change
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
