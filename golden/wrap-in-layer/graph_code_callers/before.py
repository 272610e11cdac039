import numpy as np
import tensorflow as tf


def encoder(x, is_training):
    h = tf.layers.dense(x, 8, activation=tf.nn.relu, name="h")
    return tf.layers.batch_normalization(h, training=is_training, name="bn")


def head(x, num_classes=2):
    with tf.variable_scope("head"):
        return tf.layers.dense(x, num_classes, name="logits")


def build_graph():
    inputs = tf.placeholder(tf.float32, [None, 3])
    return inputs, encoder(inputs, is_training=False)


inputs, features = build_graph()
logits = head(features)
saver = tf.train.Saver()
with tf.Session() as sess:
    saver.restore(sess, "model.ckpt")
    print(sess.run(logits, {inputs: np.ones([1, 3])}))
