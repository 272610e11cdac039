"""A forward pass that builds Keras layers (or loads a Hub model) as it runs: in TF1 it ran
once per graph; as a layer's call it would make new weights on every call. A function
that becomes a layer builds them once, through get_or_create_layer (sequential); one
called by another function (head, called by model) or loading a Hub model stays a
function, and so do those that call it."""
import tensorflow as tf
import tensorflow_hub as hub
from tf1to2 import track_tf1_style_variables, get_or_create_layer


def head(x):
    h = tf.layers.dense(x, 4, name="hidden")
    return tf.keras.layers.Dense(2, name="logits")(h)


def model(x):
    with tf.variable_scope("model"):
        return head(tf.layers.dense(x, 8))


class Sequential(tf.keras.layers.Layer):
    @track_tf1_style_variables
    def call(self, x):
        net = get_or_create_layer("net", lambda: tf.keras.Sequential([tf.keras.layers.Dense(3)]))
        return net(tf.layers.conv2d(x, 4, 3, name="conv2d"))


def embed(text):
    return hub.load("/models/text").signatures["default"](text)["default"]


def classify(text):
    return tf.layers.dense(embed(text), 2)


class Plain(tf.keras.layers.Layer):
    """No Keras object built here: it becomes a layer."""

    @track_tf1_style_variables
    def call(self, x):
        return tf.layers.dense(tf.keras.activations.relu(x), 2, name="dense")
