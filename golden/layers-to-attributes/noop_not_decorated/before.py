import tensorflow as tf


def model(x):
    # a free function: stage 3 (wrap-in-layer) turns it into a layer first
    return tf.layers.dense(x, 10)


class Plain(tf.keras.layers.Layer):
    def call(self, x):
        # not decorated with track_tf1_style_variables: a TF1 graph builder, left alone
        return tf.layers.dense(x, 10)


class AlreadyObjects(tf.keras.layers.Layer):
    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.fc = tf.layers.Dense(10)

    @tf.compat.v1.keras.utils.track_tf1_style_variables
    def call(self, x):
        with tf.variable_scope("m"):
            return self.fc(x)
