"""Stage 1: write slim ``arg_scope`` settings out as explicit arguments.

What it does
    Every call of an op an ``arg_scope`` governs gets the scope's arguments as explicit
    keywords (an argument given at the call, by keyword or position, always wins; the
    inner scope wins over the outer, keyword by keyword), and the ``with arg_scope(...)``
    that no longer does anything goes. Handled: lists of ops under any alias, nested
    scopes, several scopes in one ``with``, ``**params``, functions of the module that
    build and return a scope (``with slim.arg_scope(vgg_arg_scope()):``), functions
    decorated with ``add_arg_scope``, and settings for ``normalizer_fn``'s op (merged into
    ``normalizer_params``, as slim merges them at run time). A scope function may hold its
    op list and settings in local variables and choose on flags (``if use_batch_norm:``,
    ``slim.batch_norm if use_batch_norm else None``): it is read at the flags' defaults,
    and a call giving a flag another value is not that scope (it stays, with a warning).

    A scope also governs the functions its body calls. For a module function called under
    a scope, the settings move into that function; those that read the caller's names
    (``is_training=is_training``) become keyword parameters of it, passed at the call.

    The nets' convention: a module defining one ``*_arg_scope()`` function is used inside
    it (``with slim.arg_scope(vgg.vgg_arg_scope()): vgg.vgg_16(x)``). Its settings are
    written into the module's functions that call the ops it governs, and its parameters
    (``weight_decay``) become keyword parameters of them, with the same defaults. The
    scope function stays, for other modules' slim calls; the rule says so at its line.

Why
    ``arg_scope`` is global state read at run time: the slim → layers rewrite must see
    every argument at the call (the migration guide: "make every argument explicit").

    Across modules (the run's files that use arg_scope and import one another, read
    together through ``RuleContext.project``): another module's ``add_arg_scope`` ops and
    helpers are resolved like this module's; a scope function named at module level
    (``resnet_arg_scope = resnet_utils.resnet_arg_scope``) is this module's convention; a
    caller's local handed down becomes a parameter defaulting to the op's own default
    (``end_points_collection=None``); ``block.unit_fn(...)`` is the function every
    ``Block(...)`` of the group puts in that field; values read in another module are
    re-spelled with this module's imports (added when missing). A function whose callers'
    scopes disagree on some keywords (ResNet v2's root conv without activation and
    normalizer) takes them as parameters, defaulting to what a caller outside any scope
    got; the callers that differ pass theirs.

Will not touch (warns with the line)
    A scope whose ops or values are not known here (a scope object passed around, an op
    of a module outside the group); a scope whose body calls code the rule cannot follow,
    which may call the ops it lists at run time (a function handed in or made at run time,
    ``networks_map[name](...)``, an object's method, a method of the class that calls
    them, slim's own nets): its calls here still get the settings written out. Calls of
    builtins, TensorFlow, library modules (numpy, ...), data methods (``get_shape``,
    ``append``, ``assert*``...) and lambdas that call none of the rest do not keep it; a
    function whose callers' scopes disagree in a way that cannot be written as parameters
    (``Func.unresolved`` says how); a scope whose
    settings code reads at run time: its scope object (``as sc``) used, or that of a later
    item of its ``with`` or of an arg_scope inside it (it holds the settings of every scope
    around it), or ``current_arg_scope()`` called in its body or in a function its body
    calls (its calls still get the settings written out); the functions
    of a module whose own scope function cannot be read (callers anywhere may enter it
    around them; slim-to-layers leaves their ops too); a scope
    whose body calls functions of modules outside the group (they may call ops it governs
    at run time); a namedtuple field several functions are put in (those functions too).
"""
from __future__ import annotations

import builtins
import functools
from dataclasses import dataclass, field
from typing import Optional

import libcst as cst

from rules import slim
from rules.aliases import TFVisitor, canonicalize, dotted_parts
from rules.base import Rule, RuleContext
from rules.edit import NameReplacer, add_imports, module_imports, nodes_of, rebuild_args
from rules.model_walk import free_names, target_names
from rules.visitors import Transformer, Visitor, transform, walk


@dataclass
class Value:
    expr: cst.BaseExpression
    frame: str  # function whose names ``expr`` reads ("" for module level)


Scope = dict  # op key → {keyword: Value}


def compose(outer: Scope, inner: Scope) -> Scope:
    out = {k: dict(v) for k, v in outer.items()}
    for op, kws in inner.items():
        out.setdefault(op, {}).update(kws)
    return out


def _same(a: Scope, b: Scope) -> bool:
    def flat(s):
        return {op: {k: (slim.code(v.expr), v.frame) for k, v in kws.items()} for op, kws in s.items()}
    return flat(a) == flat(b)


@dataclass
class Item:
    """One ``arg_scope(...)`` item of a ``with``."""
    node: cst.WithItem
    scope: Optional[Scope]
    why: str = ""


@dataclass
class Func:
    node: cst.FunctionDef
    name: str
    params: dict  # name → default expression or None
    governed: list = field(default_factory=list)   # (call, op key, lexical items)
    sites: list = field(default_factory=list)      # (callee name, call, lexical items)
    unknown: list = field(default_factory=list)    # (call, lexical items)
    stack_reads: list = field(default_factory=list)  # current_arg_scope() calls
    called: list = field(default_factory=list)       # (callee, call): sites, before plan() drops some
    unseen: list = field(default_factory=list)       # (call, "" | "Class.method", lexical items): code the
    #                                                    rule cannot follow
    withs: list = field(default_factory=list)      # (with node, items)
    ops: set = field(default_factory=set)          # op keys called directly
    incoming: Optional[Scope] = None
    unresolved: str = ""
    new_params: dict = field(default_factory=dict)  # name → default code
    needs: list = field(default_factory=list)       # (op key, keyword, Value) it must be handed
    accepted: bool = False
    unit: Optional["_Unit"] = None
    imports: set = field(default_factory=set)       # imports the settings written into it need
    switches: dict = field(default_factory=dict)    # keyword its callers' scopes disagree on → default
    switch_args: dict = field(default_factory=dict)  # call id → {keyword: value} that caller passes
    switch_norm: Optional[str] = None               # the op its normalizer_fn switch turns on

    @functools.cached_property
    def assigned(self) -> dict:
        """Locals bound once, to their value (``slim.single_assignments``)."""
        return slim.single_assignments(self.node)

    @functools.cached_property
    def locals(self) -> set:
        """Names the function assigns (read only for calls that may be of module functions)."""
        return _assigned(self.node)


class _Unit:
    """One module of the analysis: the file itself (prefix ``""``) or another module of
    its group (``RuleContext.project``), whose functions are known as ``"<module>:<name>"``.
    Only the file itself is edited; the others are read so that a call, scope or op that
    crosses modules is resolved the same way in every module's run."""

    def __init__(self, ctx: RuleContext, prefix: str, name: str) -> None:
        self.ctx = ctx
        self.prefix = prefix
        self.name = name
        self.module_names = slim.module_names(ctx.module)
        package = name.rpartition(".")[0]
        # bound name → the dotted name it was imported as
        self.bindings = {i.bound: i.target(package) for i in module_imports(ctx.module)}
        self.aliases: dict[str, tuple] = {}  # module-level ``name = a.b`` → (expression, statement)
        for stmt in ctx.module.body:
            if _simple_assign(stmt) and dotted_parts(stmt.body[0].value) is not None:
                self.aliases[stmt.body[0].targets[0].target.value] = (stmt.body[0].value, stmt)

    def resolve(self, expr: cst.BaseExpression, known, prefixes: dict, depth: int = 0) -> Optional[str]:
        """The key (in ``known``) of the function or class of the group that ``expr`` (a
        dotted name read at module level of this unit) names, or None."""
        parts = dotted_parts(expr)
        if not parts or depth > 3:
            return None
        if len(parts) == 1 and self.prefix + parts[0] in known:
            return self.prefix + parts[0]
        if len(parts) == 1 and parts[0] in self.aliases:
            return self.resolve(self.aliases[parts[0]][0], known, prefixes, depth + 1)
        target = self.bindings.get(parts[0])
        if target is None:
            return None
        module, _, leaf = ".".join([target, *parts[1:]]).rpartition(".")
        if module not in prefixes:
            return None
        key = prefixes[module] + leaf
        return key if key in known else None


class _Assigns(dict):
    """Function name → ``slim.single_assignments`` of it, read when first asked for."""

    def __init__(self, defs: dict) -> None:
        super().__init__()
        self.defs = defs

    def __contains__(self, name) -> bool:
        return name in self.defs

    def __missing__(self, name):
        value = self[name] = slim.single_assignments(self.defs[name])
        return value

    def get(self, name, default=None):
        return self[name] if name in self.defs else default


