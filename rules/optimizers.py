"""TF1 ``tf.compat.v1.train`` optimizers → Keras optimizers.

## What it does
Rewrites ``tf.compat.v1.train.*Optimizer(...)`` (however it is spelled or imported) and
the contrib ``AdaMaxOptimizer`` / ``NadamOptimizer`` into their ``tf.keras.optimizers``
counterparts, following the migration overview's table: positional arguments become
keywords, renamed arguments are renamed (``beta1``→``beta_1``, ``beta2``→``beta_2``,
``decay``→``rho``, ``use_nesterov``→``nesterov``), arguments Keras does not have are
dropped (``use_locking``, ``accum_name``, ``linear_name``), and every TF1 default that
differs from the Keras default is written out, so the optimizer trains the same way.

## Why
Keras optimizers are what TF2 training (``model.fit``, ``GradientTape`` loops) uses;
TF1's ``tf.compat.v1.train`` optimizers only fit TF1 graphs. The defaults differ
quietly: TF1's epsilons are 1e-8 (Adam, Adadelta, AdaMax, Nadam) and 1e-10 (RMSProp)
where Keras uses 1e-7, and TF1's Adagrad has no epsilon at all.

## Example
```python
opt = tf.train.AdamOptimizer(1e-4, beta1=0.5)
```
becomes
```python
opt = tf.keras.optimizers.Adam(learning_rate=1e-4, beta_1=0.5, epsilon=1e-08)
```

## Will not touch (and says why, on the line)
- an optimizer used through TF1-only API: ``minimize(...)``, ``compute_gradients``,
  ``get_slot``, ``apply_gradients(..., global_step=...)``, or handed to a TF1 wrapper
  (``SyncReplicasOptimizer``, ``CrossShardOptimizer``, ...);
- an optimizer built where a TF1 graph is run (``tf.Session``, ``placeholder``, ...):
  Keras optimizers do not work in TF1 graph mode;
- an optimizer that leaves its function (returned, kept in ``self.x``, put in a dict or
  passed on) while another file of the run uses an optimizer the TF1 way
  (``compute_gradients``, ``get_slot``, ``apply_gradients``/``minimize`` with
  ``global_step=``): the run cannot prove it is not that one;
- calls with ``*args`` / ``**kwargs`` or arguments TF1 did not accept.

## Fix safety
Exact for GradientDescent, Momentum (constant learning rate), Adam, Adadelta, Adagrad,
Ftrl and AdaMax: the golden tests train both side by side and compare every step.
Rewritten with a warning where Keras cannot express TF1's behaviour: RMSProp (TF1 starts
its mean-square accumulator at 1.0, Keras at 0.0), contrib Nadam (Keras' Nadam uses a
momentum schedule; TF1's is Adam with a Nesterov step), and learning rates computed from
``global_step`` (``tf.train.exponential_decay``, ...). Optimizer slot variables get new
names: TF1 checkpoints of optimizer state do not load into the Keras optimizer.
"""
from __future__ import annotations

import ast
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional

import libcst as cst

from rules.aliases import TFVisitor
from rules.base import Facts, Rule, RuleContext
from rules.edit import add_import, code, expression, keyword, literal_value, new_keyword, rebuild_args, remove_unused_imports
from rules.model_walk import GRAPH_BUILDERS, GRAPH_TOPIC, free_names
from rules.visitors import Transformer, transform, walk

_LOCKING_WARNING = (
    "use_locking={value} dropped: Keras optimizers have no use_locking and never lock updates"
)
_SLOT_NAME_WARNING = (
    "{arg}={value} dropped: Keras has no slot-name arguments, so this optimizer's slot "
    "variables get Keras' names and TF1 checkpoints of its state will not load"
)


@dataclass(frozen=True)
class Spec:
    keras: str  # class in tf.keras.optimizers
    signature: tuple[str, ...]  # TF1 parameters in positional order
    renames: dict = field(default_factory=dict)  # TF1 keyword → Keras keyword
    # TF1 arguments Keras lacks → warning template when given a non-default value
    # (None: dropping never changes behaviour); the TF1 default is the second item.
    dropped: dict = field(default_factory=dict)
    # TF1 keyword whose TF1 default differs from Keras' → TF1 default, as source text.
    explicit: dict = field(default_factory=dict)
    # TF1 keyword where an explicit None means "the default", which Keras spells otherwise.
    none_is_default: tuple[str, ...] = ()
    # Behaviour Keras cannot express: always said, on the line.
    caveat: Optional[str] = None


