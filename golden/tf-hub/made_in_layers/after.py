"""TF1 Hub modules that wrap-in-layer made once in a layer's decorated call, through
get_or_create_layer: each becomes hub.load inside the same get_or_create_layer, and its
calls its signatures."""
import tensorflow as tf
import tensorflow_hub as hub
from tf1to2 import get_or_create_layer, track_tf1_style_variables


class EmbedScoped(tf.keras.layers.Layer):
    @track_tf1_style_variables
    def call(self, sentences):
        with tf.compat.v1.variable_scope("text"):
            module = get_or_create_layer("module", lambda: hub.load("https://tfhub.dev/google/nnlm-en-dim128/1", tags={"train"}))
            return tf.compat.v1.layers.dense(module.signatures["default"](sentences)["default"], 10)


class EmbedAliased(tf.keras.layers.Layer):
    @track_tf1_style_variables
    def call(self, sentences):
        return get_or_create_layer("module", lambda: hub.load("/models/m")).signatures["tokens"](sentences)["default"]


class TwoCalls(tf.keras.layers.Layer):
    @track_tf1_style_variables
    def call(self, x1, x2):
        m = get_or_create_layer("m", lambda: hub.load("/models/m"))
        return m.signatures["pair"](x1=x1, x2=x2)["out"] + m.signatures["default"](x1)["default"]


class PassedOn(tf.keras.layers.Layer):
    @track_tf1_style_variables
    def call(self, x):
        m = get_or_create_layer("m", lambda: hub.Module("/models/m"))
        print(m.variables)
        return m(x)
