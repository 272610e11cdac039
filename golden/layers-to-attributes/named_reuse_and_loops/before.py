import tensorflow.compat.v1 as tf
from tf1to2 import track_tf1_style_variables

NUM_HIDDEN = 3


class Discriminator(tf.keras.layers.Layer):
    """DCGAN-style: named layers under an AUTO_REUSE scope, a shared head."""

    def __init__(self, depth=2, **kwargs):
        super(Discriminator, self).__init__(**kwargs)
        self.depth = depth

    @track_tf1_style_variables
    def call(self, images, training=None):
        with tf.variable_scope("discriminator", reuse=tf.AUTO_REUSE):
            h = images
            for i in range(self.depth):
                h = tf.layers.conv2d(h, 16 * 2 ** i, 4, strides=2, padding="same",
                                     name="conv%d" % i)
                h = tf.nn.leaky_relu(h, alpha=0.2)
            for _ in range(NUM_HIDDEN):
                h = tf.layers.dense(h, 8)
            flat = tf.layers.flatten(h)
            logits = tf.layers.dense(flat, 1, name="output")
            again = tf.layers.dense(flat, 1, name="output", reuse=True)
            return logits + again
