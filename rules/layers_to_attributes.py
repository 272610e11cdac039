"""Functional ``tf.compat.v1.layers`` calls in a decorated forward pass → layer objects
built once in ``__init__`` and called in place.

## What it does
Inside a method decorated with ``track_tf1_style_variables`` (the shim's or
``tf.compat.v1.keras.utils``'), each functional v1 layer call
(``conv1d/2d/3d``, ``conv2d/3d_transpose``, ``separable_conv1d/2d``, ``dense``,
``batch_normalization``, ``dropout``, ``max_pooling1d/2d/3d``, ``average_pooling1d/2d/3d``,
``flatten``) becomes the object-oriented v1 layer (``tf.compat.v1.layers.Conv2D``, ...)
created once in ``__init__`` with every constructor argument carried over, and called
where the functional call was. ``__init__`` is added when the class has none
(``super().__init__(**kwargs)`` first). ``training=`` is always passed at the call of
``batch_normalization`` / ``dropout``: their functional default is ``training=False``,
and a layer object would otherwise follow the training flag Keras propagates.

Attribute names come from ``name=`` (``name="d_h0"`` → ``self.d_h0``) or else from the
layer (``self.conv2d``, ``self.conv2d_1``, ...), unique in the class. Calls that share a
literal ``name=`` in the same variable scope and reuse variables (``reuse=True`` /
``AUTO_REUSE`` on the call or its scope) share one attribute. Layers created in a
``for ... in range(N)`` loop become a list built in ``__init__`` when ``N`` is a literal or
comes from the constructor (``self.N``).

## Why
The guide's second step (``FunctionalStyleCompatModel`` → ``OOStyleCompatModel``): layer
objects held as attributes are tracked by object-based checkpoints, and are what stage 5
replaces with native Keras layers. Variable names do not change: an object-oriented v1
layer takes its scope name when first called, exactly where the functional one did.

## Example
```python
  @track_tf1_style_variables
  def call(self, inputs, training=None):
    with tf.compat.v1.variable_scope('model'):
      out = tf.compat.v1.layers.conv2d(inputs, 3, 3, kernel_regularizer="l2")
      return tf.compat.v1.layers.dropout(out, training=training)
```
becomes
```python
  def __init__(self, **kwargs):
    super().__init__(**kwargs)
    self.conv2d = tf.compat.v1.layers.Conv2D(3, 3, kernel_regularizer="l2")
    self.dropout = tf.compat.v1.layers.Dropout()

  @track_tf1_style_variables
  def call(self, inputs, training=None):
    with tf.compat.v1.variable_scope('model'):
      out = self.conv2d(inputs)
      return self.dropout(out, training=training)
```

## Will not touch (and says why, on the line)
- a call whose constructor arguments use the method's arguments or local values (a
  layer built in ``__init__`` cannot see them), or ``self.X`` that ``__init__`` does not set;
- a call in a loop whose bound is not a literal or a constructor argument, in a
  ``while`` loop, a comprehension, nested loops, or a nested function;
- calls sharing a ``name=`` with reuse whose arguments differ, or whose variable scopes
  cannot be told apart statically, or of which one stays a function for a reason above
  (the others stay too: they share its variables);
- a lone call with ``reuse=True``: its variables belong to a layer the rule cannot see;
- ``*args`` / ``**kwargs`` at the call.

## Fix safety
Keeps variable names: the golden numeric tests build each model before and after and
compare variable names, outputs and regularization losses.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Optional

import libcst as cst

from rules.base import Rule, RuleContext
from rules.edit import add_imports, keyword, literal_value, rebuild_args, remove_unused_imports
from rules.model_walk import (ForwardPassVisitor, Site, class_body_names, class_names, dependencies, find_method,
                              range_bound, self_attributes, use_shim_decorator)
from rules.v1_layers import FUNCTIONAL_TRAINING_DEFAULT, KERAS_LAYER_ATTRIBUTES, SPECS, V1_LAYERS, LayerSpec, identifier
from rules.visitors import Transformer, transform, walk

@dataclass
class _Candidate:
    call: cst.Call
    spec: LayerSpec
    site: Site
    cls: cst.ClassDef
    args: dict  # function parameter → Arg (inputs included)
    name: Optional[str] = None  # literal name=
    reuse: bool = False
    loop: Optional[cst.For] = None
    problem: Optional[str] = None
    attribute: Optional[str] = None
    shared_with: Optional["_Candidate"] = None


@dataclass
class _ClassPlan:
    cls: cst.ClassDef
    candidates: list = field(default_factory=list)


class _Survey(ForwardPassVisitor):
    def __init__(self, ctx: RuleContext) -> None:
        super().__init__(ctx)
        self.plans: dict[int, _ClassPlan] = {}
        self.method_locals: dict[int, set] = {}

    def on_method(self, cls, method) -> None:
        self.plans.setdefault(id(cls), _ClassPlan(cls))
        # every name the method binds (parameters included): its scope, entered just now
        self.method_locals[id(method)] = set(self.scope_stack[-1].names)

    def on_call(self, call: cst.Call, site: Site) -> None:
        q = self.qualify(call.func)
        if not q or not q.startswith(V1_LAYERS + "."):
            return
        spec = SPECS.get(q[len(V1_LAYERS) + 1:])
        if spec is None:
            return
        cls = self.classes[-1]
        cand = _Candidate(call, spec, site, cls, {})
        self.plans[id(cls)].candidates.append(cand)
        if any(a.star for a in call.args):
            cand.problem = "*args / **kwargs at the call"
            return
        params = ("inputs", *spec.function_params)
        for i, arg in enumerate(call.args):
            if arg.keyword is None:
                if i >= len(params):
                    cand.problem = "more positional arguments than the function takes"
                    return
                cand.args[params[i]] = arg
            else:
                if arg.keyword.value not in params:
                    cand.problem = f"unknown argument {arg.keyword.value}="
                    return
                cand.args[arg.keyword.value] = arg
        if "inputs" not in cand.args:
            cand.problem = "no input tensor at the call"
            return
        if "name" in cand.args:
            value = literal_value(cand.args["name"].value)
            cand.name = value if isinstance(value, str) and value else None
        if "reuse" in cand.args:
            value = literal_value(cand.args["reuse"].value)
            cand.reuse = value not in (None, False)
        if site.nested_function:
            cand.problem = "it runs in a function nested in the forward pass"
            return
        loops = site.loops
        if loops:
            if len(loops) > 1:
                cand.problem = "it runs in nested loops"
                return
            loop = loops[0]
            if not isinstance(loop, cst.For):
                cand.problem = "it runs in a while loop or a comprehension, so how many layers it makes is known only at run time"
                return
            cand.loop = loop


def _range_bound(loop: cst.For) -> Optional[cst.BaseExpression]:
    """N of ``for i in range(N)`` / ``range(0, N)``; None for anything else."""
    return range_bound(loop.iter) if isinstance(loop.target, cst.Name) else None


class LayersToAttributes(Rule):
    id = "layers-to-attributes"
    stage = 4
    works_on = "model functions made Keras layers with a decorated forward pass (wrap-in-layer writes them)"
    summary = "functional v1.layers calls in a decorated forward pass → layer objects built in __init__"
    needles = ("track_tf1_style_variables",)
    reads_importers = True  # the imports it removes keep names other files import
    example_before = (
        "import tensorflow as tf\n"
        "from tf1to2 import track_tf1_style_variables\n\n\n"
        "class Model(tf.keras.layers.Layer):\n"
        "    @track_tf1_style_variables\n"
        "    def call(self, inputs, training=None):\n"
        "        with tf.compat.v1.variable_scope('model'):\n"
        "            out = tf.compat.v1.layers.conv2d(inputs, 3, 3, kernel_regularizer='l2')\n"
        "            return tf.compat.v1.layers.dropout(out, training=training)\n"
    )
    example_after = (
        "import tensorflow as tf\n"
        "from tf1to2 import track_tf1_style_variables\n\n\n"
        "class Model(tf.keras.layers.Layer):\n"
        "    def __init__(self, **kwargs):\n"
        "        super().__init__(**kwargs)\n"
        "        self.conv2d = tf.compat.v1.layers.Conv2D(3, 3, kernel_regularizer='l2')\n"
        "        self.dropout = tf.compat.v1.layers.Dropout()\n\n"
        "    @track_tf1_style_variables\n"
        "    def call(self, inputs, training=None):\n"
        "        with tf.compat.v1.variable_scope('model'):\n"
        "            out = self.conv2d(inputs)\n"
        "            return self.dropout(out, training=training)\n"
    )

    def transform(self, ctx: RuleContext) -> cst.Module:
        survey = _Survey(ctx)
        walk(ctx.module, survey)
        calls: dict[int, cst.BaseExpression] = {}
        inits: dict[int, list] = {}
        imports: set = set()
        stale: set = set()
        for plan in survey.plans.values():
            self._plan_class(plan, survey, ctx)
            for cand in plan.candidates:
                if cand.problem:
                    ctx.warn(cand.call, f"left as tf.compat.v1.layers.{cand.spec.function}: {cand.problem}")
                    continue
                owner = cand.shared_with or cand
                what = (f"shares self.{owner.attribute} (same name={cand.name!r}, reused)" if cand.shared_with
                        else f"self.{cand.attribute} = {cand.spec.cls}(...) in __init__")
                if not ctx.change(cand.call, f"tf.compat.v1.layers.{cand.spec.function}(...) → {what}"):
                    continue
                calls[id(cand.call)] = (cand, owner.attribute)
                stale.add(ctx.aliases.imported_from(cand.call.func))
                if cand.shared_with is None:
                    stmt, needs = _construction(cand, ctx)
                    inits.setdefault(id(plan.cls), []).append(stmt)
                    imports |= needs
        if not calls:
            return ctx.module
        apply = _Apply(calls, inits)
        module = transform(ctx.module, apply)
        if apply.shim_decorator:
            imports.add(("tf1to2", "track_tf1_style_variables"))
        module = add_imports(module, sorted(imports))
        return remove_unused_imports(module, sorted(stale - {None}), keep=ctx.imported)

    # ------------------------------------------------------------------ planning
    def _plan_class(self, plan: _ClassPlan, survey: _Survey, ctx: RuleContext) -> None:
        cls = plan.cls
        init = find_method(cls, "__init__")
        init_attrs = self_attributes(init) if init is not None else set()
        taken = class_names(cls) | KERAS_LAYER_ATTRIBUTES
        # what a constructor argument may use as ``self.X`` in __init__
        known = init_attrs | class_body_names(cls) | KERAS_LAYER_ATTRIBUTES
        # constructor dependencies
        for cand in plan.candidates:
            if cand.problem:
                continue
            ctor = [a.value for p, a in cand.args.items() if p not in ("inputs", "training", "reuse")]
            deps = dependencies(ctor)
            local = survey.method_locals[id(cand.site.method)]
            loop_var = cand.loop.target.value if cand.loop is not None and isinstance(cand.loop.target, cst.Name) else None
            if cand.loop is not None:
                bound = _range_bound(cand.loop)
                if bound is None:
                    cand.problem = "it runs in a loop that is not `for i in range(N)`"
                    continue
                bdeps = dependencies([bound])
                bad = (bdeps.names & local) | {f"self.{a}" for a in bdeps.self_attrs - known}
                if bad:
                    cand.problem = (f"it runs in a loop whose bound ({', '.join(sorted(bad))}) is known only "
                                    "in the forward pass, not in __init__")
                    continue
            uses = sorted((deps.names & local) - ({loop_var} if loop_var else set()))
            if uses:
                cand.problem = (f"its arguments use {', '.join(uses)} from the forward pass; "
                                "a layer built in __init__ cannot see them")
                continue
            missing = sorted(deps.self_attrs - known)
            if missing:
                cand.problem = f"its arguments use {', '.join('self.' + m for m in missing)}, which __init__ does not set"
                continue
        # sharing by name
        by_name: dict = {}
        for cand in plan.candidates:
            if cand.name is not None:
                by_name.setdefault((id(cand.site.method), cand.name), []).append(cand)
        for group in by_name.values():
            if len(group) < 2:
                cand = group[0]
                if not cand.problem and cand.args.get("reuse") is not None and \
                        literal_value(cand.args["reuse"].value) is True:
                    cand.problem = (f"reuse=True: its variables are those of another layer named {cand.name!r}, "
                                    "which this rule does not see")
                continue
            left = [c for c in group if c.problem]
            if left:  # one layer's variables: a call left functional keeps the others functional
                for c in group:
                    if not c.problem:
                        c.problem = (f"it shares name={c.name!r}, and so its variables, with a call left as it "
                                     f"is ({left[0].problem})")
                continue
            reusing = any(c.reuse or c.site.reusing for c in group[1:])
            paths = {c.site.scope_path for c in group}
            loops = {id(c.loop) for c in group if c.loop is not None}
            if None in paths or len(paths) > 1 or loops:
                if reusing and (None in paths or loops):
                    for c in group:
                        c.problem = (f"name={c.name!r} is used by several calls whose variable scopes are "
                                     "decided at run time; cannot tell which share variables")
                continue
            if not reusing:
                for c in group:
                    c.problem = (f"name={c.name!r} is used twice in one variable scope without reuse "
                                 "(TF1 raises 'already exists' here)")
                continue
            first = group[0]
            key = _ctor_text(first)
            if any(_ctor_text(c) != key for c in group[1:]):
                for c in group:
                    c.problem = f"calls sharing name={c.name!r} build the layer with different arguments"
                continue
            for c in group[1:]:
                c.shared_with = first
        # attribute names, in call order
        counters: dict = {}
        for cand in plan.candidates:
            if cand.problem or cand.shared_with is not None:
                continue
            base = identifier(cand.name) if cand.name else None
            if base is None:
                base = cand.spec.scope_name
                n = counters.get(base, 0)
                attr = base if n == 0 else f"{base}_{n}"
                while attr in taken:
                    n += 1
                    attr = f"{base}_{n}"
                counters[base] = n + 1
            else:
                attr = base
                if attr in taken:
                    attr = f"{base}_layer"
                n = 1
                while attr in taken:
                    attr = f"{base}_layer_{n}"
                    n += 1
            taken.add(attr)
            cand.attribute = attr


def _ctor_text(cand: _Candidate) -> str:
    mod = cst.Module(body=[])
    return repr(sorted((p, mod.code_for_node(a.value)) for p, a in cand.args.items()
                       if p not in ("inputs", "training", "reuse", "name")))


def _call_in_place(cand: _Candidate, attribute: str, updated: cst.Call) -> cst.Call:
    """``self.<attribute>(inputs[, training=...])``; ``updated`` is the call with its
    arguments already rewritten (a layer call nested in another one)."""
    index = next(i for i, a in enumerate(cand.call.args) if a is cand.args["inputs"])
    inputs = updated.args[index].with_changes(keyword=None, equal=cst.MaybeSentinel.DEFAULT,
                                              comma=cst.MaybeSentinel.DEFAULT,
                                              whitespace_after_arg=cst.SimpleWhitespace(""))
    target: cst.BaseExpression = cst.Attribute(value=cst.Name("self"), attr=cst.Name(attribute))
    if cand.loop is not None:
        target = cst.Subscript(value=target, slice=[cst.SubscriptElement(cst.Index(cand.loop.target))])
    args = [inputs]
    if cand.spec.takes_training:
        training = cand.args.get("training")
        if training is not None:
            value = updated.args[next(i for i, a in enumerate(cand.call.args) if a is training)].value
        else:
            value = cst.Name(FUNCTIONAL_TRAINING_DEFAULT)
        args = [inputs.with_changes(comma=cst.Comma(whitespace_after=cst.SimpleWhitespace(" "))),
                keyword(cst.Arg(value=value), "training")]
    return cst.Call(func=target, args=args)


def _construction(cand: _Candidate, ctx: RuleContext) -> tuple[cst.SimpleStatementLine, set]:
    spec = cand.spec
    func = cand.call.func
    needs: set = set()
    if isinstance(func, cst.Attribute):
        cls_expr: cst.BaseExpression = func.with_changes(attr=cst.Name(spec.cls))
    else:  # ``from tensorflow.compat.v1.layers import conv2d``
        cls_expr = cst.Name(spec.cls)
        path = ctx.aliases.module_scope.names.get(func.value) if isinstance(func, cst.Name) else None
        module_name = path.rsplit(".", 1)[0] if isinstance(path, str) else "tensorflow.compat.v1.layers"
        needs.add((module_name, spec.cls))
    params = ("inputs", *spec.function_params)
    new_args = []
    still_positional = True
    for i, (param, arg) in enumerate(sorted(cand.args.items(), key=lambda kv: _order(cand.call, kv[1]))):
        if param in ("inputs", "training", "reuse"):
            continue
        at = params.index(param) - 1  # place among the class' parameters if it stayed positional
        positional = (arg.keyword is None and still_positional and at < len(spec.class_params)
                      and spec.class_params[at] == param)
        if not positional:
            still_positional = False
            new_args.append(keyword(arg, param) if arg.keyword is None else arg)
        else:
            new_args.append(arg)
    ctor = cst.Call(func=cls_expr, args=rebuild_args(cand.call, new_args),
                    whitespace_before_args=_first_ws(cand, new_args))
    if cand.loop is not None:
        value: cst.BaseExpression = cst.ListComp(
            elt=ctor, for_in=cst.CompFor(target=cand.loop.target, iter=cand.loop.iter))
    else:
        value = ctor
    target = cst.Attribute(value=cst.Name("self"), attr=cst.Name(cand.attribute or ""))
    return cst.SimpleStatementLine([cst.Assign([cst.AssignTarget(target)], value)]), needs


def _order(call: cst.Call, arg: cst.Arg) -> int:
    for i, a in enumerate(call.args):
        if a is arg:
            return i
    return len(call.args)


def _first_ws(cand: _Candidate, new_args: list) -> cst.BaseParenthesizableWhitespace:
    """Whitespace after ``(``: when the input was alone on the first line, the first
    constructor argument starts where the input's comma left off (so a call laid out
    ``conv2d(\\n    inputs, 3, 3,\\n    kernel_regularizer=...)`` keeps its shape)."""
    call = cand.call
    inputs = cand.args["inputs"]
    if call.args and call.args[0] is inputs and new_args and isinstance(inputs.comma, cst.Comma):
        if isinstance(inputs.comma.whitespace_after, cst.ParenthesizedWhitespace):
            return inputs.comma.whitespace_after
        return call.whitespace_before_args
    return call.whitespace_before_args


class _Apply(Transformer):
    def __init__(self, calls: dict, inits: dict) -> None:
        super().__init__()
        self.calls = calls
        self.inits = inits
        self.shim_decorator = False

    def leave_Call(self, original_node: cst.Call, updated_node: cst.Call) -> cst.BaseExpression:
        planned = self.calls.get(id(original_node))
        if planned is None:
            return updated_node
        return _call_in_place(planned[0], planned[1], updated_node)

    def leave_ClassDef(self, original_node: cst.ClassDef, updated_node: cst.ClassDef) -> cst.ClassDef:
        lines = self.inits.get(id(original_node))
        if not lines:
            return updated_node
        updated_node, changed = use_shim_decorator(updated_node)
        self.shim_decorator = self.shim_decorator or changed
        body = list(updated_node.body.body)
        for i, stmt in enumerate(body):
            if isinstance(stmt, cst.FunctionDef) and stmt.name.value == "__init__":
                init_body = list(stmt.body.body)
                at = len(init_body)
                if init_body and _is_return(init_body[-1]):
                    at -= 1
                init_body[at:at] = lines
                body[i] = stmt.with_changes(body=stmt.body.with_changes(body=init_body))
                return updated_node.with_changes(body=updated_node.body.with_changes(body=body))
        init = cst.parse_statement("def __init__(self, **kwargs):\n    super().__init__(**kwargs)\n")
        assert isinstance(init, cst.FunctionDef)
        init = init.with_changes(body=init.body.with_changes(body=[*init.body.body, *lines]))
        at = next((i for i, s in enumerate(body) if isinstance(s, cst.FunctionDef)), len(body))
        if at < len(body):
            # the method that was first keeps its place, now after a blank line
            first = body[at]
            init = init.with_changes(leading_lines=first.leading_lines)
            body[at] = first.with_changes(leading_lines=[cst.EmptyLine(indent=False)])
        body.insert(at, init)
        return updated_node.with_changes(body=updated_node.body.with_changes(body=body))


def _is_return(stmt: cst.BaseStatement) -> bool:
    return isinstance(stmt, cst.SimpleStatementLine) and any(isinstance(s, cst.Return) for s in stmt.body)
