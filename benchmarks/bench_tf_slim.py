"""Wall time of the whole tf1to2 pipeline vs. tf_upgrade_v2 on the same real tree.

The tree is the source of the installed ``tf_slim`` package (86 files, ~46,600 lines),
copied to a scratch folder so neither tool can touch the installed one. Both tools run
as the user would run them (a fresh process each, so TensorFlow's import is counted for
tf_upgrade_v2 and not for tf1to2, which never imports it), dry run for tf1to2 (diffs
computed and printed to /dev/null), ``--intree --outtree`` for tf_upgrade_v2.

    python benchmarks/bench_tf_slim.py [--repeat N] [-j N]

It also times stage 0 (``tf-api``) alone and the pipeline without it, and prints stage
0's share of the whole run.
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
import time
from pathlib import Path


def tf_slim_source() -> Path:
    purelib = Path(sysconfig.get_paths()["purelib"])
    src = purelib / "tf_slim"
    if not src.is_dir():
        sys.exit("tf_slim is not installed here: pip install -e '.[test]'")
    return src


def timed(cmd: list[str], **kw) -> float:
    start = time.perf_counter()
    proc = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, **kw)
    elapsed = time.perf_counter() - start
    if proc.returncode not in (0, 1):  # tf1to2 exits 1 when it would change something
        sys.exit(f"{cmd[0]} failed ({proc.returncode}):\n{proc.stderr.decode()[-2000:]}")
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("-j", "--jobs", type=int, default=os.cpu_count() or 1)
    args = parser.parse_args()

    src = tf_slim_source()
    bindir = Path(sys.executable).parent
    tf_upgrade = shutil.which("tf_upgrade_v2", path=str(bindir)) or shutil.which("tf_upgrade_v2")
    if tf_upgrade is None:
        sys.exit("tf_upgrade_v2 not found (it ships with tensorflow)")
    with tempfile.TemporaryDirectory() as tmp:
        tree = Path(tmp) / "tf_slim"
        shutil.copytree(src, tree, ignore=shutil.ignore_patterns("__pycache__"))
        files = list(tree.rglob("*.py"))
        lines = sum(p.read_text(encoding="utf-8").count("\n") for p in files)
        print(f"tree: {len(files)} files, {lines} lines ({src})")
        env = {**os.environ, "TF_CPP_MIN_LOG_LEVEL": "3"}
        ours, theirs, stage0, without0 = [], [], [], []
        ours_env = {**env, "PYTHONPATH": str(Path(__file__).resolve().parent.parent)}
        cli = [sys.executable, "-m", "codemod.cli", "migrate", "-j", str(args.jobs)]
        for i in range(args.repeat):
            ours.append(timed([*cli, str(tree)], env=ours_env))
            stage0.append(timed([*cli, "--select", "tf-api", str(tree)], env=ours_env))
            without0.append(timed([*cli, "--ignore", "tf-api", str(tree)], env=ours_env))
            out = Path(tmp) / f"out{i}"
            theirs.append(timed([tf_upgrade, "--intree", str(tree), "--outtree", str(out),
                                 "--reportfile", str(Path(tmp) / f"report{i}.txt")], env=env))
        a, b = statistics.median(ours), statistics.median(theirs)
        print(f"tf1to2 migrate (-j {args.jobs}, all rules): median {a:.2f} s  runs {[round(x, 2) for x in ours]}")
        print(f"tf_upgrade_v2 --intree:               median {b:.2f} s  runs {[round(x, 2) for x in theirs]}")
        print(f"ratio tf1to2 / tf_upgrade_v2: {a / b:.2f}")
        s0, w0 = statistics.median(stage0), statistics.median(without0)
        print(f"stage 0 (tf-api) alone: median {s0:.2f} s; all rules but tf-api: median {w0:.2f} s; "
              f"tf-api's share of the full run: {max(0.0, a - w0) / a:.0%}")


if __name__ == "__main__":
    main()