class _Survey(TFVisitor):
    """Resolves every callee and scoped-op reference while the alias scopes are known."""

    def __init__(self, ctx, unit: "_Unit", m: "_Module") -> None:
        super().__init__(ctx)
        self.scope_as: set[int] = set()  # top-level functions with an ``arg_scope(...) as name``
        self.top: list = []
        self.keys: dict[int, Optional[str]] = m.keys
        self.callees: dict[int, str] = m.callees  # call's func id → function of the group it names
        self.unit = unit
        self.m = m
        self.external: set[int] = m.external   # callees imported from non-TensorFlow modules
        self.aliases = ctx.aliases
        self.project_imports = _project_imports(ctx.module)

    def resolve(self, expr: cst.BaseExpression) -> Optional[str]:
        return self.unit.resolve(expr, self.m.defs, self.m.prefixes)

    def key(self, expr: cst.BaseExpression) -> Optional[str]:
        name = slim.op_name(self.qualify(expr))
        if name is not None:
            return name
        target = self.resolve(expr)
        if target in self.m.local_ops:
            return "local:" + target
        return None


    def visit_FunctionDef(self, node: cst.FunctionDef) -> None:
        self.top.append(self.top[-1] if self.top else node)

    def leave_FunctionDef(self, node: cst.FunctionDef) -> None:
        self.top.pop()

    def visit_WithItem(self, node: cst.WithItem) -> None:
        if node.asname is not None and self.top and isinstance(node.item, cst.Call) \
                and self.key(node.item.func) == "arg_scope":
            self.scope_as.add(id(self.top[-1]))

    def visit_Assign(self, node: cst.Assign) -> None:
        # ``normalizer_fn = slim.batch_norm`` in a scope function, read as a scope value
        if isinstance(node.value, (cst.Name, cst.Attribute)):
            self.keys[id(node.value)] = self.key(node.value)
        elif isinstance(node.value, cst.IfExp):
            for branch in (node.value.body, node.value.orelse):
                if isinstance(branch, (cst.Name, cst.Attribute)):
                    self.keys[id(branch)] = self.key(branch)
        elif isinstance(node.value, (cst.List, cst.Tuple)):  # ``ops = [slim.conv2d, ...]``
            for el in node.value.elements:
                if isinstance(el.value, (cst.Name, cst.Attribute)):
                    self.keys[id(el.value)] = self.key(el.value)

    def visit_Call(self, node: cst.Call) -> None:
        self.keys[id(node.func)] = self.key(node.func)
        target = self.resolve(node.func)
        if target is not None:
            self.callees[id(node.func)] = target
        else:
            tuple_class = self.unit.resolve(node.func, self.m.tuples, self.m.prefixes)
            if tuple_class is not None:
                self.m.constructions.append((tuple_class, node, self.unit))
            elif isinstance(node.func, cst.Attribute) and self.keys[id(node.func)] is None:
                self.m.field_calls.append(node)  # ``block.unit_fn(...)``, resolved once all is read
        for arg in node.args:
            if isinstance(arg.value, (cst.List, cst.Tuple)):
                for el in arg.value.elements:
                    self.keys[id(el.value)] = self.key(el.value)
            elif isinstance(arg.value, (cst.Name, cst.Attribute)):
                self.keys[id(arg.value)] = self.key(arg.value)
        qualified = self.qualify(node.func)
        if qualified is not None and self.keys[id(node.func)] is None:
            if _model_code(qualified):  # slim's nets: model code, which calls the ops scopes govern
                self.external.add(id(node))
            else:
                self.m.library_calls.add(id(node))
        if self.keys[id(node.func)] is None and qualified is None:
            base = node.func
            while isinstance(base, cst.Attribute):
                base = base.value
            if isinstance(base, cst.Name) and base.value in self.project_imports \
                    and id(node.func) not in self.callees:
                self.external.add(id(node))


_LITERALS = (cst.SimpleString, cst.ConcatenatedString, cst.FormattedString, cst.Integer, cst.Float,
             cst.List, cst.Tuple, cst.Dict, cst.BinaryOperation)


def _namedtuple_fields(expr: cst.BaseExpression, unit: "_Unit") -> Optional[list]:
    """``collections.namedtuple('Block', ['scope', 'unit_fn', 'args'])`` → its fields."""
    if not isinstance(expr, cst.Call) or len(expr.args) < 2:
        return None
    parts = dotted_parts(expr.func)
    if not parts or ".".join([unit.bindings.get(parts[0], parts[0]), *parts[1:]]) != "collections.namedtuple":
        return None
    spec = expr.args[1].value
    if isinstance(spec, cst.SimpleString):
        return spec.evaluated_value.replace(",", " ").split()
    if isinstance(spec, (cst.List, cst.Tuple)) and all(isinstance(e.value, cst.SimpleString) for e in spec.elements):
        return [e.value.evaluated_value for e in spec.elements]
    return None


_NOT_PROJECT = ("tensorflow", "tf_slim", "numpy", "six", "collections", "functools", "math", "os", "sys",
                "re", "itertools", "__future__", "absl", "typing", "json", "logging", "copy", "operator")


# model code shipped inside slim (``from tf_slim.nets import resnet_utils``): its functions
# call the ops a scope governs, as the code base's own do
def _model_code(path: str) -> bool:
    """``tf_slim.nets.resnet_v1.resnet_v1_50``, however slim was reached
    (``tensorflow.contrib.slim.python.slim.nets``): model code."""
    parts = (canonicalize(path) or path).split(".")
    return parts[0] == "tf_slim" and "nets" in parts


# methods of data (tensors, shapes, containers, strings, sessions, loggers, test cases)
# that build no layers: a call of one is not code that may call the ops a scope lists
SAFE_METHODS = frozenset((
    "get_shape", "set_shape", "as_list", "append", "extend", "insert", "update", "items", "keys", "values",
    "get", "pop", "setdefault", "copy", "format", "join", "split", "strip", "rstrip", "lstrip", "startswith",
    "endswith", "replace", "lower", "upper", "run", "eval", "numpy", "as_default", "add", "discard", "remove",
    "index", "count", "sort", "reverse", "reshape", "astype", "tolist", "item", "info", "warning", "warn",
    "debug", "error", "exception", "write", "close", "flush", "read", "cached_session", "session",
    "test_session", "evaluate", "subTest", "skipTest", "get_temp_dir", "assign", "assign_add", "assign_sub",
    "__enter__", "__exit__", "is_compatible_with", "assert_is_compatible_with", "merge_with", "with_rank",
    "with_rank_at_least", "assert_has_rank", "is_fully_defined", "num_elements", "concatenate",
))


def _lambda_params(lam: cst.Lambda) -> set:
    p = lam.params
    names = {x.name.value for x in (*p.posonly_params, *p.params, *p.kwonly_params)}
    for star in (p.star_arg, p.star_kwarg):
        if isinstance(star, cst.Param):
            names.add(star.name.value)
    return names


def _project_imports(module: cst.Module) -> set[str]:
    """Module-level names imported from modules that are neither TensorFlow nor the
    standard library's usual suspects: the code base's own modules, which may call slim."""
    return {i.bound for i in module_imports(module)
            if i.relative or i.module.split(".")[0] not in _NOT_PROJECT
            or _model_code(i.module) or _model_code(i.target(""))}


def _assigned(fn: cst.FunctionDef) -> set[str]:
    names: set[str] = set()

    class _A(Visitor):
        def visit_AssignTarget(self, node):
            names.update(target_names(node.target))

        def visit_For(self, node):
            names.update(target_names(node.target))

        def visit_AsName(self, node):
            if isinstance(node.name, cst.Name):
                names.add(node.name.value)

        def visit_FunctionDef(self, node):
            return node is fn

    walk(fn, _A())
    return names


class _Walk(Visitor):
    """One function's governed calls, calls of module functions and scopes, with the
    ``arg_scope`` items lexically around each."""

    def __init__(self, rule: "_Module", func: Func) -> None:
        self.rule = rule
        self.func = func
        self.items: list[Item] = []
        self.pushed: list[int] = []  # how many arg_scope items each open ``with`` added

    def visit_FunctionDef(self, node):
        return node is self.func.node

    def visit_ClassDef(self, node):
        return False

    def visit_With(self, node: cst.With) -> None:
        items = []
        for item in node.items:
            call = item.item
            if isinstance(call, cst.Call) and self.rule.keys.get(id(call.func)) == "arg_scope":
                items.append(self.rule.resolve_item(item, self.func))
        self.func.withs.append((node, items))
        self.items = self.items + items
        self.pushed.append(len(items))

    def leave_With(self, node: cst.With) -> None:
        n = self.pushed.pop()
        if n:
            self.items = self.items[:-n]

    def visit_Call(self, node: cst.Call) -> None:
        key = self.rule.keys.get(id(node.func))
        if key == "arg_scope":
            return
        if key == "current_arg_scope":
            self.func.stack_reads.append(node)
            return
        here = list(self.items)
        if key in ("repeat", "stack"):
            layer = slim.argument(node, 2 if key == "repeat" else 1, "layer")
            lkey = self.rule.keys.get(id(layer)) if layer is not None else None
            if lkey in slim.SCOPED_OPS or (lkey or "").startswith("local:"):
                self.func.governed.append((node, lkey, here))
                self.func.ops.add(lkey)
            return
        if key in slim.SCOPED_OPS or (key or "").startswith("local:"):
            self.func.governed.append((node, key, here))
            self.func.ops.add(key)
            if key.startswith("local:"):
                self.func.sites.append((key[6:], node, here))
                self.func.called.append((key[6:], node))
            norm = slim.kwarg(node, "normalizer_fn")
            nkey = self.rule.keys.get(id(norm.value)) if norm is not None else None
            if nkey:
                self.func.ops.add(nkey)
            return
        target = self.rule.callees.get(id(node.func))
        if target in self.rule.funcs and not (isinstance(node.func, cst.Name) and (
                node.func.value in self.func.locals or node.func.value in self.func.params)):
            self.func.sites.append((target, node, here))
            self.func.called.append((target, node))
            return
        if id(node) in self.rule.external:
            self.func.unknown.append((node, here))
        elif key is None and id(node) not in self.rule.library_calls:
            blind = self.rule.blind(node, self.func)
            if blind is not None:
                self.func.unseen.append((node, blind, here))