_LOCKING = {"use_locking": (_LOCKING_WARNING, False)}

OPTIMIZERS: dict[str, Spec] = {
    "tf.compat.v1.train.GradientDescentOptimizer": Spec(
        keras="SGD",
        signature=("learning_rate", "use_locking", "name"),
        dropped=_LOCKING,
    ),
    "tf.compat.v1.train.MomentumOptimizer": Spec(
        keras="SGD",
        signature=("learning_rate", "momentum", "use_locking", "name", "use_nesterov"),
        renames={"use_nesterov": "nesterov"},
        dropped=_LOCKING,
    ),
    "tf.compat.v1.train.AdamOptimizer": Spec(
        keras="Adam",
        signature=("learning_rate", "beta1", "beta2", "epsilon", "use_locking", "name"),
        renames={"beta1": "beta_1", "beta2": "beta_2"},
        dropped={**_LOCKING, "use_own_namescope_for_non_slot_vars": (None, False)},
        explicit={"epsilon": "1e-08"},
    ),
    "tf.compat.v1.train.RMSPropOptimizer": Spec(
        keras="RMSprop",
        signature=("learning_rate", "decay", "momentum", "epsilon", "use_locking", "centered", "name"),
        renames={"decay": "rho"},
        dropped=_LOCKING,
        explicit={"epsilon": "1e-10"},
        caveat=(
            "not numerically identical: TF1 RMSProp starts its mean-square accumulator at "
            "1.0, Keras RMSprop at 0.0, so Keras' first steps are larger (about "
            "1/sqrt(1-rho) times); retune or warm up the learning rate if early training matters"
        ),
    ),
    "tf.compat.v1.train.AdadeltaOptimizer": Spec(
        keras="Adadelta",
        signature=("learning_rate", "rho", "epsilon", "use_locking", "name"),
        dropped=_LOCKING,
        explicit={"epsilon": "1e-08"},
    ),
    "tf.compat.v1.train.AdagradOptimizer": Spec(
        keras="Adagrad",
        signature=("learning_rate", "initial_accumulator_value", "use_locking", "name"),
        dropped=_LOCKING,
        # TF1 Adagrad divides by sqrt(accumulator); Keras by sqrt(accumulator + epsilon).
        explicit={"epsilon": "0.0"},
    ),
    "tf.compat.v1.train.FtrlOptimizer": Spec(
        keras="Ftrl",
        signature=(
            "learning_rate", "learning_rate_power", "initial_accumulator_value",
            "l1_regularization_strength", "l2_regularization_strength", "use_locking",
            "name", "accum_name", "linear_name", "l2_shrinkage_regularization_strength", "beta",
        ),
        dropped={
            **_LOCKING,
            "accum_name": (_SLOT_NAME_WARNING, None),
            "linear_name": (_SLOT_NAME_WARNING, None),
        },
        none_is_default=("beta",),
    ),
    "tf.contrib.opt.AdaMaxOptimizer": Spec(
        keras="Adamax",
        signature=("learning_rate", "beta1", "beta2", "epsilon", "use_locking", "name"),
        renames={"beta1": "beta_1", "beta2": "beta_2"},
        dropped=_LOCKING,
        explicit={"epsilon": "1e-08"},
    ),
    "tf.contrib.opt.NadamOptimizer": Spec(
        keras="Nadam",
        signature=("learning_rate", "beta1", "beta2", "epsilon", "use_locking", "name"),
        renames={"beta1": "beta_1", "beta2": "beta_2"},
        dropped=_LOCKING,
        explicit={"epsilon": "1e-08"},
        caveat=(
            "not numerically identical: TF1 contrib Nadam is Adam with a Nesterov step, "
            "Keras Nadam uses Dozat's momentum schedule (decay 0.96), so the trajectories differ"
        ),
    ),
}

# Methods that exist only on TF1 optimizers (or take TF1-only arguments).
TF1_ONLY_METHODS = frozenset({
    "minimize", "compute_gradients", "get_slot", "get_slot_names", "get_name",
    "variables",  # a method in TF1, a property in Keras
})
TF1_ONLY_KEYWORDS = {"apply_gradients": frozenset({"global_step", "name"})}
# Seen in another file of the run, where the receiver is unknown: only what no Keras
# optimizer does (Keras 3 optimizers have no ``minimize``; tf-keras' needs a var_list
# and a callable loss; none takes ``global_step=``).
RUN_TF1_METHODS = frozenset({"compute_gradients", "get_slot", "get_slot_names", "minimize"})

