"""v1 layers without name= outside any literal variable_scope, in a loop or a branch:
TF1 numbered them (conv2d, conv2d_1, dense, dense_1) as the graph built them, once. Their
names cannot be written out, and they need not be: the shim's decorator numbers
auto-named scopes afresh in each call, so every call takes TF1's names, and so its
variables. They stay unnamed, and the TF1 checkpoint loads as it is (an earlier version
wrapped the body in variable_scope("<function>"), which renamed every variable and left
the name map without them)."""
import tensorflow as tf
from tf1to2 import track_tf1_style_variables


class Cnn(tf.keras.layers.Layer):
    @track_tf1_style_variables
    def call(self, images, training=None):
        net = images
        for i, width in enumerate([4, 6]):
            with tf.compat.v1.variable_scope("block%d" % i):
                net = tf.compat.v1.layers.conv2d(net, width, 3, padding="same", use_bias=False)
                net = tf.compat.v1.layers.batch_normalization(net, training=training)
                net = tf.nn.relu(net)
                net = tf.compat.v1.layers.max_pooling2d(net, 2, 2)
        net = tf.compat.v1.layers.flatten(net)
        net = tf.compat.v1.layers.dense(net, 8, activation=tf.nn.relu)
        return tf.compat.v1.layers.dense(net, 3)


class Mlp(tf.keras.layers.Layer):
    def __init__(self, widths=(8, 4), extra=True, **kwargs):
        super().__init__(**kwargs)
        self.widths = widths
        self.extra = extra

    @track_tf1_style_variables
    def call(self, x):
        for units in self.widths:
            x = tf.compat.v1.layers.dense(x, units, activation=tf.nn.tanh)
        if self.extra:
            x = tf.compat.v1.layers.dense(x, 5)
        return tf.compat.v1.layers.dense(x, 2)


class Head(tf.keras.layers.Layer):
    """A loop of a known count (a literal tuple) before: the last dense was dense_2 in TF1,
    which the name map says."""

    @track_tf1_style_variables
    def call(self, x):
        for units in (8, 4):
            x = tf.compat.v1.layers.dense(x, units, activation=tf.nn.tanh)
        return tf.compat.v1.layers.dense(x, 2)
