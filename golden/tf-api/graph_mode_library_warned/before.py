import tensorflow as tf


def inputs(batch):
    images = tf.placeholder(tf.float32, [batch, 28, 28, 1], name="images")
    labels = tf.placeholder(tf.int64, [batch], name="labels")
    return images, labels


def evaluate(op):
    with tf.Session() as sess:
        return sess.run(op)
