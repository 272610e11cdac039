import tensorflow.compat.v1 as tf
import tf1to2


def build_and_run(value):
    with tf1to2.Graph().as_default() as graph:
        x = tf.placeholder(tf.float32, [])
        y = x * 2.0
        with tf.Session(graph=graph) as sess:
            return sess.run(y, {x: value})
