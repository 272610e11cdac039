"""What stages 3–5 know about ``tf.compat.v1.layers``: each functional layer, its class,
the parameters of both (as TensorFlow 2.21's tf-keras defines them), the scope name a
layer without ``name=`` gets, and how its ``tf.keras.layers`` counterpart differs.

Shared by ``wrap-in-layer``, ``layers-to-attributes`` and ``keras-layers``; no rule logic.
"""
from __future__ import annotations

import builtins

import keyword
import re
from dataclasses import dataclass
from typing import Optional, Sequence

import libcst as cst

from rules.edit import code, literal_value

V1_LAYERS = "tf.compat.v1.layers"

_CONV = ("strides", "padding", "data_format", "dilation_rate", "activation", "use_bias",
         "kernel_initializer", "bias_initializer", "kernel_regularizer", "bias_regularizer",
         "activity_regularizer", "kernel_constraint", "bias_constraint", "trainable", "name")
_TRANSPOSE = ("strides", "padding", "data_format", "activation", "use_bias",
              "kernel_initializer", "bias_initializer", "kernel_regularizer", "bias_regularizer",
              "activity_regularizer", "kernel_constraint", "bias_constraint", "trainable", "name")
_SEPARABLE = ("strides", "padding", "data_format", "dilation_rate", "depth_multiplier",
              "activation", "use_bias", "depthwise_initializer", "pointwise_initializer",
              "bias_initializer", "depthwise_regularizer", "pointwise_regularizer",
              "bias_regularizer", "activity_regularizer", "depthwise_constraint",
              "pointwise_constraint", "bias_constraint", "trainable", "name")
_DENSE = ("activation", "use_bias", "kernel_initializer", "bias_initializer",
          "kernel_regularizer", "bias_regularizer", "activity_regularizer", "kernel_constraint",
          "bias_constraint", "trainable", "name")
_BN_HEAD = ("axis", "momentum", "epsilon", "center", "scale", "beta_initializer",
            "gamma_initializer", "moving_mean_initializer", "moving_variance_initializer",
            "beta_regularizer", "gamma_regularizer", "beta_constraint", "gamma_constraint")
_POOL = ("pool_size", "strides", "padding", "data_format", "name")


@dataclass(frozen=True)
class LayerSpec:
    function: str  # tf.compat.v1.layers.<function>
    cls: str  # tf.compat.v1.layers.<cls> and tf.keras.layers.<cls>
    function_params: tuple[str, ...]  # after ``inputs``
    class_params: tuple[str, ...]  # after ``self``
    keras_positional: int  # leading class parameters that tf.keras.layers.<cls> takes at the same places
    takes_training: bool = False  # call(inputs, training=...)
    weights: tuple[str, ...] = ()  # variable leaf names, in TF1 and as Keras attributes
    keras_required: tuple[tuple[str, str], ...] = ()  # (param, v1 default) Keras requires
    keras3_rejects: tuple[str, ...] = ()  # tf-keras takes them, Keras 3 does not

    @property
    def scope_name(self) -> str:
        """The scope a v1 layer of this class takes when it has no ``name=``."""
        return snake_case(self.cls)


def _spec(function, cls, fparams, cparams, keras_positional, **kw) -> LayerSpec:
    return LayerSpec(function, cls, tuple(fparams), tuple(cparams), keras_positional, **kw)


_CONV_WEIGHTS = ("kernel", "bias")
SPECS: dict[str, LayerSpec] = {}
for _n in (1, 2, 3):
    SPECS[f"conv{_n}d"] = _spec(f"conv{_n}d", f"Conv{_n}D", ("filters", "kernel_size", *_CONV, "reuse"),
                                ("filters", "kernel_size", *_CONV), 6, weights=_CONV_WEIGHTS)
    SPECS[f"max_pooling{_n}d"] = _spec(f"max_pooling{_n}d", f"MaxPooling{_n}D", _POOL, _POOL, 4)
    SPECS[f"average_pooling{_n}d"] = _spec(f"average_pooling{_n}d", f"AveragePooling{_n}D", _POOL, _POOL, 4)
for _n in (2, 3):
    SPECS[f"conv{_n}d_transpose"] = _spec(
        f"conv{_n}d_transpose", f"Conv{_n}DTranspose", ("filters", "kernel_size", *_TRANSPOSE, "reuse"),
        ("filters", "kernel_size", *_TRANSPOSE), 4, weights=_CONV_WEIGHTS)
for _n in (1, 2):
    SPECS[f"separable_conv{_n}d"] = _spec(
        f"separable_conv{_n}d", f"SeparableConv{_n}D", ("filters", "kernel_size", *_SEPARABLE, "reuse"),
        ("filters", "kernel_size", *_SEPARABLE), 19, weights=("depthwise_kernel", "pointwise_kernel", "bias"))
SPECS["dense"] = _spec("dense", "Dense", ("units", *_DENSE, "reuse"), ("units", *_DENSE), 10,
                       weights=_CONV_WEIGHTS)
