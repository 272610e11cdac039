"""TF1 model functions → Keras layers whose ``call`` is decorated with
``track_tf1_style_variables``.

## What it does
A module-level function that builds a model TF1-style (it creates variables through
``get_variable``, ``tf.compat.v1.layers`` or TF1's ``tf.Variable``, runs a TF1 RNN cell
through ``dynamic_rnn`` & co, which makes the cell's variables, or calls functions of the
same module that do; a helper that only builds a cell and returns it makes none) and takes the input tensor as its first argument becomes a
``tf.keras.layers.Layer`` subclass named after it in CamelCase (``generator`` →
``Generator``, ``vgg_a`` → ``VggA``). Where the first parameter is only passed to TF
calls as a setting and a later one is used as a tensor (dopamine's
``nature_dqn_network(num_actions, network_type, state)``), that later one is the input and
the first is a setting like the others: Keras 3 takes only tensors by position, so
``NatureDqnNetwork()(3, state=x)`` would raise.

- the other parameters that configure the model become keyword arguments of
  ``__init__`` with the same names and defaults, stored on the instance
  (``units`` → ``self.units`` in the body);
- ``is_training`` / ``training`` becomes ``call``'s ``training=None`` argument;
- parameters used as tensors stay arguments of ``call`` (one given first to a
  TensorFlow class the forward pass builds, ``Dense(units)``, ``LSTMCell(num_units)``,
  ``LuongAttention(num_units, memory)``, is a setting: ``tf.Variable``'s first is a
  tensor);
- ``call`` is decorated with ``tf1to2.track_tf1_style_variables`` and *is* the
  function's body: it is moved, not copied;
- v1 layers without ``name=`` outside any named ``variable_scope`` would take a new
  name on every call under the shim (the guide's warning); the rule gives each the
  name it took in TF1 (``name="dense"``), so variables keep their names and are reused.
  Where that name depends on a loop or a branch they stay unnamed: the shim's decorator
  numbers auto-named scopes afresh in each call, so each call takes TF1's names;
- its one call in the module becomes ``Generator(...)(...)``, where that call runs once:
  at module level, outside any loop. A call in TF1 graph-building code (a function's,
  or the module's own top-level code: placeholders, sessions, collections,
  ``global_step``, ``tf.Graph()``) stays a call of the function, which is kept
  with its layer added after it (below): in a TF1 graph a Keras layer's variables do not
  keep their TF1 names (Keras 3 names them ``net/kernel``, tf-keras prefixes the
  layer's name), so a ``Saver``'s checkpoints would no longer restore.

A Keras object the function's own code builds (``tf.keras.layers.Dense(3)(x)``,
``net = tf.keras.Sequential([...])``, the guide's functional ``tf.keras.Model``) was
built once per TF1 graph; in a layer's call it would be built, with new weights, on
every call. Where it is built once per run of the function (not in a loop, a nested
function or a lambda) it becomes ``get_or_create_layer("net", lambda: <the call>)``,
the model-mapping guide's nested-model step: made on the first call, under the
variable scope and the name it is assigned to (else its ``name=``, else its class's),
and returned on the later ones. Its weights keep the names TF1's tf.keras gave them
(``scope/sequential/dense/kernel``) where each Keras layer in it has a ``name=``; where
one has none, TF1 numbered it across the whole graph (``dense_1``), and the rule says
so at the line. (tf1to2's ``load_tf1_checkpoint`` maps these names under Keras 3;
tf-keras' own ``get_or_create_layer`` names them by its eager name scopes, and loading
there says which weights no name reaches.) A function that builds one and is itself
a helper of another, or is kept with its layer added after it (below), stays a
function with a warning: ``get_or_create_layer`` works only in a decorated call.

A module-level ``make_template`` template
(``scale_by_y = tf.compat.v1.make_template("scale_by_y", my_op, scalar_name="y")``,
``my_op`` a function of the module) that one module function alone calls makes that
function a model function: where it becomes a layer, the template moves into the
layer's ``__init__`` (``self.scale_by_y = ...``, with its comments) and the calls read
``self.scale_by_y``: the model-mapping guide's
``CompatV1TemplateScaleByY``, one template per layer, made once, its variables made at
the first call under the decorator with their TF1 names (``scale_by_y/y``, or
``model/scale_by_y/y`` in a scope) and reused by the later calls, as TF1's. ``my_op``
stays a function, and nothing is said of it: it is the template's. A template that
stays where it is (called by several functions, which in TF1 share its variables; by
module-level code; handed on as a value; imported by another file; made with
``create_scope_now_``, which took its scope where it was made; the caller kept as a
function) keeps its callers, and a layer building it once in ``__init__`` is added after
it, with a warning.

A function that only calls model functions (``block()`` calling ``attn()`` calling
``conv1d()``) is part of the forward pass too. Functions that such a forward pass calls
are its helpers and stay functions: they run inside the decorated ``call`` of the
function that calls them, and their variables are tracked there. So only the outermost
function (GPT-2's ``model()``, a GAN's ``build()``) becomes a layer, and no layer is
ever built in code that runs once per forward pass.

Where the one call may run many times (in an eager training step, a loop, a method) or
there are several calls (which in TF1 may share variables through their scopes), the
function is kept, and its layer is added after it as for importers (below), with a
warning at the call: build the layer once and call it there.

The same happens where the function (or one it calls) fills a TF1 collection that code
of the run still reads: batch norm's ``UPDATE_OPS`` (``tf.get_collection(UPDATE_OPS)``,
slim's ``create_train_op``) or regularizers' ``REGULARIZATION_LOSSES``
(``get_regularization_loss``, ``get_total_loss``), in this module or in a file that may
reach it. A Keras layer fills neither, so that code would silently lose the moving
averages or the regularization; the warning says what to use once it moves to the layer.

A function other files of the run import (``from model import classifier``), or that
the module's ``__all__`` exports, keeps its name and body, since its importers would
break: its layer is added after it, a ``call`` that calls it with the layer's settings
(``is_training=training``), and a warning names the importer. Its callers are not
changed.

A Keras layer of the module (a class deriving from ``tf.keras.layers.Layer`` / ``Model``
/ ``Sequential``, however imported, or from such a class of the module) whose ``build``
or ``call`` makes variables TF1-style (``get_variable``, TF1's ``tf.Variable``, v1
layer functions, TF1's RNN functions: t3f's ``KerasDense.build``; not a v1 layer object
made, which later stages turn into a Keras layer) gets ``@track_tf1_style_variables``
on that method. Keras 3 tracks no variable it did not make itself: without it the layer's
weights are empty (nothing trains, saves or loads them; a call would make new ones each
time). In ``build`` the decorator names a ``tf.Variable`` below the layer's name
(``scale/w``), as TF1's Keras named it in its graph: the layer's name in this process,
which Keras 3 numbers across the process (a second layer of the class is ``scale_1``),
where TF1 numbered it per graph (``load_tf1_checkpoint`` names what it misses). Any other
method of such a layer making variables TF1-style is warned at the line.

## Why
The guide's first step (``DenseLayer``, ``CompatV1LayerModel``): a TF1 forward pass
inside a decorated Keras layer runs eagerly in TF2 with its TF1 variable names, so TF1
checkpoints load unchanged, and stages 4 and 5 can then migrate it layer by layer.

## Will not touch (and says why, on the line)
A function that reads the graph (``get_default_graph``, collections), builds a training
step (placeholders, sessions, optimizers, ``global_step``) or calls a function of the
module that runs one (a training driver: kfac's ``train_mnist_*`` building the model and
calling ``minimize_loss_*``; nothing is said, and a model function it calls is graph
code's), returns ops, creates layers
in a loop whose count depends on a tensor, is a generator or decorated, takes
``*args``/``**kwargs``, has a parameter Keras reserves (``name``, ``dtype``, ...) or one
named ``self``, or is used other than by being called in this module (passed to
``make_template``, ...). A function that reads or writes checkpoints (the checkpoint
guide's ``convert_tf1_to_tf2``: its variables only carry values to copy; it is left
without a warning, since it runs as it is and is not a model) stays a function. A TF1
Hub module (``hub.Module``) or a ``hub.load`` the function makes once per run is made
once through ``get_or_create_layer``, as Keras objects are (the ``tf-hub`` stage turns
``hub.Module`` into ``hub.load``); a trainable ``hub.Module`` (TF2 cannot fine-tune the
TF1 Hub format) and ``hub.KerasLayer`` (a tf-keras layer, which a Keras 3 layer cannot
hold) keep the function a function, with a warning. So does TF2's ``tf.Variable``
(``tf.compat.v2.Variable``): tf1to2's decorator makes TF1's (``tf.compat.v1.Variable``,
as stage 0 spells it) once, under both Kerases, and names it as TF1 did (its variable
scope, ``Variable`` unless named, numbered), but cannot tell TF2's from a Keras weight.

## Fix safety
Keeps variable names (golden numeric tests build the TF1 function and the layer and
compare names, outputs and regularization losses). Callers in *other* modules must be
updated by hand: the change message says so.
"""
from __future__ import annotations

import ast
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional

import libcst as cst

from rules.aliases import TFVisitor, dotted_parts
from rules.base import Facts, Rule, RuleContext, mentioning
from rules import tf_hub as hub_rule
from rules.edit import (NameReplacer, PackageNames, add_import, bound_arguments, code, expression, is_docstring,
                        keyword, keyword_value, literal_value,
                        module_imports, nodes_of, rebuild_args)
