import numpy as np
import tensorflow as tf
import tf1to2


def flatten(x, y, dims):
    batch = tf.compat.dimension_value(x.shape[0])
    features = tf.compat.dimension_value(x.get_shape()[-1]) * tf.compat.dimension_value(x.shape.dims[1])
    n = y.get_shape()[1:].as_list()  # a slice is a TensorShape: no .value there
    z = tf1to2.dimension_value(dims[0])  # not known to be a shape: the shim's, which reads .value off anything else
    return tf.reshape(x, [batch or -1, features, int(x.shape[2])]), n, z


def conv_to_fc(input_tensor):
    n_hidden = np.prod([tf.compat.dimension_value(v) for v in input_tensor.get_shape()[1:]])
    shape = input_tensor.get_shape()
    total = 1
    for dim in input_tensor.shape.dims:
        total *= tf.compat.dimension_value(dim)
    return tf.reshape(input_tensor, [-1, n_hidden]), tf.compat.dimension_value(shape[-1]), total


def not_shapes(items, shape):
    shape = shape or items.shape  # also bound to something else: the shim's too (a loop over items: left)
    return [v.value for v in items], tf1to2.dimension_value(shape[0])
