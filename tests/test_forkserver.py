"""The tests' fork server (tests/forkserver.py) answers as a new Python process would: the
numeric checks read return codes, output and files off its runs, so each of these is a
way a run could differ from ``python ...`` and pass a check it should fail."""
from __future__ import annotations

import json
import subprocess
import sys

import pytest

from tests import forkserver
from tests.subprocess_env import keras_env, run_at_once, tf_run


@pytest.fixture(autouse=True)
def _forking(monkeypatch):
    """The server tested even where TF1TO2_TEST_FORK=0 turned it off for the other tests."""
    monkeypatch.setattr(forkserver, "ENABLED", True)


def _forked(proc) -> bool:
    return isinstance(proc, forkserver._Run)


def test_return_codes_and_output_are_the_runs():
    env = keras_env()
    for legacy in (False, True):  # each Keras's server started (were one not, its runs would be new interpreters)
        assert _forked(forkserver.Server.popen([sys.executable, "-c", "pass"], env=keras_env(legacy))), \
            forkserver.Server._running.get(legacy)
    ok = tf_run([sys.executable, "-c", "import sys; print('out'); print('err', file=sys.stderr)"], env=env)
    assert (ok.returncode, ok.stdout, ok.stderr) == (0, "out\n", "err\n")
    assert tf_run([sys.executable, "-c", "import sys; sys.exit(3)"], env=env).returncode == 3
    assert tf_run([sys.executable, "-c", "raise SystemExit('said')"], env=env).returncode == 1
    raised = tf_run([sys.executable, "-c", "raise ValueError('boom')"], env=env)
    assert raised.returncode == 1 and raised.stderr.rstrip().endswith("ValueError: boom")
    killed = tf_run([sys.executable, "-c", "import os, signal; os.kill(os.getpid(), signal.SIGKILL)"], env=env)
    assert killed.returncode == -9
    with pytest.raises(subprocess.CalledProcessError):
        tf_run([sys.executable, "-c", "import sys; sys.exit(2)"], env=env, check=True)


def test_a_run_gets_its_own_argv_path_directory_and_environment(tmp_path):
    (tmp_path / "lib").mkdir()
    (tmp_path / "lib" / "helper_mod.py").write_text("VALUE = 7\n")
    (tmp_path / "script.py").write_text(
        "import json, os, sys\nimport helper_mod\n"
        "print(json.dumps({'argv': sys.argv, 'path0': sys.path[0], 'cwd': os.getcwd(), 'value': helper_mod.VALUE,"
        " 'mine': os.environ.get('MINE'), 'main': __name__}))\n")
    env = dict(keras_env(False, tmp_path / "lib"), MINE="yes")
    got = json.loads(tf_run([sys.executable, str(tmp_path / "script.py"), "a", "b"], env=env, cwd=tmp_path).stdout)
    assert got == {"argv": [str(tmp_path / "script.py"), "a", "b"], "path0": str(tmp_path), "cwd": str(tmp_path),
                   "value": 7, "mine": "yes", "main": "__main__"}
    # without that PYTHONPATH the module is not there: a run's path is its own, not the last run's
    missing = tf_run([sys.executable, str(tmp_path / "script.py")], env=keras_env(), cwd=tmp_path)
    assert missing.returncode == 1 and "No module named 'helper_mod'" in missing.stderr
    module = tf_run([sys.executable, "-m", "json.tool"], env=keras_env(), cwd=tmp_path)  # no input: an error
    assert module.returncode != 0


def test_what_a_run_changes_stays_in_it():
    """TF1 behaviour turned on in one run is not on in the next; each Keras is the one its
    environment asks for (TensorFlow reads TF_USE_LEGACY_KERAS when it is imported)."""
    tf1 = ("import tensorflow as tf\ntf.compat.v1.disable_v2_behavior()\n"
           "print(tf.executing_eagerly(), tf.keras.__name__)")
    after = "import tensorflow as tf\nprint(tf.executing_eagerly(), tf.keras.__name__)"
    ended = run_at_once({"tf1": dict(args=[sys.executable, "-c", tf1], env=keras_env(True)),
                         "after": dict(args=[sys.executable, "-c", after], env=keras_env(True)),
                         "keras3": dict(args=[sys.executable, "-c", after], env=keras_env(False))})
    assert ended["tf1"][:2] == (0, "False tf_keras.api._v2.keras\n"), ended["tf1"][2][-2000:]
    assert ended["after"][:2] == (0, "True tf_keras.api._v2.keras\n"), ended["after"][2][-2000:]
    assert ended["keras3"][:2] == (0, "True keras._tf_keras.keras\n"), ended["keras3"][2][-2000:]


def test_a_run_that_outlives_its_timeout_is_killed():
    proc = forkserver.Server.popen([sys.executable, "-c", "import time; time.sleep(60)"], env=keras_env())
    with pytest.raises(subprocess.TimeoutExpired):
        proc.communicate(timeout=0.5)
    assert proc.poll() is None
    proc.kill()
    assert proc.wait(timeout=30) == -9


def test_what_it_cannot_run_as_a_fork_runs_as_a_new_process():
    """An environment TensorFlow would have been imported under differently (here, its log
    level), input on stdin, interpreter options and a run asked to be fresh are ordinary
    subprocesses."""
    quiet = dict(keras_env(), TF_CPP_MIN_LOG_LEVEL="0")
    assert not _forked(forkserver.Server.popen([sys.executable, "-c", "pass"], env=quiet))
    assert not _forked(forkserver.Server.popen([sys.executable, "-I", "-c", "pass"], env=keras_env()))
    assert not _forked(forkserver.Server.popen([sys.executable, "-c", "pass"], env=keras_env(), fresh=True))
    assert not _forked(forkserver.Server.popen([sys.executable, "-c", "pass"], env=keras_env(),
                                               stdin=subprocess.DEVNULL))
    ran = tf_run([sys.executable, "-c", "import sys; print('tensorflow' in sys.modules)"], env=quiet)
    assert ran.stdout == "False\n"  # a new interpreter: nothing imported yet
