"""The same model under each way TF1 code reaches tf.compat.v1.layers."""
import tensorflow.compat.v1 as tf
from tensorflow.compat.v1 import layers
from tensorflow.compat.v1.layers import Conv2D
from tf1to2 import track_tf1_style_variables


class TfLayers(tf.keras.layers.Layer):

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.conv2d = tf.layers.Conv2D(8, 3, padding="same", activation=tf.nn.relu)
        self.max_pooling2d = tf.layers.MaxPooling2D(2, 2)
        self.flatten = tf.layers.Flatten()
        self.dense = tf.layers.Dense(10)

    @track_tf1_style_variables
    def call(self, x):
        with tf.variable_scope("net"):
            x = self.conv2d(x)
            x = self.max_pooling2d(x)
            return self.dense(self.flatten(x))


class FromImportLayers(tf.keras.layers.Layer):

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.conv2d = layers.Conv2D(8, 3, padding="same", activation=tf.nn.relu)
        self.max_pooling2d = layers.MaxPooling2D(2, 2)
        self.flatten = layers.Flatten()
        self.dense = layers.Dense(10)

    @track_tf1_style_variables
    def call(self, x):
        with tf.variable_scope("net"):
            x = self.conv2d(x)
            x = self.max_pooling2d(x)
            return self.dense(self.flatten(x))


class ImportedFunction(tf.keras.layers.Layer):

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.c = Conv2D(kernel_size=3, filters=8, name="c")

    @track_tf1_style_variables
    def call(self, x):
        with tf.variable_scope("net"):
            return self.c(x)
