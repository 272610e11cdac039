"""TF1 collection reads in an eager training step → what eager code has: batch norm's
``UPDATE_OPS`` control dependencies dropped, regularization losses and variable lists
read from the model.

## What it does
In a function that runs eagerly (it opens ``tf.GradientTape`` or is a ``tf.function``),
graph collections are empty: ``get_collection(UPDATE_OPS)`` is ``[]``,
``get_regularization_loss()`` is 0 and ``trainable_variables()`` is ``[]``. The code runs,
and trains without regularization, or without variables, saying nothing. The rule:

- drops ``update_ops = tf.compat.v1.get_collection(tf.compat.v1.GraphKeys.UPDATE_OPS)``
  and the ``with tf.control_dependencies(update_ops):`` around the step (its body stays),
  and ``update_ops`` from ``tf.group(train_op, update_ops)``: eager Keras layers (and the
  shim's v1 layers) update their moving averages as they run (the model-mapping guide's
  batch-norm section);
- where the step takes its gradients for one model (``tape.gradient(loss,
  model.trainable_variables)``): ``tf.compat.v1.losses.get_regularization_loss()`` →
  ``tf.math.reduce_sum(model.losses)``, ``get_regularization_losses()`` and
  ``get_collection(GraphKeys.REGULARIZATION_LOSSES)`` → ``model.losses``,
  ``tf.compat.v1.trainable_variables()`` → ``model.trainable_variables``,
  ``global_variables()`` → ``model.variables`` (the overview: "``.losses`` replaces the
  ``tf.GraphKeys.LOSSES`` collection");
- ``saver = Saver(var_list=model.variables)`` (or ``trainable_variables``, ``weights``, ...;
  bound to a name, or used directly) → ``tf.compat.v2.train.Checkpoint(model=model)``
  (TF2's ``tf.train.Checkpoint``, spelled so that stage 0 leaves it on a second run), its
  ``save(sess, path)`` → ``write(path)``, a numbered ``save(sess, prefix, global_step=step)``
  → ``tf.train.CheckpointManager(ckpt, folder, max_to_keep=<the Saver's>,
  checkpoint_name=name).save(checkpoint_number=step)`` (the same files, the same
  'checkpoint' state file, the same ones deleted; ``os.path.join(folder, "name")`` is split
  as written, any other prefix through ``os.path.dirname`` / ``basename``), and
  ``restore(sess, path)`` → ``read(path).assert_existing_objects_matched()``, where those
  are its only uses. A Saver
  keys variables by ``.name``, which Keras 3 variables share (``kernel``, ``bias``):
  measured, a two-layer model's four variables were saved as one entry, and restoring it
  "worked" and left other weights. The rewrite changes the checkpoint format, which is
  said at the line: checkpoints written before load with ``tf1to2.load_tf1_checkpoint``.

- ``tf.contrib.summary`` (TF1's summaries for eager code; gone with contrib) →
  ``tf.compat.v2.summary`` (TF2's ``tf.summary``), in eager code and graphs alike: an
  omitted step written out as contrib's default (the global step), recording contexts as
  ``record_if``, ``max_images`` as ``max_outputs``, ``all_summary_ops`` / ``initialize``
  through ``tf.compat.v1.summary`` (``rules.contrib_summary`` says what differs: image
  scaling and tags, and the event file a writer made per call opens).

## Why
The overview's step 4 (upgrade the training loop) and the model-mapping guide's
batch-norm section. Without it a migrated step silently loses its regularization.

## Will not touch (and says why, on the line)
- a collection read in a step with no single model to read instead (gradients for
  several models, or for a variable list), one filtered by ``scope=``, or
  ``get_total_loss()`` (it adds the ``LOSSES`` collection too): warned, with what to write;
- ``update_ops`` used other than in ``control_dependencies`` / ``tf.group``: warned;
- ``tf.compat.v1.summary.*`` in an eager step: warned, with the TF2 call and step to write
  (they write nothing without a TF2 default writer and step; TF2's ``tf.summary`` needs the
  tensorboard package, which TensorFlow 2.21 does not install, so a rewrite could make a
  step that ran fail; ``tf.contrib.summary``, which runs nowhere in TF2, is rewritten);
- ``tf.contrib.summary`` with ``family=`` / ``bad_color=``, ``*args``, or reached through
  another name than the tensorflow module: warned (``rules.contrib_summary``);
- a Saver of a model's variables that is used otherwise (``save(latest_filename=)``, a
  numbered save whose prefix is computed by a call, other Saver arguments, the saver
  handed on): warned, with what to write;
- checkpoint calls in eager code are warned: ``init_from_checkpoint`` silently does nothing
  there, ``Saver()`` with no ``var_list`` raises (in an eager step, or in a module with eager
  steps and no TF1 graph; code a graph built elsewhere runs, a session hook, is left);
- functions that build a TF1 graph (sessions, placeholders), and files that switch
  eager execution off (``disable_v2_behavior``): there the collections are filled, and
  the code is right as it is;
- a TF1 session loop (``sess.run`` in a loop, or fed through ``feed_dict``, on a session
  the same code makes): it runs under TensorFlow 2.21, and is left; it is said once, at
  the session (not at each run), with the overview's recipe for making it TF2 code, and
  with how to make it run at all where nothing does yet (a graph of its own, or eager
  execution off). That one warning stands for the others in the session's function
  about leaving its TF1 graph code (tf-api's graph-mode advice, optimizers' TF1
  optimizer kept for its ``minimize``), naming their lines ("Left with it until then:
  line 6, the optimizer ..."); a contrib optimizer, which no longer imports, keeps its
  own. A session made elsewhere (``tf_util.make_session()``) or bound in another method
  is not followed;
- a run fetching a variable with an op that updates it (``_, step = sess.run([train_op,
  global_step])``, slim's ``learning.train_step``) where TF2 behaviour is on: TF1's
  reference variable gave the value after the run's updates, TensorFlow 2's resource
  variable is read in no set order with them (measured: before, one update behind), so
  it is warned at the run, with the two fixes (fetch it in a run of its own, or keep
  TF1's variables at the entry point). Not in a program that turns TF2 behaviour or
  resource variables off, nor in tests run with TF1's variables
  (``tf1to2.graph_mode_tests``). Checked by ``tests/test_training_step.py``: fetched
  steps 1, 2, 3 under TF1, 0, 1, 2 under TF 2.21, 1, 2, 3 with the advice.

## Fix safety
In eager code the collections are empty, so dropping the ``UPDATE_OPS`` dependencies
changes nothing that ran; the model's ``losses`` are the regularization losses of its
layers, decorated TF1-style ones included (the shim adds ``get_variable``'s). Checked by
``tests/test_training_step.py``: the rewritten step's loss is the data loss plus the
model's regularization, where the original's left the regularization out.
``tests/test_summaries.py`` runs the contrib summary case on TF1's contrib module (which
TensorFlow 2.21 still has, as ``summary_ops_v2``) and rewritten on TF2's ``tf.summary``:
the same events, tags, steps, values, pixels (within one level) and samples.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Optional

import libcst as cst

from rules import contrib_summary
from rules.aliases import TFVisitor, dotted_parts
from rules.base import Facts, Rule, RuleContext
from rules.edit import Unwrapper, add_import, bound_arguments, code, literal_value, nodes_of
from rules.model_walk import (GET_COLLECTION, GRAPH_ADVICE, GRAPH_BUILDERS, GRAPH_TOPIC, SESSIONS, collection_read,
                              in_graph_mode_tests, is_as_default, own_graph, saver_given_variables)
from rules.visitors import transform, walk

TAPE = "tf.compat.v1.GradientTape"
FUNCTION = "tf.compat.v1.function"
SUMMARY = "tf.compat.v1.summary."
# TF1 summary ops (tf.compat.v1.summary.<kind>)
SUMMARIES = frozenset({"scalar", "histogram", "image", "text", "audio"})
CONTROL = "tf.compat.v1.control_dependencies"
GROUP = "tf.compat.v1.group"
SWITCHES = ("tf.compat.v1.disable_v2_behavior", "tf.compat.v1.disable_eager_execution")
INIT_FROM_CHECKPOINT = "tf.compat.v1.train.init_from_checkpoint"
SAVER = "tf.compat.v1.train.Saver"
# calls making a variable TF1 made a reference variable of (``_fetch_order``), and the
# switch keeping TF1's variables under TF2 behaviour
VARIABLE_MAKERS = frozenset({"tf.compat.v1.Variable", "tf.compat.v1.get_variable",
                             *(f"tf.compat.v1.train.{f}" for f in ("get_or_create_global_step", "get_global_step",
                                                                   "create_global_step"))})
VARIABLE_MAKER_NAMES = frozenset(q.rpartition(".")[2] for q in VARIABLE_MAKERS)  # as may_act reads them
REF_VARIABLES = "tf.compat.v1.disable_resource_variables"
# what updates variables when a run runs it: calls making such an op, and names that say so
UPDATE_MAKERS = frozenset({"minimize", "apply_gradients", "assign", "assign_add", "assign_sub", "group",
                           "scatter_update", "scatter_add", "scatter_sub"})
UPDATE_NAME = re.compile(r"train|update|increment|assign|(^|_)op$")
# a Keras object's variable lists: a Saver given one saves a (migrated) model
MODEL_LISTS = ("variables", "trainable_variables", "non_trainable_variables", "weights", "trainable_weights",
               "non_trainable_weights")
# Saver arguments the rewrite can drop: they change nothing where every save has one path
SAVER_DROPPABLE = ("var_list", "max_to_keep")
# collection readers: canonical name → (what the model has instead, how the value is built)
READERS = {
    "tf.compat.v1.losses.get_regularization_loss": ("losses", "sum"),
    "tf.compat.v1.losses.get_regularization_losses": ("losses", "list"),
    "tf.compat.v1.trainable_variables": ("trainable_variables", "list"),
    "tf.compat.v1.global_variables": ("variables", "list"),
}
COLLECTIONS = {"REGULARIZATION_LOSSES": "losses", "TRAINABLE_VARIABLES": "trainable_variables",
               "GLOBAL_VARIABLES": "variables"}


@dataclass
class _Step:
    fn: cst.FunctionDef
    graph: bool = False
    opens_tape: bool = False  # opens tf.GradientTape, or is a tf.function
    # each tape.gradient(..., sources): the code of X for X.trainable_variables, else None
    gradients: list = field(default_factory=list)
    updates: dict = field(default_factory=dict)  # name → its get_collection(UPDATE_OPS) statement
    update_calls: list = field(default_factory=list)  # get_collection(UPDATE_OPS) calls
    controls: list = field(default_factory=list)  # with control_dependencies(...) statements
    groups: list = field(default_factory=list)  # tf.group(...) calls
    readers: list = field(default_factory=list)  # (call, attribute, kind)
    # its names, sessions and savers (nested functions' reads count for it too)
    scope: "_Scope" = field(default_factory=lambda: _Scope())
    total: list = field(default_factory=list)  # get_total_loss() and other readers warned about
    summaries: list = field(default_factory=list)  # (call, kind, whether its value is used)
    optimizers: list = field(default_factory=list)  # code of X in X.apply_gradients(...) / X.minimize(...)

    @property
    def eager(self) -> bool:
        """It runs eagerly: it opens a tape, is a tf.function, or takes a tape's gradients."""
        return self.opens_tape or bool(self.gradients)