SPECS["batch_normalization"] = _spec(
    "batch_normalization", "BatchNormalization",
    (*_BN_HEAD, "training", "trainable", "name", "reuse", "renorm", "renorm_clipping",
     "renorm_momentum", "fused", "virtual_batch_size", "adjustment"),
    (*_BN_HEAD, "renorm", "renorm_clipping", "renorm_momentum", "fused", "trainable",
     "virtual_batch_size", "adjustment", "name"),
    13, takes_training=True, weights=("gamma", "beta", "moving_mean", "moving_variance"),
    keras3_rejects=("renorm", "renorm_clipping", "renorm_momentum", "fused", "virtual_batch_size", "adjustment"))
SPECS["dropout"] = _spec("dropout", "Dropout", ("rate", "noise_shape", "seed", "training", "name"),
                         ("rate", "noise_shape", "seed", "name"), 3, takes_training=True,
                         keras_required=(("rate", "0.5"),))
SPECS["flatten"] = _spec("flatten", "Flatten", ("name", "data_format"), ("data_format", "name"), 1)

BY_CLASS: dict[str, LayerSpec] = {s.cls: s for s in SPECS.values()}

# What the runtime shim's forms (tf1to2.layers) refuse, as ``tf1to2.layers._refuse``
# does: an argument, and the values at which it changes nothing. At any other value the
# layer needs tf.compat.v1.layers, which exists only with tf-keras.
SHIM_REFUSES: dict[str, tuple] = {
    "activity_regularizer": (None,),
    "renorm": (None, False, 0),
    "virtual_batch_size": (None, False, 0),
    "adjustment": (None,),
}


def call_arguments(call: cst.Call, params: Sequence[str]) -> dict:
    """Parameter → expression of a call, positional arguments filling ``params`` in order
    (``*args`` / ``**kwargs`` left out)."""
    args = {}
    for i, a in enumerate(call.args):
        if a.keyword is not None:
            args[a.keyword.value] = a.value
        elif i < len(params) and not a.star:
            args[params[i]] = a.value
    return args


def shim_refused(args: dict, literal_only: bool = False) -> str:
    """``name=value`` of the first of a call's arguments (``call_arguments``) that the
    shim refuses at that value; "" when there is none. ``literal_only``: only a literal
    value the shim refuses, or an expression that is not None (a variable's value, which
    may be None, ``shim_checked``, is not)."""
    for name, harmless in SHIM_REFUSES.items():
        if name in args and literal_value(args[name]) not in harmless:
            if literal_only and literal_value(args[name]) is NotImplemented and _variable(args[name]):
                continue
            return f"{name}={code(args[name])}"
    return ""


def shim_checked(args: dict) -> list[str]:
    """``name=value`` of a call's arguments the shim refuses at some values, given here a
    value computed at run time (``activity_regularizer=activity_regularizer``, a
    parameter that defaults to None): the shim raises, naming it, if it is one of those."""
    return [f"{name}={code(args[name])}" for name in SHIM_REFUSES
            if name in args and literal_value(args[name]) is NotImplemented and _variable(args[name])]


def _variable(expr: cst.BaseExpression) -> bool:
    """A name or ``self.x``: a value that may be any, None too (a parameter defaulting to
    None); not a function, a call or an expression, which are not None."""
    if isinstance(expr, cst.Name):
        return not hasattr(builtins, expr.value)  # ``abs`` is a function
    return isinstance(expr, cst.Attribute) and isinstance(expr.value, cst.Name) and expr.value.value in ("self", "cls")

# The defaults of the functional forms that matter at the call: a functional
# batch_normalization / dropout without ``training=`` runs in inference mode.
FUNCTIONAL_TRAINING_DEFAULT = "False"

# Attributes and methods every Keras layer has (tf-keras 2.21 and Keras 3): an attribute
# for a v1 layer must not take one of these names.
KERAS_LAYER_ATTRIBUTES = frozenset("""
activity_regularizer add_loss add_metric add_update add_variable add_weight build
build_from_config call compute_dtype compute_mask compute_output_shape
compute_output_signature count_params dtype dtype_policy dynamic finalize_state from_config
get_build_config get_config get_input_at get_input_mask_at get_input_shape_at get_output_at
get_output_mask_at get_output_shape_at get_weights inbound_nodes input input_mask
input_shape input_spec load_own_variables losses metrics name name_scope
non_trainable_variables non_trainable_weights outbound_nodes output output_mask
output_shape save_own_variables set_weights stateful submodules supports_masking trainable
trainable_variables trainable_weights updates variable_dtype variables weights
with_name_scope built path quantize symbolic_call stateless_call training
""".split())


def snake_case(name: str) -> str:
    """Keras' ``to_snake_case``: ``Conv2D`` → ``conv2d``, ``BatchNormalization`` →
    ``batch_normalization``, ``MaxPooling2D`` → ``max_pooling2d``."""
    intermediate = re.sub("(.)([A-Z][a-z0-9]+)", r"\1_\2", name)
    insecure = re.sub("([a-z])([A-Z])", r"\1_\2", intermediate).lower()
    if insecure[0] != "_":
        return insecure
    return "private" + insecure


def identifier(text: str) -> Optional[str]:
    """A readable attribute name from a layer's ``name=`` (``"d_h0/conv"`` → ``d_h0_conv``)."""
    ident = re.sub(r"\W+", "_", text).strip("_")
    if not ident:
        return None
    if ident[0].isdigit():
        ident = "layer_" + ident
    if keyword.iskeyword(ident):
        ident += "_"
    return ident
