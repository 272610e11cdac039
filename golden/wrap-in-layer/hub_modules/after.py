"""Functions that make a TF1 Hub module (hub.Module builds a TF1 graph; the TF Hub guide
replaces it with hub.KerasLayer or hub.load), however hub is imported: a layer makes it
once, through get_or_create_layer (the tf-hub stage then makes it hub.load); a trainable
one (which TF2 cannot fine-tune) stays in a function."""
import tensorflow.compat.v1 as tf
import tensorflow_hub as hub
import tensorflow_hub
from tensorflow_hub import Module as HubModule
import tensorflow
from tf1to2 import track_tf1_style_variables, get_or_create_layer


def embed(sentences):
    m = hub.Module("https://tfhub.dev/google/nnlm-en-dim128/1", trainable=True)
    h = m(sentences)
    return tf.layers.dense(h, 10)


class EmbedScoped(tensorflow.keras.layers.Layer):
    @track_tf1_style_variables
    def call(self, sentences):
        with tf.variable_scope("text"):
            module = get_or_create_layer("module", lambda: tensorflow_hub.Module("https://tfhub.dev/google/nnlm-en-dim128/1",
                                                                                 tags={"train"}))
            return tf.layers.dense(module(sentences), 10)


class EmbedAliased(tensorflow.keras.layers.Layer):
    @track_tf1_style_variables
    def call(self, sentences):
        return tf.layers.dense(get_or_create_layer("module", lambda: HubModule("https://tfhub.dev/google/nnlm-en-dim128/1"))(sentences), 10, name="dense")


class EmbedLoaded(tensorflow.keras.layers.Layer):
    """What the tf-hub stage writes: made once too."""

    @track_tf1_style_variables
    def call(self, sentences):
        m = get_or_create_layer("m", lambda: hub.load("https://tfhub.dev/google/nnlm-en-dim128/1"))
        return tf.layers.dense(m.signatures["default"](sentences)["default"], 10, name="dense")


class Classify(tensorflow.keras.layers.Layer):
    """No hub here: it becomes a layer."""

    @track_tf1_style_variables
    def call(self, features):
        return tf.layers.dense(features, 2, name="dense")
