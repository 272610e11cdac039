"""Which files of a run are read together: modules that import one another and use
``arg_scope``.

Stage 1 works on one file at a time, but slim code crosses modules: ResNet's
``resnet_v1.py`` enters ``resnet_utils.resnet_arg_scope`` (through an alias), lists
``resnet_utils.stack_blocks_dense`` (an ``add_arg_scope`` op of that module) in its
scopes and calls ``resnet_utils.conv2d_same`` under them. Here, in the main process and
without LibCST or TensorFlow, the run's files that mention ``arg_scope`` are given their
dotted module names (from the package folders around them: every folder with an
``__init__.py`` is a package) and linked by their imports (Python's own ``ast``); each
file is then migrated with the other files of its group as read-only context
(``Options.context``). Files outside the run are not read: the group is the run's
closed world, and the README says so. Groups are bounded (``MAX_GROUP``).
"""
from __future__ import annotations

import ast
import os
import re
from pathlib import Path
from typing import Iterable, Optional

from codemod import textio
from rules import pure_functions
from rules.base import module_level
from rules.edit import absolute_module

NEEDLE = "arg_scope"
# A group is read by each of its files' workers, so its cost grows with its size squared.
# A larger component (a library whose hub modules everything imports) is not grouped:
# its files are analysed alone, which leaves cross-module scopes in place with warnings.
MAX_GROUP = 8


def module_name(path: str) -> str:
    """``.../tf_slim/nets/resnet_v1.py`` → ``tf_slim.nets.resnet_v1`` (while the folders
    above are packages)."""
    p = Path(path).resolve()
    parts = [] if p.stem == "__init__" else [p.stem]
    folder = p.parent
    while (folder / "__init__.py").is_file() and folder.parent != folder:
        parts.insert(0, folder.name)
        folder = folder.parent
    return ".".join(parts)


def _imported_modules(text: str, name: str) -> set[str]:
    """Dotted names module ``name`` (not a package's ``__init__``) imports, a ``from a
    import b`` giving both ``a`` and ``a.b``."""
    try:
        tree = ast.parse(text)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return set()  # the worker reports it
    return _imports_in(tree, name.rpartition(".")[0])


def _imports_in(tree: ast.Module, package: str) -> set[str]:
    out: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            out.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = absolute_module(package, node.level, node.module or "")
            out.add(base)
            out.update(f"{base}.{a.name}" if base else a.name for a in node.names)
    return out


def groups(files: Iterable[tuple[str, str]], imports: Optional[dict] = None) -> dict[str, tuple[tuple[str, str], ...]]:
    """path → ((dotted name, path), ...) of the other files of its group, for files
    (path, text) that mention ``arg_scope`` and import, or are imported by, another
    (packages' ``__init__.py`` left out; groups of more than ``MAX_GROUP`` files too).
    ``imports``: path → what ``_imported_modules`` gives for it, where ``cross_file``
    has read it already (the rest are parsed here)."""
    imports = imports or {}
    names: dict[str, str] = {}
    texts: dict[str, str] = {}
    for path, text in files:
        # a package's __init__ re-exports its modules: it would join everything it lists
        if NEEDLE in text and Path(path).name != "__init__.py":
            names[path] = module_name(path)
            texts[path] = text
    by_name: dict[str, str] = {}
    for path, name in names.items():
        if name and name not in by_name:
            by_name[name] = path
    links: dict[str, set[str]] = {p: set() for p in names}
    for path, text in texts.items():
        known = imports.get(path)
        for target in known if known is not None else _imported_modules(text, names[path]):
            other = by_name.get(target)
            if other is not None and other != path:
                links[path].add(other)
                links[other].add(path)
    out: dict[str, tuple] = {}
    seen: set[str] = set()
    for start in names:
        if start in seen or not links[start]:
            continue
        component, todo = [], [start]
        seen.add(start)
        while todo:
            p = todo.pop()
            component.append(p)
            for q in sorted(links[p]):
                if q not in seen:
                    seen.add(q)
                    todo.append(q)
        component.sort()
        if len(component) > MAX_GROUP:
            continue
        for p in component:
            out[p] = tuple((names[q], q) for q in component if q != p)
    return out


