"""What a module offers other modules, read with Python's ``ast`` (no LibCST) by the
run-wide scan (``codemod.project.cross_file``):

- which module-level functions run no TF1-style code (``function_facts``, ``free``): a
  decorated layer of another module that calls one of them (tensor2tensor's
  ``common_layers.shape_list``, called by layers all over the package) still needs
  nothing of the shim for it, so the native-keras stage may drop its decorator;
- which module-level names are TF1 modules (``tf_exports``): tensorpack's ``tfv1 =
  tf.compat.v1``, which its other modules import as ``tf``, where no rule can follow.

A function counts as TF1-free when, in its own body:

- every call of a TensorFlow or tf_slim name is one native-keras lets a native layer make
  (not ``get_variable``, v1 layers, slim, contrib, a variable scope, collections, RNN
  cells and the functions that run them, ``tf.Variable``, a Keras object built per call:
  ``rules.native_keras.BLOCKING``); a TF1 spelling (``tf.layers.dense``) is read as the
  ``tf.compat.v1`` name it is, since the scan reads the files as they were;
- every other call is of a builtin (not ``getattr``, ``eval``, ...), a method of a value
  (``x.get_shape()``, ``ret.append``), a function of a plain module (``numpy``, ``math``),
  or a function of this module or another module of the run that is TF1-free itself (the
  scan resolves those to a fixed point: ``free``);
- it has no decorator, no nested function, class or lambda, no ``global`` /
  ``nonlocal``, and enters no variable scope.

Anything else, and anything it cannot read, makes it not TF1-free: the layer keeps its
decorator, as before, and says why.
"""
from __future__ import annotations

import ast
import builtins
import re
from dataclasses import dataclass
from typing import Iterable, Optional

from rules.aliases import canonicalize
from rules.base import ast_dotted, module_level, tf_bound_names
from rules.edit import absolute_module
from rules.model_walk import VARIABLE_SCOPE, builds_keras_object
from rules.native_keras import GET_VARIABLE, PLAIN_MODULES, UNSAFE_BUILTINS, blocking


def function_facts(tree: ast.Module, module: str, package: str) -> dict:
    """Module-level function name → None (it runs TF1-style code, or something the scan
    cannot read) or the absolute names (``pkg.mod.func``) of the functions of this or
    other modules it calls, which must be TF1-free too."""
    module_scope = _Module(module, tf_bound_names(tree), {n.name for n in tree.body if isinstance(n, ast.FunctionDef)},
                           _module_values(tree), _module_imports(tree, package))
    return {fn.name: _facts(fn, module_scope) for fn in tree.body if isinstance(fn, ast.FunctionDef)}


@dataclass
class _Module:
    name: str
    tf_names: dict  # name → the TensorFlow paths it may be bound to (rules.base.tf_bound_names)
    functions: set  # its module-level functions
    values: set  # what else it binds at its top level (classes, assigned names)
    imported: dict  # name a top-level import binds → its absolute dotted name


def _tf_blocks(paths: Iterable[str], rest: list) -> bool:
    """Whether ``path.rest`` (for any of ``paths``) is TensorFlow a native layer cannot run
    (native-keras' ``blocking``), read also as its ``tf.compat.v1`` name: the scan reads
    files as they were, where ``tf.layers.dense`` is TF1's."""
    for path in paths:
        q = canonicalize(".".join([path, *rest]))
        if q is None:
            return True
        spellings = [q] + (["tf.compat.v1." + q[3:]] if q.startswith("tf.") and not q.startswith("tf.compat.") else [])
        if any(s in (GET_VARIABLE, VARIABLE_SCOPE) or blocking(s) is not None or builds_keras_object(s)
               for s in spellings):
            return True
    return False