class _Module:
    """Everything stage 1 works out for one module, then the edits."""

    def __init__(self, ctx: RuleContext) -> None:
        self.ctx = ctx
        project = ctx.project
        self.units = [_Unit(ctx, "", project.name if project else "")]
        for name in sorted(project.texts) if project else ():
            other = project.module(name)
            if other is not None:
                self.units.append(_Unit(RuleContext(module=other, rule_id=ctx.rule_id), name + ":", name))
        self.home = self.units[0]
        self.prefixes = {u.name: u.prefix for u in self.units if u.name}
        self.defs: dict[str, cst.FunctionDef] = {}
        self.unit_of: dict[str, _Unit] = {}
        for u in self.units:
            for s in u.ctx.module.body:
                if isinstance(s, cst.FunctionDef):
                    self.defs[u.prefix + s.name.value] = s
                    self.unit_of[u.prefix + s.name.value] = u
        self.local_ops = {n for n, f in self.defs.items() if any(
            slim.op_name(_dec_name(d)) == "add_arg_scope" or _dec_name(d) in ("add_arg_scope",)
            for d in f.decorators)}
        self.keys: dict[int, Optional[str]] = {}
        self.callees: dict[int, str] = {}
        self.external: set[int] = set()
        self.library_calls: set[int] = set()     # calls of TensorFlow's or slim's own functions (not ops)
        self._names_of: dict[int, dict] = {}     # unit → its module-level names, by kind (``_unit_names``)
        self.tuples: dict[str, list] = {}        # namedtuple class of the group → its fields
        self.constructions: list = []            # (class, call, unit)
        self.field_calls: list = []              # ``x.attr(...)`` calls nothing else resolves
        for u in self.units:
            for stmt in u.ctx.module.body:
                made = [b.value for b in stmt.bases] if isinstance(stmt, cst.ClassDef) else (
                    [stmt.body[0].value] if _simple_assign(stmt) else [])
                for value in made:
                    fields = _namedtuple_fields(value, u)
                    if fields is not None:
                        name = stmt.name.value if isinstance(stmt, cst.ClassDef) else stmt.body[0].targets[0].target.value
                        self.tuples[u.prefix + name] = fields
        scope_as: set[int] = set()
        for u in self.units:
            survey = _Survey(u.ctx, u, self)
            walk(u.ctx.module, survey)
            scope_as |= survey.scope_as
        self._spelled: dict = {}
        self._resolve_fields(self._dispatch())
        self.assigns = _Assigns(self.defs)
        self.scope_fns: dict[str, tuple] = {}
        self.fixed: dict[str, list] = {}
        self.opaque: list[cst.FunctionDef] = []   # build a scope this rule cannot read
        for name, fn in self.defs.items():
            found = self._scope_function(fn, name)
            if found is not None:
                self.scope_fns[name] = found
            elif id(fn) in scope_as and _returns_scope(fn, self.keys):
                self.opaque.append(fn)
        self.funcs: dict[str, Func] = {}
        for name, fn in self.defs.items():
            if name in self.scope_fns or fn in self.opaque:
                continue
            self.funcs[name] = Func(fn, name, slim.params(fn), unit=self.unit_of[name])
        # Methods (of the file itself) are walked for their own lexical scopes only.
        self.methods: list[Func] = []
        for stmt in ctx.module.body:
            if isinstance(stmt, cst.ClassDef):
                for inner in stmt.body.body:
                    if isinstance(inner, cst.FunctionDef):
                        self.methods.append(Func(inner, f"{stmt.name.value}.{inner.name.value}",
                                                 slim.params(inner), unit=self.home))
        for f in [*self.funcs.values(), *self.methods]:
            walk(f.node, _Walk(self, f))

    # ------------------------------------------------------------------ code it cannot see
    def blind(self, call: cst.Call, f: Func, lam: Optional[cst.Lambda] = None, depth: int = 0) -> Optional[str]:
        """Whether ``call`` (not an op, a function of the group or another module's) runs
        code that may call the ops a scope lists, which the rule cannot follow: None where
        it cannot (a builtin, a library module's function, a data method, a lambda of the
        function or the module that calls nothing such); ``"Class.method"`` for a method of
        the class (decided once all is read: ``blind_matters``); ``""`` otherwise (a
        function handed in or bound at run time, an object's method, a call's result)."""
        known = self._unit_names(f.unit)
        func = call.func
        params = set(f.params) | (_lambda_params(lam) if lam is not None else set())
        if isinstance(func, cst.Name):
            name = func.value
            if name in params:
                return ""
            if name in f.locals:
                value = f.assigned.get(name)
                return self._blind_lambda(value, f, depth) if isinstance(value, cst.Lambda) else ""
            if name in known["lambdas"]:
                return self._blind_lambda(known["lambdas"][name], f, depth)
            if name in known["library"] or name in known["classes"] or (
                    hasattr(builtins, name) and name not in known["other"]):
                return None
            return ""
        if isinstance(func, cst.Attribute):
            method = func.attr.value
            parts = dotted_parts(func)
            base = parts[0] if parts else None
            if base is not None and base in known["library"] and base not in params and base not in f.locals:
                return None
            if method in SAFE_METHODS or method.startswith("assert"):
                return None
            if base == "self" and len(parts) == 2 and "." in f.name:
                return f"{f.name.split('.')[0]}.{method}"
        return ""

    def _blind_lambda(self, lam: cst.Lambda, f: Func, depth: int) -> Optional[str]:
        if depth > 3:
            return ""
        for inner in nodes_of(lam.body, cst.Call):
            key = self.keys.get(id(inner.func))
            if key is not None or id(inner) in self.external or id(inner.func) in self.callees:
                return ""  # an op, or a function of the group, called from the lambda
            if id(inner) in self.library_calls:
                continue
            why = self.blind(inner, f, lam, depth + 1)
            if why is not None:
                return why
        return None

    def blind_matters(self, kind: str, seen: frozenset = frozenset()) -> bool:
        """A call ``blind`` found: whether it may call ops (a method of the class: when it
        or what it calls may; one the class does not define: yes)."""
        if not kind:
            return True
        method = self.method(kind)
        if method is None or kind in seen:
            return method is None
        if method.governed or method.unknown or method.sites or method.stack_reads:
            return True
        return any(self.blind_matters(k, seen | {kind}) for _, k, _ in method.unseen)

    def _unit_names(self, unit: "_Unit") -> dict:
        found = self._names_of.get(id(unit))
        if found is None:
            module = unit.ctx.module
            project = _project_imports(module)
            found = {"library": {i.bound for i in module_imports(module)} - project,
                     "lambdas": {}, "classes": set(), "other": set()}
            for stmt in module.body:
                if isinstance(stmt, cst.ClassDef):
                    found["classes"].add(stmt.name.value)
                elif isinstance(stmt, cst.FunctionDef):
                    found["other"].add(stmt.name.value)
                elif _simple_assign(stmt):
                    target, value = stmt.body[0].targets[0].target.value, stmt.body[0].value
                    if isinstance(value, cst.Lambda):
                        found["lambdas"][target] = value
                    else:
                        found["other"].add(target)
            self._names_of[id(unit)] = found
        return found

    def _resolve_fields(self, dispatch: dict) -> None:
        """``block.unit_fn(...)`` names the one function every ``Block(...)`` of the group
        puts in that field, as a direct call would (an op or a function); a field with
        several candidates, or an unknown one, is a call of unknown code."""
        for call in self.field_calls:
            if call.func.attr.value not in dispatch:
                continue
            candidates = dispatch[call.func.attr.value]
            if candidates is None or len(candidates) != 1:
                self.external.add(id(call))
                for name in self.put_in.get(call.func.attr.value, ()):  # their callers are not known
                    self.unfollowed.setdefault(name, f"it is called through {slim.code(call.func)}(), which is "
                                                     "one of several functions at run time")
                continue
            self.callees[id(call.func)] = candidates[0]
            if candidates[0] in self.local_ops:
                self.keys[id(call.func)] = "local:" + candidates[0]

    def _dispatch(self) -> dict[str, Optional[list]]:
        """Field of a namedtuple of the group → the functions every construction puts
        there (``Block(scope, bottleneck, args)`` → ``unit_fn``: [bottleneck]), or None
        when some construction puts something else there."""
        out: dict[str, Optional[list]] = {}
        self.put_in: dict[str, set] = {}   # field → every function of the group put there
        self.unfollowed: dict[str, str] = {}  # function → why its callers are not all known
        for cls, call, unit in self.constructions:
            fields = self.tuples[cls]
            given = {}
            positional = [a for a in call.args if a.keyword is None]
            if any(a.star for a in call.args):
                for f in fields:
                    out[f] = None
                continue
            for i, a in enumerate(positional[:len(fields)]):
                given[fields[i]] = a.value
            for a in call.args:
                if a.keyword is not None:
                    given[a.keyword.value] = a.value
            for f, value in given.items():
                target = unit.resolve(value, self.defs, self.prefixes)
                if target is not None:
                    self.put_in.setdefault(f, set()).add(target)
                if f in out and out[f] is None:
                    continue
                if target is None:
                    if not isinstance(value, _LITERALS):
                        out[f] = None
                    continue
                out.setdefault(f, [])
                if target not in out[f]:
                    out[f].append(target)
        return out

    # ------------------------------------------------------------------ scopes
    def _scope_function(self, fn: cst.FunctionDef, frame: str):
        """``def f(...): [assignments] with arg_scope(...) [as sc]: ... return sc`` →
        (params, scope with its locals substituted) or None."""
        params = slim.params(fn)
        fixed: list[tuple] = []
        body = list(fn.body.body)
        if body and _is_docstring(body[0]):
            body = body[1:]
        local_values: dict[str, cst.BaseExpression] = {}
        while body and isinstance(body[0], (cst.SimpleStatementLine, cst.If)):
            stmt = body[0]
            if isinstance(stmt, cst.If):
                # ``if use_batch_norm: normalizer_fn = ...`` on a parameter: its default's branch
                test = stmt.test
                default = params.get(test.value) if isinstance(test, cst.Name) else None
                truth = _literal_truth(default)
                if truth is None:
                    return None
                branch = stmt.body if truth else (stmt.orelse.body if isinstance(stmt.orelse, cst.Else) else None)
                if stmt.orelse is not None and not isinstance(stmt.orelse, cst.Else):
                    return None
                stmts = list(branch.body) if branch is not None else []
                if not all(_simple_assign(s) for s in stmts):
                    return None
                fixed.append((test.value, slim.code(default)))
                for s in stmts:
                    assign = s.body[0]
                    local_values[assign.targets[0].target.value] = slim.substitute(assign.value, local_values)
                body = body[1:]
                continue
            if not _simple_assign(stmt):
                break
            assign = stmt.body[0]
            local_values[assign.targets[0].target.value] = slim.substitute(
                _fold_flag(assign.value, (params, fixed)), local_values)
            body = body[1:]
        if len(body) != 1 or not isinstance(body[0], cst.With):
            return None
        scope: Scope = {}
        stmt = body[0]
        while True:
            if not isinstance(stmt, cst.With):
                return None
            last_as = None
            for item in stmt.items:
                call = item.item
                if not (isinstance(call, cst.Call) and self.keys.get(id(call.func)) == "arg_scope"):
                    return None
                resolved = self._scope_of_call(call, None, frame, local_values, (params, fixed))
                if resolved is None:
                    return None
                scope = compose(scope, resolved)
                last_as = item.asname.name.value if item.asname and isinstance(item.asname.name, cst.Name) else None
            inner = list(stmt.body.body)
            if len(inner) == 1 and isinstance(inner[0], cst.With):
                stmt = inner[0]
                continue
            if (len(inner) == 1 and isinstance(inner[0], cst.SimpleStatementLine)
                    and isinstance(inner[0].body[0], cst.Return) and isinstance(inner[0].body[0].value, cst.Name)
                    and inner[0].body[0].value.value == last_as):
                self.fixed[frame] = fixed
                return params, scope
            return None

    def _scope_of_call(self, call: cst.Call, fn: Optional[Func], frame: str,
                       local_values: Optional[dict] = None, flags: Optional[tuple] = None) -> Optional[Scope]:
        """The scope ``arg_scope(...)`` (``call``) sets, or None when not known here."""
        if not call.args:
            return None
        first = call.args[0].value
        local_values = local_values or {}
        if isinstance(first, cst.Name):  # the op list held in a variable
            held = local_values.get(first.value)
            if held is None and fn is not None and fn.name in self.assigns:
                held = self.assigns[fn.name].get(first.value)
            first = held if isinstance(held, (cst.List, cst.Tuple)) else first
        if isinstance(first, (cst.List, cst.Tuple)):
            ops = []
            for el in first.elements:
                key = self.keys.get(id(el.value))
                if key is None:
                    return None
                ops.append(key)
            kws: dict[str, Value] = {}
            for arg in call.args[1:]:
                if arg.keyword is not None:
                    kws[arg.keyword.value] = Value(slim.substitute(_fold_flag(arg.value, flags), local_values), frame)
                elif arg.star == "**":
                    d = arg.value
                    d = local_values.get(d.value, d) if isinstance(d, cst.Name) else d
                    if isinstance(d, cst.Name) and fn is not None:
                        d = self.assigns.get(fn.name, {}).get(d.value) if fn.name in self.assigns else None
                    if not isinstance(d, cst.Dict):
                        return None
                    for el in d.elements:
                        if not isinstance(el, cst.DictElement) or not isinstance(el.key, cst.SimpleString):
                            return None
                        kws[el.key.evaluated_value] = Value(slim.substitute(el.value, local_values), frame)
                else:
                    return None
            return {op: dict(kws) for op in ops}
        target = first
        if isinstance(first, cst.Name) and fn is not None and fn.name in self.assigns:
            target = self.assigns[fn.name].get(first.value) or first
        called = self.callees.get(id(target.func)) if isinstance(target, cst.Call) else None
        if called in self.scope_fns and not (fn is not None and isinstance(target.func, cst.Name) and (
                target.func.value in fn.locals or target.func.value in fn.params)):
            params, scope = self.scope_fns[called]
            if any(a.star for a in target.args):
                return None
            values = _given(target, params)
            if self._fixed_conflict(called, values):
                return None
            for n, default in params.items():
                if n not in values and default is not None:
                    values[n] = default
            return {op: {k: Value(slim.substitute(v.expr, values), frame) for k, v in kws.items()}
                    for op, kws in scope.items()}
        return None

    def resolve_item(self, item: cst.WithItem, fn: Func) -> Item:
        scope = self._scope_of_call(item.item, fn, fn.name)
        if scope is None:
            return Item(item, None, self._fixed_given(item.item)
                        or "which scope this is, or which ops it lists, is decided at run time")
        return Item(item, scope)

    def _fixed_given(self, call: cst.BaseExpression) -> str:
        """Why ``arg_scope(scope_fn(flag=...))`` is not known: ``scope_fn`` was read with a
        flag at its default (``if use_batch_norm:``), and this call gives another value."""
        target = call.args[0].value if isinstance(call, cst.Call) and call.args else None
        called = self.callees.get(id(target.func)) if isinstance(target, cst.Call) else None
        if called not in self.fixed:
            return ""
        conflict = self._fixed_conflict(called, _given(target, self.scope_fns[called][0]))
        if conflict is None:
            return ""
        n, d, given = conflict
        return f"{called.replace(':', '.')}() is read with {n}={d}, its default, and this call gives {n}={given}"

    def _fixed_conflict(self, called: str, values: dict) -> Optional[tuple]:
        """A flag scope function ``called`` was read at the default of (``if
        use_batch_norm:``) that a call's ``values`` give another value: (flag, default,
        given), or None."""
        for n, d in self.fixed.get(called, ()):
            if n in values and slim.code(values[n]) != d:
                return n, d, slim.code(values[n])
        return None

    # ------------------------------------------------------------------ plan
    def plan(self) -> None:
        all_ops = set().union(*(f.ops for f in self.funcs.values())) if self.funcs else set()
        self.reaching = {n for n, ok in self._reaches(all_ops).items() if ok}
        # calls of functions that never reach an op do not carry a scope anywhere
        for f in [*self.funcs.values(), *self.methods]:
            f.sites = [s for s in f.sites if s[0] in self.reaching or s[0].startswith("local:")
                       or s[0] in {k[6:] for k in f.ops if k.startswith("local:")}]
        conventions = self.conventions()
        convention_of: dict[str, str] = {}  # function → the scope function governing it
        for u in self.units:
            convention = conventions.get(id(u))
            if convention is None:
                continue
            reaches = self._reaches(set(self.scope_fns[convention][1]))
            # a function that enters a scope function itself says what governs it
            for n, ok in reaches.items():
                if ok and self.funcs[n].unit is u and not any(
                        _enters_scope_function(items, self) for _, items in self.funcs[n].withs):
                    convention_of[n] = convention
        convention = self.convention = conventions.get(id(self.home))
        governed_by_convention = {n for n, c in convention_of.items() if self.funcs[n].unit is self.home}
        self.convention_targets = sorted(governed_by_convention, key=list(self.defs).index)
        callers: dict[str, list] = {}
        for f in self.funcs.values():
            for callee, call, items in f.sites:
                if callee in self.funcs:
                    callers.setdefault(callee, []).append((f, call, items))
        order = self._call_order()
        unreadable = self.unreadable_conventions()
        for name in order:
            f = self.funcs[name]
            if name in self.unfollowed:
                f.unresolved = self.unfollowed[name]
                continue
            if name in unreadable:
                f.unresolved = unreadable[name]
                continue
            own = self.scope_fns[convention_of[name]][1] if name in convention_of else {}
            sites = callers.get(name, [])
            if not sites:
                f.incoming = own
                continue
            if f.unknown:
                call = f.unknown[0][0]
                f.unresolved = (f"it calls {slim.code(call.func)}() of another module, which may call ops "
                                "the scope its callers enter lists")
                continue
            blind = [call for call, kind, _ in f.unseen if self.blind_matters(kind)]
            if blind:
                f.unresolved = (f"it calls {slim.code(blind[0].func)}(), code tf1to2 cannot follow, which may call "
                                "ops the scope its callers enter lists")
                continue
            scopes = []
            for caller, call, items in sites:
                if caller.incoming is None or caller.unresolved:
                    f.unresolved = f"its caller {caller.name}() is not resolved"
                    break
                bad = [i for i in items if i.scope is None]
                if bad:
                    f.unresolved = f"{caller.name}() calls it under an arg_scope not known here"
                    break
                s = caller.incoming
                for i in items:
                    s = compose(s, i.scope)
                scopes.append(s)
            if f.unresolved:
                continue
            # only what reaches its ops (and their normalizers) must agree
            reached = self.reach_ops(name) | {"batch_norm"}
            seen = [{op: kws for op, kws in s.items() if op in reached} for s in scopes]
            if any(not _same(seen[0], s) for s in seen[1:]):
                why = self._switch(f, scopes, seen, sites, conventions.get(id(f.unit)))
                if why:
                    f.unresolved = f"it is called under different arg_scopes: {why}"
                continue
            f.incoming = scopes[0]
        for name in reversed(order):  # callees first: what they need, their callers pass on
            self._new_params(self.funcs[name])

    def _switch(self, f: Func, scopes: list, seen: list, sites: list, convention: Optional[str]) -> str:
        """Callers whose scopes disagree on some keywords of ``f``'s ops (ResNet v2's root
        conv with ``activation_fn=None, normalizer_fn=None``, its units with relu and
        batch norm): each such keyword becomes a parameter of ``f`` that its ops read,
        defaulting to what a caller outside any scope got (the module's convention, else
        the op's own default); each call whose scope differs from that passes its value.
        Returns why it cannot, or "" (``f.incoming`` set)."""
        pairs = sorted({(op, kw) for s in seen for op, kws in s.items() for kw in kws})
        differing = []
        for op, kw in pairs:
            values = [s.get(op, {}).get(kw) for s in seen]
            codes = {(slim.code(v.expr), v.frame) if v is not None else None for v in values}
            if len(codes) > 1:
                differing.append((op, kw))
        kws = [kw for _, kw in differing]
        for kw in kws:
            if kws.count(kw) > 1:
                return f"they disagree on {kw} for several ops"
            if kw in f.params or kw in f.locals or kw in f.unit.module_names:
                return f"they disagree on {kw}, which is already a name of {f.name}()"
        if any(a.star for _, call, _ in sites for a in call.args):
            return "a call passes *args or **kwargs"
        own = self.scope_fns[convention][1] if convention else {}
        defaults: dict[str, tuple] = {}   # kw → (code in f's module, comparable form)
        for op, kw in differing:
            value = own.get(op, {}).get(kw)
            if value is not None:
                if self.function_names(value):
                    return f"the default {kw}={slim.code(value.expr)} reads names of {value.frame}()"
                spelled = self.written(value, f)
                if spelled is None:
                    return f"{kw}={slim.code(value.expr)} cannot be written in {f.unit.name or 'this module'}"
                defaults[kw] = (slim.code(spelled), _comparable(value))
            else:
                code = self._slim_default(op, kw, f)
                if code is None:
                    return f"they disagree on {kw}, and what it is outside any scope (slim's default) is not known here"
                defaults[kw] = (code, _slim_comparable(op, kw))
        norm_ops = set()
        args: dict[int, dict] = {}
        for (caller, call, _), scope in zip(sites, scopes):
            for op, kw in differing:
                value = scope.get(op, {}).get(kw)
                if kw == "normalizer_fn" and value is not None and not slim.is_none(value.expr):
                    norm_ops.add(self.keys.get(id(value.expr)))
                here = _comparable(value) if value is not None else _slim_comparable(op, kw)
                if here == defaults[kw][1]:
                    continue
                if value is None:
                    code = self._slim_default(op, kw, caller)
                    if code is None:
                        return f"{caller.name}() has slim's default for {kw}, which is not known here"
                    args.setdefault(id(call), {})[kw] = cst.parse_expression(code)
                    continue
                if self.function_names(value) and value.frame != caller.name:
                    return f"{caller.name}()'s {kw}={slim.code(value.expr)} reads names of {value.frame}()"
                spelled = self.written(value, caller)
                if spelled is None:
                    return f"{kw}={slim.code(value.expr)} cannot be written in {caller.unit.name or 'this module'}"
                args.setdefault(id(call), {})[kw] = spelled
        if len(norm_ops) > 1 or None in norm_ops:
            return "their normalizers are not all the same op"
        incoming = {op: dict(kws) for op, kws in scopes[0].items()}
        for op, kw in differing:
            incoming.setdefault(op, {})[kw] = Value(cst.Name(kw), f.name)
        f.incoming = incoming
        f.switches = {kw: defaults[kw][0] for kw in kws}
        f.new_params.update(f.switches)
        f.switch_args = args
        f.switch_norm = next(iter(norm_ops), None)
        return ""

    def norm_key(self, expr: cst.BaseExpression, f: Func) -> Optional[str]:
        """The op a ``normalizer_fn=`` value names (a switch parameter: the op it turns on)."""
        key = self.keys.get(id(expr))
        if key is None and isinstance(expr, cst.Name) and expr.value == "normalizer_fn" and f.switches:
            return f.switch_norm
        return key

    def conventions(self) -> dict[int, str]:
        """id of a unit → the scope function its functions are taken to be called under:
        the one scope function the module defines or names at module level
        (``resnet_arg_scope = resnet_utils.resnet_arg_scope``)."""
        out: dict[int, str] = {}
        for u in self.units:
            visible = [n for n in self.scope_fns if self.unit_of[n] is u]
            for expr, _ in u.aliases.values():
                target = u.resolve(expr, self.scope_fns, self.prefixes)
                if target is not None and target not in visible:
                    visible.append(target)
            if len(visible) == 1:
                out[id(u)] = visible[0]
        return out

    def unreadable_conventions(self) -> dict[str, str]:
        """Function of the group → why its calls of governed ops are not known: its module
        defines or names (``net_arg_scope = utils.net_arg_scope``) a scope function this
        rule cannot read, or names one of a module outside the run, which callers (in any
        module, in this run or not) may enter around it, as they enter the nets'
        ``*_arg_scope()``. Its ops and settings are unknown, so every function of that
        module that calls an op, directly or through its helpers, is covered; a function
        that enters a scope function itself is not."""
        opaque = {n: fn for n, fn in self.defs.items() if fn in self.opaque}
        out: dict[str, str] = {}
        reaches = None
        for u in self.units:
            unread = [n.replace(":", ".") + "()" for n in opaque if self.unit_of[n] is u]
            outside = []
            for alias, (expr, _) in u.aliases.items():
                target = u.resolve(expr, opaque, self.prefixes)
                if target is not None:
                    unread.append(target.replace(":", ".") + "()")
                elif alias.endswith("arg_scope") and self.keys.get(id(expr)) is None \
                        and u.resolve(expr, self.defs, self.prefixes) is None:  # not slim's own
                    outside.append(slim.code(expr) + "()")
            if not unread and not outside:
                continue
            if reaches is None:
                ops = set().union(*(f.ops for f in self.funcs.values())) if self.funcs else set()
                reaches = self._reaches(ops)
            reasons = []
            if unread:
                reasons.append(f"{', '.join(dict.fromkeys(unread))} of its module builds an arg_scope this rule "
                               "cannot read")
            if outside:
                reasons.append(f"its module names {', '.join(outside)}, whose settings are not known here (its "
                               "module is not read with this one)")
            why = "; ".join(reasons)
            for n, ok in reaches.items():
                f = self.funcs[n]
                if ok and f.unit is u and not any(_enters_scope_function(items, self) for _, items in f.withs):
                    out[n] = f"{why}, which callers may enter around this function"
        return out

    def _reaches(self, ops: set) -> dict[str, bool]:
        reach = self.callers_of({n for n, f in self.funcs.items() if f.ops & ops})
        return {n: n in reach for n in self.funcs}

    def callers_of(self, start: set) -> set:
        """``start`` and the module functions that call one of them, directly or through
        others (``Func.called``: every call of one, before ``plan`` drops any)."""
        found = set(start)
        grown = True
        while grown:
            grown = False
            for n, f in self.funcs.items():
                if n not in found and any(c in found for c, _ in f.called):
                    found.add(n)
                    grown = True
        return found

    def method(self, name: str) -> Optional[Func]:
        """The method ``Class.name`` of the module's classes, or None."""
        return next((g for g in self.methods if g.name == name), None)

    def _call_order(self) -> list[str]:
        order: list[str] = []
        state: dict[str, int] = {}

        def visit(n: str) -> None:
            if state.get(n) == 2:
                return
            if state.get(n) == 1:
                self.funcs[n].unresolved = "it is recursive"
                return
            state[n] = 1
            for f in self.funcs.values():
                if any(c == n for c, _, _ in f.sites) and f.name != n:
                    visit(f.name)
            state[n] = 2
            order.append(n)

        for n in self.funcs:
            visit(n)
        return order

    def reach_ops(self, name: str, seen: Optional[set] = None) -> set:
        """Ops ``name`` calls, itself or through module functions."""
        seen = seen if seen is not None else set()
        if name in seen or name not in self.funcs:
            return set()
        seen.add(name)
        f = self.funcs[name]
        out = set(f.ops)
        for callee, _, _ in f.sites:
            out |= self.reach_ops(callee, seen)
        return out

    def _used_values(self, f: Func) -> list:
        """(keyword, Value) of the incoming scope that ``f``'s calls will actually get:
        not given at the call, not overridden by a scope inside ``f``; and what the
        functions it calls need handed down."""
        used = []
        for call, key, items in f.governed:
            if any(i.scope is None for i in items):
                continue
            active = f.incoming
            for i in items:
                active = compose(active, i.scope)
            given = _op_given(call, self.keys.get(id(call.func)), _signature(self, key))
            for kw, value in active.get(key, {}).items():
                if kw not in given:
                    used.append((key, kw, value))
            norm = slim.kwarg(call, "normalizer_fn")
            norm_value = norm.value if norm is not None else (
                active.get(key, {}).get("normalizer_fn").expr if "normalizer_fn" in active.get(key, {}) else None)
            nkey = self.norm_key(norm_value, f) if norm_value is not None else None
            if nkey:
                used += [(nkey, kw, value) for kw, value in active.get(nkey, {}).items()]
        for callee, _, _ in f.sites:
            g = self.funcs.get(callee)
            if g is not None and not g.unresolved:
                used += g.needs
        return used

    def _new_params(self, f: Func) -> None:
        f.needs = []
        if f.unresolved or not f.incoming:
            return
        for op, kw, value in self._used_values(f):
            if value.frame == f.name:
                continue
            source = self.source_of(value)
            if self.written(value, f) is None:
                f.unresolved = (f"the scope's {kw}={slim.code(value.expr)} reads names of {source.name} "
                                f"that {f.unit.name or 'this module'} cannot import under the same name")
                return
            for n in sorted(self.function_names(value)):
                if n in f.new_params:
                    continue
                default = self._default_for(n, value.frame)
                if default is None and isinstance(value.expr, cst.Name):
                    # a local of the caller: without the scope, the op's own default
                    default = self._op_default(op, kw)
                if default is not None and source is not f.unit:
                    spelled = self.respell(cst.parse_expression(default), source, f)
                    default = slim.code(spelled) if spelled is not None else None
                if default is None:
                    f.unresolved = f"{kw}={slim.code(value.expr)} reads {n}, which has no default in {value.frame}()"
                    return
                f.needs.append((op, kw, value))
                if n in f.params and f.params[n] is not None and slim.code(f.params[n]) == default:
                    continue  # handed down by an earlier run
                if n in f.params or n in f.locals:
                    f.unresolved = (f"the scope's {kw}={slim.code(value.expr)} reads {n}, "
                                    f"which is already a name of {f.name}()")
                    return
                f.new_params[n] = default

    def spelled(self, scope: Scope, f: Func) -> Scope:
        """``scope`` with the values read in another module respelled for ``f``'s."""
        out: Scope = {}
        for op, kws in scope.items():
            out[op] = {}
            for kw, v in kws.items():
                spelled = self.written(v, f)
                out[op][kw] = Value(spelled if spelled is not None else v.expr, v.frame)
        return out

    def source_of(self, value: Value) -> _Unit:
        """The module whose names ``value`` reads."""
        return self.unit_of.get(value.frame, self.home)

    def function_names(self, value: Value) -> set:
        """The names ``value`` reads that are not its module's (its function's locals)."""
        return free_names(value.expr) - slim.BUILTINS - self.source_of(value).module_names

    def written(self, value: Value, f: Func) -> Optional[cst.BaseExpression]:
        """``value`` as ``f``'s module writes it (``respell``d when read in another); None
        when it cannot."""
        source = self.source_of(value)
        return value.expr if source is f.unit else self.respell(value.expr, source, f)

    def _slim_default(self, op: str, kw: str, f: Func) -> Optional[str]:
        """What ``op`` does with ``kw`` when nothing sets it, written in ``f``'s module
        (``tf.nn.relu``: by its import of TensorFlow, added as ``tf`` when it has none)."""
        if kw == "activation_fn" and op in slim.RELU_BY_DEFAULT:
            for module, attribute in slim.RELU_AT:
                bound = f.unit.ctx.aliases.local_name_for(module)
                if bound:
                    return f"{bound}.{attribute}"
            if "tf" in f.unit.module_names or "tf" in f.locals or "tf" in f.params:
                return None
            f.imports.add(("tensorflow", None, "tf"))
            return "tf.nn.relu"
        return self._op_default(op, kw)

    def _op_default(self, op: str, kw: str) -> Optional[str]:
        if op.startswith("local:"):
            default = slim.params(self.defs[op[6:]]).get(kw) if op[6:] in self.defs else None
            return slim.code(default) if isinstance(default, cst.Name) and default.value in (
                "None", "True", "False") else None
        return slim.KEYWORD_DEFAULTS.get(kw)

    def respell(self, expr: cst.BaseExpression, source: "_Unit", f: Func) -> Optional[cst.BaseExpression]:
        """``expr``, read in ``source``'s module, as ``f``'s module must write it: each
        imported name by the name that module imports the same thing as, or by a new
        import of it (added to ``f.imports``). None when it reads a module-level name
        that is not an import, or the import's name is taken."""
        key = (id(expr), id(f))
        if key not in self._spelled:
            self._spelled[key] = self._respell(expr, source, f)
        return self._spelled[key]

    def _respell(self, expr: cst.BaseExpression, source: "_Unit", f: Func) -> Optional[cst.BaseExpression]:
        dest = f.unit
        values: dict = {}
        imports: set = set()
        for n in sorted((free_names(expr) & source.module_names) - slim.BUILTINS):
            target = source.bindings.get(n)
            if target is None:
                return None
            same = sorted(b for b, t in dest.bindings.items() if t == target)
            if same:
                bound = n if n in same else same[0]
            else:
                module, _, obj = target.rpartition(".")
                bound = obj if module else target.split(".")[0]
                if bound in dest.module_names or module == "" and "." in target:
                    return None
                imports.add((module, obj) if module else (target, None))
            if bound in f.locals or bound in f.params:
                return None
            if bound != n:
                values[n] = cst.Name(bound)
        result = transform(expr, NameReplacer(values)) if values else expr
        if result is not expr and id(expr) in self.keys:
            self.keys[id(result)] = self.keys[id(expr)]
        f.imports |= imports
        return result

    def _default_for(self, name: str, frame: str) -> Optional[str]:
        if frame in self.scope_fns:
            default = self.scope_fns[frame][0].get(name)
            return slim.code(default) if default is not None else None
        if frame in self.funcs:
            f = self.funcs[frame]
            if name in f.new_params:
                return f.new_params[name]
            default = f.params.get(name)
            return slim.code(default) if default is not None else None
        return None