def of_paths(paths: Iterable[str], imports: Optional[dict] = None) -> dict[str, tuple[tuple[str, str], ...]]:
    """path → ((dotted name, source text), ...) of the other files of its group, for
    files on disk (``.py`` only; a file that cannot be read or decoded is left out here
    and reported by its worker). The texts are read here, before any worker starts, so
    that every file of a group is analysed against the same texts even while ``--write``
    rewrites the others."""
    files = []
    for path in paths:
        data = _python_bytes(path)
        if data is None or NEEDLE.encode() not in data:
            continue
        try:
            files.append((path, textio.decode(data).text))
        except textio.SourceError:
            continue
    texts = dict(files)
    return {path: tuple((name, texts[other]) for name, other in group)
            for path, group in groups(files, imports).items()}


def cross_file(paths: Iterable[str], scanners: Optional[dict] = None, needles: tuple = (), jobs: int = 1,
               bystanders: Iterable[str] = (), downward: frozenset = frozenset(), imports: Optional[dict] = None,
               ) -> tuple[dict[str, tuple[tuple[str, str], ...]], dict, dict]:
    """What files of the run know of one another, read with Python's own ``ast`` in the
    main process:

    - path → ((name, "importer.py:line"), ...): the names of that file's module which other
      files of the run import (``from model import classifier``, ``model.classifier``), and
      the names its own ``__all__`` exports (where "__all__": code outside the run may import
      them). A rule that would rename or remove a module-level name leaves these alone,
      saying who imports them;
    - path → {rule id: (("path:line", what), ...)}: the calls a rule's scanner
      (``Rule.run_use``, given by rule id in ``scanners``) picks out, in the files an object
      leaving that file's functions may reach: the files that import it (directly or
      through others), and whatever those import; for the rules in ``downward``, also
      whatever the file itself imports (an object handed to an imported function). A
      file is read when it has an import, an ``__all__`` or one of ``needles``;
    - path → {"free_functions": (spelling, ...), "foreign_tf": (...)}: the functions of
      other modules of the run (or the project) that file calls, as it spells them
      (``common_layers.shape_list``), which run no TF1-style code (``rules.pure_functions``:
      for the native-keras stage, which does not need the shim's decorator for them); and
      the names it imports from another module that binds them to TensorFlow (tensorpack's
      ``from ..compat import tfv1 as tf``): (local name, its dotted name, the TensorFlow
      module, the import's line, whether the import is at module level), which the rules
      follow as the module's own import where it is at module level, and the run reports
      where it is not (``rules.pure_functions.tf_exports``).

    ``bystanders`` are files of the project that are not in the run (``discover.bystanders``):
    what they import and use counts as the run's own files' does, though they are never
    migrated; only those that may import a module of the run, directly or through
    others, are parsed (``_importing``), and those the run imports (``_imported_by``).

    Files are read over ``jobs`` processes. ``imports``, when given, gets path → the
    modules each file of the run that mentions ``arg_scope`` imports (for ``groups``,
    which then need not parse them again)."""
    scanners = scanners or {}
    run = [p for p in paths if p.endswith(".py")]
    bystanders = list(bystanders)
    py = run + _importing(run, bystanders)
    py += [p for p in _imported_by(run, bystanders) if p not in py]
    if len(py) == 1 and b"__all__" not in (_python_bytes(py[0]) or b""):
        # one file, nothing that imports it, and nothing of the project it imports: nothing
        # to know but its own ``__all__`` (its uses reach no other file)
        return {}, {}, {}
    names = {p: module_name(p) for p in py}
    by_name = {n: p for p, n in names.items() if n}
    found: dict[str, dict[str, str]] = {}
    facts: dict = {}  # pkg.mod.func → what rules.pure_functions says of it
    exports: dict = {}  # pkg.mod.name → the TensorFlow module it is bound to
    spelled: dict = {}  # run file → ((spelling, pkg.mod.func), ...) of other run modules' functions
    run_set = set(run)
    uses: list[tuple[str, str, str]] = []  # (rule id, "path:line", what)
    edges: dict[str, set] = {p: set() for p in py}  # file → run files it imports
    _SCAN.update(by_name=by_name, names=names, scanners=scanners, needles=needles)
    for path, scanned in zip(py, _map(_scan, py, jobs)):
        if scanned is None:
            continue
        file_found, calls, file_edges, file_imports, (functions, refs, tf_exports) = scanned
        facts.update((f"{names[path]}.{name}", deps) for name, deps in functions.items())
        exports.update((f"{names[path]}.{name}", p) for name, p in tf_exports.items())
        if any(refs) and path in run_set:
            spelled[path] = refs
        edges[path] = file_edges
        if imports is not None and file_imports is not None:
            imports[path] = file_imports
        for target, entries in file_found:  # the first file (in the run's order) to name one wins
            for name, where in entries:
                found.setdefault(target, {}).setdefault(name, where)
        for group in calls:  # at most 1000 (the check is per call, as the scan made them)
            if len(uses) < 1000:
                uses.extend(group)
    importers: dict[str, set] = {p: set() for p in py}
    for p, targets in edges.items():
        for t in targets:
            if t != p:
                importers[t].add(p)
    uses_in: dict[str, list] = {}
    for rule_id, where, what in uses:
        uses_in.setdefault(where.rpartition(":")[0], []).append((rule_id, where, what))
    reached: dict[str, dict] = {}
    if uses_in:
        for path in run:
            up = _closure({path}, importers)
            reach = _closure(up - {path}, edges) - {path}
            # and what it imports itself, for rules following objects handed to an
            # imported function (``train_utils.train(loss, optimizer=opt)``)
            down = _closure(up, edges) - {path}
            for f in sorted(down):
                for rule_id, where, what in uses_in.get(f, ()):
                    if f in reach or rule_id in downward:
                        reached.setdefault(path, {}).setdefault(rule_id, []).append((where, what))
    ok = pure_functions.free(facts) if spelled else set()
    known: dict = {}
    for p, (refs, from_run) in spelled.items():
        free = tuple(sorted({how for how, name, _ in refs if name in ok}))
        tf = tuple(sorted((how, name, exports[name], line, top) for how, name, line, top in from_run
                          if name in exports))
        if free or tf:
            known[p] = {"free_functions": free, "foreign_tf": tf}
    return {p: tuple(sorted(d.items())) for p, d in found.items()}, reached, known


