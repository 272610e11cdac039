"""Walking the forward pass of a TF1-style layer: which methods are decorated with
``track_tf1_style_variables``, which ``variable_scope`` each call runs in, whether it
runs in a loop or a branch, and what a call's arguments depend on. Shared by
``layers-to-attributes`` and ``keras-layers``. Also the TensorFlow facts several rules
read: which calls build Keras objects, which make TF1 sessions and graphs.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Optional, Union

import libcst as cst

from rules.aliases import TFVisitor, canonicalize, dotted_parts
from rules.edit import literal_value, module_imports, nodes_of
from rules.visitors import Visitor, walk

DECORATOR = "track_tf1_style_variables"
GET_OR_CREATE_LAYER = "get_or_create_layer"  # the guide's maker of nested Keras objects
VARIABLE_SCOPE = "tf.compat.v1.variable_scope"
AUTO_REUSE = ("tf.compat.v1.AUTO_REUSE",)
# Keras layer, Model and Sequential classes (canonical name prefixes): built in a forward
# pass, they are new (with new weights, where they own any) on every call
KERAS_BUILDERS = ("tf.keras.layers.", "tf.keras.Model", "tf.keras.Sequential", "tf.keras.models.",
                  "tf.compat.v1.keras.layers.", "tf.compat.v1.keras.Model", "tf.compat.v1.keras.Sequential",
                  "tf.compat.v1.keras.models.")


# Keras layers that own no weights (class names): no checkpoint names them
WEIGHTLESS_LAYERS = frozenset({
    "Dropout", "SpatialDropout1D", "SpatialDropout2D", "SpatialDropout3D", "GaussianNoise", "GaussianDropout",
    "AlphaDropout", "Activation", "ReLU", "LeakyReLU", "ELU", "Softmax", "ThresholdedReLU", "Flatten", "Reshape",
    "Permute", "RepeatVector", "Lambda", "Concatenate", "Add", "Subtract", "Multiply", "Average", "Maximum",
    "Minimum", "Dot", "Masking", "Identity", "InputLayer", "ActivityRegularization", "Cropping1D", "Cropping2D",
    "Cropping3D", "ZeroPadding1D", "ZeroPadding2D", "ZeroPadding3D", "UpSampling1D", "UpSampling2D", "UpSampling3D",
    *(f"{kind}Pooling{d}D" for kind in ("Max", "Average", "GlobalMax", "GlobalAverage") for d in (1, 2, 3)),
    *(f"{kind}Pool{d}D" for kind in ("Max", "Avg", "GlobalMax", "GlobalAvg") for d in (1, 2, 3)),
})


# TF1 sessions, and what builds or reads a TF1 graph wherever it runs (canonical names)
SESSIONS = frozenset(f"tf.compat.v1.{name}" for name in (
    "Session", "InteractiveSession", "train.MonitoredTrainingSession", "train.MonitoredSession",
    "train.SingularMonitoredSession"))
PLACEHOLDERS = frozenset(f"tf.compat.v1.{name}" for name in (
    "placeholder", "placeholder_with_default", "sparse_placeholder"))
GRAPH_BUILDERS = SESSIONS | PLACEHOLDERS | {"tf.compat.v1.get_default_graph", "tf.compat.v1.Graph"}

# TF1's RNN cells: the public names of tf.nn.rnn_cell (TensorFlow 1.15), all of which the
# shim's tf1to2.rnn_cell has (tests/test_shim.py checks its NAMES are these), and the RNN
# functions that run a cell, which makes its variables through the variable scope
RNN_CELL = "tf.compat.v1.nn.rnn_cell"
RNN_CELL_NAMES = frozenset({"BasicLSTMCell", "BasicRNNCell", "DeviceWrapper", "DropoutWrapper", "GRUCell",
                            "LSTMCell", "LSTMStateTuple", "MultiRNNCell", "ResidualWrapper", "RNNCell"})
RNN_FUNCTIONS = ("dynamic_rnn", "static_rnn", "bidirectional_dynamic_rnn", "static_bidirectional_rnn",
                 "static_state_saving_rnn", "raw_rnn")

# The topic (``rules.base.Finding``) of warnings about code left as it is because a TF1
# graph runs it: training-step's one warning at a session loop stands for them there.
GRAPH_TOPIC = "tf1-graph"
# how to make a TF1 graph run under TF2's eager default, after "build it" (tf-api's
# warning, training-step's), and what each way keeps: a tf.Graph of TF2 has resource
# variables and control flow v2, which gpflow 1.5's ScipyOptimizer (it feeds its
# variables) and its SVGP training (gradients through a map_fn a session ran) do not
# survive, silently for the first; the shim's tf1to2.Graph (what tf-api makes of
# tf.Graph()) gives TF1's control flow, disable_v2_behavior() TF1's variables too
# (tests/test_tf_api.py)
GRAPH_ADVICE = ("inside `with tf1to2.Graph().as_default():` (TF1's control flow, what tf-api makes of tf.Graph(): "
                "in TF2's tf.Graph a gradient taken through a while loop a session already ran fails; the variables "
                "are TF2's in both: feeding a variable through feed_dict changes no read of it but the fed one), "
                "or call tf.compat.v1.disable_v2_behavior() at the program's entry point (TF1's variables and "
                "control flow, for the whole process)")


# reading a graph collection: ``get_collection(key, scope)`` / ``get_collection_ref(key)``
GET_COLLECTION = ("tf.compat.v1.get_collection", "tf.compat.v1.get_collection_ref")


def collection_read(call: cst.Call, qualify) -> Optional[str]:
    """``UPDATE_OPS`` for ``get_collection(tf.GraphKeys.UPDATE_OPS)`` (a key spelled through
    TensorFlow, or a string), with ``"scope"`` appended when it filters by scope."""
    if not call.args or (call.args[0].keyword is not None and call.args[0].keyword.value != "key"):
        return None
    key = call.args[0].value
    name = None
    q = qualify(key)
    if q is not None and q.startswith("tf.compat.v1.GraphKeys."):
        name = q.rsplit(".", 1)[1]
    elif isinstance(key, cst.SimpleString):
        name = {"update_ops": "UPDATE_OPS", "regularization_losses": "REGULARIZATION_LOSSES",
                "trainable_variables": "TRAINABLE_VARIABLES", "variables": "GLOBAL_VARIABLES",
                "model_variables": "MODEL_VARIABLES"}.get(
            key.evaluated_value)
    if name is None:
        return None
    return name + (" scope" if len(call.args) > 1 else "")


# the shim's class decorator running a TF1 test case's tests in graph mode (tf-api writes
# it where they build graphs; there a session runs its graph, as under a Graph().as_default())
GRAPH_MODE_TESTS = "tf1to2.graph_mode_tests"


def runs_in_graph_mode(cls: cst.ClassDef) -> bool:
    """A test case decorated with ``GRAPH_MODE_TESTS`` (any spelling of it)."""
    leaf = GRAPH_MODE_TESTS.rsplit(".", 1)[1]
    return any((dotted_parts(d.decorator) or [""])[-1] == leaf for d in cls.decorators)


def in_graph_mode_tests(module: cst.Module) -> set:
    """The ids of every node inside the module's test cases that run in graph mode
    (``runs_in_graph_mode``): there TF1's graph, variables and control flow are in force."""
    return {id(n) for stmt in module.body if isinstance(stmt, cst.ClassDef) and runs_in_graph_mode(stmt)
            for n in nodes_of(stmt, cst.CSTNode)}


