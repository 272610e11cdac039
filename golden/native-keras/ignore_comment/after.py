"""A get_variable kept by an ignore comment keeps the decorator and its scope; the other
becomes a weight."""
import tensorflow as tf
from tf1to2 import track_tf1_style_variables


class Affine(tf.keras.layers.Layer):
    def build(self, input_shape):
        self.b = self.add_weight(name="b", shape=[2], initializer=tf.compat.v1.zeros_initializer())

    @track_tf1_style_variables
    def call(self, inputs):
        with tf.compat.v1.variable_scope("affine"):
            w = tf.compat.v1.get_variable("w", [inputs.shape[-1], 2])  # tf1to2: ignore[native-keras]
            b = self.b
            return tf.matmul(inputs, w) + b
