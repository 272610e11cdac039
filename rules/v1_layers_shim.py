"""``tf.compat.v1.layers`` calls and layer objects the earlier stages left → ``tf1to2.layers``;
TF1's RNN cells (``tf.compat.v1.nn.rnn_cell``) → ``tf1to2.rnn_cell``.

## What it does
Rewrites every use of a functional v1 layer (``tf.compat.v1.layers.conv2d``, ``dense``,
``batch_normalization``, ``dropout``, poolings, ``flatten``, ...; however it is spelled or
imported: ``tf.layers.dense``, ``from tensorflow.compat.v1.layers import dense``) to the
same function of the runtime shim, ``tf1to2.layers.<name>``, and imports
``tf1to2.layers``. Calls keep their arguments: the shim's functions take TF1's.

## Why
``tf.compat.v1.layers`` exists only with tf-keras and ``TF_USE_LEGACY_KERAS=1``; under
TensorFlow 2.21's default Keras 3 every such call raises. Stage 2 writes them (slim
becomes v1 layers), and stages 4–5 leave the ones they cannot turn into Keras layers
(arguments computed in the forward pass, helpers, loops). The shim's functions create
the same variables (names, initializers, regularizers, batch-norm statistics) on
``get_variable``, which the shim's ``track_tf1_style_variables`` serves under either
Keras, and which a TF1 graph serves as before.

## Example
```python
net = tf.compat.v1.layers.conv2d(images, 32, 3, kernel_regularizer=regularizer)
```
becomes
```python
net = tf1to2.layers.conv2d(images, 32, 3, kernel_regularizer=regularizer)
```

Imports of the functions and classes go with them. ``from tensorflow.compat.v1.layers
import dense`` raises under Keras 3 (the module is there, empty), so once the uses are
rewritten:
- a module-level import whose names nothing reads any more goes, as every stage's stale
  imports do;
- a name that must stay bound is imported from ``tf1to2.layers`` instead: one other files
  of the run import from this module (``from model import dense``: the earlier stages keep
  those too), one ``__all__`` lists, one imported in a function or block, or one never
  read. The import line is split where some of its names stay;
- a name still read here keeps its import: its uses were left with a warning (a base
  class, an argument the shim refuses);
- the module itself (``from tensorflow.compat.v1 import layers as L``, ``import
  tensorflow.compat.v1.layers as tl``) imports under Keras 3, so it is made
  ``tf1to2.layers`` only where other files import it from here and nothing here reads it.
A class moved for other files is warned: built and called, it is TF1's layer object; as
a base class or in ``isinstance``, it is not tf-keras' class.

The module itself used as a value (``layers_module = tf.layers``, an argument, a
comparison, ``tfl = tf.layers``) becomes ``tf1to2.layers``, which has every layer
function and class of it: warned where it is handed on (what is read from it there is
out of sight, and ``Layer``, ``InputSpec`` and ``experimental`` are not in the shim), not
where a module-level alias is read only here. An attribute set on TF1's layers (a
patch, ``tf.layers.Dense = MyDense``) is left, warned: the migrated code reads the
shim's. A name an assignment binds (``rc = tf.nn.rnn_cell``) stays that name.

TF1's RNN cells go the same way: every use of a public name of
``tf.compat.v1.nn.rnn_cell`` (``LSTMCell``, ``GRUCell``, ``MultiRNNCell``, the wrappers,
``LSTMStateTuple``, ``RNNCell``; built, subclassed, in ``isinstance``, the module as a
value; however it is spelled or imported) becomes the shim's ``tf1to2.rnn_cell.<name>``,
and ``tf1to2.rnn_cell`` is imported; an import of the cells or of the module is made
from the shim instead (``from tf1to2.rnn_cell import LSTMCell``, ``from tf1to2 import
rnn_cell``), so the names it binds stay for other files that import them from this one.
``tf.compat.v1.nn.dynamic_rnn`` & co stay: they are TensorFlow's own and take any cell.

The layer objects the earlier stages leave (``self.conv = tf.compat.v1.layers.Conv2D(...)``,
which stage 5 could not make Keras layers, or stage 4's output run alone) are built from
the shim's classes, ``tf1to2.layers.Conv2D(...)``: TF1's layer objects on those functions,
taking the class' arguments, named on their first call and reusing their variables after.

The RNN cells: TensorFlow 2.21 loads ``tf.compat.v1.nn.rnn_cell`` from tf-keras, so under
Keras 3 each name raises. TensorFlow still ships TF1's cells themselves (the ones its own
``dynamic_rnn`` is written against); the shim hands those out under Keras 3 and
tf-keras' under tf-keras: same arguments, same math, same variable names
(``rnn/multi_rnn_cell/cell_0/lstm_cell/kernel``), made through ``get_variable``, so the
shim's decorator makes them the layer's weights.

## Will not touch (and says why, on the line)
- a call or a class built with an argument the shim does not take, at a value that
  matters (``activity_regularizer=``, ``renorm=True``, ``virtual_batch_size=``,
  ``adjustment=``; ``rules.v1_layers.SHIM_REFUSES``), by keyword or by position: it
  needs tf-keras, which the warning says;
- a class used other than by building one (a base class, ``isinstance``), or built with
  arguments TF1 took only through ``**kwargs`` (not ``_reuse`` or ``dtype``, which the
  shim takes too): it needs tf-keras, which the warning says. (One built with ``*args``
  / ``**kwargs`` is rewritten, warned: the shim's class raises, naming it, at an argument
  it does not take.)
- a name of ``tf.compat.v1.nn.rnn_cell`` TF1 did not make public (``_linear``), and an
  import of one beside the cells: left as they are, warned (under Keras 3 they raise);
  contrib cells TF1 had only in ``tf.contrib.rnn`` / ``tf.contrib.cudnn_rnn``
  (``LayerNormBasicLSTMCell``, ``LSTMBlockCell``, ``GRUBlockCell``,
  ``CudnnCompatibleGRUCell``, ...): tf-api's (the shim's ``tf1to2.contrib_rnn`` /
  ``tf1to2.contrib_cudnn_rnn``).

## Fix safety
Imports: golden ``layer_imports`` pins each kind;
``tests/test_project.py::test_v1_layer_names_other_files_import_stay_bound_and_import_under_keras3``
migrates a package whose other file (no TensorFlow in it, so never rewritten) imports
``dense``, ``Dense`` and the module from a migrated one, and runs it under plain Keras 3
against the original under tf-keras: same outputs and variable names.

Exact: ``tests/test_v1_layer_forms.py`` builds one model with every form, and this
rule's golden case of each form with every argument (``form_*``: by keyword and by
position, channels first, ``reuse``, not trainable, the form's class), through
``tf.compat.v1.layers`` in a TF1 graph and through ``tf1to2.layers`` in a TF1 graph and
in TF2 eager under Keras 3 and tf-keras: same variable names (all and trainable),
outputs, regularization losses and batch-norm statistics (1e-4).

RNN cells: golden ``rnn_cells`` pins the spellings; the numeric checks of
``wrap-in-layer/tf1_rnn_cells`` and ``tf1_rnn_cell_kinds`` (every cell and wrapper, peepholes,
projection, clipping, a state as one tensor, ``static_rnn``, ``LSTMStateTuple`` initial
states, a subclass of ``RNNCell``) load the TF1 checkpoint into the migrated layers
under Keras 3 (through this stage) and tf-keras: every variable, outputs within 1e-4.
"""
from __future__ import annotations

