"""Stage 2: slim layer calls → ``tf.compat.v1.layers`` (and ``tf.nn``) calls.

What it does
    ``conv2d``/``convolution2d``, ``separable_conv2d``, ``conv2d_transpose``,
    ``fully_connected``, ``max_pool2d``, ``avg_pool2d``, ``batch_norm``, ``dropout``,
    ``flatten``, ``softmax``, ``one_hot_encoding``, ``repeat``, ``stack``,
    ``l2_regularizer``/``l1_regularizer`` and slim's initializers become their
    ``tf.compat.v1`` / ``tf.keras`` counterparts:

    - arguments renamed (``num_outputs``→``filters``/``units``, ``stride``→``strides``,
      ``rate``→``dilation_rate``, ``weights_*``→``kernel_*``, ``biases_*``→``bias_*``,
      ``keep_prob``→``rate=1 - keep_prob``, ``is_training``→``training``,
      ``decay``→``momentum``, ``param_initializers``→``beta_initializer``...);
    - slim's initializers as TensorFlow's of the same distribution
      (``variance_scaling_initializer(factor)``, a truncated normal sqrt(1.3 * factor / n)
      wide, is ``tf.compat.v1.variance_scaling_initializer(scale=factor * 1.3 *
      0.87962566103423978 ** 2)``, TensorFlow's being sqrt(scale / n) / 0.8796... wide;
      ``xavier_initializer`` is Glorot's uniform one, or that variance scaling with factor
      1 and ``fan_avg`` when normal);
    - slim's defaults written out where the v1 layer's differ (``padding="SAME"`` and
      ``activation=tf.nn.relu`` for convolutions, ``strides=2`` for pooling,
      ``momentum=0.999`` and ``scale=False`` for batch norm, ``training=True`` for
      batch norm and dropout; slim's default weights initializer, Glorot uniform, is
      the v1 layers' default too, so it is not written);
    - ``normalizer_fn``/``activation_fn`` split into their own ops in slim's order:
      the layer without bias, then the normalizer in the layer's scope
      (``name="conv1/BatchNorm"``), then the activation;
    - ``scope=`` (or slim's default: ``Conv``, ``fully_connected``, ``BatchNorm``...)
      becomes ``name=``, so variables stay where they were; the leaf names that change
      (``weights``→``kernel``, ``biases``→``bias``, ``depthwise_weights``...) go into the
      run's name map; ``repeat``/``stack`` unroll with the scope names slim generates
      (``conv1/conv1_1``);
    - depthwise-only ``separable_conv2d(num_outputs=None)`` and ``bias_add``, which have no
      v1 layer, become slim's own ``variable_scope`` block: ``get_variable`` for
      ``depthwise_weights``/``biases`` (same names) and ``tf.nn.depthwise_conv2d`` /
      ``tf.nn.bias_add`` (from a call on its own line only); the depthwise ``biases`` are
      sized as slim sized them, from the block's input (its channels times the
      multiplier), and made before the convolution, so that a migrated layer's ``build``
      can make them (native-keras);
    - ``outputs_collections=`` and ``utils.convert_collection_to_dict`` become the shim's
      ``tf1to2.collect_named_outputs`` / ``convert_collection_to_dict``, which keep the
      same end-point keys in eager code too, and in a graph are slim's own (the graph's
      collection filled, aliases on the tensors, for ``get_collection`` and slim's utils).

Why
    ``tf.compat.v1.layers`` is what the next stages (and TensorFlow's guide) work from;
    slim's own layers do not run under Keras at all.

Will not touch (warns with the line)
    A call an ``arg_scope`` may still govern (run ``slim-arg-scope`` first: a scope it
    leaves, around code it cannot follow, no longer blocks the calls whose settings it
    wrote out, here or in the functions called under it), a method of the class called
    under a scope that stays (settings are not written into methods), including
    every call in a module whose scope function stage 1 could not read, ``**kwargs``,
    a normalizer other than slim's ``batch_norm``, values it must read but cannot
    (``normalizer_params`` not a literal dict, ``data_format`` not a literal, a
    non-literal ``repeat`` count), and options v1 layers do not have
    (``batch_weights``, ``zero_debias_moving_mean``, ``variables_collections``...).
    A layer call with no ``scope=`` whose name slim's run-time uniquification decides in a
    way the code does not show: in a loop or a lambda; one of several unscoped calls of
    that name in its variable scope where a call before it may or may not have run when it
    does (under an if it is not in, a try, a lambda), or where a with block of unknown
    effect is around it; a string in the function (or its class's ``__init__`` /
    ``build``) naming such a scope (``"Conv_1"``), another slim convolution (``conv3d``:
    its scopes are ``Conv`` too), a ``variable_scope`` re-entering the current scope, or,
    with several, a call that may open scopes of its own (a layer attribute, a function of
    the module or one defined in the function). Otherwise the unscoped calls get slim's
    names in the order they run (``Conv``, ``Conv_1``, ... -- dopamine's DQN networks;
    the two branches of an if both
    count from what ran before it), each ``with variable_scope(...)`` block counting from
    0 (leaving one resets its counts, in a loop too: baselines' and stable-baselines'
    networks in a ``with tf.variable_scope(scope, reuse=reuse)``); the calls in the
    function's own scope are warned once: a second run of it in one variable scope
    numbered on in TF1.
    A ``batch_norm`` / ``dropout`` (or a layer normalized by one) with no ``is_training``,
    where another file of the run enters a scope listing it (or ops it cannot name) around
    code reaching this module: that file's ``is_training`` would be lost to slim's
    default (the files were too many to read together; read together, stage 1 hands the
    flag down as a parameter). Elsewhere the default, training=True, is written, warned.
    A read of the model variables (``slim.get_model_variables``, ``tf.model_variables``,
    ``get_collection(GraphKeys.MODEL_VARIABLES)``): slim's layers filled that collection,
    the layers they become do not, so the read is warned (``tests/test_slim_scopes.py``).
    A string naming a variable by slim's leaf name (``'weights' in v.name``,
    ``get_variables_by_name('weights')``, ``'conv1/biases'``, not a name given to what a
    call makes, nor a docstring): the rewritten layers name it ``kernel`` / ``bias``, so
    the lookup would find nothing; warned at the string.
"""
from __future__ import annotations

import ast
import functools
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional

import libcst as cst

from rules import slim
from rules.aliases import TFTransformer, TFVisitor
from rules.base import Facts, Rule, RuleContext, mentioning
from rules.edit import add_imports, expression, literal_value, module_imports, nodes_of, remove_unused_imports
from rules.model_walk import (GET_COLLECTION, collection_read, find_method, self_attributes, target_names,
                               variable_scope_name)
from rules.visitors import Visitor, transform, walk

CONVERTED = frozenset({
    "conv2d", "separable_conv2d", "conv2d_transpose", "fully_connected", "max_pool2d", "avg_pool2d",
    "batch_norm", "dropout", "flatten", "softmax", "one_hot_encoding", "repeat", "stack", "bias_add",
    "l2_regularizer", "l1_regularizer", "xavier_initializer", "variance_scaling_initializer",
    "convert_collection_to_dict", "collect_named_outputs",
})

# weight renames: slim leaf → v1 leaf
RENAMES = {
    "conv2d": {"weights": "kernel", "biases": "bias"},
    "conv2d_transpose": {"weights": "kernel", "biases": "bias"},
    "fully_connected": {"weights": "kernel", "biases": "bias"},
    "separable_conv2d": {"depthwise_weights": "depthwise_kernel", "pointwise_weights": "pointwise_kernel",
                         "biases": "bias"},
}
_LINE = 99
RELU_DEFAULT = object()  # activation_fn not given: slim applies relu
# slim's variance_scaling_initializer(factor) (truncated normal) as TensorFlow's scale
SLIM_TRUNCATED_NORMAL = "1.3 * 0.87962566103423978 ** 2"


# what reads slim's MODEL_VARIABLES collection, which its layers filled and the layers
# this rule writes do not
MODEL_VARIABLE_READERS = ("tf_slim.get_model_variables", "tf_slim.variables.get_model_variables",
                          "tf_slim.ops.variables.get_model_variables", "tf.compat.v1.model_variables",
                          "tf.contrib.framework.get_model_variables")
MODEL_VARIABLES_READ = (
    "reads the model variables (the MODEL_VARIABLES collection): slim's layers put their weights, biases and "
    "batch-norm variables there, and the layers slim-to-layers rewrites them into (tf.compat.v1.layers, "
    "tf1to2.layers, Keras) do not, so after migration it no longer finds the variables of rewritten slim layers "
    "(only slim.model_variable's and those added by hand): read them by scope instead "
    "(tf.compat.v1.global_variables(scope), or trainable_variables(scope) and the batch-norm moving averages), "
    "or from the model's layers")


def _reads_model_variables(call: cst.Call, qualify) -> bool:
    """``slim.get_model_variables(...)``, ``tf.model_variables()`` or
    ``get_collection(GraphKeys.MODEL_VARIABLES)`` (or its ``_ref``, or the string)."""
    q = qualify(call.func)
    return q in MODEL_VARIABLE_READERS or (
        q in GET_COLLECTION and (collection_read(call, qualify) or "").split()[0:1] == ["MODEL_VARIABLES"])


# a string naming a variable by the leaf name slim gave it and the rewritten layers do not
# (weights → kernel, biases → bias, depthwise_weights / pointwise_weights → *_kernel)
LEAF_NAMES = ("weights", "biases", "depthwise_weights", "pointwise_weights")
LEAF_LOOKUP = re.compile(r"""(['"])(?:[^'"\n]*/)?(?:%s)(?::0)?(?:/[^'"\n]*)?\1""" % "|".join(LEAF_NAMES))
_LEAF = re.compile(r"(?:^|/)(%s)(?::0)?(?:/|$)" % "|".join(LEAF_NAMES))
# calls whose string arguments name what they make, not what they look up
_MAKERS = ("get_variable", "Variable", "variable_scope", "name_scope", "model_variable", "variable",
           "add_weight", "get_local_variable")


def _rewrites(facts: Facts) -> bool:
    """Whether some call in the text names an op the rule converts, or reads the model
    variables (which it warns), through a name bound to TensorFlow or tf_slim."""
    model_variables = re.search(r"MODEL_VARIABLES|model_variables", facts.text) is not None
    return facts.reaches(lambda q: slim.op_name(q) in CONVERTED or (model_variables and (
        q in MODEL_VARIABLE_READERS or q in GET_COLLECTION)))


def _may_name_leaves(facts: Facts) -> bool:
    """Whether some string may name a variable by slim's leaf name (``_warn_leaf_lookups``
    decides, reading what each call makes): one matching, read with Python's ``ast``,
    other than the two it never warns whatever the call, a bare string (a docstring) and
    a ``name=``."""
    if LEAF_LOOKUP.search(facts.text) is None:
        return False
    if facts.tree is None:
        return True
    skipped = {id(n.value) for n in ast.walk(facts.tree) if isinstance(n, ast.Expr)}
    skipped |= {id(k.value) for n in ast.walk(facts.tree) if isinstance(n, ast.Call) for k in n.keywords
                if k.arg == "name"}
    return any(isinstance(n, ast.Constant) and isinstance(n.value, str) and id(n) not in skipped
               and _LEAF.search(n.value) for n in ast.walk(facts.tree))


