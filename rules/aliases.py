"""What TensorFlow names in a file mean: one resolver shared by every rule.

``import tensorflow.compat.v1 as tf`` + ``tf.train.AdamOptimizer``,
``from tensorflow.compat import v1`` + ``v1.train.AdamOptimizer``,
``from tensorflow import train`` + ``train.AdamOptimizer`` and
``import tensorflow as tf`` + ``tf.compat.v1.train.AdamOptimizer`` all mean
``tf.compat.v1.train.AdamOptimizer``; rules match that canonical name, never the text.

Bindings are collected per scope (module, class, function, lambda) from statements
only, which is cheap: imports, ``slim = tf.contrib.slim``-style aliases, and every
other binding (parameters, assignments, loop targets, ``with ... as``, ``def``,
``class``, ...) which *shadows* a TensorFlow name. A name bound in two ways in one
scope (``tf = tf_stub`` somewhere beside ``import tensorflow as tf``) resolves to
nothing: rules leave what they cannot be sure of alone.
"""
from __future__ import annotations

from typing import Iterable, Optional, Union

import libcst as cst

from rules.visitors import STATEMENTS, Transformer, Visitor

# Real module paths → canonical spelling, longest prefix first, matched on whole dotted
# components. TF1 code spells the v1 API as ``tf.X``; canonically that is
# ``tf.compat.v1.X``. Contrib and Keras keep their own roots; slim has one name however
# it was reached.
CANONICAL_PREFIXES: tuple[tuple[str, str], ...] = (
    ("tensorflow.compat.v1", "tf.compat.v1"),
    ("tensorflow.compat.v2", "tf"),
    ("tensorflow.contrib.slim", "tf_slim"),
    ("tensorflow.contrib.framework.arg_scope", "tf_slim.arg_scope"),
    ("tensorflow.contrib.framework.add_arg_scope", "tf_slim.add_arg_scope"),
    ("tensorflow.contrib.layers", "tf_slim"),
    ("tensorflow.contrib", "tf.contrib"),
    ("tensorflow.keras", "tf.keras"),
    ("tensorflow.python", "tensorflow.python"),  # internals: left as they are
    ("tensorflow", "tf.compat.v1"),
    ("tf_slim", "tf_slim"),
)

ROOTS = ("tensorflow", "tf_slim")

# Binding two of these to one name (try: import tensorflow.compat.v1 as tf / except:
# import tensorflow as tf) still means the TF1 API; keep the widest.
_EQUIVALENT = {"tensorflow": 0, "tensorflow.compat.v1": 1}

ScopeNode = Union[cst.Module, cst.FunctionDef, cst.ClassDef, cst.Lambda]
SCOPE_NODES = (cst.Module, cst.FunctionDef, cst.ClassDef, cst.Lambda)

_NOT_TF = object()  # a binding that is not TensorFlow


# what stage 0 rewrote TF1 names to in the shim, which later stages read as the TF1 name
# (``tf1to2.Graph()``, tf-api's for ``tf.Graph()``, is a graph the code builds itself)
SHIM_CANONICAL = {"tf1to2.Graph": "tf.compat.v1.Graph"}


def canonicalize(path: str) -> Optional[str]:
    for prefix, canon in CANONICAL_PREFIXES:
        if path == prefix or path.startswith(prefix + "."):
            return canon + path[len(prefix):]
    return None


def dotted_parts(expr: cst.BaseExpression) -> Optional[list[str]]:
    """``a.b.c`` → ["a", "b", "c"]; None for anything that is not a plain dotted name."""
    parts: list[str] = []
    while isinstance(expr, cst.Attribute):
        parts.append(expr.attr.value)
        expr = expr.value
    if not isinstance(expr, cst.Name):
        return None
    parts.append(expr.value)
    parts.reverse()
    return parts


def dotted_name(node: cst.BaseExpression) -> str:
    """``a.b.c`` as text; "" for anything that is not a plain dotted name."""
    return ".".join(dotted_parts(node) or [])


def _is_tf_path(path: str) -> bool:
    return any(path == r or path.startswith(r + ".") for r in ROOTS)


