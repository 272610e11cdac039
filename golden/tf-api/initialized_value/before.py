"""Variables initialized from another's value (tensor2tensor's VQ-VAE codebooks): TF1's
``initialized_value()`` raises NotImplementedError on every variable TensorFlow 2 makes."""
import tensorflow.compat.v1 as tf


def codebook(hidden_size, z_size):
    with tf.variable_scope("vq", reuse=tf.AUTO_REUSE):
        means = tf.get_variable("means", [2**z_size, hidden_size],
                                initializer=tf.uniform_unit_scaling_initializer())
        with tf.colocate_with(means):
            ema_means = tf.get_variable("ema_means", initializer=means.initialized_value()[0],
                                        trainable=False)
        copy = tf.get_variable("copy", initializer=tf.get_variable(
            "inner", [3]).initialized_value() * 2.0)
    return means, ema_means, copy


class Bottleneck(object):
    def __init__(self, means):
        self.means = means
        self.ema = tf.get_variable(
            "ema",
            initializer=self.means
            .initialized_value(),  # a comment kept
            trainable=False)


def from_list(variables):  # no TensorFlow name in the function
    return [v.initialized_value() for v in variables]


def not_the_method(thing):
    return thing.initialized_value(1), thing.initialized_value  # an argument / not called: left
