"""Arguments tf-keras' BatchNormalization takes and Keras 3's does not: at a value that
changes nothing they are dropped; at any other, the layer stays a v1 layer, and the
warning says it then runs only with tf-keras."""
import tensorflow as tf
from tf1to2 import track_tf1_style_variables


class Norms(tf.keras.layers.Layer):
    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.plain = tf.compat.v1.layers.BatchNormalization(fused=True, renorm=False, name="plain")
        self.renormed = tf.compat.v1.layers.BatchNormalization(renorm=True, name="renormed")
        self.unfused = tf.compat.v1.layers.BatchNormalization(fused=False, name="unfused")
        self.ghost = tf.compat.v1.layers.BatchNormalization(virtual_batch_size=2, name="ghost")

    @track_tf1_style_variables
    def call(self, x, training=None):
        x = self.plain(x, training=training)
        x = self.renormed(x, training=training)
        x = self.unfused(x, training=training)
        return self.ghost(x, training=training)