# The contrib optimizers this stage rewrites: stage 0 leaves their warning to it.
CONTRIB_OPTIMIZERS = frozenset(name[len("tf.contrib."):] for name in OPTIMIZERS if name.startswith("tf.contrib."))


def _left(tf1_name: str) -> str:
    """The start of a refusal's warning; a contrib optimizer, which TensorFlow 2 does not
    have, says so (stage 0 left that to this stage)."""
    if tf1_name.startswith("tf.contrib."):
        return (f"left as {tf1_name}, which does not exist in TensorFlow 2 (TensorFlow Addons' tfa.optimizers "
                "has it)")
    return f"left as {tf1_name}"


# Canonical names whose presence in a scope means a TF1 graph is built and run there.
GRAPH_MODE_APIS = GRAPH_BUILDERS | frozenset({
    "tf.compat.v1.global_variables_initializer", "tf.compat.v1.train.Supervisor",
    "tf.compat.v1.train.get_or_create_global_step", "tf.compat.v1.train.get_global_step",
    "tf.compat.v1.gradients",
    # ops that only mean something in a graph a session runs (eager tf.group returns None)
    "tf.compat.v1.group", "tf.compat.v1.Print", "tf.compat.v1.train.QueueRunner",
    "tf.compat.v1.train.add_queue_runner", "tf.compat.v1.train.start_queue_runners",
})

# Functions that take a TF1 optimizer and use it the TF1 way.
TF1_WRAPPER_PREFIXES = ("tf.contrib.", "tf.compat.v1.estimator.", "tf.compat.v1.tpu.", "tf_slim.")
TF1_WRAPPERS = frozenset({
    "tf.compat.v1.train.SyncReplicasOptimizer",
    "tf.compat.v1.train.experimental.enable_mixed_precision_graph_rewrite",
    "tf.compat.v1.mixed_precision.enable_mixed_precision_graph_rewrite",
    "tf.compat.v1.train.experimental.MixedPrecisionLossScaleOptimizer",
})


def _is_tf1_wrapper(name: Optional[str]) -> bool:
    return bool(name) and (name in TF1_WRAPPERS or name.startswith(TF1_WRAPPER_PREFIXES))


# Learning rates computed from global_step: a Keras optimizer would not advance them.
def _is_step_schedule(name: Optional[str]) -> bool:
    return bool(name) and name.startswith("tf.compat.v1.train.") and (
        name.endswith("_decay") or name.endswith("piecewise_constant")
        or name.endswith("_decay_restarts")
    )


@dataclass
class _Construction:
    call: cst.Call
    spec: Spec
    tf1_name: str
    scope_key: int  # id of the innermost function (or module) it is built in
    bound_to: Optional[tuple[str, str]] = None  # ("name", "opt") | ("self", "opt")
    chained: Optional[str] = None  # TF1(...).minimize(...)
    escapes: bool = False  # returned / passed on: its uses are out of sight
    lr_schedule: Optional[str] = None  # learning_rate computed from global_step by this


