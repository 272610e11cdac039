"""``tf.contrib.framework`` as a module value, for code that hands the module on.

tf1to2 rewrites each name read from ``tf.contrib.framework`` where the code spells it:
tf-slim's (``arg_scope``, ``get_variables``, ...) to ``tf_slim``, the rest to TensorFlow 2's
own (``sort`` → ``tf.sort``, ``nest`` → ``tf.nest``, ``get_name_scope`` →
``tf.get_current_name_scope``). Where the module itself is returned, passed or stored
(``def framework(): return contrib_framework``), the names are read elsewhere, out of
its sight: there this module stands in for it. It has every name of TensorFlow 1.15's
``tf.contrib.framework`` that TensorFlow 2.21 or tf-slim still has, the same objects:

- tf-slim's (``arg_scope``, ``add_arg_scope``, ``get_variables_to_restore``, ...);
- TensorFlow's public ones (``sort``, ``argsort``, ``is_tensor``, ``py_func``,
  ``load_checkpoint``, ``init_from_checkpoint``, ``CriticalSection``, ...);
- ``get_name_scope``: ``tf.get_current_name_scope`` (the graph's name scope in a graph,
  as TF1's read it, and the eager one in eager code);
- the ones TensorFlow keeps in private modules only (``deprecated``,
  ``prepend_name_scope``, ``smart_cond``, ``BoundedTensorSpec``, ...);
- ``nest``: TensorFlow's, with TF1's names for ``is_nested`` (``is_sequence``,
  ``is_sequence_or_composite``).

The few TensorFlow dropped with tf.contrib (``reduce_sum_n``, ``with_shape``, the
checkpoint-remapping initializers, ...) raise AttributeError naming what to do instead.
Imports TensorFlow (and tf-slim on first use); never LibCST or the codemod.
"""
from __future__ import annotations

import importlib
import types

# name → (module, its name there): the same object under TensorFlow 2.21
_ELSEWHERE = {
    "sort": ("tensorflow.compat.v1", "sort"),
    "argsort": ("tensorflow.compat.v1", "argsort"),
    "is_tensor": ("tensorflow.compat.v1", "is_tensor"),
    "py_func": ("tensorflow.compat.v1", "py_func"),
    "assert_same_float_dtype": ("tensorflow.compat.v1", "assert_same_float_dtype"),
    "assert_scalar": ("tensorflow.compat.v1", "assert_scalar"),
    "convert_to_tensor_or_sparse_tensor": ("tensorflow.compat.v1", "convert_to_tensor_or_sparse_tensor"),
    "is_numeric_tensor": ("tensorflow.compat.v1", "is_numeric_tensor"),
    "is_non_decreasing": ("tensorflow.compat.v1", "is_non_decreasing"),
    "is_strictly_increasing": ("tensorflow.compat.v1", "is_strictly_increasing"),
    "CriticalSection": ("tensorflow.compat.v1", "CriticalSection"),
    "TensorSpec": ("tensorflow.compat.v1", "TensorSpec"),
    "load_checkpoint": ("tensorflow.compat.v1.train", "load_checkpoint"),
    "list_variables": ("tensorflow.compat.v1.train", "list_variables"),
    "load_variable": ("tensorflow.compat.v1.train", "load_variable"),
    "init_from_checkpoint": ("tensorflow.compat.v1.train", "init_from_checkpoint"),
    "get_name_scope": ("tensorflow", "get_current_name_scope"),
    "deprecated": ("tensorflow.python.util.deprecation", "deprecated"),
    "deprecated_args": ("tensorflow.python.util.deprecation", "deprecated_args"),
    "deprecated_arg_values": ("tensorflow.python.util.deprecation", "deprecated_arg_values"),
    "prepend_name_scope": ("tensorflow.python.framework.ops", "prepend_name_scope"),
    "strip_name_scope": ("tensorflow.python.framework.ops", "strip_name_scope"),
    "smart_cond": ("tensorflow.python.framework.smart_cond", "smart_cond"),
    "smart_case": ("tensorflow.python.framework.smart_cond", "smart_case"),
    "smart_constant_value": ("tensorflow.python.framework.smart_cond", "smart_constant_value"),
    "BoundedTensorSpec": ("tensorflow.python.framework.tensor_spec", "BoundedTensorSpec"),
    "RecordInput": ("tensorflow.python.ops.data_flow_ops", "RecordInput"),
    **{n: ("tensorflow.python.ops.init_ops", n) for n in (
        "convolutional_delta_orthogonal", "convolutional_orthogonal_1d", "convolutional_orthogonal_2d",
        "convolutional_orthogonal_3d")},
}

# TensorFlow 1.15's tf.contrib.framework names that neither TensorFlow 2.21 nor tf-slim has,
# and what to use instead (tf1to2's tf-api stage says the same where code reads them)
GONE = {
    "assert_scalar_int": "tf.debugging.assert_scalar and tf.debugging.assert_integer",
    "get_graph_from_inputs": "the graph of one of the tensors (t.graph)",
    "reduce_sum_n": "tf.add_n, or tf.reduce_sum of each tensor",
    "remove_squeezable_dimensions": "tf.squeeze of the dimension that should go",
    "with_shape": "tf.debugging.assert_shapes or tf.ensure_shape",
    "with_same_shape": "tf.debugging.assert_shapes or tf.ensure_shape",
    "fuse_op": "nothing in TensorFlow 2",
    "zero_initializer": "tf.compat.v1.assign(var, tf.zeros_like(var))",
    "load_and_remap_matrix_initializer": "tf.compat.v1.train.warm_start",
    "load_embedding_initializer": "tf.compat.v1.train.warm_start",
    "load_linear_multiclass_bias_initializer": "tf.compat.v1.train.warm_start",
    "load_variable_slot_initializer": "tf.compat.v1.train.warm_start",
    "get_placeholders": "the graph's operations of type Placeholder",
}

# TF1's names in tf.contrib.framework.nest that TensorFlow's nest renamed
_NEST_RENAMED = {"is_sequence": "is_nested", "is_sequence_or_composite": "is_nested_or_composite"}


class _Nest(types.ModuleType):
    """``tf.contrib.framework.nest``: TensorFlow's nest module, with TF1's names too."""

    def __getattr__(self, name: str):
        real = importlib.import_module("tensorflow.python.util.nest")
        return getattr(real, _NEST_RENAMED.get(name, name))


nest = _Nest(__name__ + ".nest", "tf.contrib.framework.nest: TensorFlow's nest, with TF1's is_sequence")


def __getattr__(name: str):
    if name in _ELSEWHERE:
        module, attr = _ELSEWHERE[name]
        return getattr(importlib.import_module(module), attr)
    if not name.startswith("__"):
        import tf_slim

        if hasattr(tf_slim, name):
            return getattr(tf_slim, name)
    if name in GONE:
        raise AttributeError(f"tf.contrib.framework.{name} does not exist in TensorFlow 2 or tf-slim: "
                             f"use {GONE[name]} instead")
    raise AttributeError(f"module {__name__!r} (tf.contrib.framework under TensorFlow 2) has no attribute {name!r}")
