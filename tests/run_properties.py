"""Whole-run properties of a migrated tree against its original, read statically with
Python's ``ast``: every name a module of the run imported from another module of the
run (``from pkg.model import classifier``, ``model.classifier`` through ``import
pkg.model as model``) is still defined there after the run, when it was defined there
before."""
from __future__ import annotations

import ast
import functools
import warnings
from pathlib import Path

from codemod.project import module_name


@functools.lru_cache(maxsize=None)
def _tree(path: Path):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", SyntaxWarning)
        warnings.simplefilter("ignore", DeprecationWarning)  # invalid escapes in old code
        try:
            return ast.parse(path.read_bytes())
        except (SyntaxError, ValueError):
            return None


def _defined(tree) -> set:
    """Names a module defines at module level (any statement binding them, in any branch
    or ``try`` of the module's own code)."""
    out: set = set()
    todo = list(tree.body)
    while todo:
        node = todo.pop()
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            out.add(node.name)
            continue
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            out.update((a.asname or a.name).split(".")[0] for a in node.names)
            continue
        for child in ast.iter_child_nodes(node):
            if isinstance(child, (ast.stmt, ast.excepthandler, ast.match_case)):
                todo.append(child)  # the module's own branches, loops, try and with blocks
            elif not isinstance(child, ast.Lambda):
                # names the statement binds (targets, ``with ... as``, ``for`` targets, walrus)
                out.update(n.id for n in ast.walk(child) if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Store))
    return out


def _modules(root: Path) -> dict:
    """Dotted name → path of every module under ``root`` (as the run names them)."""
    return {module_name(str(p)): p for p in sorted(root.rglob("*.py"))}


def imported_names(root: Path) -> list:
    """(importer relpath, line, module, name) for every name the files under ``root``
    take from a module under ``root``."""
    modules = _modules(root)
    out = []
    for name, path in modules.items():
        tree = _tree(path)
        if tree is None:
            continue
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        bound: dict = {}  # local name → module of the run
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:
                    parts = package.split(".") if package else []
                    parts = parts[:len(parts) - node.level + 1] if node.level > 1 else parts
                    base = ".".join([*parts, base] if base else parts)
                if base not in modules:
                    continue
                for a in node.names:
                    if f"{base}.{a.name}" in modules:  # a module: what is read from it counts
                        bound[a.asname or a.name] = f"{base}.{a.name}"
                        continue
                    if a.name == "*":
                        continue
                    out.append((str(path.relative_to(root)), node.lineno, base, a.name))
            if isinstance(node, ast.Import):
                for a in node.names:
                    if a.name in modules and a.asname:
                        bound[a.asname] = a.name
                    elif a.name in modules and "." not in a.name:
                        bound[a.name] = a.name
        if bound:
            for node in ast.walk(tree):
                if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) \
                        and node.value.id in bound and isinstance(node.ctx, ast.Load):
                    module = bound[node.value.id]
                    if f"{module}.{node.attr}" not in modules:
                        out.append((str(path.relative_to(root)), node.lineno, module, node.attr))
    return out


def lost_names(original: Path, migrated: Path) -> list:
    """What the original tree imported from its own modules and defined there, but the
    migrated tree no longer defines: [(importer, line, "module.name")]."""
    before, after = _modules(original), _modules(migrated)
    defined_before = {n: _defined(t) for n, p in before.items() if (t := _tree(p)) is not None}
    defined_after = {}
    for n, p in after.items():
        t = _tree(p)
        defined_after[n] = None if t is None else _defined(t)
    lost = []
    for importer, line, module, name in imported_names(original):
        if name not in defined_before.get(module, ()):
            continue  # not the run's to keep (a name the module never had, a __getattr__)
        now = defined_after.get(module)
        if now is not None and name not in now:
            lost.append((importer, line, f"{module}.{name}"))
    return lost
