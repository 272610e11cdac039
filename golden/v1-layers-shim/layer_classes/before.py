"""v1 layer objects: built ones go to the shim's classes (any spelling, positional and
keyword arguments, and ``_reuse``, which TF1's base layer took and the shim's does; one
built with ``**kwargs`` too, warned: the shim checks those when it is built); a class
used as a base or in isinstance, or built with other arguments TF1 took only through
**kwargs, is left with a warning."""
import tensorflow as tf
from tensorflow.compat.v1.layers import BatchNormalization as BN


class Model(tf.keras.layers.Layer):
    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.conv = tf.compat.v1.layers.Conv2D(8, 3, padding="same", name="conv")
        self.norm = BN(momentum=0.9)
        self.head = tf.layers.Dense(
            10,
            activation=None,
        )
        self.private = tf.compat.v1.layers.Dense(4, _reuse=True)
        self.options = tf.compat.v1.layers.Dense(4, **kwargs)


class Custom(tf.compat.v1.layers.Dense):
    pass


def is_dense(layer):
    return isinstance(layer, tf.compat.v1.layers.Dense), "tf.compat.v1.layers.Dense in a string stays"