import ast
import re
from typing import Optional

import libcst as cst

from rules.aliases import TFTransformer, dotted_parts
from rules.base import Facts, Rule, RuleContext, mentioning, module_code
from rules.edit import (add_import, bound_name, code, exported_names, expression, is_imports_line, name_tokens,
                        remove_from_import, remove_unused_imports, statement_imports)
from rules.model_walk import RNN_CELL, RNN_CELL_NAMES
from rules.v1_layers import BY_CLASS, SPECS, V1_LAYERS, call_arguments, shim_checked, shim_refused
from rules.visitors import transform

# Every functional v1 layer has a tf1to2.layers form (the shim mirrors rules.v1_layers'
# table); the classes have none.
FUNCTIONS = frozenset(SPECS)
CLASSES = frozenset(BY_CLASS) | {"Layer", "InputSpec"}
PREFIX = V1_LAYERS + "."


def moved_import(stmt: cst.CSTNode) -> Optional[str]:
    """The module an import of TF1's RNN cells is made from instead (``from
    tensorflow.compat.v1.nn.rnn_cell import LSTMCell`` → ``tf1to2.rnn_cell``, ``from
    tensorflow.compat.v1.nn import rnn_cell`` → ``tf1to2``, ``import
    tensorflow.compat.v1.nn.rnn_cell as rc`` → ``tf1to2.rnn_cell``), or None: only where
    every name it imports is the shim's, so the names it binds stay bound (importers of
    this module keep them) and their uses stay as they are."""
    if isinstance(stmt, cst.ImportFrom) and not stmt.relative and stmt.module is not None \
            and not isinstance(stmt.names, cst.ImportStar):
        module, names = code(stmt.module), [code(a.name) for a in stmt.names]
        if module == "tensorflow.compat.v1.nn.rnn_cell" and all(n in RNN_CELL_NAMES for n in names):
            return "tf1to2.rnn_cell"
        if module == "tensorflow.compat.v1.nn" and all(n == "rnn_cell" for n in names):
            return "tf1to2"
    if isinstance(stmt, cst.Import) and all(code(a.name) == "tensorflow.compat.v1.nn.rnn_cell" and a.asname
                                            for a in stmt.names):
        return "tf1to2.rnn_cell"
    return None


