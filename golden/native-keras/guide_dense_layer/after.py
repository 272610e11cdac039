import tensorflow as tf


class DenseLayer(tf.keras.layers.Layer):

  def __init__(self, units, *args, **kwargs):
    super().__init__(*args, **kwargs)
    self.units = units

  def build(self, input_shape):
    self.kernel = self.add_weight(
        name="kernel",
        shape=[input_shape[-1], self.units],
        initializer=tf.compat.v1.initializers.glorot_normal,
        regularizer=tf.keras.regularizers.L2())
    self.bias = self.add_weight(
        name="bias",
        shape=[self.units,],
        initializer=tf.compat.v1.initializers.zeros)

  def call(self, inputs):
    out = inputs
    kernel = self.kernel
    bias = self.bias
    out = tf.linalg.matmul(out, kernel)
    out = tf.compat.v1.nn.bias_add(out, bias)
    return out
