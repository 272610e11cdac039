import numpy as np
import tensorflow as tf


def net(x):
    h = tf.layers.dense(x, 4, activation=tf.nn.relu, name="h")
    return tf.layers.dense(h, 2, name="head")


tf.set_random_seed(0)
x = tf.placeholder(tf.float32, [None, 3])
y = net(x)
with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    print("OUT", np.round(sess.run(y, {x: np.ones([2, 3], np.float32)}), 5).tolist())
    print("NAMES", sorted(v.name for v in tf.global_variables()))