class _Imports(cst.CSTVisitor):
    """What the module's imports bind, at any depth: ``moved`` / ``kept``, the names bound
    by imports of TF1's RNN cells that ``moved_import`` moves or cannot (a name also bound
    by one it cannot move has its uses rewritten); ``nested_layers``, the names imports
    of v1 layers bind in functions and blocks (their uses are rewritten too)."""

    def __init__(self) -> None:
        self.moved: set = set()
        self.kept: set = set()
        self.nested_layers: set = set()
        self.depth = 0

    def visit_IndentedBlock(self, node: cst.IndentedBlock) -> None:
        self.depth += 1

    def leave_IndentedBlock(self, original_node: cst.IndentedBlock) -> None:
        self.depth -= 1

    def visit_Import(self, node: cst.Import) -> None:
        self._see(node, any(code(a.name).startswith("tensorflow.compat.v1.nn") for a in node.names))

    def visit_ImportFrom(self, node: cst.ImportFrom) -> None:
        module = code(node.module) if node.module is not None else ""
        if self.depth and module == V1_LAYERS_MODULE and not node.relative:
            self.nested_layers.update(_bound_names(node))
        self._see(node, module.startswith("tensorflow.compat.v1.nn"))

    def _see(self, node, about_nn: bool) -> None:
        if about_nn:
            (self.moved if moved_import(node) else self.kept).update(_bound_names(node))


def _bound_names(node) -> set:
    return {i.bound for i in statement_imports(cst.SimpleStatementLine(body=[node]))}


def rnn_cell_target(path: Optional[str]) -> Optional[str]:
    """``tf.compat.v1.nn.rnn_cell[.LSTMCell...]`` → the shim's ``tf1to2.rnn_cell[...]``,
    or None (another name, or one TF1 did not make public)."""
    if path == RNN_CELL:
        return "tf1to2.rnn_cell"
    if path and path.startswith(RNN_CELL + ".") and path[len(RNN_CELL) + 1:].split(".")[0] in RNN_CELL_NAMES:
        return "tf1to2.rnn_cell" + path[len(RNN_CELL):]
    return None


