"""tf1to2 against ``tf_upgrade_v2`` on real trees, side by side in one run.

    python benchmarks/bench.py [--repeat N] [--trees tf_slim,tensor2tensor] [--quick]

Trees (copied to a scratch folder, so neither tool touches the originals):

- ``tf_slim``: the source of the installed ``tf_slim`` package (86 files, ~46,600 lines);
- ``tensor2tensor``: tensor2tensor 1.15.7, fetched with ``pip download --no-deps`` into
  the same cache the real-package tests use (``$TF1TO2_PYPI_CACHE`` or
  ``~/.cache/tf1to2/pypi``) and unpacked here, never committed.

For each tree it prints, with medians over ``--repeat`` runs:

- wall time of ``tf1to2 migrate`` (all rules, a dry run: diffs computed and printed to
  /dev/null) at ``-j 2`` and ``-j 1``, and of ``tf_upgrade_v2 --intree --outtree``; the
  ratio tf1to2 / tf_upgrade_v2 (goal: at most 0.5) and the ``-j`` speed-up (goal: at
  least 1.7 on 2 cores);
- peak memory of each tool: the largest sum of the resident sizes of the process and
  its children, sampled every 20 ms (goal: tf1to2's at most tf_upgrade_v2's);
- lines per second, so the report shows how time grows with the size of the tree;
- stage 0 (``tf-api``) alone, and its share of the run.

Then one file of 50,000 lines of TF1 model functions (``big_file``): wall time and peak
memory of ``tf1to2 migrate FILE`` (goal: under 60 s and 1 GB).

Then the costs a user pays per command: ``tf1to2 --version`` and ``tf1to2 rules``
(goal: under 0.3 s) and ``tf1to2 migrate FILE`` on one typical model file (goal: under
0.5 s, interpreter start included: what the pre-commit hook costs per commit).

Both tools run as users run them, each in a fresh process: TensorFlow's import is
counted for ``tf_upgrade_v2`` (it needs it) and not for tf1to2 (which never imports it).
"""
from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import sysconfig
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def tf_slim_source() -> Path:
    src = Path(sysconfig.get_paths()["purelib"]) / "tf_slim"
    if not src.is_dir():
        sys.exit("tf_slim is not installed here: pip install -e '.[test]'")
    return src


def tensor2tensor_source(scratch: Path) -> Path:
    from tests.real_packages import PACKAGES, fetch, unpack

    holder = unpack(fetch(PACKAGES["tensor2tensor"]), scratch / "t2t_unpacked", "tensor2tensor")
    return holder / "tensor2tensor"


def run_measured(cmd: list[str], env: dict) -> tuple[float, int]:
    """Wall seconds and peak resident bytes (process and children, summed) of ``cmd``."""
    import psutil

    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    peak = 0
    done = threading.Event()

    def sample() -> None:
        nonlocal peak
        try:
            parent = psutil.Process(proc.pid)
        except psutil.Error:
            return
        while not done.is_set():
            total = 0
            try:
                for p in (parent, *parent.children(recursive=True)):
                    try:
                        total += p.memory_info().rss
                    except psutil.Error:
                        pass
            except psutil.Error:
                pass
            peak = max(peak, total)
            done.wait(0.02)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    _, stderr = proc.communicate()
    elapsed = time.perf_counter() - start
    done.set()
    sampler.join()
    if proc.returncode not in (0, 1):  # tf1to2 exits 1 when it would change something
        sys.exit(f"{cmd[0]} failed ({proc.returncode}):\n{stderr.decode()[-2000:]}")
    return elapsed, peak


def tree_stats(tree: Path) -> tuple[int, int]:
    files = list(tree.rglob("*.py"))
    return len(files), sum(p.read_bytes().count(b"\n") for p in files)


def median(xs: list[float]) -> float:
    return statistics.median(xs)


