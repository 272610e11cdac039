"""What the numeric tests' subprocesses share: the environment of one Keras or the
other, and TF1 references built once and reused by both Kerases' checks."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Callable, Hashable
from xml.etree import ElementTree

ROOT = Path(__file__).resolve().parent.parent
NUMERIC = ROOT / "tests" / "numeric"


def keras_env(legacy: bool = False, *paths: Path) -> dict:
    """``os.environ`` for a subprocess on Keras 3 (``TF_USE_LEGACY_KERAS`` unset) or, with
    ``legacy``, on tf-keras; TensorFlow's logs quiet, no GPU, the repository (and
    ``paths``) importable."""
    env = {k: v for k, v in os.environ.items() if k != "TF_USE_LEGACY_KERAS"}
    env.update(TF_CPP_MIN_LOG_LEVEL="3", CUDA_VISIBLE_DEVICES="",
               PYTHONPATH=os.pathsep.join(str(p) for p in (ROOT, *paths)))
    if legacy:
        env["TF_USE_LEGACY_KERAS"] = "1"
    return env


def pytest_command(folder: Path, report: Path, *targets: str, tf1: bool = False) -> list:
    """A pytest run of ``targets`` in ``folder`` (its own root dir), writing JUnit XML to
    ``report``; with ``tf1``, under TF1's API and behaviour from before any test imports
    TensorFlow (the plugin ``tests/numeric/tf1_behaviour.py``: give ``keras_env``
    ``NUMERIC``)."""
    return [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "--tb=short", f"--rootdir={folder}",
            f"--junitxml={report}", *(["-p", "tf1_behaviour"] if tf1 else []), *targets]


def junit_outcomes(report: Path) -> dict:
    """test id (``module.Class.test``) → "passed", "failed" (a failure or an error) or
    "skipped", from a JUnit XML report."""
    out = {}
    for case in ElementTree.parse(report).iter("testcase"):
        kinds = {child.tag for child in case}
        out[f"{case.get('classname')}.{case.get('name')}"] = (
            "failed" if kinds & {"failure", "error"} else "skipped" if "skipped" in kinds else "passed")
    return out


def run_pytest(folder: Path, report: Path, *targets: str, legacy: bool = False, tf1: bool = False,
               paths: tuple = (), timeout: int = 900) -> tuple:
    """``pytest_command`` run, on Keras 3 or (``legacy``) tf-keras, with ``folder`` and
    ``paths`` importable: (``junit_outcomes``, its output)."""
    return run_pytests({None: (folder, report, targets, legacy, tf1)}, paths, timeout)[None]


def run_pytests(runs: dict, paths: tuple = (), timeout: int = 900, fresh: bool = False) -> dict:
    """Several ``run_pytest`` runs at once (the two sides of a comparison, on a machine's
    two cores): key → (folder, report, targets, legacy, tf1) in, key → (``junit_outcomes``,
    its output) out. ``fresh``: new processes (``run_at_once``), where a ``sitecustomize``
    on ``paths`` must run before anything is imported."""
    ended = run_at_once({key: dict(args=pytest_command(folder, report, *targets, tf1=tf1), cwd=folder,
                                   stderr=subprocess.STDOUT, env=keras_env(legacy, folder, NUMERIC, *paths))
                         for key, (folder, report, targets, legacy, tf1) in runs.items()}, timeout, fresh)
    out = {}
    for key, (_code, log, _err) in ended.items():
        report = runs[key][1]
        assert report.exists(), log[-6000:]
        out[key] = junit_outcomes(report), log
    return out


def script_answers(script: Path, folder: Path, sides: tuple, timeout: int = 600, fresh: bool = False) -> dict:
    """``script SIDE FOLDER`` (a numeric script printing JSON on its last line) for each
    side at once, the ``tf1`` side on tf-keras, the others on Keras 3: side → its JSON."""
    return answers_at_once({side: dict(args=[sys.executable, str(script), side, str(folder)], cwd=ROOT,
                                       env=keras_env(side == "tf1")) for side in sides}, timeout, fresh)


def answers_at_once(runs: dict, timeout: int = 900, fresh: bool = False) -> dict:
    """``run_at_once``, each of which must succeed and print JSON on its last line: key →
    that JSON."""
    answers = {}
    for key, (code, out, err) in run_at_once(runs, timeout, fresh).items():
        assert code == 0, f"{key}:\n{err[-3000:]}"
        answers[key] = json.loads(out.strip().splitlines()[-1])
    return answers


def tf_run(args: list, *, env: dict, cwd=None, timeout=None, check: bool = False, text: bool = True,
           capture_output: bool = True) -> subprocess.CompletedProcess:
    """``subprocess.run(args, capture_output=True, ...)`` for a Python process that imports
    TensorFlow: a fork of a server that imported it already (``tests/forkserver.py``),
    which saves the 3 to 4 CPU-seconds of the import, where the run can be one."""
    from tests.forkserver import Server

    assert capture_output, "tf_run captures the output"
    proc = Server.popen(args, env=env, cwd=cwd, text=text)
    try:
        out, err = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        proc.kill()
        raise
    if check and proc.returncode:
        raise subprocess.CalledProcessError(proc.returncode, args, out, err)
    return subprocess.CompletedProcess(args, proc.returncode, out, err)


def run_at_once(runs: dict, timeout: int = 900, fresh: bool = False) -> dict:
    """Subprocesses started together (key → ``subprocess.Popen`` keywords; output piped,
    as text) and waited for: key → (return code, stdout, stderr). Those still running
    when one times out or raises are killed. Each runs Python on TensorFlow, so each is
    a fork of a server that imported it already (``tests/forkserver.py``) where it can be;
    ``fresh``: new processes, for a check of what a process does from its start (the order
    a new TensorFlow runtime happens to run unordered ops in, which a fork's need not be)."""
    from tests.forkserver import Server

    procs = {key: Server.popen(**{"env": os.environ, "text": True, "fresh": fresh, **kw}) for key, kw in runs.items()}
    ended = {}
    try:
        for key, proc in procs.items():
            out, err = proc.communicate(timeout=timeout)
            ended[key] = proc.returncode, out, err
    finally:
        for proc in procs.values():
            if proc.poll() is None:
                proc.kill()
    return ended


class References:
    """TF1 references (the files ``names`` a build writes into a work folder) built once per
    key, and linked into the folder of every later check of that key (hard links: the checks
    only read them, and a VGG checkpoint is half a gigabyte): the original does not depend
    on the Keras the migrated side runs on."""

    def __init__(self, *names: str) -> None:
        self.names = names
        self.built: dict = {}  # key → the folder it was built in

    def into(self, key: Hashable, work: Path, build: Callable[[], None]) -> None:
        done = self.built.get(key)
        if done is None:
            build()
            self.built[key] = work
            return
        for name in self.names:
            if (done / name).is_dir():
                shutil.copytree(done / name, work / name, copy_function=_link)
            else:
                _link(done / name, work / name)


def _link(source, target) -> None:
    """``target`` a hard link to ``source``; a copy where the file system has no such links."""
    try:
        os.link(source, target)
    except OSError:
        shutil.copy2(source, target)