class _Rewriter(TFTransformer):
    def __init__(self, ctx: RuleContext, skip: frozenset = frozenset()) -> None:
        super().__init__(ctx, skip)
        self.replaced = False
        self.rnn_cells = False  # a TF1 RNN cell name became tf1to2.rnn_cell's
        self.moved_names: set = set()  # names bound only by imports _move makes from the shim
        self.stale_imports: set = set()
        self.constructions: dict = {}  # id(func of a call building a v1 layer class) → problem or ""
        self.refused: dict = {}  # id(func of a call giving an argument the shim refuses) → that argument
        # id(func of a call giving one at a value computed at run time) → those arguments
        self.checked: dict = {}
        self.origin: dict = {}  # id(an import this walk returned) → the import of ctx.module it was
        self.nested_imports: set = set()  # names imports in functions or blocks bind from v1 layers
        self.keep_alive: list = []
        self.stores: set = set()  # ids of names assignments bind (_stored)
        self.alias_values: dict = {}  # id(the value of ``a = b = value``) → ["a", "b"]

    def _target(self, node: cst.BaseExpression):
        name = self.qualify(node)
        if not name or not name.startswith(PREFIX):
            return None
        return name[len(PREFIX):]

    def visit_Attribute(self, node: cst.Attribute) -> bool:
        return dotted_parts(node) is None  # a whole dotted name is handled on leaving

    def leave_Attribute(self, original_node: cst.Attribute, updated_node: cst.Attribute):
        if dotted_parts(original_node) is None:
            return updated_node
        if id(original_node) in self.stores:
            path = self.qualify(original_node)
            if path and (path == V1_LAYERS or path.startswith(PREFIX)):
                self.ctx.warn(original_node, f"{code(original_node)} is set here (a patch of TF1's layers), left as "
                                             "it is: the migrated code reads tf1to2.layers, which this does not "
                                             "change; under Keras 3 tf.compat.v1.layers is tf-keras' (unloaded)")
            return updated_node
        new = self._replace(original_node, updated_node)
        imported = self.aliases.imported_from(_root(original_node))
        if new is not updated_node and imported is not None:
            self.stale_imports.add(imported)  # ``from tensorflow.compat.v1.nn import rnn_cell, dynamic_rnn``
        return new

    def _stored(self, target: cst.CSTNode) -> None:
        """The names and attributes an assignment target binds or sets (``rc =
        tf.nn.rnn_cell``, ``a, b = ...``, ``tf.layers = ...``): not uses, so never rewritten."""
        if isinstance(target, (cst.Name, cst.Attribute)):
            self.stores.add(id(target))  # ``tf.layers = tf.keras.layers`` sets the module's attribute
        elif isinstance(target, (cst.Tuple, cst.List)):
            for element in target.elements:
                self._stored(element.value)
        elif isinstance(target, cst.StarredElement):
            self._stored(target.value)

    def visit_AssignTarget(self, node: cst.AssignTarget) -> None:
        self._stored(node.target)

    def visit_Assign(self, node: cst.Assign) -> None:
        names = [t.target.value for t in node.targets if isinstance(t.target, cst.Name)]
        if len(names) == len(node.targets) and len(self.scope_stack) == 1:  # at module level
            self.alias_values[id(node.value)] = names

    def visit_AnnAssign(self, node: cst.AnnAssign) -> None:
        self._stored(node.target)

    def visit_AugAssign(self, node: cst.AugAssign) -> None:
        self._stored(node.target)

    def visit_For(self, node: cst.For) -> None:
        self._stored(node.target)

    def visit_AsName(self, node: cst.AsName) -> None:
        self._stored(node.name)

    def visit_NamedExpr(self, node: cst.NamedExpr) -> None:
        self._stored(node.target)

    def leave_Name(self, original_node: cst.Name, updated_node: cst.Name):
        if id(original_node) in self.stores:
            return updated_node
        imported = self.aliases.imported_from(original_node)
        if imported is None and (original_node.value not in self.nested_imports
                                 or self.binding(original_node.value) is None):
            return updated_node  # not bound by an import (one in a function or block is too)
        new = self._replace(original_node, updated_node)
        if new is not updated_node and imported is not None:
            self.stale_imports.add(imported)
        return new

    def visit_ImportFrom(self, node: cst.ImportFrom) -> bool:
        return False  # the names an import binds are not uses

    def visit_Import(self, node: cst.Import) -> bool:
        return False

    def leave_ImportFrom(self, original_node: cst.ImportFrom, updated_node: cst.ImportFrom):
        return self._origin(original_node, self._move(original_node, updated_node))

    def leave_Import(self, original_node: cst.Import, updated_node: cst.Import):
        return self._origin(original_node, self._move(original_node, updated_node))

    def _origin(self, original, result):
        """``result``, remembered as made from ``original`` (``_LayerImports`` reads it)."""
        self.origin[id(result)] = original
        self.keep_alive.append(result)  # the id stays its own
        return result

    def _move(self, original, updated):
        """An import of TF1's RNN cells, from the shim instead (``moved_import``)."""
        target = moved_import(original)
        if target is None:
            if isinstance(original, cst.ImportFrom) and original.module is not None and \
                    code(original.module) == "tensorflow.compat.v1.nn.rnn_cell":
                lacking = sorted({code(a.name) for a in original.names} - RNN_CELL_NAMES) \
                    if not isinstance(original.names, cst.ImportStar) else ["*"]
                self.ctx.warn(original, f"from tensorflow.compat.v1.nn.rnn_cell import ... left as it is: "
                                        f"tf1to2.rnn_cell has no {', '.join(lacking)} (TF1 made only the cells "
                                        "public); under Keras 3 this import raises (it needs tf-keras and "
                                        "TF_USE_LEGACY_KERAS=1)")
            return updated
        if isinstance(original, cst.Import):
            if not self.ctx.change(original, f"import tensorflow.compat.v1.nn.rnn_cell → import {target} (TF1's RNN "
                                             "cells, on Keras 3 too)"):
                return updated
            return updated.with_changes(names=[a.with_changes(name=expression(target)) for a in updated.names])
        if not self.ctx.change(original, f"from {code(original.module)} import ... → from {target} import ... "
                                         "(TF1's RNN cells, on Keras 3 too)"):
            return updated
        return updated.with_changes(module=expression(target))

    def _replace(self, original, updated):
        path = self.qualify(original)
        cells = rnn_cell_target(path)
        if cells is not None and _root(original).value in self.moved_names:
            return updated  # bound by an import made from the shim now (_move)
        if cells is None and path and path.startswith(RNN_CELL + "."):
            self.ctx.warn(original, f"tf.compat.v1.nn.rnn_cell.{path[len(RNN_CELL) + 1:]} left as it is: not TF1's "
                                    "public API, and tf1to2.rnn_cell has only that; under Keras 3 it raises (it needs "
                                    "tf-keras and TF_USE_LEGACY_KERAS=1)")
            return updated
        if cells is not None:
            name = cells[len("tf1to2."):]
            if self.ctx.change(original, f"tf.compat.v1.{name.replace('rnn_cell', 'nn.rnn_cell', 1)} → {cells} "
                                         "(TF1's RNN cell, on Keras 3 too)"):
                self.rnn_cells = True
                return expression(cells)
            return updated
        if path == V1_LAYERS:
            return self._module_value(original, updated)
        target = self._target(original)
        if target is None:
            return updated
        if id(original) in self.refused:
            self.ctx.warn(original, f"tf.compat.v1.layers.{target} left as it is: tf1to2.layers does not take "
                          f"{self.refused[id(original)]}; it exists only with tf-keras and TF_USE_LEGACY_KERAS=1")
            return updated
        if target in FUNCTIONS:
            if self.ctx.change(original, f"tf.compat.v1.layers.{target} → tf1to2.layers.{target} (runs on Keras 3)"):
                self.replaced = True
                self._warn_checked(original, target)
                return expression(f"tf1to2.layers.{target}")
            return updated
        if target in BY_CLASS and id(original) in self.constructions:
            problem = self.constructions[id(original)]
            if problem:
                self.ctx.warn(original, f"tf.compat.v1.layers.{target} left as it is: {problem}; it exists only "
                              "with tf-keras and TF_USE_LEGACY_KERAS=1")
                return updated
            if self.ctx.change(original, f"tf.compat.v1.layers.{target}(...) → tf1to2.layers.{target}(...) "
                                         "(TF1's layer object, on Keras 3 too)"):
                self.replaced = True
                self._warn_checked(original, target)
                return expression(f"tf1to2.layers.{target}")
            return updated
        if target in CLASSES:
            self.ctx.warn(original, f"tf.compat.v1.layers.{target} is a v1 layer class used other than by building "
                          "one (a base class, isinstance): it exists only with tf-keras and TF_USE_LEGACY_KERAS=1 "
                          "(the keras-layers stage turns the layers it can into Keras layers)")
        return updated

    def _warn_checked(self, original, target: str) -> None:
        checked = self.checked.get(id(original))
        if checked and checked[0].startswith("*"):
            self.ctx.warn(original, f"tf1to2.layers.{target} is built with {', '.join(checked)}: the shim's class "
                                    "takes the v1 class' arguments (and _reuse), and raises, naming it, at any other "
                                    "or at a value it refuses (an activity regularizer, batch renormalization, "
                                    "virtual batches, an adjustment: those need tf-keras and TF_USE_LEGACY_KERAS=1)")
        elif checked:
            self.ctx.warn(original, f"tf1to2.layers.{target} is given {', '.join(checked)}, a value known only at "
                                    "run time: the shim raises there, naming it, unless it is one the shim takes "
                                    "(None; TF1's activity regularization, batch renormalization, virtual batches "
                                    "and adjustment need tf-keras and TF_USE_LEGACY_KERAS=1)")

    def _module_value(self, original, updated):
        """``tf.compat.v1.layers`` itself, handed on (``layers_module = tf.layers``, an
        argument, a comparison): the shim's module, which has every name of it that the
        code could build or call; whatever reads ``Layer``, ``InputSpec`` or ``experimental``
        from it where it goes raises there, which the warning says."""
        spelled = code(original)
        spelled = spelled if spelled == "tf.compat.v1.layers" else f"{spelled} (tf.compat.v1.layers)"
        if not self.ctx.change(original, f"{spelled}, the module as a value → tf1to2.layers (TF1's layer functions "
                                         "and classes, on Keras 3 too)"):
            return updated
        # ``layers = tf.compat.v1.layers`` at module level: an alias whose reads here the
        # walk follows (and rewrote); said only where other files import it from this
        # module (in a function, the name may be returned or passed on)
        bound = self.alias_values.get(id(original))
        importers = sorted(self.ctx.imported[n] for n in bound or () if n in self.ctx.imported)
        if bound is None or importers:
            where = f" ({', '.join(importers)} imports it)" if importers else ""
            self.ctx.warn(original, f"{spelled} is used here as a value{where}, so tf1to2 cannot see what is read "
                                    "from it where it goes: it is tf1to2.layers now, which has every layer function "
                                    "and class of it (TF1's, on Keras 3 too) but Layer, InputSpec and experimental, "
                                    "which raise where read")
        self.replaced = True
        return expression("tf1to2.layers")

    def visit_Call(self, node: cst.Call) -> None:
        """A call of a form or class the shim has, giving an argument at a value the shim
        refuses (``activity_regularizer=``, ``renorm=True``, ...): left as it is. A class
        built here: tf1to2.layers has it, taking the same arguments; the problem with this
        call, if any ("" when there is none)."""
        if dotted_parts(node.func) is None and not isinstance(node.func, cst.Name):
            return
        target = self._target(node.func)
        form = SPECS.get(target or "") or BY_CLASS.get(target or "")
        if form is None:
            return
        params = ("inputs", *form.function_params) if target in SPECS else form.class_params
        args = call_arguments(node, params)
        refused = shim_refused(args, literal_only=True)
        if refused:
            self.refused[id(node.func)] = refused
        elif checked := shim_checked(args):
            self.checked[id(node.func)] = checked
        spec = BY_CLASS.get(target or "")
        if spec is None:
            return
        problem = ""
        if any(a.star for a in node.args):
            # the shim's class checks them when it is built: it raises, naming the argument,
            # at one it does not take or at a value it refuses
            self.checked[id(node.func)] = [code(a) for a in node.args if a.star]
        elif len([a for a in node.args if a.keyword is None]) > len(spec.class_params) - 1:
            problem = "it is built with more positional arguments than the class takes"
        else:
            unknown = [a.keyword.value for a in node.args if a.keyword is not None
                       and a.keyword.value not in spec.class_params and a.keyword.value not in ("_reuse", "dtype")]
            if unknown:
                problem = f"it is built with {unknown[0]}=, which TF1's layer took only through **kwargs"
        self.constructions[id(node.func)] = problem