def own_graph(call: cst.Call) -> bool:
    """A session given its graph (``Session(graph=g)``): it runs that graph, made
    elsewhere, which TF2's eager default does not touch."""
    return any(a.keyword is not None and a.keyword.value == "graph" for a in call.args)


def is_as_default(expr: cst.BaseExpression) -> bool:
    """``X.as_default()``: a ``with`` item making a graph (or a session's) the default."""
    return isinstance(expr, cst.Call) and isinstance(expr.func, cst.Attribute) and expr.func.attr.value == "as_default"


def saver_given_variables(call: cst.Call) -> bool:
    """A ``Saver(...)`` given its variables (first argument or ``var_list=``): it runs in
    eager code too, where one without has no global variables to save."""
    return any(a.keyword is None or a.keyword.value == "var_list" for a in call.args)


def builds_keras_object(q: Optional[str]) -> bool:
    """Whether a call of ``q`` (a canonical name) builds a Keras layer, Model or Sequential."""
    return q is not None and q.startswith(KERAS_BUILDERS) and q.rpartition(".")[2][:1].isupper()

# What may run its body many times: loops and comprehensions
LOOPS = (cst.For, cst.While, cst.ListComp, cst.SetComp, cst.DictComp, cst.GeneratorExp)
Loop = Union[LOOPS]