def _enters_scope_function(items: list, m: "_Module") -> bool:
    for item in items:
        first = item.node.item.args[0].value if item.node.item.args else None
        if isinstance(first, cst.Call) and m.callees.get(id(first.func)) in m.scope_fns:
            return True
    return False


def _slim_comparable(op: str, kw: str):
    """slim's own default, as ``_comparable`` gives a value: a constant by its code
    (``KEYWORD_DEFAULTS`` holds only constants; relu, for one, is not among them)."""
    code = slim.KEYWORD_DEFAULTS.get(kw)
    return code if code is not None else ("slim default", op, kw)


def _comparable(value: Value):
    """A value as a default compares: a constant by its code, a name by where it is read."""
    code = slim.code(value.expr)
    return code if not free_names(value.expr) - slim.BUILTINS else (code, value.frame)


def _simple_assign(stmt) -> bool:
    return (isinstance(stmt, cst.SimpleStatementLine) and len(stmt.body) == 1 and isinstance(stmt.body[0], cst.Assign)
            and len(stmt.body[0].targets) == 1 and isinstance(stmt.body[0].targets[0].target, cst.Name))


def _given(call: cst.Call, params: dict) -> dict:
    """Parameter name → the expression ``call`` passes it (positional, then keywords)."""
    values = dict(zip(params, (a.value for a in call.args if a.keyword is None and not a.star)))
    values.update({a.keyword.value: a.value for a in call.args if a.keyword is not None})
    return values


