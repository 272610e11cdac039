import tensorflow as tf


def model(inputs, units, is_training=False):
  """The guide's model as TF1 code spelled it: tf.variable_scope, tf.layers."""
  with tf.variable_scope('model'):
    out = tf.layers.conv2d(inputs, 3, 3, kernel_regularizer="l2")
    out = tf.layers.batch_normalization(out, training=is_training)
    out = tf.layers.flatten(out)
    return tf.layers.dense(out, units)
