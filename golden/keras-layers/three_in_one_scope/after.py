"""Three v1 layers that take their names in one scope, one after the other (conv2d,
conv2d_1, conv2d_2): converting any of them needs record_scope for the ones that stay,
whichever are converted (tests/test_layer_numerics.py accepts every subset)."""
import tensorflow.compat.v1 as tf
from tf1to2 import track_tf1_style_variables
import tensorflow


class Model(tf.keras.layers.Layer):
    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.conv2d = tensorflow.keras.layers.Conv2D(4, 3, padding="same")
        self.conv2d_1 = tensorflow.keras.layers.Conv2D(4, 3, padding="same")
        self.conv2d_2 = tensorflow.keras.layers.Conv2D(4, 3, padding="same")

    @track_tf1_style_variables
    def call(self, x):
        with tf.variable_scope("model"):
            x = self.conv2d(x)
            x = self.conv2d_1(x)
            return self.conv2d_2(x)