from rules.model_walk import (GET_OR_CREATE_LAYER, LOOPS, RNN_FUNCTIONS, VARIABLE_SCOPE, WEIGHTLESS_LAYERS,
                              ModuleClasses, bindings,
                              builds_keras_object, is_tracked, variable_scope_name)
from rules.v1_layers import BY_CLASS, KERAS_LAYER_ATTRIBUTES, SPECS, V1_LAYERS, snake_case
from rules.visitors import Transformer, Visitor, transform, walk

TRAINING_NAMES = ("is_training", "training")
_TENSOR_KEYWORDS = ("inputs", "input", "x", "value", "values", "tensor", "features", "logits")
# TensorFlow classes whose first argument is a tensor; any other class a TF1 forward pass
# builds takes a setting first (``Dense(units)``, ``LSTMCell(num_units)``,
# ``LuongAttention(num_units, memory)``), not an input
_TENSOR_CLASSES = ("Variable", "SparseTensor", "IndexedSlices", "RaggedTensor", "SparseTensorValue", "TrainingHelper",
                   "ScheduledEmbeddingTrainingHelper", "ScheduledOutputTrainingHelper")


def _takes_setting_first(q: str) -> bool:
    """Whether the TensorFlow (or shim) callable ``q`` is a class built with a setting as
    its first argument."""
    last = q.rpartition(".")[2]
    return last[:1].isupper() and last not in _TENSOR_CLASSES

_VARIABLE_MAKERS = ("tf.compat.v1.get_variable", "tf.compat.v1.Variable")
_RNN_RUNNERS = tuple(f"tf.compat.v1.nn.{f}" for f in RNN_FUNCTIONS)  # they run a cell, which makes variables
_TF2_VARIABLE = "tf.Variable"  # (canonical: tf.compat.v2.Variable; TF1's tf.Variable is tf.compat.v1.Variable)
_BLOCKERS = {
    "tf.compat.v1.get_default_graph": "reads the default graph",
    "tf.compat.v1.get_collection": "reads graph collections",
    "tf.compat.v1.get_collection_ref": "reads graph collections",
    "tf.compat.v1.add_to_collection": "writes graph collections",
    "tf.compat.v1.add_to_collections": "writes graph collections",
    "tf.compat.v1.placeholder": "builds placeholders",
    "tf.compat.v1.Session": "runs a session",
    "tf.compat.v1.InteractiveSession": "runs a session",
    "tf.compat.v1.train.get_or_create_global_step": "uses global_step",
    "tf.compat.v1.train.get_global_step": "uses global_step",
    "tf.compat.v1.group": "returns ops",
    "tf.compat.v1.no_op": "returns ops",
    "tf.compat.v1.assign": "returns ops",
    "tf.compat.v1.assign_add": "returns ops",
    "tf.compat.v1.global_variables_initializer": "builds an initializer op",
    "tf.compat.v1.summary.scalar": "writes TF1 summaries",
    "tf.compat.v1.summary.histogram": "writes TF1 summaries",
    "tf.compat.v1.summary.image": "writes TF1 summaries",
}
# What a training driver does (a session, placeholders, global_step, the initializer):
# it cannot run in a layer's call, and neither can a function calling it (``inner``)
_DRIVERS = frozenset({"tf.compat.v1.placeholder", "tf.compat.v1.Session", "tf.compat.v1.InteractiveSession",
                      "tf.compat.v1.train.get_or_create_global_step", "tf.compat.v1.train.get_global_step",
                      "tf.compat.v1.global_variables_initializer"})
# Calls that make a function something other than a model's forward pass: it reads or
# writes checkpoints (the checkpoint guide's ``convert_tf1_to_tf2`` makes tf.Variables only
# to copy values into a new checkpoint). Such a function is a tool, not a layer: it stays a
# function, and nothing is said (it runs as it is; the guide's tools are TF2 code).
_TOOL = "it handles checkpoints: a tool, not a model's forward pass"
_CHECKPOINT_TOOLS = frozenset(f"tf.compat.v1.{name}" for name in (
    "train.load_checkpoint", "train.list_variables", "train.load_variable", "train.NewCheckpointReader",
    "train.checkpoint_exists", "train.latest_checkpoint", "train.get_checkpoint_state", "train.Saver",
    "train.Checkpoint", "train.CheckpointManager", "train.init_from_checkpoint", "train.import_meta_graph",
    "saved_model.load", "saved_model.save", "saved_model.simple_save", "saved_model.loader.load",
    "saved_model.Builder", "saved_model.builder.SavedModelBuilder"))
MAKE_TEMPLATE = "tf.compat.v1.make_template"
# A function handed to make_template is the template's: it stays a function, and the
# template (where it is made, or the layer it moved into) says what became of it.
_TEMPLATE_FUNCTION = "it is a make_template template's function"
# What builds ops in eager code too; everything else ``_BLOCKERS`` names builds a TF1
# graph wherever it runs.
_OP_BUILDERS = frozenset({"tf.compat.v1.group", "tf.compat.v1.no_op", "tf.compat.v1.assign",
                          "tf.compat.v1.assign_add"})
# Module-level code calling these builds and runs a TF1 graph.
_MODULE_GRAPH = frozenset(_BLOCKERS) - _OP_BUILDERS | {"tf.Graph", "tf.compat.v1.Graph"}  # (tf1to2.Graph too: qualify)
# TF1 collections a model function fills in a graph (batch norm's moving-average updates,
# regularizers' losses), and the calls that read them. A Keras layer fills neither, so a
# function stays a function while code of the run still reads what it fills.
UPDATE_OPS, REGULARIZATION = "UPDATE_OPS", "REGULARIZATION_LOSSES"
_REGULARIZER_KEYWORDS = frozenset({
    "regularizer", "kernel_regularizer", "bias_regularizer", "activity_regularizer", "depthwise_regularizer",
    "pointwise_regularizer", "beta_regularizer", "gamma_regularizer", "weights_regularizer", "biases_regularizer"})
_COLLECTION_READERS = {"get_collection": None, "get_collection_ref": None,
                       "get_regularization_loss": REGULARIZATION, "get_regularization_losses": REGULARIZATION,
                       "get_total_loss": REGULARIZATION, "create_train_op": UPDATE_OPS}


def collection_read(func_name: Optional[str], first_arg: str) -> Optional[str]:
    """The collection a call reads (``UPDATE_OPS`` / ``REGULARIZATION_LOSSES``), from the
    called name's last part and the code of its first argument, or None."""
    if func_name not in _COLLECTION_READERS:
        return None
    kind = _COLLECTION_READERS[func_name]
    if kind is not None:
        return kind
    if "UPDATE_OPS" in first_arg or "update_ops" in first_arg:
        return UPDATE_OPS
    if "REGULARIZATION_LOSSES" in first_arg or "regularization_losses" in first_arg:
        return REGULARIZATION
    return None


_BLOCKING_METHODS = {"minimize": "builds a training step", "compute_gradients": "builds a training step",
                     "apply_gradients": "builds a training step"}


def camel_case(name: str) -> str:
    """``vgg_a`` → ``VggA``, ``build_model`` → ``BuildModel``, ``_resnet`` → ``Resnet``."""
    return "".join(part[:1].upper() + part[1:] for part in name.split("_") if part)


@dataclass
class _Function:
    node: cst.FunctionDef
    creates: bool = False  # creates variables itself
    calls: set = field(default_factory=set)  # names of module functions it calls
    blockers: list = field(default_factory=list)  # (node, reason)
    layer_calls: list = field(default_factory=list)  # (call, spec, scopes, in_loop_or_branch)
    tensor_uses: set = field(default_factory=set)  # parameters used as tensors
    # names passed as a TF call's settings (a later argument, not a tensor keyword:
    # ``slim.fully_connected(net, num_actions)``, ``tf.reshape(net, [-1, num_actions])``)
    setting_uses: set = field(default_factory=set)
    graph_code: bool = False  # builds a TF1 graph (placeholders, sessions, collections...): runs once per graph
    drives: bool = False  # calls one of _DRIVERS (a session, global_step, ...)
    fills: set = field(default_factory=set)  # TF1 collections its own calls fill (UPDATE_OPS, ...)
    # what it does that cannot run in a layer's call, which holds for the functions that
    # call it too (it would run inside theirs): (node, reason)
    inner: list = field(default_factory=list)
    # Keras objects its own code builds once per run (not in a loop, a nested function or
    # another one's arguments): (call, the name they are made under), for
    # get_or_create_layer
    nested: list = field(default_factory=list)
    unnamed: dict = field(default_factory=dict)  # id(nested call) → Keras classes in it without name=
    # module-level make_template templates only it calls (``_owned_templates``): they move
    # into its layer's __init__
    templates: list = field(default_factory=list)


