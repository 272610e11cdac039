"""Layers named from a loop's index in `for i in range(N)` (N literal): stage 4 makes
them a list of layer objects, and stage 5 works each element's TF1 name out from the
index ("h%d" % (i + 1) is h1, h2), so they go into the name map, and so do the layers
after them in the same scope. A DCGAN discriminator's pattern, and others."""
import tensorflow as tf


def discriminator(x, reuse=False):
    with tf.compat.v1.variable_scope("disc", reuse=reuse):
        h = tf.compat.v1.layers.dense(x, 8, activation=tf.nn.leaky_relu, name="h0")
        for i in range(2):
            h = tf.compat.v1.layers.dense(h, 8, activation=tf.nn.leaky_relu, name="h%d" % (i + 1))
        return tf.compat.v1.layers.dense(h, 1, name="out")


def tower(x):
    for i in range(3):
        x = tf.compat.v1.layers.dense(x, 4, activation=tf.nn.relu, name=f"block{i}")
    for j in range(2):
        x = tf.compat.v1.layers.dense(x, 3, name="proj_{}".format(j))
    for k in range(2):
        x = tf.compat.v1.layers.dense(x, 3, name="fc" + str(k + 1))
    return tf.compat.v1.layers.dense(x, 2)


def unknowable(x, prefix="h"):
    """The name reads a parameter: not worked out (said at the line), and the layer after
    it is not either (record_scope(layer=) would keep the decorator for a checkpoint that
    still would not load)."""
    for i in range(2):
        x = tf.compat.v1.layers.dense(x, 4, name=prefix + str(i))
    return tf.compat.v1.layers.dense(x, 2, name="out")