def _python_bytes(path: str) -> Optional[bytes]:
    """A ``.py`` file's bytes; None for other files and unreadable ones (their workers,
    if they are in the run, report them)."""
    if not path.endswith(".py"):
        return None
    try:
        with open(path, "rb") as f:
            return f.read()
    except OSError:
        return None


DOWNWARD_LIMIT = 64  # files: what a run imports from the rest of its project, read at most


def _imported_by(run: list, bystanders: list) -> list:
    """The bystanders the run's files import, directly or through one another (up to
    ``DOWNWARD_LIMIT``): a pre-commit hook is handed one file, whose helpers in the
    project's other modules are read as a run over the whole folder reads them (for the
    functions native-keras may follow, ``rules.pure_functions``, and for what objects the
    file hands to them). Candidates are found by file name first, so that a project's
    other files are not all given module names."""
    if not bystanders:
        return []
    by_leaf: dict = {}
    for b in bystanders:
        p = Path(b)
        by_leaf.setdefault(p.parent.name if p.name == "__init__.py" else p.stem, []).append(b)
    found: list = []
    seen = set(run)
    todo = list(run)
    while todo and len(found) < DOWNWARD_LIMIT:
        path = todo.pop(0)
        data = _python_bytes(path)
        if data is None or b"import" not in data:
            continue
        try:
            tree = ast.parse(textio.decode(data).text)
        except (textio.SourceError, SyntaxError, ValueError, RecursionError, MemoryError):
            continue  # its worker, if it is in the run, reports it
        own = module_name(path)
        package = own if Path(path).name == "__init__.py" else own.rpartition(".")[0]
        for name in sorted(_imports_in(tree, package)):
            for candidate in by_leaf.get(name.rpartition(".")[2], ()):
                if candidate not in seen and module_name(candidate) == name and len(found) < DOWNWARD_LIMIT:
                    seen.add(candidate)
                    found.append(candidate)
                    todo.append(candidate)
    return found