def _fold_flag(expr: cst.BaseExpression, flags: Optional[tuple]) -> cst.BaseExpression:
    """``a if flag else b`` on a parameter with a literal default (``slim.batch_norm if
    use_batch_norm else None``) → the default's branch, the flag recorded as fixed, as for
    ``if flag:`` statements. ``flags`` is (parameters, fixed list), or None outside a scope
    function. The branch is the original node, so what the survey resolved in it stays
    resolved."""
    while flags is not None and isinstance(expr, cst.IfExp) and isinstance(expr.test, cst.Name):
        params, fixed = flags
        truth = _literal_truth(params.get(expr.test.value))
        if truth is None:
            break
        if (expr.test.value, slim.code(params[expr.test.value])) not in fixed:
            fixed.append((expr.test.value, slim.code(params[expr.test.value])))
        expr = expr.body if truth else expr.orelse
    return expr


def _literal_truth(expr) -> Optional[bool]:
    if isinstance(expr, cst.Name) and expr.value in ("True", "False", "None"):
        return expr.value == "True"
    if isinstance(expr, (cst.Integer, cst.Float)):
        return bool(float(expr.value))
    return None


def _returns_scope(fn: cst.FunctionDef, keys: dict) -> bool:
    """Does ``fn`` return the object of a ``with arg_scope(...) as name``?"""
    names: set[str] = set()
    returned: set[str] = set()

    class _V(Visitor):
        def visit_WithItem(self, node):
            if isinstance(node.item, cst.Call) and keys.get(id(node.item.func)) == "arg_scope" \
                    and node.asname is not None and isinstance(node.asname.name, cst.Name):
                names.add(node.asname.name.value)

        def visit_Return(self, node):
            if isinstance(node.value, cst.Name):
                returned.add(node.value.value)

    walk(fn, _V())
    return bool(names & returned)


