"""Imports of v1 layers' names: under Keras 3 ``from tensorflow.compat.v1.layers import
dense`` raises, so a name nothing here reads any more (its uses became tf1to2.layers')
goes, and one nothing reads but that stays bound (``__all__``, a function's import, or
never read) is imported from tf1to2.layers; a name still read (a base class, an argument
the shim refuses) keeps its import, warned at its use."""
import tensorflow as tf
from tensorflow.compat.v1.layers import (  # the layers
    dense,
    Layer,
)
from tf1to2.layers import Dense as D, max_pooling2d as pool  # exported
import tf1to2.layers

from tf1to2.layers import batch_normalization; import tensorflow.compat.v1.layers as tl

__all__ = ["pool"]


class Mine(Layer):
    pass


def features(x):
    x = tf1to2.layers.conv2d(x, 8, 3, name="c")
    return tf1to2.layers.flatten(x)


def inner(x):
    from tf1to2.layers import average_pooling2d, dropout
    return tf1to2.layers.average_pooling2d(x, 2, 2)


def shimmed(x):
    if x is None:
        from tf1to2.layers import conv1d as c1
    return tf1to2.layers.dense(x, 2)


def refused(x):
    return dense(x, 3, activity_regularizer=tf.nn.l2_loss)
