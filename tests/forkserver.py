"""Python processes started with TensorFlow already imported: a fork server for the tests.

Most of the test suite's subprocesses import TensorFlow, and importing it costs 3 to 4
CPU-seconds: in the numeric checks that is most of what a side does (measured on
test_tf_api, test_checkpoint, test_name_map and test_v1_layer_forms: 81 TensorFlow
processes, 304 CPU-seconds, about 3.75 each). A server process imports TensorFlow (and
NumPy) once, for one Keras (``TF_USE_LEGACY_KERAS`` is read when TensorFlow is imported);
each run is a fork of it that then becomes ``python SCRIPT ARGS`` (``-c CODE``, ``-m
MODULE``): its own ``argv``, environment, working directory, ``sys.path`` (from the
request's ``PYTHONPATH``, as the interpreter would make it), and output files. Each run is
still a process of its own, so TF1 behaviour (``disable_v2_behavior``), Keras's global
name counters and anything else a run changes stay in it.

    python tests/forkserver.py SOCKET     # the server (the tests start it: ``Server``)

The server runs no TensorFlow op and starts no thread before it forks, so a fork has only
what importing left. Importing TensorFlow 2.21 leaves two native threads of its own, which
a fork does not have; no check was seen to need them (the whole suite runs as forks, and
each check passed as in new interpreters but one, which reads the order a new runtime
happens to run two unordered ops in: it runs new interpreters, ``run_at_once(fresh=True)``),
but a check that hangs or differs only as a fork is the first thing to suspect here. ``TF1TO2_TEST_FORK=0``
makes ``Server.popen`` start ordinary subprocesses instead (for telling a fork server
problem from a test's).

Protocol: one connection per run. The client sends one JSON line {argv, env, cwd, out,
err}; the server forks a waiter, which forks the run and sends back two lines, the run's
pid and then its return code (``-N`` for a signal, as ``subprocess`` reports it)."""
from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Optional

ENABLED = os.environ.get("TF1TO2_TEST_FORK", "1") != "0"


# --- the server side -------------------------------------------------------------------

def serve(path: str) -> None:
    import numpy  # noqa: F401 - imported once, for every run
    import tensorflow  # noqa: F401

    base_path = [p for p in sys.path[1:] if p not in _pythonpath(os.environ)]
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    listener.bind(path)
    listener.listen(64)
    signal.signal(signal.SIGCHLD, signal.SIG_IGN)  # waiters reaped by the kernel
    print("ready", flush=True)
    parent = os.getppid()
    listener.settimeout(2.0)
    while True:
        try:
            conn, _ = listener.accept()
        except socket.timeout:
            if os.getppid() != parent:  # the test process is gone: so is this server
                return
            continue
        conn.settimeout(None)
        request = json.loads(conn.makefile("r").readline())
        sys.stdout.flush()
        sys.stderr.flush()
        if os.fork() == 0:  # the waiter
            listener.close()
            signal.signal(signal.SIGCHLD, signal.SIG_DFL)
            _wait_for(conn, request, base_path)
        conn.close()


def _wait_for(conn: socket.socket, request: dict, base_path: list) -> None:
    try:
        pid = os.fork()
        if pid == 0:
            conn.close()
            _become(request, base_path)  # never returns
        conn.sendall(f"{pid}\n".encode())
        _, status = os.waitpid(pid, 0)
        code = -os.WTERMSIG(status) if os.WIFSIGNALED(status) else os.WEXITSTATUS(status)
        conn.sendall(f"{code}\n".encode())
    finally:
        os._exit(0)