def _dec_name(dec: cst.Decorator) -> Optional[str]:
    d = dec.decorator
    if isinstance(d, cst.Name):
        return d.value
    if isinstance(d, cst.Attribute):
        return "tf_slim." + d.attr.value if d.attr.value == "add_arg_scope" else None
    return None


def _is_docstring(stmt: cst.CSTNode) -> bool:
    return (isinstance(stmt, cst.SimpleStatementLine) and isinstance(stmt.body[0], cst.Expr)
            and isinstance(stmt.body[0].value, (cst.SimpleString, cst.ConcatenatedString)))


# ---------------------------------------------------------------------- editing
def _op_given(call: cst.Call, kind: Optional[str], signature: tuple) -> set:
    """Parameters of the governed op that ``call`` gives. ``repeat(inputs, n, layer,
    *args)`` passes its extra positional arguments on after the layer's ``inputs``;
    ``stack`` passes only keywords on."""
    if kind == "repeat":
        positional = [a for a in call.args if a.keyword is None and not a.star]
        return slim.given(call, ()) | set(signature[1:1 + max(len(positional) - 3, 0)])
    if kind == "stack":
        return slim.given(call, ())
    return slim.given(call, signature)


def expand_call(call: cst.Call, settings: dict, given: set, merge_star: bool = False) -> cst.Call:
    """``call`` with the ``settings`` it does not give added as keywords. A call with
    ``**kwargs`` is left as it is, or with ``merge_star``, given ``**{<settings>, **kwargs}``:
    what ``kwargs`` holds still wins, as over a scope."""
    if any(a.keyword is not None and a.keyword.value == "normalizer_fn" and slim.code(a.value) == "None"
           for a in call.args):
        given = given | {"normalizer_params"}  # no normalizer: its parameters do nothing
    missing = [kw for kw in settings if kw not in given]
    stars = [a for a in call.args if a.star == "**"]
    if not missing or len(stars) > 1 or stars and not merge_star:
        return call
    if stars:
        merged = cst.Dict([cst.DictElement(cst.SimpleString(repr(kw)), settings[kw].expr) for kw in missing]
                          + [cst.StarredDictElement(stars[0].value)])
        return call.with_changes(args=[a.with_changes(value=merged) if a is stars[0] else a for a in call.args])
    new_args = list(call.args) + [
        cst.Arg(value=settings[kw].expr, keyword=cst.Name(kw),
                equal=cst.AssignEqual(whitespace_before=cst.SimpleWhitespace(""),
                                      whitespace_after=cst.SimpleWhitespace("")))
        for kw in missing]
    return call.with_changes(args=rebuild_args(call, new_args))