class _Survey(TFVisitor):
    """One pass over the module: what each module-level function does, and every
    reference to a module-level function's name."""

    def __init__(self, ctx: RuleContext, names: set, skip: frozenset = frozenset()) -> None:
        super().__init__(ctx, skip)
        self.names = names
        self.functions: dict[str, _Function] = {}
        self.current: Optional[_Function] = None
        self.depth = 0
        self.calls: dict[str, list] = {}  # name → [(call, enclosing module function or None)]
        self.other_refs: dict[str, list] = {}
        self.scopes: list = []  # variable_scope frames: literal name or None
        self.control: list = []  # loops and branches around the current node
        self.loop_over_tensor: list = []
        # ids of Names that are not uses of a function: call heads, def names, keywords, attributes
        self._not_references: set = set()
        self.tracked: list = []  # decorated forward passes being walked
        self.called_in_layers: set = set()  # module functions a decorated forward pass calls
        self.defs = 0  # functions and lambdas around the current node
        self.repeated: dict = {}  # call of a module function → why it may run many times where it stands
        self.collection_reads: list = []  # (call, enclosing module function or None, collection)
        self.module_graph: Optional[cst.Call] = None  # a call by which module-level code builds a TF1 graph
        self.hub = PackageNames(ctx.module, hub_rule.HUB)  # hub.Module → tensorflow_hub.Module
        self.builders: list = []  # the Keras-object calls around the current node
        self.template_functions: set = set()  # ids of the functions handed to make_template

    def visit_Lambda(self, node: cst.Lambda) -> None:
        self.defs += 1

    def leave_Lambda(self, node: cst.Lambda) -> None:
        self.defs -= 1

    def visit_FunctionDef(self, node: cst.FunctionDef) -> None:
        self.defs += 1
        self._not_references.add(id(node.name))
        if is_tracked(node):
            self.tracked.append(node)
        if self.depth == 0 and self.current is None and self._is_module_level(node):
            self.current = self.functions[node.name.value] = _Function(node)
        elif self.current is not None:
            self.depth += 1

    def leave_FunctionDef(self, node: cst.FunctionDef) -> None:
        self.defs -= 1
        if self.tracked and self.tracked[-1] is node:
            self.tracked.pop()
        if self.current is not None and self.current.node is node:
            self.current = None
        elif self.current is not None:
            self.depth -= 1

    def _is_module_level(self, node: cst.FunctionDef) -> bool:
        return node in self.ctx.module.body

    def visit_With(self, node: cst.With) -> None:
        for item in node.items:
            call = item.item
            if isinstance(call, cst.Call) and self.qualify(call.func) == VARIABLE_SCOPE:
                self.scopes.append((node, variable_scope_name(call)))
                return

    def leave_With(self, node: cst.With) -> None:
        if self.scopes and self.scopes[-1][0] is node:
            self.scopes.pop()

    def on_visit(self, node: cst.CSTNode) -> bool:
        result = super().on_visit(node)
        if isinstance(node, (cst.For, cst.While, cst.If, cst.Try, cst.IfExp, cst.ListComp,
                             cst.GeneratorExp, cst.SetComp, cst.DictComp)):
            self.control.append(node)
            if self.current is not None and isinstance(node, (cst.For, cst.While)):
                self.loop_over_tensor.append(self._depends_on_tensor(node))
        return result

    def on_leave(self, original_node: cst.CSTNode) -> None:
        if self.control and self.control[-1] is original_node:
            self.control.pop()
            if self.current is not None and isinstance(original_node, (cst.For, cst.While)):
                self.loop_over_tensor.pop()
        super().on_leave(original_node)

    def _depends_on_tensor(self, loop) -> bool:
        expr = loop.iter if isinstance(loop, cst.For) else loop.test
        first = _params(self.current.node)[:1]
        found = []

        class V(Visitor):
            def visit_Name(self, n: cst.Name) -> None:
                if n.value in first:
                    found.append(n)

            def visit_Attribute(self, n: cst.Attribute) -> None:
                if n.attr.value in ("shape", "get_shape"):
                    found.append(n)

        walk(expr, V())
        return bool(found)

    def visit_Yield(self, node: cst.Yield) -> None:
        if self.current is not None and self.depth == 0:
            self.current.blockers.append((node, "is a generator"))

    def visit_Global(self, node: cst.Global) -> None:
        if self.current is not None:
            self.current.blockers.append((node, "assigns globals"))

    def visit_Call(self, node: cst.Call) -> None:
        self._not_references.add(id(node.func))
        fn = self.current
        if isinstance(node.func, cst.Name) and node.func.value in self.names:
            self.calls.setdefault(node.func.value, []).append((node, fn))
            if self.in_loop:
                self.repeated[id(node)] = "its call is in a loop"
            elif self.defs != (0 if fn is None else 1):  # not the module's or fn's own code
                self.repeated[id(node)] = "its call is in a method or nested function"
            if self.tracked:
                self.called_in_layers.add(node.func.value)
            if fn is not None:
                fn.calls.add(node.func.value)
        q = self.qualify(node.func)
        if q == MAKE_TEMPLATE:
            positional = [a.value for a in node.args if a.keyword is None and not a.star]
            fn_arg = positional[1] if len(positional) > 1 else keyword_value(node, "func_")
            if fn_arg is not None:
                self.template_functions.add(id(fn_arg))
        if q is not None and q.rpartition(".")[2] in _COLLECTION_READERS:  # (rendering the argument costs)
            first = cst.Module(body=[]).code_for_node(node.args[0].value) if node.args else ""
            read = collection_read(q.rpartition(".")[2], first)
            if read is not None:
                self.collection_reads.append((node, fn, read))
        if fn is None:
            if self.module_graph is None and q in _MODULE_GRAPH:
                self.module_graph = node
            return
        for a in node.args:
            if a.keyword is not None and a.keyword.value in _REGULARIZER_KEYWORDS and not (
                    isinstance(a.value, cst.Name) and a.value.value == "None"):
                fn.fills.add(REGULARIZATION)
        if q in _BLOCKERS:
            fn.blockers.append((node, _BLOCKERS[q]))
            fn.graph_code = True
            if q in _DRIVERS:  # nor can a function calling it be a forward pass (kfac's train_mnist_*)
                fn.inner.append((node, _BLOCKERS[q]))
                fn.drives = True
        if q in _CHECKPOINT_TOOLS:
            fn.blockers.append((node, _TOOL))
        inner = None
        if q == _TF2_VARIABLE:
            # tf1to2's decorator makes TF1's tf.Variable (tf.compat.v1.Variable, as stage 0
            # spells it) once, under both Kerases, as get_variable's; TF2's it cannot tell
            # from a Keras weight
            inner = ("makes a TF2 tf.Variable (tf.compat.v2.Variable) each time it runs, which a layer's call "
                     "would make again on every call: make it once, as the model-mapping guide asks: "
                     "self.add_weight in build")
        elif builds_keras_object(q):
            inner = (f"builds a Keras object ({q.replace('tf.compat.v1.', 'tf.')}) each time it runs, so a layer's "
                     "call would make it, with new weights, on every call: build it once (in __init__), or through "
                     "tf1to2.get_or_create_layer in the decorated call, as the model-mapping guide does")
            if q.rpartition(".")[2] not in WEIGHTLESS_LAYERS and keyword_value(node, "name") is None:
                outer = self.builders[0] if self.builders else node
                fn.unnamed.setdefault(id(outer), []).append(q.rpartition(".")[2])
            if self.builders:
                inner = None  # an argument of the one around it, built with it
            elif self._once(fn, node, q, inner):
                inner = None
            self.builders.append(node)
        hub = self.hub.path(node.func)
        if hub == hub_rule.MODULE:
            inner = ("makes a TF1 Hub module (hub.Module), which builds a TF1 graph and fails in eager code: use "
                     "hub.KerasLayer(handle, trainable=...) in a model, or hub.load(handle) for low-level use, as "
                     "the TF Hub migration guide does")
            args = bound_arguments(node, hub_rule.MODULE_PARAMS)
            if args is not None and not hub_rule.trainable(args) and self._once(fn, node, "hub.module", inner):
                inner = None  # the tf-hub stage makes it hub.load, made once in the layer
        elif hub in hub_rule.LOADERS:
            inner = (f"loads a TF Hub model ({code(node.func)}), and a layer's call would load it again on every "
                     "call: load it once where the model is built")
            if hub != hub_rule.KERAS_LAYER and self._once(fn, node, "hub.hub_model", inner):
                inner = None
        if inner is not None:
            fn.blockers.append((node, "it " + inner))
            fn.inner.append((node, inner))
        if isinstance(node.func, cst.Attribute) and node.func.attr.value in _BLOCKING_METHODS:
            fn.blockers.append((node, _BLOCKING_METHODS[node.func.attr.value]))
        spec = None
        if q and q.startswith(V1_LAYERS + "."):
            tail = q[len(V1_LAYERS) + 1:]
            spec = SPECS.get(tail) or BY_CLASS.get(tail)
        if _creates(q):  # v1 layers count, weights or not: they take scope names
            fn.creates = True
            if any(self.loop_over_tensor):
                fn.blockers.append((node, "creates variables in a loop whose count depends on a tensor"))
        if spec is SPECS["batch_normalization"]:  # functional or class
            fn.fills.add(UPDATE_OPS)
        if spec is not None and q[len(V1_LAYERS) + 1:] in SPECS:
            fn.layer_calls.append((node, SPECS[q[len(V1_LAYERS) + 1:]], tuple(s for _, s in self.scopes),
                                   bool(self.control) or self.depth > 0))
        # parameters used as tensors: first argument of a TF call, a tensor keyword's of
        # a module function's too (what it passes to a module function's input, its first
        # parameter but for _input_param, _pass_tensor_uses adds once every function is read)
        if q or (isinstance(node.func, cst.Name) and node.func.value in self.names):
            firsts = [a.value for a in node.args[:1] if a.keyword is None] if q and not _takes_setting_first(q) else []
            firsts += [a.value for a in node.args if a.keyword and a.keyword.value in _TENSOR_KEYWORDS]
            for value in firsts:
                elements = value.elements if isinstance(value, (cst.List, cst.Tuple)) else [value]
                for el in elements:
                    v = el.value if isinstance(el, (cst.Element, cst.StarredElement)) else el
                    if isinstance(v, cst.Name):
                        fn.tensor_uses.add(v.value)
        if q:
            for value in _settings(node, q, spec):
                fn.setting_uses.update(_plain_names(value))

    def leave_Call(self, node: cst.Call) -> None:
        if self.builders and self.builders[-1] is node:
            self.builders.pop()

    @property
    def in_loop(self) -> bool:
        """The current node may run many times: a loop or a comprehension is around it."""
        return any(isinstance(c, LOOPS) for c in self.control)

    def _once(self, fn: _Function, node: cst.Call, q: str, why: str) -> bool:
        """Whether ``node`` (a Keras object or a TF Hub model) is made once per run of the
        function (not in a loop, a nested function or a lambda): then its layer makes it
        once, through get_or_create_layer. Callers that would run the function as a helper
        still stop (``why``)."""
        if self.defs != 1 or self.in_loop:
            return False
        fn.nested.append((node, self._nested_name(node, q)))
        fn.inner.append((node, why))
        return True

    def _nested_name(self, call: cst.Call, q: str) -> str:
        """What ``get_or_create_layer`` makes a Keras object under: the variable it is
        assigned to, else its ``name=``, else its class's (``Dense`` → ``dense``)."""
        statement = self._statements[-1] if self._statements else None
        if isinstance(statement, cst.SimpleStatementLine) and len(statement.body) == 1:
            small = statement.body[0]
            if isinstance(small, cst.Assign) and small.value is call and len(small.targets) == 1 and \
                    isinstance(small.targets[0].target, cst.Name):
                return small.targets[0].target.value
        name = keyword_value(call, "name")
        if isinstance(name, cst.SimpleString) and str(name.evaluated_value).isidentifier():
            return str(name.evaluated_value)
        return snake_case(q.rpartition(".")[2])

    def visit_Param(self, node: cst.Param) -> None:
        self._not_references.add(id(node.name))

    def visit_Arg(self, node: cst.Arg) -> None:
        if node.keyword is not None:
            self._not_references.add(id(node.keyword))

    def visit_ImportAlias(self, node: cst.ImportAlias) -> bool:
        return False

    def visit_Attribute(self, node: cst.Attribute) -> None:
        self._not_references.add(id(node.attr))
        if self.current is not None and isinstance(node.value, cst.Name) and node.attr.value in (
                "shape", "get_shape", "dtype"):
            self.current.tensor_uses.add(node.value.value)

    def visit_Name(self, node: cst.Name) -> None:
        if node.value in self.names and id(node) not in self._not_references and not any(
                scope.kind == "function" and node.value in scope.names for scope in self.scope_stack[1:]):
            # (a function's own local of the same name, slim's ``net = ...``, is not the function)
            self.other_refs.setdefault(node.value, []).append(node)


