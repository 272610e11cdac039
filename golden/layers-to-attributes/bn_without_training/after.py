import tensorflow as tf
from tf1to2 import track_tf1_style_variables


class FrozenBatchNorm(tf.keras.layers.Layer):
  """A functional batch_normalization without training= always runs in inference mode
  (its default is training=False), even when the model trains; the layer object it
  becomes must be told so, or it would follow the training flag Keras passes down."""

  def __init__(self, **kwargs):
    super().__init__(**kwargs)
    self.conv2d = tf.compat.v1.layers.Conv2D(4, 3)
    self.batch_normalization = tf.compat.v1.layers.BatchNormalization()
    self.batch_normalization_1 = tf.compat.v1.layers.BatchNormalization()

  @track_tf1_style_variables
  def call(self, inputs, training=None):
    with tf.compat.v1.variable_scope('frozen'):
      out = self.conv2d(inputs)
      out = self.batch_normalization(out, training=False)
      return self.batch_normalization_1(out, training=training)