@dataclass
class _Session:
    """A TF1 session this code makes (``with tf.compat.v1.Session() as sess:``,
    ``sess = tf.compat.v1.Session()``) and the ``sess.run(...)`` calls it reaches."""
    node: cst.CSTNode  # the with statement or the assignment
    name: str  # sess, self.sess
    scope: Optional[cst.FunctionDef] = None  # the function it is made in (None: the module's code)
    guarded: bool = False  # made under a ``with ....as_default():`` (a graph of its own)
    runs: list = field(default_factory=list)  # (call, in a loop, fed)


@dataclass
class _Scope:
    """The module's code or a function's: the sessions it binds, the loops it is in."""
    sessions: dict = field(default_factory=dict)  # name → _Session
    savers: dict = field(default_factory=dict)  # name → _ModelSaver
    bound_savers: list = field(default_factory=list)  # every _ModelSaver bound here
    names: dict = field(default_factory=dict)  # name → reads and bindings, here and in nested functions
    variables: set = field(default_factory=set)  # names bound to a new variable (VARIABLE_MAKERS)
    updates: set = field(default_factory=set)  # names bound to an op updating variables (UPDATE_MAKERS)
    loops: int = 0

    def close(self, parent: Optional["_Scope"]) -> None:
        """At the end of the scope: a saver whose name the scope reads other than by its
        save / restore calls is used otherwise; nested functions' names count for the parent."""
        for name in {s.name for s in self.bound_savers}:
            same = [s for s in self.bound_savers if s.name == name]
            if self.names.get(name, 0) != sum(1 + len(s.uses) for s in same):
                for saver in same:
                    saver.other_use = True
        if parent is not None:
            for name, n in self.names.items():
                parent.names[name] = parent.names.get(name, 0) + n


