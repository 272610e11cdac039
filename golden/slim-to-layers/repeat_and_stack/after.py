import tf_slim as slim
import tensorflow as tf


def net(x, is_training):
    x = tf.compat.v1.layers.conv2d(
        x,
        64,
        [3, 3],
        padding="SAME",
        activation=tf.nn.relu,
        name="conv1/conv1_1")
    x = tf.compat.v1.layers.conv2d(
        x,
        64,
        [3, 3],
        padding="SAME",
        activation=tf.nn.relu,
        name="conv1/conv1_2")
    x = tf.compat.v1.layers.conv2d(
        x,
        128,
        [3, 3],
        padding="VALID",
        activation=tf.nn.relu,
        name="conv2/conv2_1")
    x = tf.compat.v1.layers.conv2d(
        x,
        128,
        [3, 3],
        padding="VALID",
        activation=tf.nn.relu,
        name="conv2/conv2_2")
    x = tf.compat.v1.layers.conv2d(
        x,
        128,
        [3, 3],
        padding="VALID",
        activation=tf.nn.relu,
        name="conv2/conv2_3")
    x = tf.compat.v1.layers.conv2d(
        x,
        32,
        [3, 3],
        padding="SAME",
        activation=tf.nn.relu,
        name="convs/convs_1")
    x = tf.compat.v1.layers.conv2d(
        x,
        32,
        [1, 1],
        padding="SAME",
        activation=tf.nn.relu,
        name="convs/convs_2")
    x = tf.compat.v1.layers.conv2d(
        x,
        64,
        [3, 3],
        padding="SAME",
        activation=tf.nn.relu,
        name="convs/convs_3")
    x = tf.compat.v1.layers.flatten(x)
    x = tf.compat.v1.layers.dense(x, 32, activation=tf.nn.relu, name="fc/fc_1")
    x = tf.compat.v1.layers.dense(x, 64, activation=tf.nn.relu, name="fc/fc_2")
    x = tf.compat.v1.layers.dense(x, 128, activation=tf.nn.relu, name="fc/fc_3")
    # not unrolled: a count known at run time, a scope slim generates
    y = slim.repeat(x, is_training + 1, slim.fully_connected, 8, scope="dyn")
    return slim.repeat(y, 2, slim.fully_connected, 8)
