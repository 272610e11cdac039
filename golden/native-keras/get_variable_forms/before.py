"""get_variable in decorated Keras layers, the forms real code writes them in."""
import tensorflow as tf
import tf_slim as slim
from tensorflow.compat import v1
from tf1to2 import track_tf1_style_variables

_INIT = tf.compat.v1.truncated_normal_initializer(stddev=0.2)


class Dense(tf.keras.layers.Layer):
    """A dense layer written TF1-style: positional shape, a shape from the input."""

    def __init__(self, units, **kwargs):
        super().__init__(**kwargs)
        self.units = units

    @track_tf1_style_variables
    def call(self, inputs):
        with tf.compat.v1.variable_scope("dense"):
            kernel = tf.compat.v1.get_variable("kernel", [inputs.shape[-1], self.units],
                                               initializer=_INIT)
            bias = v1.get_variable(
                "bias",
                shape=(self.units,),
                dtype=tf.float32,
                initializer=v1.zeros_initializer(),
            )
            return tf.nn.relu(tf.matmul(inputs, kernel) + bias)


class Scaled(tf.keras.layers.Layer):
    """Nested scopes, keywords in any order, regularizers of each kind, a frozen variable,
    a variable used inline, a shape read through get_shape() and as_list()."""

    def __init__(self, units=4, **kwargs):
        super().__init__(**kwargs)
        self.units = units

    @track_tf1_style_variables
    def call(self, x, training=None):
        with tf.compat.v1.variable_scope("outer"):
            with tf.compat.v1.variable_scope("inner", reuse=tf.compat.v1.AUTO_REUSE):
                w = tf.compat.v1.get_variable(
                    initializer=tf.compat.v1.glorot_uniform_initializer(),
                    shape=[x.get_shape()[-1], self.units],
                    name="w",
                    regularizer=slim.l2_regularizer(0.1))
            v = tf.compat.v1.get_variable("v", [x.shape.as_list()[-1], self.units],
                                          regularizer=tf.keras.regularizers.l2(0.01),
                                          trainable=True)
        offset = tf.compat.v1.get_variable("offset", [], initializer=tf.compat.v1.constant_initializer(0.5),
                                           trainable=False)
        return tf.matmul(x, w) + tf.matmul(x, v) * tf.compat.v1.get_variable(
            "gain", shape=[1], initializer=tf.compat.v1.ones_initializer()) + offset


class Built(tf.keras.layers.Layer):
    """A layer that has a build already: the weights go at its end, before super().build."""

    def build(self, shape):
        self.scale = 2.0
        super().build(shape)

    @track_tf1_style_variables
    def call(self, inputs):
        b = tf.compat.v1.get_variable("b", [inputs.shape[-1]], initializer=tf.compat.v1.random_normal_initializer())
        return inputs * self.scale + b