@dataclass
class _ModelSaver:
    """``Saver(var_list=model.variables)``: where it is bound (``saver = ...``), or the
    call it is used in directly (``Saver(...).save(None, path)``), and its uses."""
    call: cst.Call
    model: cst.BaseExpression  # X of X.variables
    model_list: str  # variables, trainable_variables, ...
    step: Optional[_Step]
    name: Optional[str] = None  # the name it is bound to
    statement: Optional[cst.CSTNode] = None
    uses: list = field(default_factory=list)  # (call of .save / .restore, why it cannot be rewritten or None)
    other_use: bool = False  # its name is read other than by those calls


def _saver_use(call: cst.Call) -> Optional[str]:
    """Why ``saver.save(...)`` / ``saver.restore(...)`` cannot become
    ``Checkpoint.write(path)`` / ``.read(path)`` (or, numbered, a ``CheckpointManager``'s
    save), or None when it can."""
    method = call.func.attr.value
    if any(a.star for a in call.args):
        return "it passes *args / **kwargs"
    params = ("sess", "save_path", "global_step") if method == "save" else ("sess", "save_path")
    given = bound_arguments(call, params, known_only=True)
    if given is None:
        extra = next((a.keyword.value for a in call.args if a.keyword is not None and a.keyword.value not in params),
                     None)
        if extra in ("latest_filename", "write_state"):
            return (f"save({extra}=...) changes the 'checkpoint' state file: use "
                    "tf.train.CheckpointManager(tf.train.Checkpoint(model=model), directory, max_to_keep=...)"
                    ".save(checkpoint_number=step)")
        if extra is not None:
            return f"{method}({extra}=...) has no tf.train.Checkpoint counterpart"
        return f"{method}() is not called with (sess, save_path" + (", global_step)" if method == "save" else ")")
    if "save_path" not in given:
        return f"{method}() is given no save_path"
    if "global_step" in given and not _plain(given["save_path"]):
        return ("its save_path is computed by a call, which a numbered save (a CheckpointManager, split into "
                "directory and name) would run twice")
    return None


def _plain(node: cst.BaseExpression) -> bool:
    """An expression with no call in it but ``os.path.join`` (a path that may be read twice)."""
    return all(code(c.func) in ("os.path.join", "path.join") for c in nodes_of(node, cst.Call))


