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


class DropoutWithoutTraining(tf.keras.layers.Layer):
  """A functional dropout without training= is an identity: the layer object must be
  told so, or it would follow the training flag Keras passes down."""

  def __init__(self, **kwargs):
    super().__init__(**kwargs)
    self.dropout = v1.layers.Dropout(rate=0.25)
    self.batch_normalization = v1.layers.BatchNormalization(momentum=0.9, epsilon=1e-5,
                                        fused=True)
    self.drop = v1.layers.Dropout(0.5, None, 7, name="drop")

  @track_tf1_style_variables
  def call(self, inputs, training=None):
    with v1.variable_scope('head'):
      out = self.dropout(inputs, training=False)
      out = self.batch_normalization(out, training=training)
      return self.drop(out, training=training)
