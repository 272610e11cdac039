"""What tf-hub leaves alone, and says why."""
import tensorflow.compat.v1 as tf
from tensorflow_hub import Module as HubModule
import tensorflow_hub as hub


def fine_tuned(x):
    m = hub.Module("/models/encoder", trainable=True)
    return m(x)


def listed(x):
    m = hub.Module("/models/encoder")
    print(m.get_signature_names())
    return m(x)


def computed_signature(x, name):
    m = hub.Module("/models/encoder")
    return m(x, signature=name)


def rebound(x):
    m = hub.Module("/models/encoder")
    y = m(x)
    m = tf.layers.Dense(3)
    return m(y)


def columns():
    column = hub.text_embedding_column("sentence", "/models/nnlm", trainable=False)
    spec = hub.create_module_spec(lambda: None)
    return column, spec


def aliased(x):
    """Through ``from tensorflow_hub import Module``: rewritten with the hub import there is."""
    return HubModule("/models/encoder")(x)


def passed(use):
    return use(hub.Module("/models/encoder"))


def estimator_config():
    session_config = tf.ConfigProto()
    session_config.experimental.share_cluster_devices_in_session = True
    return session_config
