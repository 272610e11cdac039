import tensorflow as tf
from tf1to2 import track_tf1_style_variables


class Refusals(tf.keras.layers.Layer):

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.units = 4

    @track_tf1_style_variables
    def call(self, x, units=None):
        with tf.variable_scope("r"):
            width = x.shape[-1] * 2
            x = tf.layers.dense(x, width)  # depends on the input
            x = tf.layers.dense(x, units or self.units)  # a call argument
            x = tf.layers.dense(x, self.size)  # never set in __init__
            n = 0
            while n < 2:
                x = tf.layers.dense(x, 3)
                n += 1
            for k in range(int(x.shape[-1])):
                x = tf.layers.dense(x, 3)
            outs = [tf.layers.dense(x, 2) for _ in range(2)]

            def block(y):
                return tf.layers.dense(y, 2)

            options = dict(units=2)
            x = tf.layers.dense(x, **options)
            return block(x) + outs[0]
