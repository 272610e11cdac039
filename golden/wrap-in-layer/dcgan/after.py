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


def generator(z, y, is_training=True, base=8):
    with tf.variable_scope("generator", reuse=tf.AUTO_REUSE):
        h = tf.concat([z, y], axis=1)
        h = tf.layers.dense(h, 4 * 4 * base * 2)
        h = tf.reshape(h, [-1, 4, 4, base * 2])
        h = tf.nn.relu(tf.layers.batch_normalization(h, training=is_training))
        h = tf.layers.conv2d_transpose(h, base, 5, strides=2, padding="same")
        h = tf.nn.relu(tf.layers.batch_normalization(h, momentum=0.9, training=is_training))
        return tf.tanh(tf.layers.conv2d_transpose(h, 3, 5, strides=2, padding="same"))


def discriminator(images, reuse=False, is_training=True):
    with tf.variable_scope("discriminator", reuse=reuse):
        h = tf.layers.conv2d(images, 8, 5, strides=2, padding="same", name="d_h0")
        h = tf.nn.leaky_relu(h, alpha=0.2)
        h = tf.layers.conv2d(h, 16, 5, strides=2, padding="same", name="d_h1")
        h = tf.layers.batch_normalization(h, training=is_training, name="d_bn1")
        h = tf.nn.leaky_relu(h, alpha=0.2)
        h = tf.layers.dropout(h, 0.3, training=is_training)
        return linear(tf.layers.flatten(h), 1, scope="d_out")


class Build(tensorflow.keras.layers.Layer):
    """The GAN's forward pass: it becomes the layer, and the generator and the
    discriminator (called twice, sharing its variables) run inside its call."""

    @track_tf1_style_variables
    def call(self, z, y, images, training=None):
        fake = generator(z, y, is_training=training)
        d_real = discriminator(images, is_training=training)
        d_fake = discriminator(fake, reuse=True, is_training=training)
        return fake, d_real, d_fake
