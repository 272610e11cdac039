import tensorflow as tf
import tensorflow.compat.v1 as v1
from tf1to2 import track_tf1_style_variables


class CompatV1BatchNorm(tf.keras.layers.Layer):

  def __init__(self, **kwargs):
    super().__init__(**kwargs)
    self.batch_normalization = v1.layers.BatchNormalization()

  @track_tf1_style_variables
  def call(self, inputs, training=None):
    print("Forward pass called with `training` =", training)
    with v1.variable_scope('batch_norm_layer'):
      return self.batch_normalization(inputs, training=training)

