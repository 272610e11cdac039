"""Decorated layers with no TF1-style code left → plain Keras layers: ``get_variable`` →
``self.add_weight`` in ``build``, then ``track_tf1_style_variables`` and the
``variable_scope``\\ s dropped.

## What it does
In a Keras layer (a class deriving from ``tf.keras.layers.Layer`` / ``tf.keras.Model``,
or from such a class of the same module) whose ``call`` is decorated with
``track_tf1_style_variables`` (the shim's or ``tf.compat.v1.keras.utils``'):

1. each ``tf.compat.v1.get_variable("w", shape, ...)`` in ``call`` becomes
   ``self.w = self.add_weight(name="w", shape=..., ...)`` in ``build`` (written when the
   class has none, before ``call``, calling ``super().build`` first where a base may
   have a build of its own: a layer of the module, or of another), and ``self.w`` where
   the call was. ``dtype``,
   ``initializer``, ``regularizer``, ``trainable`` and ``constraint`` are carried over;
   a shape read from the input (``inputs.shape[-1]``, ``inputs.get_shape()[-1]``,
   ``inputs.shape.as_list()[-1]``) is read from ``build``'s ``input_shape``, and one read
   from what Keras layers ``__init__`` holds made of it (``net = self.sep(inputs)``;
   ``net.shape[-1]``, as slim's depthwise convolution after a separable one) through their
   ``compute_output_shape``: ``self.sep.compute_output_shape(input_shape)[-1]`` (layers
   whose shape it gives unbuilt, in both Kerases: ``SHAPE_LAYERS``). Keras calls a
   regularizer with its own variable type, which TF1 regularizers other than Keras' do
   not take (they read ``dtype.base_dtype``), so those are called on the variable's value:
   ``regularizer=lambda w: (...)(tf.convert_to_tensor(w))``. The variable's TF1 name
   (its variable-scope path in ``call``) goes into the run's name map, to the object path
   Keras checkpoints it under: ``"model/w": "Model/w"``;
   TF1's ``tf.Variable`` (``tf.compat.v1.Variable(initial_value, name=...)``) goes the same
   way, where its initial value is a float (``2.0``) or an op an initializer draws alike
   (``tf.zeros`` / ``ones`` / ``constant(v, shape=)``, ``truncated_normal``,
   ``random.normal`` / ``uniform``: ``truncated_normal_initializer(mean=, stddev=)``, ...),
   and only as the decorator goes (it numbers the tf.Variables of a call, ``scale``,
   ``scale_1``, as TF1 numbered them per graph: taking some away would rename the others);
   an unnamed one takes the name of the local it is bound to (``w = ...`` → ``self.w``),
   its TF1 name staying ``scope/Variable`` in the name map;
2. each ``get_or_create_layer("key", lambda: EXPR)`` (what wrap-in-layer writes for a
   Keras object a TF1 forward pass built, or the user's own) becomes ``self.key = EXPR``
   at the end of ``__init__`` (written when the class has none, passing on what it gets),
   and ``self.key`` where the call was; a local bound once to it (``head =
   get_or_create_layer(...)``) goes, its uses reading ``self.head``. This is the guide's
   advice for new code (nested layers as attributes, not ``get_or_create_layer``), and it
   happens with step 3, when nothing else needs the decorator: all of a method's calls
   move, or none. A Keras object's TF1 name (the variable scope it was made in and its
   ``name=``, else its class's default name, ``sequential``, numbered as its key is)
   goes into the name map, to its attribute: ``"model/head": "Model/head"``; its weights
   are below it on both sides (``model/head/inner/kernel``, by the Keras names of the
   layers holding them), as ``load_tf1_checkpoint`` and ``checkpoint convert`` read it.
   A functional model built in the call (``inp = tf.keras.Input(...)``, a layer,
   ``tf.keras.Model(inputs=inp, outputs=dense(inp))``) moves with its ``Input`` and its
   layers, which must be objects made the same way (TF1 named its weights by them, not
   by the model, so the model gets no entry). A builder that is a method of the class
   taking only ``self`` (the guide's ``get_or_create_layer("dense_model",
   self.build_model)``) becomes ``self.dense_model = self.build_model()``, the method
   kept; where it returns a functional model, each of its layers (all with a literal
   ``name=``) gets the entry, ``"dense": "NestedModel/dense_model/dense"``;
3. once a decorated method creates no variables TF1-style any more (no ``get_variable``,
   v1 layer, slim op, ``make_template``, ``tf.Variable`` or nested layer built per call,
   and no call into code the rule cannot see; the shim's stand-ins for contrib's
   computing functions, ``tf1to2.contrib_crf``'s and ``tf1to2.contrib_seq2seq``'s
   ``sequence_loss`` / ``tile_batch``, it sees:
   they make no variables, but for ``crf_log_likelihood`` given no ``transition_params``,
   which makes contrib's ``transitions`` through the variable scope), the decorator goes, the ``with
   variable_scope(...)`` blocks give way to their bodies, and the ``record_scope`` calls
   that kept v1 layers' names go, with the imports nothing uses any more (the guide's
   ``NearlyFullyNativeModel`` → ``FullyNativeModel``).

## Why
The model-mapping guide's last step: a layer whose forward pass has no TF1-style code
left needs neither the shim nor the scopes, and ``add_weight`` is how native Keras
layers own variables. Without it the decorator stays forever and a second run says
"nothing to change".

## Will not touch (and says why, on the line)
- a ``get_variable`` in a loop, a branch, a nested function, a method other than ``call``
  or a class that is not a Keras layer (``tf.Module`` has no ``build``); one whose name is
  not a literal, whose scope name is computed, whose scope sets defaults
  (``initializer=``, ``regularizer=``, ``dtype=``, ``custom_getter=``, ...), or whose full
  name another ``get_variable`` of the method shares (reuse);
- a tf.Variable whose initial value is computed (from the input, a numpy array, an int
  with no dtype), or with ``validate_shape=False`` / ``synchronization=`` / ...;
- one with no ``shape`` (a constant initializer), an initializer that is not an
  initializer (a tensor or an array), ``partitioner``, ``collections``,
  ``caching_device``, ``custom_getter``, ``synchronization``, ``aggregation``,
  ``validate_shape=False``; a regularizer on a variable that may not be trainable (Keras
  counts regularizers of trainable weights only);
- arguments that read values of ``call`` (``build`` cannot see them), other than the
  input's static shape and that of a layer's output as above (not a layer of the module,
  a local bound twice, a layer called with other positional arguments or set twice in
  ``__init__``), or the input of a ``call`` with several inputs;
- the decorator of a method that still creates variables TF1-style (``get_variable``
  left, v1 layers, slim ops, TF1 RNN cells and the RNN functions that run them,
  ``feature_column.input_layer``, ``tf.compat.v1.metrics``, ``ExponentialMovingAverage``,
  the global step), or remembers a layer's TF1 name at run time
  (``record_scope(..., layer=)``, keras-layers' for names that depend on the run), calls
  code the rule
  cannot follow (a function from another module, unless the run holds that module and
  the function runs no TF1-style code: ``rules.pure_functions``; a value passed in,
  ``self.x`` that is not a layer), reads the variable scope (``get_variable_scope``, ``scope_name``,
  ``with ... as scope``), or builds a layer on every call;
- a ``get_or_create_layer`` whose key is not a literal, whose builder is neither a
  lambda with no parameters nor a method of the class taking only ``self`` (or
  parameters with defaults; one that
  needs the decorator itself, does not end in its one ``return``, returns what is not a
  Keras object it makes, or makes a functional model with a layer that has no
  ``name=``), or reads a value of the call (other than an ``Input`` or an object that
  moves with it) or an attribute ``__init__`` does not set; a functional model building
  a layer inline in a lambda; one in a nested function, under a scope named at run time,
  or whose key another call of the method makes too; and the local holding one where it
  is bound again (what it calls is then not known). The decorator stays, and says which.

## Fix safety
A layer calling another module's TF1-free functions: ``tests/test_checkpoint.py::
test_a_layer_calling_tf1_free_functions_of_another_module_goes_native_and_loads_its_checkpoint``
migrates a two-module folder and loads the TF1 checkpoint into the native layer (TF1's
logits under Keras 3); ``tests/test_pure_functions.py`` pins what counts as TF1-free.

Outputs and regularization losses are those of the decorated layer, from the same TF1
checkpoint loaded through the name map (``tests/test_layer_numerics.py`` runs the golden
cases under tf-keras and Keras 3; ``golden/native-keras/nested_layers`` builds its TF1
originals, Keras objects built in a TF1 graph, and loads their checkpoints into the
layers whose objects moved to ``__init__``). An object made in ``__init__`` rather
than at the first call is made from the same expression, which reads only what
``__init__`` has (module-level names, attributes ``__init__`` sets); its weights are
still created at its first call, under the layer's. The names of variables that native Keras layers own
do not depend on the scopes the rule removes (they are object paths), so the name map
the earlier stages wrote stays right.
"""
from __future__ import annotations

import builtins
import keyword as _keyword
import re
from dataclasses import dataclass, field
from typing import Optional

import libcst as cst
from libcst.metadata import MetadataWrapper, PositionProvider

from rules.aliases import TFVisitor, canonicalize, dotted_parts
from rules.base import Rule, RuleContext
from rules.edit import (Unwrapper, bound_arguments, code, keyword_value, literal_value, module_imports, nodes_of,
                        remove_unused_imports)
from rules.model_walk import (DECORATOR, GET_OR_CREATE_LAYER, RNN_CELL, RNN_FUNCTIONS, VARIABLE_SCOPE, WEIGHTLESS_LAYERS, ForwardPassVisitor,
                              ModuleClasses, Site, bindings, builds_keras_object, class_body_names, class_names, dependencies,
                              find_method, free_names, self_attributes, target_names)
from rules.visitors import Transformer, Visitor, transform, walk

SHIM = "tf1to2"
GET_VARIABLE = "tf.compat.v1.get_variable"
DIRECT_VARIABLE = "tf.compat.v1.Variable"  # TF1's tf.Variable
MAKE_TEMPLATE = "tf.compat.v1.make_template"
# get_variable's parameters, in order
PARAMS = ("name", "shape", "dtype", "initializer", "regularizer", "trainable", "collections", "caching_device",
          "partitioner", "validate_shape", "use_resource", "custom_getter", "constraint", "synchronization",
          "aggregation")
CARRIED = ("shape", "dtype", "initializer", "regularizer", "trainable", "constraint")
# arguments at a value that changes nothing under add_weight
HARMLESS = {"validate_shape": True, "use_resource": True, "collections": None, "caching_device": None,
            "partitioner": None, "custom_getter": None}
# a variable_scope argument that is a default for the get_variable calls inside it
SCOPE_DEFAULTS = ("initializer", "regularizer", "caching_device", "partitioner", "custom_getter", "dtype",
                  "use_resource", "constraint")