# What an import of v1 layers binds that tf1to2.layers has too
SHIM_NAMES = FUNCTIONS | frozenset(BY_CLASS)
V1_LAYERS_MODULE = "tensorflow.compat.v1.layers"
# An import this stage may move: of v1 layers' names (they raise under Keras 3), or of
# the module (it imports, empty, under Keras 3; moved only for the files importing it)
_LAYER_IMPORT = re.compile(r"\bfrom\s+tensorflow\.compat\.v1\.layers\s+import\b|"
                           r"\bfrom\s+tensorflow\.compat\.v1\s+import\s+(?:\([^)]*|[^\n;]*)\blayers\b|"
                           r"\bimport\s+tensorflow\.compat\.v1\.layers\s+as\b")
# An import of TF1's RNN cells or their module (``moved_import`` moves it, used or not)
_CELL_IMPORT = re.compile(r"\bfrom\s+tensorflow\.compat\.v1\.nn\.rnn_cell\s+import\b|"
                          r"\bfrom\s+tensorflow\.compat\.v1\.nn\s+import\s+(?:\([^)]*|[^\n;]*)\brnn_cell\b|"
                          r"\bimport\s+tensorflow\.compat\.v1\.nn\.rnn_cell\s+as\b")


class _LayerImports(cst.CSTTransformer):
    """Imports from ``tensorflow.compat.v1.layers`` of names the module no longer reads
    (the rewrite made their uses ``tf1to2.layers.<name>``, or they were never read) →
    the same names from ``tf1to2.layers``: under Keras 3 the old import raises
    (``cannot import name 'dense'``), and a name other files of the run import from this
    module (``ctx.imported``) or ``__all__`` lists must stay bound. A name still read
    here (a use left with a warning: a base class, an argument the shim refuses) stays
    as it is, its import too. The module itself (``from tensorflow.compat.v1 import
    layers``, ``import tensorflow.compat.v1.layers as tl``) imports under Keras 3, so it is
    moved only where other files import it from here and nothing here reads it."""

    def __init__(self, ctx: RuleContext, uses: dict, exported: set, stale: set, origin: dict) -> None:
        # uses: name → its name tokens in the rewritten module; stale: the names whose uses
        # the rewrite replaced (their imports go, unless other files import them); origin:
        # id(an import in the rewritten module) → the statement of ctx.module it is
        self.ctx, self.uses, self.exported, self.stale, self.origin = ctx, uses, exported, stale, origin
        self.depth = 0  # in indented blocks: imports there no rule removes

    def _importer(self, bound: str) -> str:
        where = self.ctx.imported.get(bound) or ("__all__" if bound in self.exported else "")
        return "" if not where else "__all__ (code outside the run may import it)" if where == "__all__" else where

    def visit_IndentedBlock(self, node: cst.IndentedBlock) -> None:
        self.depth += 1

    def leave_IndentedBlock(self, original_node: cst.IndentedBlock, updated_node: cst.IndentedBlock):
        self.depth -= 1
        return updated_node

    def visit_SimpleStatementLine(self, node: cst.SimpleStatementLine) -> bool:
        return False  # its imports stay the objects ``origin`` knows

    def leave_SimpleStatementLine(self, original_node: cst.SimpleStatementLine,
                                  updated_node: cst.SimpleStatementLine):
        if not is_imports_line(updated_node):
            return updated_node
        lines: list = []
        body = []
        for small in updated_node.body:
            moved, new = self._move(small, len(updated_node.body) == 1)
            body.append(moved)
            if new is not None:
                lines.append(new)
        if not lines and all(a is b for a, b in zip(body, updated_node.body)):
            return updated_node
        first = updated_node.with_changes(body=body)
        return cst.FlattenSentinel([first, *lines]) if lines else first

    def _unread(self, bound: str) -> bool:
        return self.uses.get(bound, 0) <= 1  # only its import

    def _move(self, updated, alone: bool):
        """(the statement, a new line of the names moved out of it, or None)."""
        small = self.origin.get(id(updated), updated)
        if small is not updated and not small.deep_equals(updated):
            return updated, None
        if isinstance(small, cst.ImportFrom) and not small.relative and small.module is not None \
                and not isinstance(small.names, cst.ImportStar):
            module = code(small.module)
            if module == V1_LAYERS_MODULE:
                return self._move_names(small, updated, alone)
            if module == "tensorflow.compat.v1" and all(code(a.name) == "layers" for a in small.names):
                return self._move_module(small, updated, "from tensorflow.compat.v1 import layers → from tf1to2 "
                                         "import layers", small.with_changes(module=expression("tf1to2"))), None
        if isinstance(small, cst.Import) and all(code(a.name) == V1_LAYERS_MODULE and a.asname for a in small.names):
            return self._move_module(small, updated, "import tensorflow.compat.v1.layers → import tf1to2.layers",
                                     small.with_changes(names=[a.with_changes(name=expression("tf1to2.layers"))
                                                               for a in small.names])), None
        return updated, None

    def _move_names(self, small: cst.ImportFrom, updated, alone: bool):
        pairs = [(a, self._importer(_bound(a))) for a in small.names
                 if code(a.name) in SHIM_NAMES and self._unread(_bound(a))]
        # a name whose uses became tf1to2.layers' goes with the module's stale imports
        # (remove_unused_imports), unless other files import it; one imported in a
        # function or block stays, so it moves
        pairs = [(a, w) for a, w in pairs if w or self.depth or _bound(a) not in self.stale]
        move, importers = [a for a, _ in pairs], [w for _, w in pairs]
        if not move:
            return updated, None
        names = ", ".join(code(a.name) for a in move)
        said = "; ".join(sorted({w for w in importers if w}))
        why = (f"imported from this module by {said}" if said else "nothing here reads it") + \
            ": under Keras 3 the old import raises"
        classes = sorted({code(a.name) for a, w in zip(move, importers) if w and code(a.name) in BY_CLASS})
        if len(move) == len(small.names):
            if not self.ctx.change(small, f"from tensorflow.compat.v1.layers import {names} → from "
                                          f"tf1to2.layers import {names} ({why})"):
                return updated, None
            self._warn_classes(small, classes)
            return small.with_changes(module=expression("tf1to2.layers")), None
        if not alone:
            self.ctx.warn(small, f"from tensorflow.compat.v1.layers import {names} left as it is (a line of "
                                 "several imports): under Keras 3 it raises; import them from tf1to2.layers")
            return updated, None
        if not self.ctx.change(small, f"{names}: from tensorflow.compat.v1.layers → from tf1to2.layers ({why})"):
            return updated, None
        self._warn_classes(small, classes)
        kept = remove_from_import(cst.SimpleStatementLine(body=[small]), [
            (V1_LAYERS_MODULE, code(a.name), *([a.evaluated_alias] if a.asname else [])) for a in move])
        new = cst.ImportFrom(module=expression("tf1to2.layers"), names=[
            a.with_changes(comma=cst.MaybeSentinel.DEFAULT) if i == len(move) - 1 else
            a.with_changes(comma=cst.Comma(whitespace_after=cst.SimpleWhitespace(" ")))
            for i, a in enumerate(move)])
        # the comments after the moved names' commas go with them, to the end of their line
        comments = [a.comma.whitespace_after.first_line.comment.value for a in move
                    if isinstance(a.comma, cst.Comma) and isinstance(a.comma.whitespace_after, cst.ParenthesizedWhitespace)
                    and a.comma.whitespace_after.first_line.comment is not None]
        trailing = cst.TrailingWhitespace(whitespace=cst.SimpleWhitespace("  "), comment=cst.Comment(
            "  ".join(comments))) if comments else cst.TrailingWhitespace()
        return kept[0].body[0], cst.SimpleStatementLine(body=[new], trailing_whitespace=trailing)

    def _move_module(self, small, updated, what: str, moved):
        """The module itself, made tf1to2.layers where other files import it from here and
        nothing here reads it."""
        bound = [a.evaluated_alias or code(a.name) for a in small.names]
        importers = [self._importer(b) for b in bound]
        if all(importers) and all(self._unread(b) for b in bound) and self.ctx.change(
                small, f"{what} (imported from this module by {'; '.join(sorted(set(importers)))}: under Keras 3 "
                       "tensorflow.compat.v1.layers is empty)"):
            return moved
        return updated

    def _warn_classes(self, node, classes: list) -> None:
        if classes:
            self.ctx.warn(node, f"{', '.join(classes)} now tf1to2.layers' for the files importing "
                                f"{'it' if len(classes) == 1 else 'them'} from here: built and called, the same as "
                                "TF1's layer object; as a base class or in isinstance, not tf-keras' class")