class _Survey(TFVisitor):
    """Pass 1: every optimizer construction and every TF1-only use, per scope."""

    def __init__(self, ctx) -> None:
        super().__init__(ctx)
        self.constructions: list[_Construction] = []
        self.func_stack: list[int] = [id(ctx.module)]
        # (kind, name) → [(method, node, scopes it is in)]: TF1-only uses of a name or
        # self-attribute; a name built in function F only counts uses inside F.
        self.uses: dict[tuple[str, str], list[tuple[str, cst.CSTNode, frozenset]]] = {}
        self.any_tf1_use: list[tuple[str, cst.CSTNode]] = []
        self.graph_mode: dict[int, cst.CSTNode] = {}  # scope → first graph API node
        self.schedules: set[str] = set()  # names assigned a global_step schedule
        self.passed_to_tf: dict[tuple[str, str], list[tuple[str, cst.CSTNode, frozenset]]] = {}
        self.passed_on: dict[tuple[str, str], list[tuple[str, cst.CSTNode, frozenset]]] = {}
        self._assign_targets: dict[int, tuple[str, str]] = {}
        self._chained: dict[int, str] = {}
        self._escaping: set[int] = set()
        self.returned: set[tuple[int, str]] = set()  # (function, name) the function returns

    def visit_FunctionDef(self, node: cst.FunctionDef) -> None:
        self.func_stack.append(id(node))

    def leave_FunctionDef(self, node: cst.FunctionDef) -> None:
        self.func_stack.pop()

    def visit_Assign(self, node: cst.Assign) -> None:
        if len(node.targets) != 1 or not isinstance(node.value, cst.Call):
            return
        target = node.targets[0].target
        ref = _ref(target)
        if ref is not None:
            self._assign_targets[id(node.value)] = ref
            if ref[0] == "name" and _is_step_schedule(self.qualify(node.value.func)):
                self.schedules.add(ref[1])

    def visit_Return(self, node: cst.Return) -> None:
        if node.value is not None:
            self._escaping.add(id(node.value))
            for name in free_names(node.value):
                self.returned.add((self.func_stack[-1], name))

    def visit_Call(self, node: cst.Call) -> None:
        func = node.func
        name = self.qualify(func)
        if name in OPTIMIZERS:
            c = _Construction(node, OPTIMIZERS[name], name, self.func_stack[-1])
            c.bound_to = self._assign_targets.get(id(node))
            c.chained = self._chained.get(id(node))
            c.escapes = c.bound_to is None and c.chained is None
            c.lr_schedule = self._schedule_of(node, OPTIMIZERS[name])
            self.constructions.append(c)
        if name in GRAPH_MODE_APIS:
            for key in self.func_stack:
                self.graph_mode.setdefault(key, node)
        if isinstance(func, cst.Attribute):
            method = func.attr.value
            tf1_only = method in TF1_ONLY_METHODS or any(
                a.keyword is not None and a.keyword.value in TF1_ONLY_KEYWORDS.get(method, ())
                for a in node.args
            ) or (method == "apply_gradients" and sum(a.keyword is None for a in node.args) > 1)
            if tf1_only:
                self.any_tf1_use.append((method, node))
                if isinstance(func.value, cst.Call):
                    self._chained[id(func.value)] = method
                ref = _ref(func.value)
                if ref is not None:
                    self.uses.setdefault(ref, []).append((method, node, frozenset(self.func_stack)))
        # An optimizer handed to a TF1 wrapper (SyncReplicasOptimizer, CrossShardOptimizer,
        # slim.learning.create_train_op, ...) is used the TF1 way.
        if _is_tf1_wrapper(name):
            for a in node.args:
                ref = _ref(a.value)
                if ref is not None:
                    self.passed_to_tf.setdefault(ref, []).append((name, node, frozenset(self.func_stack)))
                elif isinstance(a.value, cst.Call):
                    self._chained.setdefault(id(a.value), f"passed to {name}")
        elif name is None or not name.startswith("tensorflow"):
            # handed to code that is not TensorFlow's (``train_utils.train(loss, opt)``,
            # ``opts.append(opt)``): it may be used the TF1 way there
            for a in node.args:
                if isinstance(a.value, cst.Name):
                    self.passed_on.setdefault(("name", a.value.value), []).append(
                        (code(func) + "()", node, frozenset(self.func_stack)))

    def relevant(self, table: dict, c: "_Construction") -> list:
        """Entries about what ``c`` is bound to, seen where that binding is visible."""
        entries = table.get(c.bound_to, [])
        if c.bound_to[0] == "self":
            return entries
        return [e for e in entries if c.scope_key in e[2]]

    def _schedule_of(self, call: cst.Call, spec: Spec) -> Optional[str]:
        for i, a in enumerate(call.args):
            is_lr = (a.keyword is None and i == 0) or (a.keyword is not None and a.keyword.value == "learning_rate")
            if not is_lr:
                continue
            if isinstance(a.value, cst.Call) and _is_step_schedule(self.qualify(a.value.func)):
                return self.qualify(a.value.func)
            if isinstance(a.value, cst.Name) and a.value.value in self.schedules:
                return a.value.value
        return None


def _ref(expr: cst.BaseExpression) -> Optional[tuple[str, str]]:
    if isinstance(expr, cst.Name):
        return ("name", expr.value)
    if (
        isinstance(expr, cst.Attribute)
        and isinstance(expr.value, cst.Name)
        and expr.value.value in ("self", "cls")
    ):
        return ("self", expr.attr.value)
    return None


class _Replace(Transformer):
    def __init__(self, replacements: dict) -> None:
        super().__init__()
        self.replacements = replacements

    def leave_Call(self, original_node: cst.Call, updated_node: cst.Call) -> cst.BaseExpression:
        return self.replacements.get(id(original_node), updated_node)