# TensorFlow names (canonical) that make a forward pass TF1-style: (prefix, why)
BLOCKING = (
    ("tf.compat.v1.layers.", "a tf.compat.v1.layers op (it creates variables through the variable scope)"),
    ("tf_slim.", "a slim op"),
    ("tf.compat.v1.get_local_variable", "get_local_variable"),
    ("tf.compat.v1.make_template", "make_template"),
    ("tf.compat.v1.Variable", "tf.Variable, which makes a new variable on every call without the decorator"),
    ("tf.compat.v1.keras.utils.get_or_create_layer", "get_or_create_layer"),
    ("tf.compat.v1.keras.utils.track_tf1_style_variables", "track_tf1_style_variables"),
    ("tf.compat.v1.get_variable_scope", "get_variable_scope(), which reads the variable scope"),
    ("tf.compat.v1.variable_creator_scope", "variable_creator_scope"),
    ("tf.compat.v1.variable_scope", "a variable_scope used other than as a with block"),
    ("tf.compat.v1.get_collection", "get_collection, which reads graph collections"),
    ("tf.compat.v1.trainable_variables", "trainable_variables()"),
    ("tf.compat.v1.global_variables", "global_variables()"),
    ("tf.compat.v1.losses.get_regularization_loss", "get_regularization_loss, which reads graph collections"),
    ("tf.contrib.", "a tf.contrib op"),
    # what makes variables through the variable scope when it runs: a cell a TF1 RNN
    # function runs, made again on every call without the decorator (new weights each
    # call, none of them the layer's: measured, two calls differed by 0.02)
    (f"{RNN_CELL}.", "a TF1 RNN cell, which creates its variables through the variable scope when run"),
    *((f"tf.compat.v1.nn.{f}", f"{f}, which runs a TF1 RNN cell, whose variables are made through the variable scope")
      for f in RNN_FUNCTIONS),
    *((f"tf.compat.v1.feature_column.{f}", f"feature_column.{f}, which creates its columns' variables through "
                                           "the variable scope") for f in ("input_layer", "linear_model")),
    ("tf.compat.v1.metrics.", "a tf.compat.v1.metrics op, which creates local variables"),
    ("tf.compat.v1.train.ExponentialMovingAverage", "ExponentialMovingAverage, whose apply() creates variables"),
    *((f"tf.compat.v1.train.{f}", f"{f}(), which reads or makes the graph's global step")
      for f in ("get_or_create_global_step", "create_global_step", "get_global_step")),
)


def _crf_makes_variable(call: cst.Call) -> bool:
    """Whether a ``crf_log_likelihood(inputs, tag_indices, sequence_lengths,
    transition_params=None)`` call may make its variable: no fourth argument, or one
    that is ``None``, or arguments unpacked where it cannot tell."""
    if any(a.star for a in call.args):
        return True
    given = keyword_value(call, "transition_params")
    if given is None:
        positional = [a for a in call.args if a.keyword is None]
        given = positional[3].value if len(positional) >= 4 else None
    return given is None or (isinstance(given, cst.Name) and given.value == "None")


def blocking(qualified: str) -> Optional[str]:
    """Why a call of ``qualified`` (a canonical TensorFlow name) makes a forward pass
    TF1-style (``BLOCKING``), or None."""
    return next((why for prefix, why in BLOCKING
                 if qualified == prefix.rstrip(".") or qualified.startswith(prefix)), None)


# the shim's names: what each means to a forward pass
SHIM_NAMES = {
    "tf1to2.record_scope": "record",
    "tf1to2.collect_named_outputs": "ok",
    "tf1to2.convert_collection_to_dict": "ok",
    "tf1to2.track_tf1_style_variables": "the shim's decorator",
    "tf1to2.get_or_create_layer": "get_or_create_layer, which makes its object once only under the decorator",
    "tf1to2.scope_name": "tf1to2.scope_name, which reads the variable scope",
}
# the shim's stand-ins for contrib functions that compute and make no variables: a native
# layer may call them; but crf_log_likelihood given no transition_params makes contrib's
# ``transitions`` through the variable scope (``_crf_makes_variable``). (contrib_seq2seq's
# decoders run cells, which make theirs: not these.)
COMPUTING_SHIM_NAMES = ("tf1to2.contrib_crf.", "tf1to2.contrib_seq2seq.sequence_loss",
                          "tf1to2.contrib_seq2seq.tile_batch")
CRF_LOG_LIKELIHOOD = "tf1to2.contrib_crf.crf_log_likelihood"
# modules whose functions create no TensorFlow variables
PLAIN_MODULES = ("numpy", "math", "functools", "itertools", "collections", "operator", "six", "typing", "copy",
                 "logging", "absl.logging", "string", "re", "warnings", "random", "sys", "os", "json", "time")
UNSAFE_BUILTINS = {"eval", "exec", "getattr", "__import__", "globals", "locals", "vars", "setattr"}
# attributes every Keras layer has: a weight must not take their name
KERAS_ATTRIBUTES = frozenset((
    "name", "dtype", "trainable", "weights", "variables", "losses", "built", "input", "output", "input_spec",
    "supports_masking", "non_trainable_weights", "trainable_weights", "trainable_variables",
    "non_trainable_variables", "metrics", "layers", "submodules", "build", "call", "get_config", "add_weight",
    "add_loss", "compute_dtype", "variable_dtype", "dtype_policy", "path", "states", "seed_generators",
    "stateless", "count_params", "add_variable", "training", "inputs", "outputs", "activity_regularizer",
    "updates", "get_weights", "set_weights", "compute_output_shape", "from_config", "quantize", "optimizer",
))


@dataclass
class _Variable:
    call: cst.Call
    site: Site
    args: dict = field(default_factory=dict)  # parameter → expression
    name: Optional[str] = None  # the literal name
    full: Optional[str] = None  # its TF1 name in the forward pass
    problem: Optional[str] = None
    attr: str = ""
    statement: Optional[cst.SimpleStatementLine] = None  # self.attr = self.add_weight(...)
    direct: bool = False  # TF1's tf.Variable (tf.compat.v1.Variable), not get_variable

    @property
    def shown(self) -> str:
        """How the change and warnings name it."""
        if self.direct:
            named = self.name and self.name != "Variable"
            return f"tf.compat.v1.Variable({f'name={self.name!r}' if named else '...'})"
        if self.name:
            return f"get_variable({self.name!r})"
        return f"get_variable({code(self.args['name']) if 'name' in self.args else '...'})"


@dataclass
class _Method:
    cls: cst.ClassDef
    node: cst.FunctionDef
    variables: list = field(default_factory=list)
    blockers: list = field(default_factory=list)  # (node, why, the get_variable it is inside or None)
    records: list = field(default_factory=list)  # record_scope statements
    scopes: list = field(default_factory=list)  # with variable_scope(...) statements
    skip: set = field(default_factory=set)  # ids of calls that are scope headers
    nested: list = field(default_factory=list)  # [_Nested]: get_or_create_layer calls
    inputs: dict = field(default_factory=dict)  # local → its ``x = tf.keras.Input(...)`` statement


@dataclass
class _Nested:
    """A ``get_or_create_layer(key, lambda: EXPR)`` call of a decorated method: once the
    method needs the decorator for nothing else, ``self.attr = EXPR`` in ``__init__``."""
    call: cst.Call
    site: Site
    key: str = ""
    builder: Optional[cst.BaseExpression] = None  # EXPR
    attr: str = ""
    tf1_name: Optional[str] = None  # what TF1 named the object (its weights are below it)
    # what TF1 named a functional model's layers (its weights are below them, not below it) → their Keras names
    entries: dict = field(default_factory=dict)
    problem: Optional[str] = None
    column: Optional[int] = None  # where EXPR starts, relative to its statement's indentation
    uses: list = field(default_factory=list)  # (Name node in EXPR, the _Nested whose local it reads)


class _Calls(TFVisitor):
    """Every call inside a node, with its callee's canonical TensorFlow name (None when
    it is not TensorFlow), in order."""

    def __init__(self, ctx) -> None:
        super().__init__(ctx)
        self.calls: list = []
        self.headers: set = set()  # ids of the variable_scope calls that open a with block

    def visit_With(self, node: cst.With) -> None:
        for item in node.items:
            if isinstance(item.item, cst.Call) and self.qualify(item.item.func) == VARIABLE_SCOPE:
                self.headers.add(id(item.item))

    def leave_Call(self, node: cst.Call) -> None:
        if id(node) not in self.headers:
            self.calls.append((node, self.qualify(node.func)))