class Scope:
    __slots__ = ("kind", "names", "v1_or_tensorflow")

    def __init__(self, kind: str, names: dict, v1_or_tensorflow: frozenset = frozenset()):
        self.kind = kind  # "module" | "class" | "function"
        self.names = names  # name -> real path (str) or _NOT_TF
        # names bound to ``tensorflow.compat.v1`` in one place and ``tensorflow`` in another
        # (``try: import tensorflow.compat.v1 as tf / except: import tensorflow as tf``):
        # ``names`` says "tensorflow", and the code means the v1 API either way
        self.v1_or_tensorflow = v1_or_tensorflow


class _Bindings:
    """Collects raw bindings of one scope: name -> list of (path | expression | _NOT_TF)."""

    def __init__(self, foreign: Optional[dict] = None) -> None:
        self.raw: dict[str, list] = {}
        self.escaped: set[str] = set()  # global / nonlocal
        # (module scope) names imported from another module that binds them to TensorFlow
        # → those TensorFlow modules (``Aliases``' ``foreign``)
        self.foreign = foreign or {}

    def bind(self, name: str, value) -> None:
        self.raw.setdefault(name, []).append(value)

    def bind_target(self, target: cst.BaseExpression) -> None:
        if isinstance(target, cst.Name):
            self.bind(target.value, _NOT_TF)
        elif isinstance(target, (cst.Tuple, cst.List)):
            for el in target.elements:
                self.bind_target(el.value)
        elif isinstance(target, cst.StarredElement):
            self.bind_target(target.value)
        # attributes and subscripts bind nothing in this scope

    def statements(self, body: Iterable[cst.CSTNode]) -> None:
        for stmt in body:
            self.statement(stmt)

    def statement(self, stmt: cst.CSTNode) -> None:
        if isinstance(stmt, cst.SimpleStatementLine):
            for small in stmt.body:
                self.small(small)
        elif isinstance(stmt, (cst.FunctionDef, cst.ClassDef)):
            self.bind(stmt.name.value, _NOT_TF)
        elif isinstance(stmt, (cst.If, cst.While)):
            self.block(stmt.body)
            if stmt.orelse is not None:
                self.statement(stmt.orelse)
        elif isinstance(stmt, cst.Else):
            self.block(stmt.body)
        elif isinstance(stmt, (cst.For,)):
            self.bind_target(stmt.target)
            self.block(stmt.body)
            if stmt.orelse is not None:
                self.statement(stmt.orelse)
        elif isinstance(stmt, cst.With):
            for item in stmt.items:
                if item.asname is not None:
                    self.bind_target(item.asname.name)
            self.block(stmt.body)
        elif isinstance(stmt, (cst.Try, cst.TryStar)):
            self.block(stmt.body)
            for h in stmt.handlers:
                if h.name is not None:
                    self.bind_target(h.name.name)
                self.block(h.body)
            if stmt.orelse is not None:
                self.statement(stmt.orelse)
            if stmt.finalbody is not None:
                self.block(stmt.finalbody.body)
        elif isinstance(stmt, cst.Match):
            for case in stmt.cases:
                self.block(case.body)

    def block(self, body: cst.BaseSuite) -> None:
        if isinstance(body, cst.IndentedBlock):
            self.statements(body.body)
        elif isinstance(body, cst.SimpleStatementSuite):
            for small in body.body:
                self.small(small)

    def small(self, small: cst.BaseSmallStatement) -> None:
        if isinstance(small, cst.Import):
            for alias in small.names:
                full = dotted_name(alias.name)
                if alias.asname is not None:
                    self.bind(alias.asname.name.value, full)  # type: ignore[union-attr]
                else:
                    root = full.split(".")[0]
                    self.bind(root, root)
        elif isinstance(small, cst.ImportFrom):
            if self.foreign and not isinstance(small.names, cst.ImportStar):
                for alias in small.names:
                    for path in self.foreign.get(local_name(alias), ()):
                        self.bind(local_name(alias), path)
                if any(local_name(a) in self.foreign for a in small.names):
                    for alias in small.names:
                        if local_name(alias) not in self.foreign:
                            self.bind(local_name(alias), _NOT_TF)
                    return
            if small.relative or small.module is None or isinstance(small.names, cst.ImportStar):
                if not isinstance(small.names, cst.ImportStar):
                    for alias in small.names:
                        self.bind(local_name(alias), _NOT_TF)
                return
            base = dotted_name(small.module)
            for alias in small.names:
                self.bind(local_name(alias), f"{base}.{alias.name.value}")
        elif isinstance(small, cst.Assign):
            if len(small.targets) == 1 and isinstance(small.targets[0].target, cst.Name):
                value = small.value
                if isinstance(value, (cst.Name, cst.Attribute)):
                    self.bind(small.targets[0].target.value, value)  # resolved later
                    return
            for t in small.targets:
                self.bind_target(t.target)
        elif isinstance(small, (cst.AnnAssign, cst.AugAssign)):
            self.bind_target(small.target)
        elif isinstance(small, cst.Del):
            self.bind_target(small.target)
        elif isinstance(small, (cst.Global, cst.Nonlocal)):
            for n in small.names:
                self.escaped.add(n.name.value)