_NESTED_LAYER_IMPORT = re.compile(r"^[ \t]+from\s+tensorflow\.compat\.v1\.layers\s+import\b", re.M)


def _bound(alias: cst.ImportAlias) -> str:
    """The name ``from m import a [as b]`` binds for one alias."""
    return alias.evaluated_alias or code(alias.name)


def _root(name: cst.BaseExpression) -> cst.Name:
    """``a`` of a dotted name ``a.b.c`` (the names this rule's walk replaces are dotted)."""
    while isinstance(name, cst.Attribute):
        name = name.value
    return name


def _known(path: Optional[str]) -> bool:
    """Whether ``_Rewriter._replace`` does anything at a name reaching ``path``."""
    if rnn_cell_target(path) is not None:
        return True
    if path == V1_LAYERS:
        return True  # the module as a value (_module_value)
    if not path or not path.startswith(PREFIX):
        return False
    return path[len(PREFIX):] in FUNCTIONS or path[len(PREFIX):] in CLASSES


def _reaching(names: dict) -> "re.Pattern":
    """Only statements that say ``layers`` or ``rnn_cell``, or name something bound to a
    path through one (``from tensorflow.compat.v1.layers import dense``), can reach a v1
    layer or a TF1 RNN cell."""
    through = [n for n, paths in names.items()
               if any({"layers", "rnn_cell"} & set(p.split(".")) for p in paths)]
    return mentioning(through, r"\blayers\b", r"\brnn_cell\b")


