"""Forward passes with nothing TF1-style left, in the shapes real code has them."""
import numpy as np
import tensorflow as tf
import tf1to2
from tf1to2 import record_scope, track_tf1_style_variables


def activation(x):
    """A helper that creates no variables: nothing to keep the decorator for."""
    return tf.nn.leaky_relu(x, alpha=0.2)


class Base(tf.keras.layers.Layer):
    pass


class Blocks(Base):
    def __init__(self, depth=2, **kwargs):
        super().__init__(**kwargs)
        self.blocks = [tf.keras.layers.Dense(4) for _ in range(depth)]
        self.norm = tf.keras.layers.LayerNormalization()
        self.head = Head()

    def _squash(self, x):
        return activation(x) / np.sqrt(2.0)

    # the model's forward pass
    @track_tf1_style_variables  # keeps the TF1 names
    def call(self, x, training=None):
        with tf.compat.v1.variable_scope("blocks"):
            for i, block in enumerate(self.blocks):
                with tf.compat.v1.variable_scope(f"block_{i}"):
                    x = self._squash(self.blocks[i](x))
                    record_scope("dense")
        with tf.compat.v1.variable_scope("norm"): x = self.norm(x)
        with tf.compat.v1.variable_scope("empty"):
            record_scope("conv2d")
        tf1to2.collect_named_outputs("outputs", "blocks", x)
        return self.head(x)


class Head(tf.keras.Model):
    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.out = tf.keras.layers.Dense(2)

    @tf.function
    @tf.compat.v1.keras.utils.track_tf1_style_variables
    def call(self, x):
        return self.out(x)


class Wrapper(tf.Module):
    def __init__(self):
        super().__init__()
        self.dense = tf.keras.layers.Dense(3)

    @track_tf1_style_variables
    def __call__(self, x):
        with tf.compat.v1.variable_scope("wrapper"):
            return self.dense(x)
