"""slim's variance_scaling_initializer, truncated normal (its default) and uniform, in
each mode, and its xavier_initializer's normal form (that variance scaling, factor 1,
FAN_AVG): the rewrite's tf.compat.v1.variance_scaling_initializer must draw from the
same distribution. slim's truncated normal is sqrt(1.3 * factor / n) wide, TensorFlow's
sqrt(scale / n) / 0.8796...: the scale carries the difference."""
import tensorflow as tf


def wide(x):
    x = tf.compat.v1.layers.dense(
        x,
        2048,
        kernel_initializer=tf.compat.v1.variance_scaling_initializer(scale=2.0 * 1.3 * 0.87962566103423978 ** 2),
        activation=tf.nn.relu,
        name="fan_in")
    x = tf.compat.v1.layers.dense(
        x,
        1024,
        kernel_initializer=tf.compat.v1.variance_scaling_initializer(scale=1.0 * 1.3 * 0.87962566103423978 ** 2, mode="fan_avg"),
        activation=tf.nn.relu,
        name="fan_avg")
    x = tf.compat.v1.layers.dense(
        x,
        2048,
        kernel_initializer=tf.compat.v1.variance_scaling_initializer(scale=0.5, mode="fan_out", distribution="uniform"),
        activation=tf.nn.relu,
        name="uniform")
    return tf.compat.v1.layers.dense(
        x,
        1024,
        kernel_initializer=tf.compat.v1.variance_scaling_initializer(scale=1.3 * 0.87962566103423978 ** 2, mode="fan_avg"),
        activation=tf.nn.relu,
        name="xavier")
