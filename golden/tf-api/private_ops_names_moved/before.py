"""Names TF1 code read off TensorFlow's private ``ops`` module, which TensorFlow 2.21's no
longer has (mesh_tensorflow registers its TPU variables' conversion at import, kfac and
tensor2tensor check gradients for IndexedSlices): → the public name of the same object;
and what TF 2.21 has nowhere, warned."""
import tensorflow as tf
from tensorflow.python.framework import ops
from tensorflow.python.framework.ops import IndexedSlices as Slices


class Doubled(object):
    """Stands for twice its value wherever a tensor is asked for."""

    def __init__(self, value):
        self.value = value


def _to_tensor(doubled, dtype=None, name=None, as_ref=False):
    return tf.convert_to_tensor(2.0 * doubled.value, dtype=dtype, name=name)


ops.register_tensor_conversion_function(Doubled, _to_tensor)
ops.register_dense_tensor_like_type(Doubled)


def dense(grad):
    if isinstance(grad, (ops.IndexedSlices, Slices)):
        return tf.convert_to_tensor(grad)
    return grad
