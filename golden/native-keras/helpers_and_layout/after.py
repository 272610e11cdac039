"""Forward passes with nothing TF1-style left, in the shapes real code has them."""
import numpy as np
import tensorflow as tf
import tf1to2


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
    # keeps the TF1 names
    def call(self, x, training=None):
        for i, block in enumerate(self.blocks):
            x = self._squash(self.blocks[i](x))
        x = self.norm(x)
        tf1to2.collect_named_outputs("outputs", "blocks", x)
        return self.head(x)


class Head(tf.keras.Model):
    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.out = tf.keras.layers.Dense(2)

    @tf.function
    def call(self, x):
        return self.out(x)


class Wrapper(tf.Module):
    def __init__(self):
        super().__init__()
        self.dense = tf.keras.layers.Dense(3)

    def __call__(self, x):
        return self.dense(x)
