"""``tf.compat.v1.layers.average_pooling3d`` with every argument it takes: by keyword (channels-last),
by position in TF1's order (channels-first), and ``AveragePooling3D`` built with every argument
of the class."""
import tensorflow as tf


def model(x, training):
    l2 = tf.keras.regularizers.l2(0.05)
    keywords = tf.compat.v1.layers.average_pooling3d(
        inputs=x, pool_size=(2, 2, 2), strides=(1, 1, 1), padding="same",
        data_format="channels_last", name="keywords")
    first = tf.compat.v1.layers.average_pooling3d(tf.transpose(x, [0, 4, 1, 2, 3]), 2, 2, "valid", "channels_first", "positional")
    layer = tf.compat.v1.layers.AveragePooling3D(pool_size=2, strides=1, padding="valid", data_format="channels_last",
                                    name="object")
    return keywords, first, layer(x)
