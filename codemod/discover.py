"""Which files to migrate.

An explicitly named file is always taken. A folder is walked with git's view of it when
it is inside a work tree (tracked and untracked-but-not-ignored files), else with
os.walk. Either way virtualenvs, site-packages, build output and hidden directories
are skipped, and symlinked files and folders inside a walk are not followed (git stores
a link, not content; following them could leave the tree or visit a file twice); a file
whose real path leaves the folder is skipped. Nested repositories are walked with their
own git's view.
"""
from __future__ import annotations

import os
import subprocess
from typing import Iterable, Iterator

SOURCE_SUFFIXES = (".py", ".ipynb")
SKIP_DIRS = frozenset({
    "site-packages", "dist-packages", "build", "dist", "node_modules", "__pycache__",
    "venv", "env", "virtualenv",
})


def _skipped_dir(name: str, path: str) -> bool:
    return (
        name.startswith(".")
        or name in SKIP_DIRS
        or name.endswith(".egg-info")
        or os.path.exists(os.path.join(path, "pyvenv.cfg"))
    )


def _skipped_rel(rel: str, root: str) -> bool:
    parts = rel.split(os.sep)[:-1]
    base = root
    for part in parts:
        base = os.path.join(base, part)
        if _skipped_dir(part, base):
            return True
    return False


def _git_files(folder: str) -> list[str] | None:
    try:
        out = subprocess.run(
            # the repository's own config must not run commands while we read it
            ["git", "-c", "core.fsmonitor=false", "ls-files", "-z", "--cached", "--others", "--exclude-standard",
             "--", "."],
            cwd=folder, capture_output=True, check=True, timeout=60,
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return None
    return [f for f in out.decode("utf-8", "surrogateescape").split("\0") if f]


def _walk(folder: str) -> Iterator[str]:
    for dirpath, dirnames, filenames in os.walk(folder):
        dirnames[:] = sorted(
            d for d in dirnames
            if not _skipped_dir(d, os.path.join(dirpath, d)) and not os.path.islink(os.path.join(dirpath, d))
        )
        for f in sorted(filenames):
            yield os.path.relpath(os.path.join(dirpath, f), folder)


def _folder_files(folder: str) -> list[str]:
    """The files of ``folder``, relative to it: git's view in a work tree, taking in
    nested repositories (an untracked one git lists as ``sub/``, a submodule as its
    gitlink) with their own git's view; os.walk elsewhere."""
    rels = _git_files(folder)
    if rels is None:
        return list(_walk(folder))
    out = []
    for rel in rels:
        sub = rel.rstrip("/")
        full = os.path.join(folder, sub)
        if (rel.endswith("/") or os.path.isdir(full)) and not os.path.islink(full):
            if not _skipped_rel(os.path.join(sub, "_"), folder):
                out += [os.path.join(sub, r) for r in _folder_files(full)]
            continue
        out.append(rel)
    return out


def _sources(folder: str, suffixes: tuple) -> Iterator[tuple[str, bool]]:
    """(path, whether its real path stays inside ``folder``) of the regular files with
    ``suffixes`` a walk of ``folder`` finds (git's view, skipped folders and links left)."""
    root = os.path.realpath(folder)
    for rel in sorted(set(_folder_files(folder))):
        if not rel.endswith(suffixes) or _skipped_rel(rel, folder):
            continue
        full = os.path.join(folder, rel)
        if os.path.islink(full) or not os.path.isfile(full):
            continue
        yield full, _inside(os.path.realpath(full), root)


def _inside(real: str, root: str) -> bool:
    return real == root or real.startswith(root.rstrip(os.sep) + os.sep)


def discover(paths: Iterable[str]) -> tuple[list[tuple[str, bool]], list[tuple[str, str]], list[tuple[str, str]]]:
    """([(file, named explicitly)], [(path, error)], [(path, why it is skipped)]) for the
    paths given on the command line. A file found in a folder whose real path leaves that
    folder (a folder in it is a symlink to elsewhere, which git's index still lists) is
    skipped, not read: nothing outside the named paths is read as code or written."""
    files: list[tuple[str, bool]] = []
    errors: list[tuple[str, str]] = []
    outside: list[tuple[str, str]] = []
    seen: set[str] = set()

    def add(path: str, explicit: bool = False) -> None:
        key = os.path.realpath(path)
        if key not in seen:
            seen.add(key)
            files.append((path, explicit))

    for path in paths:
        if os.path.isfile(path):
            add(path, explicit=True)
        elif os.path.isdir(path):
            for full, inside in _sources(path, SOURCE_SUFFIXES):
                if not inside:
                    outside.append((os.path.normpath(full), f"its real path leaves {path} (a symlinked folder on "
                                                          "the way): not read, not written"))
                    continue
                add(os.path.normpath(full))
        elif os.path.lexists(path):
            errors.append((path, "not a regular file or folder (a broken symlink?)"))
        else:
            errors.append((path, "no such file or folder"))
    return files, errors, outside


def _toplevel(folder: str) -> str | None:
    """The work tree ``folder`` is in: the nearest folder above with a ``.git`` (a folder,
    or a file for worktrees and submodules), found without starting git."""
    here = os.path.abspath(folder)
    while True:
        if os.path.exists(os.path.join(here, ".git")):
            return here
        parent = os.path.dirname(here)
        if parent == here:
            return None
        here = parent


def bystanders(paths: Iterable[str], run: Iterable[str]) -> list[str]:
    """The ``.py`` files of the projects around the named paths that are not in the run:
    the rest of each one's git work tree (a file named outside any work tree: the rest
    of its folder). They are never migrated or written; the run reads their imports, as
    code that may import what the run would rename (a pre-commit hook is handed only
    the staged files). Found as ``discover`` finds files: git's view, no virtualenvs,
    nothing whose real path leaves the project."""
    taken = {os.path.realpath(f) for f in run}
    roots: list[str] = []
    for path in paths:
        folder = path if os.path.isdir(path) else os.path.dirname(os.path.abspath(path))
        if not os.path.isdir(folder):
            continue
        root = _toplevel(folder)
        if root is None and os.path.isfile(path):
            root = folder
        if root is not None and os.path.realpath(root) not in roots:
            roots.append(os.path.realpath(root))
    out: list[str] = []
    for root in roots:
        if any(os.path.realpath(p) == root for p in paths if os.path.isdir(p)):
            continue  # the whole project is in the run
        for full, inside in _sources(root, (".py",)):
            real = os.path.realpath(full)
            if inside and real not in taken:
                taken.add(real)
                out.append(full)
    return out
