"""Functions that make a TF1 Hub module (hub.Module builds a TF1 graph; the TF Hub guide
replaces it with hub.KerasLayer or hub.load), however hub is imported: a layer makes it
once, through get_or_create_layer (the tf-hub stage then makes it hub.load); a trainable
one (which TF2 cannot fine-tune) stays in a function."""
import tensorflow.compat.v1 as tf
import tensorflow_hub as hub
import tensorflow_hub
from tensorflow_hub import Module as HubModule


def embed(sentences):
    m = hub.Module("https://tfhub.dev/google/nnlm-en-dim128/1", trainable=True)
    h = m(sentences)
    return tf.layers.dense(h, 10)


def embed_scoped(sentences):
    with tf.variable_scope("text"):
        module = tensorflow_hub.Module("https://tfhub.dev/google/nnlm-en-dim128/1",
                                       tags={"train"})
        return tf.layers.dense(module(sentences), 10)


def embed_aliased(sentences):
    return tf.layers.dense(HubModule("https://tfhub.dev/google/nnlm-en-dim128/1")(sentences), 10)


def embed_loaded(sentences):
    """What the tf-hub stage writes: made once too."""
    m = hub.load("https://tfhub.dev/google/nnlm-en-dim128/1")
    return tf.layers.dense(m.signatures["default"](sentences)["default"], 10)


def classify(features):
    """No hub here: it becomes a layer."""
    return tf.layers.dense(features, 2)
