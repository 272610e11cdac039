import tensorflow as tf
from tf1to2 import track_tf1_style_variables


class Mix(tf.keras.layers.Layer):
    def __init__(self, units, **kwargs):
        super().__init__(**kwargs)
        self.units = units

    @track_tf1_style_variables
    def call(self, x, y):
        both = tf.concat([x, y], axis=1)
        return tf.layers.dense(both, self.units, name="mix")


a = tf.ones([2, 3])
b = tf.zeros([2, 2])
out = Mix(units=4)(a, y=b)
