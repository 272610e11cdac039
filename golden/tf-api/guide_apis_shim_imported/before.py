"""A module that already imports the shim's decorator by name (a layer written by hand,
or by an earlier run) and still spells it TF's way elsewhere: that spelling becomes the
name imported, not a second import of tf1to2. A module binding the name to something
else of its own would get ``tf1to2.track_tf1_style_variables``."""
import tensorflow as tf
from tf1to2 import track_tf1_style_variables


class Written(tf.keras.layers.Layer):
    @track_tf1_style_variables
    def call(self, x):
        return x * tf.compat.v1.get_variable("w", [], initializer=tf.compat.v1.ones_initializer())


class Spelled(tf.keras.layers.Layer):
    @tf.compat.v1.keras.utils.track_tf1_style_variables
    def call(self, x):
        return x + tf.compat.v1.get_variable("b", [], initializer=tf.compat.v1.zeros_initializer())
