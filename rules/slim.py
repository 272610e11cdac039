"""What stages 1 and 2 know about TF-Slim (tf_slim 1.1.0, ``tf.contrib.layers``).

``SIGNATURES`` is each slim op's parameter order (positional arguments are read against
it); ``DEFAULT_SCOPE`` the variable-scope name slim gives an op called without
``scope=``. ``op_name`` turns a canonical name (``rules.aliases``) into the op's name,
however it was reached: ``slim.conv2d``, ``tf.contrib.layers.convolution2d``,
``from tf_slim.layers import layers as layers_lib; layers_lib.conv2d``.
"""
from __future__ import annotations

import builtins
from typing import Iterable, Optional

import libcst as cst

from rules.edit import NameReplacer, code, module_imports  # noqa: F401 - code: slim.code, as rules use it
from rules.model_walk import free_names, target_names
from rules.visitors import Visitor, transform, walk

_CONV = ("activation_fn", "normalizer_fn", "normalizer_params", "weights_initializer", "weights_regularizer",
         "biases_initializer", "biases_regularizer", "reuse", "variables_collections", "outputs_collections",
         "trainable", "scope")

SIGNATURES: dict[str, tuple[str, ...]] = {
    "conv2d": ("inputs", "num_outputs", "kernel_size", "stride", "padding", "data_format", "rate") + _CONV,
    "separable_conv2d": ("inputs", "num_outputs", "kernel_size", "depth_multiplier", "stride", "padding",
                         "data_format", "rate", "activation_fn", "normalizer_fn", "normalizer_params",
                         "weights_initializer", "pointwise_initializer") + _CONV[4:],
    "conv2d_transpose": ("inputs", "num_outputs", "kernel_size", "stride", "padding", "data_format") + _CONV,
    "fully_connected": ("inputs", "num_outputs") + _CONV,
    "max_pool2d": ("inputs", "kernel_size", "stride", "padding", "data_format", "outputs_collections", "scope"),
    "avg_pool2d": ("inputs", "kernel_size", "stride", "padding", "data_format", "outputs_collections", "scope"),
    "batch_norm": ("inputs", "decay", "center", "scale", "epsilon", "activation_fn", "param_initializers",
                   "param_regularizers", "updates_collections", "is_training", "reuse", "variables_collections",
                   "outputs_collections", "trainable", "batch_weights", "fused", "data_format",
                   "zero_debias_moving_mean", "scope", "renorm", "renorm_clipping", "renorm_decay", "adjustment"),
    "dropout": ("inputs", "keep_prob", "noise_shape", "is_training", "outputs_collections", "scope", "seed"),
    "flatten": ("inputs", "outputs_collections", "scope"),
    "softmax": ("logits", "scope"),
    "one_hot_encoding": ("labels", "num_classes", "on_value", "off_value", "outputs_collections", "scope"),
    "bias_add": ("inputs", "activation_fn", "initializer", "regularizer", "reuse", "variables_collections",
                 "outputs_collections", "trainable", "data_format", "scope"),
    # ops stage 1 expands scopes for but stage 2 does not rewrite
    "layer_norm": ("inputs", "center", "scale", "activation_fn", "reuse", "variables_collections",
                   "outputs_collections", "trainable", "begin_norm_axis", "begin_params_axis", "scope"),
    "conv2d_in_plane": ("inputs", "kernel_size", "stride", "padding", "activation_fn", "normalizer_fn",
                        "normalizer_params", "weights_initializer", "weights_regularizer", "biases_initializer",
                        "biases_regularizer", "reuse", "variables_collections", "outputs_collections",
                        "trainable", "scope"),
    "unit_norm": ("inputs", "dim", "epsilon", "scope"),
    "l2_regularizer": ("scale", "scope"),
    "l1_regularizer": ("scale", "scope"),
    "xavier_initializer": ("uniform", "seed", "dtype"),
    "variance_scaling_initializer": ("factor", "mode", "uniform", "seed", "dtype"),
}

# slim's other spellings of the same function
SYNONYMS = {
    "convolution2d": "conv2d",
    "convolution2d_transpose": "conv2d_transpose",
    "separable_convolution2d": "separable_conv2d",
    "convolution2d_in_plane": "conv2d_in_plane",
    "xavier_initializer_conv2d": "xavier_initializer",
    "linear": "fully_connected",  # slim.linear = fully_connected(activation_fn=None)
}

# What a slim op does with these keywords when nothing sets them (the same for every op
# that takes them): the value a handed-down parameter defaults to, so that a caller
# outside any scope gets what it got before.
KEYWORD_DEFAULTS = {"outputs_collections": "None", "variables_collections": "None", "is_training": "True",
                    "reuse": "None", "trainable": "True", "normalizer_fn": "None", "normalizer_params": "None",
                    "rate": "1"}

# Ops whose ``activation_fn`` is relu unless given.
RELU_BY_DEFAULT = frozenset({"conv2d", "conv2d_transpose", "separable_conv2d",
                             "fully_connected", "conv2d_in_plane"})
# Where relu is, under each module a file may import: (module, attribute), first found wins.
RELU_AT = (("tensorflow", "nn.relu"), ("tensorflow.compat.v1", "nn.relu"), ("tensorflow.nn", "relu"),
           ("tensorflow.python.ops.nn_ops", "relu"), ("tensorflow.python.ops.nn", "relu"))

# Ops that ``arg_scope`` can govern (slim decorates them with ``add_arg_scope``).
SCOPED_OPS = frozenset(SIGNATURES) - {"l2_regularizer", "l1_regularizer", "xavier_initializer",
                                       "variance_scaling_initializer", "softmax"}

