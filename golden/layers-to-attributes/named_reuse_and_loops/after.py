import tensorflow.compat.v1 as tf
from tf1to2 import track_tf1_style_variables

NUM_HIDDEN = 3


class Discriminator(tf.keras.layers.Layer):
    """DCGAN-style: named layers under an AUTO_REUSE scope, a shared head."""

    def __init__(self, depth=2, **kwargs):
        super(Discriminator, self).__init__(**kwargs)
        self.depth = depth
        self.conv2d = [tf.layers.Conv2D(16 * 2 ** i, 4, strides=2, padding="same",
                             name="conv%d" % i) for i in range(self.depth)]
        self.dense = [tf.layers.Dense(8) for _ in range(NUM_HIDDEN)]
        self.flatten = tf.layers.Flatten()
        self.output_layer = tf.layers.Dense(1, name="output")

    @track_tf1_style_variables
    def call(self, images, training=None):
        with tf.variable_scope("discriminator", reuse=tf.AUTO_REUSE):
            h = images
            for i in range(self.depth):
                h = self.conv2d[i](h)
                h = tf.nn.leaky_relu(h, alpha=0.2)
            for _ in range(NUM_HIDDEN):
                h = self.dense[_](h)
            flat = self.flatten(h)
            logits = self.output_layer(flat)
            again = self.output_layer(flat)
            return logits + again