def local_name(alias: cst.ImportAlias) -> str:
    """The name an import alias binds: ``as`` name, else the first dotted component."""
    if alias.asname is not None:
        return alias.asname.name.value  # type: ignore[union-attr]
    return dotted_name(alias.name).split(".")[0]


def _params(params: cst.Parameters) -> Iterable[str]:
    for p in (*params.posonly_params, *params.params, *params.kwonly_params):
        yield p.name.value
    for star in (params.star_arg, params.star_kwarg):
        if isinstance(star, cst.Param):
            yield star.name.value


class Aliases:
    """The resolved aliases of one module. Scopes are computed when first asked for."""

    def __init__(self, module: cst.Module, foreign: Optional[dict] = None):
        """``foreign``: names module-level imports bind to another module's binding of
        TensorFlow (``from .compat import tfv1 as tf``) → its TensorFlow modules, bound
        here as if the module imported them itself."""
        self.module = module
        self.foreign = foreign or {}
        self._scopes: dict[int, Scope] = {}
        self.module_scope = self.scope(module, ())

    def scope(self, node: ScopeNode, enclosing: tuple[Scope, ...]) -> Scope:
        key = id(node)
        cached = self._scopes.get(key)
        if cached is not None:
            return cached
        b = _Bindings(self.foreign if isinstance(node, cst.Module) else None)
        if isinstance(node, cst.Module):
            kind = "module"
            b.statements(node.body)
        elif isinstance(node, cst.ClassDef):
            kind = "class"
            b.block(node.body)
        elif isinstance(node, cst.FunctionDef):
            kind = "function"
            for name in _params(node.params):
                b.bind(name, _NOT_TF)
            b.block(node.body)
        else:  # Lambda
            kind = "function"
            for name in _params(node.params):
                b.bind(name, _NOT_TF)
        names: dict = {}
        pending: dict[str, list] = {}
        for name, values in b.raw.items():
            if name in b.escaped:
                continue
            pending[name] = values
        # Aliases may build on one another (slim = tf.contrib.slim; layers = slim.layers);
        # resolve imports first, then assignments against what is known so far.
        for _ in range(3):
            for name, values in pending.items():
                names[name] = self._merge(values, names, enclosing)
        mixed = frozenset(n for n, values in pending.items()
                          if names[n] == "tensorflow" and "tensorflow.compat.v1" in values)
        scope = Scope(kind, names, mixed)
        self._scopes[key] = scope
        return scope

    def _merge(self, values: list, local: dict, enclosing: tuple[Scope, ...]):
        paths = []
        for v in values:
            if v is _NOT_TF:
                return _NOT_TF
            if isinstance(v, str):
                paths.append(v if _is_tf_path(v) else _NOT_TF)
            else:  # an expression: an alias of something we may know
                parts = dotted_parts(v)
                base = local.get(parts[0]) if parts else None
                if base is None and parts:
                    base = _lookup(parts[0], enclosing)
                if not isinstance(base, str):
                    return _NOT_TF
                paths.append(".".join([base, *parts[1:]]))
        if any(p is _NOT_TF for p in paths):
            return _NOT_TF
        distinct = set(paths)
        if len(distinct) == 1:
            return paths[0]
        if distinct <= _EQUIVALENT.keys():
            return "tensorflow"
        return _NOT_TF

    def imported_from(self, func: cst.BaseExpression) -> Optional[tuple]:
        """For a call through a name imported at module level (``from tensorflow.compat.v1
        .layers import conv2d as conv`` + ``conv(...)``), the import, as
        ``remove_unused_imports`` takes it: ``(module, name)`` or ``(module, name, asname)``.
        None for anything else (``tf.layers.conv2d``, local names)."""
        if not isinstance(func, cst.Name):
            return None
        path = self.module_scope.names.get(func.value)
        if not isinstance(path, str) or "." not in path:
            return None
        module_name, obj = path.rsplit(".", 1)
        return (module_name, obj) if obj == func.value else (module_name, obj, func.value)

    def local_name_for(self, path: str) -> Optional[str]:
        """The module-level name bound to exactly ``path`` (e.g. "tf" for tensorflow)."""
        for name, value in self.module_scope.names.items():
            if value == path:
                return name
        return None