class _Survey(TFVisitor):
    def __init__(self, ctx: RuleContext) -> None:
        super().__init__(ctx)
        self.steps: list[_Step] = []
        self.stack: list[_Step] = []
        self.switched = False
        self.module_graph = False  # the module builds a TF1 graph somewhere
        self.module_eager = False  # it has an eager step (tf.GradientTape / tf.function) somewhere
        self.checkpoints: list = []  # (call, what, the step it is in or None)
        self.sessions: list[_Session] = []
        self.as_default = 0  # ``with ....as_default():`` blocks the walk is in
        self.scopes: list[_Scope] = [_Scope()]
        self.model_savers: list[_ModelSaver] = []
        self._saver_names: dict = {}  # id(Saver call) → (name, statement) it is assigned to
        self.fetch_orders: list = []  # (run call, variables fetched, other fetches) (``_fetch_order``)
        self.ref_variables = False  # the module keeps TF1's reference variables (REF_VARIABLES)

    def _bind_session(self, name: cst.BaseExpression, value: cst.BaseExpression, node: cst.CSTNode) -> None:
        if isinstance(value, cst.Call) and self.qualify(value.func) in SESSIONS and (
                isinstance(name, cst.Name) or isinstance(name, cst.Attribute) and isinstance(name.value, cst.Name)):
            session = _Session(node, code(name), self.stack[-1].fn if self.stack else None,
                               self.as_default > 0 or own_graph(value))
            self.scopes[-1].sessions[session.name] = session
            self.sessions.append(session)

    def visit_For(self, node) -> None:
        self.scopes[-1].loops += 1

    def leave_For(self, node) -> None:
        self.scopes[-1].loops -= 1

    visit_While, leave_While = visit_For, leave_For

    def visit_FunctionDef(self, node: cst.FunctionDef) -> None:
        step = _Step(node)
        self.scopes.append(step.scope)
        for d in node.decorators:
            target = d.decorator.func if isinstance(d.decorator, cst.Call) else d.decorator
            if self.qualify(target) == FUNCTION:
                step.opens_tape = True
        self.stack.append(step)

    def leave_FunctionDef(self, node: cst.FunctionDef) -> None:
        self.steps.append(self.stack.pop())
        self.scopes.pop().close(self.scopes[-1])

    def visit_With(self, node: cst.With) -> None:
        if any(is_as_default(item.item) for item in node.items):
            self.as_default += 1
        for item in node.items:
            if item.asname is not None:
                self._bind_session(item.asname.name, item.item, node)
        if not self.stack:
            return
        for item in node.items:
            if isinstance(item.item, cst.Call) and self.qualify(item.item.func) == TAPE:
                self.stack[-1].opens_tape = True
            if isinstance(item.item, cst.Call) and self.qualify(item.item.func) == CONTROL and len(node.items) == 1:
                self.stack[-1].controls.append(node)

    def leave_With(self, node: cst.With) -> None:
        if any(is_as_default(item.item) for item in node.items):
            self.as_default -= 1

    def visit_Name(self, node: cst.Name) -> None:
        names = self.scopes[-1].names
        names[node.value] = names.get(node.value, 0) + 1

    def _fetch_order(self, node: cst.Call, session: str) -> None:
        """``sess.run([train_op, global_step])``: a session's run (one the code makes, or a
        name that says it is one) fetching, in a list or tuple, a variable (one the code
        makes here, or a global step) and an op that updates variables (one the code makes
        here with ``minimize`` / ``assign`` / ``group`` ..., or a name that says it is one:
        ``train_op``, ``update``)."""
        if not (any(session in scope.sessions for scope in self.scopes) or _says_session(session.rpartition(".")[2])):
            return
        given = bound_arguments(node, ("fetches", "feed_dict", "options", "run_metadata"))
        fetches = (given or {}).get("fetches")
        if not isinstance(fetches, (cst.List, cst.Tuple)) or any(isinstance(e, cst.StarredElement)
                                                                 for e in fetches.elements):
            return
        spelled = [code(e.value) for e in fetches.elements]
        variables = [f for f in spelled if f.rpartition(".")[2] == "global_step"
                     or any(f in scope.variables for scope in self.scopes)]
        updates = [f for f in spelled if f not in variables and (
            UPDATE_NAME.search(f.rpartition(".")[2]) or any(f in scope.updates for scope in self.scopes))]
        if variables and updates:
            self.fetch_orders.append((node, variables, updates))

    def _model_saver(self, node: cst.Call) -> None:
        """``Saver(model.variables)`` (or ``var_list=``): a saver of a model's variables."""
        given = [a for a in node.args if a.keyword is None or a.keyword.value == "var_list"]
        if not given or not isinstance(given[0].value, cst.Attribute) or given[0].value.attr.value not in MODEL_LISTS:
            return
        saver = _ModelSaver(node, given[0].value.value, given[0].value.attr.value,
                            self.stack[-1] if self.stack else None)
        saver.name, saver.statement = self._saver_names.get(id(node), (None, None))
        self.model_savers.append(saver)
        if saver.name is not None:
            self.scopes[-1].savers.setdefault(saver.name, saver)
            self.scopes[-1].bound_savers.append(saver)

    def leave_Call(self, node: cst.Call) -> None:
        if isinstance(node.func, cst.Attribute) and node.func.attr.value in ("save", "restore"):
            target = node.func.value
            saver = None
            if isinstance(target, cst.Call):
                saver = next((m for m in self.model_savers if m.call is target and m.name is None), None)
            elif isinstance(target, cst.Name):
                saver = next((scope.savers[target.value] for scope in reversed(self.scopes)
                              if target.value in scope.savers), None)
            if saver is not None:
                saver.uses.append((node, _saver_use(node)))
        if isinstance(node.func, cst.Attribute) and node.func.attr.value == "run":
            name = code(node.func.value)
            for scope in reversed(self.scopes):  # the innermost binding of that name
                if name in scope.sessions:
                    fed = len(node.args) > 1 or any(a.keyword is not None and a.keyword.value == "feed_dict"
                                                    for a in node.args)
                    scope.sessions[name].runs.append((node, self.scopes[-1].loops > 0, fed))
                    break
            self._fetch_order(node, name)
        q = self.qualify(node.func)
        if q in SWITCHES:
            self.switched = True
        if q == REF_VARIABLES:
            self.ref_variables = True
        if q in GRAPH_BUILDERS or (q or "").startswith("tf.compat.v1.estimator."):  # a graph here, or an Estimator's
            self.module_graph = True
        if q == TAPE:
            self.module_eager = True
        if q == INIT_FROM_CHECKPOINT or (q == SAVER and not saver_given_variables(node)):
            self.checkpoints.append((node, q, self.stack[-1] if self.stack else None))
        elif q == SAVER:
            self._model_saver(node)
        if not self.stack:
            return
        step = self.stack[-1]
        if q is not None and q.startswith(SUMMARY) and q[len(SUMMARY):] in SUMMARIES:
            statement = self._statements[-1] if self._statements else None
            alone = (isinstance(statement, cst.SimpleStatementLine) and len(statement.body) == 1
                     and isinstance(statement.body[0], cst.Expr) and statement.body[0].value is node)
            step.summaries.append((node, q[len(SUMMARY):], not alone))
        elif isinstance(node.func, cst.Attribute) and node.func.attr.value in ("apply_gradients", "minimize"):
            step.optimizers.append(code(node.func.value))
        if q in GRAPH_BUILDERS:
            step.graph = True
        elif q == GROUP:
            step.groups.append(node)
        elif q in GET_COLLECTION:
            which = collection_read(node, self.qualify)
            if which == "UPDATE_OPS":
                step.update_calls.append(node)
            elif which in COLLECTIONS:
                step.readers.append((node, COLLECTIONS[which], "list"))
            elif which is not None and which.split()[0] in COLLECTIONS:
                step.total.append((node, f"get_collection({which.split()[0]}, scope) reads a graph collection, empty "
                                         "in eager code (the step would silently lose it): read .losses / "
                                         ".trainable_variables of the layer that scope names instead"))
        elif q in READERS:
            attr, kind = READERS[q]
            if node.args:
                step.total.append((node, f"{code(node.func)}(scope) reads a graph collection, empty in eager code "
                                         f"(the step would silently lose it): read .{attr} of the layer that scope "
                                         "names instead"))
            else:
                step.readers.append((node, attr, kind))
        elif q == "tf.compat.v1.losses.get_total_loss":
            step.total.append((node, "get_total_loss() reads graph collections, empty in eager code (the step would "
                                     "silently lose it): write the data loss plus tf.math.reduce_sum(model.losses)"))
        elif isinstance(node.func, cst.Attribute) and node.func.attr.value == "gradient" and len(node.args) >= 2:
            sources = node.args[1].value
            if isinstance(sources, cst.Attribute) and sources.attr.value in ("trainable_variables",
                                                                                "trainable_weights"):
                step.gradients.append(code(sources.value))
            else:
                step.gradients.append(None)  # gradients for something other than one model

    def visit_SimpleStatementLine(self, node: cst.SimpleStatementLine) -> None:
        if len(node.body) != 1 or not isinstance(node.body[0], cst.Assign):
            return
        assign = node.body[0]
        if len(assign.targets) == 1:
            self._bind_session(assign.targets[0].target, assign.value, node)
            if isinstance(assign.value, cst.Call) and self.qualify(assign.value.func) in VARIABLE_MAKERS:
                self.scopes[-1].variables.add(code(assign.targets[0].target))
            elif isinstance(assign.value, cst.Call) and (dotted_parts(assign.value.func) or [""])[-1] in UPDATE_MAKERS:
                self.scopes[-1].updates.add(code(assign.targets[0].target))
            if isinstance(assign.targets[0].target, cst.Name) and isinstance(assign.value, cst.Call):
                self._saver_names[id(assign.value)] = (assign.targets[0].target.value, node)
        if not self.stack:
            return
        value = assign.value
        if len(assign.targets) == 1 and isinstance(assign.targets[0].target, cst.Name) and \
                isinstance(value, cst.Call) and self.qualify(value.func) in GET_COLLECTION and \
                collection_read(value, self.qualify) == "UPDATE_OPS":
            self.stack[-1].updates[assign.targets[0].target.value] = node