def _warn_leaf_lookups(ctx: RuleContext) -> None:
    """Warn each string (not a docstring, nor a name given to what a call makes, nor a
    slim op's scope) that names a variable by slim's leaf name: after the rewrite the
    variable is ``.../kernel`` or ``.../bias``, and a lookup by the old name (``'weights'
    in v.name``, ``get_variables_by_name('weights')``, ``'conv1/weights:0'``) silently
    finds nothing. The run's name map has each renamed variable."""
    if LEAF_LOOKUP.search(ctx.code) is None:
        return
    skipped: set = set()

    class _V(TFVisitor):
        def visit_SimpleStatementLine(self, node):
            for stmt in node.body:  # docstrings and other bare strings
                if isinstance(stmt, cst.Expr) and isinstance(stmt.value, (cst.SimpleString, cst.ConcatenatedString)):
                    skipped.update(id(n) for n in nodes_of(stmt, cst.SimpleString))

        def visit_Call(self, node):
            q = self.qualify(node.func) or ""
            leaf = q.rsplit(".", 1)[-1] if q else (node.func.attr.value if isinstance(node.func, cst.Attribute)
                                                   else getattr(node.func, "value", ""))
            if slim.op_name(q) in CONVERTED or leaf in _MAKERS or ".summary." in q:
                for arg in node.args:
                    if arg.keyword is None or arg.keyword.value in ("name", "scope", "name_or_scope", "default_name",
                                                                    "tag"):
                        skipped.update(id(n) for n in nodes_of(arg.value, cst.SimpleString))
            for arg in node.args:  # a name= given to anything names what it makes
                if arg.keyword is not None and arg.keyword.value == "name":
                    skipped.update(id(n) for n in nodes_of(arg.value, cst.SimpleString))

        def visit_SimpleString(self, node):
            if id(node) in skipped:
                return
            try:
                value = node.evaluated_value
            except Exception:  # noqa: BLE001 - bytes and odd escapes: not a name
                return
            found = _LEAF.search(value) if isinstance(value, str) else None
            if found is not None:
                old = found.group(1)
                new = {"weights": "kernel", "biases": "bias"}.get(old, old.replace("weights", "kernel"))
                kept = " (bias_add and depthwise-only separable_conv2d keep it)" if old in (
                    "biases", "depthwise_weights") else ""
                ctx.warn(node, f"{node.value} names a variable by slim's leaf name {old!r}: the layers slim-to-layers "
                               f"writes name it {new!r}{kept} (the run's name map has each renamed variable), so a "
                               "lookup by this name finds nothing after migration; use the new name, or take the "
                               "variable from its layer")

    # only statements with such a string (and the imports qualify reads) are walked
    walk(ctx.module, _V(ctx, ctx.unmentioning(mentioning((), LEAF_LOOKUP.pattern, r"\bimport\b"))))


class Refused(Exception):
    pass


@dataclass
class Step:
    """One call of the rewrite: ``func(IN, *positional, **keywords)``."""
    func: str
    positional: list = field(default_factory=list)   # code strings
    keywords: list = field(default_factory=list)     # (name, code)
    takes_input: bool = True

    def render(self, inp: str) -> str:
        parts = ([inp] if self.takes_input else []) + list(self.positional) + [f"{k}={v}" for k, v in self.keywords]
        one = f"{self.func}({', '.join(parts)})"
        if len(one) <= _LINE - 12 or "\n" in one:
            return one
        return f"{self.func}(\n" + ",\n".join("    " + p for p in parts) + ")"

    # Only a call on a line of its own (``x = slim.op(...)``) can become a block of lines.
    needs_statements = False

    def statements(self, target: str, inp: str, v1: str, fresh) -> list[str]:
        """The step as lines assigning ``target``."""
        return [f"{target} = {self.render(inp)}"]

    def names(self) -> list[str]:
        """What it calls, for the change message."""
        return [self.func.split(".")[-1]]


class BlockStep(Step):
    """Ops with no v1 layer (depthwise convolution, bias_add): slim's own variables made
    with ``get_variable`` in slim's ``variable_scope``, so names need no map. Statements
    only: ``with variable_scope(...) as sc:`` and one line per op inside.

    ``variables`` are (leaf name, shape code with {IN} for the op's input and {IN0} for the
    block's, keywords); ``ops``
    are ``(func, positional, keywords)`` applied in turn, ``{var}`` in a positional
    standing for the variable of that leaf name."""

    def __init__(self, scope: str, literal: bool, default_name: str, reuse: Optional[str], ops: list,
                 variables: dict) -> None:
        super().__init__("variable_scope")
        self.scope, self.literal, self.default_name, self.reuse = scope, literal, default_name, reuse
        self.ops, self.variables = ops, variables
        self.after: list[Step] = []       # normalizer, activation: inside the scope, as slim runs them
        self.collect: Optional[tuple] = None  # (function, collection): slim's end point, by sc.name

    needs_statements = True

    def names(self) -> list[str]:
        return ["variable_scope", *(f.split(".")[-1] for f, _, _ in self.ops), *(n for a in self.after for n in a.names())]

    def statements(self, target: str, inp: str, v1: str, fresh) -> list[str]:
        """The lines; ``fresh(name)`` gives a local name the function does not use."""
        lines = []
        if not _is_simple(inp):
            lines.append(f"{target} = {inp}")
            inp = target
        sc = fresh("sc") if self.collect else None
        head = f"with {v1}.variable_scope({self.scope}"
        if not self.literal:  # slim's default name, uniquified, when the scope is None
            head += f", default_name=\"{self.default_name}\""
        if self.reuse:
            head += f", reuse={self.reuse}"
        head += ")" + (f" as {sc}:" if sc else ":")
        body = []
        current = inp
        made: dict = {}  # leaf → its local

        def make(leaf: str) -> str:
            shape, kws = self.variables[leaf]
            made[leaf] = fresh(leaf)
            body.append(f"{made[leaf]} = " + Step(f"{v1}.get_variable", [repr(leaf).replace("'", '"')], [
                ("shape", shape.replace("{IN0}", inp).replace("{IN}", current)), *kws],
                takes_input=False).render(""))
            return made[leaf]
        # a variable sized from the block's input is made before the ops replace it (the
        # target may be the input's own name: ``x = slim.separable_conv2d(x, None, ...)``):
        # then all of them, in slim's order
        if any("{IN0}" in shape for shape, _ in self.variables.values()):
            for leaf in self.variables:
                make(leaf)
        for func, positional, keywords in self.ops:
            args = []
            for p in positional:
                if p.startswith("{") and p.endswith("}"):
                    p = made.get(p[1:-1]) or make(p[1:-1])
                args.append(p)
            body.append(f"{target} = " + Step(func, args, keywords).render(current))
            current = target
        for step in self.after:
            body.append(f"{target} = {step.render(current)}")
        if self.collect:
            body.append(f"{target} = {self.collect[0]}({self.collect[1]}, {sc}.name, {target})")
        lines.append(head + "\n" + "".join(_indented(b) for b in body))
        return lines


def _indented(code: str) -> str:
    return "".join("    " + line + "\n" for line in code.splitlines())


class _IfStep(Step):
    """Steps slim takes only when a value known at run time is not None (a normalizer or
    activation passed in as a parameter): ``if cond: x = step(x)``. Statements only."""

    def __init__(self, cond: str, inner: list) -> None:
        super().__init__("if")
        self.cond, self.inner = cond, inner

    needs_statements = True

    def names(self) -> list[str]:
        return [f"{n} (if {self.cond})" for s in self.inner for n in s.names()]

    def statements(self, target: str, inp: str, v1: str, fresh) -> list[str]:
        lines = [] if inp == target else [f"{target} = {inp}"]
        return lines + [f"if {self.cond}:\n" + _indented(f"{target} = {_nest(self.inner, target)}")]


def _is_simple(code: str) -> bool:
    return all(part.isidentifier() for part in code.split("."))


def _c(expr) -> str:
    return slim.code(expr) if isinstance(expr, cst.CSTNode) else expr


def _bind(op: str, call: cst.Call, skip: int = 0) -> dict:
    """Arguments of ``call`` by slim parameter name; positional ones start at ``skip``."""
    sig = slim.SIGNATURES[op]
    out: dict = {}
    i = skip
    for arg in call.args:
        if arg.star:
            raise Refused("it passes *args or **kwargs")
        if arg.keyword is None:
            if i >= len(sig):
                raise Refused("it has more positional arguments than slim's signature")
            out[sig[i]] = arg.value
            i += 1
        else:
            if arg.keyword.value not in sig:
                raise Refused(f"slim's {op} has no argument {arg.keyword.value}")
            out[arg.keyword.value] = arg.value
    return out


def _channels_first(args: dict) -> bool:
    """Whether the call's literal ``data_format`` is NCHW (slim's default: NHWC)."""
    df = args.get("data_format")
    if df is None or slim.is_none(df):
        return False
    value = _lit(df)
    if value not in ("NHWC", "NCHW"):
        raise Refused("its data_format is not a literal")
    return value == "NCHW"


def _lit(expr):
    try:
        return literal_value(expr) if isinstance(expr, cst.CSTNode) else None
    except Exception:
        return None


