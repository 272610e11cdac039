"""``tf.compat.v1.layers.dropout`` with every argument it takes, by keyword and by
position in TF1's order (a noise shape), and ``Dropout`` built with every argument of the
class. Each is given an operation seed, so TF1's graph and TF2's eager draw the same
masks, and training mode is compared exactly too."""
import tensorflow as tf
import tf1to2.layers


def model(x, training):
    l2 = tf.keras.regularizers.l2(0.05)
    keywords = tf1to2.layers.dropout(inputs=x, rate=0.25, noise_shape=None, seed=3, training=training,
                                          name="keywords")
    first = tf1to2.layers.dropout(x, 0.5, [4, 1, 1, 3], 4, training, "positional")
    layer = tf1to2.layers.Dropout(rate=0.4, noise_shape=None, seed=5, name="object")
    return keywords, first, layer(x, training=training)
