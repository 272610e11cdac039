import numpy as np
import tensorflow as tf
from tf1to2 import track_tf1_style_variables


def encoder(x, is_training):
    h = tf.layers.dense(x, 8, activation=tf.nn.relu, name="h")
    return tf.layers.batch_normalization(h, training=is_training, name="bn")


class Encoder(tf.keras.layers.Layer):
    """encoder() as a Keras layer: build it once, call it like encoder()."""

    @track_tf1_style_variables
    def call(self, x, training=None):
        return encoder(x, is_training=training)


def head(x, num_classes=2):
    with tf.variable_scope("head"):
        return tf.layers.dense(x, num_classes, name="logits")


class Head(tf.keras.layers.Layer):
    """head() as a Keras layer: build it once, call it like head()."""

    def __init__(self, num_classes=2, **kwargs):
        super().__init__(**kwargs)
        self.num_classes = num_classes

    @track_tf1_style_variables
    def call(self, x):
        return head(x, num_classes=self.num_classes)


def build_graph():
    inputs = tf.placeholder(tf.float32, [None, 3])
    return inputs, encoder(inputs, is_training=False)


inputs, features = build_graph()
logits = head(features)
saver = tf.train.Saver()
with tf.Session() as sess:
    saver.restore(sess, "model.ckpt")
    print(sess.run(logits, {inputs: np.ones([1, 3])}))
