"""``tf.compat.v1.layers.max_pooling2d`` with every argument it takes: by keyword (channels-last),
by position in TF1's order (channels-first), and ``MaxPooling2D`` built with every argument
of the class."""
import tensorflow as tf
import tf1to2.layers


def model(x, training):
    l2 = tf.keras.regularizers.l2(0.05)
    keywords = tf1to2.layers.max_pooling2d(
        inputs=x, pool_size=(2, 2), strides=(1, 1), padding="same",
        data_format="channels_last", name="keywords")
    first = tf1to2.layers.max_pooling2d(tf.transpose(x, [0, 3, 1, 2]), 2, 2, "valid", "channels_first", "positional")
    layer = tf1to2.layers.MaxPooling2D(pool_size=2, strides=1, padding="valid", data_format="channels_last",
                                    name="object")
    return keywords, first, layer(x)
