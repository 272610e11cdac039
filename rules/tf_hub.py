"""TF1 Hub modules (``hub.Module``, which ``tensorflow_hub`` 0.16 no longer has) →
``hub.load`` and the module's signatures, as the TF Hub migration guide maps them.

## What it does
For ``m = hub.Module(handle, tags=...)`` (a local name, a module-level name or
``self.m``; or made once in a layer by wrap-in-layer, ``m = get_or_create_layer("m",
lambda: hub.Module(...))``, which keeps its ``get_or_create_layer``) whose every use is a
call:

- ``hub.Module(handle, tags=T)`` → ``hub.load(handle, tags=T)``;
- ``m(x)`` → ``m.signatures["default"](x)["default"]``; ``m(x, signature="sig")`` →
  ``m.signatures["sig"](x)["default"]``;
- ``m(dict(x1=a, x2=b), signature="sig", as_dict=True)`` (or a dict literal) →
  ``m.signatures["sig"](x1=a, x2=b)``, the guide's own example.

``session_config.experimental.share_cluster_devices_in_session`` loses its
``.experimental`` (not experimental since TF 2.2, the guide says).

## Why
``hub.Module`` builds a TF1 graph, fails in eager code, and is gone from
``tensorflow_hub`` 0.16 (the release current TensorFlow needs): code that uses it does not
import. ``hub.load`` reads TF1 Hub format modules and TF2 SavedModels alike, in eager
code and in graphs; calling a signature computes what calling the module did.

## Will not touch (and says why, on the line)
- a module built ``trainable=True`` (or not a literal ``False``): a TF1 Hub format module
  cannot be fine-tuned in TF2; the guide's way is the module's TF2 SavedModel in
  ``hub.KerasLayer(handle, trainable=True)``;
- a module used other than by calling it (passed on, ``m.variables``,
  ``m.get_signature_names()``), or called with a signature or ``as_dict`` that is not a
  literal;
- ``hub.text_embedding_column`` and the other feature columns, ``hub.create_module_spec``,
  ``hub.add_signature``, ``hub.load_module_spec`` and exporters: TF1 Hub format APIs with no
  TF2 counterpart in ``tensorflow_hub``; the warning names the guide's replacement.

## Fix safety
A module exported in TF1 Hub format and run by ``hub.Module`` in a TF1 graph
(``tensorflow_hub`` 0.15) computes what the rewritten code computes through
``hub.load`` (0.16) in eager code (``tests/test_tf_hub.py``), for the default signature,
a named one, and ``as_dict=True`` with several inputs.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Optional

import libcst as cst

from rules.base import Rule, RuleContext
from rules.aliases import dotted_parts
from rules.model_walk import GET_OR_CREATE_LAYER
from rules.edit import (PackageNames, add_import, bound_arguments, code, literal_value, module_imports,
                        remove_unused_imports)
from rules.visitors import Transformer, Visitor, transform, walk

HUB = "tensorflow_hub"
MODULE = f"{HUB}.Module"
# TF1 Hub format APIs tensorflow_hub 0.16 dropped: name → the guide's replacement
GONE = {
    "text_embedding_column": "hub.KerasLayer(handle) on the text inside a Keras model, as the TF Hub guide does",
    "sparse_text_embedding_column": "hub.KerasLayer(handle) inside a Keras model",
    "image_embedding_column": "hub.KerasLayer(handle) on the images inside a Keras model",
    "create_module_spec": "tf.saved_model.save of a tf.Module (a TF2 SavedModel, which hub.load reads)",
    "create_module_spec_from_saved_model": "the SavedModel itself, read by hub.load",
    "add_signature": "tf.function signatures of a TF2 SavedModel (tf.saved_model.save(..., signatures=...))",
    "attach_message": "tf.saved_model.save of a TF2 SavedModel",
    "attach_image_module_info": "tf.saved_model.save of a TF2 SavedModel",
    "load_module_spec": "hub.load(handle)",
    "ModuleSpec": "hub.load(handle)",
    "LatestModuleExporter": "tf.saved_model.save at the end of training",
    "register_module_for_export": "tf.saved_model.save",
    "get_expected_image_size": "the SavedModel's signature (hub.load(handle).signatures)",
    "get_num_image_channels": "the SavedModel's signature (hub.load(handle).signatures)",
}
EXPERIMENTAL_FIELD = "share_cluster_devices_in_session"


# hub.Module's parameters, in order
MODULE_PARAMS = ("spec", "trainable", "name", "tags")
# What loads a TF Hub model in TF2 code (what this stage writes, and hub.KerasLayer, a
# tf-keras layer, which a Keras 3 layer cannot hold)
KERAS_LAYER = f"{HUB}.KerasLayer"
LOADERS = (f"{HUB}.load", KERAS_LAYER, f"{HUB}.module_v2.load")


def trainable(args: dict) -> bool:
    """Whether ``hub.Module``'s arguments (``MODULE_PARAMS``) may make it trainable: a
    ``trainable`` that is not a literal False (TF2 cannot fine-tune a TF1 Hub format module)."""
    return "trainable" in args and literal_value(args["trainable"]) is not False


@dataclass
class _Module:
    ctor: cst.Call
    target: Optional[str]  # the name (or "self.x") it is bound to; None: called where it is made
    scope: Optional[cst.CSTNode]  # where its uses are looked for
    calls: list = field(default_factory=list)
    problem: Optional[str] = None
    problem_node: Optional[cst.CSTNode] = None
    maker: Optional[cst.Call] = None  # called where it is made: the call that makes it


class _Survey(Visitor):
    def __init__(self, hub: PackageNames) -> None:
        self.path = hub.path  # hub.Module → tensorflow_hub.Module
        self.modules: list[_Module] = []
        self.gone: list = []  # (call, name)
        self.fields: list = []  # attribute nodes ``x.experimental.share_cluster_...``
        self.ctors: list = []  # every hub.Module(...) call
        self.scopes: list = []

    def visit_Module(self, node: cst.Module) -> None:
        self.scopes.append(node)

    def visit_ClassDef(self, node: cst.ClassDef) -> None:
        self.scopes.append(node)

    def leave_ClassDef(self, node: cst.ClassDef) -> None:
        self.scopes.pop()

    def visit_FunctionDef(self, node: cst.FunctionDef) -> None:
        self.scopes.append(node)

    def leave_FunctionDef(self, node: cst.FunctionDef) -> None:
        self.scopes.pop()

    def _made(self, value: cst.BaseExpression) -> Optional[cst.Call]:
        """The ``hub.Module(...)`` call ``value`` makes: itself, or the one wrap-in-layer's
        ``get_or_create_layer("m", lambda: hub.Module(...))`` makes once in a layer."""
        if isinstance(value, cst.Call) and self.path(value.func) == MODULE:
            return value
        if isinstance(value, cst.Call) and (dotted_parts(value.func) or [""])[-1] == GET_OR_CREATE_LAYER and \
                len(value.args) == 2 and isinstance(value.args[1].value, cst.Lambda):
            body = value.args[1].value.body
            if isinstance(body, cst.Call) and self.path(body.func) == MODULE:
                return body
        return None

    def visit_Assign(self, node: cst.Assign) -> None:
        ctor = self._made(node.value)
        if ctor is None or len(node.targets) != 1:
            return
        target = node.targets[0].target
        if isinstance(target, cst.Name):
            self.modules.append(_Module(ctor, target.value, self.scopes[-1]))
        elif isinstance(target, cst.Attribute) and isinstance(target.value, cst.Name) and \
                target.value.value == "self":
            cls = next((s for s in reversed(self.scopes) if isinstance(s, cst.ClassDef)), None)
            if cls is not None:
                self.modules.append(_Module(ctor, f"self.{target.attr.value}", cls))

    def visit_Call(self, node: cst.Call) -> None:
        path = self.path(node.func)
        if path == MODULE:
            self.ctors.append(node)
        elif path is not None and path.startswith(HUB + ".") and path.rsplit(".", 1)[1] in GONE:
            self.gone.append((node, path.rsplit(".", 1)[1]))
        elif isinstance(node.func, cst.Call) and self._made(node.func) is not None:
            # hub.Module(handle)(x), get_or_create_layer("module", lambda: hub.Module(handle))(x)
            self.modules.append(_Module(self._made(node.func), None, None, [node], maker=node.func))

    def visit_Attribute(self, node: cst.Attribute) -> None:
        if node.attr.value == EXPERIMENTAL_FIELD and isinstance(node.value, cst.Attribute) and \
                node.value.attr.value == "experimental":
            self.fields.append(node)


class _Uses(Visitor):
    """Every place a name (or ``self.x``) is read inside a scope, and the calls of it."""

    def __init__(self, target: str) -> None:
        self.target = target
        self.calls: list = []
        self.other: list = []
        self._callees: set = set()
        self._assigned: set = set()
        self.bindings = 0  # assignments to the name, the module's own included

    def visit_Call(self, node: cst.Call) -> None:
        if code(node.func) == self.target:
            self.calls.append(node)
            self._callees.add(id(node.func))

    def visit_Assign(self, node: cst.Assign) -> None:
        for t in node.targets:
            self._assigned.add(id(t.target))
            if code(t.target) == self.target:
                self.bindings += 1

    def on_visit(self, node: cst.CSTNode) -> bool:
        result = super().on_visit(node)
        if isinstance(node, (cst.Name, cst.Attribute)) and id(node) not in self._callees and \
                id(node) not in self._assigned and code(node) == self.target:
            self.other.append(node)
            return False
        return result


class TfHub(Rule):
    id = "tf-hub"
    stage = 10
    summary = "hub.Module (gone from tensorflow_hub 0.16) → hub.load + signatures; TF1 Hub format APIs warned"
    needles = ("tensorflow_hub", EXPERIMENTAL_FIELD)
    reads_importers = True  # the imports it removes keep names other files import
    example_before = (
        "import tensorflow_hub as hub\n\n\n"
        "def embed(sentences, x1, x2):\n"
        "    m = hub.Module(\"/models/nnlm\", tags={\"foo\", \"bar\"})\n"
        "    outputs = m(dict(x1=x1, x2=x2), signature=\"sig\", as_dict=True)\n"
        "    return m(sentences), outputs\n"
    )
    example_after = (
        "import tensorflow_hub as hub\n\n\n"
        "def embed(sentences, x1, x2):\n"
        "    m = hub.load(\"/models/nnlm\", tags={\"foo\", \"bar\"})\n"
        "    outputs = m.signatures[\"sig\"](x1=x1, x2=x2)\n"
        "    return m.signatures[\"default\"](sentences)[\"default\"], outputs\n"
    )

    def transform(self, ctx: RuleContext) -> cst.Module:
        hub = PackageNames(ctx.module, HUB)
        survey = _Survey(hub)
        walk(ctx.module, survey)
        edits: dict = {}
        load = next((name for name, path in hub.names.items() if path == HUB), None)
        stale = [i.as_removable() for i in module_imports(ctx.module) if i.module == HUB and i.obj == "Module"]
        planned = len(edits)
        for m in survey.modules:
            self._plan(m, ctx, edits, load or HUB)
        loads = len(edits) > planned
        seen = {id(m.ctor) for m in survey.modules}
        for ctor in survey.ctors:
            if id(ctor) not in seen:
                ctx.warn(ctor, "hub.Module left as it is (tensorflow_hub 0.16 has none, so this code does not run on "
                               "current TensorFlow): it is not bound to a name tf1to2 can follow: use "
                               "hub.load(handle) and call its .signatures[...] as the TF Hub guide does")
        for call, name in survey.gone:
            ctx.warn(call, f"hub.{name} is a TF1 Hub format API, gone from tensorflow_hub 0.16: use {GONE[name]}")
        for node in survey.fields:
            if ctx.change(node, f"experimental.{EXPERIMENTAL_FIELD} → {EXPERIMENTAL_FIELD} (not experimental since "
                                "TF 2.2)"):
                edits[id(node)] = node.with_changes(value=node.value.value)
        if not edits:
            return ctx.module
        module = transform(ctx.module, _Apply(edits))
        if loads and load is None:
            module = add_import(module, HUB)
        return remove_unused_imports(module, stale, keep=ctx.imported) if loads else module

    def _plan(self, m: _Module, ctx: RuleContext, edits: dict, load: str) -> None:
        args = bound_arguments(m.ctor, MODULE_PARAMS)
        if args is None:
            return self._refuse(m, ctx, m.ctor, "it is built with *args / **kwargs")
        if trainable(args):
            return self._refuse(m, ctx, m.ctor, "it is trainable: a TF1 Hub format module cannot be fine-tuned in "
                                "TF2; use the model's TF2 SavedModel in hub.KerasLayer(handle, trainable=True)")
        uses = _Uses(m.target or "")
        if m.target is None:
            uses.calls, uses.bindings = m.calls, 1
        else:
            walk(m.scope, uses)
        if uses.bindings > 1:
            return self._refuse(m, ctx, m.ctor, f"{m.target} is assigned more than once here, so its calls may be "
                                "of something else")
        if uses.other:
            return self._refuse(m, ctx, uses.other[0], f"{m.target} is used other than by calling it (line "
                                f"{ctx.line(uses.other[0])}), which hub.load's object does not support alike")
        new_calls = {}
        made = f"{load}.load({', '.join(_load_args(args))})"
        if m.target is None and m.maker is not m.ctor:  # made in get_or_create_layer's lambda
            made = f"{code(m.maker.func)}({code(m.maker.args[0].value)}, lambda: {made})"
        for call in uses.calls:
            new = _signature_call(call, m.target or made)
            if isinstance(new, str):
                return self._refuse(m, ctx, call, new)
            new_calls[id(call)] = new
        if "handle" in args and "spec" not in args:
            args["spec"] = args.pop("handle")
        if "spec" not in args:
            return self._refuse(m, ctx, m.ctor, "it has no handle")
        message = f"hub.Module → {load}.load, and its {len(uses.calls)} call{'s' * (len(uses.calls) != 1)} → " \
                  "its signatures (tensorflow_hub 0.16 has no hub.Module)"
        if not ctx.change(m.ctor, message):
            return
        if m.target is not None:
            edits[id(m.ctor)] = cst.parse_expression(f"{load}.load({', '.join(_load_args(args))})")
        edits.update(new_calls)

    def _refuse(self, m: _Module, ctx: RuleContext, node: cst.CSTNode, why: str) -> None:
        ctx.warn(node, f"hub.Module left as it is (tensorflow_hub 0.16 has none, so this code does not run on "
                       f"current TensorFlow): {why}")


def _load_args(args: dict) -> list:
    return [code(args["spec"])] + ([f"tags={code(args['tags'])}"] if "tags" in args else [])


def _signature_call(call: cst.Call, target: str):
    """``m(x, signature=..., as_dict=...)`` → ``m.signatures[...](...)`` (an expression),
    or why not (a string)."""
    kw = {a.keyword.value: a.value for a in call.args if a.keyword is not None}
    positional = [a.value for a in call.args if a.keyword is None]
    if any(a.star for a in call.args):
        return "it is called with *args / **kwargs"
    inputs = positional[0] if positional else kw.pop("inputs", None)
    for key, value in zip(("signature", "as_dict"), positional[1:3]):
        kw.setdefault(key, value)
    if set(kw) - {"signature", "as_dict", "inputs"}:
        return f"it is called with {', '.join(sorted(set(kw) - {'signature', 'as_dict', 'inputs'}))}="
    signature = literal_value(kw["signature"]) if "signature" in kw else None
    if "signature" in kw and not isinstance(signature, str) and signature is not None:
        return f"its signature {code(kw['signature'])} is not a literal"
    as_dict = literal_value(kw["as_dict"]) if "as_dict" in kw else False
    if as_dict not in (True, False, None):
        return f"as_dict={code(kw['as_dict'])} is not a literal"
    name = signature or "default"
    if inputs is None:
        arguments = ""
    elif isinstance(inputs, cst.Dict) and all(isinstance(e, cst.DictElement) and isinstance(
            literal_value(e.key), str) and literal_value(e.key).isidentifier() for e in inputs.elements):
        arguments = ", ".join(f"{literal_value(e.key)}={code(e.value)}" for e in inputs.elements)
    elif isinstance(inputs, cst.Call) and code(inputs.func) == "dict" and all(
            a.keyword is not None for a in inputs.args):
        arguments = ", ".join(f"{a.keyword.value}={code(a.value)}" for a in inputs.args)
    else:
        arguments = code(inputs)
    text = f'{target}.signatures["{name}"]({arguments})' + ("" if as_dict else '["default"]')
    return cst.parse_expression(text)


class _Apply(Transformer):
    def __init__(self, edits: dict) -> None:
        super().__init__()
        self.edits = edits

    def leave_Call(self, original_node, updated_node):
        return self.edits.get(id(original_node), updated_node)

    def leave_Attribute(self, original_node, updated_node):
        return self.edits.get(id(original_node), updated_node)
