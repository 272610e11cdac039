"""``tf.compat.v1.layers.dense`` with every argument it takes: by keyword, again by name
with ``reuse=True``, by position in TF1's order (on rank-3 inputs, not trainable), and
``Dense`` built with every argument of the class and called twice."""
import tensorflow as tf
import tf1to2.layers


def model(x, training):
    l2 = tf.keras.regularizers.l2(0.05)
    keywords = tf1to2.layers.dense(
        inputs=x, units=4, activation=tf.nn.relu, use_bias=True,
        kernel_initializer=tf.compat.v1.glorot_normal_initializer(seed=1),
        bias_initializer=tf.compat.v1.constant_initializer(0.1), kernel_regularizer=l2,
        bias_regularizer=tf.keras.regularizers.l1(0.01), activity_regularizer=None,
        kernel_constraint=tf.keras.constraints.MaxNorm(2.0), bias_constraint=tf.keras.constraints.NonNeg(),
        trainable=True, name="keywords", reuse=None)
    again = tf1to2.layers.dense(x, 4, tf.nn.relu, name="keywords", reuse=True)
    ranked = tf1to2.layers.dense(
        tf.reshape(x, [2, 2, 5]), 3, tf.tanh, False, tf.compat.v1.variance_scaling_initializer(),
        tf.zeros_initializer(), l2, None, None, None, None, False, "positional", None)
    layer = tf1to2.layers.Dense(
        units=3, activation=None, use_bias=True, kernel_initializer=None, bias_initializer=tf.zeros_initializer(),
        kernel_regularizer=None, bias_regularizer=l2, activity_regularizer=None, kernel_constraint=None,
        bias_constraint=None, trainable=True, name="object")
    return keywords, again, ranked, layer(x) + layer(2.0 * x)
