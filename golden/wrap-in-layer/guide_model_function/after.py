import tensorflow as tf
from tf1to2 import track_tf1_style_variables


class Model(tf.keras.layers.Layer):
  """The guide's CompatV1LayerModel, as TF1 code wrote it: a function."""

  def __init__(self, units, **kwargs):
    super().__init__(**kwargs)
    self.units = units

  @track_tf1_style_variables
  def call(self, inputs, training=None):
    with tf.compat.v1.variable_scope('model'):
      out = tf.compat.v1.layers.conv2d(
          inputs, 3, 3,
          kernel_regularizer="l2")
      out = tf.compat.v1.layers.batch_normalization(out, training=training)
      out = tf.compat.v1.layers.flatten(out)
      out = tf.compat.v1.layers.dense(
          out, self.units,
          kernel_regularizer="l2")
      return out
