"""get_variable sized by the static shape of what Keras layers made of the input (as
slim's depthwise convolution is, after a separable one): build() works it out from the
input's shape through the layers' compute_output_shape."""
import tensorflow as tf
from tf1to2 import track_tf1_style_variables


class Block(tf.keras.layers.Layer):
    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.sep = tf.keras.layers.SeparableConv2D(8, [3, 3], padding="SAME", name="sep")
        self.norm = tf.keras.layers.BatchNormalization(name="norm")

    def build(self, input_shape):
        self.depthwise_weights = self.add_weight(
            name="depthwise_weights",
            shape=[3, 3, self.norm.compute_output_shape(self.sep.compute_output_shape(input_shape))[-1], 2])
        self.biases = self.add_weight(
            name="biases",
            shape=[list(self.sep.compute_output_shape(input_shape))[-1] * 2],
            initializer=tf.compat.v1.zeros_initializer())

    def call(self, inputs, training=None):
        net = self.sep(inputs)
        normed = self.norm(net, training=training)
        w = self.depthwise_weights
        b = self.biases
        out = tf.nn.depthwise_conv2d(normed, w, strides=[1, 1, 1, 1], padding="SAME")
        return tf.nn.bias_add(out, b)


class Custom(tf.keras.layers.Layer):
    """A layer of this module: its compute_output_shape is not known to work unbuilt; left."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.inner = Block(name="inner")

    @track_tf1_style_variables
    def call(self, inputs):
        net = self.inner(inputs)
        return net * tf.compat.v1.get_variable("gain", shape=[net.shape[-1]])


class Unclear(tf.keras.layers.Layer):
    """An output bound twice, a layer called with another positional argument, an
    attribute set twice: what build() would see is not clear; left."""

    def __init__(self, wide=False, **kwargs):
        super().__init__(**kwargs)
        self.conv = tf.keras.layers.Conv2D(4, 3, name="conv")
        if wide:
            self.conv = tf.keras.layers.Conv2D(8, 3, name="conv")
        self.dense = tf.keras.layers.Dense(3, name="dense")

    @track_tf1_style_variables
    def call(self, inputs, mask=None):
        net = self.dense(inputs)
        net = net * 2.0
        a = tf.compat.v1.get_variable("a", shape=[net.shape[-1]])
        twice = self.dense(inputs, mask)
        b = tf.compat.v1.get_variable("b", shape=[twice.shape[-1]])
        conv = self.conv(inputs)
        c = tf.compat.v1.get_variable("c", shape=[conv.shape[-1]])
        return a + b + c