class _Reader(ModuleClasses):
    """What the calls of a forward pass and the code they reach mean: the module's
    functions, classes and imports, each class's methods and what its attributes hold."""

    def __init__(self, ctx: RuleContext) -> None:
        super().__init__(ctx)
        module = ctx.module
        self.functions = {s.name.value: s for s in module.body if isinstance(s, cst.FunctionDef)}
        self.module_names = set(self.functions) | set(self.classes) | set(self.imports)
        self.module_values: dict = {}
        for stmt in module.body:
            if isinstance(stmt, cst.SimpleStatementLine):
                for small in stmt.body:
                    if isinstance(small, (cst.Assign, cst.AnnAssign)):
                        targets = small.targets if isinstance(small, cst.Assign) else [small]
                        for t in targets:
                            for n in target_names(t.target):
                                self.module_names.add(n)
                                self.module_values.setdefault(n, []).append(getattr(small, "value", None))
        self._helpers: dict = {}
        self._kinds: dict = {}

    # -- what ``self.x`` holds
    def attribute_kinds(self, cls: cst.ClassDef) -> dict:
        """attribute → "layer" (a Keras layer, a list of them, or a layer class of the
        module), for attributes ``__init__`` / ``build`` assign; anything else "other"."""
        if id(cls) in self._kinds:
            return self._kinds[id(cls)]
        kinds: dict = {}
        for attr, values in self.self_assignments(cls, ("__init__", "build")).items():
            found = {"layer" if self._makes_layer(value) else "template" if (
                isinstance(value, cst.Call) and self.path(value.func) == MAKE_TEMPLATE) else "other"
                for value in values}
            kinds[attr] = found.pop() if len(found) == 1 else "other"
        self._kinds[id(cls)] = kinds
        return kinds

    def shape_layers(self, cls: cst.ClassDef) -> set:
        """Attributes ``__init__`` sets, once, to a Keras layer of ``SHAPE_LAYERS`` (whose
        output shape ``build()`` can work out)."""
        out = set()
        for attr, values in self.self_assignments(cls, ("__init__",)).items():
            path = self.path(values[0].func) if len(values) == 1 and isinstance(values[0], cst.Call) else None
            if path and path.startswith(("tf.keras.layers.", "keras.layers.")) and \
                    path.rpartition(".")[2] in SHAPE_LAYERS:
                out.add(attr)
        return out

    @staticmethod
    def self_assignments(cls: cst.ClassDef, methods: tuple) -> dict:
        """``self.X = value`` in those methods of ``cls``: attribute → its values, in order."""
        out: dict = {}
        for name in methods:
            method = find_method(cls, name)
            for node in nodes_of(method, cst.Assign) if method is not None else ():
                for t in node.targets:
                    target = t.target
                    if isinstance(target, cst.Attribute) and isinstance(target.value, cst.Name) and \
                            target.value.value == "self":
                        out.setdefault(target.attr.value, []).append(node.value)
        return out

    def _makes_layer(self, value: cst.BaseExpression) -> bool:
        if isinstance(value, (cst.ListComp,)):
            return self._makes_layer(value.elt)
        if isinstance(value, (cst.List, cst.Tuple)):
            return bool(value.elements) and all(self._makes_layer(e.value) for e in value.elements)
        if not isinstance(value, cst.Call):
            return False
        parts = dotted_parts(value.func)
        if parts and len(parts) == 1 and parts[0] in self.classes:
            return self.is_layer_class(self.classes[parts[0]], keras_only=False)
        path = self.path(value.func)
        if path is None or not parts:
            return False
        return path.startswith(("tf.keras.", "keras.")) and parts[-1][:1].isupper() and \
            ".layers." in path + "." or path.startswith(("tf.keras.Sequential", "keras.Sequential",
                                                        "tf.keras.models.Sequential", "keras.models.Sequential"))

    # -- what a call means
    def classify(self, call: cst.Call, qualified: Optional[str], cls: Optional[cst.ClassDef],
                 local: set) -> tuple:
        """("get_variable" | "record" | "ok", None) or ("block", why) or ("follow", node, label)."""
        func = call.func
        if qualified is not None:
            if qualified == GET_VARIABLE:
                return ("get_variable", None)
            why = blocking(qualified)
            if why is not None:  # (a tf.Variable can move to build(); while it stays, this is why)
                return ("variable" if qualified == DIRECT_VARIABLE else "block", f"{why} ({code(func)})")
            if builds_keras_object(qualified):
                return ("block", f"{code(func)}(...) builds a Keras layer on every call")
            return ("ok", None)
        if isinstance(func, (cst.Call, cst.Lambda)):
            return ("ok", None)  # the inner call is read on its own
        base = func
        while isinstance(base, cst.Subscript):
            base = base.value
        parts = dotted_parts(base)
        if not parts:
            if isinstance(func, cst.Attribute):
                return ("ok", None)  # a method of a value computed here: "{}".format, (a + b).sum
            return ("block", f"{code(func)}(...) calls a value tf1to2 cannot follow")
        head = parts[0]
        if head == "self" and cls is not None:
            if len(parts) == 1:
                return ("block", "self(...) calls the layer itself")
            attr = parts[1]
            method = find_method(cls, attr)
            if method is not None and len(parts) == 2 and not isinstance(func, cst.Subscript):
                return ("follow", method, f"self.{attr}()")
            kind = self.attribute_kinds(cls).get(attr)
            if kind == "layer":
                return ("ok", None)
            if kind == "template":
                return ("block", f"self.{attr} is a make_template template, which creates its variables "
                                 "TF1-style")
            return ("block", f"it calls self.{'.'.join(parts[1:])}, which tf1to2 cannot tell is a Keras layer")
        if head in local:
            if len(parts) > 1 or isinstance(func, cst.Subscript):
                return ("ok", None)  # a method of a value: a tensor's, a list's
            return ("block", f"it calls {head}(), a value computed at run time")
        if head in self.functions and len(parts) == 1:
            return ("follow", self.functions[head], f"{head}()")
        if head in self.classes and len(parts) == 1:
            return ("block", f"{head}(...) builds an object on every call")
        imp = self.imports.get(head)
        if imp is not None:
            target = ".".join([imp.target(), *parts[1:]])
            if target in SHIM_NAMES:
                what = SHIM_NAMES[target]
                if what == "record" and keyword_value(call, "layer") is not None:
                    return ("block", "record_scope(layer=...) remembers at run time the TF1 name of a layer whose "
                                     "name depends on the run, which loading a TF1 checkpoint reads")
                return ("record", None) if what == "record" else ("ok", None) if what == "ok" else ("block", what)
            if target.startswith(COMPUTING_SHIM_NAMES):
                if target == CRF_LOG_LIKELIHOOD and _crf_makes_variable(call):
                    return ("block", f"{code(func)}() is given no transition_params: it makes contrib's transitions "
                                     "variable through the variable scope")
                return ("ok", None)
            if target.startswith("tf1to2.layers."):
                return ("block", f"{code(func)}, a v1 layer op on the shim")
            if target.startswith("tf1to2.rnn_cell."):
                return ("block", f"{code(func)}, a TF1 RNN cell on the shim, which creates its variables through "
                                 "the variable scope when run")
            if any(target == m or target.startswith(m + ".") for m in PLAIN_MODULES):
                return ("ok", None)
            if ".".join(parts) in self.ctx.free_functions and not isinstance(func, cst.Subscript):
                return ("ok", None)  # another module's, which runs no TF1-style code (rules.pure_functions)
            return ("block", f"it calls {code(func)}() (imported from {imp.module or imp.target()}), which tf1to2 "
                             "does not follow")
        if head in self.module_names:
            return ("block", f"it calls {code(func)}, a module-level value tf1to2 cannot follow")
        if hasattr(builtins, head) and len(parts) == 1 and head not in UNSAFE_BUILTINS:
            return ("ok", None)
        return ("block", f"it calls {code(func)}, which tf1to2 cannot follow")

    def helper_problem(self, fn: cst.FunctionDef, cls: Optional[cst.ClassDef], depth: int = 0) -> Optional[tuple]:
        """(node, why) for the first thing in a function a decorated method calls that
        needs the decorator; None when there is none."""
        key = id(fn)
        if key in self._helpers:
            return self._helpers[key]
        self._helpers[key] = None  # a recursive call: what it finds, the outer walk finds
        v = _Calls(self.ctx)
        walk(fn, v)
        local = bindings(fn).names
        found = None
        for call, qualified in v.calls:
            kind, *rest = self.classify(call, qualified, cls, local)
            if kind == "get_variable":
                found = (call, f"it creates variables with get_variable ({code(call.func)})")
            elif kind in ("variable", "block"):
                found = (call, rest[0])
            elif kind == "follow" and depth < 8:
                inner = self.helper_problem(rest[0], cls, depth + 1)
                if inner is not None:
                    found = inner
            if found:
                break
        self._helpers[key] = found
        return found


class _Survey(ForwardPassVisitor):
    def __init__(self, ctx: RuleContext, reader: _Reader) -> None:
        super().__init__(ctx)
        self.reader = reader
        self.methods: list[_Method] = []
        self.current: Optional[_Method] = None
        self.local: set = set()
        self.inside: list = []  # the get_variable calls being walked

    def visit_Call(self, node: cst.Call) -> None:
        if self.method is not None and self.qualify(node.func) == GET_VARIABLE:
            self.inside.append(node)
        parts = dotted_parts(node.func)
        if self.current is not None and parts and parts[-1] == GET_OR_CREATE_LAYER:
            # what its builder makes, it makes once: the call itself is the reason to keep
            # the decorator, not the Keras objects built in its arguments
            for arg in node.args:
                self.current.skip.update(id(c) for c in nodes_of(arg.value, cst.Call))

    def leave_Call(self, node: cst.Call) -> None:
        super().leave_Call(node)
        if self.inside and self.inside[-1] is node:
            self.inside.pop()

    def block(self, node: cst.CSTNode, why: str) -> None:
        """A reason the decorator stays; one inside a get_variable's arguments goes with
        it to build() when it becomes add_weight."""
        self.current.blockers.append((node, why, self.inside[-1] if self.inside else None))

    def on_method(self, cls, method) -> None:
        self.current = _Method(cls, method)
        self.methods.append(self.current)
        self.local = bindings(method).names

    def visit_With(self, node: cst.With) -> None:
        super().visit_With(node)
        if self.method is None:
            return
        scopes = [i for i in node.items if isinstance(i.item, cst.Call) and self.qualify(i.item.func) == VARIABLE_SCOPE]
        if not scopes:
            return
        for item in scopes:
            self.current.skip.add(id(item.item))
        if len(scopes) != len(node.items):
            self.block(node, "a with statement opens a variable_scope together with another context manager")
        elif any(i.asname is not None for i in node.items):
            self.block(node, "it names its variable scope (with ... as ...)")
        else:
            self.current.scopes.append(node)

    def on_call(self, call: cst.Call, site: Site) -> None:
        m = self.current
        if id(call) in m.skip:
            return
        kind, *rest = self.reader.classify(call, self.qualify(call.func), m.cls, self.local)
        if kind == "get_variable":
            m.variables.append(_Variable(call, site))
        elif kind == "variable":
            m.variables.append(_Variable(call, site, direct=True))
            self.block(call, rest[0])
        elif kind == "record":
            stmt = site.statement
            if (isinstance(stmt, cst.SimpleStatementLine) and len(stmt.body) == 1 and isinstance(stmt.body[0], cst.Expr)
                    and stmt.body[0].value is call):
                m.records.append(stmt)
            else:
                self.block(call, "record_scope is used inside an expression")
        elif kind == "block":
            self.block(call, rest[0])
            if (dotted_parts(call.func) or [""])[-1] == GET_OR_CREATE_LAYER:
                m.nested.append(_Nested(call, site))
        elif kind == "follow":
            found = self.reader.helper_problem(rest[0], m.cls)
            if found is not None:
                node, why = found
                where = "" if node is call else f" at line {self.ctx.line(node)}"
                self.block(call, f"{rest[1]} needs it: {why}{where}")


