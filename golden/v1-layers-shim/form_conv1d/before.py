"""``tf.compat.v1.layers.conv1d`` with every argument it takes: by keyword (channels-last),
again by name with ``reuse=True``, by position in TF1's order (channels-first, not
trainable), and ``Conv1D`` built with every argument of the class and called twice."""
import tensorflow as tf


def model(x, training):
    l2 = tf.keras.regularizers.l2(0.05)
    keywords = tf.compat.v1.layers.conv1d(
        inputs=x, filters=4, kernel_size=3, strides=2, padding="same", data_format="channels_last",
        dilation_rate=1, activation=tf.nn.relu, use_bias=True,
        kernel_initializer=tf.compat.v1.glorot_normal_initializer(seed=1),
        bias_initializer=tf.compat.v1.constant_initializer(0.1), kernel_regularizer=l2,
        bias_regularizer=tf.keras.regularizers.l1(0.01), activity_regularizer=None,
        kernel_constraint=tf.keras.constraints.MaxNorm(2.0), bias_constraint=tf.keras.constraints.NonNeg(),
        trainable=True, name="keywords", reuse=None)
    again = tf.compat.v1.layers.conv1d(x, 4, 3, 2, "same", activation=tf.nn.relu, name="keywords", reuse=True)
    first = tf.compat.v1.layers.conv1d(
        tf.transpose(x, [0, 2, 1]), 2, 2, 1, "valid", "channels_first", 2, tf.tanh, False,
        tf.compat.v1.variance_scaling_initializer(), tf.zeros_initializer(), l2, None, None, None, None,
        False, "positional", None)
    layer = tf.compat.v1.layers.Conv1D(
        filters=3, kernel_size=2, strides=1, padding="same", data_format="channels_last", dilation_rate=1,
        activation=None, use_bias=True, kernel_initializer=None, bias_initializer=tf.zeros_initializer(),
        kernel_regularizer=None, bias_regularizer=l2, activity_regularizer=None, kernel_constraint=None,
        bias_constraint=None, trainable=True, name="object")
    return keywords, again, first, layer(x) + layer(2.0 * x)
