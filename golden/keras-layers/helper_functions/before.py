import tensorflow as tf
from tf1to2 import track_tf1_style_variables


def fc(x, units):
    # a helper the forward pass calls: its dense takes the next free name in the
    # caller's scope ("dense_1" after self.dense took "dense")
    return tf.compat.v1.layers.dense(x, units)


class Model(tf.keras.layers.Layer):
    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.dense = tf.compat.v1.layers.Dense(4)

    @track_tf1_style_variables
    def call(self, x):
        with tf.compat.v1.variable_scope("model"):
            x = self.dense(x)
            return fc(x, 2)
