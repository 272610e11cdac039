import tensorflow as tf
import tensorflow.compat.v1 as v1


class CompatV1BatchNorm(tf.keras.layers.Layer):

  @tf.compat.v1.keras.utils.track_tf1_style_variables
  def call(self, inputs, training=None):
    print("Forward pass called with `training` =", training)
    with v1.variable_scope('batch_norm_layer'):
      return v1.layers.batch_normalization(inputs, training=training)


class DropoutWithoutTraining(tf.keras.layers.Layer):
  """A functional dropout without training= is an identity: the layer object must be
  told so, or it would follow the training flag Keras passes down."""

  @tf.compat.v1.keras.utils.track_tf1_style_variables
  def call(self, inputs, training=None):
    with v1.variable_scope('head'):
      out = v1.layers.dropout(inputs, rate=0.25)
      out = v1.layers.batch_normalization(out, momentum=0.9, epsilon=1e-5,
                                          training=training, fused=True)
      return v1.layers.dropout(out, 0.5, None, 7, training, "drop")
