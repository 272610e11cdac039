import tensorflow as tf


def flatten(x, y, dims):
    batch = tf.compat.dimension_value(x.shape[0])
    features = tf.compat.dimension_value(x.get_shape()[-1]) * tf.compat.dimension_value(x.shape.dims[1])
    n = y.get_shape()[1:].as_list()  # a slice is a TensorShape: no .value there
    z = dims[0].value  # not a shape: left
    return tf.reshape(x, [batch or -1, features, int(x.shape[2])]), n, z
