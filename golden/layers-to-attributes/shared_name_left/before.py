"""Calls that share one layer's variables (the same name=, reuse) move together or not
at all: when one of them must stay a function (its arguments come from the forward
pass), the others stay too, or a Keras layer would get variables of its own. A lone
reuse=True call reuses a layer this rule cannot see: it stays."""
import tensorflow as tf
from tf1to2 import track_tf1_style_variables


class Tower(tf.keras.layers.Layer):
    @track_tf1_style_variables
    def call(self, x, training=None):
        with tf.compat.v1.variable_scope("tower"):
            scale = tf.reduce_mean(x)
            y = tf.compat.v1.layers.dense(x, 8, name="proj", activation=lambda t: t * scale)
            z = tf.compat.v1.layers.dense(2.0 * x, 8, name="proj", reuse=True)
            a = tf.compat.v1.layers.dense(y, 4, name="head")
            b = tf.compat.v1.layers.dense(z, 4, name="head", reuse=True)
        with tf.compat.v1.variable_scope("tower", reuse=True):
            c = tf.compat.v1.layers.dense(x, 3, name="other", reuse=True)
        return a + b, c
