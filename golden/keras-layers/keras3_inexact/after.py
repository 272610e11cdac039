"""Layers Keras cannot make compute what TF1 did stay v1 layers, with a warning: a
frozen batch norm (Keras' runs in inference mode; TF1's used the batch's moments in
training mode) and one over several axes (Keras 3 takes one). Layers Keras 3 runs but
cannot make exact are converted with a warning: a seeded dropout (other masks) and the
batch norms (moving variance from the biased batch variance: one warning for them all)."""
import tensorflow as tf
from tf1to2 import track_tf1_style_variables


class Net(tf.keras.layers.Layer):
    def __init__(self, frozen=False, **kwargs):
        super().__init__(**kwargs)
        self.frozen = tf.compat.v1.layers.BatchNormalization(trainable=False, name="frozen")
        self.still = tf.compat.v1.layers.BatchNormalization(trainable=frozen, name="still")
        self.axes = tf.compat.v1.layers.BatchNormalization(axis=[1, 2], name="axes")
        self.drop = tf.keras.layers.Dropout(0.3, None, 7, name="drop")
        self.unseeded = tf.keras.layers.Dropout(0.3, seed=None, name="unseeded")
        self.norm = tf.keras.layers.BatchNormalization(name="norm")
        self.norm_1 = tf.keras.layers.BatchNormalization(axis=1, trainable=True, name="norm_1")

    @track_tf1_style_variables
    def call(self, x, training=None):
        a = self.frozen(x, training=training)
        b = self.still(x, training=training)
        c = self.axes(tf.reshape(x, [2, 12, 9]), training=training)
        d = self.unseeded(self.drop(x, training=training), training=training)
        e = self.norm_1(self.norm(x, training=training), training=training)
        return a, b, c, d, e