def _become(request: dict, base_path: list) -> None:
    """This fork turned into ``python ARGV`` (the request's), then gone with its code."""
    code = 1
    try:
        os.setsid()  # its own process group, as a killed run's children go with it
        out = os.open(request["out"], os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        err = out if request["err"] == request["out"] else os.open(request["err"], os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        os.dup2(out, 1)
        os.dup2(err, 2)
        for fd in {out, err}:
            os.close(fd)
        devnull = os.open(os.devnull, os.O_RDONLY)
        os.dup2(devnull, 0)
        os.close(devnull)
        os.environ.clear()
        os.environ.update(request["env"])
        tempfile.tempdir = None  # (TMPDIR read again)
        os.chdir(request["cwd"])
        code = _run(request["argv"], base_path)
    except SystemExit as e:
        code = _exit_code(e)
    except BaseException:  # noqa: BLE001 - reported as the interpreter would
        import traceback
        traceback.print_exc()
        code = 1
    finally:
        try:
            import atexit
            atexit._run_exitfuncs()
            sys.stdout.flush()
            sys.stderr.flush()
        finally:
            os._exit(code)


def _run(argv: list, base_path: list) -> int:
    import builtins
    import runpy
    import types

    extra = _pythonpath(os.environ)
    if argv[0] == "-c":
        sys.argv = ["-c", *argv[2:]]
        sys.path[:] = ["", *extra, *base_path]
        main = sys.modules["__main__"] = types.ModuleType("__main__")
        main.__builtins__ = builtins
        exec(compile(argv[1], "<string>", "exec"), main.__dict__)
    elif argv[0] == "-m":
        sys.argv = [argv[1], *argv[2:]]
        sys.path[:] = [os.getcwd(), *extra, *base_path]
        runpy.run_module(argv[1], run_name="__main__", alter_sys=True)
    else:
        script = os.path.abspath(argv[0])
        sys.argv = list(argv)
        sys.path[:] = [os.path.dirname(script), *extra, *base_path]
        runpy.run_path(script, run_name="__main__")
    return 0


def _exit_code(e: SystemExit) -> int:
    if e.code is None:
        return 0
    if isinstance(e.code, int):
        return e.code
    print(e.code, file=sys.stderr)
    return 1


def _import_time(env) -> dict:
    """The variables of ``env`` that TensorFlow, Keras or the libraries under them may read
    when they are imported: a run whose differ from its server's is an ordinary process."""
    prefixes = ("TF_", "KERAS", "CUDA", "XLA", "OMP_", "MKL", "ONEDNN", "PYTHON")
    return {k: v for k, v in env.items() if k.startswith(prefixes) and k != "PYTHONPATH"}


def _pythonpath(env) -> list:
    return [os.path.abspath(p) for p in env.get("PYTHONPATH", "").split(os.pathsep) if p]


# --- the client side -------------------------------------------------------------------

class Server:
    """One fork server per Keras (``legacy``: tf-keras), started at first use and stopped
    with the test process."""

    _running: dict = {}  # legacy → the server, or the reason it could not start
    _lock = threading.Lock()  # (the slim nets' checks start runs from two threads)

    @classmethod
    def popen(cls, args: list, env: dict, cwd=None, text: bool = True, stderr=subprocess.PIPE, fresh: bool = False,
              **ignored):
        """A started run of ``args`` (``[sys.executable, ...]``) with ``env``, answering
        ``communicate``, ``wait``, ``poll``, ``kill`` and ``returncode`` as a
        ``subprocess.Popen`` with piped output does (``stderr=subprocess.STDOUT`` merges
        the two); an ordinary ``Popen`` where it cannot be a fork (``_server``) or must
        not (``fresh``, or input on ``stdin``)."""
        server = None if fresh or ignored.get("stdin") is not None else cls._server(args, env)
        if server is None:
            return subprocess.Popen(args, env=env, cwd=cwd, text=text, stdout=subprocess.PIPE, stderr=stderr,
                                    stdin=ignored.get("stdin"))
        return _Run(server, list(args[1:]), env, str(cwd or os.getcwd()), text, stderr == subprocess.STDOUT)

    @classmethod
    def _server(cls, args: list, env: dict) -> Optional["Server"]:
        """The server ``args`` can run as a fork of (started at first use), or None: forking
        turned off, not a plain ``python SCRIPT|-c CODE|-m MODULE``, no server (said once,
        and test_forkserver fails), or an environment TensorFlow would have been imported
        under otherwise."""
        if not (ENABLED and len(args) >= 2 and args[0] == sys.executable
                and (not args[1].startswith("-") or (args[1] in ("-c", "-m") and len(args) >= 3))):
            return None
        legacy = env.get("TF_USE_LEGACY_KERAS") in ("1", "true", "True")
        with cls._lock:
            server = cls._running.get(legacy) or cls._start(legacy)
        return None if isinstance(server, str) or _import_time(env) != _import_time(server.env) else server

    @classmethod
    def _start(cls, legacy: bool):
        try:
            server = cls(legacy)
        except (OSError, RuntimeError) as e:  # the runs are ordinary subprocesses then: slower, the same
            server = f"the fork server did not start ({e}); running new interpreters instead"
            print(f"tests/forkserver.py: {server}", file=sys.stderr)
        cls._running[legacy] = server
        return server

    def __init__(self, legacy: bool) -> None:
        from tests.subprocess_env import keras_env

        self.folder = Path(tempfile.mkdtemp(prefix="tf1to2-fork-"))
        if len(str(self.folder)) > 90:  # a Unix socket's path has at most 107 bytes
            self.folder.rmdir()
            self.folder = Path(tempfile.mkdtemp(prefix="tf1to2-fork-", dir="/tmp"))
        self.socket = str(self.folder / "s")
        self.env = keras_env(legacy)
        log = self.folder / "server.log"
        with open(log, "w") as err:
            self.proc = subprocess.Popen([sys.executable, __file__, self.socket], env=self.env,
                                         stdout=subprocess.PIPE, stderr=err, stdin=subprocess.DEVNULL, text=True)
        import select

        line = self.proc.stdout.readline() if select.select([self.proc.stdout], [], [], 600)[0] else ""
        if line.strip() != "ready":
            said = log.read_text()[-3000:]
            self.stop()
            raise RuntimeError(f"it exited or said nothing for 10 minutes: {line}{said}")
        import atexit
        atexit.register(self.stop)

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()
        import shutil
        shutil.rmtree(self.folder, ignore_errors=True)


class _Run:
    """A run on a fork server, answering as ``subprocess.Popen`` with piped output does."""

    def __init__(self, server: Server, argv: list, env: dict, cwd: str, text: bool, merged: bool) -> None:
        fd, self._out = tempfile.mkstemp(dir=server.folder, suffix=".out")
        os.close(fd)
        self._err = self._out if merged else self._out[:-4] + ".err"
        self.text, self.merged, self.args = text, merged, argv
        self.returncode = None
        self._sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self._sock.connect(server.socket)
        request = dict(argv=argv, env=dict(env), cwd=cwd, out=self._out, err=self._err)
        self._sock.sendall((json.dumps(request) + "\n").encode())
        self._buffer = b""
        self.pid = int(self._line(None))

    def _line(self, timeout) -> str:
        """The server's next line ("" once it closed the connection), waiting at most
        ``timeout`` seconds (TimeoutExpired)."""
        import select

        end = None if timeout is None else time.monotonic() + timeout
        while b"\n" not in self._buffer:
            left = None if end is None else max(0.0, end - time.monotonic())
            if not select.select([self._sock], [], [], left)[0]:
                raise subprocess.TimeoutExpired(self.args, timeout)
            data = self._sock.recv(4096)
            if not data:
                return ""
            self._buffer += data
        line, _, self._buffer = self._buffer.partition(b"\n")
        return line.decode()

    def wait(self, timeout=None) -> int:
        if self.returncode is None:
            line = self._line(timeout)
            self.returncode = int(line) if line.strip() else -signal.SIGKILL
            self._sock.close()
        return self.returncode

    def poll(self):
        if self.returncode is None:
            try:
                return self.wait(0.001)
            except subprocess.TimeoutExpired:
                return None
        return self.returncode

    def communicate(self, timeout=None) -> tuple:
        self.wait(timeout)
        out = self._read(self._out)
        err = None if self.merged else self._read(self._err)
        return out, err

    def _read(self, path: str):
        data = Path(path).read_bytes()
        Path(path).unlink(missing_ok=True)
        return data.decode("utf-8", "replace") if self.text else data

    def kill(self) -> None:
        try:
            os.killpg(self.pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            try:  # (not yet a group of its own)
                os.kill(self.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass



if __name__ == "__main__":
    serve(sys.argv[1])
