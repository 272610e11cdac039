"""Object-oriented ``tf.compat.v1.layers`` held as attributes → native ``tf.keras.layers``,
with ``record_scope`` where later v1 layers would otherwise change names.

## What it does
In a class whose forward pass is decorated with ``track_tf1_style_variables``, each
``self.X = tf.compat.v1.layers.Conv2D(...)`` (or a list of them built with a
comprehension) in ``__init__`` becomes ``tf.keras.layers.Conv2D(...)``. Arguments are
carried over; where the two classes take them at different places they are passed by
keyword, and a default Keras does not have is written out (``Dropout(rate=0.5)``).

A v1 layer takes a variable-scope name when it is first called (``conv2d``,
``conv2d_1``, ... per variable scope, in call order); a Keras layer does not. Where a v1
layer is still called later in the same scope, the rule inserts
``record_scope("<the name the replaced layer took>")`` right after the replaced layer's
first call, so the later layer keeps its name (the guide's
``PartiallyNativeKerasLayersModel``). Names are computed statically; in a loop or a
branch, where they depend on the run, it writes ``record_scope(default_name="conv2d")``,
which claims the next free name exactly as the v1 layer did, and says so. A list of
layers built in ``for i in range(N)`` (N literal) whose ``name=`` is worked out from the
index alone (``"h%d" % (i + 1)``, ``f"block{i}"``, ``"fc" + str(i)``,
``"proj_{}".format(i)``: ``rules.edit.names_for_index``) takes those names, one per
element, and so do the layers after it in its scope. Functional v1 layers left in a loop
that runs a number of times the code states (``range(N)``, a literal tuple or list; no
``break``, ``continue``, ``return`` or ``raise`` in it, no branch around the call) take
that many names, so the layers after the loop keep known names too. A replaced layer
whose own TF1 name still depends on the run (after a loop of unknown count, in a branch,
under a computed scope) gets ``record_scope(default_name="dense", layer=self.dense)`` at
its first call: it claims the name the v1 layer claimed, and remembers it for the Keras
layer, where ``tf1to2.load_tf1_checkpoint`` finds its weights (no name-map entry can).
So does a list of layers called as ``self.dense[i](...)`` directly in one ``for i in
range(...)`` loop of any bound (a transformer's blocks over ``num_layers``, each under
``"layer_%d" % i``): ``record_scope(default_name="dense", layer=self.dense[i])`` there
claims once per element, in its round, as the v1 layer it replaced did. That keeps the
decorator (native-keras), so it is written only where it makes the class's TF1
checkpoint load: not beside a replaced layer whose names neither the map nor a recording
can hold (one element called in nested loops), which is warned as before.

Keras layers own their variables by object path, not by scope name, so the rule records
each replaced variable in the run's name map (``--name-map FILE``):
``"model/conv2d/kernel": "ModelClass/conv2d/kernel"`` (the TF1 name, relative to the
layer's forward pass, → class name / attribute path). ``tf1to2.load_tf1_checkpoint(layer,
path, name_map)`` loads a TF1 checkpoint through it.

## Why
The guide's last steps: native Keras layers are what TF2 code is made of; the
``record_scope`` calls keep the checkpoint names of the layers not yet migrated.

## Will not touch (and says why, on the line)
- layers built with private arguments (``_reuse``, ``_scope``), ``*args`` or ``**kwargs``,
  or with an argument Keras 3 does not have at a value that matters (``renorm=True``,
  ``fused=False``, ``virtual_batch_size=8``); at a value that changes nothing
  (``fused=True``) the argument is dropped;
- a batch norm that is frozen (``trainable=False`` or not a literal ``True``: Keras runs a
  frozen one in inference mode, where TF1's used the batch's moments in training mode)
  or normalizes over several axes (Keras 3 takes one int);
- a layer whose first call sits in a statement that also calls a v1 layer of the same
  kind, or inside an ``if``/``for``/``with`` header (no place for ``record_scope``).

## Fix safety
Variable names of the remaining v1 layers are kept (checked by the golden numeric
tests); the replaced layers' names change, and the name map says to what. A default run
of each v1 layer form with every argument loads the TF1 checkpoint and computes TF1's
numbers under both Kerases (``tests/test_layer_numerics.py``). Where Keras 3 cannot be
exact the rule warns: a seeded ``Dropout`` draws other masks than TF1's, and Keras 3's
``BatchNormalization`` moves its moving variance with the biased batch variance (TF1's
fused kernel used the unbiased one; warned once per class): inference from TF1's
statistics is exact, training moves them differently. tf-keras matches TF1 in both.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Optional

import libcst as cst

from rules.base import Rule, RuleContext
from rules.edit import add_import, add_imports, code, expression, keyword, keyword_value, literal_value, names_for_index, new_keyword, nodes_of, rebuild_args, remove_unused_imports
from rules.model_walk import ForwardPassVisitor, Site, find_method, range_bound, use_shim_decorator
from rules.v1_layers import BY_CLASS, SPECS, V1_LAYERS, LayerSpec, call_arguments, shim_refused
from rules.visitors import Transformer, transform, walk

SHIM = "tf1to2"


@dataclass
class _Attr:
    name: str
    spec: LayerSpec
    ctor: cst.Call
    args: dict  # constructor parameter → expression
    is_list: bool
    count: Optional[int]  # list length when it is a literal
    layer_name: Optional[str]  # literal name=
    named: bool  # name= given (literal or not)
    problem: Optional[str] = None
    convert: bool = False
    first_call: Optional[cst.Call] = None
    first_site: Optional[Site] = None
    # a list's name= computed from the index (``"h%d" % (i + 1)``), element by element
    layer_names: Optional[list] = None


@dataclass
class _Event:
    """A v1 layer taking a scope name during the forward pass, in call order."""

    call: cst.Call
    site: Site
    prefix: Optional[str]  # the name it asks for (None: computed at run time)
    exact: bool  # functional with name=: takes exactly that name, no suffix
    attr: Optional[_Attr] = None  # the attribute called, if any
    repeats: Optional[int] = 1  # how many layers this call makes (a list in a loop), None unknown
    prefixes: Optional[list] = None  # the name each of them asks for, where computed from the index


@dataclass
class _Plan:
    cls: cst.ClassDef
    attrs: dict = field(default_factory=dict)
    events: list = field(default_factory=list)


class _Survey(ForwardPassVisitor):
    def __init__(self, ctx: RuleContext) -> None:
        super().__init__(ctx)
        self.plans: dict[int, _Plan] = {}
        self.called: set = set()
        self.layer_helpers = _layer_helpers(ctx.module)

    def on_method(self, cls, method) -> None:
        if id(cls) not in self.plans:
            self.plans[id(cls)] = _Plan(cls, self._attributes(cls))

    def _attributes(self, cls: cst.ClassDef) -> dict:
        init = find_method(cls, "__init__")
        attrs: dict = {}
        if init is None:
            return attrs
        for stmt in init.body.body:
            if not isinstance(stmt, cst.SimpleStatementLine):
                continue
            for small in stmt.body:
                if not (isinstance(small, cst.Assign) and len(small.targets) == 1):
                    continue
                t = small.targets[0].target
                if not (isinstance(t, cst.Attribute) and isinstance(t.value, cst.Name) and t.value.value == "self"):
                    continue
                value, is_list, count, index = small.value, False, 1, None
                if isinstance(value, cst.ListComp) and isinstance(value.elt, cst.Call) and value.for_in.inner_for_in is None:
                    is_list = True
                    count = _literal_int(range_bound(value.for_in.iter))
                    if isinstance(value.for_in.target, cst.Name) and not value.for_in.ifs:
                        index = value.for_in.target.value
                    value = value.elt
                if not isinstance(value, cst.Call):
                    continue
                spec = self._v1_class(value.func)
                if spec is None:
                    continue
                args = _ctor_args(value, spec)
                name_arg = args.get("name")
                lit = literal_value(name_arg) if name_arg is not None else None
                attr = _Attr(t.attr.value, spec, value, args, is_list, count,
                             lit if isinstance(lit, str) and lit else None,
                             name_arg is not None and lit is not None)
                if is_list and count and index is not None and name_arg is not None and lit is NotImplemented:
                    attr.layer_names = names_for_index(name_arg, index, count)
                if any(a.star for a in value.args):
                    attr.problem = "built with *args / **kwargs"
                elif any(a.keyword is not None and a.keyword.value.startswith("_") for a in value.args):
                    attr.problem = "built with private arguments (_reuse, _scope)"
                else:
                    attr.problem = _keras_problem(spec, args)
                attrs[attr.name] = attr
        return attrs

    def _v1_class(self, func: cst.BaseExpression) -> Optional[LayerSpec]:
        q = self.qualify(func)
        if not q or not q.startswith(V1_LAYERS + "."):
            return None
        return BY_CLASS.get(q[len(V1_LAYERS) + 1:])

    def on_call(self, call: cst.Call, site: Site) -> None:
        plan = self.plans[id(self.classes[-1])]
        func = call.func
        target = func.value if isinstance(func, cst.Subscript) else func
        if (isinstance(target, cst.Attribute) and isinstance(target.value, cst.Name)
                and target.value.value == "self" and target.attr.value in plan.attrs):
            attr = plan.attrs[target.attr.value]
            if id(attr) in self.called:
                return  # a layer takes its scope name on its first call only
            self.called.add(id(attr))
            attr.first_call, attr.first_site = call, site
            repeats = 1
            if attr.is_list:  # a list of layers: one call per element, in a `for i in range(N)` loop
                repeats = attr.count if _literal_loop(site, func) == attr.count and len(site.loops) == 1 else None
            # a computed name= (layer_name None) asks for a name known only at run time
            prefix = attr.layer_name if attr.named else attr.spec.scope_name
            plan.events.append(_Event(call, site, prefix, False, attr, repeats, attr.layer_names))
            return
        if isinstance(func, cst.Name) and func.value in self.layer_helpers:
            # a function of this module that makes v1 layers: which names they take is
            # not followed here, so a replaced layer before it always records its name
            plan.events.append(_Event(call, site, None, False, repeats=None))
            return
        q = self.qualify(func)
        if q and q.startswith(V1_LAYERS + "."):
            tail = q[len(V1_LAYERS) + 1:]
            spec = SPECS.get(tail)
            if spec is not None:  # a functional layer stage 4 left
                name = keyword_value(call, "name")
                lit = literal_value(name) if name is not None else None
                prefix = spec.scope_name if name is None else (lit if isinstance(lit, str) and lit else None)
                plan.events.append(_Event(call, site, prefix, name is not None,
                                          repeats=1 if not site.loops else _loop_count(site)))
        elif isinstance(func, cst.Name) and func.value == "record_scope" or (
                isinstance(func, cst.Attribute) and func.attr.value == "record_scope"):
            arg = call.args[0].value if call.args and call.args[0].keyword is None else None
            lit = literal_value(arg) if arg is not None else None
            plan.events.append(_Event(call, site, lit if isinstance(lit, str) else None, True,
                                      repeats=1 if not site.loops else None))


def _layer_helpers(module: cst.Module) -> set:
    """Module-level functions that (through each other, too) may make v1 layers."""
    functions = {s.name.value: s for s in module.body if isinstance(s, cst.FunctionDef)}
    code = {n: module.code_for_node(f) for n, f in functions.items()}
    helpers = {n for n, c in code.items() if "layers" in c}
    changed = True
    while changed:
        changed = False
        for n, c in code.items():
            if n not in helpers and any(f"{h}(" in c for h in helpers):
                helpers.add(n)
                changed = True
    return helpers


def _range_loop(site: Site, func: cst.BaseExpression) -> Optional[tuple]:
    """(``i``, ``N``) when the call is ``X[i](...)`` directly in one ``for i in range(N)``
    loop (``N`` the bound's expression, any): each time round calls another element."""
    if len(site.loops) != 1 or not isinstance(site.loops[0], cst.For) or not isinstance(func, cst.Subscript):
        return None
    loop = site.loops[0]
    index = func.slice[0].slice if len(func.slice) == 1 else None
    bound = range_bound(loop.iter)
    if not (isinstance(index, cst.Index) and isinstance(index.value, cst.Name) and isinstance(loop.target, cst.Name)
            and index.value.value == loop.target.value and bound is not None):
        return None
    return index.value.value, bound


def _literal_loop(site: Site, func: cst.BaseExpression) -> Optional[int]:
    """N when the call is ``X[i](...)`` directly in ``for i in range(N)`` (N literal)."""
    loop = _range_loop(site, func)
    return None if loop is None else _literal_int(loop[1])


def _recording(attr: _Attr, ev: _Event, needed: bool, remember: bool) -> Optional[cst.SimpleStatementLine]:
    """``record_scope(default_name="dense", layer=self.dense)`` at the first call of a
    layer whose TF1 name depends on the run: it claims the name the v1 layer claimed, and
    remembers it as the Keras layer's, which ``tf1to2.load_tf1_checkpoint`` reads. For a
    layer called as ``self.X(...)`` in a simple statement in no loop, with a known
    prefix, where the plan ``remember``s; else ``record_scope(default_name=...)`` where
    later v1 layers ``needed`` the claim, else None."""
    if ev.prefix is None:
        return None
    if remember and isinstance(ev.site.statement, cst.SimpleStatementLine):
        if not attr.is_list and not ev.site.loops and isinstance(ev.call.func, cst.Attribute):
            # (in a loop it would claim again each time round, where the v1 layer claimed once)
            return cst.parse_statement(f'record_scope(default_name="{ev.prefix}", layer=self.{attr.name})\n')
        loop = _range_loop(ev.site, ev.call.func) if attr.is_list else None
        if loop is not None and _is_self_attribute(ev.call.func.value):
            # one element per time round, each called there first: each claims once, as the
            # v1 layer it replaced did in that round
            return cst.parse_statement(
                f'record_scope(default_name="{ev.prefix}", layer=self.{attr.name}[{loop[0]}])\n')
    return cst.parse_statement(f'record_scope(default_name="{ev.prefix}")\n') if needed else None


def _is_self_attribute(expr: cst.BaseExpression) -> bool:
    return isinstance(expr, cst.Attribute) and isinstance(expr.value, cst.Name) and expr.value.value == "self"


def _remembers(record: cst.SimpleStatementLine) -> bool:
    call = record.body[0].value
    return any(a.keyword is not None and a.keyword.value == "layer" for a in call.args)


def _loop_count(site: Site) -> Optional[int]:
    """How many times the one loop around a call runs, where the code says: ``for ... in
    range(N)`` or over a literal tuple or list, with no ``break`` / ``continue`` /
    ``return`` / ``raise`` in it and no branch around the call; None otherwise."""
    if len(site.loops) != 1 or site.branches or not isinstance(site.loops[0], cst.For):
        return None
    loop = site.loops[0]
    n = _literal_int(range_bound(loop.iter))
    if n is None and isinstance(loop.iter, (cst.Tuple, cst.List)) and not any(
            isinstance(e, cst.StarredElement) for e in loop.iter.elements):
        n = len(loop.iter.elements)
    if n is None or nodes_of(loop.body, (cst.Break, cst.Continue, cst.Return, cst.Raise)):
        return None
    return n


def _literal_int(expr: Optional[cst.BaseExpression]) -> Optional[int]:
    value = literal_value(expr) if expr is not None else None
    return value if isinstance(value, int) and not isinstance(value, bool) else None


class _Names:
    """The variable-scope names taken so far, per scope path, as TF1 hands them out."""

    def __init__(self) -> None:
        self.taken: dict = {}
        self.unknown: dict = {}  # scope path → prefixes whose next name is not known (None: all)

    def forget(self, path, prefix: Optional[str]) -> None:
        """A claim made at run time (in a loop or a branch, or under a computed name)."""
        if path is not None:
            self.unknown.setdefault(path, set()).add(prefix)

    def claim(self, path, prefix: Optional[str], exact: bool) -> Optional[str]:
        if path is None or prefix is None:
            self.forget(path, prefix)
            return None
        unknown = self.unknown.get(path, set())
        if None in unknown or any(_same_family(prefix, u) for u in unknown):
            return None
        taken = self.taken.setdefault(path, set())
        if exact or prefix not in taken:
            taken.add(prefix)
            return prefix
        i = 1
        while f"{prefix}_{i}" in taken:
            i += 1
        taken.add(f"{prefix}_{i}")
        return f"{prefix}_{i}"


class KerasLayers(Rule):
    id = "keras-layers"
    stage = 5
    works_on = "v1 layer objects held as attributes of decorated Keras layers (layers-to-attributes writes them)"
    summary = "v1 layer objects held as attributes → tf.keras.layers, record_scope keeps later names"
    needles = ("track_tf1_style_variables",)
    reads_importers = True  # the imports it removes keep names other files import
    example_before = (
        "import tensorflow as tf\n"
        "from tf1to2 import track_tf1_style_variables\n\n\n"
        "class Model(tf.keras.layers.Layer):\n"
        "    def __init__(self, **kwargs):\n"
        "        super().__init__(**kwargs)\n"
        "        self.conv_1 = tf.compat.v1.layers.Conv2D(3, 3)\n\n"
        "    @track_tf1_style_variables\n"
        "    def call(self, inputs):\n"
        "        with tf.compat.v1.variable_scope('model'):\n"
        "            out = self.conv_1(inputs)\n"
        "            return tf.compat.v1.layers.conv2d(out, 5, 5)\n"
    )
    example_after = (
        "import tensorflow as tf\n"
        "from tf1to2 import record_scope, track_tf1_style_variables\n\n\n"
        "class Model(tf.keras.layers.Layer):\n"
        "    def __init__(self, **kwargs):\n"
        "        super().__init__(**kwargs)\n"
        "        self.conv_1 = tf.keras.layers.Conv2D(3, 3)\n\n"
        "    @track_tf1_style_variables\n"
        "    def call(self, inputs):\n"
        "        with tf.compat.v1.variable_scope('model'):\n"
        "            out = self.conv_1(inputs)\n"
        "            record_scope(\"conv2d\")\n"
        "            return tf.compat.v1.layers.conv2d(out, 5, 5)\n"
    )

    def transform(self, ctx: RuleContext) -> cst.Module:
        survey = _Survey(ctx)
        walk(ctx.module, survey)
        plans = [p for p in survey.plans.values() if p.attrs]
        if not plans:
            return ctx.module
        root = ctx.aliases.local_name_for("tensorflow")
        ctors: dict = {}
        records: dict = {}  # id(statement) → (before: list, after: list)
        stale: set = set()
        for plan in plans:
            self._plan(plan, ctx, root or "tensorflow", ctors, records, stale)
        if not ctors:
            return ctx.module
        changed_classes = {id(p.cls) for p in plans if any(id(a.ctor) in ctors for a in p.attrs.values())}
        apply = _Apply(ctors, records, changed_classes)
        module = transform(ctx.module, apply)
        if root is None:
            module = add_import(module, "tensorflow")
        module = add_imports(module, [(SHIM, name) for name, needed in (
            ("record_scope", bool(records)), ("track_tf1_style_variables", apply.shim_decorator)) if needed])
        return remove_unused_imports(module, sorted(stale - {None}), keep=ctx.imported)

    def _plan(self, plan: _Plan, ctx: RuleContext, root: str, ctors: dict, records: dict, stale: set) -> None:
        names = _Names()
        claims: dict = {}  # id(event) → claimed name or None
        for ev in plan.events:
            path = ev.site.scope_path
            unrolled = (ev.attr is not None and ev.repeats and ev.repeats > 1 and not ev.site.branches
                        and not any(o is not ev and set(o.site.loops) & set(ev.site.loops) for o in plan.events))
            if unrolled:  # the only layer call in its loop: its names follow one another
                claimed = [names.claim(path, p, ev.exact) for p in (ev.prefixes or [ev.prefix] * ev.repeats)]
                if None in claimed:
                    claimed = None
            elif (ev.attr is None and ev.repeats and len(ev.site.loops) == 1 and not ev.site.branches
                  and not ev.site.nested_function):
                # a functional layer stage 4 left in a loop that runs a known number of
                # times: the names it takes, in whatever order, are known, and so are the next
                claimed = [names.claim(path, ev.prefix, ev.exact) for _ in range(ev.repeats)]
                if None in claimed:
                    claimed = None
            elif ev.site.branches or ev.site.loops or ev.site.nested_function or ev.repeats != 1:
                claimed = None
                for p in ev.prefixes or [ev.prefix]:
                    names.forget(path, p)
            else:
                claimed = names.claim(path, ev.prefix, ev.exact)
            claims[id(ev)] = claimed
        for attr in plan.attrs.values():
            if attr.first_call is None:
                attr.problem = attr.problem or "never called in the decorated forward pass"

        def convertible(remember: bool = True) -> list:
            """(attr, first event, record_scope statement) for each layer that can become a
            Keras layer, given the layers that stay v1 (``attr.problem``)."""
            converted = []
            for i, ev in enumerate(plan.events):
                attr = ev.attr
                if attr is None or attr.problem:
                    continue
                later = [e for e in plan.events[i + 1:] if e.attr is None or e.attr.problem]
                needs_record = any(
                    e.site.scope_path is None or ev.site.scope_path is None or e.site.scope_path == ev.site.scope_path
                    for e in later if e.prefix is None or ev.prefix is None or _same_family(e.prefix, ev.prefix)
                )
                record = None
                if needs_record:
                    stmt = ev.site.statement
                    if not isinstance(stmt, cst.SimpleStatementLine):
                        attr.problem = ("its first call is inside a compound statement's header, where "
                                        "record_scope cannot go and later v1 layers would change names")
                    elif any(e.call is not ev.call and e.site.statement is stmt and
                             (e.prefix is None or ev.prefix is None or _same_family(e.prefix, ev.prefix))
                             for e in plan.events if e.attr is None or e.attr.problem):
                        attr.problem = ("its first call shares a statement with a v1 layer of the same kind, so "
                                        "record_scope cannot go between them")
                    else:
                        claimed = claims[id(ev)]
                        if isinstance(claimed, str):
                            record = cst.parse_statement(f'record_scope("{claimed}")\n')
                        elif ev.prefix is not None:  # (names claimed per element are in the name map)
                            record = _recording(attr, ev, needed=True, remember=remember and claimed is None)
                        else:
                            attr.problem = "its scope name is computed at run time, so record_scope cannot claim it"
                elif claims[id(ev)] is None and _weights(attr):
                    record = _recording(attr, ev, needed=False, remember=remember)  # for its own name only
                if attr.problem:
                    continue
                attr.convert = True
                converted.append((attr, ev, record))
            return converted

        converted = convertible()
        # Changes declined (interactively, or by an ignore comment) leave v1 layers too:
        # the accepted ones are planned again with those in place, so that their
        # record_scope calls keep every remaining v1 layer's name.
        accepted = ctx.accepted([attr.ctor for attr, _, _ in converted])
        offered = [attr for attr, _, _ in converted]
        if not all(accepted):
            declined = {id(a) for a, ok in zip(offered, accepted) if not ok}
            for attr in plan.attrs.values():
                attr.convert = False
                if id(attr) in declined:
                    attr.problem = _DECLINED
            converted = convertible()
        # record_scope(layer=) keeps the decorator (native-keras): worth it only where it
        # makes the class's checkpoint load, not beside a layer whose names no map can hold
        if any(_weights(attr) and claims[id(ev)] is None and not (record is not None and _remembers(record))
               for attr, ev, record in converted):
            converted = convertible(remember=False)
        planned = {id(attr): (attr, ev, record) for attr, ev, record in converted}
        for attr in plan.attrs.values():
            if attr.problem and attr.problem is not _DECLINED:
                # at its first call: where the layer is in the file on disk (its constructor
                # may be one an earlier stage of the run wrote in __init__)
                home = ("it runs only with tf-keras and TF_USE_LEGACY_KERAS=1"
                        if shim_refused(attr.args) else
                        "on Keras 3 it needs tf1to2.layers, which the v1-layers-shim stage writes")
                ctx.warn(attr.first_call or attr.ctor,
                         f"left as tf.compat.v1.layers.{attr.spec.cls}: {attr.problem} ({home})")
        norms: list = []  # the batch norms converted, warned about once (_warn_keras3_inexact)
        for offer in offered:
            if id(offer) not in planned:
                ctx.skip_change()  # declined, or it now depends on a declined one (warned above)
                continue
            attr, ev, record = planned[id(offer)]
            claimed = claims[id(ev)]
            message = f"self.{attr.name}: tf.compat.v1.layers.{attr.spec.cls} → tf.keras.layers.{attr.spec.cls}"
            if record is not None:
                message += f"; {code(record).strip()} keeps later v1 names"
            if not ctx.change(attr.ctor, message):
                continue
            ctors[id(attr.ctor)] = self._keras_ctor(attr, root, ctx)
            stale.add(ctx.aliases.imported_from(attr.ctor.func))
            _warn_keras3_inexact(attr, ctx, norms)
            if record is not None:
                stmt = ev.site.statement
                returns = any(isinstance(s, (cst.Return, cst.Raise)) for s in stmt.body)
                before, after = records.setdefault(id(stmt), ([], []))
                (before if returns else after).append(record)
            if not _weights(attr):
                continue
            if claimed is None and record is not None and _remembers(record):
                continue  # record_scope(layer=) remembers its TF1 name as the run gives it
            if claimed is None and not (ev.site.branches or ev.site.loops):
                path_known = ev.site.scope_path is not None
                if not path_known or ev.prefix is None:
                    ctx.warn(attr.first_call, f"self.{attr.name}: its TF1 variable names are computed at run "
                             "time, so they are not in the name map")
                    continue
            if claimed is None:
                ctx.warn(attr.first_call, f"self.{attr.name}: its TF1 variable names depend on the run (a loop, "
                         "a branch, or a name computed at run time in its scope), so they are not in the name map")
                continue
            cls_name = plan.cls.name.value
            elements = enumerate(claimed) if isinstance(claimed, list) else [(None, claimed)]
            for k, scope_name in elements:
                old = "/".join([*ev.site.scope_path, scope_name])
                new = f"{cls_name}/{attr.name}" + ("" if k is None else f"/{k}")
                for w in _weights(attr):
                    ctx.name_map[f"{old}/{w}"] = f"{new}/{w}"

        if norms:
            first, more = norms[0], len(norms) - 1
            which = f"self.{first.name}" + (f" and {more} other BatchNormalization layer{'s' * (more > 1)}"
                                            if more else "")
            ctx.warn(first.first_call or first.ctor,
                     f"{which}: under Keras 3, BatchNormalization moves moving_variance with the batch's biased "
                     "variance, where TF1's fused kernel (4-D and 5-D inputs) used the unbiased one: with TF1's "
                     "statistics loaded the outputs are TF1's, but training moves moving_variance towards (n-1)/n "
                     "of TF1's (n values per channel in a batch); tf-keras moves it as TF1 did")

    def _keras_ctor(self, attr: _Attr, root: str, ctx: RuleContext) -> cst.Call:
        spec = attr.spec
        new_args = []
        given = set()
        keywords = False
        for i, arg in enumerate(attr.ctor.args):
            if arg.keyword is None and not keywords and i < spec.keras_positional:
                new_args.append(arg)
                given.add(spec.class_params[i])
                continue
            keywords = True
            name = arg.keyword.value if arg.keyword is not None else spec.class_params[i]
            given.add(name)
            new_args.append(keyword(arg, name) if arg.keyword is None else arg)
            if name in spec.keras3_rejects:  # at its default (_keras_problem): dropped
                new_args.pop()
                continue
            if name == "name":
                new_args[-1] = _keras_name(new_args[-1], ctx)
        for name, default in spec.keras_required:
            if name not in given:
                new_args.insert(0, new_keyword(name, default))
        func = expression(f"{root}.keras.layers.{spec.cls}")
        return attr.ctor.with_changes(func=func, args=rebuild_args(attr.ctor, new_args) if new_args else [])


# Arguments tf-keras takes and Keras 3 refuses, with the values that change nothing: the
# layer is converted without them. ``fused=True`` (or None) is what TF1 and tf-keras do
# anyway for the 4-D inputs it accepts; other values have no Keras 3 equivalent.
_KERAS3_DROPPABLE = {"fused": (True, None), "renorm": (False,), "renorm_clipping": (None,),
                     "renorm_momentum": (0.99,), "virtual_batch_size": (None,), "adjustment": (None,)}


_DECLINED = "its change was declined"


def _warn_keras3_inexact(attr: _Attr, ctx: RuleContext, norms: list) -> None:
    """What a converted layer computes differently under Keras 3, where it cannot be
    exact: a seeded dropout's masks (warned here), a batch norm's moving variance
    (``norms``: warned once per class, after them all)."""
    if attr.spec.cls == "BatchNormalization":
        norms.append(attr)
        return
    seed = attr.args.get("seed")
    if attr.spec.cls == "Dropout" and seed is not None and literal_value(seed) is not None:
        ctx.warn(attr.first_call or attr.ctor,
                 f"self.{attr.name}: under Keras 3, Dropout draws its masks from Keras' own generator, so "
                 f"seed={code(seed)} drops other values than TF1 did (training-mode "
                 "outputs differ; inference is the same); tf-keras draws TF1's masks")


def _keras_problem(spec: LayerSpec, args: dict) -> Optional[str]:
    """Why the layer cannot become a Keras layer that runs on Keras 3 and computes what
    the v1 layer did, or None."""
    if spec.cls == "BatchNormalization":
        axis = args.get("axis")
        value = literal_value(axis) if axis is not None else -1
        if not isinstance(value, int) or isinstance(value, bool):
            return (f"axis={code(axis)}: Keras 3's BatchNormalization normalizes "
                    "over one axis, given as an int")
        trainable = args.get("trainable")
        if trainable is not None and literal_value(trainable) is not True:
            return (f"trainable={code(trainable)}: a frozen Keras "
                    "BatchNormalization runs in inference mode, where TF1's normalized with the batch's moments "
                    "in training mode")
    for name in spec.keras3_rejects:
        if name not in args:
            continue
        value = literal_value(args[name])
        text = code(args[name])
        if value is NotImplemented or value not in _KERAS3_DROPPABLE.get(name, ()):
            return f"{name}={text} has no equivalent in Keras 3's {spec.cls}"
    return None


def _keras_name(arg: cst.Arg, ctx: RuleContext) -> cst.Arg:
    """Keras 3 rejects ``/`` in layer names, which slim's scoped names have
    (``"conv1/BatchNorm"``, stage 2): the layer is named ``conv1_BatchNorm``. Its weights
    are found by object path through the name map, not by this name."""
    value = arg.value
    if isinstance(value, cst.SimpleString) and "/" in value.evaluated_value:
        quote = value.quote
        return arg.with_changes(value=cst.SimpleString(
            value.prefix + quote + value.evaluated_value.replace("/", "_") + quote))
    text = code(value)
    if not isinstance(value, cst.SimpleString) and "/" in text and not isinstance(value, cst.Name):
        ctx.warn(arg, f"name={text} may contain '/', which Keras 3 rejects in layer names")
    return arg


def _same_family(a: str, b: str) -> bool:
    """Whether names asked for as ``a`` and ``b`` can collide (``conv2d`` vs ``conv2d_1``)."""
    return a == b or a.startswith(b + "_") or b.startswith(a + "_")


def _ctor_args(call: cst.Call, spec: LayerSpec) -> dict:
    """The v1 class' parameter → expression, positional ones included."""
    return call_arguments(call, spec.class_params)


def _weights(attr: _Attr) -> list:
    """The variables the layer will have (no bias with ``use_bias=False``, ...)."""
    out = []
    by_kw = {k: literal_value(v) for k, v in attr.args.items()}
    for w in attr.spec.weights:
        if w == "bias" and by_kw.get("use_bias") is False:
            continue
        if w == "beta" and by_kw.get("center") is False:
            continue
        if w == "gamma" and by_kw.get("scale") is False:
            continue
        out.append(w)
    return out


class _Apply(Transformer):
    def __init__(self, ctors: dict, records: dict, classes: set) -> None:
        super().__init__()
        self.ctors = ctors
        self.records = records
        self.classes = classes
        self.shim_decorator = False

    def leave_ClassDef(self, original_node, updated_node):
        if id(original_node) in self.classes:
            updated_node, changed = use_shim_decorator(updated_node)
            self.shim_decorator = self.shim_decorator or changed
        return updated_node

    def leave_Call(self, original_node: cst.Call, updated_node: cst.Call) -> cst.BaseExpression:
        new = self.ctors.get(id(original_node))
        return new if new is not None else updated_node

    def leave_SimpleStatementLine(self, original_node, updated_node):
        rec = self.records.get(id(original_node))
        if rec is None:
            return updated_node
        before, after = rec
        return cst.FlattenSentinel([*before, updated_node, *after])
