"""Keras objects built in a TF1 forward pass (the model-mapping guide's nested-model
section): in a layer's decorated call each is made once, through get_or_create_layer,
and its weights keep the names TF1's tf.keras gave them."""
import tensorflow as tf
from tf1to2 import track_tf1_style_variables, get_or_create_layer

keras = tf.compat.v1.keras
KL = keras.layers


class NestedModel(tf.keras.layers.Layer):
    @track_tf1_style_variables
    def call(self, inputs):
        with tf.compat.v1.variable_scope("nested_model"):
            out = tf.compat.v1.layers.dense(inputs, 5, name="hidden")
            head = get_or_create_layer("head", lambda: tf.keras.Sequential([tf.keras.layers.Dense(4, name="inner")], name="head"))
            out = head(out)
            return get_or_create_layer("logits", lambda: tf.keras.layers.Dense(
                                                      3,
                                                      name="logits"))(out)


class Functional(tf.keras.layers.Layer):
    """The guide's build_model: an Input, a layer, a Model over them."""

    @track_tf1_style_variables
    def call(self, x):
        inp = tf.keras.Input(shape=(6,))
        dense = get_or_create_layer("dense", lambda: tf.keras.layers.Dense(2, name="proj"))  # (the guide names it dense; Unnamed below takes that name)
        model = get_or_create_layer("model", lambda: tf.keras.Model(inputs=inp, outputs=dense(inp), name="model"))
        return model(x) + tf.compat.v1.layers.dense(x, 2, name="side")


class Unnamed(tf.keras.layers.Layer):
    """Unnamed: TF1 numbered them across the whole graph, Keras 3 counts its own."""

    @track_tf1_style_variables
    def call(self, x, training=None):
        if training:
            x = get_or_create_layer("dropout", lambda: tf.keras.layers.Dropout(0.5))(x, training=training)
        y = get_or_create_layer("dense", lambda: tf.keras.layers.Dense(3))(x)
        y = get_or_create_layer("dense_1", lambda: tf.keras.layers.Dense(3))(y)
        return tf.compat.v1.layers.dense(y, 1, name="out")


def in_a_loop(x):
    """Built again on every turn: in TF1 each turn made new weights; left."""
    for _ in range(2):
        x = tf.keras.layers.Dense(3, name="d")(x)
    return tf.compat.v1.layers.dense(x, 1)


def in_a_lambda(x):
    """Built in a nested function: what runs it and how often is not this code's; left."""
    make = lambda: tf.keras.layers.Dense(3, name="d")
    return make()(tf.compat.v1.layers.dense(x, 3, name="pre"))


class Aliased(tf.keras.layers.Layer):
    """Keras reached through other names: the same."""

    @track_tf1_style_variables
    def call(self, x):
        h = get_or_create_layer("a", lambda: KL.Dense(3, name="a"))(tf.compat.v1.layers.dense(x, 4, name="h"))
        seq = get_or_create_layer("seq", lambda: keras.models.Sequential([KL.Dense(2, name="b")], name="s"))
        return seq(h)