def _importing(run: list, bystanders: Iterable[str]) -> list:
    """The bystanders whose text names a module of the run, or a bystander that does (a
    package ``__init__`` re-exporting it, a script importing that), to a fixed point: a
    cheap byte test, so that a project's other files are parsed only when they may
    import what the run changes."""
    pending: dict[str, bytes] = {}
    for path in bystanders:
        data = _python_bytes(path)
        if data is not None and b"import" in data:
            pending[path] = data
    found: list = []
    leaves = {module_name(p).rpartition(".")[2] for p in run} - {""}
    while leaves and pending:
        grown = set()
        importing = _import_of(leaves)
        for path, data in list(pending.items()):
            if importing.search(data):
                found.append(path)
                del pending[path]
                grown.add(module_name(path).rpartition(".")[2])
        leaves = grown - {""}
    return found


def _import_of(leaves: set) -> "re.Pattern":
    """An import statement naming one of ``leaves`` as a module: ``import a.model as m``,
    ``from .model import f``, ``from pkg import (f,\n model)`` (a module name is a common
    word: "model" is in most files of a TensorFlow project, in imports of few)."""
    names = b"|".join(re.escape(leaf.encode()) for leaf in sorted(leaves))
    return re.compile(rb"^[ \t]*(?:from[ \t]+\.*[\w.]*\b(?:%s)\b"
                      rb"|from[ \t]+[\w.]+[ \t]+import[ \t]*(?:\([^)]*|[^\n]*)\b(?:%s)\b"
                      rb"|import[ \t][^\n]*\b(?:%s)\b)" % (names, names, names), re.M)


# what ``_scan`` reads besides the path; set before the work is handed out (forked
# workers inherit it)
_SCAN: dict = {}


def _scan(path: str):
    """One file's part of ``cross_file``: (((target, ((name, where), ...)), ...) in the
    order found, [[use, ...] per call], the run files it imports); None when unread."""
    by_name, names, scanners, needles = _SCAN["by_name"], _SCAN["names"], _SCAN["scanners"], _SCAN["needles"]
    try:
        with open(path, "rb") as f:
            data = f.read()
        if b"import" not in data and b"__all__" not in data and not any(n in data for n in needles):
            return None
        tree = ast.parse(textio.decode(data).text)
    except (OSError, textio.SourceError, SyntaxError, ValueError, RecursionError, MemoryError):
        return None  # its worker reports it
    own = names[path]
    package = own if Path(path).name == "__init__.py" else own.rpartition(".")[0]
    # what ``groups`` reads of a module that mentions arg_scope (packages' __init__ aside)
    imported = _imports_in(tree, package) if NEEDLE.encode() in data and Path(path).name != "__init__.py" else None
    where = f"{Path(path).name}"
    found: list = []
    calls: list = []
    edges: set = set()
    aliases: dict[str, str] = {}
    stars: list = []  # (target, line) of ``from <run module> import *``
    for node in ast.walk(tree):
        if isinstance(node, (ast.With, ast.AsyncWith)):
            for item in node.items:  # a scanner may ask what a with's call is entered around
                item.context_expr.tf1to2_with = node
        if isinstance(node, ast.Call) and len(calls) < 1000:
            group = []
            for rule_id, scan in scanners.items():
                what = scan(node)
                if what:
                    group.append((rule_id, f"{path}:{node.lineno}", what))
            if group:
                calls.append(group)
        if isinstance(node, ast.ImportFrom):
            base = absolute_module(package, node.level, node.module or "")
            edges.update(_with_parents(base, by_name))
            edges.update(by_name[f"{base}.{a.name}"] for a in node.names if f"{base}.{a.name}" in by_name)
            target = by_name.get(base)
            if target is not None and target != path:
                found.append((target, tuple((a.name, f"{where}:{node.lineno}") for a in node.names)))
                if any(a.name == "*" for a in node.names):
                    stars.append((target, node.lineno))
            for a in node.names:  # ``from pkg import model`` + ``model.classifier``
                sub = f"{base}.{a.name}" if base else a.name
                if sub in by_name:
                    aliases[a.asname or a.name] = sub
        elif isinstance(node, ast.Import):
            for a in node.names:
                edges.update(_with_parents(a.name, by_name))
                if a.name in by_name:
                    aliases[a.asname or a.name] = a.name
        elif isinstance(node, ast.Assign) and own and path in by_name.values():
            if any(isinstance(t, ast.Name) and t.id == "__all__" for t in node.targets) \
                    and isinstance(node.value, (ast.List, ast.Tuple)):
                found.append((path, tuple((e.value, "__all__") for e in node.value.elts
                                          if isinstance(e, ast.Constant) and isinstance(e.value, str))))
    if stars:  # ``from model import *``: the names the file reads may come from there
        read: dict = {}
        for node in ast.walk(tree):
            if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Load) and node.id not in read:
                read[node.id] = node.lineno
        for target, line in stars:
            found.append((target, tuple((n, f"{where}:{line} (import *)") for n in read)))
    refs: set = set()  # (how this file spells a function of another module of the run, its absolute name)
    if aliases:
        for node in ast.walk(tree):
            if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id in aliases:
                target = by_name[aliases[node.value.id]]
                if target != path:
                    found.append((target, ((node.attr, f"{where}:{node.lineno}"),)))
                    refs.add((f"{node.value.id}.{node.attr}", f"{aliases[node.value.id]}.{node.attr}", 0))
    top, at_module_level = set(map(id, tree.body)), set(map(id, module_level(tree)))
    # every name a from-import of another module of the run binds, at any depth: (local
    # name, absolute name, line, whether at module level), for its TensorFlow names
    # (``foreign_tf``: the rules follow a module-level one)
    from_run: set = set()
    for node in ast.walk(tree):  # ``from tensor2tensor.layers.common_layers import shape_list``
        if isinstance(node, ast.ImportFrom):
            base = absolute_module(package, node.level, node.module or "")
            if by_name.get(base) not in (None, path):
                bound = [(a.asname or a.name, f"{base}.{a.name}") for a in node.names if a.name != "*"]
                from_run.update((how, name, node.lineno, id(node) in at_module_level) for how, name in bound)
                if id(node) in top:
                    refs.update((how, name, node.lineno) for how, name in bound)
    mine = own and by_name.get(own) == path
    # which of its own functions run no TF1-style code (rules.pure_functions), where other
    # files of the run call one; which of its module-level names are TensorFlow modules
    functions = pure_functions.function_facts(tree, own, package) if mine else {}
    return tuple(found), calls, edges, imported, (functions, (tuple(sorted(refs)), tuple(sorted(from_run))),
                                                  pure_functions.tf_exports(tree) if mine else {})