class _Converter:
    """Turns one bound slim call into steps, a name and name-map entries."""

    def __init__(self, rule: "_Rewriter") -> None:
        self.r = rule

    # -- names -------------------------------------------------------------
    def name_of(self, op: str, args: dict) -> tuple[str, Optional[str]]:
        """(code of ``name=``, its literal value or None)."""
        scope = args.get("scope")
        default = slim.DEFAULT_SCOPE[op]
        if scope is None or slim.is_none(scope):
            named = self.r.unscoped_names.get(id(self.r.current_call))
            if named is not None and named[0] == op:
                default = named[1]
            return repr(default).replace("'", '"'), default
        value = _lit(scope)
        if isinstance(value, str):
            return _c(scope), value
        if isinstance(scope, (cst.Name, cst.Attribute, cst.Subscript)) and not self.r.never_none(scope):
            return f"{_c(scope)} or {default!r}".replace("'", '"'), None
        return _c(scope), None

    # -- ops ---------------------------------------------------------------
    def convert(self, op: str, args: dict, inp: Optional[str] = None) -> tuple[list[Step], Optional[str], list]:
        """(steps, input code, name-map entries [(old leaf path, new leaf path)])."""
        inp = inp if inp is not None else _c(args.get("inputs", args.get("logits", args.get("labels"))))
        if inp is None:
            raise Refused("its input is not given")
        method = getattr(self, "_" + op)
        steps, entries = method(args)
        oc = args.get("outputs_collections")
        if oc is not None and not slim.is_none(oc) and isinstance(steps[0], BlockStep):
            steps[0].collect = (f"{self.r.shim()}.collect_named_outputs", _c(oc))
        elif oc is not None and not slim.is_none(oc):
            name_code, _ = self.name_of(op, args) if op in slim.DEFAULT_SCOPE else ('""', None)
            steps.append(_CollectStep(f"{self.r.shim()}.collect_named_outputs",
                                      [_c(oc), f"{self.r.shim()}.scope_name({name_code})"]))
        return steps, inp, entries

    def _unsupported(self, args: dict, names: tuple) -> None:
        for n in names:
            v = args.get(n)
            if v is not None and not slim.is_none(v) and not (n == "zero_debias_moving_mean" and _lit(v) is False) \
                    and not (n == "renorm" and _lit(v) is False) and not (n == "trainable" and _lit(v) is True):
                raise Refused(f"tf.compat.v1.layers has no equivalent of {n}=")

    def _collections(self, args: dict) -> None:
        v = args.get("variables_collections")
        if v is not None and not slim.is_none(v):
            self.r.note_dropped("variables_collections")

    def _layer(self, op: str, args: dict, func: str, first: list, kws: list, weights: bool = True):
        """The common tail: normalizer, activation, name, reuse, trainable."""
        norm = args.get("normalizer_fn")
        norm = None if norm is None or slim.is_none(norm) else norm
        switch = self.r.switch(norm) if norm is not None else None  # a parameter: known at run time
        act = args.get("activation_fn", RELU_DEFAULT)
        name_code, name = self.name_of(op, args)
        steps = []
        bias_init = args.get("biases_initializer")
        no_bias = bias_init is not None and slim.is_none(bias_init)
        use_bias = not (norm is not None or no_bias)
        if weights:
            if switch and not no_bias:
                use_bias = True
                kws.append(("use_bias", f"{switch} is None"))
            elif not use_bias:
                kws.append(("use_bias", "False"))
            elif bias_init is not None:
                kws.append(("bias_initializer", _c(bias_init)))
            if args.get("biases_regularizer") is not None and not slim.is_none(args["biases_regularizer"]) and use_bias:
                kws.append(("bias_regularizer", _c(args["biases_regularizer"])))
        if norm is None and act is not RELU_DEFAULT and not slim.is_none(act):
            kws.append(("activation", _c(act)))
        elif norm is None and act is RELU_DEFAULT:
            kws.append(("activation", self.r.nn("relu")))
        if "trainable" in args and _lit(args["trainable"]) is not True:
            kws.append(("trainable", _c(args["trainable"])))
        kws.append(("name", name_code))
        if "reuse" in args and not slim.is_none(args["reuse"]):
            kws.append(("reuse", _c(args["reuse"])))
        self._collections(args)
        steps.append(Step(f"{self.r.layers()}.{func}", first, kws))
        if norm is not None:
            bn_args = dict(self.r.dict_of(args.get("normalizer_params"))) if switch else \
                self._normalizer_args(norm, args)
            if "scope" not in bn_args:
                bn_scope = f"{name}/BatchNorm" if name is not None else None
                if "scope" not in args or slim.is_none(args["scope"]):
                    self.r.note_auto_named_normalizer(repr(name))
                if bn_scope is not None:
                    bn_args["scope"] = cst.SimpleString(repr(bn_scope).replace("'", '"'))
                else:
                    base, _ = self.name_of(op, args)
                    if " or " in base:
                        self.r.note_auto_named_normalizer(base)
                    bn_args["scope"] = cst.parse_expression(f"({base}) + \"/BatchNorm\"" if " or " in base
                                                            else f"{base} + \"/BatchNorm\"")
            else:
                inner = _lit(bn_args["scope"])
                if name is None or not isinstance(inner, str):
                    raise Refused("its normalizer_params scope= is not a literal under a literal scope")
                bn_args["scope"] = cst.SimpleString(repr(f"{name}/{inner}").replace("'", '"'))
            if "reuse" in args and "reuse" not in bn_args:
                bn_args["reuse"] = args["reuse"]
            bn_steps, _ = self._batch_norm(bn_args)
            steps += ([_IfStep(f"{switch} is not None", bn_steps)] if switch else bn_steps) + self._activation(act)
        return steps, name

    def _normalizer_args(self, norm, args: dict) -> dict:
        """The arguments of the batch norm that slim's ``normalizer_fn`` call makes."""
        if self.r.op_of(norm) != "batch_norm":
            raise Refused(f"its normalizer {_c(norm)} is not slim's batch_norm")
        return dict(self.r.dict_of(args.get("normalizer_params")))

    def _activation(self, act) -> list:
        """The step slim's ``activation_fn`` adds (``RELU_DEFAULT``: not given, relu)."""
        if act is RELU_DEFAULT:
            return [Step(self.r.nn("relu"), [], [])]
        if act is None or slim.is_none(act):
            return []
        if isinstance(act, cst.Name) and self.r.fn_stack and act.value in slim.params(self.r.fn_stack[-1].node):
            return [_IfStep(f"{act.value} is not None", [Step(act.value, [], [])])]  # slim: only when given
        return [Step(_c(act), [], [])]

    def _bias(self, args: dict, nchw: bool, init_key: str, reg_key: str) -> tuple:
        """slim's ``biases`` variable (zeros unless given) and its ``bias_add``."""
        spec = (f"[{{IN}}.shape[{1 if nchw else -1}]]", self._variable_keywords(
            args, init_key, reg_key, f"{self.r.v1()}.zeros_initializer()"))
        return spec, (self.r.nn("bias_add"), ["{biases}"], [("data_format", '"NCHW"')] if nchw else [])

    def _entries(self, op: str, name: Optional[str], args: dict) -> list:
        renames = dict(RENAMES.get(op, {}))
        bias_init = args.get("biases_initializer")
        norm = args.get("normalizer_fn")
        if (norm is not None and not slim.is_none(norm) and not self.r.switch(norm)) or \
                (bias_init is not None and slim.is_none(bias_init)):
            renames.pop("biases", None)
        return [(name, old, new) for old, new in renames.items()]

    def _data_format(self, args: dict, kws: list) -> None:
        if _channels_first(args):
            kws.append(("data_format", '"channels_first"'))

    def _conv_common(self, args: dict, kws: list, strides_default: Optional[str] = None) -> None:
        if "stride" in args:
            kws.append(("strides", _c(args["stride"])))
        elif strides_default:
            kws.append(("strides", strides_default))
        pad = args.get("padding")
        kws.append(("padding", _c(pad) if pad is not None else '"SAME"'))
        self._data_format(args, kws)

    def _initializer(self, args: dict, kws: list, key: str = "kernel_initializer",
                     slim_key: str = "weights_initializer") -> None:
        # slim's default, xavier_initializer(), is Glorot uniform: what a v1 layer (through
        # get_variable) uses when given none, so nothing is written for it
        init = args.get(slim_key)
        if init is not None and not slim.is_none(init):
            kws.append((key, _c(init)))

    def _weights(self, args: dict, kws: list) -> None:
        self._initializer(args, kws)
        if args.get("weights_regularizer") is not None and not slim.is_none(args["weights_regularizer"]):
            kws.append(("kernel_regularizer", _c(args["weights_regularizer"])))

    def _convolution(self, op: str, args: dict):
        """conv2d and conv2d_transpose (which has no ``rate``): the v1 layer of the same name."""
        first = [_c(args["num_outputs"]), _c(args["kernel_size"])]
        kws: list = []
        self._conv_common(args, kws)
        if "rate" in args and _lit(args["rate"]) != 1:
            kws.append(("dilation_rate", _c(args["rate"])))
        self._weights(args, kws)
        steps, name = self._layer(op, args, op, first, kws)
        return steps, self._entries(op, name, args)

    def _conv2d(self, args: dict):
        return self._convolution("conv2d", args)

    def _conv2d_transpose(self, args: dict):
        return self._convolution("conv2d_transpose", args)

    def _separable_conv2d(self, args: dict):
        if slim.is_none(args.get("num_outputs", cst.Name("None"))):
            return self._depthwise(args), []
        first = [_c(args["num_outputs"]), _c(args["kernel_size"])]
        kws: list = []
        self._conv_common(args, kws)
        if "rate" in args and _lit(args["rate"]) != 1:
            kws.append(("dilation_rate", _c(args["rate"])))
        if "depth_multiplier" in args:
            kws.append(("depth_multiplier", _c(args["depth_multiplier"])))
        self._initializer(args, kws, "depthwise_initializer")
        pw = args.get("pointwise_initializer")
        if pw is None or slim.is_none(pw):
            self._initializer(args, kws, "pointwise_initializer")
        else:
            kws.append(("pointwise_initializer", _c(pw)))
        reg = args.get("weights_regularizer")
        if reg is not None and not slim.is_none(reg):
            kws.append(("depthwise_regularizer", _c(reg)))
            kws.append(("pointwise_regularizer", _c(reg)))
        steps, name = self._layer("separable_conv2d", args, "separable_conv2d", first, kws)
        return steps, self._entries("separable_conv2d", name, args)

    def _block(self, default_name: str, args: dict, ops: list, variables: dict) -> "BlockStep":
        scope = args.get("scope")
        reuse = args.get("reuse")
        return BlockStep(_c(scope) if scope is not None else "None", isinstance(_lit(scope), str), default_name,
                         _c(reuse) if reuse is not None and not slim.is_none(reuse) else None, ops, variables)

    def _variable_keywords(self, args: dict, init_key: str, reg_key: str, default_init: Optional[str]) -> list:
        kws = []
        init = args.get(init_key)
        if init is None and default_init:
            kws.append(("initializer", default_init))
        elif init is not None and not slim.is_none(init):
            kws.append(("initializer", _c(init)))
        reg = args.get(reg_key)
        if reg is not None and not slim.is_none(reg):
            kws.append(("regularizer", _c(reg)))
        if "trainable" in args and _lit(args["trainable"]) is not True:
            kws.append(("trainable", _c(args["trainable"])))
        return kws

    def _depthwise(self, args: dict) -> list:
        """slim's depthwise-only separable_conv2d: ``depthwise_weights`` and ``biases`` in
        its scope, ``tf.nn.depthwise_conv2d`` and ``bias_add``; the normalizer replaces the
        bias, as in slim."""
        pair = {}
        for key, default in (("kernel_size", None), ("stride", 1), ("rate", 1)):
            value = _lit(args[key]) if key in args else default
            if isinstance(args.get(key), (cst.List, cst.Tuple)) and len(args[key].elements) == 2:
                value = [_lit(e.value) for e in args[key].elements]
            if isinstance(value, int) and not isinstance(value, bool):
                value = [value, value]
            if not (isinstance(value, list) and all(isinstance(v, int) and not isinstance(v, bool) for v in value)):
                raise Refused(f"depthwise only: its {key} is not a literal int or pair")
            pair[key] = value
        nchw = _channels_first(args)
        multiplier = _c(args["depth_multiplier"]) if "depth_multiplier" in args else "1"
        (kh, kw), (sh, sw), rate = pair["kernel_size"], pair["stride"], pair["rate"]
        strides = f"[1, 1, {sh}, {sw}]" if nchw else f"[1, {sh}, {sw}, 1]"
        pad = args.get("padding")
        conv_kws = [("strides", strides), ("padding", _c(pad) if pad is not None else '"SAME"')]
        if nchw:
            conv_kws.append(("data_format", '"NCHW"'))
        if rate != [1, 1]:
            conv_kws.append(("dilations", f"[{rate[0]}, {rate[1]}]"))
        variables = {"depthwise_weights": (f"[{kh}, {kw}, {{IN}}.shape[{1 if nchw else -1}], {multiplier}]",
                                           self._variable_keywords(args, "weights_initializer",
                                                                   "weights_regularizer", None))}
        ops = [(self.r.nn("depthwise_conv2d"), ["{depthwise_weights}"], conv_kws)]
        norm = args.get("normalizer_fn")
        norm = None if norm is None or slim.is_none(norm) else norm
        bias_init = args.get("biases_initializer")
        if norm is None and not (bias_init is not None and slim.is_none(bias_init)):
            (_, keywords), bias_op = self._bias(args, nchw, "biases_initializer", "biases_regularizer")
            # slim's size, the input's channels times the multiplier: read from the block's
            # input, not the convolution's output, so that a layer's build() can see it
            literal = _lit(args["depth_multiplier"]) if "depth_multiplier" in args else 1
            times = "" if literal == 1 else f" * {multiplier}" if isinstance(literal, int) else f" * ({multiplier})"
            variables["biases"] = (f"[{{IN0}}.shape[{1 if nchw else -1}]{times}]", keywords)
            ops.append(bias_op)
        self._collections(args)
        block = self._block("SeparableConv2d", args, ops, variables)
        if norm is not None:
            bn_args = self._normalizer_args(norm, args)
            if "scope" in bn_args and not isinstance(_lit(bn_args["scope"]), str):
                raise Refused("its normalizer_params scope= is not a literal")
            bn_args.setdefault("scope", cst.SimpleString('"BatchNorm"'))
            block.after += self._batch_norm(bn_args)[0]
        block.after += self._activation(args.get("activation_fn", RELU_DEFAULT))
        return [block]

    def _bias_add(self, args: dict):
        spec, op = self._bias(args, _channels_first(args), "initializer", "regularizer")
        self._collections(args)
        block = self._block("BiasAdd", args, [op], {"biases": spec})
        block.after += self._activation(args.get("activation_fn"))
        return [block], []

    def _fully_connected(self, args: dict):
        first = [_c(args["num_outputs"])]
        kws: list = []
        self._weights(args, kws)
        steps, name = self._layer("fully_connected", args, "dense", first, kws)
        return steps, self._entries("fully_connected", name, args)

    def _pool(self, args: dict, func: str):
        first = [_c(args["kernel_size"])]
        kws = [("strides", _c(args["stride"]) if "stride" in args else "2")]
        if "padding" in args:
            kws.append(("padding", _c(args["padding"])))
        self._data_format(args, kws)
        if "scope" in args and not slim.is_none(args["scope"]):
            kws.append(("name", _c(args["scope"])))
        return [Step(f"{self.r.layers()}.{func}", first, kws)], []

    def _max_pool2d(self, args: dict):
        return self._pool(args, "max_pooling2d")

    def _avg_pool2d(self, args: dict):
        return self._pool(args, "average_pooling2d")

    def _batch_norm(self, args: dict):
        self._unsupported(args, ("batch_weights", "zero_debias_moving_mean", "adjustment", "renorm_clipping"))
        kws: list = []
        if _channels_first(args):
            kws.append(("axis", "1"))
        kws.append(("momentum", _c(args["decay"]) if "decay" in args else "0.999"))
        if "epsilon" in args:
            kws.append(("epsilon", _c(args["epsilon"])))
        if "center" in args:
            kws.append(("center", _c(args["center"])))
        kws.append(("scale", _c(args["scale"]) if "scale" in args else "False"))
        inits = self.r.dict_of(args.get("param_initializers"), optional=True)
        for k in ("beta", "gamma", "moving_mean", "moving_variance"):
            if k in inits:
                kws.append((f"{k}_initializer", _c(inits[k])))
        regs = self.r.dict_of(args.get("param_regularizers"), optional=True)
        for k in ("beta", "gamma"):
            if k in regs:
                kws.append((f"{k}_regularizer", _c(regs[k])))
        kws.append(("training", _c(args["is_training"]) if "is_training" in args else "True"))
        if "is_training" not in args:
            self.r.note_training_default("batch_norm")
        if "trainable" in args and _lit(args["trainable"]) is not True:
            kws.append(("trainable", _c(args["trainable"])))
        for k in ("renorm", "renorm_decay", "fused"):
            if k in args and not slim.is_none(args[k]):
                kws.append((k, _c(args[k])))
        name_code, _ = self.name_of("batch_norm", args)
        kws.append(("name", name_code))
        if "reuse" in args and not slim.is_none(args["reuse"]):
            kws.append(("reuse", _c(args["reuse"])))
        upd = args.get("updates_collections")
        if upd is not None and not (_lit(upd) == "update_ops" or _c(upd).endswith("GraphKeys.UPDATE_OPS")):
            self.r.note_dropped("updates_collections")
        self._collections(args)
        return [Step(f"{self.r.layers()}.batch_normalization", [], kws)] + self._activation(
            args.get("activation_fn")), []

    def _dropout(self, args: dict):
        kws = []
        if "keep_prob" in args:
            kp = _lit(args["keep_prob"])
            if isinstance(kp, (int, float)) and not isinstance(kp, bool):
                kws.append(("rate", repr(round(1 - kp, 12))))
            else:
                kws.append(("rate", f"1 - {_c(slim._parenthesized(args['keep_prob']))}"))
        for k in ("noise_shape", "seed"):
            if k in args and not slim.is_none(args[k]):
                kws.append((k, _c(args[k])))
        kws.append(("training", _c(args["is_training"]) if "is_training" in args else "True"))
        if "is_training" not in args:
            self.r.note_training_default("dropout")
        if "scope" in args and not slim.is_none(args["scope"]):
            kws.append(("name", _c(args["scope"])))
        return [Step(f"{self.r.layers()}.dropout", [], kws)], []

    def _flatten(self, args: dict):
        kws = [("name", _c(args["scope"]))] if "scope" in args and not slim.is_none(args["scope"]) else []
        return [Step(f"{self.r.layers()}.flatten", [], kws)], []

    def _softmax(self, args: dict):
        kws = [("name", _c(args["scope"]))] if "scope" in args and not slim.is_none(args["scope"]) else []
        return [Step(self.r.nn("softmax"), [], kws)], []

    def _one_hot_encoding(self, args: dict):
        kws = [(k, _c(args[k])) for k in ("on_value", "off_value") if k in args]
        if "scope" in args and not slim.is_none(args["scope"]):
            kws.append(("name", _c(args["scope"])))
        return [Step(f"{self.r.tf()}.one_hot", [_c(args["num_classes"])], kws)], []