class NativeKeras(Rule):
    id = "native-keras"
    stage = 8
    works_on = "Keras layers whose call is decorated with track_tf1_style_variables (wrap-in-layer writes them)"
    summary = ("get_variable / tf.Variable → add_weight in build, get_or_create_layer → attributes made in "
               "__init__; decorator and variable scopes dropped once no TF1 code is left")
    needles = (DECORATOR,)
    reads_importers = True  # the imports it removes keep names other files import
    example_before = (
        "import tensorflow as tf\n"
        "from tf1to2 import track_tf1_style_variables\n\n\n"
        "class Model(tf.keras.layers.Layer):\n"
        "    def __init__(self, units, **kwargs):\n"
        "        super().__init__(**kwargs)\n"
        "        self.units = units\n"
        "        self.dense = tf.keras.layers.Dense(units)\n\n"
        "    @track_tf1_style_variables\n"
        "    def call(self, inputs):\n"
        "        with tf.compat.v1.variable_scope('model'):\n"
        "            scale = tf.compat.v1.get_variable('scale', [self.units], initializer=tf.compat.v1.ones_initializer())\n"
        "            return self.dense(inputs) * scale\n"
    )
    example_after = (
        "import tensorflow as tf\n\n\n"
        "class Model(tf.keras.layers.Layer):\n"
        "    def __init__(self, units, **kwargs):\n"
        "        super().__init__(**kwargs)\n"
        "        self.units = units\n"
        "        self.dense = tf.keras.layers.Dense(units)\n\n"
        "    def build(self, input_shape):\n"
        "        self.scale = self.add_weight(\n"
        "            name=\"scale\",\n"
        "            shape=[self.units],\n"
        "            initializer=tf.compat.v1.ones_initializer())\n\n"
        "    def call(self, inputs):\n"
        "        scale = self.scale\n"
        "        return self.dense(inputs) * scale\n"
    )

    def transform(self, ctx: RuleContext) -> cst.Module:
        reader = _Reader(ctx)
        survey = _Survey(ctx, reader)
        walk(ctx.module, survey)
        if not survey.methods:
            return ctx.module
        root = ctx.aliases.local_name_for("tensorflow")
        plan = _Plan(config=ctx.module.config_for_parsing, indent=ctx.module.default_indent)
        for m in survey.methods:  # the get_or_create_layer keys each class makes, over all its methods
            for n in m.nested:
                key = (id(m.cls), n.site.scope_path, _literal_key(n.call))
                plan.keys[key] = plan.keys.get(key, 0) + 1
        for m in survey.methods:
            self._plan_method(m, ctx, reader, root, plan)
        if not plan.touched:
            return ctx.module
        module = transform(ctx.module, _Apply(plan))
        shim_names = [(SHIM, "track_tf1_style_variables"), (SHIM, "record_scope"), (SHIM, "get_or_create_layer")]
        return remove_unused_imports(module, shim_names + ([(SHIM, None)] if plan.module_spelled else []),
                                     keep=ctx.imported)

    def _plan_method(self, m: _Method, ctx: RuleContext, reader: _Reader, root: Optional[str], plan: "_Plan") -> None:
        cls_name = m.cls.name.value
        for v in m.variables:
            v.problem = _variable_problem(v, m, ctx, reader, root)
        seen: dict = {}
        for v in m.variables:  # TF1's numbering of a tf.Variable name made again: scale, scale_1
            if v.direct and v.full:
                count = seen.get(v.full, 0)
                seen[v.full] = count + 1
                v.full = v.full if not count else f"{v.full}_{count}"
        fulls = [v.full for v in m.variables if v.full]
        for v in m.variables:
            if v.problem is None and not v.direct and fulls.count(v.full) > 1:
                v.problem = f"another get_variable of {cls_name}.{m.node.name.value} makes {v.full!r} too (reuse)"
        convertible = [v for v in m.variables if v.problem is None and not v.direct]
        moved = {id(v.call) for v in convertible}
        m.blockers = [b for b in m.blockers if b[2] is None or id(b[2]) not in moved]
        # TF1's tf.Variables go to build() only with the decorator (which numbers them per
        # call, as TF1 did per graph: taking some away would rename the others)
        direct = [v for v in m.variables if v.direct]
        ids = {id(v.call) for v in direct}  # (each says why where it cannot go)
        m.blockers = [b for b in m.blockers if id(b[0]) not in ids]
        moving = _plan_nested(m, ctx, reader, plan)
        if not m.blockers and len(convertible) + len(direct) == len(m.variables) and \
                all(v.problem is None for v in direct):
            convertible += direct
        _name_attributes(convertible, m.cls)
        offer_native = not m.blockers and len(convertible) == len(m.variables)
        accepted = ctx.accepted([v.call for v in convertible] + ([m.node] if offer_native else []))
        if any(v.direct for v in convertible) and not all(accepted):
            # tf.Variables go with the decorator or not at all (it numbers those it keeps)
            accepted = [ok and not v.direct for v, ok in zip(convertible, accepted)] + accepted[len(convertible):]
        native = offer_native
        done = []
        for v, ok in zip(convertible, accepted):
            if not ok:
                ctx.skip_change()
                native = False
                continue
            ctx.change(v.call, f"{v.shown} → self.{v.attr} = self.add_weight(...) in {cls_name}.build")
            v.statement = _add_weight(v, m, ctx, reader, root)
            done.append(v)
            ctx.name_map[v.full] = f"{cls_name}/{v.attr}"
        if done:
            plan.variables.setdefault(id(m.cls), []).extend(done)
            plan.calls.update({id(v.call): v.attr for v in done})
            plan.build_param[id(m.cls)] = _build_param(m.cls) or "input_shape"
            # a build written where a base may have its own (a layer of the module, or
            # of another) calls that one first: it makes what the base's call reads
            plan.super_build[id(m.cls)] = any(reader.keras_base(b.value) not in ("Layer", "Model")
                                              for b in m.cls.bases if b.keyword is None)
            plan.call_method[id(m.cls)] = m.node
        method = f"{cls_name}.{m.node.name.value}"
        for v in m.variables:
            if v.problem is not None:
                ctx.warn(v.call, f"{v.shown} left as it is, so {method} keeps track_tf1_style_variables: {v.problem}")
        if offer_native:
            if not native:
                ctx.skip_change()  # a get_variable stays (declined): so does the decorator
                return
            message = f"{method}: no TF1-style code left: @track_tf1_style_variables"
            if m.scopes:
                names = sorted({code(s.items[0].item.args[0].value) for s in m.scopes if s.items[0].item.args})
                message += f" and variable_scope({', '.join(names)})" if names else " and its variable scopes"
            if m.records:
                message += " and record_scope"
            message += " removed"
            if moving:
                message += "; " + ", ".join(f"get_or_create_layer({n.key!r})" for n in moving) + \
                    f" → {', '.join('self.' + n.attr for n in moving)}, made in {cls_name}.__init__"
            if ctx.change(m.node, message):
                plan.natives.add(id(m.node))
                plan.scopes.update(id(s) for s in m.scopes)
                plan.records.update(id(s) for s in m.records)
                # (a subclass of a class of the module may take positional arguments)
                plan.star_args[id(m.cls)] = any(
                    len(dotted_parts(b.value) or ()) == 1 and dotted_parts(b.value)[0] in reader.classes
                    for b in m.cls.bases)
                held = _held_locals(m)
                for stmt in m.inputs.values():  # a functional model's input: made in __init__ before it
                    plan.records.add(id(stmt))
                    plan.inputs.setdefault(id(m.cls), []).append(stmt)
                for n in moving:
                    plan.calls[id(n.call)] = n.attr
                    # ``head = get_or_create_layer(...); head(x)`` → ``self.head(x)``
                    local = _bound_local(n.call, n.site)
                    uses = _held_uses(m, local) if local in held else None
                    if uses is not None:
                        plan.records.add(id(n.site.statement))
                        plan.calls.update({id(u): n.attr for u in uses})
                    plan.inits.setdefault(id(m.cls), []).append(n)
                    if n.tf1_name is not None:
                        ctx.name_map[n.tf1_name] = f"{cls_name}/{n.attr}"
                    for tf1_name, keras_name in n.entries.items():
                        ctx.name_map[tf1_name] = f"{cls_name}/{n.attr}/{keras_name}"
        elif m.blockers:
            node, why, _ = m.blockers[0]
            lines = sorted({ctx.line(b[0]) for b in m.blockers[1:]} - {ctx.line(node)})
            ctx.warn(m.node, f"{method} keeps track_tf1_style_variables: {why} (line {ctx.line(node)})"
                     + (f"; more at line{'s' * (len(lines) > 1)} {', '.join(map(str, lines))}" if lines else ""))


@dataclass
class _Plan:
    variables: dict = field(default_factory=dict)  # id(class) → [_Variable]
    calls: dict = field(default_factory=dict)  # id(get_variable / get_or_create_layer call, or Name) → attribute
    build_param: dict = field(default_factory=dict)
    super_build: dict = field(default_factory=dict)  # id(class) → whether a build written calls its base's
    call_method: dict = field(default_factory=dict)  # id(class) → the method build goes before
    natives: set = field(default_factory=set)  # ids of methods whose decorator goes
    scopes: set = field(default_factory=set)  # ids of with statements that give way to their bodies
    records: set = field(default_factory=set)  # ids of statements removed (record_scope, ``x = get_or_create_layer``)
    inits: dict = field(default_factory=dict)  # id(class) → [_Nested] made in __init__
    keys: dict = field(default_factory=dict)  # (id(class), scope path, key) → get_or_create_layer calls
    inputs: dict = field(default_factory=dict)  # id(class) → ``x = tf.keras.Input(...)`` statements for __init__
    star_args: dict = field(default_factory=dict)  # id(class) → whether an __init__ written passes *args on
    config: Optional[cst.PartialParserConfig] = None  # the module's, for the statements written
    indent: str = "    "  # the module's
    module_spelled: bool = False  # a decorator removed was ``tf1to2.track_tf1_style_variables``
    taken: dict = field(default_factory=dict)  # id(class) → attribute names given

    @property
    def touched(self) -> bool:
        return bool(self.calls or self.natives)