def is_tracked(fn: cst.FunctionDef) -> bool:
    """``@track_tf1_style_variables`` however it was reached (tf1to2, tf.compat.v1.keras.utils)."""
    for d in fn.decorators:
        parts = dotted_parts(d.decorator)
        if parts and parts[-1] == DECORATOR:
            return True
    return False


@dataclass
class ScopeFrame:
    """One ``with variable_scope(...)``: its literal name (None when it is computed at
    run time) and whether it reuses variables."""

    name: Optional[str]
    reuse: bool
    node: cst.With


@dataclass
class Site:
    """Where a call in a decorated method sits."""

    method: cst.FunctionDef
    scopes: tuple[ScopeFrame, ...]
    loops: tuple[cst.CSTNode, ...]
    branches: tuple[cst.CSTNode, ...]  # if / try / conditional expressions around it
    statement: Optional[cst.BaseStatement]  # the innermost statement holding it
    nested_function: bool

    @property
    def scope_path(self) -> Optional[tuple[str, ...]]:
        """The static variable-scope path, or None when a scope name is computed."""
        if any(f.name is None for f in self.scopes):
            return None
        return tuple(f.name for f in self.scopes)  # type: ignore[misc]

    @property
    def reusing(self) -> bool:
        return any(f.reuse for f in self.scopes)


class ForwardPassVisitor(TFVisitor):
    """Walks classes; inside a method decorated with ``track_tf1_style_variables`` it
    calls ``on_call(call, site)`` for every call, in the order they run (arguments
    before the call that takes them)."""

    def __init__(self, ctx) -> None:
        super().__init__(ctx)
        self.classes: list[cst.ClassDef] = []
        self.method: Optional[cst.FunctionDef] = None
        self.scopes: list[ScopeFrame] = []
        self.loops: list[cst.CSTNode] = []
        self.branches: list[cst.CSTNode] = []
        self.statements: list[cst.BaseStatement] = []
        self.function_depth = 0

    # -- structure
    def visit_ClassDef(self, node: cst.ClassDef) -> None:
        self.classes.append(node)

    def leave_ClassDef(self, node: cst.ClassDef) -> None:
        self.classes.pop()

    def visit_FunctionDef(self, node: cst.FunctionDef) -> None:
        if self.method is None:
            if self.classes and node in _methods(self.classes[-1]) and is_tracked(node):
                self.method = node
                self.on_method(self.classes[-1], node)
        else:
            self.function_depth += 1

    def leave_FunctionDef(self, node: cst.FunctionDef) -> None:
        if self.method is node:
            self.method = None
        elif self.method is not None:
            self.function_depth -= 1

    def visit_Lambda(self, node: cst.Lambda) -> None:
        if self.method is not None:
            self.function_depth += 1

    def leave_Lambda(self, node: cst.Lambda) -> None:
        if self.method is not None:
            self.function_depth -= 1

    def on_visit(self, node: cst.CSTNode) -> bool:
        result = super().on_visit(node)
        if self.method is not None:
            if isinstance(node, LOOPS):
                self.loops.append(node)
            elif isinstance(node, (cst.If, cst.Try, cst.IfExp, cst.BooleanOperation)):
                self.branches.append(node)
            if isinstance(node, cst.BaseStatement) and node is not self.method:
                self.statements.append(node)
        return result

    def on_leave(self, original_node: cst.CSTNode) -> None:
        if self.method is not None:
            if self.loops and self.loops[-1] is original_node:
                self.loops.pop()
            if self.branches and self.branches[-1] is original_node:
                self.branches.pop()
            if self.statements and self.statements[-1] is original_node:
                self.statements.pop()
            if self.scopes and self.scopes[-1].node is original_node:
                self.scopes.pop()
        super().on_leave(original_node)

    def visit_With(self, node: cst.With) -> None:
        if self.method is None:
            return
        for item in node.items:
            frame = self._scope_frame(item.item, node)
            if frame is not None:
                self.scopes.append(frame)
                return  # one frame per ``with`` (nested items are rare; the first is the scope)

    def _scope_frame(self, expr: cst.BaseExpression, node: cst.With) -> Optional[ScopeFrame]:
        if not isinstance(expr, cst.Call) or self.qualify(expr.func) != VARIABLE_SCOPE:
            return None
        reuse = False
        positional = [a for a in expr.args if a.keyword is None and not a.star]
        by_kw = {a.keyword.value: a.value for a in expr.args if a.keyword is not None}
        reuse_expr = positional[2].value if len(positional) > 2 else by_kw.get("reuse")
        if reuse_expr is not None:
            lit = literal_value(reuse_expr)
            reuse = lit is True or self.qualify(reuse_expr) in AUTO_REUSE or lit is NotImplemented
        return ScopeFrame(variable_scope_name(expr), reuse, node)

    def leave_Call(self, node: cst.Call) -> None:
        # after its arguments: the order in which the calls run
        if self.method is None:
            return
        site = Site(
            method=self.method,
            scopes=tuple(self.scopes),
            loops=tuple(self.loops),
            branches=tuple(self.branches),
            statement=self.statements[-1] if self.statements else None,
            nested_function=self.function_depth > 0,
        )
        self.on_call(node, site)

    # -- hooks
    def on_method(self, cls: cst.ClassDef, method: cst.FunctionDef) -> None:
        pass

    def on_call(self, call: cst.Call, site: Site) -> None:
        pass