class _CollectStep(Step):
    """``collect_named_outputs(collections, alias, OUTPUT)``: the output comes last."""

    def render(self, inp: str) -> str:
        return f"{self.func}({', '.join(self.positional)}, {inp})"


def _nest(steps: list[Step], inp: str) -> str:
    out = inp
    for s in steps:
        out = s.render(out)
    return out


# slim ops that make variables in a scope named after them when given no scope=: slim
# names it ``variable_scope(None, default_name="Conv")``, uniquified at run time in its
# variable scope (``Conv``, ``Conv_1``, ...); a fixed ``name="Conv_1"`` is that only where
# the calls before it are known (``_Unnamed``), and a second run of the function raises
# (the variable exists) or, under reuse, shares the first one's variables
SCOPE_VARIABLE_OPS = frozenset({"conv2d", "separable_conv2d", "conv2d_transpose", "fully_connected", "batch_norm"})


# slim's regularizers, and the loss each computes of a variable ``w`` (times its scale)
REGULARIZER_LOSSES = {"l2_regularizer": "{tf}.nn.l2_loss({w})", "l1_regularizer": "{tf}.reduce_sum({tf}.abs({w}))"}


class _Rewriter(TFTransformer):
    def __init__(self, ctx: RuleContext, skip: frozenset = frozenset()) -> None:
        super().__init__(ctx, skip)
        self.ctx = ctx
        self.module_frame = _Frame(ctx.module)  # the module's own statements, outside functions
        self.pending: dict[int, tuple] = {}  # original call id → (steps chain) for statement form
        self.stale: set = set()
        self.applied: set = set()  # ids of regularizer calls applied on the spot (_applied_regularizer)
        self.needs_tf = False
        self.needs_shim = False
        self.dropped: set[str] = set()
        self.dropped_line: dict = {}
        self.fn_stack: list = []
        self.vs_stack: list = []            # static variable-scope names ("" unknown)
        self.conv = _Converter(self)
        root = ctx.aliases.local_name_for("tensorflow")
        v1 = ctx.aliases.local_name_for("tensorflow.compat.v1")
        if root:
            self._v1, self._tf = f"{root}.compat.v1", root
        elif v1:
            self._v1, self._tf = v1, v1
        else:
            self._v1, self._tf = "tf.compat.v1", "tf"
        self.needs_tf_import = not (root or v1)
        self.current_call = None
        # unscoped calls named as slim names them where several run in one function:
        # id → (op, name, whether one of several) (``unscoped_default``)
        self.unscoped_names: dict[int, tuple] = {}
        self.statement_calls: set[int] = set()
        self.return_calls: set[int] = set()
        self.noted: set = set()
        self.switches: dict = {}            # (def id, parameter) → why it is no switch, or ""
        self.class_layers: dict[int, set] = {}     # class id → its self.X attributes (_Unnamed), read once
        self.maker_strings: dict[int, list] = {}   # __init__ / build id → its string literals (_Unnamed)

    # names used in generated code
    def layers(self) -> str:
        self.needs_tf = True
        return f"{self._v1}.layers"

    def v1(self) -> str:
        self.needs_tf = True
        return self._v1

    def nn(self, fn: str) -> str:
        self.needs_tf = True
        return f"{self._tf}.nn.{fn}"

    def tf(self) -> str:
        self.needs_tf = True
        return self._tf

    def shim(self) -> str:
        self.needs_shim = True
        return "tf1to2"

    def note_dropped(self, what: str) -> None:
        if what not in self.dropped:
            self.dropped.add(what)
            self.dropped_line[what] = self.current_call

    def note_training_default(self, op: str) -> None:
        # another file of the run enters a scope listing the op around code that reaches
        # this module: its is_training would be lost (a group too large to read together)
        for where, listed in sorted(_run_scope_uses(self.ctx), key=lambda u: op not in u[1]):  # listing it first
            if op in listed or "?" in listed:
                raise Refused(f"it has no is_training, and the arg_scope entered at {where} "
                              f"({'its ops not known' if '?' in listed else 'listing ' + op}) may set it at run "
                              "time; migrate this module with the files that call it (their group was too large "
                              "to read together) or pass is_training as an argument")
        fn = self.fn_stack[-1].node if self.fn_stack else None
        key = ("training", id(fn))
        if key not in self.noted:
            self.noted.add(key)
            where = f"in {fn.name.value}() " if fn is not None else ""
            self.ctx.warn(self.current_call, f"slim.{op} {where}had no is_training: slim's default, training=True, "
                                             "is written out; an arg_scope that callers in other modules enter "
                                             "no longer reaches it (pass it as an argument)")

    def note_auto_named_normalizer(self, base: str) -> None:
        named = self.unscoped_names.get(id(self.current_call))
        if named is not None and named[2]:
            return  # named in order among several: its function's warning says when that is not so
        self.ctx.warn(self.current_call, f"the normalizer is named {base} + \"/BatchNorm\": right for the first "
                                         "layer slim names by default in its scope; a second would be "
                                         "Conv_1/BatchNorm in TF1 (give the layer a scope=)")

    def op_of(self, expr) -> Optional[str]:
        return slim.op_name(self.qualify(expr))

    def dict_of(self, expr, optional: bool = False) -> dict:
        if expr is None or slim.is_none(expr):
            return {}
        if isinstance(expr, cst.Name) and self.fn_stack:
            value = self.fn_stack[-1].assigns.get(expr.value)
            expr = value if value is not None else expr
        if not isinstance(expr, cst.Dict):
            raise Refused(f"{_c(expr)} is not a literal dict")
        out = {}
        for el in expr.elements:
            if not isinstance(el, cst.DictElement) or not isinstance(el.key, cst.SimpleString):
                raise Refused(f"{_c(expr)} is not a literal dict with string keys")
            out[el.key.evaluated_value] = el.value
        return out

    @functools.cached_property
    def unsafe(self):
        """(call) → why an arg_scope stage 1 left may still govern it, or ""."""
        return _unsafe_checker(self.ctx, self)

    @functools.cached_property
    def group(self):
        """Stage 1's reading of this module and its group (the calls of its functions)."""
        from rules.slim_arg_scope import _Module
        return _Module(self.ctx)

    def switch(self, expr) -> Optional[str]:
        """``normalizer_fn=<parameter>``: the parameter, when every value this run's calls
        give it is slim's batch_norm or None (stage 1 makes such parameters where callers'
        scopes disagree); then batch norm is applied when it is not None. None when
        ``expr`` is no parameter; Refused when it is one with other values."""
        if not isinstance(expr, cst.Name) or not self.fn_stack or self.op_of(expr) is not None:
            return None
        fn = self.fn_stack[-1].node
        if expr.value not in slim.params(fn):
            return None
        key = (id(fn), expr.value)
        if key not in self.switches:
            self.switches[key] = self._switch_values(fn, expr.value)
        if self.switches[key]:
            raise Refused(self.switches[key])
        return expr.value

    def _switch_values(self, fn: cst.FunctionDef, param: str) -> str:
        m = self.group
        f = next((g for g in m.funcs.values() if g.node is fn), None)
        if f is None:
            return f"its normalizer {param} is a parameter of a function whose calls are not followed"
        if param in f.locals:
            return f"its normalizer {param} is assigned in {f.name}()"
        order = list(slim.params(fn))
        default = f.params[param]
        values = [("its default", default)] if default is not None else []
        for g in [*m.funcs.values(), *m.methods]:
            for callee, call, _ in g.sites:
                if callee != f.name:
                    continue
                if any(a.star for a in call.args):
                    return f"its normalizer {param} is a parameter and {g.name}() calls it with *args or **kwargs"
                given = slim.argument(call, order.index(param), param)
                if given is not None:
                    values.append((f"{g.name}()", given))
        shown = []
        for where, value in values:
            op = self.op_of(value) if value is default else m.keys.get(id(value))  # keys: of every module
            if not slim.is_none(value) and op != "batch_norm":
                return f"its normalizer {param} is a parameter, and {where} gives it {_c(value)}"
            shown.append(f"{_c(value)} ({where})")
        self.ctx.warn(fn, f"{f.name}(): its parameter {param} now only turns batch normalization on (not None) "
                          f"or off; the values seen for it: {', '.join(shown)}; a caller not seen here that "
                          "passes another normalizer would get tf.compat.v1.layers.batch_normalization")
        return ""

    def never_none(self, expr) -> bool:
        """A name every assignment of which in this function is a string literal."""
        if not isinstance(expr, cst.Name) or not self.fn_stack:
            return False
        return expr.value in self.fn_stack[-1].strings

    # scopes
    def visit_FunctionDef(self, node: cst.FunctionDef) -> None:
        self.fn_stack.append(_Frame(node))

    def leave_FunctionDef(self, original, updated):
        self.fn_stack.pop()
        return updated

    def frame(self) -> "_Frame":
        """The function being walked, or the module outside functions."""
        return self.fn_stack[-1] if self.fn_stack else self.module_frame

    def _unscoped(self, op: str, call: cst.Call) -> bool:
        scope = _bind(op, call).get("scope")
        return scope is None or slim.is_none(scope)

    def unscoped_default(self, op: str, call: cst.Call) -> None:
        """An unscoped call of a ``SCOPE_VARIABLE_OPS`` op: Refused where slim's run-time
        uniquification gives it a name the code cannot show (``_Unnamed.name`` says why);
        else it gets slim's name for it (``unscoped_names``: ``Conv`` for the first,
        ``Conv_1`` for the second, ... in the order they run in its variable scope), and
        where that scope is the function's caller's, the function is warned once that a
        second run of it there would differ."""
        default = slim.DEFAULT_SCOPE[op]
        frame = self.frame()
        unnamed = self._unnamed(frame)
        calls = unnamed.calls.get(default, [])
        name, why = unnamed.name(default, call)
        if name is None:
            raise Refused(f"it has no scope=, and {why}: slim names them {default}, {default}_1, ... (uniquified "
                          "at run time in their variable scope), which a fixed name= cannot reproduce; give each "
                          "a scope=")
        self.unscoped_names[id(call)] = (op, name, len(calls) > 1)
        if not unnamed.at_top(call):
            return  # in a variable_scope block of its own, which counts from 0 each time it is entered
        key = ("unscoped", id(frame.node), default)
        if key not in self.noted:
            self.noted.add(key)
            where = f"{frame.node.name.value}()" if frame is not self.module_frame else "the module"
            if len([c for c in calls if unnamed.at_top(c)]) > 1:
                self.ctx.warn(self.current_call, f"slim.{op} has no scope=: the unscoped calls making {default} "
                              f"scopes in {where} get the names slim gives them in the order they run there, "
                              f"name=\"{default}\", \"{default}_1\", ...; if {where} runs twice in one variable scope, "
                              f"or after other unscoped {op} there (its caller's), TF1 numbered them on, and here they "
                              "raise (the variables exist) or, under reuse, share the first run's variables: give each a "
                              "scope= if so")
            else:
                self.ctx.warn(self.current_call, f"slim.{op} has no scope=: it gets name=\"{default}\", the name slim "
                              f"gives the first unscoped {op} of a variable scope; if {where} runs twice in one variable "
                              f"scope, or after another unscoped {op} there (its caller's), TF1 named it {default}_1 or "
                              "on, and here it raises (the variable exists) or, under reuse, shares the first one's "
                              "variables: give it a scope= if so")

    def _unnamed(self, frame: "_Frame") -> "_Unnamed":
        """Unscoped ``SCOPE_VARIABLE_OPS`` calls of ``frame``'s function (the module's own
        statements at top level), not counting nested functions, by default name, in the
        order they run; read once per frame."""
        if frame.unnamed is None:
            frame.unnamed = _Unnamed(self, frame.node if frame is not self.module_frame else None)
            walk(frame.node, frame.unnamed)
        return frame.unnamed

    def visit_Call(self, node: cst.Call) -> None:
        if isinstance(node.func, cst.Call) and self.op_of(node.func.func) in REGULARIZER_LOSSES:
            self.applied.add(id(node.func))  # the outer call rewrites (or leaves) both

    def visit_With(self, node: cst.With) -> None:
        names = []
        for item in node.items:
            call = item.item
            if isinstance(call, cst.Call) and (self.qualify(call.func) or "").endswith("variable_scope"):
                names.append(self._static_scope(call))
        self.vs_stack.append(names)

    def leave_With(self, original, updated):
        self.vs_stack.pop()
        return updated

    def _static_scope(self, call: cst.Call) -> Optional[str]:
        name = variable_scope_name(call)
        if name:
            return name
        first = next((a.value for a in call.args if a.keyword is None), None)
        if isinstance(first, cst.Name) and self.fn_stack:
            params = slim.params(self.fn_stack[-1].node)
            default = params.get(first.value)
            value = _lit(default) if default is not None else None
            if isinstance(value, str):
                return value
            # ``variable_scope(scope, "resnet_v1")`` with ``scope=None``: the default name
            # is uniquified, and callers pass their own (``resnet_v1_50``): known at run time
        return None

    def _prefix(self) -> Optional[str]:
        parts = [n for names in self.vs_stack for n in names]
        if any(p is None for p in parts):
            return None
        return "/".join(parts)

    # the rewrite
    def leave_Call(self, original: cst.Call, updated: cst.Call):
        if isinstance(original.func, cst.Call) and self.op_of(original.func.func) in REGULARIZER_LOSSES:
            return self._applied_regularizer(original, updated)
        if id(original) in self.applied:
            return updated
        op = self.op_of(original.func)
        if op not in CONVERTED:
            if _reads_model_variables(original, self.qualify):
                self.ctx.warn(original, MODEL_VARIABLES_READ)
            return updated
        self.current_call = original
        if op in ("convert_collection_to_dict", "collect_named_outputs"):
            if not self.ctx.change(original, f"{op} → tf1to2.{op} (works in eager code too)"):
                return updated
            self.stale.add(self.ctx.aliases.imported_from(original.func))
            return updated.with_changes(func=expression(f"{self.shim()}.{op}"))
        reason = self.unsafe(original)
        if reason:
            self.ctx.warn(original, f"slim.{op} left as it is: {reason}")
            return updated
        try:
            if op in SCOPE_VARIABLE_OPS and self._unscoped(op, original) and not _depthwise_only(op, original):
                self.unscoped_default(op, original)
            code, entries, message = self._convert(op, updated)
        except Refused as e:
            self.ctx.warn(original, f"slim.{op} left as it is: {e}")
            return updated
        if not isinstance(code, str) and id(original) in self.return_calls and _needs_statements(code):
            self.statement_calls.add(id(original))
        if not isinstance(code, str) and id(original) not in self.statement_calls and _needs_statements(code):
            self.ctx.warn(original, f"slim.{op} left as it is: it becomes a variable_scope block of statements, "
                                    "which needs the call on its own line (x = slim.op(...) or return slim.op(...))")
            return updated
        if not self.ctx.change(original, message):
            return updated
        self.stale.add(self.ctx.aliases.imported_from(original.func))
        self._record(entries)
        if isinstance(code, str):
            return cst.parse_expression(code)
        if id(original) in self.statement_calls:
            self.pending[id(original)] = code
            return updated
        kind, steps, inp = code
        text = inp
        for chain in (steps if kind == "unrolled" else [steps]):
            text = _nest(chain, text)
        return cst.parse_expression(text)

    def _applied_regularizer(self, original: cst.Call, updated: cst.Call) -> cst.BaseExpression:
        """``slim.l2_regularizer(s)(w)``, a regularizer applied on the spot (TensorLayer's
        reconstruction loss): its loss, as slim computed it, ``s * tf.nn.l2_loss(w)``
        (``s * tf.reduce_sum(tf.abs(w))`` for l1). A Keras regularizer called there fails
        on TF1's reference variables ("Invalid dtype: float32_ref"), which a graph under
        TF1 behaviour makes; a regularizer given to a layer stays a Keras one (the layer
        reads the variable first)."""
        op = self.op_of(original.func.func)
        try:
            scale = _bind(op, original.func).get("scale")
        except Refused as e:
            self.ctx.warn(original, f"slim.{op} left as it is: {e}")
            return updated
        weights = [a for a in updated.args if not a.star and (a.keyword is None or a.keyword.value == "weights")]
        if scale is None or len(weights) != 1 or len(updated.args) != 1:
            self.ctx.warn(original, f"slim.{op}(...)(...) left as it is: the scale and the one variable it is "
                                    "applied to must be given")
            return updated
        if _lit(scale) == 0:
            self.ctx.warn(original, f"slim.{op}(0)(...) left as it is: slim's regularizer of scale 0 returns None")
            return updated
        loss = REGULARIZER_LOSSES[op]
        value = loss.format(tf=self._tf, w=_c(weights[0].value))
        if not self.ctx.change(original, f"slim.{op}(s)(w) → s * {loss.format(tf='tf', w='w')} "
                                         "(slim's own formula: a Keras regularizer called on a TF1 variable fails)"):
            return updated
        self.needs_tf = True
        self.stale.add(self.ctx.aliases.imported_from(original.func.func))
        return cst.parse_expression(f"{_c(slim._parenthesized(scale))} * {value}")

    def _convert(self, op: str, call: cst.Call):
        if op in REGULARIZER_LOSSES:
            args = _bind(op, call)
            scale = args.get("scale")
            if scale is None:
                raise Refused("scale is not given")
            self.needs_tf = True
            if op == "l1_regularizer":
                return f"{self._tf}.keras.regularizers.l1({_c(scale)})", [], "l1_regularizer → tf.keras.regularizers.l1"
            value = _lit(scale)
            half = repr(value * 0.5) if isinstance(value, (int, float)) and not isinstance(value, bool) \
                else f"0.5 * {_c(slim._parenthesized(scale))}"
            return (f"{self._tf}.keras.regularizers.l2({half})", [],
                    "l2_regularizer(s) → tf.keras.regularizers.l2(s / 2): slim's is s * sum(w²) / 2")
        if op in ("xavier_initializer", "variance_scaling_initializer"):
            return self._initializer(op, _bind(op, call))
        if op in ("repeat", "stack"):
            return self._unroll(op, call)
        args = _bind(op, call)
        steps, inp, entries = self.conv.convert(op, args)
        return ("steps", steps, inp), self._map(entries), f"slim.{op} → {_describe(steps)}"

    def _initializer(self, op: str, args: dict):
        seed = f", seed={_c(args['seed'])}" if "seed" in args and not slim.is_none(args["seed"]) else ""
        if "dtype" in args:
            raise Refused("dtype= is not passed on by the v1 initializers")
        if op == "xavier_initializer":
            uniform = _lit(args.get("uniform")) if "uniform" in args else True
            if not isinstance(uniform, bool):
                raise Refused("uniform= is not a literal")
            if uniform:
                return f"{self._v1}.glorot_uniform_initializer({seed[2:]})", [], \
                    "xavier_initializer → glorot_uniform_initializer"
            # slim's normal one is its variance scaling's (factor 1, FAN_AVG): not Glorot's width
            self.needs_tf = True
            return (f'{self._v1}.variance_scaling_initializer(scale={SLIM_TRUNCATED_NORMAL}, mode="fan_avg"{seed})', [],
                    "xavier_initializer(uniform=False) → variance_scaling_initializer (slim's truncated normal, "
                    "sqrt(1.3 / n) wide, where glorot_normal_initializer's is sqrt(1 / n) / 0.8796...)")
        factor = _c(args["factor"]) if "factor" in args else "2.0"
        mode = _lit(args["mode"]) if "mode" in args else "FAN_IN"
        uniform = _lit(args["uniform"]) if "uniform" in args else False
        if not isinstance(mode, str) or not isinstance(uniform, bool):
            raise Refused("mode= or uniform= is not a literal")
        # slim's truncated normal has stddev sqrt(1.3 * factor / n), TensorFlow's sqrt(scale / n)
        # / 0.87962566103423978 (the stddev of a unit normal truncated at two): the same
        # distribution takes scale = factor * 1.3 * 0.87962566103423978 ** 2
        scale = factor if uniform else (
            f"{_c(slim._parenthesized(args['factor'])) if 'factor' in args else factor} * {SLIM_TRUNCATED_NORMAL}")
        text = f"{self._v1}.variance_scaling_initializer(scale={scale}"
        if mode.upper() != "FAN_IN":
            text += f', mode="{mode.lower()}"'
        if uniform:
            text += ', distribution="uniform"'
        self.needs_tf = True
        return text + seed + ")", [], ("variance_scaling_initializer → tf.compat.v1.variance_scaling_initializer" +
                                       ("" if uniform else " (its scale times 1.3 * 0.8796...², slim's truncated normal "
                                                           "being sqrt(1.3 * factor / n) wide)"))

    def _unroll(self, op: str, call: cst.Call):
        positional = [a for a in call.args if a.keyword is None]
        if any(a.star for a in call.args):
            raise Refused("it passes *args or **kwargs")
        kwargs = {a.keyword.value: a.value for a in call.args if a.keyword is not None}
        inputs = positional[0].value if positional else kwargs.pop("inputs", None)
        if op == "repeat":
            count = positional[1].value if len(positional) > 1 else kwargs.pop("repetitions", None)
            layer = positional[2].value if len(positional) > 2 else kwargs.pop("layer", None)
            extra = [a.value for a in positional[3:]]
            n = _lit(count)
            if not isinstance(n, int) or isinstance(n, bool):
                raise Refused("its count is not a literal")
            each = [extra] * n
        else:
            layer = positional[1].value if len(positional) > 1 else kwargs.pop("layer", None)
            stack_args = positional[2].value if len(positional) > 2 else kwargs.pop("stack_args", None)
            if len(positional) > 3 or not isinstance(stack_args, (cst.List, cst.Tuple)):
                raise Refused("its stack_args is not a literal list")
            each = [list(el.value.elements and [e.value for e in el.value.elements])
                    if isinstance(el.value, (cst.List, cst.Tuple)) else [el.value]
                    for el in stack_args.elements]
        lop = self.op_of(layer) if layer is not None else None
        if lop not in ("conv2d", "fully_connected", "conv2d_transpose", "separable_conv2d", "max_pool2d",
                       "avg_pool2d", "dropout", "batch_norm", "flatten"):
            raise Refused(f"its layer {_c(layer) if layer is not None else '?'} is not a slim op this rule rewrites")
        scope = kwargs.pop("scope", None)
        if scope is None or slim.is_none(scope):
            raise Refused("it has no scope=; slim would name it 'Repeat'/'Stack', uniquified at run time")
        base = _lit(scope)
        if not isinstance(base, str):
            raise Refused("its scope= is not a literal")
        sig = slim.SIGNATURES[lop]
        all_steps: list = []
        entries = []
        inp = _c(inputs)
        for i, extra in enumerate(each):
            args = dict(kwargs)
            for name, value in zip(sig[1:], extra):
                args[name] = value
            args["scope"] = cst.SimpleString(f'"{base}/{base}_{i + 1}"')
            args["inputs"] = cst.Name("IN")
            steps, _, es = self.conv.convert(lop, args, inp if i == 0 else None)
            all_steps.append(steps)
            entries += es
        return ("unrolled", all_steps, inp), self._map(entries), \
            f"slim.{op} of {len(each)} × slim.{lop} → unrolled {_describe(all_steps[0])} ({base}/{base}_1...)"

    def _map(self, entries: list) -> list:
        prefix = self._prefix()
        out = []
        for name, old, new in entries:
            if name is None or prefix is None:
                rel = f"{name}/" if name is not None else ""
                out.append((f"*/{rel}{old}", f"*/{rel}{new}"))
            else:
                full = f"{prefix}/{name}" if prefix else name
                out.append((f"{full}/{old}", f"{full}/{new}"))
        return out

    def _record(self, entries: list) -> None:
        for old, new in entries:
            self.ctx.name_map[old] = new

    # statement form: ``x = slim.op(...)`` becomes one line per step
    def visit_SimpleStatementLine(self, node: cst.SimpleStatementLine) -> None:
        target = _assigned_name(node)
        if target is not None:
            self.statement_calls.add(id(node.body[0].value))
        elif _returned_call(node) is not None:  # ``return slim.op(...)``: statements only if it must
            self.return_calls.add(id(node.body[0].value))

    def leave_SimpleStatementLine(self, original, updated):
        target = _assigned_name(original)
        returned = target is None and _returned_call(original) is not None
        if (target is None and not returned) or id(original.body[0].value) not in self.pending:
            return updated
        kind, steps, inp = self.pending.pop(id(original.body[0].value))
        if returned:
            target = self._fresh("net")
        chains = steps if kind == "unrolled" else [steps]
        lines = []
        current = inp
        for chain in chains:
            for s in chain:
                lines += s.statements(target, current, self._v1, self._fresh)
                current = target
        if returned:
            lines.append(f"return {target}")
        stmts = [cst.parse_statement(line.rstrip("\n") + "\n") for line in lines]
        stmts[0] = stmts[0].with_changes(leading_lines=updated.leading_lines)
        trailing = updated.trailing_whitespace
        last = stmts[-1]
        if isinstance(last, (cst.With, cst.If)):  # a comment after the call: on the block's last line
            inner = list(last.body.body)
            inner[-1] = inner[-1].with_changes(trailing_whitespace=trailing)
            stmts[-1] = last.with_changes(body=last.body.with_changes(body=inner))
        else:
            stmts[-1] = last.with_changes(trailing_whitespace=trailing)
        return cst.FlattenSentinel(stmts)

    def _fresh(self, name: str) -> str:
        """``name``, or ``name_1``...: one no code of this function (or module) reads."""
        taken = self.fn_stack[-1].names if self.fn_stack else self.module_names
        out, i = name, 0
        while out in taken:
            i += 1
            out = f"{name}_{i}"
        return out

    @functools.cached_property
    def module_names(self) -> set[str]:
        return _all_names(self.ctx.module)

    def leave_Module(self, original, updated):
        module = updated
        if self.needs_tf and self.needs_tf_import:
            module = add_imports(module, [("tensorflow", None, "tf")])
        if self.needs_shim:  # added second: after the imports already there, tensorflow's too
            module = add_imports(module, [("tf1to2", None)])
        return module