_POOL_FROM = 40  # files: below this, forking workers costs more than it saves (tf_slim's 86: 0.3 s less)


def _map(fn, items: list, jobs: int):
    """``map`` over ``jobs`` forked processes when there is enough to share (a few
    hundred files), else in this one."""
    if jobs <= 1 or len(items) < _POOL_FROM or os.name != "posix":
        return map(fn, items)
    from codemod import workers

    pool = workers.pool(jobs)
    try:
        return list(pool.map(fn, items, chunksize=max(1, len(items) // (jobs * 8))))
    finally:
        pool.shutdown()


def _with_parents(module: str, by_name: dict) -> set:
    """The run's files ``import a.b.c`` runs: a, a.b and a.b.c (their ``__init__``s too)."""
    parts = module.split(".")
    return {by_name[".".join(parts[:i])] for i in range(1, len(parts) + 1) if ".".join(parts[:i]) in by_name}


def _closure(start: set, links: dict) -> set:
    seen, todo = set(start), list(start)
    while todo:
        for nxt in links.get(todo.pop(), ()):
            if nxt not in seen:
                seen.add(nxt)
                todo.append(nxt)
    return seen


def nearest(path: str, uses: tuple) -> tuple:
    """The uses of other files, the one nearest ``path`` in the tree first (the one a
    warning names), then one of each other kind (what the scanner said), at most 20."""
    others = [u for u in uses if not u[0].startswith(path + ":")]
    if not others:
        return ()
    def shared(u) -> int:
        return len(os.path.commonpath([os.path.abspath(path), os.path.abspath(u[0].rpartition(":")[0])]))
    best = max(others, key=shared)
    rest = {}
    for u in others:  # one of each kind of use (a rule may read them all)
        if u is not best and u[1] != best[1]:
            rest.setdefault(u[1], u)
    return (best, *list(rest.values())[:20])