class TrainingStep(Rule):
    id = "training-step"
    stage = 9
    summary = ("eager training steps: UPDATE_OPS dependencies dropped, collection reads → the model's "
               "losses/variables, Saver → Checkpoint, tf.contrib.summary → tf.summary")
    needles = ("GradientTape", "function", "init_from_checkpoint", "Saver", "Session", "contrib.summary", "sess")
    example_before = (
        "import tensorflow as tf\n\n\n"
        "def train_step(model, optimizer, x, y):\n"
        "    with tf.GradientTape() as tape:\n"
        "        loss = tf.reduce_mean(tf.square(model(x, training=True) - y))\n"
        "        loss += tf.compat.v1.losses.get_regularization_loss()\n"
        "    update_ops = tf.compat.v1.get_collection(tf.compat.v1.GraphKeys.UPDATE_OPS)\n"
        "    with tf.control_dependencies(update_ops):\n"
        "        grads = tape.gradient(loss, model.trainable_variables)\n"
        "        optimizer.apply_gradients(zip(grads, model.trainable_variables))\n"
        "    return loss\n"
    )
    example_after = (
        "import tensorflow as tf\n\n\n"
        "def train_step(model, optimizer, x, y):\n"
        "    with tf.GradientTape() as tape:\n"
        "        loss = tf.reduce_mean(tf.square(model(x, training=True) - y))\n"
        "        loss += tf.math.reduce_sum(model.losses)\n"
        "    grads = tape.gradient(loss, model.trainable_variables)\n"
        "    optimizer.apply_gradients(zip(grads, model.trainable_variables))\n"
        "    return loss\n"
    )

    def may_act(self, facts: Facts) -> bool:
        return facts.reaches(lambda name: name in (TAPE, FUNCTION, INIT_FROM_CHECKPOINT, SAVER) or name in SESSIONS
                             or name.startswith(contrib_summary.PREFIX)) \
            or ("sess" in facts.text and _RUN.search(facts.text) is not None and _runs_a_session(facts.tree))

    def transform(self, ctx: RuleContext) -> cst.Module:
        survey = _Survey(ctx)
        walk(ctx.module, survey)
        survey.scopes[0].close(None)
        self._warn_sessions(survey, ctx)
        self._warn_fetch_orders(survey, ctx)
        plan = _Plan(os=ctx.aliases.local_name_for("os") or "os")
        contrib_summary.plan(ctx, plan.edits)  # in graphs and eager code alike
        if survey.switched:
            return transform(ctx.module, _Apply(plan)) if plan.edits else ctx.module
        root = ctx.aliases.local_name_for("tensorflow") or "tf"
        self._warn_checkpoints(survey, ctx)
        # TF2's tf.train.Checkpoint, spelled tf.compat.v2.train.Checkpoint: stage 0 reads
        # ``tf.train.Checkpoint`` as TF1's (compat.v1's, which has no ``read``) and would
        # rename it on a second run. (A module reaching TensorFlow only as tf.compat.v1 gets
        # ``import tensorflow``.)
        tf2 = ctx.aliases.local_name_for("tensorflow")
        self._plan_savers(survey, ctx, plan, tf2 or "tensorflow")
        for step in survey.steps:
            if step.graph or not step.eager:
                continue  # not eager, or a TF1 graph is built here
            self._plan_updates(step, ctx, plan)
            self._plan_readers(step, ctx, plan, root)
            self._plan_summaries(step, ctx, plan, root)
        if not plan.edits and not plan.removed and not plan.unwrapped:
            return ctx.module
        module = transform(ctx.module, _Apply(plan))
        if plan.checkpoints and tf2 is None:
            module = add_import(module, "tensorflow")
        if plan.uses_os and ctx.aliases.local_name_for("os") is None:
            module = add_import(module, "os")
        return module

    def _warn_sessions(self, survey: _Survey, ctx: RuleContext) -> None:
        """A TF1 session loop (``sess.run`` in a loop, or fed through ``feed_dict``) runs
        under TensorFlow 2.21 as it is, through ``tf.compat.v1``: left, and said once, at
        the session, with the overview's recipe for it (not once per line it runs)."""
        in_graph_tests = in_graph_mode_tests(ctx.module)  # (tf-api's ``tf1to2.graph_mode_tests``)
        for session in survey.sessions:
            loops = [call for call, in_loop, _ in session.runs if in_loop]
            fed = [call for call, _, fed in session.runs if fed]
            if not loops and not fed:
                continue
            first = (loops or fed)[0]
            how = ("in a loop" if loops else "") + (" and " if loops and fed else "") + ("fed through feed_dict" if fed else "")
            # under TF2's eager default, a graph needs a graph of its own or eager off: said
            # here unless done (tf-api's one warning about it is the same advice)
            runs = ("it runs under TensorFlow 2.21 (tf.compat.v1, graph mode)"
                    if survey.switched or session.guarded or id(session.node) in in_graph_tests
                    else f"it runs under TensorFlow 2.21 (tf.compat.v1) in graph mode: build the graph {GRAPH_ADVICE}")
            ctx.warn(session.node, f"{session.name} runs a TF1 graph ({session.name}.run at line {ctx.line(first)}, "
                                   f"{how}), left as it is: {runs}. To make it "
                                   "TF2 code, the overview's recipe: the model as Keras layers (tf1to2's stages do "
                                   "that), the training step as a tf.function taking tensors (tf.GradientTape and "
                                   "the optimizer's apply_gradients) instead of placeholders and feed_dict, each "
                                   f"{session.name}.run(...) as a call of it, and no variable initializer (Keras "
                                   "variables start initialized)",
                     covers=(session.scope, (GRAPH_TOPIC,)))

    @staticmethod
    def _warn_fetch_orders(survey: _Survey, ctx: RuleContext) -> None:
        """A run fetching a variable beside ops that may update it (``_, step =
        sess.run([train_op, global_step])``): TF1's reference variable was read after the
        run's updates, TF2's resource variable is read in no set order with them (measured:
        before, so the value is one update behind), where TF2 behaviour is on: not in a
        module that turns it off or keeps TF1's variables, nor in tests run with TF1's
        variables (``tf1to2.graph_mode_tests``)."""
        if survey.switched or survey.ref_variables or not survey.fetch_orders:
            return
        in_graph_tests = in_graph_mode_tests(ctx.module)
        for node, variables, updates in survey.fetch_orders:
            if id(node) in in_graph_tests:
                continue
            them = "it" if len(variables) == 1 else "them"
            ctx.warn(node, f"{code(node.func)} fetches {', '.join(variables)} with {', '.join(updates)} in one run: "
                           f"TF1's reference variable{'s' if len(variables) > 1 else ''} gave the value after the run's "
                           "updates (an assign, an optimizer step), TensorFlow 2's resource variables are read in no set "
                           "order with them (measured: before, one update behind). Fetch "
                           f"{them} in a run of {'its' if them == 'it' else 'their'} own after this one, or keep TF1's "
                           "variables: tf.compat.v1.disable_v2_behavior() (or disable_resource_variables()) at the "
                           "program's entry point")

    @staticmethod
    def _eager(survey: _Survey, step: Optional[_Step]) -> bool:
        """Code that runs eagerly: an eager step, or anything in a module that has eager
        steps and builds no TF1 graph. (A module with neither may be code a TF1 graph
        built elsewhere runs: a session hook, an Estimator's model function.)"""
        if step is not None and step.graph:
            return False
        if step is not None and step.eager:
            return True
        return (survey.module_eager or any(s.eager for s in survey.steps)) and not survey.module_graph

    def _plan_savers(self, survey: _Survey, ctx: RuleContext, plan: "_Plan", root: str) -> None:
        """``Saver(var_list=model.variables)`` in eager code → ``tf.train.Checkpoint(model=model)``,
        its ``save(sess, path)`` → ``write(path)`` and ``restore(sess, path)`` →
        ``read(path).assert_existing_objects_matched()``. A Saver saves variables by their
        ``.name``, which Keras 3 variables share (``kernel``, ``bias``): measured, a Dense
        layer's two variables became one checkpoint entry, silently. Rewritten only where
        the Saver is used by those calls alone; otherwise said at the line."""
        for saver in survey.model_savers:
            if not self._eager(survey, saver.step):
                continue
            model = code(saver.model)
            extra = [a.keyword.value for a in saver.call.args
                     if a.keyword is not None and a.keyword.value not in SAVER_DROPPABLE]
            why = None
            if extra or len([a for a in saver.call.args if a.keyword is None]) > 1:
                why = f"Saver({extra[0] if extra else 'positional arguments'}=...) has no tf.train.Checkpoint counterpart"
            elif saver.other_use:
                why = f"{saver.name} is used other than by .save(sess, path) / .restore(sess, path)"
            elif saver.name is None and not saver.uses:
                why = "it is used other than by .save(sess, path) / .restore(sess, path)"
            else:
                why = next((reason for _, reason in saver.uses if reason), None)
            if why is not None:
                ctx.warn(saver.call, f"Saver(var_list={model}.{saver.model_list}) saves variables by their .name, "
                                     "which Keras 3 variables share (kernel, bias), so all but one of each name are "
                                     f"lost, silently; left, because {why}: save with "
                                     f"tf.train.Checkpoint(model={model}) (write(path) / read(path)) instead")
                continue
            lines = ", ".join(str(ctx.line(use)) for use, _ in saver.uses)
            if not ctx.change(saver.call, f"Saver(var_list={model}.{saver.model_list}) → tf.compat.v2.train.Checkpoint("
                                          f"model={model})" + (f", its save/restore at line {lines} → write/read (a "
                                                               "numbered save: a CheckpointManager's)"
                                                               if lines else "")):
                continue
            checkpoint = cst.parse_expression(f"{root}.compat.v2.train.Checkpoint(model={model})")
            plan.checkpoints = True
            plan.edits[id(saver.call)] = checkpoint
            for use, _ in saver.uses:
                target = checkpoint if saver.name is None else use.func.value
                method = "write" if use.func.attr.value == "save" else "read"
                given = bound_arguments(use, ("sess", "save_path", "global_step") if method == "write"
                                        else ("sess", "save_path"), known_only=True)
                if "global_step" in given:
                    plan.edits[id(use)] = self._numbered(target, given, saver, root, plan)
                    continue
                new = cst.Call(func=cst.Attribute(value=target, attr=cst.Name(method)),
                               args=[cst.Arg(given["save_path"])])
                if method == "read":
                    new = cst.Call(func=cst.Attribute(value=new, attr=cst.Name("assert_existing_objects_matched")))
                plan.edits[id(use)] = new
            ctx.warn(saver.call, "this now writes TF2's object-based checkpoints: code that reads them by "
                                 "variable name (a TF1 Saver, tf.train.load_variable) must read them through "
                                 f"tf.train.Checkpoint(model=...) too, and checkpoints written before (TF1's "
                                 "name-based format) do not read this way (read raises): load those with "
                                 f"tf1to2.load_tf1_checkpoint({model}, path, name_map), or convert them once with "
                                 "tf1to2 checkpoint convert --to model")

    @staticmethod
    def _numbered(target: cst.BaseExpression, given: dict, saver: "_ModelSaver", root: str,
                  plan: "_Plan") -> cst.BaseExpression:
        """``saver.save(sess, prefix, global_step=step)`` → a ``CheckpointManager`` over the
        prefix's folder and name: the same file (``prefix-step``), the same 'checkpoint'
        state file and the Saver's ``max_to_keep`` (5 unless given; None or 0: keep all). A
        manager made at each save reads the state file, so it deletes what the Saver would."""
        keep = next((a.value for a in saver.call.args if a.keyword is not None and a.keyword.value == "max_to_keep"),
                    None)
        kept = "5" if keep is None else "None" if literal_value(keep) in (None, 0) else code(keep)
        path = given["save_path"]
        if isinstance(path, cst.Call) and code(path.func) in ("os.path.join", f"{plan.os}.path.join") and \
                len(path.args) == 2 and not any(a.star or a.keyword for a in path.args) and \
                isinstance(path.args[1].value, cst.SimpleString) and "/" not in path.args[1].value.evaluated_value:
            folder, name = code(path.args[0].value), code(path.args[1].value)  # join(folder, name) as it is
        else:
            prefix = code(path)
            folder, name = f"{plan.os}.path.dirname({prefix}) or \".\"", f"{plan.os}.path.basename({prefix})"
            plan.uses_os = True
        return cst.parse_expression(
            f"{root}.train.CheckpointManager({code(target)}, {folder}, max_to_keep={kept}, checkpoint_name={name})"
            f".save(checkpoint_number={code(given['global_step'])})")

    def _warn_checkpoints(self, survey: _Survey, ctx: RuleContext) -> None:
        """Checkpoint calls that do nothing, or raise, in eager code (``_eager``)."""
        for call, q, step in survey.checkpoints:
            if not self._eager(survey, step):
                continue
            if q == INIT_FROM_CHECKPOINT:
                ctx.warn(call, "init_from_checkpoint does nothing in eager code (it sets the initializers of a "
                               "TF1 graph's variables; in eager code the values stay as they were, silently): load "
                               "a TF1 checkpoint into a migrated model with tf1to2.load_tf1_checkpoint(model, path, "
                               "name_map), or tf.train.load_checkpoint(path) and assign, as the checkpoint guide does")
            else:
                ctx.warn(call, "Saver() with no var_list raises in eager code (there are no global variables): "
                               "save with tf.train.Checkpoint(model=model), as the checkpoint guide does (a Saver "
                               "given a Keras 3 model's variables saves them by their shared short names, "
                               "keeping one of each)")

    def _plan_updates(self, step: _Step, ctx: RuleContext, plan: "_Plan") -> None:
        names = set(step.updates)
        for name, stmt in step.updates.items():
            # the assignment itself counts one read of the name (its target)
            reads = step.scope.names.get(name, 0) - 1
            allowed = 0
            for w in step.controls:
                arg = w.items[0].item.args
                if len(arg) == 1 and isinstance(arg[0].value, cst.Name) and arg[0].value.value == name:
                    allowed += 1
            for g in step.groups:
                allowed += sum(1 for a in g.args if isinstance(a.value, cst.Name) and a.value.value == name)
                allowed += sum(1 for a in g.args if isinstance(a.value, (cst.List, cst.Tuple)) for e in a.value.elements
                               if isinstance(e.value, cst.Name) and e.value.value == name or
                               isinstance(e, cst.StarredElement) and isinstance(e.value, cst.Name) and
                               e.value.value == name)
            if reads != allowed:
                names.discard(name)
                ctx.warn(stmt, f"{name} (UPDATE_OPS) is empty in eager code, where layers update their moving "
                               "averages as they run; it is used other than in control_dependencies / tf.group, "
                               "so it is left: drop it")
        for name in sorted(names, key=lambda n: ctx.line(step.updates[n])):
            stmt = step.updates[name]
            if not ctx.change(stmt, f"{name} = get_collection(UPDATE_OPS) removed with its control dependencies: "
                                    "eager layers update their moving averages as they run"):
                continue
            plan.removed.add(id(stmt))
            for w in step.controls:
                arg = w.items[0].item.args
                if len(arg) == 1 and isinstance(arg[0].value, cst.Name) and arg[0].value.value == name:
                    plan.unwrapped.add(id(w))
            for g in step.groups:
                plan.groups.setdefault(id(g), set()).add(name)
        for w in step.controls:
            arg = w.items[0].item.args
            if len(arg) == 1 and isinstance(arg[0].value, cst.Call) and any(arg[0].value is c for c in step.update_calls):
                if ctx.change(w, "control_dependencies(UPDATE_OPS) removed: eager layers update their moving "
                                 "averages as they run"):
                    plan.unwrapped.add(id(w))

    def _plan_summaries(self, step: _Step, ctx: RuleContext, plan: "_Plan", root: str) -> None:
        """TF1 summary ops in an eager step write nothing unless a TF2 default writer and a
        step are set, and then only with the tensorboard package (TensorFlow 2.21 does not
        install it; TF2's ``tf.summary.scalar`` needs it to run at all): said at the line,
        not rewritten, so a step that ran does not start failing where tensorboard is absent."""
        for call, kind, used in step.summaries:
            optimizers = sorted(set(step.optimizers))
            at = f"step={optimizers[0]}.iterations" if len(optimizers) == 1 else "step=..."
            ctx.warn(call, f"tf.compat.v1.summary.{kind} in eager code writes nothing unless a TF2 default writer "
                           "and a step are set (TF1 handed its result to a FileWriter"
                           + (", as this code still does" if used else "") + f"): write tf.summary.{kind}(name, data, "
                           f"{at}) under `with tf.summary.create_file_writer(logdir).as_default():` (TF2's summaries "
                           "need the tensorboard package, which TensorFlow 2.21 does not install)")

    def _plan_readers(self, step: _Step, ctx: RuleContext, plan: "_Plan", root: str) -> None:
        models = set(step.gradients)
        model = next(iter(models)) if len(models) == 1 and None not in models else None
        for call, attr, kind in step.readers:
            what = code(call.func)
            if model is None:
                ctx.warn(call, f"{what}() reads a graph collection, empty in eager code (the step would "
                               f"silently lose it): read the model's .{attr} instead (this step takes gradients "
                               "for " + ("no single model" if models else "no model") + ", so tf1to2 cannot tell which)")
                continue
            new = f"{model}.{attr}" if kind == "list" else f"{root}.math.reduce_sum({model}.{attr})"
            if ctx.change(call, f"{what}() → {new}: graph collections are empty in eager code"):
                plan.edits[id(call)] = cst.parse_expression(new)
        for node, why in step.total:
            ctx.warn(node, why)