def _needs_statements(code: tuple) -> bool:
    kind, steps, _ = code
    return any(s.needs_statements for chain in (steps if kind == "unrolled" else [steps]) for s in chain)


def _assigned_name(line: cst.SimpleStatementLine) -> Optional[str]:
    if len(line.body) != 1:
        return None
    small = line.body[0]
    if isinstance(small, cst.Assign) and len(small.targets) == 1 and isinstance(small.targets[0].target, cst.Name) \
            and isinstance(small.value, cst.Call):
        return small.targets[0].target.value
    return None


def _returned_call(line: cst.SimpleStatementLine) -> Optional[cst.Call]:
    if len(line.body) == 1 and isinstance(line.body[0], cst.Return) and isinstance(line.body[0].value, cst.Call):
        return line.body[0].value
    return None


def _depthwise_only(op: str, call: cst.Call) -> bool:
    """``separable_conv2d(num_outputs=None)``: slim's own ``variable_scope(None,
    default_name=...)`` block, which uniquifies its name as slim did."""
    return op == "separable_conv2d" and slim.is_none(_bind(op, call).get("num_outputs", cst.Name("None")))


def _describe(steps: list) -> str:
    return " + ".join(n for s in steps for n in s.names())


# slim ops that also name their variable scope "Conv" when unscoped (tf_slim's
# ``convolution`` makes every convolution's scope): calls of them count in the same
# uniquification as conv2d's
CONV_SCOPE_OPS = frozenset({"convolution", "convolution1d", "convolution3d", "conv1d", "conv3d"})
# statements and expressions whose inner calls may run more than once
_REPEATED = (cst.For, cst.While, cst.Lambda, cst.ListComp, cst.SetComp, cst.DictComp, cst.GeneratorExp)
# ... at most once, or not at all
_CONDITIONAL = (cst.If, cst.Match, cst.IfExp, cst.BooleanOperation)
# with blocks that leave the variable scope as it is
_HARMLESS_WITH = (".arg_scope", ".name_scope", ".device", ".control_dependencies", ".colocate_with")
_TEST_SESSIONS = frozenset({"cached_session", "test_session", "session"})


