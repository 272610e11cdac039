import tensorflow as tf
from tf1to2 import track_tf1_style_variables


class Model(tf.keras.layers.Layer):
  """The guide's model as TF1 code spelled it: tf.variable_scope, tf.layers."""

  def __init__(self, units, **kwargs):
    super().__init__(**kwargs)
    self.units = units

  @track_tf1_style_variables
  def call(self, inputs, training=None):
    with tf.variable_scope('model'):
      out = tf.layers.conv2d(inputs, 3, 3, kernel_regularizer="l2")
      out = tf.layers.batch_normalization(out, training=training)
      out = tf.layers.flatten(out)
      return tf.layers.dense(out, self.units)