class SlimArgScope(Rule):
    id = "slim-arg-scope"
    stage = 1
    cross_module = True
    summary = "slim arg_scope settings written out at every call they govern; the emptied with goes"
    needles = ("arg_scope",)
    example_before = (
        "import tf_slim as slim\n\n"
        "def net(x):\n"
        "    with slim.arg_scope([slim.conv2d], padding='VALID', activation_fn=None):\n"
        "        x = slim.conv2d(x, 32, [3, 3], scope='conv1')\n"
        "        return slim.conv2d(x, 64, [3, 3], padding='SAME', scope='conv2')\n"
    )
    example_after = (
        "import tf_slim as slim\n\n"
        "def net(x):\n"
        "    x = slim.conv2d(x, 32, [3, 3], scope='conv1', padding='VALID', activation_fn=None)\n"
        "    return slim.conv2d(x, 64, [3, 3], padding='SAME', scope='conv2', activation_fn=None)\n"
    )

    def transform(self, ctx: RuleContext) -> cst.Module:
        m = _Module(ctx)
        if not any(f.governed or f.withs for f in [*m.funcs.values(), *m.methods]):
            return ctx.module
        m.plan()
        return _apply(m, ctx)


def _signature(m: _Module, key: str) -> tuple:
    if key.startswith("local:"):
        return tuple(slim.params(m.defs[key[6:]]))
    return slim.SIGNATURES.get(key, ())


def _apply(m: _Module, ctx: RuleContext) -> cst.Module:
    calls: dict[int, cst.Call] = {}          # original call id → expanded call
    forwards: dict[int, dict] = {}           # call id → {param: code} to pass on
    with_items: dict[int, list] = {}         # with id → items to drop
    new_params: dict[int, dict] = {}         # def id → {param: default}
    funcs = [m.funcs[n] for n in m._call_order()] + m.methods
    for f in funcs:
        fctx = f.unit.ctx  # another module's findings are its own run's to report
        if f.name in m.funcs and f.unresolved:
            if f.governed or any(items for _, items in f.withs):
                fctx.warn(f.node, f"arg_scope settings for {f.name}() left as they are: {f.unresolved}")
            continue
        incoming = f.incoming or {}
        # callers must have been changed for settings they hand down
        if f.name in m.funcs:
            blocked = [g.name for g in m.funcs.values() if any(s[0] == f.name for s in g.sites) and not g.accepted]
            if blocked and (f.switches or any(v.frame != f.name and v.frame not in m.scope_fns
                                              for kws in incoming.values() for v in kws.values())):
                fctx.warn(f.node, f"arg_scope settings for {f.name}() left as they are: "
                                 f"{', '.join(blocked)}() was not changed")
                continue
        removable = []
        for with_node, items in f.withs:
            drop = []
            for item in items:
                if item.scope is None:
                    fctx.warn(item.node, f"arg_scope left in place: {item.why}")
                    continue
                reason = _keeps(m, f, with_node, item)
                if reason:
                    fctx.warn(item.node, f"arg_scope left in place: {reason}")
                    continue
                drop.append(item)
            if drop:
                removable.append((with_node, drop))
        edits = []
        for call, key, items in f.governed:
            if any(i.scope is None for i in items):
                continue
            active = m.spelled(incoming, f)
            for i in items:
                active = compose(active, i.scope)
            settings = active.get(key, {})
            kind = m.keys.get(id(call.func))
            new_call = expand_call(call, settings, _op_given(call, kind, _signature(m, key)), merge_star=not items)
            new_call = _merge_normalizer(m, new_call, active, f)
            if new_call is not call:
                edits.append((call, new_call))
        params = dict(f.new_params) if f.name in m.funcs else {}
        fwd = []
        for callee, call, items in f.sites:
            g = m.funcs.get(callee)
            if g is None or g.unresolved or not g.new_params:
                continue
            passed = {p: cst.Name(p) for p in g.new_params if p not in g.switches}
            passed.update(g.switch_args.get(id(call), {}))
            if passed:
                fwd.append((call, passed))
        if not edits and not removable and not params and not fwd:
            f.accepted = f.incoming is not None
            continue
        parts = []
        if edits:
            parts.append(f"{len(edits)} call(s) get their arg_scope settings")
        if removable:
            parts.append(f"{sum(len(d) for _, d in removable)} arg_scope(s) removed")
        if params:
            parts.append("new keyword parameter(s) " + ", ".join(f"{k}={v}" for k, v in params.items()))
        if f.switches:
            parts.append(f"its callers' arg_scopes disagree on {', '.join(f.switches)}: now "
                         + ("parameters" if len(f.switches) > 1 else "a parameter") + ", which the callers that differ pass")
        if not fctx.change(f.node, f"{f.name}(): " + "; ".join(parts)):
            continue
        f.accepted = True
        for call, new_call in edits:
            calls[id(call)] = new_call
        for with_node, drop in removable:
            with_items[id(with_node)] = [i.node for i in drop]
        if params:
            new_params[id(f.node)] = params
        for call, p in fwd:
            forwards[id(call)] = p
    for fn in m.opaque:
        if m.defs.get(fn.name.value) is not fn:
            continue
        ctx.warn(fn, f"{fn.name.value}() builds an arg_scope this rule cannot read (it depends on more than "
                     "its parameters' defaults); what it governs is left as it is")
    if m.convention and m.convention_targets:
        targets = [t for t in m.convention_targets if m.funcs[t].accepted]
        if targets:
            params = list(dict.fromkeys(p for t in targets for p in m.funcs[t].new_params
                                        if p in m.scope_fns[m.convention][0]))
            where, shown = m.defs.get(m.convention), m.convention
            if m.unit_of[m.convention] is not m.home:  # entered through a name of this module
                alias = next(n for n, (e, _) in m.home.aliases.items()
                             if m.home.resolve(e, m.scope_fns, m.prefixes) == m.convention)
                where = m.home.aliases[alias][1]
                shown = f"{alias}() (= {m.convention.replace(':', '.')})"
            else:
                shown = f"{shown}()"
            ctx.warn(where,
                     f"{shown} is taken as the scope callers enter around "
                     f"{', '.join(t + '()' for t in targets)}: its settings are written into them"
                     + (f", its parameters ({', '.join(params)}) are now theirs" if params else "")
                     + (f"; fixed at the default: {', '.join(f'{n}={d}' for n, d in m.fixed[m.convention])}"
                        if m.fixed.get(m.convention) else "")
                     + "; after slim-to-layers, entering it no longer changes them")
    if not (calls or with_items or new_params or forwards):
        return ctx.module
    module = transform(ctx.module, _Editor(calls, forwards, with_items, new_params))
    needed = set().union(*(f.imports for f in funcs if f.accepted and f.unit is m.home))
    return add_imports(module, sorted(needed)) if needed else module


