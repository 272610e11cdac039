"""tf.Variable in a TF1 forward pass: made once per graph. As a layer's call under
tf-keras' decorator it would be made again on every call: the function stays one."""
import tensorflow.compat.v1 as tf


def scaled(inputs):
    with tf.variable_scope("scaled"):
        scale = tf.Variable(2.0, name="scale")
        return tf.layers.dense(inputs, 3, name="dense") * scale


def model(inputs):
    return scaled(inputs) + tf.layers.dense(inputs, 3)
