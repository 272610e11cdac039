import numpy as np
import tensorflow as tf


def flatten(x, y, dims):
    batch = x.shape[0].value
    features = x.get_shape()[-1].value * x.shape.dims[1].value
    n = y.get_shape()[1:].as_list()  # a slice is a TensorShape: no .value there
    z = dims[0].value  # not known to be a shape: the shim's, which reads .value off anything else
    return tf.reshape(x, [batch or -1, features, int(x.shape[2])]), n, z


def conv_to_fc(input_tensor):
    n_hidden = np.prod([v.value for v in input_tensor.get_shape()[1:]])
    shape = input_tensor.get_shape()
    total = 1
    for dim in input_tensor.shape.dims:
        total *= dim.value
    return tf.reshape(input_tensor, [-1, n_hidden]), shape[-1].value, total


def not_shapes(items, shape):
    shape = shape or items.shape  # also bound to something else: the shim's too (a loop over items: left)
    return [v.value for v in items], shape[0].value