def _plan_nested(m: _Method, ctx: RuleContext, reader: _Reader, plan: _Plan) -> list:
    """The get_or_create_layer calls of ``m`` that become attributes made in ``__init__``
    (the guide: new code sets nested layers as attributes): all of them, once they are
    all that keeps the decorator, or none. Their blockers go; a call that cannot move
    says why in its blocker."""
    if not m.nested:
        return []
    held = _held_locals(m)
    # held local → the get_or_create_layer call it holds (made before those reading it)
    bound = {local: n for n in m.nested for local in [_bound_local(n.call, n.site)] if local in held}
    builders = [a.value for n in m.nested for a in n.call.args if isinstance(a.value, cst.Lambda)]
    inputs = _input_locals(m, reader, builders)
    m.inputs = inputs
    before: set = set()
    for n in m.nested:
        n.problem = _nested_problem(n, m, reader, frozenset(before | set(inputs)))
        before |= {name for name, held_by in bound.items() if held_by is n}
        if n.problem is None:
            n.uses = [(u, bound[u.value]) for u in nodes_of(n.builder, cst.Name)
                      if u.value in bound and bound[u.value] is not n and id(u) in
                      {id(x) for x in (_held_uses(m, u.value) or ())}]
    for n in m.nested:
        # one object under one name, however many calls reach it: the shim shares it
        if n.problem is None and plan.keys.get((id(m.cls), n.site.scope_path, n.key), 0) > 1:
            n.problem = f"another get_or_create_layer of {m.cls.name.value} makes {n.key!r} too"
    ids = {id(n.call): n for n in m.nested}
    # calls of the local a get_or_create_layer result is bound to (``head = ...; head(x)``),
    # and a functional model's ``tf.keras.Input``, which moves with it
    callers = {id(b[0]) for b in m.blockers if isinstance(b[0], cst.Call) and isinstance(b[0].func, cst.Name)
               and b[0].func.value in held}
    callers |= {id(stmt.body[0].value) for stmt in inputs.values()}
    if any(n.problem for n in m.nested) or any(id(b[0]) not in ids and id(b[0]) not in callers
                                               for b in m.blockers):
        m.blockers = [(b[0], f"get_or_create_layer({ids[id(b[0])].key!r}) stays: {ids[id(b[0])].problem}",
                       b[2]) if id(b[0]) in ids and ids[id(b[0])].problem else b for b in m.blockers]
        # the reason named first: a call that cannot move, or what else needs the
        # decorator, before the calls kept with them
        m.blockers.sort(key=lambda b: 1 if id(b[0]) not in ids else 0 if ids[id(b[0])].problem else 2)
        return []
    taken = plan.taken.setdefault(id(m.cls), set(class_names(m.cls)) | KERAS_ATTRIBUTES)
    positions = None
    for n in m.nested:
        n.attr = _free_attribute(re.sub(r"\W", "_", n.key), taken)
        if "\n" in code(n.builder):  # where it starts: its continuation lines were aligned for there
            if positions is None:
                positions = MetadataWrapper(cst.Module(body=[m.cls]), unsafe_skip_copy=True).resolve(PositionProvider)
            # continuation lines are written relative to their statement's indentation
            n.column = positions[n.builder].start.column - positions[n.site.statement].start.column
    for n in m.nested:  # another's local in a builder (a functional model's layer) → its attribute
        if n.uses:
            attrs = {id(u): other.attr for u, other in n.uses}

            class _Attrs(Transformer):
                def leave_Name(self, original_node, updated_node):
                    attr = attrs.get(id(original_node))
                    return updated_node if attr is None else cst.Attribute(cst.Name("self"), cst.Name(attr))
            n.builder = transform(n.builder, _Attrs())
    m.blockers = []
    return m.nested


def _assignment(n: _Nested, column: int) -> str:
    """``self.attr = EXPR``, written at ``column`` (relative to its class): EXPR on one
    line where that fits in 99 columns, else its lines as they were, their continuation
    lines (which LibCST writes relative to the statement's indentation) moved as far as
    EXPR's start moved within its statement, so they stay aligned with what they were."""
    head = f"self.{n.attr} = "
    text = code(n.builder)
    if "\n" not in text:
        return head + text + "\n"
    flat = _one_line(n.builder)
    if "\n" not in flat and column + len(head + flat) <= 99:
        return head + flat + "\n"
    if '"""' in text or "'''" in text or "\\\n" in text or n.column is None:
        return head + text + "\n"
    shift = len(head) - n.column
    lines = text.split("\n")
    if shift < 0 and any(line[:-shift].strip() for line in lines[1:]):
        return head + text + "\n"
    lines[1:] = [(" " * shift + line) if shift >= 0 else line[-shift:] for line in lines[1:]]
    return head + "\n".join(lines) + "\n"


def _one_line(expr: cst.BaseExpression) -> str:
    """``expr``'s code on one line where it spans several (its continuation lines were
    aligned for where it stood), unless a comment is in it."""
    text = code(expr)
    if "\n" not in text or "#" in text:
        return text

    class _Flat(Transformer):
        def leave_ParenthesizedWhitespace(self, original_node, updated_node):
            return cst.SimpleWhitespace("")

        def leave_Comma(self, original_node, updated_node):
            if isinstance(original_node.whitespace_after, cst.ParenthesizedWhitespace):
                return updated_node.with_changes(whitespace_after=cst.SimpleWhitespace(" "))
            return updated_node
    flat = code(transform(expr, _Flat()))
    try:
        cst.parse_expression(flat)
    except cst.ParserSyntaxError:  # whitespace a keyword needed (``not\n x``): as written
        return text
    return flat if "\n" not in flat else text


def _literal_key(call: cst.Call) -> Optional[str]:
    args = bound_arguments(call, ("name", "create_layer_method"), known_only=True)
    key = literal_value(args["name"]) if args and "name" in args else None
    return key if isinstance(key, str) else None


def _functional(body: cst.BaseExpression, reader: _Reader) -> bool:
    """``tf.keras.Model(inputs=..., outputs=...)``: a functional model."""
    if not isinstance(body, cst.Call):
        return False
    q = reader.path(body.func) or ""
    if not (builds_keras_object(q) and q.rpartition(".")[2] == "Model"):
        return False
    keywords = {a.keyword.value for a in body.args if a.keyword is not None}
    return {"inputs", "outputs"} <= keywords or sum(1 for a in body.args if a.keyword is None) >= 2


KERAS_INPUTS = ("tf.keras.Input", "tf.keras.layers.Input", "keras.Input", "keras.layers.Input",
                "tf.compat.v1.keras.Input", "tf.compat.v1.keras.layers.Input")


def _input_locals(m: _Method, reader: _Reader, builders: list) -> dict:
    """Locals of ``m`` bound once to ``tf.keras.Input(...)`` (of values ``__init__`` has too)
    and read only in the builders of get_or_create_layer calls (a functional model's
    input): name → its statement, which moves to ``__init__`` with them."""
    once = _bound_once(m)
    found: dict = {}
    inside = {id(x) for b in builders for x in nodes_of(b, cst.Name)}
    for stmt in nodes_of(m.node.body, cst.SimpleStatementLine):
        if len(stmt.body) != 1 or not isinstance(stmt.body[0], cst.Assign):
            continue
        assign = stmt.body[0]
        if len(assign.targets) != 1 or not isinstance(assign.targets[0].target, cst.Name):
            continue
        name = assign.targets[0].target.value
        value = assign.value
        if once.get(name) is not value or not isinstance(value, cst.Call) or \
                reader.path(value.func) not in KERAS_INPUTS:
            continue
        if _unseen(value, m, reader):
            continue
        uses = _held_uses(m, name)
        if uses and all(id(u) in inside for u in uses):
            found[name] = stmt
    return found


def _snake(name: str) -> str:
    """Keras' default name for a layer of class ``name`` (``to_snake_case``)."""
    name = re.sub(r"(.)([A-Z][a-z]+)", r"\1_\2", name)
    return re.sub(r"([a-z])([A-Z])", r"\1_\2", name).lower()


def _held_uses(m: _Method, name: str) -> Optional[list]:
    """The Name nodes that read local ``name`` in ``m`` (not attribute names, keywords,
    parameters); None when a nested function, lambda or comprehension binds it too."""
    skip: set = set()
    uses: list = []
    for node in nodes_of(m.node.body, (cst.Del, cst.Global, cst.Nonlocal)):
        if name in {n.value for n in nodes_of(node, cst.Name)}:
            return None  # ``del head``: not something to do to an attribute
    for node in nodes_of(m.node.body, (cst.Attribute, cst.Arg, cst.Param, cst.Lambda, cst.FunctionDef, cst.CompFor,
                                       cst.Name, cst.AssignTarget)):
        if isinstance(node, cst.Attribute):
            skip.add(id(node.attr))
        elif isinstance(node, cst.Arg) and node.keyword is not None:
            skip.add(id(node.keyword))
        elif isinstance(node, cst.AssignTarget):
            skip.update(id(n) for n in nodes_of(node.target, cst.Name))
        elif isinstance(node, (cst.Lambda, cst.FunctionDef)):
            if name in bindings(node).names:
                return None
        elif isinstance(node, cst.CompFor):
            if name in target_names(node.target):
                return None
        elif isinstance(node, cst.Param):
            skip.add(id(node.name))
        elif isinstance(node, cst.Name) and node.value == name and id(node) not in skip:
            uses.append(node)
    return uses


def _bound_once(m: _Method) -> dict:
    """Locals of ``m`` (not parameters) bound exactly once → the value of that binding
    where it is a plain ``name = value`` (else None)."""
    return _bound_once_in(m.node)


def _bound_once_in(fn: cst.FunctionDef) -> dict:
    counts: dict = {}
    values: dict = {}
    for node in nodes_of(fn, (cst.Assign, cst.AugAssign, cst.AnnAssign, cst.For, cst.WithItem, cst.NamedExpr,
                                  cst.CompFor)):
        targets = node.targets if isinstance(node, cst.Assign) else [node]
        for t in targets:
            target = t.asname.name if isinstance(t, cst.WithItem) and t.asname else getattr(t, "target", None)
            for name in target_names(target) if target is not None else ():
                counts[name] = counts.get(name, 0) + 1
                plain = isinstance(node, cst.Assign) and len(node.targets) == 1 and isinstance(target, cst.Name)
                values[name] = node.value if plain else None
    params = {p.name.value for p in fn.params.params}
    return {name: values[name] for name, count in counts.items() if count == 1 and name not in params}


def _held_locals(m: _Method) -> set:
    """Locals of ``m`` bound once, to a get_or_create_layer call (``head = get_or_create_layer(...)``)."""
    calls = {id(n.call) for n in m.nested}
    return {name for name, value in _bound_once(m).items() if value is not None and id(value) in calls}


def _free_attribute(name: str, taken: set) -> str:
    name = name if name and not name[0].isdigit() else "layer_" + name
    candidates = [name, name + "_layer"] + [f"{name}_{i}" for i in range(2, 100)]
    attr = next(c for c in candidates if c.isidentifier() and not _keyword.iskeyword(c) and c not in taken)
    taken.add(attr)
    return attr


def _nested_problem(n: _Nested, m: _Method, reader: _Reader, given: frozenset = frozenset()) -> Optional[str]:
    args = bound_arguments(n.call, ("name", "create_layer_method"))
    if args is None or "name" not in args or "create_layer_method" not in args:
        return "its arguments are not (name, builder)"
    key = literal_value(args["name"])
    if not isinstance(key, str) or not key:
        n.key = code(args["name"])
        return "its name is not a literal string"
    n.key = key
    builder = args["create_layer_method"]
    method = _own_method(builder, m)
    if method is not None:
        return _method_builder(n, builder, method, m, reader)
    if not isinstance(builder, cst.Lambda) or builder.params.params or builder.params.star_arg not in (
            None, cst.MaybeSentinel.DEFAULT) or builder.params.kwonly_params or builder.params.star_kwarg:
        return (f"its builder {code(builder)} is not a lambda with no parameters or a method of "
                f"{m.cls.name.value}, which tf1to2 would have to follow")
    problem = _site_problem(n, m, reader)
    if problem is not None:
        return problem
    path = n.site.scope_path
    body = builder.body
    for call in nodes_of(body, cst.Call):
        qualified = reader.path(call.func)
        if qualified is not None and (qualified == GET_VARIABLE or blocking(qualified) is not None):
            return f"its builder calls {code(call.func)}, which needs the decorator"
    unseen = _unseen(body, m, reader, given)
    if unseen:
        return f"its builder reads {unseen}, which __init__ cannot see"
    if _functional(body, reader):
        # a functional model: its weights are its layers', which TF1 named by the layers'
        # own names (not under the model's); so each must be an object moved here too
        for call in nodes_of(body, cst.Call):
            if call is body:
                continue
            parts = dotted_parts(call.func) or []
            if len(parts) == 1 and parts[0] in given:  # a moved object's local
                continue
            q = reader.path(call.func) or ""
            if builds_keras_object(q) and parts and parts[-1] in WEIGHTLESS_LAYERS:
                continue
            return (f"its functional model calls {code(call.func)}, not a layer made by get_or_create_layer, whose "
                    "weights tf1to2 could name")
        n.builder = body
        return None
    if isinstance(body, cst.Call):
        # unnamed: Keras' default for its class (numbered as wrap-in-layer numbered its key)
        name = _keras_name(body, reader, key)
        if name is not None:
            computed = _computed_name(body)
            if computed:
                return f"its name={computed} is computed, so tf1to2 cannot tell the name TF1 gave it"
            n.tf1_name = "/".join([*path, name])
    n.builder = body
    return None


