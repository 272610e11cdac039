import tensorflow as tf
from tf1to2 import track_tf1_style_variables


class FrozenBatchNorm(tf.keras.layers.Layer):
  """A functional batch_normalization without training= always runs in inference mode
  (its default is training=False), even when the model trains; the layer object it
  becomes must be told so, or it would follow the training flag Keras passes down."""

  @track_tf1_style_variables
  def call(self, inputs, training=None):
    with tf.compat.v1.variable_scope('frozen'):
      out = tf.compat.v1.layers.conv2d(inputs, 4, 3)
      out = tf.compat.v1.layers.batch_normalization(out)
      return tf.compat.v1.layers.batch_normalization(out, training=training)
