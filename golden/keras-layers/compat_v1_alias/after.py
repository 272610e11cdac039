import tensorflow.compat.v1 as tf
from tf1to2 import track_tf1_style_variables
import tensorflow


class Head(tf.keras.layers.Layer):
    def __init__(self, units, **kwargs):
        super().__init__(**kwargs)
        self.units = units
        self.hidden = tensorflow.keras.layers.Dense(self.units, tf.nn.relu, name="hidden")
        self.out = tensorflow.keras.layers.Dense(1)

    @track_tf1_style_variables
    def call(self, x):
        with tf.variable_scope("head"):
            return self.out(self.hidden(x))