@dataclass
class _Plan:
    removed: set = field(default_factory=set)
    unwrapped: set = field(default_factory=set)
    groups: dict = field(default_factory=dict)  # id(tf.group call) → names to drop from it
    edits: dict = field(default_factory=dict)  # id(call) → new expression
    checkpoints: bool = False  # a tf.train.Checkpoint is written
    uses_os: bool = False  # a CheckpointManager is given a prefix's folder and name
    os: str = "os"  # the module's name for os


class _Apply(Unwrapper):
    def __init__(self, plan: _Plan) -> None:
        super().__init__()
        self.plan = plan

    def leave_Call(self, original_node, updated_node):
        new = self.plan.edits.get(id(original_node))
        if new is not None:
            return new
        names = self.plan.groups.get(id(original_node))
        if names:
            args = []
            for a in updated_node.args:
                if isinstance(a.value, cst.Name) and a.value.value in names:
                    continue
                if isinstance(a.value, (cst.List, cst.Tuple)):
                    kept = [e for e in a.value.elements if not (isinstance(e.value, cst.Name) and e.value.value in names)]
                    if len(kept) != len(a.value.elements):
                        if kept:
                            kept[-1] = kept[-1].with_changes(comma=cst.MaybeSentinel.DEFAULT)
                        a = a.with_changes(value=a.value.with_changes(elements=kept))
                args.append(a)
            if args:
                args[-1] = args[-1].with_changes(comma=cst.MaybeSentinel.DEFAULT)
            return updated_node.with_changes(args=args)
        return updated_node

    def leave_SimpleStatementLine(self, original_node, updated_node):
        if id(original_node) in self.plan.removed:
            return cst.RemovalSentinel.REMOVE
        return updated_node

    def leave_With(self, original_node, updated_node):
        if id(original_node) not in self.plan.unwrapped:
            return updated_node
        return self.unwrap(updated_node)


