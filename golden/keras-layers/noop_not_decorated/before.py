import tensorflow as tf


class GraphBuilder(object):
    """Not a layer with a decorated forward pass: its v1 layers build a TF1 graph."""

    def __init__(self):
        self.fc = tf.compat.v1.layers.Dense(10)

    def build(self, x):
        return self.fc(x)
