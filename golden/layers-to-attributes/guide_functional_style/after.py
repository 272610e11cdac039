import tensorflow as tf
from tf1to2 import track_tf1_style_variables


class FunctionalStyleCompatModel(tf.keras.layers.Layer):

  def __init__(self, **kwargs):
    super().__init__(**kwargs)
    self.conv2d = tf.compat.v1.layers.Conv2D(
        3, 3,
        kernel_regularizer="l2")
    self.conv2d_1 = tf.compat.v1.layers.Conv2D(
        4, 4,
        kernel_regularizer="l2")
    self.conv2d_2 = tf.compat.v1.layers.Conv2D(
        5, 5,
        kernel_regularizer="l2")

  @track_tf1_style_variables
  def call(self, inputs, training=None):
    with tf.compat.v1.variable_scope('model'):
      out = self.conv2d(inputs)
      out = self.conv2d_1(out)
      out = self.conv2d_2(out)
      return out
