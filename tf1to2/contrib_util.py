"""``tf.contrib.util``, for code that imports the module (tensor2tensor's ``util()``
returns it): TensorFlow 1.x's module held these five functions of TensorFlow's own, which
TensorFlow 2.21 still has, the same objects (``constant_value`` is ``tf.get_static_value``,
``make_tensor_proto`` / ``make_ndarray`` are ``tf.make_tensor_proto`` / ``tf.make_ndarray``).
Imports TensorFlow; never LibCST or the codemod.
"""
from __future__ import annotations

from tensorflow.python.framework.meta_graph import ops_used_by_graph_def, stripped_op_list_for_graph
from tensorflow.python.framework.tensor_util import MakeNdarray as make_ndarray
from tensorflow.python.framework.tensor_util import constant_value, make_tensor_proto

__all__ = ["constant_value", "make_tensor_proto", "make_ndarray", "ops_used_by_graph_def",
           "stripped_op_list_for_graph"]