class _Block:
    """Where unscoped calls count: a function's body, or a ``with variable_scope(...)``
    block in it, with what surrounds the node being walked inside it."""

    def __init__(self, node) -> None:
        self.id = id(node)
        self.branches: list = []  # (if node id, branch) around the node
        self.repeated = 0  # loops, lambdas, comprehensions around it
        self.partial = 0  # tries around it (cut short: what follows may run without it)
        self.unknown = 0  # with blocks of unknown effect around it (another variable scope, or not)


class _Unnamed(Visitor):
    """The unscoped ``SCOPE_VARIABLE_OPS`` calls of a function (``fn``; None: the module's
    statements outside functions), not of its nested functions, by default name in the
    order they run (a call after its arguments): ``calls``; and for each, slim's name for
    it, or why it cannot be known (``name``).

    slim names the n-th unscoped call making a ``Conv`` scope in a variable scope
    ``Conv_<n-1>``, counting from the scope's entry (leaving a ``with variable_scope``
    block resets the count of the scopes in it, so each such block counts from 0, in a
    loop too). A call's name is known where it runs at most once in its block (not in a
    loop, a lambda, a comprehension; with others, not in a with of unknown effect), and every call of its
    block before it runs whenever it does (before it at its depth of ifs, or in the same
    branches) or never when it does (in the other branch of an if it is in), and is in no
    try; and nothing else shifts slim's count: a string naming such a scope (a scope= or
    variable_scope of that name), another op making ``Conv`` scopes, a block re-entering
    the current scope (``variable_scope(tf.get_variable_scope())``), or, with several, a
    call that may open scopes of its own (``_may_make_scopes``)."""

    def __init__(self, rewriter: "_Rewriter", fn) -> None:
        self.rewriter, self.fn = rewriter, fn
        self.calls: dict[str, list] = {}
        self.where: dict[int, tuple] = {}  # call id → (block id, branches, repeated, partial, unknown)
        self.strings: set[str] = set()
        self.conv_ops = False
        self.others = False  # a call that may open variable scopes of its own
        self.reentered = False  # a variable_scope block re-entering the current scope
        self.blocks: list[_Block] = [_Block(fn)]
        self.block_withs: set[int] = set()  # ids of the with statements opening blocks, and their scope calls
        self.block_bodies: dict[int, cst.With] = {}  # id of such a with's body → the with
        self.unknown_withs: set[int] = set()  # ids of the with statements of unknown effect
        self.branch_of: dict = {}  # id of a branch (an if's body, ...) → (its if's id, which branch)
        # functions and classes of the module, and those defined in the function itself
        self.local = {n.name.value for n in rewriter.ctx.module.body if isinstance(n, (cst.FunctionDef, cst.ClassDef))}
        if fn is not None:
            self.local.update(n.name.value for kind in (cst.FunctionDef, cst.ClassDef) for n in nodes_of(fn, kind)
                              if n is not fn)
        # a method's class makes its layers in __init__ / build, named there (a second run
        # of tf1to2 finds the names it gave there)
        self.attributes: set[str] = set()  # self.<name> = ... in the method's class (its layers)
        for cls in rewriter.ctx.module.body:
            if isinstance(cls, cst.ClassDef) and fn is not None and any(m is fn for m in cls.body.body):
                for maker in (find_method(cls, "__init__"), find_method(cls, "build")):
                    if maker is not None and maker is not fn:
                        if id(maker) not in rewriter.maker_strings:
                            rewriter.maker_strings[id(maker)] = nodes_of(maker, cst.SimpleString)
                        for string in rewriter.maker_strings[id(maker)]:
                            self._string(string)
                if id(cls) not in rewriter.class_layers:  # read once per class, not once per method
                    rewriter.class_layers[id(cls)] = self_attributes(cls)
                self.attributes = rewriter.class_layers[id(cls)]

    def visit_FunctionDef(self, node):
        return node is self.fn

    def visit_ClassDef(self, node):
        return self.fn is not None

    def on_visit(self, node) -> bool:
        if id(node) in self.block_bodies:
            self.blocks.append(_Block(self.block_bodies[id(node)]))
        block = self.blocks[-1]
        branch = self.branch_of.get(id(node))
        if branch is not None:
            block.branches.append(branch)
        if isinstance(node, _CONDITIONAL):
            # its branches (an if's test, a match's subject, an or's left side run whenever it does)
            if isinstance(node, (cst.If, cst.IfExp)):
                self.branch_of[id(node.body)] = (id(node), "body")
                if node.orelse is not None:
                    self.branch_of[id(node.orelse)] = (id(node), "orelse")
            elif isinstance(node, cst.Match):
                self.branch_of.update({id(case): (id(node), i) for i, case in enumerate(node.cases)})
            else:
                self.branch_of[id(node.right)] = (id(node), "right")
        if isinstance(node, _REPEATED):
            block.repeated += 1
        elif isinstance(node, (cst.Try, cst.TryStar)):
            block.partial += 1
        elif isinstance(node, cst.With):
            self._enter_with(node)
        elif isinstance(node, cst.SimpleString):
            self._string(node)
        return super().on_visit(node)

    def on_leave(self, node) -> None:
        if isinstance(node, cst.Call):
            self._call(node)
        block = self.blocks[-1]
        if isinstance(node, _REPEATED):
            block.repeated -= 1
        elif isinstance(node, (cst.Try, cst.TryStar)):
            block.partial -= 1
        elif id(node) in self.unknown_withs:
            block.unknown -= 1
        super().on_leave(node)
        if id(node) in self.branch_of:
            block.branches.pop()
        if id(node) in self.block_bodies:
            self.blocks.pop()

    def _enter_with(self, node: cst.With) -> None:
        """A ``with variable_scope(...)`` of one item opens a block for its body (its item
        runs in the block around it);
        one of slim's arg_scope, a name scope, ... leaves things as they are; anything else
        may change the variable scope in a way not seen: its calls' names are unknown."""
        items = node.items
        call = items[0].item if len(items) == 1 else None
        name = (self.rewriter.qualify(call.func) or "") if isinstance(call, cst.Call) else ""
        if name.endswith(".variable_scope"):
            first = call.args[0].value if call.args and call.args[0].keyword is None else None
            if isinstance(first, cst.Call) and (self.rewriter.qualify(first.func) or "").endswith(
                    "get_variable_scope"):
                self.reentered = True  # the current scope again: its counts go on
            self.block_withs.update((id(node), id(call)))
            self.block_bodies[id(node.body)] = node
        elif not self._harmless(node):
            self.unknown_withs.add(id(node))
            self.blocks[-1].unknown += 1

    def _harmless(self, node: cst.With) -> bool:
        """A with of slim's arg_scope, TensorFlow's name_scope, device or control
        dependencies, or a test's session only: the variable scope stays (their calls run
        once, in order)."""
        for item in node.items:
            call = item.item
            func = call.func if isinstance(call, cst.Call) else None
            name = (self.rewriter.qualify(func) or "") if func is not None else ""
            if isinstance(func, cst.Attribute) and isinstance(func.value, cst.Name) and func.value.value == "self" \
                    and func.attr.value in _TEST_SESSIONS:
                continue
            if not name.endswith(_HARMLESS_WITH):
                return False
        return True

    def _string(self, node: cst.SimpleString) -> None:
        try:
            self.strings.add(node.evaluated_value)
        except Exception:  # noqa: BLE001 - an odd literal: not a name
            pass

    def _may_make_scopes(self, call: cst.Call) -> bool:
        """A call that may open variable scopes in the caller's (a layer held as an
        attribute of the method's class, a function or class of this module or of the
        function, TensorFlow's
        layers named other than by a string, variable scopes other than a block's, and
        templates): slim's count of them is out of sight."""
        func = call.func
        if isinstance(func, cst.Attribute) and isinstance(func.value, cst.Name) and func.value.value == "self":
            return func.attr.value in self.attributes  # a layer it holds, not a method (a test's assertEqual)
        if isinstance(func, cst.Name) and func.value in self.local:
            return True
        name = self.rewriter.qualify(func) or ""
        if ".layers." in name:  # a TensorFlow layer named by a string (seen: strings) or its own default
            return any(a.keyword is not None and a.keyword.value in ("name", "_scope") and
                       not isinstance(a.value, cst.SimpleString) for a in call.args)
        if name.endswith(".variable_scope"):
            return id(call) not in self.block_withs
        return name.endswith((".get_variable", ".make_template"))

    def _call(self, node: cst.Call) -> None:
        op = self.rewriter.op_of(node.func)
        if op in CONV_SCOPE_OPS:
            self.conv_ops = True
        if op is None and self._may_make_scopes(node):
            self.others = True
        if op not in SCOPE_VARIABLE_OPS:
            return
        try:
            unscoped = self.rewriter._unscoped(op, node)
        except Refused:
            return
        if unscoped:
            block = self.blocks[-1]
            self.calls.setdefault(slim.DEFAULT_SCOPE[op], []).append(node)
            self.where[id(node)] = (block.id, tuple(block.branches), block.repeated > 0, block.partial > 0,
                                    block.unknown > 0)

    def at_top(self, call: cst.Call) -> bool:
        """Whether ``call`` counts in the scope the function is called in (in no
        ``with variable_scope`` block of the function)."""
        return self.where[id(call)][0] == id(self.fn)

    def name(self, default: str, call: cst.Call) -> tuple[Optional[str], str]:
        """(slim's name for ``call``, one of the unscoped calls making ``default`` scopes,
        "") or (None, why it cannot be known)."""
        if id(call) not in self.where:
            return None, "another call in the same function makes the same name"
        block, branches, repeated, _partial, unknown = self.where[id(call)]
        if repeated:
            return None, "it is in a loop (or a lambda, a comprehension)"
        if unknown and len(self.calls[default]) > 1:
            return None, ("another call in the same function makes the same name, and this one is in a with block "
                          "that may or may not open another variable scope")
        mine = [c for c in self.calls.get(default, []) if self.where[id(c)][0] == block]
        index = 0
        for before in mine[:mine.index(call)]:
            _, their, their_repeated, their_partial, their_unknown = self.where[id(before)]
            if any(b[0] == c[0] and b[1] != c[1] for b in their for c in branches):
                continue  # the other branch of an if this one is in: never runs with it
            if their_repeated or their_partial or their_unknown or their != branches[:len(their)]:
                return None, ("another call in the same function makes the same name, and one before it may or "
                              "may not have run when it does, or run more than once (under an if, in a loop, a try "
                              "or a lambda)")
            index += 1
        if any(s == default or re.fullmatch(rf"{re.escape(default)}_\d+", s) for s in self.strings):
            return None, (f"a string in the same function names a scope {default} or {default}_<n>, which shifts "
                          "slim's count")
        if default == "Conv" and self.conv_ops:
            return None, "another slim convolution in the same function makes Conv scopes too"
        if self.reentered:
            return None, "a variable_scope block in the same function re-enters the current scope, and counts on"
        if self.others and len(self.calls.get(default, [])) > 1:
            return None, ("another call in the same function makes the same name, and a call there may open variable "
                          "scopes of its own (a layer, a function of this module, a variable_scope)")
        return (f"{default}_{index}" if index else default), ""


