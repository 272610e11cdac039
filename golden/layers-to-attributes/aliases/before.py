"""The same model under each way TF1 code reaches tf.compat.v1.layers."""
import tensorflow.compat.v1 as tf
from tensorflow.compat.v1 import layers
from tensorflow.compat.v1.layers import conv2d as conv
from tf1to2 import track_tf1_style_variables


class TfLayers(tf.keras.layers.Layer):

    @track_tf1_style_variables
    def call(self, x):
        with tf.variable_scope("net"):
            x = tf.layers.conv2d(x, 8, 3, padding="same", activation=tf.nn.relu)
            x = tf.layers.max_pooling2d(x, 2, 2)
            return tf.layers.dense(tf.layers.flatten(x), 10)


class FromImportLayers(tf.keras.layers.Layer):

    @track_tf1_style_variables
    def call(self, x):
        with tf.variable_scope("net"):
            x = layers.conv2d(x, 8, 3, padding="same", activation=tf.nn.relu)
            x = layers.max_pooling2d(x, 2, 2)
            return layers.dense(layers.flatten(x), 10)


class ImportedFunction(tf.keras.layers.Layer):

    @track_tf1_style_variables
    def call(self, x):
        with tf.variable_scope("net"):
            return conv(inputs=x, kernel_size=3, filters=8, name="c")