# a layer's settings, by keyword (v1 layers', slim's, Keras')
_SETTING_KEYWORDS = frozenset(("units", "filters", "num_outputs", "kernel_size", "strides", "stride", "pool_size",
                               "rate", "depth_multiplier", "num_units", "output_dim", "input_dim", "shape"))
# slim's layers whose second and third positional arguments are settings (num_outputs, kernel_size)
_SLIM_SETTINGS = frozenset(("fully_connected", "conv2d", "convolution", "convolution2d", "conv2d_transpose",
                            "convolution2d_transpose", "separable_conv2d", "separable_convolution2d", "conv1d",
                            "conv3d", "conv3d_transpose"))


def _settings(call: cst.Call, q: str, spec) -> list:
    """The arguments of a TF call that are settings, never tensors: a layer's by position
    or keyword (``dense(x, units)``, ``slim.fully_connected(net, num_outputs)``) and a
    list or tuple after the first argument (``tf.reshape(net, [-1, num_actions])``). An
    op's other arguments may be tensors (``tf.matmul(x, w)``,
    ``bidirectional_dynamic_rnn(fw, bw, inputs)``): they are not counted."""
    tail = q.rpartition(".")[2]
    slim = tail in _SLIM_SETTINGS and ("slim" in q or "contrib.layers" in q)
    found = []
    for i, a in enumerate(call.args):
        if a.star:
            break
        if a.keyword is not None:
            if a.keyword.value in _SETTING_KEYWORDS:
                found.append(a.value)
            continue
        if i == 0:
            continue
        if isinstance(a.value, (cst.List, cst.Tuple)):
            found.append(a.value)
        elif spec is not None and i - 1 < len(spec.function_params) and \
                spec.function_params[i - 1] in _SETTING_KEYWORDS:
            found.append(a.value)
        elif slim and i in (1, 2):
            found.append(a.value)
    return found


def _plain_names(expr: cst.BaseExpression) -> set:
    """Names an argument is made of directly: itself, the operands of its arithmetic,
    the elements of its list or tuple (not what calls, attributes or subscripts read)."""
    if isinstance(expr, cst.Name):
        return {expr.value}
    if isinstance(expr, cst.BinaryOperation):
        return _plain_names(expr.left) | _plain_names(expr.right)
    if isinstance(expr, cst.UnaryOperation):
        return _plain_names(expr.expression)
    if isinstance(expr, (cst.List, cst.Tuple)):
        return set().union(*(_plain_names(e.value) for e in expr.elements if isinstance(e, cst.Element)))
    return set()


def _input_param(f: "_Function", params: list) -> cst.Param:
    """The parameter that becomes the layer's input: the first, unless the function only
    passes it to TF calls as a setting and takes a later one as its tensor (dopamine's
    ``nature_dqn_network(num_actions, network_type, state)``). Keras 3 takes only tensors
    by position: ``Layer()(4, state=x)`` raises."""
    first = params[0].name.value
    if first in f.tensor_uses or first not in f.setting_uses:
        return params[0]
    for p in params[1:]:
        if p.name.value in f.tensor_uses and p.name.value not in TRAINING_NAMES and not _literal_default(p):
            return p
    return params[0]


def _param_nodes(fn: cst.FunctionDef) -> list:
    return [*fn.params.posonly_params, *fn.params.params, *fn.params.kwonly_params]


def _params(fn: cst.FunctionDef) -> list:
    return [p.name.value for p in _param_nodes(fn)]


