"""slim-style code names its running tensor after the function (``net = ...`` inside
``def net``): that local is not a use of the function."""
import tensorflow.compat.v1 as tf


def net(inputs, is_training=False):
    net = tf.layers.conv2d(inputs, 8, 3, name="conv")
    net = tf.layers.batch_normalization(net, training=is_training, name="bn")
    return net


def head(net):
    return tf.layers.dense(net, 2, name="logits")
