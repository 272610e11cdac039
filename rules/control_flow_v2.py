"""What TF1 graph code does in control flow that TensorFlow 2 builds as a function (control
flow v2: a branch of ``tf.cond``, the body of ``tf.while_loop``, the function of
``tf.map_fn`` & co), where it no longer works: tensors hashed there, batch-norm updates
made there. ``tf-api`` warns at each (``Hazard.message``); this module finds them.

The updates: a batch norm trained in a branch (``tf.cond(is_training, lambda:
bn(x, training=True), lambda: bn(x, training=False, reuse=True))``, TF1's old idiom)
adds ops made in the branch function to ``UPDATE_OPS``, which a training step's
``control_dependencies`` cannot use ("is not an element of this graph"). Found: the v1
layer's ``batch_normalization`` and slim's ``batch_norm`` training there (slim's with
``updates_collections=None`` updates in place, and is not), and ``add_to_collection(s)``
of ``UPDATE_OPS`` there.

TF1 built control flow in the graph itself (control flow v1), where a tensor is hashable,
so TF1 code keys dicts by tensors freely (stable-baselines' K-FAC optimizer maps each
eigendecomposition it makes in a ``tf.cond`` branch back to its variable:
``eigen_reverse_lookup[eigen_values] = ...``). TensorFlow 2 builds those branches as
functions (control flow v2), even in a ``tf.Graph`` run by a ``Session``, and a tensor made
in a function cannot be hashed: ``TypeError: Tensor is unhashable``. The name stays valid,
so no renaming fixes it, and keying by ``tensor.ref()`` changes every place that reads the
keys back, which a rule cannot see: the line is warned, with the ways out (``.ref()`` /
``.deref()``; the graph a ``tf1to2.Graph``, TF1's graph, which tf-api makes of every
``tf.Graph()`` the code makes, so that code running only there is fine, as
stable-baselines' ACKTR is; or ``tf.compat.v1.disable_control_flow_v2()`` at the program's
entry point, which builds TF1's control flow again, for the whole process). The warning
stays where the graph is TF1's: the same code run on another graph (the default one,
never reset) would raise, and the rule cannot see which graph runs it.

What counts:

- the code: the callables handed to the control-flow functions (a lambda, a function of
  the module or one defined in the same function, ``self.method``, through
  ``functools.partial``), and the functions and methods of the same class they call, as
  far as calls by name and ``self.name`` reach;
- a tensor: a local name every binding of which, in that function, is a TensorFlow call
  (not one that makes a variable: variables made in a graph stay hashable), an item of
  one (``eigh(x)[0]``), or an unpacking of one (``e, v = tf.linalg.eigh(x)``);
- hashing it: a subscript with it alone into a dict (``self.lookup[t]``, ``{...}[t]``,
  ``d[t]`` where the function, or one around it, binds ``d`` only to dicts or sets it
  makes; stored or read:
  not ``x[t]`` into a parameter or a tensor, which gathers, nor ``x[:, t]``), an ``in`` /
  ``not in`` test
  of it, a dict display key or set display element, and ``.add`` / ``.get`` /
  ``.setdefault`` / ``.pop`` / ``.discard`` with it first.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Optional

import libcst as cst

from rules.aliases import TFVisitor, dotted_parts
from rules.edit import code
from rules.visitors import Visitor, walk

# the control-flow functions whose callables TensorFlow 2 builds as functions
CONTROL_FLOW = frozenset({"cond", "while_loop", "case", "switch_case", "map_fn", "scan", "foldl", "foldr"})
# where a module can reach one: read as an attribute (``tf.cond``, ``control_flow_ops.cond``)
# or imported by name (``from tensorflow import cond``, in parentheses or not); a module
# whose only ``cond`` is a local name (``cond = x > 0``, ``if cond:``) has no control flow
# call for ``find`` to follow
NEEDLE = re.compile(r"(\.\s*|\bimport\b(?:[^\n(\\]|\\\n)*\b|\bimport\s*\([^)]*\b)(" + "|".join(sorted(CONTROL_FLOW)) + r")\b")
_VARIABLE_MAKERS = frozenset({"get_variable", "Variable", "get_local_variable", "model_variable", "variable"})
_HASHING_METHODS = frozenset({"add", "get", "setdefault", "pop", "discard"})


_WHY = ("TensorFlow 2 builds control flow as functions (control flow v2), in a tf.Graph run by a Session too "
        "(not in the shim's tf1to2.Graph, TF1's graph, which tf-api makes of each tf.Graph() the code makes), "
        "and {what}")
_OR_TF1 = ("build the graph in a tf1to2.Graph, or call tf.compat.v1.disable_control_flow_v2() at the program's "
           "entry point (TF1's control flow, for the whole process)")


@dataclass
class Hazard:
    node: cst.CSTNode  # where the tensor is hashed, or the call filling UPDATE_OPS
    name: str  # the tensor's local name, or what fills UPDATE_OPS (``tf.layers.batch_normalization``)
    flow: str  # the control-flow function (``tf.compat.v1.cond``)
    flow_node: cst.Call  # its call
    kind: str = "hash"  # or "updates": batch-norm updates (UPDATE_OPS) made there

    def message(self, flow_line: int) -> str:
        """What tf-api says at the line (the control-flow call at ``flow_line``)."""
        flow = f"{code(self.flow_node.func)}() (line {flow_line})"
        if self.kind == "updates":
            return (f"{self.name}() adds its updates to UPDATE_OPS in a branch or body of {flow}: "
                    + _WHY.format(what="ops made in a function cannot be run from the graph (a training step's "
                                  "control_dependencies on UPDATE_OPS raises: not an element of this graph), as "
                                  "TF1's could")
                    + ". Give the layer the training flag as a tensor (training=is_training) instead of choosing "
                      "between calls with a cond, or " + _OR_TF1)
        return (f"{self.name} is a tensor made in a branch or body of {flow}, hashed here (a dict key, a set member "
                "or an `in` test): " + _WHY.format(what="a tensor made in a function cannot be hashed (TypeError: "
                                                 "Tensor is unhashable), as it could in TF1's graph")
                + f". Key by {self.name}.ref() (and .deref() the keys read back), or " + _OR_TF1)


@dataclass
class _Function:
    node: cst.CSTNode  # FunctionDef or Lambda
    cls: Optional[str]  # the class it is a method of
    tensors: dict = field(default_factory=dict)  # name → all its bindings are tensors
    calls: set = field(default_factory=set)  # ("name", n) / ("self", n) it calls
    mappings: dict = field(default_factory=dict)  # name → all its bindings are dicts or sets it makes
    # (node, name hashed, the local name a subscript indexes, which must be a mapping, or None)
    hashing: list = field(default_factory=list)
    updates: list = field(default_factory=list)  # (call, what) that put ops in UPDATE_OPS
    parent: Optional["_Function"] = None  # the function it is defined in

    def mapping(self, name: str) -> bool:
        """``name`` is a dict or set made here, or in a function around it (a closure) where
        it is not bound here."""
        f = self
        while f is not None:
            if name in f.mappings:
                return f.mappings[name]
            f = f.parent
        return False


class _Survey(TFVisitor):
    """Every function (and lambda) of the module: the tensors it binds, what it calls by
    name or ``self.name``, where it hashes a name; and every control-flow call with the
    callables it is handed."""

    def __init__(self, ctx, class_of: dict) -> None:
        super().__init__(ctx)
        self.class_of = class_of  # id(FunctionDef) → the class whose body holds it
        self.functions: dict[int, _Function] = {}
        self.by_name: dict[str, list] = {}  # name → [_Function] of functions not methods (nested too)
        self.methods: dict[tuple, _Function] = {}  # (class, method) → _Function
        self.stack: list[_Function] = []
        self.flows: list = []  # (call, canonical name, [callable expressions], enclosing _Function or None)

    # -- structure
    def visit_FunctionDef(self, node: cst.FunctionDef) -> None:
        cls = self.class_of.get(id(node))
        # (a function nested in a method sees its ``self``)
        f = _Function(node, cls or (self.stack[-1].cls if self.stack else None),
                      parent=self.stack[-1] if self.stack else None)
        self.functions[id(node)] = f
        if cls is not None:
            self.methods[(cls, node.name.value)] = f
        else:
            self.by_name.setdefault(node.name.value, []).append(f)
        self.stack.append(f)

    def leave_FunctionDef(self, node: cst.FunctionDef) -> None:
        self.stack.pop()

    def visit_Lambda(self, node: cst.Lambda) -> None:
        f = _Function(node, self.stack[-1].cls if self.stack else None, parent=self.stack[-1] if self.stack else None)
        self.functions[id(node)] = f
        self.stack.append(f)

    def leave_Lambda(self, node: cst.Lambda) -> None:
        self.stack.pop()

    # -- what a function binds, calls and hashes
    def visit_Assign(self, node: cst.Assign) -> None:
        if not self.stack:
            return
        f = self.stack[-1]
        made, mapping = self._tensor(node.value), _mapping(node.value)
        for target in node.targets:
            t = target.target
            names = [t] if isinstance(t, cst.Name) else [e.value for e in t.elements] if isinstance(
                t, (cst.Tuple, cst.List)) else []
            for n in names:
                if isinstance(n, cst.Name):
                    f.tensors[n.value] = f.tensors.get(n.value, True) and made
                    f.mappings[n.value] = f.mappings.get(n.value, True) and mapping and n is t

    def _other_binding(self, name: cst.BaseExpression) -> None:
        if self.stack and isinstance(name, cst.Name):
            self.stack[-1].tensors[name.value] = False
            self.stack[-1].mappings[name.value] = False

    def visit_For(self, node: cst.For) -> None:
        for n in _names(node.target):
            self._other_binding(n)

    def visit_AugAssign(self, node: cst.AugAssign) -> None:
        self._other_binding(node.target)

    def visit_Param(self, node: cst.Param) -> None:
        self._other_binding(node.name)

    def visit_WithItem(self, node: cst.WithItem) -> None:
        if node.asname is not None:
            for n in _names(node.asname.name):
                self._other_binding(n)

    def _tensor(self, expr: cst.BaseExpression) -> bool:
        """A TensorFlow call (not one making a variable), or an item of one / of a tensor name."""
        while isinstance(expr, cst.Subscript):
            expr = expr.value
            if isinstance(expr, cst.Name) and self.stack and self.stack[-1].tensors.get(expr.value):
                return True
        if not isinstance(expr, cst.Call):
            return False
        q = self.qualify(expr.func)
        return q is not None and q.rpartition(".")[2] not in _VARIABLE_MAKERS

    def visit_Call(self, node: cst.Call) -> None:
        parts = dotted_parts(node.func)
        if self.stack and parts:
            if len(parts) == 1:
                self.stack[-1].calls.add(("name", parts[0]))
            elif len(parts) == 2 and parts[0] == "self":
                self.stack[-1].calls.add(("self", parts[1]))
            if len(parts) >= 2 and parts[-1] in _HASHING_METHODS and node.args and node.args[0].keyword is None:
                self._hashed(node.args[0].value, node)
        q = self.qualify(node.func)
        if self.stack and q is not None and q.startswith(("tf.", "tf_slim.")) and _fills_update_ops(q, node):
            self.stack[-1].updates.append((node, dotted_name_of(node.func)))
        if q is not None and q.startswith("tf.") and q.rpartition(".")[2] in CONTROL_FLOW:
            callables = [a.value for a in node.args if isinstance(a.value, (cst.Lambda, cst.Name, cst.Attribute, cst.Call))]
            # (``case`` takes pairs and a default: their callables are in tuples and lists too)
            for a in node.args:
                if isinstance(a.value, (cst.List, cst.Tuple, cst.Dict)):
                    callables += _callables_in(a.value)
            self.flows.append((node, q, callables, self.stack[-1] if self.stack else None))

    def visit_Subscript(self, node: cst.Subscript) -> None:
        # ``d[t]``: one index, into a dict: an attribute (``self.lookup``), a dict display, or
        # a local name only ever bound to a dict or set the function makes (``x[t]``
        # gathers from a tensor x, ``x[:, t]`` slices it; a parameter may be either)
        if len(node.slice) == 1 and isinstance(node.slice[0].slice, cst.Index):
            self._hashed(node.slice[0].slice.value, node, node.value)

    def visit_Comparison(self, node: cst.Comparison) -> None:
        if any(isinstance(c.operator, (cst.In, cst.NotIn)) for c in node.comparisons):
            self._hashed(node.left, node)

    def visit_DictElement(self, node: cst.DictElement) -> None:
        self._hashed(node.key, node)

    def visit_Set(self, node: cst.Set) -> None:
        for e in node.elements:
            self._hashed(e.value, node)

    def _hashed(self, expr: cst.BaseExpression, where: cst.CSTNode, into: Optional[cst.BaseExpression] = None) -> None:
        """``into``: what a subscript indexes (None for the other ways of hashing)."""
        if not (self.stack and isinstance(expr, cst.Name)):
            return
        if into is None or isinstance(into, (cst.Attribute, cst.Dict, cst.DictComp)):
            self.stack[-1].hashing.append((where, expr.value, None))
        elif isinstance(into, cst.Name):
            self.stack[-1].hashing.append((where, expr.value, into.value))


_MAPPING_CALLS = frozenset({"dict", "set", "defaultdict", "OrderedDict", "Counter"})
# calls that put ops in UPDATE_OPS (canonical name → the parameter saying whether they
# train, and its default: batch norm moves its averages only then)
_UPDATE_FILLERS = {"tf.compat.v1.layers.batch_normalization": ("training", False),
                   "tf_slim.batch_norm": ("is_training", True), "tf_slim.layers.batch_norm": ("is_training", True),
                   "tf.compat.v1.add_to_collection": (None, None), "tf.compat.v1.add_to_collections": (None, None)}


def _fills_update_ops(q: str, call: cst.Call) -> bool:
    """``call`` (of canonical ``q``) puts ops in UPDATE_OPS: a batch norm that trains (its
    training argument not literally False, or absent where it defaults to training; slim's
    not told ``updates_collections=None``), or ``add_to_collection(s)`` of UPDATE_OPS."""
    if q not in _UPDATE_FILLERS:
        return False
    param, default = _UPDATE_FILLERS[q]
    if param is None:
        return bool(call.args) and "UPDATE_OPS" in (dotted_name_of(call.args[0].value) or "")
    def keyword(name):
        return next((a.value for a in call.args if a.keyword is not None and a.keyword.value == name), None)

    collection = keyword("updates_collections")  # (slim's None: the updates run in place, in the branch)
    if isinstance(collection, cst.Name) and collection.value == "None":
        return False
    given = keyword(param)
    if given is None:
        return default
    return not (isinstance(given, cst.Name) and given.value == "False")


def dotted_name_of(expr: cst.BaseExpression) -> str:
    parts = dotted_parts(expr)
    return ".".join(parts) if parts else ""


def _mapping(expr: cst.BaseExpression) -> bool:
    """A dict or set the code makes: a display, a comprehension, ``dict()`` & co."""
    if isinstance(expr, (cst.Dict, cst.DictComp, cst.Set, cst.SetComp)):
        return True
    if isinstance(expr, cst.Call):
        parts = dotted_parts(expr.func)
        return bool(parts) and parts[-1] in _MAPPING_CALLS
    return False


def _names(target: cst.BaseExpression) -> list:
    if isinstance(target, cst.Name):
        return [target]
    if isinstance(target, (cst.Tuple, cst.List)):
        return [n for e in target.elements for n in _names(e.value)]
    return []


def _callables_in(expr: cst.BaseExpression) -> list:
    """The callables in a list, tuple or dict handed to a control-flow call (``tf.case``'s
    ``[(pred, fn), ...]`` or ``{pred: fn}``, ``switch_case``'s branches)."""
    out = []
    for e in getattr(expr, "elements", []):
        if isinstance(e.value, (cst.Lambda, cst.Name, cst.Attribute)):
            out.append(e.value)
        elif isinstance(e.value, (cst.Tuple, cst.List)):
            out += _callables_in(e.value)
    return out


class _ClassBodies(Visitor):
    """id(FunctionDef) → its class, for the functions a class body holds directly."""

    def __init__(self) -> None:
        super().__init__()
        self.of: dict = {}

    def visit_ClassDef(self, node: cst.ClassDef) -> None:
        for stmt in node.body.body:
            if isinstance(stmt, cst.FunctionDef):
                self.of[id(stmt)] = node.name.value


def find(ctx) -> list:
    """Every place the module hashes a tensor, or puts batch-norm updates in UPDATE_OPS,
    in code a control-flow call builds (as ``Hazard``), in source order."""
    if not NEEDLE.search(ctx.code):
        return []
    classes = _ClassBodies()
    walk(ctx.module, classes)
    survey = _Survey(ctx, classes.of)
    walk(ctx.module, survey)
    found: dict = {}
    for call, flow, callables, around in survey.flows:
        todo = [f for c in callables for f in _targets(c, around, survey)]
        seen: set = set()
        while todo:
            f = todo.pop()
            if id(f.node) in seen:
                continue
            seen.add(id(f.node))
            for where, name, into in f.hashing:
                line = (ctx.line(where), name)
                if f.tensors.get(name) and (into is None or f.mapping(into)) and line not in found:
                    found[line] = Hazard(where, name, flow, call)
            for where, what in f.updates:
                found.setdefault((ctx.line(where), what), Hazard(where, what, flow, call, "updates"))
            for kind, name in f.calls:
                if kind == "self" and (f.cls, name) in survey.methods:
                    todo.append(survey.methods[(f.cls, name)])
                elif kind == "name":
                    todo += survey.by_name.get(name, [])
    return sorted(found.values(), key=lambda h: ctx.line(h.node))


def _targets(expr: cst.BaseExpression, around: Optional[_Function], survey: _Survey) -> list:
    """The functions a callable expression handed to a control-flow call runs."""
    if isinstance(expr, cst.Call):  # functools.partial(f, ...)
        parts = dotted_parts(expr.func)
        if parts and parts[-1] == "partial" and expr.args:
            return _targets(expr.args[0].value, around, survey)
        return []
    if isinstance(expr, cst.Lambda):
        f = survey.functions.get(id(expr))
        return [f] if f is not None else []
    parts = dotted_parts(expr)
    if not parts:
        return []
    if len(parts) == 1:
        return survey.by_name.get(parts[0], [])
    if len(parts) == 2 and parts[0] == "self" and around is not None and around.cls is not None:
        f = survey.methods.get((around.cls, parts[1]))
        return [f] if f is not None else []
    return []