class WrapInLayer(Rule):
    id = "wrap-in-layer"
    stage = 3
    reads_importers = True
    summary = ("TF1 model functions → Keras layers with a track_tf1_style_variables call; Keras layers "
               "making TF1 variables in build/call get the decorator")
    needles = ("get_variable", "layers", "_rnn")
    example_before = (
        "import tensorflow as tf\n\n\n"
        "def model(inputs, units):\n"
        "    with tf.compat.v1.variable_scope('model'):\n"
        "        return tf.compat.v1.layers.dense(inputs, units)\n"
    )
    example_after = (
        "import tensorflow as tf\n"
        "from tf1to2 import track_tf1_style_variables\n\n\n"
        "class Model(tf.keras.layers.Layer):\n"
        "    def __init__(self, units, **kwargs):\n"
        "        super().__init__(**kwargs)\n"
        "        self.units = units\n\n"
        "    @track_tf1_style_variables\n"
        "    def call(self, inputs):\n"
        "        with tf.compat.v1.variable_scope('model'):\n"
        "            return tf.compat.v1.layers.dense(inputs, self.units)\n"
    )

    def may_act(self, facts: Facts) -> bool:
        """Everything the rule does starts from a module-level function whose text could
        create a variable: a call that resolves to ``get_variable``, ``Variable`` or a v1 layer,
        which its text spells, or reaches through a name bound to a path through one."""
        pattern = _creating(facts.tf_names)
        lines = facts.text.splitlines()
        return any(isinstance(f, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)) and pattern.search(
            "\n".join(lines[min([f.lineno, *(d.lineno for d in f.decorator_list)]) - 1:f.end_lineno]))
            and facts.reaches(_creates, within=f)  # a call the survey takes for one that creates variables
            for f in facts.tree.body)

    def transform(self, ctx: RuleContext) -> cst.Module:
        decorate = _keras_layer_methods(ctx)  # (read off the module as it came)
        module = self._model_functions(ctx)
        if not decorate:
            return module
        module = transform(module, _Decorate(decorate))
        return add_import(module, "tf1to2", "track_tf1_style_variables")

    def _model_functions(self, ctx: RuleContext) -> cst.Module:
        module = ctx.module
        names = {s.name.value for s in module.body if isinstance(s, cst.FunctionDef)}
        if not names:
            return module
        # module-level make_template templates: the survey records their calls and other
        # references as it does the module functions' (``_owned_templates``)
        templates = _module_templates(module, TFVisitor(ctx).qualify)
        surveyed = names | {t.name for t in templates}
        survey = _Survey(ctx, surveyed, ctx.unmentioning(_surveyed(ctx, surveyed)))
        survey._not_references.update(id(t.stmt.body[0].targets[0].target) for t in templates)
        walk(module, survey)
        functions = survey.functions
        for name, owned in _owned_templates(ctx, module, templates, survey).items():
            functions[name].templates = owned
            functions[name].creates = True  # its templates make variables when it calls them
        _pass_tensor_uses(functions, survey.calls)
        # A model function creates variables itself (``building``), or through the
        # functions it calls (``block()`` calling ``attn()`` calling ``conv1d()``): all of
        # them are forward-pass code (``reaching``). Every one that could itself be a layer
        # takes the functions it calls as helpers, which then run inside its layer's call;
        # a layer is built only where the function's one call runs once.
        building = {n for n, f in functions.items() if f.creates}
        taken = _module_names(module)
        reaching = {n for n in functions if _reached(n, functions) & building}
        # (a function a decorated call already calls is forward-pass code; a class name the
        # module already has, a layer added by an earlier run, does not stop one)
        forward = {n for n in reaching if self._blocker(functions[n], survey, n, set())[0] is None
                   or n in survey.called_in_layers}
        plans: dict[int, cst.ClassDef] = {}  # function → the class that replaces it
        nesting = False  # a layer calls get_or_create_layer
        after: dict[int, cst.ClassDef] = {}  # kept function → the class added after it
        callers: dict[int, cst.BaseExpression] = {}
        moved: set = set()  # ids of module-level templates that move into a layer's __init__
        for name in sorted(reaching, key=lambda n: _index(module, functions[n].node)):
            f = functions[name]
            calls = survey.calls.get(name, [])
            importer = ctx.imported.get(name)
            if (any(fn is not None and fn.node.name.value in forward for _, fn in calls)
                    or name in survey.called_in_layers) and not importer:
                continue  # a helper: it runs inside the layer that calls it (importers get a layer too)
            reason, where = self._blocker(f, survey, name, taken)
            if reason:
                if name in building and reason not in (_TOOL, _TEMPLATE_FUNCTION):
                    ctx.warn(where or f.node, f"{name}() left as a function: {reason}")
                continue
            cls_name = camel_case(name)
            plan = _Wrapping(f, cls_name, ctx)
            why = warning = ""
            reader = _collection_reader(name, functions, survey, ctx)
            if importer:
                # Importers (in the run, or outside it through __all__) keep the function;
                # the layer is added beside it and calls it.
                why = "the module's __all__ exports it" if importer == "__all__" else f"{importer} imports it"
                warning = (f"{name}() is kept as a function because {why}: build {cls_name}() once and call it "
                           f"in new code; in eager code {name}() itself only runs inside a decorated layer")
            elif reader is not None:
                where, kind, what = reader
                why = f"{where} reads {kind} ({what}), which {name}() fills in a TF1 graph"
                warning = (f"{name}() is kept as a function because {where} reads the {kind} collection "
                           f"({what}), which {name}() fills in a TF1 graph and a Keras layer does not: "
                           f"{cls_name} is added for new code; when that code moves to it, use "
                           + ("layer.losses" if kind == REGULARIZATION else "the layer's own updates (training=True)"))
            elif len(calls) > 1:
                why = f"it is called in {len(calls)} places"
                warning = (f"{name}() is kept as a function because it is called in {len(calls)} places, which in "
                           f"TF1 may share variables through variable scopes and a layer built at each would not: "
                           f"build {cls_name}() once and call it where {name}() is called")
            elif calls and (builder := _graph_builder(calls[0], survey)):
                why = (f"{builder} a TF1 graph (placeholders, sessions, collections), "
                       "where a Keras layer's variables do not keep their TF1 names (a Saver's checkpoints "
                       "would not restore)")
                warning = (f"{name}() is kept as a function because {why}: the graph code keeps calling it; "
                           f"build {cls_name}() in TF2 code, where the run's name map loads TF1 checkpoints")
            elif calls and not _runs_once(calls[0], survey):
                call, fn = calls[0]
                why = survey.repeated.get(id(call)) or (
                    f"{fn.node.name.value}(), which calls it, may run many times (an eager training step)")
                why += ", where a layer would be built, with new weights, on every run"
                warning = (f"{name}() is kept as a function because {why}: build {cls_name}() once (in "
                           f"__init__, or at module level) and call it there")
            if why and f.nested:
                ctx.warn(f.nested[0][0], f"{name}() left as a function: it builds a Keras object "
                                         f"({code(f.nested[0][0].func)}) each time it runs, which only a layer's "
                                         f"decorated call can make once (get_or_create_layer), and {why}")
                continue
            if why:
                if not ctx.change(f.node, f"{name}() kept ({why}); class {cls_name}(tf.keras.layers.Layer) added, "
                                          f"calling it under track_tf1_style_variables"):
                    continue
                after[id(f.node)] = plan.build_delegating()
                ctx.warn(calls[0][0] if calls and not importer and reader is None else f.node, warning)
                taken.add(cls_name)
                continue
            problem = plan.prepare(survey.calls.get(name, []))
            if problem:
                ctx.warn(problem[0] or f.node, f"{name}() left as a function: {problem[1]}")
                continue
            msg = (f"{name}() → class {cls_name}(tf.keras.layers.Layer) with a decorated call; "
                   "callers in other modules must now build it and call it")
            if not ctx.change(f.node, msg):
                continue
            plans[id(f.node)] = plan.build()
            for t in f.templates:  # (declined, the module's template stays, and the layer builds its own)
                if ctx.change(t.stmt, f"{t.name} (make_template) moved into {cls_name}.__init__, which builds it "
                                      f"once per layer (the model-mapping guide's way): only {name}() called it"):
                    moved.add(id(t.stmt))
            nesting = nesting or bool(plan.nested)
            for call, new in plan.caller_rewrites.items():
                callers[call] = new
            for node, message in plan.warnings:
                ctx.warn(node, message)
            taken.add(cls_name)
        added = self._templates(ctx, templates, taken, moved)
        if not plans and not after and not added:
            return module
        module = transform(module, _Apply(plans, after, callers, added, moved))
        root = ctx.aliases.local_name_for("tensorflow")
        if root is None:
            module = add_import(module, "tensorflow")
        if nesting:
            module = add_import(module, "tf1to2", GET_OR_CREATE_LAYER)
        return add_import(module, "tf1to2", "track_tf1_style_variables")

    run_needles = (b"get_collection", b"regularization_loss", b"get_total_loss", b"create_train_op")
    run_reach_imports = True  # an object handed to an imported function is used there

    @staticmethod
    def run_use(call: ast.Call) -> Optional[str]:
        """A TF1 collection read in a file of the run (an ``ast.Call``): "UPDATE_OPS:
        get_collection(...)", "REGULARIZATION_LOSSES: get_regularization_loss(...)"."""
        func = call.func
        name = func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else None
        first = ast.unparse(call.args[0]) if call.args else ""
        kind = collection_read(name, first)
        return f"{kind}: {name}(...)" if kind is not None else None

    def _templates(self, ctx: RuleContext, templates: list, taken: set, moved: set) -> dict:
        """``name = tf.compat.v1.make_template("scope", fn, **kwargs)`` at module level, ``fn`` a
        function of the module, that did not move into the one layer calling it (``moved``:
        ids of statements, ``_owned_templates``): the template stays for the code that calls
        it, and a layer building the same template once in ``__init__`` and calling it in a
        decorated ``call`` is added after it (the model-mapping guide's
        ``CompatV1TemplateScaleByY``). id(statement) → the class."""
        out: dict = {}
        for t in templates:
            if id(t.stmt) in moved:
                continue
            stmt, value, name, fn = t.stmt, t.value, t.name, t.fn
            by_kw = {a.keyword.value: a.value for a in value.args if a.keyword is not None}
            cls_name = camel_case(name)
            if fn is None or any(a.star for a in value.args) or cls_name in taken:
                why = ("its function is not one of this module's" if fn is None else
                       "it is made with *args / **kwargs" if any(a.star for a in value.args) else
                       f"the module already defines {cls_name}")
                ctx.warn(stmt, f"{name} (make_template) left as it is: {why}; build the template once in a Keras "
                               "layer's __init__ and call it in its call decorated with track_tf1_style_variables")
                continue
            bound = {k for k in by_kw if not k.endswith("_")}
            params = [p for p in (*fn.params.params, *fn.params.kwonly_params) if p.name.value not in bound]
            if not params or fn.params.star_arg not in (None, cst.MaybeSentinel.DEFAULT) or \
                    fn.params.star_kwarg is not None or fn.params.posonly_params:
                ctx.warn(stmt, f"{name} (make_template) left as it is: {fn.name.value}() takes no input, or "
                               "*args / **kwargs, which a layer's call cannot pass on as they are")
                continue
            first, rest = params[0], params[1:]
            signature = ", ".join(["self", first.name.value] + [
                p.name.value if p.default is None else f"{p.name.value}={code(p.default)}" for p in rest])
            passed = ", ".join([first.name.value] + [f"{p.name.value}={p.name.value}" for p in rest])
            root = ctx.aliases.local_name_for("tensorflow") or "tensorflow"
            cls = cst.parse_statement(
                f"class {cls_name}({root}.keras.layers.Layer):\n"
                f'    """{name} (a make_template template) as a Keras layer: build it once, call it like {name}."""\n'
                "\n    def __init__(self, **kwargs):\n        super().__init__(**kwargs)\n"
                f"        self.{name} = {code(value)}\n"
                f"\n    @track_tf1_style_variables\n    def call({signature}):\n"
                f"        return self.{name}({passed})\n")
            if not ctx.change(stmt, f"class {cls_name}(tf.keras.layers.Layer) added after {name}: it builds the "
                                    "template once and calls it under track_tf1_style_variables"):
                continue
            ctx.warn(stmt, f"{name} (make_template) is kept for the code that calls it: in eager code, build "
                           f"{cls_name}() once and call it instead (its variables are tracked there, under the "
                           "template's TF1 names)")
            out[id(stmt)] = cls.with_changes(leading_lines=[cst.EmptyLine(indent=False), cst.EmptyLine(indent=False)])
            taken.add(cls_name)
        return out

    def _blocker(self, f: _Function, survey: _Survey, name: str, taken: set):
        node = f.node
        if f.blockers:
            where, reason = f.blockers[0]
            return reason, where
        for callee in sorted(_reached(name, survey.functions) - {name}):
            if survey.functions[callee].inner:
                where, reason = survey.functions[callee].inner[0]
                return f"it calls {callee}(), which {reason}", where
        if node.decorators:
            return "it is decorated", node
        params = node.params
        if isinstance(params.star_arg, cst.Param) or params.star_kwarg is not None or params.posonly_params:
            return "it takes *args / **kwargs or positional-only parameters", node
        if not params.params:
            return "it takes no input tensor", node
        if survey.other_refs.get(name) and all(id(r) in survey.template_functions for r in survey.other_refs[name]):
            return _TEMPLATE_FUNCTION, node
        if survey.other_refs.get(name):
            return "it is used other than by a call (passed as a value, e.g. to make_template)", survey.other_refs[name][0]
        if camel_case(name) in taken:
            return f"the module already defines {camel_case(name)}", node
        if "self" in _params(node):
            return "it has a parameter named self, which the layer's methods take for themselves", node
        for p in _params(node)[1:]:
            if p in KERAS_LAYER_ATTRIBUTES and p not in TRAINING_NAMES:
                return f"its parameter {p!r} is reserved by Keras layers", node
        return None, None


