"""The TF Hub guide's hub.Module uses, and the forms real code has them in."""
import tensorflow as tf
import tensorflow_hub as hub

ENCODER = hub.Module("/models/encoder")


def low_level(x1, x2):
    # DEPRECATED: TensorFlow 1
    m = hub.Module("/models/two_inputs", tags={"foo", "bar"})
    tensors_out_dict = m(dict(x1=x1, x2=x2), signature="sig", as_dict=True)
    return tensors_out_dict


def encode(images, texts):
    text_module = hub.Module(
        "/models/text",
        trainable=False,
        name="text_module",
    )
    features = text_module(texts, signature="tokens")  # the default output
    both = text_module({"texts": texts, "lengths": tf.ones([2])}, "pairs", True)
    return ENCODER(images), features, both["default"]


class Classifier:
    def __init__(self, handle):
        self.embed = hub.Module(handle)

    def __call__(self, x):
        return tf.nn.softmax(self.embed(inputs=x))