def _keeps(m: _Module, f: Func, with_node: cst.With, item: Item) -> str:
    """Why ``item`` must stay: calls in its body it may govern at run time."""
    inside = _ids_inside(with_node)
    for call, _, items in f.governed:
        if id(call) in inside and any(i.scope is None for i in items):
            return "an arg_scope around or inside it is not known here, so the calls it governs stay as they are"
        if id(call) in inside and any(a.star == "**" for a in call.args):
            return f"{slim.code(call.func)}(..., **{slim.code(next(a.value for a in call.args if a.star == '**'))}) " \
                   "may or may not give what it sets"
    for call, _ in f.unknown:
        if id(call) in inside:
            return f"its body calls {slim.code(call.func)}() from another module, which may call the ops it lists"
    body = _ids_inside(with_node.body)  # the with's own items are not in it
    for call, kind, _ in f.unseen:
        if id(call) in body and m.blind_matters(kind):
            if kind and m.method(kind) is not None:
                return f"its body calls {slim.code(call.func)}(), a method that may call the ops it lists (settings " \
                       "are written into module functions, not methods)"
            return f"its body calls {slim.code(call.func)}(), code tf1to2 cannot follow, which may call the ops it " \
                   "lists at run time"
    for callee, call, _ in f.sites:
        if id(call) in inside and callee in m.funcs and m.funcs[callee].unresolved:
            return f"its body calls {slim.code(call.func)}(), whose settings are not resolved " \
                   f"({m.funcs[callee].unresolved})"
    # what reads the arg_scope stack at run time sees this scope's settings in it: a scope
    # object (``as sc``) of this item, of a later item of the same ``with`` or of an
    # arg_scope inside it; current_arg_scope() in its body or in a function it calls
    read = _names_read(f.node)
    position = next(k for k, n in enumerate(with_node.items) if n is item.node)
    after = {id(n) for n in with_node.items[position:]}  # this item and the with's later ones
    later = [i for _, items in f.withs for i in items if id(i.node) in body or id(i.node) in after]
    for i in later:
        if i.node.asname is not None and isinstance(i.node.asname.name, cst.Name) and i.node.asname.name.value in read:
            name = i.node.asname.name.value
            where = "an arg_scope inside it" if id(i.node) in body else "a later arg_scope of this with"
            return f"the scope object {name} is used" if i is item else \
                f"the scope object {name} of {where} is used, and holds its settings too"
    for call in f.stack_reads:
        if id(call) in inside:
            return f"{slim.code(call.func)}() in its body reads the arg_scope stack, which holds its settings"
    readers = m.callers_of({n for n, f in m.funcs.items() if f.stack_reads})  # current_arg_scope()'s
    for callee, call in f.called:
        if id(call) in inside and callee in readers:
            return f"its body calls {slim.code(call.func)}(), which reads the arg_scope stack " \
                   "(current_arg_scope()), which holds its settings"
    return ""


def _ids_inside(node: cst.CSTNode) -> set[int]:
    return {id(n) for n in nodes_of(node, cst.CSTNode)}


def _names_read(fn: cst.FunctionDef) -> set[str]:
    names: set[str] = set()

    class _V(Visitor):
        def visit_AsName(self, node):
            return False

        def visit_Name(self, node):
            names.add(node.value)

    walk(fn.body, _V())
    return names


def _merge_normalizer(m: _Module, call: cst.Call, active: Scope, f: Func) -> cst.Call:
    norm = slim.kwarg(call, "normalizer_fn")
    if norm is None:
        return call
    nkey = m.norm_key(norm.value, f)
    settings = active.get(nkey or "", {})
    if not settings:
        return call
    params = slim.kwarg(call, "normalizer_params")
    explicit = params.value if params is not None else None
    if isinstance(explicit, cst.Name) and f.name in m.assigns:
        resolved = m.assigns[f.name].get(explicit.value)
        explicit = resolved if isinstance(resolved, cst.Dict) else explicit
    if isinstance(explicit, cst.Name) and explicit.value == "None":
        explicit = None
    elements = []
    given = set()
    if isinstance(explicit, cst.Dict):
        given = {e.key.evaluated_value for e in explicit.elements
                 if isinstance(e, cst.DictElement) and isinstance(e.key, cst.SimpleString)}
    for kw, value in settings.items():
        if kw not in given:
            elements.append(cst.DictElement(cst.SimpleString(repr(kw)), value.expr))
    if not elements:
        return call
    if isinstance(explicit, cst.Dict):
        elements += list(explicit.elements)
    elif explicit is not None:
        elements.append(cst.StarredDictElement(explicit))
    merged = cst.Dict([e.with_changes(comma=cst.MaybeSentinel.DEFAULT) for e in elements])
    args = [a for a in call.args if a is not params]
    args.append(cst.Arg(value=merged, keyword=cst.Name("normalizer_params"),
                        equal=cst.AssignEqual(whitespace_before=cst.SimpleWhitespace(""),
                                              whitespace_after=cst.SimpleWhitespace(""))))
    return call.with_changes(args=rebuild_args(call, args))


class _Editor(Transformer):
    def __init__(self, calls, forwards, with_items, new_params) -> None:
        self.calls = calls
        self.forwards = forwards
        self.with_items = with_items
        self.new_params = new_params

    def leave_Call(self, original, updated):
        new = self.calls.get(id(original))
        if new is not None:
            updated = updated.with_changes(args=new.args)
        fwd = self.forwards.get(id(original))
        if fwd:
            given = {a.keyword.value for a in updated.args if a.keyword is not None}
            args = list(updated.args) + [
                cst.Arg(value=value, keyword=cst.Name(p),
                        equal=cst.AssignEqual(whitespace_before=cst.SimpleWhitespace(""),
                                              whitespace_after=cst.SimpleWhitespace("")))
                for p, value in fwd.items() if p not in given]
            updated = updated.with_changes(args=rebuild_args(updated, args))
        return updated

    def leave_FunctionDef(self, original, updated):
        params = self.new_params.get(id(original))
        if not params:
            return updated
        p = updated.params
        new = [cst.Param(cst.Name(n), default=cst.parse_expression(d),
                         equal=cst.AssignEqual(whitespace_before=cst.SimpleWhitespace(""),
                                               whitespace_after=cst.SimpleWhitespace("")))
               for n, d in params.items()]
        if isinstance(p.star_arg, cst.Param) or p.kwonly_params:
            return updated.with_changes(params=p.with_changes(kwonly_params=[*p.kwonly_params, *new]))
        return updated.with_changes(params=p.with_changes(params=_laid_out(p.params, new)))

    def leave_With(self, original, updated):
        drop = self.with_items.get(id(original))
        if not drop:
            return updated
        keep = [u for o, u in zip(original.items, updated.items) if o not in drop]
        if keep:
            keep[-1] = keep[-1].with_changes(comma=cst.MaybeSentinel.DEFAULT)
            return updated.with_changes(items=keep)
        body = updated.body
        if isinstance(body, cst.IndentedBlock):
            stmts = list(body.body)
            if updated.leading_lines and stmts:
                stmts[0] = stmts[0].with_changes(leading_lines=[*updated.leading_lines, *stmts[0].leading_lines])
            return cst.FlattenSentinel(stmts)
        return cst.FlattenSentinel([cst.SimpleStatementLine(body=list(body.body))])


def _laid_out(existing, new):
    if not existing:
        return new
    last = existing[-1]
    between = existing[-2].comma if len(existing) >= 2 and isinstance(existing[-2].comma, cst.Comma) else \
        cst.Comma(whitespace_after=cst.SimpleWhitespace(" "))
    out = list(existing[:-1]) + [last.with_changes(comma=between)]
    for i, p in enumerate(new):
        out.append(p.with_changes(comma=between if i < len(new) - 1 else (
            last.comma if isinstance(last.comma, cst.Comma) else cst.MaybeSentinel.DEFAULT)))
    return out