class _Frame:
    """A function being rewritten (or the module's statements outside functions); what is
    read of its body is read on first use (most functions of a big file never call slim)."""

    def __init__(self, node) -> None:
        self.node = node  # a FunctionDef (the module for the statements outside functions)
        self.unnamed: Optional[_Unnamed] = None  # its unscoped calls by default name (_Rewriter._unnamed)

    @functools.cached_property
    def assigns(self) -> dict:
        return slim.single_assignments(self.node)

    @functools.cached_property
    def strings(self) -> set[str]:
        return _string_names(self.node)

    @functools.cached_property
    def names(self) -> set[str]:
        return _all_names(self.node)


def _all_names(node: cst.CSTNode) -> set[str]:
    return {n.value for n in nodes_of(node, cst.Name)}


def _string_names(fn: cst.FunctionDef) -> set[str]:
    """Names whose every assignment in ``fn`` is a string literal."""
    good: dict[str, bool] = {}

    class _V(Visitor):
        def visit_Assign(self, node):
            for t in node.targets:
                for n in target_names(t.target):
                    ok = isinstance(node.value, (cst.SimpleString, cst.ConcatenatedString)) and len(node.targets) == 1 \
                        and isinstance(t.target, cst.Name)
                    good[n] = good.get(n, True) and ok

        def visit_For(self, node):
            for n in target_names(node.target):
                good[n] = False

        def visit_FunctionDef(self, node):
            return node is fn

    walk(fn, _V())
    params = {x.name.value for x in [*fn.params.params, *fn.params.kwonly_params]}
    return {n for n, ok in good.items() if ok and n not in params}


