"""``tf.compat.v1.layers.max_pooling1d`` with every argument it takes: by keyword (channels-last),
by position in TF1's order (channels-first), and ``MaxPooling1D`` built with every argument
of the class."""
import tensorflow as tf


def model(x, training):
    l2 = tf.keras.regularizers.l2(0.05)
    keywords = tf.compat.v1.layers.max_pooling1d(
        inputs=x, pool_size=3, strides=2, padding="same",
        data_format="channels_last", name="keywords")
    first = tf.compat.v1.layers.max_pooling1d(tf.transpose(x, [0, 2, 1]), 2, 2, "valid", "channels_first", "positional")
    layer = tf.compat.v1.layers.MaxPooling1D(pool_size=2, strides=1, padding="valid", data_format="channels_last",
                                    name="object")
    return keywords, first, layer(x)