def _computed_name(call: cst.Call) -> Optional[str]:
    """The code of ``call``'s ``name=`` where it is not a literal string."""
    given = keyword_value(call, "name")
    return code(given) if given is not None and not isinstance(literal_value(given), str) else None


def _site_problem(n: _Nested, m: _Method, reader: _Reader) -> Optional[str]:
    """Why no get_or_create_layer call at ``n``'s place can become an attribute made in
    ``__init__``, whatever its builder, if it cannot."""
    if n.site.nested_function:
        return "it is in a nested function"
    if n.site.scope_path is None:
        return "a variable scope around it has a name computed at run time"
    if not reader.is_layer_class(m.cls, keras_only=False):
        return f"{m.cls.name.value} is neither a Keras layer nor a tf.Module, which track their attributes"
    init = find_method(m.cls, "__init__")
    if init is not None and (not isinstance(init.body, cst.IndentedBlock) or nodes_of(init, cst.Return)):
        return "its __init__ returns early or is on one line"
    return None


def _keras_name(call: cst.Call, reader: _Reader, default: str) -> Optional[str]:
    """The name a Keras object ``call`` makes has in TF1: its literal ``name=``, else its
    class's default (``sequential``; ``default`` where that is how the key numbered
    it); None for one no checkpoint names (a Dropout, not a Keras object)."""
    parts = dotted_parts(call.func)
    own = parts[0] if parts and len(parts) == 1 and parts[0] in reader.classes else None
    keras = builds_keras_object(reader.path(call.func)) or bool(own and reader.is_layer_class(reader.classes[own]))
    if not keras or (parts and parts[-1] in WEIGHTLESS_LAYERS):
        return None
    given = keyword_value(call, "name")
    name = literal_value(given) if given is not None else None
    if isinstance(name, str) and name:
        return name
    name = _snake(parts[-1]) if parts else default
    return default if re.fullmatch(re.escape(name) + r"(_\d+)?", default) else name


def _own_method(builder: cst.BaseExpression, m: _Method) -> Optional[cst.FunctionDef]:
    """The method of ``m``'s class ``builder`` is (``self.build_model``), if it is one."""
    parts = dotted_parts(builder)
    params = m.node.params.params
    if not parts or len(parts) != 2 or not params or parts[0] != params[0].name.value:
        return None
    return find_method(m.cls, parts[1])


def _method_builder(n: _Nested, builder: cst.BaseExpression, fn: cst.FunctionDef, m: _Method,
                    reader: _Reader) -> Optional[str]:
    """``get_or_create_layer(key, self.build_model)`` (the model-mapping guide's own
    example): ``self.attr = self.build_model()`` in ``__init__``, where the method takes
    nothing but ``self`` (other parameters have defaults), reads only what ``__init__``
    has, needs no decorator, and
    returns a Keras object tf1to2 can name: one made by a constructor (its TF1 name
    ``scope/name`` in the name map, as a lambda's), or a functional model, whose weights
    TF1 named by its layers (each layer made in the method has a literal ``name=``, and
    an entry ``scope/name`` → ``Class/attr/name``)."""
    what = f"its builder {code(builder)}"
    params = fn.params
    # get_or_create_layer calls it with nothing: parameters after self need defaults
    if not params.params or any(p.default is None for p in (*params.params[1:], *params.kwonly_params)) or \
            isinstance(params.star_arg, cst.Param) or params.star_kwarg or \
            params.posonly_params or not isinstance(fn.body, cst.IndentedBlock):
        return f"{what} takes arguments other than self (or ones without defaults)"
    if fn.decorators or fn.asynchronous or nodes_of(fn, (cst.Yield, cst.Await)):
        return f"{what} is decorated, asynchronous or a generator"
    problem = _site_problem(n, m, reader)
    if problem is not None:
        return problem
    for call in nodes_of(fn.body, cst.Call):
        qualified = reader.path(call.func)
        if qualified is not None and (qualified == GET_VARIABLE or blocking(qualified) is not None):
            return f"{what} calls {code(call.func)}, which needs the decorator"
    unseen = _unseen(list(fn.body.body), m, reader, builder=fn)
    if unseen:
        return f"{what} reads {unseen}, which __init__ cannot see"
    returns = nodes_of(fn.body, cst.Return)
    last = fn.body.body[-1] if fn.body.body else None
    if len(returns) != 1 or not (isinstance(last, cst.SimpleStatementLine) and last.body[0] is returns[0]) \
            or returns[0].value is None:
        return f"{what} does not end in its one return"
    made = returns[0].value
    if isinstance(made, cst.Name):
        made = _bound_once_in(fn).get(made.value)
    if not isinstance(made, cst.Call):
        return f"{what} returns something other than a Keras object it makes, which tf1to2 cannot name"
    path = n.site.scope_path
    if _functional(made, reader):
        for call in nodes_of(fn.body, cst.Call):
            q = reader.path(call.func) or ""
            if call is made or q in KERAS_INPUTS or not builds_keras_object(q):
                continue
            name = _keras_name(call, reader, "")
            if name is None:
                continue
            if keyword_value(call, "name") is None or _computed_name(call):
                return (f"{what} makes a functional model whose {code(call.func)} has no literal name=: TF1 "
                        "named its weights by it")
            n.entries["/".join([*path, name])] = name
    else:
        name = _keras_name(made, reader, n.key)
        if name is None and not (builds_keras_object(reader.path(made.func)) or
                                 (dotted_parts(made.func) or [""])[-1] in WEIGHTLESS_LAYERS):
            return f"{what} returns something other than a Keras object it makes, which tf1to2 cannot name"
        if name is not None:
            computed = _computed_name(made)
            if computed:
                return f"{what} makes a Keras object whose name={computed} is computed, so tf1to2 cannot tell its TF1 name"
            n.tf1_name = "/".join([*path, name])
    n.builder = cst.Call(func=builder)
    return None


def _variable_problem(v: _Variable, m: _Method, ctx: RuleContext, reader: _Reader,
                      root: Optional[str]) -> Optional[str]:
    if v.direct:
        given = keyword_value(v.call, "name")
        v.name = literal_value(given) if given is not None and isinstance(literal_value(given), str) else None
        args, problem = _direct_arguments(v.call, reader, root)
        if problem is not None:
            return problem
    else:
        args = bound_arguments(v.call, PARAMS)
        if args is None:
            return "it passes *args or **kwargs"
    v.args = args
    name = literal_value(args["name"]) if "name" in args else None
    if isinstance(name, str) and name:
        v.name = name
    site = v.site
    if not reader.is_layer_class(m.cls):
        return f"{m.cls.name.value} is not a Keras layer, which add_weight and build belong to"
    if m.node.name.value != "call":
        return f"it is in {m.node.name.value}(), not in call(), whose input shape build() gets"
    if site.nested_function:
        return "it is in a nested function"
    if site.loops:
        return "it is in a loop"
    if site.branches:
        return "it is in a branch (if / try / a conditional expression): build() makes weights unconditionally"
    if v.name is None:
        return "its name is not a literal string"
    path = site.scope_path
    if path is None:
        return "a variable scope around it has a name computed at run time"
    for frame in site.scopes if not v.direct else ():  # (a scope's defaults are get_variable's)
        given = {a.keyword.value for a in frame.node.items[0].item.args if a.keyword is not None}
        defaults = [k for k in SCOPE_DEFAULTS if k in given]
        if defaults:
            return f"its variable_scope sets {', '.join(defaults)} for it, which add_weight would not see"
    v.full = "/".join([*path, v.name])
    for key in args:
        if key not in PARAMS:
            return f"get_variable has no argument {key}="
        if key in ("name",) + CARRIED:
            continue
        if key not in HARMLESS or literal_value(args[key]) != HARMLESS[key]:
            return f"{key}={code(args[key])} has no add_weight counterpart"
    shape = args.get("shape")
    if shape is None or isinstance(shape, cst.Name) and shape.value == "None":
        return "it has no shape (its initializer holds the value), which add_weight needs"
    init = args.get("initializer")
    if init is not None and not _is_initializer(init, ctx, reader):
        return f"its initializer {code(init)} is not an initializer object (a value add_weight would not take)"
    reg = args.get("regularizer")
    if reg is not None and literal_value(reg) is not None:
        trainable = args.get("trainable")
        if trainable is not None and literal_value(trainable) is not True:
            return ("it has a regularizer and may not be trainable (Keras counts the regularizers of trainable "
                    "weights only)")
    params = [p.name.value for p in m.node.params.params]
    first = params[1] if len(params) > 1 else None
    inputs = _input_names(m.node, v.call, first, m.cls, reader)
    required = [p for p in m.node.params.params[1:] if p.default is None]
    for key in CARRIED:
        expr = args.get(key)
        if expr is None:
            continue
        reads = _reads(expr, inputs, key == "shape")
        if reads is None:
            return f"its {key} reads the input {first} other than for its static shape"
        if reads and len(required) > 1:
            return f"its {key} reads the shape of {first}, and call() takes several inputs"
        problem = _foreign(expr, inputs, m, reader)
        if problem:
            return f"its {key} reads {problem}, which build() cannot see"
    return None


# TF1's tf.Variable's parameters, in order; those add_weight has (the others at a value
# that changes nothing)
VARIABLE_PARAMS = ("initial_value", "trainable", "collections", "validate_shape", "caching_device", "name",
                   "variable_def", "dtype", "expected_shape", "import_scope", "constraint", "use_resource",
                   "synchronization", "aggregation", "shape")
