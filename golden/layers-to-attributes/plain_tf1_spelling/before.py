import tensorflow as tf
from tf1to2 import track_tf1_style_variables


class Model(tf.keras.layers.Layer):

  @track_tf1_style_variables
  def call(self, inputs, training=None):
    with tf.variable_scope('model'):
      out = tf.layers.conv2d(inputs, 3, 3, kernel_regularizer="l2")
      out = tf.layers.batch_normalization(out, training=training)
      out = tf.layers.max_pooling2d(out, 2, 2)
      return tf.layers.dense(tf.layers.flatten(out), 4)