def _says_session(name: str) -> bool:
    """A name a session is held under, by what it says (``sess``, ``self._session``)."""
    return "sess" in name


_RUN = re.compile(r"\.\s*run\b")  # (``_runs_a_session`` reads nothing in a text without one)


def _runs_a_session(tree) -> bool:
    """A ``<...sess...>.run([...])`` call fetching, in a list or tuple of two or more, a
    global step or a name the module binds to a new variable (``_Survey._fetch_order``'s
    calls, read from Python's ``ast``: a superset)."""
    import ast

    runs, variables = [], {"global_step"}
    if tree is None:
        return False
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "run":
            receiver = node.func.value
            name = receiver.attr if isinstance(receiver, ast.Attribute) else getattr(receiver, "id", "")
            fetches = node.args[0] if node.args else next((k.value for k in node.keywords if k.arg == "fetches"), None)
            if _says_session(name) and isinstance(fetches, (ast.List, ast.Tuple)) and len(fetches.elts) > 1:
                runs.append(fetches.elts)
        elif isinstance(node, ast.Assign) and isinstance(node.value, ast.Call) and len(node.targets) == 1:
            made = node.value.func
            made = made.attr if isinstance(made, ast.Attribute) else getattr(made, "id", "")
            if made in VARIABLE_MAKER_NAMES:
                target = node.targets[0]
                variables.add(target.attr if isinstance(target, ast.Attribute) else getattr(target, "id", ""))
    return any((e.attr if isinstance(e, ast.Attribute) else getattr(e, "id", "")) in variables
               for elements in runs for e in elements)
