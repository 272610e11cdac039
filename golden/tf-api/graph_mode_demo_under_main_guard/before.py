"""A library module (others import scale()) with a demo under its main guard."""
import numpy as np
import tensorflow as tf


def scale(x, factor):
    return tf.multiply(x, factor)


if __name__ == "__main__":
    x = tf.placeholder(tf.float32, [None, 3])
    with tf.Session() as sess:
        print(sess.run(scale(x, 2.0), {x: np.ones([1, 3])}))
