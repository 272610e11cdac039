"""TensorFlow's private modules: checked against TF 2.21's own files, a few renames."""
from tensorflow.python.ops import math_ops, array_ops
from tensorflow.python.ops import gen_training_ops as training_ops
from tensorflow.python.training import no_such_module
from tensorflow.python.util.nest import is_nested as is_sequence, map_structure
from tensorflow.python.layers_gone import base
from tensorflow.core.util import event_pb2
import tensorflow.python.ops.nn_ops as nn_ops


def apply(var, m, v, grad):
    if is_sequence(grad):
        grad = map_structure(math_ops.to_float, grad)
    return training_ops.apply_adam(var, m, v, 0.9, 0.99, 0.1, 0.9, 0.99, 1e-8, grad), nn_ops, array_ops, event_pb2