def variable_scope_name(call: cst.Call) -> Optional[str]:
    """The literal name a ``variable_scope(...)`` call opens; None when it is computed
    at run time (a variable, ``default_name=``, which TF uniquifies)."""
    first = next((a.value for a in call.args if a.keyword is None and not a.star), None)
    if first is None:
        first = next((a.value for a in call.args if a.keyword and a.keyword.value == "name_or_scope"), None)
    value = literal_value(first) if first is not None else None
    return value if isinstance(value, str) and value else None


def _methods(cls: cst.ClassDef) -> list[cst.FunctionDef]:
    body = cls.body.body if isinstance(cls.body, cst.IndentedBlock) else ()
    return [s for s in body if isinstance(s, cst.FunctionDef)]


def range_bound(it: cst.BaseExpression) -> Optional[cst.BaseExpression]:
    """N of ``range(N)`` / ``range(0, N)``, the loops whose index is also a list index;
    None for anything else."""
    if not (isinstance(it, cst.Call) and isinstance(it.func, cst.Name) and it.func.value == "range"):
        return None
    if any(a.keyword is not None or a.star for a in it.args):
        return None
    if len(it.args) == 1:
        return it.args[0].value
    if len(it.args) == 2 and literal_value(it.args[0].value) == 0:
        return it.args[1].value
    return None


def find_method(cls: cst.ClassDef, name: str) -> Optional[cst.FunctionDef]:
    for m in _methods(cls):
        if m.name.value == name:
            return m
    return None


class _Names(Visitor):
    """Free names of an expression: every Name that is read, except attribute names,
    keywords and the names a lambda or comprehension inside binds itself."""

    def __init__(self) -> None:
        self.names: set[str] = set()
        self.bound: set[str] = set()
        self.self_attrs: set[str] = set()

    def visit_Attribute(self, node: cst.Attribute) -> bool:
        if isinstance(node.value, cst.Name) and node.value.value == "self":
            self.self_attrs.add(node.attr.value)
            return False
        walk(node.value, self)
        return False

    def visit_Arg(self, node: cst.Arg) -> bool:
        walk(node.value, self)
        return False

    def visit_Lambda(self, node: cst.Lambda) -> None:
        for p in node.params.params:
            self.bound.add(p.name.value)

    def visit_CompFor(self, node: cst.CompFor) -> None:
        for n in target_names(node.target):
            self.bound.add(n)

    def visit_Name(self, node: cst.Name) -> None:
        self.names.add(node.value)