class Optimizers(Rule):
    id = "optimizers"
    stage = 6
    reads_importers = True
    run_needles = (b"gradients", b"minimize", b"get_slot")
    run_reach_imports = True  # an object handed to an imported function is used there
    summary = "tf.compat.v1.train optimizers → tf.keras.optimizers, TF1 defaults made explicit"
    needles = ("Optimizer",)
    example_before = (
        "import tensorflow as tf\n\n"
        "opt = tf.train.AdamOptimizer(1e-4, beta1=0.5)\n"
        "sgd = tf.train.MomentumOptimizer(0.1, 0.9, use_nesterov=True)\n"
    )
    example_after = (
        "import tensorflow as tf\n\n"
        "opt = tf.keras.optimizers.Adam(learning_rate=1e-4, beta_1=0.5, epsilon=1e-08)\n"
        "sgd = tf.keras.optimizers.SGD(learning_rate=0.1, momentum=0.9, nesterov=True)\n"
    )

    def may_act(self, facts: Facts) -> bool:
        """The rule changes and warns only at a construction of a TF1 optimizer
        (``_Survey.visit_Call``): some call in the text must reach one through a name bound
        to TensorFlow (``facts.tf_names``, a superset of what the walk resolves)."""
        return facts.reaches(OPTIMIZERS.__contains__)

    def transform(self, ctx: RuleContext) -> cst.Module:
        survey = _Survey(ctx)
        walk(ctx.module, survey)
        if not survey.constructions:
            return ctx.module
        root = ctx.aliases.local_name_for("tensorflow")
        replacements: dict[int, cst.Call] = {}
        for c in survey.constructions:
            reason, graph = self._blocker(c, survey, ctx)
            if reason:
                # left for the TF1 training step it is in: a session loop's one warning
                # (training-step) may stand for this one; not for a contrib optimizer's,
                # which says the code no longer imports
                graph = graph and not c.tf1_name.startswith("tf.contrib.")
                ctx.warn(c.call, f"{_left(c.tf1_name)}: {reason}", topic=GRAPH_TOPIC if graph else "",
                         brief=f"the optimizer {c.tf1_name} (a Keras one when tf1to2 runs on the step as TF2 code)" if graph else "")
                continue
            new = self._rewrite(c, ctx, root or "tensorflow")
            if new is not None:
                replacements[id(c.call)] = new
        if not replacements:
            return ctx.module
        module = transform(ctx.module, _Replace(replacements))
        if root is None:
            module = add_import(module, "tensorflow")
        # ``from tensorflow.compat.v1.train import AdamOptimizer`` may be unused now.
        stale = {ctx.aliases.imported_from(c.call.func) for c in survey.constructions if id(c.call) in replacements}
        return remove_unused_imports(module, sorted(stale - {None}), keep=ctx.imported)

    def _blocker(self, c: _Construction, survey: _Survey, ctx: RuleContext) -> tuple:
        """Why ``c`` is left (or None), and whether for the TF1 training step it is in
        (its ``minimize`` / ``compute_gradients``, a TF1 graph): (reason, that)."""
        if c.chained:
            what = c.chained if c.chained.startswith("passed") else f".{c.chained}(...)"
            return f"its result is used through TF1-only API ({what}); migrate the training step first", True
        if c.bound_to is not None:
            uses = survey.relevant(survey.uses, c)
            if uses:
                method, node, _ = uses[0]
                return (
                    f"{_ref_text(c.bound_to)}.{method}(...) at line {ctx.line(node)} is TF1-only "
                    "(Keras optimizers have no global_step, compute_gradients or slots); "
                    "migrate the training step to tf.GradientTape + apply_gradients first"
                ), True
            passed = survey.relevant(survey.passed_to_tf, c)
            if passed:
                return (
                    f"{_ref_text(c.bound_to)} is passed to {passed[0][0]} at line "
                    f"{ctx.line(passed[0][1])}, which expects a TF1 optimizer"
                ), False
        leaves = self._leaves(c, survey)
        if leaves and ctx.run_uses:
            where, use = ctx.run_uses[0]
            path, _, line = where.rpartition(":")
            return (
                f"it leaves this function ({leaves}) and {Path(path).name}:{line} uses an optimizer the "
                f"TF1 way ({use}); cannot prove that is not this one"
            ), False
        if (c.escapes or self._passed_on(c, survey)) and survey.any_tf1_use:
            method, node = survey.any_tf1_use[0]
            return (
                f"the optimizer leaves this expression and the module uses TF1-only "
                f"optimizer API (.{method}(...) at line {ctx.line(node)}); cannot prove it is not used that way"
            ), False
        graph = survey.graph_mode.get(c.scope_key)
        if graph is not None:
            return (
                f"this scope builds and runs a TF1 graph (line {ctx.line(graph)}); "
                "Keras optimizers do not work in TF1 graph mode"
            ), True
        return None, False

    @staticmethod
    def _leaves(c: _Construction, survey: "_Survey") -> Optional[str]:
        """How the optimizer can reach code outside its function, if it can."""
        if c.chained:
            return None
        if c.bound_to is None:
            return "returned, stored or passed on"
        if c.bound_to[0] == "self":
            return f"self.{c.bound_to[1]}"
        passed = Optimizers._passed_on(c, survey)
        if passed:
            return passed
        if (c.scope_key, c.bound_to[1]) in survey.returned:
            return f"{c.bound_to[1]} is returned"
        return None

    @staticmethod
    def _passed_on(c: _Construction, survey: "_Survey") -> Optional[str]:
        if c.bound_to is None or c.bound_to[0] != "name":
            return None
        passed = survey.relevant(survey.passed_on, c)
        return f"{c.bound_to[1]} is passed to {passed[0][0]}" if passed else None

    @staticmethod
    def run_use(call: ast.Call) -> Optional[str]:
        """An optimizer used the TF1 way in another file of the run (an ``ast.Call``):
        ``x.compute_gradients(...)``, ``x.get_slot(...)``, ``x.apply_gradients(...,
        global_step=...)``, ``x.minimize(...)``."""
        func = call.func
        if not isinstance(func, ast.Attribute):
            return None
        if func.attr in ("apply_gradients", "minimize") and any(k.arg == "global_step" for k in call.keywords):
            return f".{func.attr}(..., global_step=...)"
        if func.attr in RUN_TF1_METHODS:
            return f".{func.attr}(...)"
        return None

    def _rewrite(self, c: _Construction, ctx: RuleContext, root: str) -> Optional[cst.Call]:
        spec = c.spec
        call = c.call
        given: dict[str, cst.Arg] = {}
        for i, arg in enumerate(call.args):
            if arg.star:
                ctx.warn(call, f"{_left(c.tf1_name)}: *args/**kwargs cannot be matched to Keras arguments")
                return None
            if arg.keyword is None:
                if i >= len(spec.signature):
                    ctx.warn(call, f"{_left(c.tf1_name)}: more positional arguments than TF1 accepts")
                    return None
                name = spec.signature[i]
            else:
                name = arg.keyword.value
                if name not in spec.signature:
                    ctx.warn(call, f"{_left(c.tf1_name)}: unknown argument {name}= for TF1")
                    return None
            given[name] = arg
        new_args: list[cst.Arg] = []
        notes: list[str] = []  # said only if the change is made
        for name, arg in given.items():
            if name in spec.dropped:
                template, default = spec.dropped[name]
                value = literal_value(arg.value)
                if template is not None and value != default:
                    notes.append(template.format(arg=name, value=cst.Module([]).code_for_node(arg.value)))
                continue
            if name in spec.none_is_default and literal_value(arg.value) is None:
                continue
            new_args.append(keyword(arg, spec.renames.get(name, name)))
        for name, value in spec.explicit.items():
            if name not in given:
                new_args.append(new_keyword(spec.renames.get(name, name), value))
        func = expression(f"{root}.keras.optimizers.{spec.keras}")
        if not ctx.change(call, f"{c.tf1_name} → tf.keras.optimizers.{spec.keras}"):
            return None
        for note in notes:
            ctx.warn(call, note)
        if spec.caveat:
            ctx.warn(call, spec.caveat)
        if c.lr_schedule:
            ctx.warn(
                call,
                f"learning_rate comes from {c.lr_schedule}, computed from global_step: a Keras "
                "optimizer does not advance global_step; use a tf.keras.optimizers.schedules.* "
                "schedule (with Momentum, TF1 and Keras also scale the velocity differently "
                "when the rate changes)",
            )
        return call.with_changes(func=func, args=rebuild_args(call, new_args))

def _ref_text(ref: tuple[str, str]) -> str:
    return ref[1] if ref[0] == "name" else f"self.{ref[1]}"