def bench_tree(name: str, tree: Path, scratch: Path, tf_upgrade: str, repeat: int, env: dict, ours_env: dict,
               quick: bool) -> None:
    files, lines = tree_stats(tree)
    print(f"\n== {name}: {files} files, {lines} lines")
    cli = [sys.executable, "-m", "codemod.cli", "migrate"]
    runs: dict[str, list] = {k: [] for k in ("j2", "j1", "theirs", "stage0")}
    for i in range(repeat):
        runs["j2"].append(run_measured([*cli, "-j", "2", str(tree)], ours_env))
        if not quick:
            runs["j1"].append(run_measured([*cli, "-j", "1", str(tree)], ours_env))
            runs["stage0"].append(run_measured([*cli, "-j", "2", "--select", "tf-api", str(tree)], ours_env))
        out = scratch / f"{name}_out{i}"
        shutil.rmtree(out, ignore_errors=True)
        runs["theirs"].append(run_measured([tf_upgrade, "--intree", str(tree), "--outtree", str(out),
                                            "--reportfile", str(scratch / f"{name}_report{i}.txt")], env))
    t = {k: median([r[0] for r in v]) for k, v in runs.items() if v}
    mem = {k: max(r[1] for r in v) for k, v in runs.items() if v}
    mib = 1 << 20
    print(f"tf1to2 migrate -j 2: {t['j2']:7.2f} s  {lines / t['j2']:8.0f} lines/s  peak {mem['j2'] / mib:6.0f} MiB")
    if "j1" in t:
        print(f"tf1to2 migrate -j 1: {t['j1']:7.2f} s  {lines / t['j1']:8.0f} lines/s  peak {mem['j1'] / mib:6.0f} MiB")
    print(f"tf_upgrade_v2:       {t['theirs']:7.2f} s  {lines / t['theirs']:8.0f} lines/s  "
          f"peak {mem['theirs'] / mib:6.0f} MiB")
    print(f"ratio tf1to2 (-j 2) / tf_upgrade_v2: {t['j2'] / t['theirs']:.2f}   (goal <= 0.5)")
    print(f"peak memory tf1to2 (-j 2) / tf_upgrade_v2: {mem['j2'] / mem['theirs']:.2f}   (goal <= 1)")
    if "j1" in t:
        print(f"speed-up -j 1 -> -j 2: {t['j1'] / t['j2']:.2f}x   (goal >= 1.7)")
        print(f"stage 0 (tf-api) alone, -j 2: {t['stage0']:.2f} s")


def bench_commands(repeat: int, env: dict) -> None:
    print("\n== per command (wall, interpreter start included)")
    exe = [sys.executable, "-m", "codemod.cli"]
    model = ROOT / "examples" / "mnist_tf1" / "model.py"  # the bundled example's model
    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp) / model.name
        shutil.copy(model, copy)
        lines = copy.read_bytes().count(b"\n")
        for label, cmd in (("tf1to2 --version", [*exe, "--version"]), ("tf1to2 rules", [*exe, "rules"]),
                           (f"tf1to2 migrate examples/mnist_tf1/model.py ({lines} lines)",
                            [*exe, "migrate", str(copy)])):
            times = [run_measured(cmd, env)[0] for _ in range(max(repeat, 5))]
            print(f"{label}: median {median(times):.3f} s  (runs {[round(x, 3) for x in times]})")


def big_file(blocks: int = 5556) -> str:
    """About 9 lines per block of TF1 model code: ``get_variable`` under a ``variable_scope``
    and three ``tf.layers`` calls, every stage has work in every function."""
    parts = ["import tensorflow as tf\n\n"]
    for i in range(blocks):
        parts.append(f"""
def block_{i}(x, is_training):
    with tf.variable_scope("block_{i}"):
        w = tf.get_variable("w", [4, 4], initializer=tf.truncated_normal_initializer(stddev=0.1))
        h = tf.nn.relu(tf.matmul(x, w))
        h = tf.layers.dense(h, 4, activation=tf.nn.relu)
        h = tf.layers.batch_normalization(h, training=is_training)
        return tf.layers.dropout(h, 0.1, training=is_training)

""")
    return "".join(parts)


def bench_big_file(env: dict) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "big.py"
        path.write_text(big_file())
        lines = path.read_bytes().count(b"\n")
        wall, peak = run_measured([sys.executable, "-m", "codemod.cli", "migrate", str(path)], env)
        print(f"\n== one file of {lines} lines: tf1to2 migrate FILE {wall:.1f} s, peak {peak / 2**20:.0f} MiB"
              f"  (goal: under 60 s and 1 GB)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--trees", default="tf_slim,tensor2tensor")
    parser.add_argument("--quick", action="store_true", help="only tf1to2 -j 2 and tf_upgrade_v2 per tree")
    parser.add_argument("--no-big-file", action="store_true", help="leave out the 50,000-line file")
    args = parser.parse_args()

    bindir = Path(sys.executable).parent
    tf_upgrade = shutil.which("tf_upgrade_v2", path=str(bindir)) or shutil.which("tf_upgrade_v2")
    if tf_upgrade is None:
        sys.exit("tf_upgrade_v2 not found (it ships with tensorflow)")
    env = {**os.environ, "TF_CPP_MIN_LOG_LEVEL": "3"}
    ours_env = {**env, "PYTHONPATH": str(ROOT)}
    print(f"machine: {os.cpu_count()} cores, load average {', '.join(f'{x:.2f}' for x in os.getloadavg())}")
    with tempfile.TemporaryDirectory() as tmp:
        scratch = Path(tmp)
        for name in args.trees.split(","):
            src = {"tf_slim": tf_slim_source, "tensor2tensor": lambda: tensor2tensor_source(scratch)}[name]()
            tree = scratch / name
            shutil.copytree(src, tree, ignore=shutil.ignore_patterns("__pycache__"))
            bench_tree(name, tree, scratch, tf_upgrade, args.repeat, env, ours_env, args.quick)
    if not args.no_big_file:
        bench_big_file(ours_env)
    bench_commands(args.repeat, ours_env)


if __name__ == "__main__":
    main()
