import tensorflow.compat.v1 as tf


def build_and_run(value):
    with tf.Graph().as_default() as graph:
        x = tf.placeholder(tf.float32, [])
        y = x * 2.0
        with tf.Session(graph=graph) as sess:
            return sess.run(y, {x: value})
