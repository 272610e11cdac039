"""TF1 Keras layers that make their variables TF1-style, as t3f's KerasDense does: with
get_variable (in a variable scope) or TF1's tf.Variable, in
build or in call. Keras 3 tracks no variable it did not make itself: after the tf-api
stage alone their weights are empty (nothing trains, saves or loads them) and a call
making them makes new ones each time. Each such build / call gets the guide's
decorator, which makes them once, tracks them and keeps their TF1 names (the layer's
name scope on a tf.Variable made in build, as TF1's Keras built it). Another method
making them is warned; a class that is not a Keras layer, a method decorated already and
a v1 layer object made in __init__ (later stages make it a Keras layer) are left."""
import tensorflow as tf
import tf1to2
from tensorflow.keras.layers import Layer


class Bias(tf.keras.layers.Layer):
    def build(self, input_shape):
        self.b = tf.compat.v1.Variable(tf.ones([input_shape[-1]]) * 0.5, name="b")
        super(Bias, self).build(input_shape)

    def call(self, x):
        return x + self.b


class Gated(Layer):  # Layer imported by name
    def __init__(self, units=4, **kwargs):
        super(Gated, self).__init__(**kwargs)
        self.units = units

    def build(self, input_shape):
        with tf.compat.v1.variable_scope("gate"):
            self.kernel = tf.compat.v1.get_variable(
                "kernel", [int(input_shape[-1]), self.units],
                initializer=tf.compat.v1.glorot_uniform_initializer())
            self.bias = tf.compat.v1.get_variable("bias", [self.units], initializer=tf.compat.v1.zeros_initializer())
        self._trainable_weights = [self.kernel, self.bias]  # (TF1's Keras needed this; harmless)

    def call(self, x):
        return tf.sigmoid(tf.matmul(x, self.kernel) + self.bias)


class Scaled(Bias):  # a layer through a class of the module
    def call(self, x):
        with tf.compat.v1.variable_scope("scaled"):
            scale = tf.compat.v1.get_variable("scale", [], initializer=tf.compat.v1.ones_initializer())
        return super(Scaled, self).call(x) * scale

    def extra(self):
        return tf.compat.v1.get_variable("extra", [2])


class Head(tf.keras.Model):  # a v1 layer function in call
    def call(self, x):
        return tf.compat.v1.layers.dense(tf.nn.relu(x), 2, name="logits")


class Decorated(tf.keras.layers.Layer):
    def __init__(self, **kwargs):
        super(Decorated, self).__init__(**kwargs)
        self.head = tf.compat.v1.layers.Dense(2)  # an object: its variables are made when called

    @tf1to2.track_tf1_style_variables
    def call(self, x):
        return x * tf.compat.v1.get_variable("w", [], initializer=tf.compat.v1.ones_initializer())


class NotALayer(object):
    def build(self):
        return tf.compat.v1.get_variable("v", [2])