def _lookup(name: str, stack: tuple[Scope, ...]):
    """Python's lookup: innermost scope, enclosing functions (not classes), module."""
    for i in range(len(stack) - 1, -1, -1):
        scope = stack[i]
        if scope.kind == "class" and i != len(stack) - 1:
            continue
        if name in scope.names:
            return scope.names[name]
    return None


_SCOPES = frozenset(SCOPE_NODES) - {cst.Module}  # the scopes a walk enters


class _ScopeTracking:
    """Keeps the stack of scopes while a visitor or transformer walks the tree."""

    def _init_scopes(self, ctx) -> None:
        self.ctx = ctx
        self.aliases: Aliases = ctx.aliases
        self.scope_stack: list[Scope] = [self.aliases.module_scope]
        # the statements the walk is in, and where each node it visits is, for ``ctx.line``
        # (``rules.base._Lines``)
        self._statements: list = ctx.statements
        self._where: dict = ctx.where

    def _enter(self, node: cst.CSTNode) -> None:
        kind = type(node)
        if kind in STATEMENTS:
            self._statements.append(node)
        if self._statements:
            self._where[id(node)] = self._statements[-1]
        if kind in _SCOPES:
            self.scope_stack.append(self.aliases.scope(node, tuple(self.scope_stack)))

    def _exit(self, node: cst.CSTNode) -> None:
        kind = type(node)
        if kind in STATEMENTS and self._statements and self._statements[-1] is node:
            self._statements.pop()
        if kind in _SCOPES:
            self.scope_stack.pop()

    def binding(self, name: str) -> Optional[str]:
        """The real module path ``name`` is bound to here (``tensorflow``,
        ``tensorflow.compat.v1``, ``tf_slim``), or None when it is not TensorFlow."""
        base = _lookup(name, tuple(self.scope_stack))
        return base if isinstance(base, str) else None

    def qualify(self, expr: cst.BaseExpression) -> Optional[str]:
        """Canonical name of a dotted expression (``tf.compat.v1.train.AdamOptimizer``),
        or None when it is not TensorFlow here."""
        parts = dotted_parts(expr)
        if not parts:
            return None
        base = self.binding(parts[0])
        if base is None:
            return SHIM_CANONICAL.get(".".join(parts))
        return canonicalize(".".join([base, *parts[1:]]))


class TFVisitor(_ScopeTracking, Visitor):
    """``skip``: ids of statements the walk does not enter (``RuleContext.unmentioning``):
    neither their ``visit_`` / ``leave_`` methods nor anything inside them is called."""

    def __init__(self, ctx, skip: frozenset = frozenset()) -> None:
        super().__init__()
        self._init_scopes(ctx)
        self._skip = skip
        self._skipped: Optional[cst.CSTNode] = None

    def on_visit(self, node: cst.CSTNode) -> bool:
        if self._skip and id(node) in self._skip:
            self._skipped = node
            return False
        self._enter(node)
        return super().on_visit(node)

    def on_leave(self, original_node: cst.CSTNode) -> None:
        if self._skipped is original_node:
            self._skipped = None
            return
        super().on_leave(original_node)
        self._exit(original_node)


class TFTransformer(_ScopeTracking, Transformer):
    """``skip`` as for ``TFVisitor``: skipped statements come out as they went in."""

    def __init__(self, ctx, skip: frozenset = frozenset()) -> None:
        super().__init__()
        self._init_scopes(ctx)
        self._skip = skip
        self._skipped: Optional[cst.CSTNode] = None

    def on_visit(self, node: cst.CSTNode) -> bool:
        if self._skip and id(node) in self._skip:
            self._skipped = node
            return False
        self._enter(node)
        return super().on_visit(node)

    def on_leave(self, original_node, updated_node):
        if self._skipped is original_node:
            self._skipped = None
            return updated_node
        result = super().on_leave(original_node, updated_node)
        self._exit(original_node)
        return result
