"""A decorated layer whose base, a layer of the module, makes its own weights in build:
the build written for the scale calls the base's first (``super().build``), which makes
the bias the base's call reads. A layer deriving from Keras' own Layer gets no such call."""
import tensorflow as tf
from tf1to2 import track_tf1_style_variables


class Bias(tf.keras.layers.Layer):
    def build(self, input_shape):
        self.b = self.add_weight(name="b", shape=[input_shape[-1]], initializer="zeros")

    def call(self, x):
        return x + self.b


class Scaled(Bias):
    @track_tf1_style_variables
    def call(self, x):
        with tf.compat.v1.variable_scope("scaled"):
            scale = tf.compat.v1.get_variable("scale", [], initializer=tf.compat.v1.ones_initializer())
        return super(Scaled, self).call(x) * scale


class Plain(tf.keras.layers.Layer):
    @track_tf1_style_variables
    def call(self, x):
        with tf.compat.v1.variable_scope("plain"):
            scale = tf.compat.v1.get_variable("scale", [], initializer=tf.compat.v1.ones_initializer())
        return x * scale
