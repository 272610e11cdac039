"""Real TF1 packages from PyPI, fetched at test time (``pip download --no-deps``) into a
cache, never copied into this repository: unpacked once per test session, and migrated
once with ``tf1to2 migrate --write`` as a user would (one run over all the trees).

The cache is ``$TF1TO2_PYPI_CACHE`` or ``~/.cache/tf1to2/pypi``.
"""
from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
import tarfile
import zipfile
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# import package → PyPI requirement
PACKAGES = {
    "tensor2tensor": "tensor2tensor==1.15.7",
    "stable_baselines": "stable-baselines==2.10.2",
    "tflearn": "tflearn==0.5.0",
    "tensorpack": "tensorpack==0.11",
}


def cache_dir() -> Path:
    return Path(os.environ.get("TF1TO2_PYPI_CACHE") or Path.home() / ".cache" / "tf1to2" / "pypi")


def fetch(requirement: str) -> Path:
    """The sdist or wheel of ``requirement`` in the cache, downloaded when missing."""
    name, version = requirement.split("==")
    cache = cache_dir()
    cache.mkdir(parents=True, exist_ok=True)
    stem = f"{name.replace('-', '_').lower()}_{version}"

    def present():
        return [p for p in cache.iterdir() if p.name.lower().replace("-", "_").startswith(stem)
                and p.name.endswith((".whl", ".tar.gz", ".zip"))]

    if not present():
        proc = subprocess.run([sys.executable, "-m", "pip", "download", "--no-deps",
                               "-d", str(cache), requirement], capture_output=True, text=True, timeout=900)
        if proc.returncode != 0:
            raise RuntimeError(f"pip download {requirement} failed:\n{proc.stderr[-2000:]}")
    found = present()
    if not found:
        raise RuntimeError(f"pip download {requirement} left nothing in {cache}")
    return sorted(found)[0]


def site(name: str, requirements: tuple) -> Path:
    """Third-party packages only one check imports (TensorLayer's matplotlib, scikit-image,
    scikit-learn ...), each pinned and installed without its dependencies into a folder of
    the cache, which that check alone puts on the path. Not in the test environment: there
    every ``import keras`` would import scikit-learn (Keras 3's scikit-learn wrapper does
    when it can), 0.4 s more in each of the suite's hundreds of processes."""
    key = hashlib.sha1("|".join(requirements).encode()).hexdigest()[:10]
    target = cache_dir() / f"site-{name}-{key}"
    if not target.exists():
        partial = target.with_name(target.name + ".partial")
        shutil.rmtree(partial, ignore_errors=True)
        proc = subprocess.run([sys.executable, "-m", "pip", "install", "-q", "--no-deps", "--target", str(partial),
                               *requirements], capture_output=True, text=True, timeout=900)
        if proc.returncode != 0:
            raise RuntimeError(f"pip install --target for {name} failed:\n{proc.stderr[-2000:]}")
        partial.rename(target)
    return target


def unpack(archive: Path, dest: Path, package: str) -> Path:
    """Unpack; the folder returned holds ``package`` (what goes on sys.path)."""
    dest.mkdir(parents=True, exist_ok=True)
    if archive.name.endswith((".whl", ".zip")):
        with zipfile.ZipFile(archive) as z:
            z.extractall(dest)
    else:
        with tarfile.open(archive) as t:
            t.extractall(dest, filter="data")
    for candidate in [dest, *sorted(p for p in dest.iterdir() if p.is_dir())]:
        if (candidate / package / "__init__.py").exists():
            return candidate
    raise RuntimeError(f"{archive.name}: no {package}/ inside")


@dataclass
class Trees:
    original: dict   # package → folder holding it, as published
    migrated: dict   # package → the same after ``tf1to2 migrate --write``
    report: dict     # the run's JSON report
    base: Path       # the folder the migrated trees are in (the path given to the run)

    def original_line(self, package: str, relpath: str, line: int) -> int:
        """The line of the published file that line ``line`` of the migrated one comes from
        (the run reports lines of the files as they were)."""
        from codemod.pipeline import line_map

        old = (Path(self.original[package]) / relpath).read_text(encoding="utf-8", errors="replace")
        new = (Path(self.migrated[package]) / relpath).read_text(encoding="utf-8", errors="replace")
        lines = line_map(old, new)
        return lines[min(line, len(lines)) - 1] if lines else line

    def warnings_at(self, relpath: str) -> set:
        """Lines of ``relpath`` (relative to a migrated tree's root) with a warning."""
        out = set()
        for f in self.report["files"]:
            if Path(f["path"]).as_posix().endswith("/" + relpath):
                out |= {w["line"] for w in f["warnings"]}
        return out


def migrate(work: Path) -> Trees:
    original, migrated = {}, {}
    for package, requirement in PACKAGES.items():
        archive = fetch(requirement)
        original[package] = unpack(archive, work / "original" / package, package)
        target = work / "migrated" / package
        shutil.copytree(original[package], target)
        migrated[package] = target
    report_path = work / "report.json"
    proc = subprocess.run([sys.executable, "-m", "codemod.cli", "migrate", "--write", "-q", "--format", "json",
                           "--report", str(report_path), "-j", "2", str(work / "migrated")],
                          capture_output=True, text=True, cwd=ROOT, timeout=1800,
                          env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert proc.returncode == 1, proc.stderr[-3000:]
    return Trees(original, migrated, json.loads(report_path.read_text()), work / "migrated")