def target_names(target: cst.BaseExpression) -> list[str]:
    """Names an assignment target binds: ``a``, ``(a, [b, *c])``; attributes and
    subscripts bind none."""
    if isinstance(target, cst.Name):
        return [target.value]
    if isinstance(target, (cst.Tuple, cst.List)):
        out = []
        for el in target.elements:
            out += target_names(el.value)
        return out
    if isinstance(target, cst.StarredElement):
        return target_names(target.value)
    return []


class Bindings(Visitor):
    """Names (re)bound anywhere inside a node, nested scopes included: ``assigned`` keeps
    the values of ``name = value`` (a bare name as a target), ``other`` the names bound any
    other way (parameters, loops, ``with ... as``, ``+=``, unpacking, ``:=``, annotations)."""

    def __init__(self) -> None:
        self.assigned: dict[str, list] = {}
        self.other: set[str] = set()

    @property
    def names(self) -> set[str]:
        return set(self.assigned) | self.other

    def visit_Assign(self, node: cst.Assign) -> None:
        for t in node.targets:
            if isinstance(t.target, cst.Name):
                self.assigned.setdefault(t.target.value, []).append(node.value)
            else:
                self.other.update(target_names(t.target))

    def visit_AnnAssign(self, node) -> None:
        self.other.update(target_names(node.target))

    def visit_AugAssign(self, node) -> None:
        self.other.update(target_names(node.target))

    def visit_For(self, node) -> None:
        self.other.update(target_names(node.target))

    def visit_CompFor(self, node) -> None:
        self.other.update(target_names(node.target))

    def visit_AsName(self, node) -> None:
        self.other.update(target_names(node.name))

    def visit_Param(self, node) -> None:
        self.other.add(node.name.value)

    def visit_NamedExpr(self, node) -> None:
        self.other.update(target_names(node.target))


def bindings(node: cst.CSTNode) -> Bindings:
    v = Bindings()
    walk(node, v)
    return v


@dataclass
class Dependencies:
    names: set[str] = field(default_factory=set)
    self_attrs: set[str] = field(default_factory=set)


def free_names(expr: cst.CSTNode) -> set[str]:
    """Names ``expr`` reads from its surroundings, ``self`` included when it reads
    ``self.x`` (for which ``dependencies`` gives the attribute instead)."""
    v = _Names()
    walk(expr, v)
    return (v.names - v.bound) | ({"self"} if v.self_attrs else set())


def dependencies(exprs) -> Dependencies:
    v = _Names()
    for e in exprs:
        walk(e, v)
    return Dependencies(v.names - v.bound, v.self_attrs)


class _SelfAssigned(Visitor):
    def __init__(self) -> None:
        self.attrs: set[str] = set()

    def _target(self, t: cst.BaseExpression) -> None:
        if isinstance(t, cst.Attribute) and isinstance(t.value, cst.Name) and t.value.value == "self":
            self.attrs.add(t.attr.value)
        elif isinstance(t, (cst.Tuple, cst.List)):
            for el in t.elements:
                self._target(el.value)

    def visit_Assign(self, node: cst.Assign) -> None:
        for t in node.targets:
            self._target(t.target)

    def visit_AnnAssign(self, node: cst.AnnAssign) -> None:
        self._target(node.target)

    def visit_AugAssign(self, node: cst.AugAssign) -> None:
        self._target(node.target)


def self_attributes(node: cst.CSTNode) -> set[str]:
    """Attributes ``self.X`` assigned anywhere in ``node``."""
    v = _SelfAssigned()
    walk(node, v)
    return v.attrs


def class_names(cls: cst.ClassDef) -> set[str]:
    """Everything a class body binds (methods, class attributes) and every ``self.X``
    its methods assign."""
    return class_body_names(cls) | self_attributes(cls)


def class_body_names(cls: cst.ClassDef) -> set[str]:
    """Methods and class attributes."""
    names: set[str] = set()
    body = cls.body.body if isinstance(cls.body, cst.IndentedBlock) else ()
    for stmt in body:
        if isinstance(stmt, (cst.FunctionDef, cst.ClassDef)):
            names.add(stmt.name.value)
        elif isinstance(stmt, cst.SimpleStatementLine):
            for small in stmt.body:
                if isinstance(small, cst.Assign):
                    for t in small.targets:
                        names.update(target_names(t.target))
                elif isinstance(small, cst.AnnAssign):
                    names.update(target_names(small.target))
    return names