VARIABLE_HARMLESS = {"collections": None, "validate_shape": True, "caching_device": None, "use_resource": True}
# ops that make a tf.Variable's initial value → (the initializer drawing the same values,
# the op's parameters in order, those the initializer takes)
_NORMAL = ("shape", "mean", "stddev", "dtype", "seed", "name")
INITIAL_VALUES = {
    "zeros": ("zeros_initializer", ("shape", "dtype", "name"), ()),
    "ones": ("ones_initializer", ("shape", "dtype", "name"), ()),
    "truncated_normal": ("truncated_normal_initializer", _NORMAL, ("mean", "stddev", "seed")),
    "random.truncated_normal": ("truncated_normal_initializer", _NORMAL, ("mean", "stddev", "seed")),
    "random_normal": ("random_normal_initializer", _NORMAL, ("mean", "stddev", "seed")),
    "random.normal": ("random_normal_initializer", _NORMAL, ("mean", "stddev", "seed")),
    "random_uniform": ("random_uniform_initializer", ("shape", "minval", "maxval", "dtype", "seed", "name"),
                       ("minval", "maxval", "seed")),
    "random.uniform": ("random_uniform_initializer", ("shape", "minval", "maxval", "dtype", "seed", "name"),
                       ("minval", "maxval", "seed")),
}


def _direct_arguments(call: cst.Call, reader: _Reader, root: Optional[str]) -> tuple:
    """A ``tf.compat.v1.Variable(initial_value, ...)`` call as get_variable's arguments
    (``name``, ``shape``, ``initializer``, ``dtype``, ``trainable``, ``constraint``), the
    initializer drawing what the initial value drew; (args, None) or (None, why not)."""
    args = bound_arguments(call, VARIABLE_PARAMS, known_only=True)
    if args is None:
        return None, "it passes *args or **kwargs"
    for key, value in VARIABLE_HARMLESS.items():
        if key in args and literal_value(args[key]) != value:
            return None, f"{key}={code(args[key])} has no add_weight counterpart"
    odd = [k for k in args if k not in VARIABLE_HARMLESS and k not in ("initial_value", "name", "trainable", "dtype",
                                                                         "constraint")]
    if odd:
        return None, f"{odd[0]}= has no add_weight counterpart"
    if "initial_value" not in args:
        return None, "it has no initial value"
    v1 = f"{root}.compat.v1" if root else None
    if v1 is None:
        return None, "the module does not import tensorflow, which the initializer would need"
    out = {k: args[k] for k in ("trainable", "dtype", "constraint") if k in args}
    out["name"] = args.get("name", cst.SimpleString('"Variable"'))
    init = args["initial_value"]
    number = literal_value(init)
    if isinstance(number, float) or (isinstance(number, int) and not isinstance(number, bool) and "dtype" in args):
        out["shape"] = cst.parse_expression("[]")
        out["initializer"] = cst.parse_expression(f"{v1}.constant_initializer({code(init)})")
        return out, None
    path = reader.path(init.func) if isinstance(init, cst.Call) else None
    tail = path[len("tf.compat.v1."):] if path and path.startswith("tf.compat.v1.") else \
        path[len("tf."):] if path and path.startswith("tf.") else None
    if tail == "constant":
        given = bound_arguments(init, ("value", "dtype", "shape", "name", "verify_shape"), known_only=True)
        value = literal_value(given["value"]) if given and "value" in given else None
        if not isinstance(value, (int, float)) or isinstance(value, bool) or (
                isinstance(value, int) and "dtype" not in given and "dtype" not in args):
            return None, "its initial value is a constant tf1to2 cannot size (not one float, filled in a shape)"
        out["shape"] = given.get("shape", cst.parse_expression("[]"))
        out["initializer"] = cst.parse_expression(f"{v1}.constant_initializer({code(given['value'])})")
        if "dtype" in given and "dtype" not in out:
            out["dtype"] = given["dtype"]
        return out, None
    if tail not in INITIAL_VALUES:
        return None, ("its initial value is not a float or a zeros / ones / constant / random op (whose values an "
                      "initializer draws alike)")
    initializer, params, taken = INITIAL_VALUES[tail]
    given = bound_arguments(init, params, known_only=True)
    if given is None or "shape" not in given:
        return None, f"its initial value {code(init.func)}(...) passes *args or **kwargs, or no shape"
    out["shape"] = given["shape"]
    if "dtype" in given and "dtype" not in out:
        out["dtype"] = given["dtype"]
    keywords = ", ".join(f"{k}={code(given[k])}" for k in taken if k in given)
    out["initializer"] = cst.parse_expression(f"{v1}.{initializer}({keywords})")
    return out, None


def _is_initializer(expr: cst.BaseExpression, ctx: RuleContext, reader: _Reader, depth: int = 0) -> bool:
    if isinstance(literal_value(expr), str):
        return True
    if isinstance(expr, (cst.Call, cst.Attribute)):
        # an initializer object, or its class (``tf.compat.v1.initializers.zeros``), which
        # add_weight builds with its defaults as get_variable did
        path = reader.path(expr.func if isinstance(expr, cst.Call) else expr) or ""
        return "initializer" in path.lower() and (path.startswith(("tf.", "keras.", "tf_slim.")))
    if isinstance(expr, cst.Name) and depth < 3:
        values = reader.module_values.get(expr.value)
        return bool(values) and len(values) == 1 and values[0] is not None and \
            _is_initializer(values[0], ctx, reader, depth + 1)
    return False


def _input_names(method: cst.FunctionDef, call: cst.Call, first: Optional[str], cls: Optional[cst.ClassDef] = None,
                 reader: Optional["_Reader"] = None) -> dict:
    """The names whose static shape ``build()`` can work out where ``call`` runs → the
    layers the input went through to them (``()`` for the input itself): ``call()``'s
    input parameter, unless reassigned before; locals assigned only from it before (the
    guide's ``out = inputs``); and locals assigned once before from a Keras layer held in
    ``__init__`` called on one of those (``net = self.conv(inputs)``), whose shape its
    ``compute_output_shape`` gives."""
    if first is None:
        return {}
    assigned: dict = {}

    class _Before(Visitor):
        done = False

        def on_visit(self, node: cst.CSTNode) -> bool:
            if node is call:
                self.done = True
            return not self.done and super().on_visit(node)

        def visit_Assign(self, node: cst.Assign) -> None:
            for t in node.targets:
                for n in target_names(t.target):
                    assigned.setdefault(n, []).append(node.value)

        def visit_AugAssign(self, node: cst.AugAssign) -> None:
            for n in target_names(node.target):
                assigned.setdefault(n, []).append(None)
    walk(method.body, _Before())
    if first in assigned:
        return {}  # the input was replaced before: its shape is not build()'s
    names = {first: ()}
    layers = reader.shape_layers(cls) if cls is not None and reader is not None else set()
    for n, values in assigned.items():  # (in the order they are first assigned)
        if len(values) != 1:
            continue
        value = values[0]
        if isinstance(value, cst.Name) and value.value == first:
            names[n] = ()
        elif isinstance(value, cst.Call) and value.args and value.args[0].keyword is None and \
                not value.args[0].star and isinstance(value.args[0].value, cst.Name) and \
                value.args[0].value.value in names and all(a.keyword is not None for a in value.args[1:]):
            parts = dotted_parts(value.func)
            if parts and len(parts) == 2 and parts[0] == "self" and parts[1] in layers:
                names[n] = (*names[value.args[0].value.value], parts[1])
    return names


# Keras layers whose compute_output_shape works before they are built (in build(), from
# the input's shape), in Keras 3 and tf-keras alike
SHAPE_LAYERS = frozenset({
    "Dense", "Conv1D", "Conv2D", "Conv3D", "SeparableConv1D", "SeparableConv2D", "DepthwiseConv2D",
    "Conv1DTranspose", "Conv2DTranspose", "Conv3DTranspose", "BatchNormalization", "LayerNormalization",
    "MaxPooling1D", "MaxPooling2D", "MaxPooling3D", "AveragePooling1D", "AveragePooling2D", "AveragePooling3D",
    "MaxPool1D", "MaxPool2D", "MaxPool3D", "AvgPool1D", "AvgPool2D", "AvgPool3D", "Activation", "ReLU",
    "LeakyReLU", "ELU", "Softmax", "Dropout", "ZeroPadding1D", "ZeroPadding2D", "ZeroPadding3D",
})


def _shape_read(expr: cst.BaseExpression, first: dict) -> Optional[tuple]:
    """``x.shape`` / ``x.get_shape()`` (+ ``.as_list()``) for ``x`` in ``first`` → ("plain"
    or "list", the layers between the input and ``x``); None for anything else."""
    listed = False
    if isinstance(expr, cst.Call) and not expr.args and isinstance(expr.func, cst.Attribute) and \
            expr.func.attr.value == "as_list":
        listed, expr = True, expr.func.value
    if isinstance(expr, cst.Call) and not expr.args and isinstance(expr.func, cst.Attribute) and \
            expr.func.attr.value == "get_shape":
        expr = expr.func.value
    elif isinstance(expr, cst.Attribute) and expr.attr.value == "shape":
        expr = expr.value
    else:
        return None
    if isinstance(expr, cst.Name) and expr.value in first:
        return ("list" if listed else "plain", first[expr.value])
    return None


def _reads(expr: cst.BaseExpression, first: dict, shape_ok: bool) -> Optional[bool]:
    """Whether ``expr`` reads the input's static shape (True), not at all (False), or
    otherwise (None)."""
    class _Find(Visitor):
        def __init__(self) -> None:
            self.shape = 0
            self.other = False
            self.inside = 0

        def on_visit(self, node: cst.CSTNode) -> bool:
            if _shape_read(node, first) is not None:
                self.shape += 1
                return False
            if isinstance(node, cst.Name) and node.value in first:
                self.other = True
            return True
    if not first:
        return False
    v = _Find()
    walk(expr, v)
    if v.other or (v.shape and not shape_ok):
        return None
    return bool(v.shape)


def _foreign(expr: cst.BaseExpression, first: dict, m: _Method, reader: _Reader) -> Optional[str]:
    """A value ``expr`` reads that ``build`` would not have (a local of ``call``, an
    attribute only ``call`` sets), or None."""
    class _Strip(Transformer):
        def on_leave(self, original_node, updated_node):
            if _shape_read(original_node, first) is not None:
                return cst.Name("input_shape")
            return updated_node
    stripped = transform(expr, _Strip()) if first else expr
    return _unseen(stripped, m, reader, {"input_shape"})


