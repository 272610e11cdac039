"""slim-style code names its running tensor after the function (``net = ...`` inside
``def net``): that local is not a use of the function."""
import tensorflow.compat.v1 as tf
import tensorflow
from tf1to2 import track_tf1_style_variables


class Net(tensorflow.keras.layers.Layer):
    @track_tf1_style_variables
    def call(self, inputs, training=None):
        net = tf.layers.conv2d(inputs, 8, 3, name="conv")
        net = tf.layers.batch_normalization(net, training=training, name="bn")
        return net


class Head(tensorflow.keras.layers.Layer):
    @track_tf1_style_variables
    def call(self, net):
        return tf.layers.dense(net, 2, name="logits")
