"""Layers built with slim's default initializers, big enough to compare distributions."""
import tensorflow as tf


def wide(images):
    x = tf.compat.v1.layers.conv2d(
        images,
        128,
        [3, 3],
        padding="SAME",
        activation=tf.nn.relu,
        name="conv")
    x = tf.compat.v1.layers.conv2d_transpose(
        x,
        64,
        [3, 3],
        padding="SAME",
        activation=tf.nn.relu,
        name="up")
    x = tf.compat.v1.layers.separable_conv2d(
        x,
        128,
        [3, 3],
        padding="SAME",
        depth_multiplier=4,
        activation=tf.nn.relu,
        name="sep")
    with tf.compat.v1.variable_scope("dw"):
        depthwise_weights = tf.compat.v1.get_variable("depthwise_weights", shape=[5, 5, x.shape[-1], 8])
        biases = tf.compat.v1.get_variable(
            "biases",
            shape=[x.shape[-1] * 8],
            initializer=tf.compat.v1.zeros_initializer())
        x = tf.nn.depthwise_conv2d(x, depthwise_weights, strides=[1, 1, 1, 1], padding="SAME")
        x = tf.nn.bias_add(x, biases)
        x = tf.nn.relu(x)
    x = tf.compat.v1.layers.flatten(tf.compat.v1.layers.max_pooling2d(x, [4, 4], strides=4))
    return tf.compat.v1.layers.dense(x, 512, activation=tf.nn.relu, name="fc")