class V1LayersShim(Rule):
    id = "v1-layers-shim"
    stage = 7
    summary = ("tf.compat.v1.layers calls and layer objects left by earlier stages → tf1to2.layers; TF1 RNN cells "
               "→ tf1to2.rnn_cell (they run on Keras 3)")
    needles = ("layers", "rnn_cell")
    reads_importers = True  # the imports it removes keep names other files import
    example_before = (
        "import tensorflow as tf\n\n"
        "net = tf.compat.v1.layers.conv2d(images, 32, 3, kernel_regularizer=regularizer)\n"
    )
    example_after = (
        "import tensorflow as tf\nimport tf1to2.layers\n\n"
        "net = tf1to2.layers.conv2d(images, 32, 3, kernel_regularizer=regularizer)\n"
    )

    def may_act(self, facts: Facts) -> bool:
        """The rewriter changes and warns only at an import it may move (of v1 layers'
        names or modules, of TF1's cells: ``_LAYER_IMPORT``, ``_CELL_IMPORT``), or at a
        dotted name (or a name an import binds) that reaches a v1 layer form or class the
        shim knows, outside imports: some name or attribute of the code, through a name
        bound to TensorFlow (``facts.tf_names``, a superset of what the walk resolves), must
        reach one."""
        return bool(_LAYER_IMPORT.search(facts.text) or _CELL_IMPORT.search(facts.text)) or bool(
            _reaching(facts.tf_names).search(facts.code_without_imports)) and facts.reaches(
            _known, kinds=(ast.Attribute, ast.Name))

    def transform(self, ctx: RuleContext) -> cst.Module:
        rewriter = _Rewriter(ctx, ctx.unmentioning(_reaching(ctx.tf_names())))
        if "rnn_cell" in ctx.code or _NESTED_LAYER_IMPORT.search(ctx.code):
            imports = _Imports()
            ctx.module.visit(imports)
            rewriter.moved_names = imports.moved - imports.kept
            rewriter.nested_imports = imports.nested_layers
        module = transform(ctx.module, rewriter)
        if _LAYER_IMPORT.search(ctx.code):
            stale = {bound_name(*i) for i in rewriter.stale_imports if i[1]}
            module = module.visit(_LayerImports(ctx, name_tokens(module_code(module)), exported_names(module),
                                                stale, rewriter.origin))
        if rewriter.replaced:
            module = add_import(module, "tf1to2.layers")
        if rewriter.rnn_cells:
            module = add_import(module, "tf1to2.rnn_cell")
        if rewriter.replaced or rewriter.rnn_cells:
            module = remove_unused_imports(module, sorted(rewriter.stale_imports, key=str), keep=ctx.imported)
        return module if ctx.changes else ctx.module