def _collection_reader(name: str, functions: dict, survey: _Survey, ctx: RuleContext):
    """Code of the run that reads a TF1 collection ``name``() fills, directly or through
    the functions it calls: (where, collection, what) or None. This module's own code
    (outside those functions) first, then what the run's other files that may reach it
    read (``RuleContext.run_uses``, from ``WrapInLayer.run_use``)."""
    inside = _reached(name, functions)
    fills = set().union(*(functions[n].fills for n in inside))
    if not fills:
        return None
    for call, fn, kind in survey.collection_reads:
        if kind in fills and (fn is None or fn.node.name.value not in inside):
            return f"line {ctx.line(call)}", kind, cst.Module(body=[]).code_for_node(call.func) + "(...)"
    for where, what in ctx.run_uses:
        kind = next((k for k in fills if what.startswith(k)), None)
        if kind is not None:
            path, _, line = where.rpartition(":")
            return f"{Path(path).name}:{line}", kind, what[len(kind) + 1:].strip()
    return None


def _surveyed(ctx: RuleContext, functions: set) -> "re.Pattern":
    """What a statement must say for the survey to learn anything from it: a name bound to
    TensorFlow (its calls, variables, collections, regularizers), a module function's
    name (its definition, calls and other references), a name bound to TF Hub, or what
    makes a function no layer or a parameter a tensor (``yield``, ``global``, a training step's methods,
    ``.shape`` / ``.get_shape`` / ``.dtype``). Enclosing statements say it too, so loops,
    branches, scopes and nested functions around such a statement are walked."""
    hub = list(PackageNames(ctx.module, hub_rule.HUB).names)
    return mentioning([*ctx.tf_names(), *functions, *hub], r"\byield\b", r"\bglobal\b",
                      *(rf"\b{m}\b" for m in sorted(_BLOCKING_METHODS)), r"\bshape\b", r"\bget_shape\b", r"\bdtype\b")


def _creates(q: Optional[str]) -> bool:
    """Whether a call of ``q`` (a canonical name) creates variables, as ``_Survey.visit_Call``
    takes it: ``get_variable``, ``Variable``, a v1 layer (function or class), a TF1 RNN
    function (``dynamic_rnn``: it runs a cell, which makes its variables)."""
    if not q:
        return False
    if q in _VARIABLE_MAKERS or q in _RNN_RUNNERS:
        return True
    tail = q[len(V1_LAYERS) + 1:] if q.startswith(V1_LAYERS + ".") else None
    return tail is not None and (tail in SPECS or tail in BY_CLASS)


# the methods of a Keras layer that Keras calls once per input (``build``) or per call,
# which the shim's decorator makes TF1-style variables in, as the guides' layers
_DECORATED_METHODS = ("build", "call")


def _keras_layer_methods(ctx: RuleContext) -> set:
    """The ``build`` / ``call`` methods of the module's Keras layers (classes deriving from
    ``tf.keras.layers.Layer`` / ``Model`` / ``Sequential``, or from such a class of the
    module) that create variables TF1-style (``get_variable``, TF1's ``tf.Variable``, v1
    layers, TF1's RNN functions) and are not decorated: Keras 3 tracks no variable it did
    not make itself, so the layer's weights would be empty (nothing trains, saves or
    loads them) and each call could make new ones. Each is decorated with
    ``track_tf1_style_variables`` (the model-mapping guide's step; a ``build`` keeps its
    variables' TF1 names too, the layer's name scope on TF1's ``tf.Variable``\\ s); any
    other method doing so is warned. → {(class name, method name)}."""
    visitor = TFVisitor(ctx)
    classes = ModuleClasses(ctx)
    chosen = set()
    for cls in classes.classes.values():
        if not classes.is_layer_class(cls):
            continue
        for method in cls.body.body:
            if not isinstance(method, cst.FunctionDef) or is_tracked(method):
                continue
            made = [n for n in nodes_of(method, cst.Call) if _makes_variables(visitor.qualify(n.func))]
            if not made:
                continue
            what = code(made[0].func)
            name = f"{cls.name.value}.{method.name.value}"
            if method.name.value not in _DECORATED_METHODS:
                ctx.warn(made[0], f"{name}() makes variables TF1-style ({what}), which Keras 3 does not track (the "
                                  "layer's weights would miss them): make them in build() or call() (tf1to2 "
                                  "decorates those with track_tf1_style_variables), or with self.add_weight")
            elif ctx.change(method, f"{name} makes variables TF1-style ({what}), which Keras 3 does not track (the "
                                    "layer's weights would be empty): decorated with track_tf1_style_variables"):
                chosen.add((cls.name.value, method.name.value))
    return chosen


def _makes_variables(q: Optional[str]) -> bool:
    """A call of ``q`` makes variables where it runs: ``_creates``' but a v1 layer's class,
    whose object makes them when called (held as an attribute, later stages turn it into
    a Keras layer)."""
    return _creates(q) and q.rpartition(".")[2] not in BY_CLASS


class _Decorate(Transformer):
    """``@track_tf1_style_variables`` on the chosen methods (class name, method name) of
    the module's classes."""

    def __init__(self, chosen: set) -> None:
        super().__init__()
        self.chosen = chosen
        self.classes: list = []

    def visit_ClassDef(self, node: cst.ClassDef) -> None:
        self.classes.append(node.name.value)

    def leave_ClassDef(self, original_node, updated_node):
        self.classes.pop()
        return updated_node

    def leave_FunctionDef(self, original_node, updated_node):
        if len(self.classes) == 1 and (self.classes[0], original_node.name.value) in self.chosen:
            return updated_node.with_changes(decorators=[
                cst.Decorator(cst.Name("track_tf1_style_variables")), *updated_node.decorators])
        return updated_node


def _creating(names: dict) -> "re.Pattern":
    through = [n for n, paths in names.items()
               if any({"get_variable", "Variable", "layers", *RNN_FUNCTIONS} & set(p.split(".")) for p in paths)]
    return mentioning(through, r"\bget_variable\b", r"\bVariable\b", r"\blayers\b",
                      rf"\b({'|'.join(RNN_FUNCTIONS)})\b")


def _reached(name: str, functions: dict) -> set:
    """``name`` and the module functions it calls, directly or through others."""
    inside, todo = {name}, [name]
    while todo:
        for callee in functions[todo.pop()].calls:
            if callee in functions and callee not in inside:
                inside.add(callee)
                todo.append(callee)
    return inside


def _pass_tensor_uses(functions: dict, calls: dict) -> None:
    """A name a function passes where a function of the module takes a tensor (its input,
    the first parameter but for ``_input_param``, or one it uses as a tensor) is a tensor
    there too: ``build(z, y)`` passing
    ``y`` to ``generator(z, y)``, which concatenates it. One it passes where the callee
    takes only a setting is a setting there too: dopamine's
    ``cartpole_fourier_dqn_network(num_actions, network_type, state)`` passing
    ``num_actions`` on to ``fourier_dqn_network``'s ``slim.fully_connected``."""
    grown = True
    while grown:
        grown = False
        for callee, sites in calls.items():
            g = functions.get(callee)
            if g is None:
                continue
            nodes = _param_nodes(g.node)
            params = [p.name.value for p in nodes]
            tensors = ({_input_param(g, nodes).name.value} if nodes else set()) | g.tensor_uses
            settings = g.setting_uses - g.tensor_uses
            for call, fn in sites:
                if fn is None:
                    continue
                for i, a in enumerate(call.args):
                    if a.star:
                        break
                    p = a.keyword.value if a.keyword is not None else (params[i] if i < len(params) else None)
                    if not isinstance(a.value, cst.Name):
                        continue
                    if p in tensors and a.value.value not in fn.tensor_uses:
                        fn.tensor_uses.add(a.value.value)
                        grown = True
                    elif p in settings and p not in tensors and a.value.value not in fn.setting_uses:
                        fn.setting_uses.add(a.value.value)
                        grown = True


