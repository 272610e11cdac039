"""A small DCGAN in TF1 style: tf.layers under variable scopes with AUTO_REUSE."""
import tensorflow.compat.v1 as tf
import tensorflow
from tf1to2 import track_tf1_style_variables


def linear(inputs, units, scope="linear"):
    """A helper the discriminator calls: it stays a function."""
    with tf.variable_scope(scope):
        w = tf.get_variable("w", [inputs.shape[-1], units],
                            initializer=tf.truncated_normal_initializer(stddev=0.02))
        b = tf.get_variable("b", [units], initializer=tf.zeros_initializer())
        return tf.matmul(inputs, w) + b


class Generator(tensorflow.keras.layers.Layer):
    def __init__(self, base=8, **kwargs):
        super().__init__(**kwargs)
        self.base = base

    @track_tf1_style_variables
    def call(self, z, y, training=None):
        with tf.variable_scope("generator", reuse=tf.AUTO_REUSE):
            h = tf.concat([z, y], axis=1)
            h = tf.layers.dense(h, 4 * 4 * self.base * 2)
            h = tf.reshape(h, [-1, 4, 4, self.base * 2])
            h = tf.nn.relu(tf.layers.batch_normalization(h, training=training))
            h = tf.layers.conv2d_transpose(h, self.base, 5, strides=2, padding="same")
            h = tf.nn.relu(tf.layers.batch_normalization(h, momentum=0.9, training=training))
            return tf.tanh(tf.layers.conv2d_transpose(h, 3, 5, strides=2, padding="same"))


class Discriminator(tensorflow.keras.layers.Layer):
    def __init__(self, reuse=False, **kwargs):
        super().__init__(**kwargs)
        self.reuse = reuse

    @track_tf1_style_variables
    def call(self, images, training=None):
        with tf.variable_scope("discriminator", reuse=self.reuse):
            h = tf.layers.conv2d(images, 8, 5, strides=2, padding="same", name="d_h0")
            h = tf.nn.leaky_relu(h, alpha=0.2)
            h = tf.layers.conv2d(h, 16, 5, strides=2, padding="same", name="d_h1")
            h = tf.layers.batch_normalization(h, training=training, name="d_bn1")
            h = tf.nn.leaky_relu(h, alpha=0.2)
            h = tf.layers.dropout(h, 0.3, training=training)
            return linear(tf.layers.flatten(h), 1, scope="d_out")


def build(z, y, images):
    fake = Generator()(z, y, training=True)
    d_real = Discriminator()(images, training=True)
    d_fake = Discriminator(reuse=True)(fake, training=True)
    return fake, d_real, d_fake
