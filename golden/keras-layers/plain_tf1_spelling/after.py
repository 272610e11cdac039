import tensorflow as tf
from tf1to2 import track_tf1_style_variables


class Model(tf.keras.layers.Layer):

  def __init__(self, **kwargs):
    super().__init__(**kwargs)
    self.conv2d = tf.keras.layers.Conv2D(3, 3, kernel_regularizer="l2")
    self.batch_normalization = tf.keras.layers.BatchNormalization()
    self.max_pooling2d = tf.keras.layers.MaxPooling2D(2, 2)
    self.flatten = tf.keras.layers.Flatten()
    self.dense = tf.keras.layers.Dense(4)

  @track_tf1_style_variables
  def call(self, inputs, training=None):
    with tf.variable_scope('model'):
      out = self.conv2d(inputs)
      out = self.batch_normalization(out, training=training)
      out = self.max_pooling2d(out)
      return self.dense(self.flatten(out))