def _graph_builder(site, survey: _Survey) -> str:
    """Who builds a TF1 graph around a call (call, enclosing module function) that runs
    once there ("build_graph(), which calls it, builds"; module-level code), or ""."""
    call, fn = site
    if id(call) in survey.repeated:
        return ""
    if fn is not None:
        name = fn.node.name.value
        if fn.graph_code:
            return f"{name}(), which calls it, builds"
        # (or through a function it calls that runs one: kfac's train_mnist_* → minimize_loss_*)
        driver = next((c for c in sorted(_reached(name, survey.functions) - {name}) if survey.functions[c].drives),
                      None)
        return f"{name}(), which calls it and {driver}(), builds" if driver else ""
    return "the module-level code calling it builds" if survey.module_graph is not None else ""


def _runs_once(site, survey: _Survey) -> bool:
    """Does a call (call, enclosing module function) run once where it stands: at module
    level, outside any loop? (Calls in TF1 graph-building code are ``_graph_builder``'s;
    an eager training step, ``GradientTape``, ``apply_gradients``, runs once per step.)"""
    call, fn = site
    return id(call) not in survey.repeated and fn is None


def _module_names(module: cst.Module) -> set:
    out = set()
    for s in module.body:
        if isinstance(s, (cst.FunctionDef, cst.ClassDef)):
            out.add(s.name.value)
    return out


def _index(module: cst.Module, node: cst.CSTNode) -> int:
    return next(i for i, s in enumerate(module.body) if s is node)


@dataclass
class _Template:
    """``name = tf.compat.v1.make_template(...)``, a statement of the module's own code."""
    name: str
    stmt: cst.SimpleStatementLine
    value: cst.Call
    fn: Optional[cst.FunctionDef]  # the function it wraps, where it is one of the module's


def _module_templates(module: cst.Module, qualify) -> list:
    """The module's ``name = tf.compat.v1.make_template(...)`` statements (``qualify``: a
    module-level name → its canonical TensorFlow name)."""
    out = []
    functions = {s.name.value: s for s in module.body if isinstance(s, cst.FunctionDef)}
    for stmt in module.body:
        if not (isinstance(stmt, cst.SimpleStatementLine) and len(stmt.body) == 1 and
                isinstance(stmt.body[0], cst.Assign) and len(stmt.body[0].targets) == 1):
            continue
        target, value = stmt.body[0].targets[0].target, stmt.body[0].value
        if not (isinstance(target, cst.Name) and isinstance(value, cst.Call)) or \
                qualify(value.func) != MAKE_TEMPLATE:
            continue
        positional = [a.value for a in value.args if a.keyword is None and not a.star]
        by_kw = {a.keyword.value: a.value for a in value.args if a.keyword is not None}
        fn_expr = positional[1] if len(positional) > 1 else by_kw.get("func_")
        fn = functions.get(fn_expr.value) if isinstance(fn_expr, cst.Name) else None
        out.append(_Template(target.value, stmt, value, fn))
    return out


def _owned_templates(ctx: RuleContext, module: cst.Module, templates: list, survey: _Survey) -> dict:
    """The templates (``_module_templates``) that one module function, and nothing else,
    calls: function name → [_Template]. Only there may a template move into the
    function's layer, built once in its ``__init__``: a template another function also
    calls shares its variables with it (one template, one variable scope), one
    module-level code calls or hands on, or another file imports, must stay. A template
    made with ``create_scope_now_`` took its scope where it was made, which ``__init__``
    would not reproduce; one assigned twice is not known."""
    names = {t.name for t in templates if t.fn is not None}
    if not names:
        return {}
    assigned: dict = {}
    for stmt in module.body:
        for name in bindings(stmt).names & names:
            assigned[name] = assigned.get(name, 0) + 1
    out: dict = {}
    for t in templates:
        now = keyword_value(t.value, "create_scope_now_")
        if t.name not in names or assigned.get(t.name) != 1 or ctx.imported.get(t.name) or (
                now is not None and literal_value(now) is not False) or survey.other_refs.get(t.name):
            continue
        callers = [fn for _call, fn in survey.calls.get(t.name, [])]
        if not callers or None in callers or len({fn.node.name.value for fn in callers}) != 1:
            continue
        owner = callers[0].node
        if t.name in _params(owner) or t.name in bindings(owner.body).names:
            continue  # (its calls there are of its own local of that name)
        out.setdefault(owner.name.value, []).append(t)
    return out


class _Wrapping:
    """How one function becomes one class."""

    def __init__(self, f: _Function, cls_name: str, ctx: RuleContext) -> None:
        self.f = f
        self.cls_name = cls_name
        self.ctx = ctx
        self.node = f.node
        params = _param_nodes(self.node)  # (none positional-only: _blocker refuses those)
        self.inputs = _input_param(f, params)
        self.training: Optional[cst.Param] = None
        self.tensors: list[cst.Param] = []
        self.config: list[cst.Param] = []
        for p in params:
            if p is self.inputs:
                continue
            if p.name.value in TRAINING_NAMES and self.training is None:
                self.training = p
            elif p.name.value in f.tensor_uses and not _literal_default(p):
                self.tensors.append(p)
            else:
                self.config.append(p)
        self.caller_rewrites: dict = {}
        self.warnings: list = []
        self.layer_names: dict = {}  # id(call) → name it took in TF1
        # id(Keras-object call) → the name get_or_create_layer makes it under (one each)
        self.nested: dict = {}
        for call, name in f.nested:
            key, n = name, 1
            while key in self.nested.values():
                key, n = f"{name}_{n}", n + 1
            self.nested[id(call)] = key

    # -- checks and callers
    def prepare(self, calls: list):
        order = _params(self.node)
        positional_ok = len(self.node.params.params)
        for call, _fn in calls:
            if any(a.star for a in call.args):
                return call, "a call passes *args / **kwargs, so its arguments cannot be sorted into constructor and call"
            by_name = {}
            for i, a in enumerate(call.args):
                if a.keyword is None:
                    if i >= positional_ok:
                        return call, "a call passes more positional arguments than it takes"
                    by_name[order[i]] = a
                else:
                    by_name[a.keyword.value] = a
            self.caller_rewrites[id(call)] = self._caller(call, by_name)
        if self.training is not None and self.training.default is not None and \
                literal_value(self.training.default) not in (None, False):
            self.warnings.append((self.training, (
                f"{self.training.name.value} defaulted to {cst.Module(body=[]).code_for_node(self.training.default)}; "
                "call(training=None) runs in inference mode unless Keras or the caller passes training "
                "(calls in this module now pass it)")))
        self._name_layers()
        for call, _ in self.f.nested:
            unnamed = self.f.unnamed.get(id(call))
            if unnamed:
                self.warnings.append((call, (
                    f"{self.nested[id(call)]}: a Keras object built in the forward pass, now made once through "
                    "get_or_create_layer (the model-mapping guide's way); "
                    f"{', '.join(unnamed)} {'has' if len(unnamed) == 1 else 'have'} no name=, and TF1 numbered "
                    "unnamed Keras objects across its whole graph (sequential_1/dense_3): loading a TF1 checkpoint "
                    "matches that numbering in the order this code makes them, which is right unless other code "
                    "made unnamed Keras objects of the same kind in the same variable scope of that graph (then "
                    "their weights could be taken for these: give these the checkpoint's names, which tf1to2 "
                    "checkpoint inspect lists)")))
        return None

    def _caller(self, call: cst.Call, by_name: dict) -> cst.Call:
        ctor = [keyword(by_name[p.name.value], p.name.value) for p in self.config if p.name.value in by_name]
        fwd = []
        inputs = by_name.get(self.inputs.name.value)
        if inputs is not None:
            fwd.append(inputs.with_changes(keyword=None, equal=cst.MaybeSentinel.DEFAULT))
        # Keras 3 takes only tensors by position ("Only input tensors may be passed as
        # positional arguments": a parameter used as a tensor may still be given an int)
        for p in self.tensors:
            arg = by_name.get(p.name.value)
            if arg is not None:
                fwd.append(keyword(arg, p.name.value))
        if self.training is not None:
            given = by_name.get(self.training.name.value)
            if given is not None:
                fwd.append(keyword(given, "training"))
            elif self.training.default is not None and literal_value(self.training.default) not in (None, False):
                fwd.append(keyword(cst.Arg(value=self.training.default), "training"))
        ctor_call = cst.Call(func=cst.Name(self.cls_name), args=_lay_out(ctor))
        return cst.Call(func=ctor_call, args=_lay_out(fwd))

    def _name_layers(self) -> None:
        """Names for auto-named v1 layers outside any named scope (see module doc)."""
        loose = [(c, spec, unsure) for c, spec, scopes, unsure in self.f.layer_calls
                 if not any(scopes) and keyword_value(c, "name") is None
                 and not (len([a for a in c.args if a.keyword is None]) > spec.function_params.index("name") + 1)]
        if not loose:
            return
        if any(unsure for _, _, unsure in loose):
            # left unnamed: the shim's decorator numbers auto-named scopes afresh in each
            # call, so they take TF1's names (conv2d, conv2d_1, ...) on every call
            return
        counts: dict = {}
        for call, spec, _ in loose:
            base = spec.scope_name
            n = counts.get(base, 0)
            counts[base] = n + 1
            self.layer_names[id(call)] = base if n == 0 else f"{base}_{n}"

    # -- the class
    def build_delegating(self) -> cst.ClassDef:
        """A layer whose decorated call calls the kept function: settings from ``__init__``,
        ``training`` as the function's training parameter (its default where Keras passes
        None), everything by keyword."""
        fn = self.node.name.value
        inputs = self.inputs.name.value
        first = self.inputs is _param_nodes(self.node)[0]
        args = [inputs if first else f"{inputs}={inputs}"]
        args += [f"{p.name.value}={p.name.value}" for p in self.tensors]
        if self.training is not None:
            default = self.training.default
            if default is not None and literal_value(default) is not None:
                # Keras calls with training=None where TF1 code got the function's default
                args.append(f"{self.training.name.value}={code(default)} if training is None else training")
            else:
                args.append(f"{self.training.name.value}=training")
        args += [f"{p.name.value}=self.{p.name.value}" for p in self.config]
        params = ["self", self.inputs.name.value, *[p.name.value for p in self.tensors]]
        if self.training is not None:
            params.append("training=None")
        root = self.ctx.aliases.local_name_for("tensorflow") or "tensorflow"
        lines = [f"class {self.cls_name}({root}.keras.layers.Layer):\n",
                 f'    """{fn}() as a Keras layer: build it once, call it like {fn}()."""\n']
        if self.config:
            settings = ", ".join(p.name.value if p.default is None else f"{p.name.value}={code(p.default)}"
                                 for p in self.config)
            lines += ["\n", f"    def __init__(self, {settings}, **kwargs):\n", "        super().__init__(**kwargs)\n"]
            lines += [f"        self.{p.name.value} = {p.name.value}\n" for p in self.config]
        lines += ["\n", "    @track_tf1_style_variables\n", f"    def call({', '.join(params)}):\n",
                  f"        return {fn}({', '.join(args)})\n"]
        cls = cst.parse_statement("".join(lines))
        assert isinstance(cls, cst.ClassDef)
        return cls.with_changes(leading_lines=[cst.EmptyLine(indent=False), cst.EmptyLine(indent=False)])

    def build(self) -> cst.ClassDef:
        node = self.node
        body = list(node.body.body)
        docstring = None
        if body and is_docstring(body[0]):
            docstring = body.pop(0)
        renames = {p.name.value: f"self.{p.name.value}" for p in self.config}
        renames.update({t.name: f"self.{t.name}" for t in self.f.templates})
        if self.training is not None and self.training.name.value != "training":
            renames[self.training.name.value] = "training"
        rebound = _rebound(node, set(renames))
        preamble = []
        for old in sorted(rebound):
            preamble.append(cst.parse_statement(f"{old} = {renames.pop(old)}\n"))
        new_body = [_rename(s, renames, self.layer_names, self.nested) for s in body]
        new_body = preamble + new_body
        call_params = [self.inputs.with_changes(default=None, equal=cst.MaybeSentinel.DEFAULT,
                                                comma=cst.MaybeSentinel.DEFAULT)]
        for p in self.tensors:
            call_params.append(p.with_changes(comma=cst.MaybeSentinel.DEFAULT))
        if self.training is not None:
            call_params.append(cst.Param(name=cst.Name("training"), default=cst.Name("None"),
                                         equal=cst.AssignEqual(whitespace_before=cst.SimpleWhitespace(""),
                                                               whitespace_after=cst.SimpleWhitespace(""))))
        call = cst.FunctionDef(
            name=cst.Name("call"),
            params=cst.Parameters(params=[cst.Param(cst.Name("self")), *[p.with_changes(comma=cst.MaybeSentinel.DEFAULT) for p in call_params]]),
            body=node.body.with_changes(body=new_body),
            decorators=[cst.Decorator(cst.Name("track_tf1_style_variables"))],
            returns=node.returns,
            leading_lines=[cst.EmptyLine(indent=False)] if self.config or self.f.templates or docstring else [],
        )
        members: list = []
        if docstring is not None:
            members.append(docstring)
        if self.config or self.f.templates:
            init_params = [cst.Param(cst.Name("self"))]
            for p in self.config:
                init_params.append(p.with_changes(comma=cst.MaybeSentinel.DEFAULT, annotation=p.annotation))
            init_params.append(cst.Param(cst.Name("kwargs"), star="**"))
            init = cst.parse_statement("def __init__(self, **kwargs):\n    super().__init__(**kwargs)\n")
            assert isinstance(init, cst.FunctionDef)
            stores = [cst.parse_statement(f"self.{p.name.value} = {p.name.value}\n") for p in self.config]
            stores += [_moved_template(t) for t in self.f.templates]
            init = init.with_changes(
                params=cst.Parameters(params=init_params[:-1], star_kwarg=init_params[-1]),
                body=init.body.with_changes(body=[*init.body.body, *stores]),
                leading_lines=[cst.EmptyLine(indent=False)] if docstring is not None else [])
            members.append(init)
        members.append(call)
        root = self.ctx.aliases.local_name_for("tensorflow") or "tensorflow"
        return cst.ClassDef(
            name=cst.Name(self.cls_name),
            bases=[cst.Arg(expression(f"{root}.keras.layers.Layer"))],
            body=cst.IndentedBlock(body=members),
            leading_lines=node.leading_lines,
        )


