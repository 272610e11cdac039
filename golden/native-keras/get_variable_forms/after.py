"""get_variable in decorated Keras layers, the forms real code writes them in."""
import tensorflow as tf
import tf_slim as slim
from tensorflow.compat import v1

_INIT = tf.compat.v1.truncated_normal_initializer(stddev=0.2)


class Dense(tf.keras.layers.Layer):
    """A dense layer written TF1-style: positional shape, a shape from the input."""

    def __init__(self, units, **kwargs):
        super().__init__(**kwargs)
        self.units = units

    def build(self, input_shape):
        self.kernel = self.add_weight(
            name="kernel",
            shape=[input_shape[-1], self.units],
            initializer=_INIT)
        self.bias = self.add_weight(
            name="bias",
            shape=(self.units,),
            dtype=tf.float32,
            initializer=v1.zeros_initializer())

    def call(self, inputs):
        kernel = self.kernel
        bias = self.bias
        return tf.nn.relu(tf.matmul(inputs, kernel) + bias)


class Scaled(tf.keras.layers.Layer):
    """Nested scopes, keywords in any order, regularizers of each kind, a frozen variable,
    a variable used inline, a shape read through get_shape() and as_list()."""

    def __init__(self, units=4, **kwargs):
        super().__init__(**kwargs)
        self.units = units

    def build(self, input_shape):
        self.w = self.add_weight(
            name="w",
            shape=[input_shape[-1], self.units],
            initializer=tf.compat.v1.glorot_uniform_initializer(),
            regularizer=lambda variable: slim.l2_regularizer(0.1)(tf.convert_to_tensor(variable)))
        self.v = self.add_weight(
            name="v",
            shape=[list(input_shape)[-1], self.units],
            regularizer=tf.keras.regularizers.l2(0.01),
            trainable=True)
        self.offset = self.add_weight(
            name="offset",
            shape=[],
            initializer=tf.compat.v1.constant_initializer(0.5),
            trainable=False)
        self.gain = self.add_weight(
            name="gain",
            shape=[1],
            initializer=tf.compat.v1.ones_initializer())

    def call(self, x, training=None):
        w = self.w
        v = self.v
        offset = self.offset
        return tf.matmul(x, w) + tf.matmul(x, v) * self.gain + offset


class Built(tf.keras.layers.Layer):
    """A layer that has a build already: the weights go at its end, before super().build."""

    def build(self, shape):
        self.scale = 2.0
        self.b = self.add_weight(
            name="b",
            shape=[shape[-1]],
            initializer=tf.compat.v1.random_normal_initializer())
        super().build(shape)

    def call(self, inputs):
        b = self.b
        return inputs * self.scale + b
