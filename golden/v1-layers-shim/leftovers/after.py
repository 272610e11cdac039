import tensorflow as tf
from tf1to2 import track_tf1_style_variables
import tf1to2.layers

layers = tf1to2.layers


class Classifier(tf.keras.layers.Layer):
    def __init__(self, weight_decay=1e-4, **kwargs):
        super().__init__(**kwargs)
        self.weight_decay = weight_decay

    @track_tf1_style_variables
    def call(self, images, training=None):
        regularizer = tf.keras.regularizers.l2(0.5 * self.weight_decay)
        with tf.compat.v1.variable_scope("classifier"):
            net = tf1to2.layers.conv2d(images, 32, 3, activation=tf.nn.relu, kernel_regularizer=regularizer)
            net = tf1to2.layers.batch_normalization(net, training=training)
            net = tf1to2.layers.max_pooling2d(net, 2, 2)
            return tf1to2.layers.dense(tf1to2.layers.flatten(net), 10, kernel_regularizer=regularizer)


def head(x, is_training):
    block = tf1to2.layers.dropout  # a reference, not a call
    return block(tf1to2.layers.dense(x, 4), rate=0.5, training=is_training)