def _facts(fn: ast.FunctionDef, module: _Module) -> Optional[tuple]:
    if fn.decorator_list:
        return None
    local = {a.arg for a in (*fn.args.posonlyargs, *fn.args.args, *fn.args.kwonlyargs)}
    local |= {a.arg for a in (fn.args.vararg, fn.args.kwarg) if a is not None}
    nodes = list(ast.walk(fn))[1:]
    for node in nodes:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Lambda, ast.Global,
                             ast.Nonlocal, ast.Import, ast.ImportFrom)):
            return None
        if isinstance(node, ast.Name) and isinstance(node.ctx, (ast.Store, ast.Del)):
            local.add(node.id)
        elif isinstance(node, ast.arg):
            local.add(node.arg)
    deps: set = set()
    for node in nodes:
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        while isinstance(func, ast.Subscript):
            func = func.value
        parts = ast_dotted(func)
        if not parts:
            if isinstance(node.func, (ast.Attribute, ast.Call)):
                continue  # a method of a value computed here; an inner call is read on its own
            return None
        head = parts[0]
        if head in local:
            if len(parts) > 1 or isinstance(node.func, ast.Subscript):
                continue  # a method of a value (a tensor's, a list's)
            return None  # a value passed in or computed
        if head in module.tf_names:
            if _tf_blocks(module.tf_names[head], parts[1:]):
                return None
            continue
        if head in module.functions and len(parts) == 1:
            deps.add(f"{module.name}.{head}")
            continue
        if head in module.imported:
            target = ".".join([module.imported[head], *parts[1:]])
            if any(target == m or target.startswith(m + ".") for m in PLAIN_MODULES):
                continue
            deps.add(target)
            continue
        if head in module.values or head in module.functions:
            return None  # a class, or a module-level value
        if hasattr(builtins, head) and len(parts) == 1 and head not in UNSAFE_BUILTINS:
            continue
        return None
    return tuple(sorted(deps))


def _module_values(tree: ast.Module) -> set:
    """Names the module binds at its top level other than by ``def`` or an import."""
    out: set = set()
    for node in tree.body:
        if isinstance(node, ast.ClassDef):
            out.add(node.name)
        elif isinstance(node, (ast.Assign, ast.AnnAssign, ast.AugAssign, ast.For, ast.With, ast.If, ast.Try)):
            out |= {n.id for n in ast.walk(node) if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Store)}
    return out


def _module_imports(tree: ast.Module, package: str) -> dict:
    """Name bound by a top-level import → the absolute dotted name it stands for."""
    out: dict = {}
    for node in tree.body:
        if isinstance(node, ast.Import):
            for a in node.names:
                if a.asname:
                    out[a.asname] = a.name
                else:
                    out[a.name.split(".")[0]] = a.name.split(".")[0]
        elif isinstance(node, ast.ImportFrom):
            base = absolute_module(package, node.level, node.module or "")
            for a in node.names:
                if a.name != "*":
                    out[a.asname or a.name] = f"{base}.{a.name}" if base else a.name
    return out


def free(facts: dict) -> set:
    """The absolute names (``pkg.mod.func``) of the TF1-free functions among ``facts``
    (absolute name → what ``function_facts`` said of it), to a fixed point: one calling a
    function that is not TF1-free, or one the scan did not read, is not."""
    ok = {name for name, deps in facts.items() if deps is not None}
    changed = True
    while changed:
        changed = False
        for name in list(ok):
            if any(d not in ok for d in facts[name]):
                ok.discard(name)
                changed = True
    return ok


# The modules TF1 code is written against: another module's name for one of these hides
# TF1 code from the rules
TF1_MODULES = re.compile(r"tensorflow(\.compat\.v1)?(\.layers|\.contrib(\.\w+)*)?|tf_slim")


def tf_exports(tree: ast.Module) -> dict:
    """Module-level names bound to a TF1 module (``TF1_MODULES``), and to which
    (``tfv1 = tf.compat.v1``, ``import tensorflow.compat.v1 as tfv1``, in any branch of a
    module-level ``if`` / ``try``): another module importing one reaches TensorFlow
    through a name the rules cannot follow (tf-api's ``foreign_tf_warning``)."""
    bound: set = set()
    for node in module_level(tree):
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            bound.update((a.asname or a.name).split(".")[0] for a in node.names)
        elif isinstance(node, ast.Assign):
            bound.update(t.id for t in node.targets if isinstance(t, ast.Name))
    out = {}
    for name, paths in tf_bound_names(tree).items():
        if name in bound and paths and all(TF1_MODULES.fullmatch(p) for p in paths):
            out[name] = " / ".join(sorted(paths))
    return out