# Variable scope slim opens when ``scope=`` is not given (None: a name scope only).
DEFAULT_SCOPE = {
    "conv2d": "Conv", "separable_conv2d": "SeparableConv2d", "conv2d_transpose": "Conv2d_transpose",
    "fully_connected": "fully_connected", "batch_norm": "BatchNorm", "bias_add": "BiasAdd",
    "max_pool2d": "MaxPool2D", "avg_pool2d": "AvgPool2D", "dropout": "Dropout", "flatten": "Flatten",
    "softmax": "softmax", "one_hot_encoding": "OneHotEncoding", "layer_norm": "LayerNorm",
}

_SLIM_MODULES = {"layers", "ops", "arg_scope", "python", "framework", "regularizers", "initializers",
                 "utils", "contrib"}


def op_name(canonical: Optional[str]) -> Optional[str]:
    """``tf_slim.layers.layers.convolution2d`` → ``conv2d``; None for anything else."""
    if not canonical or not canonical.startswith("tf_slim."):
        return None
    parts = canonical.split(".")[1:]
    if not parts or any(p not in _SLIM_MODULES for p in parts[:-1]):
        return None
    leaf = parts[-1]
    return SYNONYMS.get(leaf, leaf)


def substitute(expr: cst.BaseExpression, values: dict[str, cst.BaseExpression]) -> cst.BaseExpression:
    """``expr`` with each free name in ``values`` replaced by its expression."""
    if not values or not (free_names(expr) & set(values)):
        return expr
    return transform(expr, NameReplacer({n: _parenthesized(v) for n, v in values.items()}))


def _parenthesized(expr: cst.BaseExpression) -> cst.BaseExpression:
    if isinstance(expr, (cst.Name, cst.Attribute, cst.Call, cst.Subscript, cst.BaseNumber, cst.BaseString,
                         cst.List, cst.Tuple, cst.Dict)) or expr.lpar:
        return expr
    return expr.with_changes(lpar=[cst.LeftParen()], rpar=[cst.RightParen()])


def module_names(module: cst.Module) -> set[str]:
    """Names bound at module level (imports, defs, classes, assignments)."""
    out: set[str] = {i.bound for i in module_imports(module)}
    for stmt in module.body:
        if isinstance(stmt, (cst.FunctionDef, cst.ClassDef)):
            out.add(stmt.name.value)
        elif isinstance(stmt, cst.SimpleStatementLine):
            for small in stmt.body:
                if isinstance(small, (cst.Assign, cst.AnnAssign)):
                    targets = [t.target for t in small.targets] if isinstance(small, cst.Assign) else [small.target]
                    for t in targets:
                        out.update(target_names(t))
        elif isinstance(stmt, (cst.If, cst.Try)):
            # ``try: import x except ImportError: ...`` and the like
            for inner in _nested_simple(stmt):
                out |= module_names(cst.Module(body=[inner]))
    return out


def _nested_simple(stmt: cst.CSTNode) -> Iterable[cst.CSTNode]:
    for child in stmt.children:
        if isinstance(child, (cst.SimpleStatementLine, cst.FunctionDef, cst.ClassDef)):
            yield child
        elif isinstance(child, cst.CSTNode):
            yield from _nested_simple(child)


# ---------------------------------------------------------------- reading functions
def params(fn: cst.FunctionDef) -> dict:
    """Parameter name → default expression (None without one), ``*args``/``**kw`` too."""
    p = fn.params
    out = {x.name.value: x.default for x in [*p.posonly_params, *p.params, *p.kwonly_params]}
    for star in (p.star_arg, p.star_kwarg):
        if isinstance(star, cst.Param):
            out[star.name.value] = None
    return out


def single_assignments(fn: cst.FunctionDef) -> dict[str, Optional[cst.BaseExpression]]:
    """Names assigned in ``fn`` (not in nested functions) → the value when that is the
    only assignment and a plain ``name = expr``; None otherwise."""
    seen: dict[str, Optional[cst.BaseExpression]] = {}

    class _A(Visitor):
        def visit_Assign(self, node: cst.Assign):
            if len(node.targets) == 1 and isinstance(node.targets[0].target, cst.Name):
                n = node.targets[0].target.value
                seen[n] = None if n in seen else node.value
            else:
                for t in node.targets:
                    for n in target_names(t.target):
                        seen[n] = None

        def visit_AugAssign(self, node):
            if isinstance(node.target, cst.Name):
                seen[node.target.value] = None

        def visit_FunctionDef(self, node):
            return node is fn

    walk(fn, _A())
    return seen


def kwarg(call: cst.Call, name: str) -> Optional[cst.Arg]:
    return next((a for a in call.args if a.keyword is not None and a.keyword.value == name), None)


def argument(call: cst.Call, index: int, name: str) -> Optional[cst.BaseExpression]:
    """What ``call`` passes for the parameter ``name``, at ``index`` of the signature."""
    kw = kwarg(call, name)
    if kw is not None:
        return kw.value
    positional = [a for a in call.args if a.keyword is None and not a.star]
    return positional[index].value if index < len(positional) else None


def is_none(expr) -> bool:
    return isinstance(expr, cst.Name) and expr.value == "None"


def given(call: cst.Call, signature: tuple) -> set:
    """Parameters ``call`` gives: its keywords, and its positional arguments read against
    ``signature``."""
    out = {a.keyword.value for a in call.args if a.keyword is not None}
    positional = [a for a in call.args if a.keyword is None and not a.star]
    return out | set(signature[:len(positional)])


BUILTINS = frozenset(dir(builtins))
