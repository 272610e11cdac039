"""``tf.compat.v1.layers.separable_conv1d`` with every argument it takes: by keyword (channels-last),
again by name with ``reuse=True``, by position in TF1's order (channels-first, not
trainable), and ``SeparableConv1D`` built with every argument of the class and called twice."""
import tensorflow as tf


def model(x, training):
    l2 = tf.keras.regularizers.l2(0.05)
    keywords = tf.compat.v1.layers.separable_conv1d(
        inputs=x, filters=4, kernel_size=3, strides=1, padding="same", data_format="channels_last",
        dilation_rate=1, depth_multiplier=2, activation=tf.nn.relu, use_bias=True,
        depthwise_initializer=tf.compat.v1.glorot_normal_initializer(seed=1),
        pointwise_initializer=tf.compat.v1.glorot_uniform_initializer(seed=2),
        bias_initializer=tf.compat.v1.constant_initializer(0.1), depthwise_regularizer=l2,
        pointwise_regularizer=tf.keras.regularizers.l1(0.01), bias_regularizer=l2, activity_regularizer=None,
        depthwise_constraint=tf.keras.constraints.MaxNorm(2.0), pointwise_constraint=None,
        bias_constraint=tf.keras.constraints.NonNeg(), trainable=True, name="keywords", reuse=None)
    again = tf.compat.v1.layers.separable_conv1d(x, 4, 3, 1, "same", depth_multiplier=2, name="keywords", reuse=True)
    first = tf.compat.v1.layers.separable_conv1d(
        tf.transpose(x, [0, 2, 1]), 2, 2, 2, "valid", "channels_first", 1, 3, tf.tanh, False,
        tf.compat.v1.variance_scaling_initializer(), tf.compat.v1.variance_scaling_initializer(),
        tf.zeros_initializer(), l2, l2, None, None, None, None, None, False, "positional", None)
    layer = tf.compat.v1.layers.SeparableConv1D(
        filters=3, kernel_size=2, strides=1, padding="same", data_format="channels_last", dilation_rate=2,
        depth_multiplier=1, activation=None, use_bias=True, depthwise_initializer=None,
        pointwise_initializer=None, bias_initializer=tf.zeros_initializer(), depthwise_regularizer=None,
        pointwise_regularizer=l2, bias_regularizer=None, activity_regularizer=None, depthwise_constraint=None,
        pointwise_constraint=None, bias_constraint=None, trainable=True, name="object")
    return keywords, again, first, layer(x) + layer(2.0 * x)
