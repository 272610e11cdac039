"""tf.Variable in a TF1 forward pass (a helper's): made once per graph. tf1to2's decorator
makes it on the layer's first call and gives it back on later ones, under tf-keras too
(whose own decorator would make it again on every call): the function becomes a layer."""
import tensorflow.compat.v1 as tf


def scaled(inputs):
    with tf.variable_scope("scaled"):
        scale = tf.Variable(2.0, name="scale")
        return tf.layers.dense(inputs, 3, name="dense") * scale


def model(inputs):
    return scaled(inputs) + tf.layers.dense(inputs, 3)
