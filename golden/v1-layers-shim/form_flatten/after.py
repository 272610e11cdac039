"""``tf.compat.v1.layers.flatten`` with every argument it takes, by keyword and by
position in TF1's order (its name comes before ``data_format``; channels-first inputs are
flattened in channels-last order), and ``Flatten`` built with every argument of the class."""
import tensorflow as tf
import tf1to2.layers


def model(x, training):
    l2 = tf.keras.regularizers.l2(0.05)
    keywords = tf1to2.layers.flatten(inputs=x, name="keywords", data_format="channels_last")
    first = tf1to2.layers.flatten(tf.transpose(x, [0, 3, 1, 2]), "positional", "channels_first")
    layer = tf1to2.layers.Flatten(data_format="channels_first", name="object")
    return keywords, first, layer(x)
