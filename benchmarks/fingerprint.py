"""A fingerprint of everything tf1to2 says and would write over some trees, to check that a
change meant to leave the output alone (a speed-up, a refactoring) does.

    python benchmarks/fingerprint.py TREE... [--out FILE]

For each tree, a dry run of every rule (``tf1to2 migrate --format json -j 2``); one line
per file (path, status, the sha1 of its diff, its error) and one per finding (kind, line,
rule, the start of the message), files in path order. The last line printed is the sha1
of all of it: run it before and after, on the same trees, and compare. Typical trees: the
installed tf_slim, the real packages the tests fetch (``tests/real_packages.py``), the
examples.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def fingerprint(tree: str) -> list[str]:
    run = subprocess.run([sys.executable, "-m", "codemod.cli", "migrate", "-j", "2", "--format", "json", tree],
                         capture_output=True, cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)})
    if run.returncode not in (0, 1, 2):
        sys.exit(f"tf1to2 failed on {tree} ({run.returncode}):\n{run.stderr.decode()[-2000:]}")
    out = []
    for f in sorted(json.loads(run.stdout)["files"], key=lambda f: f["path"]):
        diff = hashlib.sha1((f.get("diff") or "").encode()).hexdigest()[:12]
        out.append(f"{f['path']} {f['status']} {diff} {f.get('error')}")
        for kind in ("changes", "warnings"):
            for c in f[kind]:
                out.append(f"    {kind[0]} {c.get('line')} {c.get('rule')} {c.get('message')[:150]}")
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("trees", nargs="+")
    parser.add_argument("--out", help="also write the lines to this file (to diff two runs)")
    args = parser.parse_args()
    lines = [line for tree in args.trees for line in fingerprint(tree)]
    if args.out:
        Path(args.out).write_text("\n".join(lines) + "\n", encoding="utf-8")
    files = sum(1 for line in lines if not line.startswith(" "))
    print(f"{files} files, {len(lines) - files} findings: sha1 {hashlib.sha1(chr(10).join(lines).encode()).hexdigest()}")


if __name__ == "__main__":
    main()
