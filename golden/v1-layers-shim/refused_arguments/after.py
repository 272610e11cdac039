"""Arguments tf1to2.layers does not take (an activity regularizer, batch renormalization,
ghost batches, an adjustment) at a value that matters, by keyword or by position, in a
call or in building a layer object: left as v1 layers, with a warning that they need
tf-keras. At their harmless values (None, False) they are rewritten; given a variable
(a parameter that may well be None, as tensorpack's layers pass activity_regularizer on)
they are rewritten, warned: the shim raises, naming it, if the value is one it refuses."""
import tensorflow as tf
from tensorflow.compat.v1.layers import dense as fc
import tf1to2.layers


def model(x, activity, training):
    a = tf1to2.layers.dense(x, 3, activity_regularizer=activity)
    b = fc(x, 3, None, True, None, tf.zeros_initializer(), None, None, tf.keras.regularizers.l1(0.01))
    c = tf.compat.v1.layers.batch_normalization(x, renorm=True, training=training)
    d = tf1to2.layers.batch_normalization(
        x, training=training, renorm=False, virtual_batch_size=None, adjustment=None, name="plain")
    e = tf.compat.v1.layers.batch_normalization(
        x, virtual_batch_size=2, training=training, name="ghost")
    f = tf.compat.v1.layers.batch_normalization(
        x, adjustment=lambda shape: (tf.ones(shape), tf.zeros(shape)), name="adjusted")
    g = tf.compat.v1.layers.BatchNormalization(renorm=True, name="renormed")(x, training=training)
    h = tf.compat.v1.layers.Dense(3, None, True, None, None, None, None, abs, name="obj")(x)
    i = tf1to2.layers.Dense(3, activity_regularizer=None, name="harmless")(x)
    return a, b, c, d, e, f, g, h, i
