"""TF1's tf.Variable (tf.compat.v1.Variable) in a decorated call → self.add_weight in build,
with an initializer drawing what its initial value drew, once the decorator goes: the
model-mapping guide's "make it once" for tf.Variable. Its TF1 name (the variable scope,
its name or "Variable", numbered as TF1 numbered a name made again) goes into the name
map."""
import numpy as np
import tensorflow as tf


# The TF1 originals of the layers below (what the numeric check builds in a TF1 graph and
# saves; wrap-in-layer makes each the layer below it): this stage leaves functions.
def block(inputs):
    with tf.compat.v1.variable_scope("block"):
        scale = tf.compat.v1.Variable(2.0, name="scale")
        w = tf.compat.v1.Variable(tf.zeros([inputs.shape[-1], 4]))
        v = tf.compat.v1.Variable(tf.random.truncated_normal([4, 4], 0.0, 0.1), trainable=False)
        u = tf.compat.v1.Variable(tf.random.uniform([4], minval=-1.0, maxval=1.0), name="u")
        b = tf.compat.v1.Variable(tf.constant(0.1, shape=[4]), name="b")
        again = tf.compat.v1.Variable(3, name="scale", dtype=tf.float32)
    return (tf.matmul(tf.matmul(inputs, w) * scale, v) + u + b) * again


class Block(tf.keras.layers.Layer):
    def build(self, input_shape):
        self.scale = self.add_weight(
            name="scale",
            shape=[],
            initializer=tf.compat.v1.constant_initializer(2.0))
        self.w = self.add_weight(
            name="w",
            shape=[input_shape[-1], 4],
            initializer=tf.compat.v1.zeros_initializer())
        self.v = self.add_weight(
            name="v",
            shape=[4, 4],
            initializer=tf.compat.v1.truncated_normal_initializer(mean=0.0, stddev=0.1),
            trainable=False)
        self.u = self.add_weight(
            name="u",
            shape=[4],
            initializer=tf.compat.v1.random_uniform_initializer(minval=-1.0, maxval=1.0))
        self.b = self.add_weight(
            name="b",
            shape=[4],
            initializer=tf.compat.v1.constant_initializer(0.1))
        self.scale_1 = self.add_weight(
            name="scale_1",
            shape=[],
            dtype=tf.float32,
            initializer=tf.compat.v1.constant_initializer(3))

    def call(self, inputs):
        scale = self.scale
        w = self.w
        v = self.v
        u = self.u
        b = self.b
        again = self.scale_1
        return (tf.matmul(tf.matmul(inputs, w) * scale, v) + u + b) * again


class FromValues(tf.keras.layers.Layer):
    """Initial values build() cannot draw alike: the decorator stays, and says why."""

    @tf.compat.v1.keras.utils.track_tf1_style_variables
    def call(self, inputs, training=None):
        mean = tf.compat.v1.Variable(tf.reduce_mean(inputs), name="mean")
        table = tf.compat.v1.Variable(np.zeros([3]), name="table")
        count = tf.compat.v1.Variable(0, name="count")
        if training:
            extra = tf.compat.v1.Variable(1.0, name="extra")
            inputs = inputs * extra
        loose = tf.compat.v1.Variable(1.0, name="loose", validate_shape=False)
        return inputs * mean + table[0] + tf.cast(count, tf.float32) + loose