def use_shim_decorator(cls: cst.ClassDef) -> tuple[cst.ClassDef, bool]:
    """``@tf.compat.v1.keras.utils.track_tf1_style_variables`` → the shim's
    ``@track_tf1_style_variables`` on the methods of ``cls``: TensorFlow 2.16+ ships the
    former only with tf-keras, and it counts the regularization losses of v1 layers held
    as attributes twice. The caller imports the name from tf1to2."""
    if not isinstance(cls.body, cst.IndentedBlock):
        return cls, False
    changed = False
    body = []
    for stmt in cls.body.body:
        if isinstance(stmt, cst.FunctionDef) and is_tracked(stmt):
            decorators = []
            for d in stmt.decorators:
                parts = dotted_parts(d.decorator)
                if parts and parts[-1] == DECORATOR and len(parts) > 1:
                    d = d.with_changes(decorator=cst.Name(DECORATOR))
                    changed = True
                decorators.append(d)
            stmt = stmt.with_changes(decorators=decorators)
        body.append(stmt)
    return cls.with_changes(body=cls.body.with_changes(body=body)), changed


# Keras' own classes a layer of the program derives from (their last name)
KERAS_BASES = ("Layer", "Model", "Sequential")


class ModuleClasses:
    """A module's classes and imports, and which of its classes are Keras layers (they
    derive from ``tf.keras.layers.Layer`` / ``Model`` / ``Sequential``, however imported,
    or from such a class of the module): wrap-in-layer's question for Keras layers making
    TF1 variables, and native-keras' for the layers it moves to ``add_weight``."""

    def __init__(self, ctx) -> None:
        self.ctx = ctx
        self.classes = {s.name.value: s for s in ctx.module.body if isinstance(s, cst.ClassDef)}
        self.imports = {i.bound: i for i in module_imports(ctx.module)}
        self._layer_classes: dict = {}

    def is_layer_class(self, cls: cst.ClassDef, keras_only: bool = True, seen: tuple = ()) -> bool:
        """(With ``keras_only=False``, ``tf.Module`` counts too.)"""
        key = (id(cls), keras_only)
        if key not in self._layer_classes:
            self._layer_classes[key] = any(self._layer_base(b.value, keras_only, seen + (id(cls),))
                                           for b in cls.bases if b.keyword is None)
        return self._layer_classes[key]

    def _layer_base(self, expr: cst.BaseExpression, keras_only: bool, seen: tuple) -> bool:
        parts = dotted_parts(expr)
        if not parts:
            return False
        if len(parts) == 1 and parts[0] in self.classes and id(self.classes[parts[0]]) not in seen:
            return self.is_layer_class(self.classes[parts[0]], keras_only, seen)
        if self.keras_base(expr) is not None:
            return True
        return not keras_only and self.path(expr) in ("tf.compat.v1.Module", "tf.Module")

    def keras_base(self, expr: cst.BaseExpression) -> Optional[str]:
        """``Layer`` / ``Model`` / ``Sequential`` where ``expr`` is that class of Keras'
        (``tf.keras.layers.Layer``, ``keras.Model``, ``Layer`` imported by name), else None."""
        parts = dotted_parts(expr)
        path = self.path(expr)
        if parts and path is not None and path.startswith(("tf.keras.", "keras.")) and parts[-1] in KERAS_BASES:
            return parts[-1]
        return None

    def path(self, expr: cst.BaseExpression, visitor: Optional[TFVisitor] = None) -> Optional[str]:
        """The canonical TensorFlow name, or the dotted path an import gives (``keras.layers.Layer``)."""
        if visitor is not None:
            q = visitor.qualify(expr)
            if q is not None:
                return q
        parts = dotted_parts(expr)
        if not parts:
            return None
        q = self.ctx.aliases.module_scope.names.get(parts[0])
        if isinstance(q, str):
            return canonicalize(".".join([q, *parts[1:]]))
        imp = self.imports.get(parts[0])
        if imp is None:
            return None
        return ".".join([imp.target(), *parts[1:]])
