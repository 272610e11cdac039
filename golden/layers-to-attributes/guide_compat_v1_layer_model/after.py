import tensorflow as tf
from tf1to2 import track_tf1_style_variables


class CompatV1LayerModel(tf.keras.layers.Layer):

  def __init__(self, units, *args, **kwargs):
    super().__init__(*args, **kwargs)
    self.units = units
    self.conv2d = tf.compat.v1.layers.Conv2D(
        3, 3,
        kernel_regularizer="l2")
    self.flatten = tf.compat.v1.layers.Flatten()
    self.dense = tf.compat.v1.layers.Dense(
        self.units,
        kernel_regularizer="l2")

  @track_tf1_style_variables
  def call(self, inputs):
    with tf.compat.v1.variable_scope('model'):
      out = self.conv2d(inputs)
      out = self.flatten(out)
      out = self.dense(out)
      return out