def _slim_module_imports(module: cst.Module) -> set:
    """``import tf_slim as slim`` / ``from tensorflow.contrib import slim`` and the like,
    as ``remove_unused_imports`` takes them (it drops only those nothing uses any more)."""
    return {i.as_removable() for i in module_imports(module)
            if i.module.split(".")[0] == "tf_slim" or i.module.startswith("tensorflow.contrib")}


def _unsafe_checker(ctx: RuleContext, rw: "_Rewriter"):
    """What stage 1 left: calls an arg_scope may still govern at run time."""
    elsewhere = _run_scopes(ctx, rw)
    if "arg_scope" not in ctx.code:
        return elsewhere
    local = _local_checker(ctx, rw)
    return lambda call: local(call) or elsewhere(call)


def _run_scopes(ctx: RuleContext, rw: "_Rewriter"):
    """Calls an ``arg_scope`` entered in another file of the run may govern: that file
    imports this module (directly or through others, a package's re-exports included),
    and enters a scope around code (``SlimToLayers.run_use``) listing the call's op, or
    ops it cannot name. A module that defines or names its own ``*_arg_scope()`` (the
    nets' convention) is taken to be called under that one, whose settings stage 1 wrote
    into its calls (``_local_checker``)."""
    scopes = _run_scope_uses(ctx)
    if not scopes or _CONVENTION.search(ctx.code):
        return lambda call: ""

    def check(call: cst.Call) -> str:
        op = rw.op_of(call.func)
        if op not in slim.SCOPED_OPS:
            return ""
        for where, ops in scopes:
            if op in ops or "?" in ops:
                return (f"the arg_scope entered at {where} may govern it at run time "
                        f"({'its ops are not known' if '?' in ops else 'it lists ' + op}), and this module "
                        "has no *_arg_scope() of its own whose settings stage 1 writes out")
        return ""
    return check


def _run_scope_uses(ctx: RuleContext) -> list:
    """The arg_scopes other files of the run enter around code reaching this module
    (``SlimToLayers.run_use``): ("file.py:line", [the op names it lists, or "?"])."""
    out = []
    for where, what in ctx.run_uses:
        path, _, line = where.rpartition(":")
        out.append((f"{Path(path).name}:{line}", what[len("arg_scope: "):].split(",")))
    return out


# a module-level ``def net_arg_scope(`` or ``net_arg_scope = ...``: the nets' convention
_CONVENTION = re.compile(r"^(?:def\s+\w*arg_scope\s*\(|\w*arg_scope\s*=)", re.M)


def _scope_use(call: ast.Call) -> Optional[str]:
    """An ``arg_scope(...)`` entered around code (a ``with`` whose body calls something):
    "arg_scope: conv2d,fully_connected" (the leaf names its list names) or "arg_scope: ?".
    A scope function's own ``with ... as sc: return sc`` runs no code under it."""
    func = call.func
    name = func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else None
    with_node = getattr(call, "tf1to2_with", None)
    if name != "arg_scope" or with_node is None or not _runs_calls(with_node.body):
        return None
    listed = call.args[0] if call.args else next((k.value for k in call.keywords if k.arg == "list_ops_or_scope"),
                                                  None)
    ops = []
    if isinstance(listed, (ast.List, ast.Tuple)):
        for el in listed.elts:
            leaf = el.attr if isinstance(el, ast.Attribute) else el.id if isinstance(el, ast.Name) else None
            if leaf is None:
                return "arg_scope: ?"
            ops.append(slim.SYNONYMS.get(leaf, leaf))
        return "arg_scope: " + ",".join(ops)
    return "arg_scope: ?"


def _runs_calls(body: list) -> bool:
    """Whether statements call anything (nested ``with`` items aside)."""
    for stmt in body:
        if isinstance(stmt, (ast.With, ast.AsyncWith)):
            if _runs_calls(stmt.body):
                return True
        elif any(isinstance(n, ast.Call) for n in ast.walk(stmt)):
            return True
    return False


def _settings_explicit(m, f, call: cst.Call, key: str, items: list) -> bool:
    """Whether every setting of the arg_scopes stage 1 left around ``call`` (all known
    to it) is already given at the call, as stage 1 writes them: those scopes then change
    nothing about it (they stay for code they govern that the rule cannot follow)."""
    from rules import slim_arg_scope as stage1
    if any(i.scope is None for i in items):
        return False
    active: dict = {}
    for i in items:
        active = stage1.compose(active, i.scope)
    given = stage1._op_given(call, m.keys.get(id(call.func)), stage1._signature(m, key))
    expanded = stage1.expand_call(call, active.get(key, {}), given)
    return expanded is call and stage1._merge_normalizer(m, call, active, f) is call


def _local_checker(ctx: RuleContext, rw: "_Rewriter"):
    """Calls an arg_scope stage 1 left in this module (or its group) may govern."""
    m = rw.group
    blocked: dict[int, str] = {}
    convention = m.conventions().get(id(m.home))
    under_scope: dict[str, list] = {}  # function → the arg_scope items around each call of it
    for f in [*m.funcs.values(), *m.methods]:
        for call, key, items in f.governed:
            if items and not _settings_explicit(m, f, call, key, items):
                blocked[id(call)] = "an arg_scope around it may set its arguments (run slim-arg-scope first)"
        for callee, call, items in f.sites:
            if items:
                under_scope.setdefault(callee, []).append(items)
        for call, kind, items in f.unseen:  # a method of the class called under a scope
            method = m.method(kind) if kind and items else None
            for inner, key, _ in method.governed if method is not None else ():
                blocked.setdefault(id(inner), f"{kind.split('.')[1]}() is called (self.{kind.split('.')[1]}(...)) "
                                              "under an arg_scope that stays, which may set its arguments")
    kept = [f for f in [*m.funcs.values(), *m.methods] if any(items for _, items in f.withs)]
    if kept:
        # an arg_scope stays: a function passed as a value (``Block("b", unit)``) may be
        # called under it by code this rule does not see (under one of its own, only by
        # calling itself)
        for name in _passed_as_values(ctx.module, {n for n in m.funcs if ":" not in n}) - set(under_scope):
            if all(f is m.funcs[name] for f in kept):
                continue
            for call, key, items in m.funcs[name].governed:
                blocked.setdefault(id(call), f"{name}() is passed as a value, and an arg_scope left in this "
                                              "module may govern it where it is called")
    for name, outer in under_scope.items():
        f = m.funcs.get(name)
        if f is None:
            continue
        for call, key, items in f.governed:
            # stage 1 wrote the settings of its callers' scopes into it (they stay for code
            # it cannot follow): then they change nothing here
            if not all(_settings_explicit(m, f, call, key, [*site, *items]) for site in outer):
                blocked.setdefault(id(call), f"{name}() is called under an arg_scope that may set its arguments "
                                              "(run slim-arg-scope first)")
    for name, why in m.unreadable_conventions().items():
        for call, key, items in m.funcs[name].governed:
            blocked.setdefault(id(call), why)
    if convention:
        scope = m.scope_fns[convention][1]
        for f in m.funcs.values():
            if f.unit is not m.home:
                continue
            for call, key, items in f.governed:
                wanted = scope.get(key, {})
                given = slim.given(call, slim.SIGNATURES.get(key, ()))
                if any(a.keyword is not None and a.keyword.value == "normalizer_fn" and slim.is_none(a.value)
                       for a in call.args):
                    given.add("normalizer_params")  # stage 1 leaves it out: no normalizer
                missing = sorted(set(wanted) - given)
                if missing:
                    blocked.setdefault(id(call), f"{convention}() would set {', '.join(missing)} "
                                                 "(run slim-arg-scope first)")
    return lambda call: blocked.get(id(call), "")


def _passed_as_values(module: cst.Module, names: set) -> set:
    """Which of ``names`` the module reads other than as the function of a call."""
    found: set = set()

    class _V(Visitor):
        def visit_Call(self, node: cst.Call) -> None:
            for arg in node.args:
                walk(arg.value, self)
            return False

        def visit_FunctionDef(self, node: cst.FunctionDef) -> bool:
            walk(node.body, self)
            for d in node.decorators:
                walk(d, self)
            return False

        def visit_Name(self, node: cst.Name) -> None:
            if node.value in names:
                found.add(node.value)

    walk(module, _V())
    return found


class SlimToLayers(Rule):
    id = "slim-to-layers"
    stage = 2
    summary = "slim layers → tf.compat.v1.layers, slim defaults written out, normalizer/activation split"
    needles = ("slim",)
    example_before = (
        "import tf_slim as slim\n\n"
        "def net(x, is_training):\n"
        "    x = slim.conv2d(x, 32, [3, 3], scope='conv1')\n"
        "    return slim.dropout(x, 0.8, is_training=is_training)\n"
    )
    example_after = (
        "import tensorflow as tf\n\n"
        "def net(x, is_training):\n"
        "    x = tf.compat.v1.layers.conv2d(\n"
        "        x,\n"
        "        32,\n"
        "        [3, 3],\n"
        "        padding=\"SAME\",\n"
        "        activation=tf.nn.relu,\n"
        "        name='conv1')\n"
        "    return tf.compat.v1.layers.dropout(x, rate=0.2, training=is_training)\n"
    )

    # an arg_scope another file of the run enters around this module's functions
    reads_importers = True
    run_needles = (b"arg_scope",)
    run_use = staticmethod(_scope_use)

    def applies_to(self, text: str) -> bool:
        return "slim" in text or "contrib.layers" in text or "contrib import layers" in text

    def may_act(self, facts: Facts) -> bool:
        """The rule changes and warns only at a call of an op it converts (``leave_Call``):
        some call in the text must name one through a name bound to TensorFlow or tf_slim
        (``facts.tf_names``: every binding anywhere, a superset of what the walk resolves),
        or a read of the model variables, which it warns."""
        return _rewrites(facts) or _may_name_leaves(facts)

    def transform(self, ctx: RuleContext) -> cst.Module:
        _warn_leaf_lookups(ctx)
        if ctx.facts is not None and not _rewrites(ctx.facts):
            return ctx.module  # only strings to warn (a test's expected names)
        # a slim op, initializer or regularizer is reached through a name bound to slim or
        # TensorFlow: statements that name none are not walked
        rw = _Rewriter(ctx, ctx.unmentioning(mentioning(ctx.tf_names())))
        module = transform(ctx.module, rw)
        if module is ctx.module or not ctx.changes:
            return ctx.module
        for what in sorted(rw.dropped):
            ctx.warn(rw.dropped_line[what], f"{what}= dropped: tf.compat.v1.layers have no such argument "
                                            "(variables and update ops go to TF's standard collections in "
                                            "TF1 graphs; eager code does not use collections)")
        stale = {s for s in rw.stale if s} | _slim_module_imports(ctx.module)
        return remove_unused_imports(module, sorted(stale, key=str), keep=ctx.imported)