def _unseen(expr, m: _Method, reader: _Reader, given: frozenset = frozenset(),
            builder: Optional[cst.FunctionDef] = None) -> Optional[str]:
    """A value ``expr`` reads that ``__init__`` / ``build`` would not have: a local of the
    method, a name not defined at module level, an attribute ``__init__`` does not set
    (or the method sets); None where it reads none (``given`` names aside). For the body
    of a ``builder`` method (``expr``, its statements) its own names are its own, and
    the method's locals are not in its reach."""
    local = set() if builder is not None else bindings(m.node).names - {"self"}
    if builder is not None:
        given = frozenset(given | bindings(builder).names)
    deps = dependencies(expr if isinstance(expr, (list, tuple)) else [expr])
    for name in sorted(deps.names - {"self", *given}):
        if name in local:
            return f"{name} (a value of {m.node.name.value}())"
        if name not in reader.module_names and not hasattr(builtins, name):
            return f"{name} (not defined at module level)"
    init = find_method(m.cls, "__init__")
    available = (self_attributes(init) if init is not None else set()) | class_body_names(m.cls) | KERAS_ATTRIBUTES
    for attr in sorted(deps.self_attrs):
        if attr not in available or attr in self_attributes(m.node):
            return f"self.{attr} (not set in __init__)"
    return None


def _name_attributes(variables: list, cls: cst.ClassDef) -> None:
    taken = set(class_names(cls)) | KERAS_ATTRIBUTES
    for v in variables:
        parts = [re.sub(r"\W", "_", p) for p in v.full.split("/")]
        candidates = [parts[-1], "_".join(parts), parts[-1] + "_weight"]
        local = _bound_local(v.call, v.site)
        if v.direct and local and re.fullmatch(r"Variable(_\d+)?", parts[-1]):
            candidates.insert(0, local)  # an unnamed tf.Variable: the local it is bound to (w = ...)
        attr = None
        for c in candidates:
            c = c if c and not c[0].isdigit() else "w_" + c
            if c.isidentifier() and not _keyword.iskeyword(c) and c not in taken:
                attr = c
                break
        i = 2
        while attr is None:
            c = f"{candidates[0]}_{i}"
            if c.isidentifier() and c not in taken:
                attr = c
            i += 1
        taken.add(attr)
        v.attr = attr


def _bound_local(call: cst.Call, site: Site) -> Optional[str]:
    """The local a statement of its own binds ``call`` to (``w = tf.compat.v1.Variable(...)``,
    ``head = get_or_create_layer(...)``), if so."""
    stmt = site.statement
    if isinstance(stmt, cst.SimpleStatementLine) and len(stmt.body) == 1 and isinstance(stmt.body[0], cst.Assign) \
            and stmt.body[0].value is call and len(stmt.body[0].targets) == 1 and \
            isinstance(stmt.body[0].targets[0].target, cst.Name):
        return stmt.body[0].targets[0].target.value
    return None


def _build_param(cls: cst.ClassDef) -> Optional[str]:
    build = find_method(cls, "build")
    if build is None:
        return None
    params = build.params.params
    return params[1].name.value if len(params) > 1 else None


def _add_weight(v: _Variable, m: _Method, ctx: RuleContext, reader: _Reader,
                root: Optional[str]) -> cst.SimpleStatementLine:
    param = _build_param(m.cls) or "input_shape"
    params = [p.name.value for p in m.node.params.params]
    first = _input_names(m.node, v.call, params[1] if len(params) > 1 else None, m.cls, reader)

    class _Shape(Transformer):
        def on_leave(self, original_node, updated_node):
            read = _shape_read(original_node, first)
            if read is None:
                return updated_node
            kind, layers = read
            shape = param
            for attr in layers:  # the shape after each layer the input went through
                shape = f"self.{attr}.compute_output_shape({shape})"
            expr = cst.parse_expression(shape)
            return expr if kind == "plain" else cst.Call(cst.Name("list"), [cst.Arg(expr)])

    parts = [f'name="{v.attr}"']
    for key in CARRIED:
        expr = v.args.get(key)
        if expr is None or (key == "regularizer" and literal_value(expr) is None and code(expr) == "None"):
            continue
        text = code(transform(expr, _Shape()) if first else expr)
        if key == "regularizer" and not _keras_regularizer(expr, reader):
            # Keras hands a regularizer its own variable type: a TF1 one gets the value
            arg = "variable" if "variable" not in free_names(expr) else "variable_"
            if not isinstance(expr, (cst.Call, cst.Name, cst.Attribute)):
                text = f"({text})"
            text = f"lambda {arg}: {text}({root or 'tf'}.convert_to_tensor({arg}))"
        parts.append(f"{key}={text}")
    line = f"self.{v.attr} = self.add_weight({', '.join(parts)})"
    indent = ctx.module.default_indent
    column = len(m.cls.body.indent if isinstance(m.cls.body, cst.IndentedBlock) and m.cls.body.indent is not None
                 else indent) + len(indent)
    if column + len(line) > 99 and all("\n" not in p for p in parts):
        hang = "\n    "  # continuation lines: the block's indentation (LibCST adds it) and a hanging indent
        line = f"self.{v.attr} = self.add_weight({hang}" + f",{hang}".join(parts) + ")"
    return cst.parse_statement(line + "\n", config=ctx.module.config_for_parsing)


def _keras_regularizer(expr: cst.BaseExpression, reader: _Reader) -> bool:
    """A Keras regularizer (``tf.keras.regularizers.l2(...)``, a string), which Keras' own
    variables suit; a TF1 one is called on the value (``_add_weight``)."""
    if isinstance(literal_value(expr), str):
        return True
    path = reader.path(expr.func if isinstance(expr, cst.Call) else expr) or ""
    return path.startswith("tf.keras.regularizers.")


def _insert_method(body: list, at: int, new: cst.FunctionDef) -> None:
    """``new`` into a class body before ``body[at]``, set apart from what is above as
    that statement was; the comments above it stay with it."""
    blank = []
    for line in body[at].leading_lines:
        if line.comment is not None:
            break
        blank.append(cst.EmptyLine(indent=False))
    if not blank or at == 0:
        body[at] = body[at].with_changes(leading_lines=[cst.EmptyLine(indent=False), *body[at].leading_lines])
    body.insert(at, new.with_changes(leading_lines=blank))


class _Apply(Unwrapper):
    def __init__(self, plan: _Plan) -> None:
        super().__init__()
        self.plan = plan

    def leave_ClassDef(self, original_node, updated_node):
        updated_node = self._made_in_init(original_node, updated_node)
        variables = self.plan.variables.get(id(original_node))
        if not variables or not isinstance(updated_node.body, cst.IndentedBlock):
            return updated_node
        statements = [v.statement for v in variables]
        body = list(updated_node.body.body)
        build = next((i for i, s in enumerate(body) if isinstance(s, cst.FunctionDef) and s.name.value == "build"),
                     None)
        if build is not None:
            fn = body[build]
            inner = list(fn.body.body)
            last = inner[-1] if inner else None
            at = len(inner) - 1 if last is not None and "super()" in code(last) and ".build(" in code(last) else \
                len(inner)
            body[build] = fn.with_changes(body=fn.body.with_changes(body=inner[:at] + statements + inner[at:]))
        else:
            call = self.plan.call_method[id(original_node)]
            at = next(i for i, s in enumerate(body) if isinstance(s, cst.FunctionDef) and s.name.value ==
                      call.name.value)
            param = self.plan.build_param[id(original_node)]
            if self.plan.super_build.get(id(original_node)):
                statements = [cst.parse_statement(f"super().build({param})\n"), *statements]
            new = cst.FunctionDef(
                name=cst.Name("build"),
                params=cst.Parameters([cst.Param(cst.Name("self")), cst.Param(cst.Name(param))]),
                body=cst.IndentedBlock(statements),
            )
            _insert_method(body, at, new)
        return updated_node.with_changes(body=updated_node.body.with_changes(body=body))

    def _made_in_init(self, original_node, updated_node):
        """``self.attr = EXPR`` for each get_or_create_layer moved, at the end of
        ``__init__`` (written when the class has none)."""
        nested = self.plan.inits.get(id(original_node))
        if not nested or not isinstance(updated_node.body, cst.IndentedBlock):
            return updated_node
        config = self.plan.config
        body = list(updated_node.body.body)
        at = next((i for i, s in enumerate(body) if isinstance(s, cst.FunctionDef) and s.name.value == "__init__"),
                  None)
        indent = self.plan.indent
        column = len(updated_node.body.indent if updated_node.body.indent is not None else indent) + len(
            body[at].body.indent if at is not None and body[at].body.indent is not None else indent)
        statements = [cst.parse_statement(code(stmt).strip() + "\n", config=config)
                      for stmt in self.plan.inputs.get(id(original_node), [])]
        statements += [cst.parse_statement(_assignment(n, column), config=config) for n in nested]
        if at is not None:
            fn = body[at]
            body[at] = fn.with_changes(body=fn.body.with_changes(body=[*fn.body.body, *statements]))
        else:
            star = "*args, " if self.plan.star_args.get(id(original_node)) else ""
            init = cst.parse_statement(f"def __init__(self, {star}**kwargs):\n    super().__init__({star}**kwargs)\n",
                                       config=config)
            init = init.with_changes(body=init.body.with_changes(body=[*init.body.body, *statements]))
            # (before the first method: the decorated one, at the latest)
            _insert_method(body, next(i for i, s in enumerate(body) if isinstance(s, cst.FunctionDef)), init)
        return updated_node.with_changes(body=updated_node.body.with_changes(body=body))

    def leave_FunctionDef(self, original_node, updated_node):
        if id(original_node) not in self.plan.natives:
            return updated_node
        kept, carry = [], []  # comments above a removed decorator stay above what follows it
        for d in updated_node.decorators:
            if (dotted_parts(d.decorator) or [""])[-1] == DECORATOR:
                if (dotted_parts(d.decorator) or [""])[0] == SHIM:  # tf-api's spelling of tf-keras' decorator
                    self.plan.module_spelled = True
                carry += d.leading_lines
                if d.trailing_whitespace.comment is not None:
                    carry.append(cst.EmptyLine(comment=d.trailing_whitespace.comment))
                continue
            if carry:
                d, carry = d.with_changes(leading_lines=[*carry, *d.leading_lines]), []
            kept.append(d)
        after = [*carry, *updated_node.lines_after_decorators]
        if not kept:
            return updated_node.with_changes(decorators=(), lines_after_decorators=(),
                                             leading_lines=[*updated_node.leading_lines, *after])
        return updated_node.with_changes(decorators=kept, lines_after_decorators=after)

    def leave_Call(self, original_node, updated_node):
        attr = self.plan.calls.get(id(original_node))
        if attr is None:
            return updated_node
        return cst.Attribute(cst.Name("self"), cst.Name(attr))

    leave_Name = leave_Call  # a local that held a get_or_create_layer's object

    def leave_With(self, original_node, updated_node):
        if id(original_node) not in self.plan.scopes:
            return updated_node
        return self.unwrap(updated_node)

    def leave_SimpleStatementLine(self, original_node, updated_node):
        if id(original_node) in self.plan.records:
            return self.remove(updated_node)
        return updated_node
