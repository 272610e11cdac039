import tensorflow.compat.v1 as tf
from tensorflow.compat import v1
from tensorflow.compat.v1 import layers

tf.disable_v2_behavior()


def model(x):
    with tf.variable_scope("m"):
        y = tf.layers.dense(x, 3, name="a")
        y = v1.layers.dense(y, 3, name="b")
        return layers.dense(y, 3, name="c"), tf.log(y), tf.train.AdamOptimizer(0.1)