def _moved_template(t: _Template) -> cst.SimpleStatementLine:
    """``self.name = make_template(...)``, the module-level statement with its comments."""
    assign = t.stmt.body[0]
    target = cst.AssignTarget(cst.Attribute(cst.Name("self"), cst.Name(t.name)))
    comments = [line.with_changes(indent=True) for line in t.stmt.leading_lines if line.comment is not None]
    return t.stmt.with_changes(body=[assign.with_changes(targets=[target])], leading_lines=comments)


def _literal_default(p: cst.Param) -> bool:
    """A default like ``1e-4``, ``"same"`` or ``True``: a setting, never a tensor."""
    return p.default is not None and literal_value(p.default) not in (NotImplemented, None)


def _lay_out(args: list) -> list:
    out = []
    for i, a in enumerate(args):
        comma = cst.Comma(whitespace_after=cst.SimpleWhitespace(" ")) if i < len(args) - 1 else cst.MaybeSentinel.DEFAULT
        out.append(a.with_changes(comma=comma, whitespace_after_arg=cst.SimpleWhitespace("")))
    return out


def _rebound(fn: cst.FunctionDef, names: set) -> set:
    return names & bindings(fn.body).names


class _Renamer(NameReplacer):
    """Parameter reads → ``self.X`` / ``training``; ``name=`` for loose v1 layers; Keras
    objects built in the forward pass → ``get_or_create_layer("x", lambda: ...)``."""

    def __init__(self, renames: dict, layer_names: dict, nested: dict) -> None:
        super().__init__({k: expression(v) for k, v in renames.items()})
        self.layer_names = layer_names
        self.nested = nested

    def leave_Call(self, original_node, updated_node):
        key = self.nested.get(id(original_node))
        if key is not None:
            return cst.Call(func=cst.Name(GET_OR_CREATE_LAYER), args=[
                cst.Arg(cst.SimpleString(f'"{key}"'), comma=cst.Comma(whitespace_after=cst.SimpleWhitespace(" "))),
                cst.Arg(cst.Lambda(params=cst.Parameters(), body=_shifted(updated_node, f'{GET_OR_CREATE_LAYER}("{key}", '
                                                                                         'lambda: ')))])
        name = self.layer_names.get(id(original_node))
        if name is None:
            return updated_node
        return updated_node.with_changes(
            args=rebuild_args(updated_node, [*updated_node.args, keyword(cst.Arg(cst.SimpleString(f'"{name}"')), "name")]))


def _shifted(node: cst.BaseExpression, prefix: str) -> cst.BaseExpression:
    """``node`` (a call spanning lines) with its continuation lines moved right by the
    width of ``prefix``, written before it on its first line, so they stay aligned with
    what they were aligned with. Left as it is where a string spans lines."""
    text = code(node)
    if "\n" not in text or '"""' in text or "'''" in text or "\\\n" in text:
        return node
    return cst.parse_expression(text.replace("\n", "\n" + " " * len(prefix)))


def _rename(stmt, renames: dict, layer_names: dict, nested: dict):
    if not renames and not layer_names and not nested:
        return stmt
    return transform(stmt, _Renamer(renames, layer_names, nested))


class _Apply(Transformer):
    def __init__(self, plans: dict, after: dict, callers: dict, statements: Optional[dict] = None,
                 removed: frozenset = frozenset()) -> None:
        super().__init__()
        self.plans = plans
        self.after = after
        self.callers = callers
        self.statements = statements or {}  # id(module-level statement) → class added after it
        self.removed = removed  # ids of module-level statements that moved into a layer

    def leave_SimpleStatementLine(self, original_node, updated_node):
        if id(original_node) in self.removed:
            return cst.RemoveFromParent()
        if id(original_node) in self.statements:
            return cst.FlattenSentinel([updated_node, self.statements[id(original_node)]])
        return updated_node

    def leave_Call(self, original_node, updated_node):
        return self.callers.get(id(original_node), updated_node)

    def leave_Module(self, original_node, updated_node):
        """Two blank lines between a class added after a statement and the statement after
        it (a function has its own)."""
        added = {id(c) for c in self.statements.values()}
        body = list(updated_node.body)
        for i in range(1, len(body)):
            blank = len([line for line in body[i].leading_lines if line.comment is None])
            if id(body[i - 1]) in added and blank < 2:
                body[i] = body[i].with_changes(
                    leading_lines=[cst.EmptyLine(indent=False)] * (2 - blank) + list(body[i].leading_lines))
        return updated_node.with_changes(body=body)

    def leave_FunctionDef(self, original_node, updated_node):
        if id(original_node) in self.after:
            return cst.FlattenSentinel([updated_node, self.after[id(original_node)]])
        return self.plans.get(id(original_node), updated_node)
