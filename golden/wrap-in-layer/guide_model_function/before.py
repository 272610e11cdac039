import tensorflow as tf


def model(inputs, units, is_training=False):
  """The guide's CompatV1LayerModel, as TF1 code wrote it: a function."""
  with tf.compat.v1.variable_scope('model'):
    out = tf.compat.v1.layers.conv2d(
        inputs, 3, 3,
        kernel_regularizer="l2")
    out = tf.compat.v1.layers.batch_normalization(out, training=is_training)
    out = tf.compat.v1.layers.flatten(out)
    out = tf.compat.v1.layers.dense(
        out, units,
        kernel_regularizer="l2")
    return out
