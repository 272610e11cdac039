"""The TF Hub guide's hub.Module uses, and the forms real code has them in."""
import tensorflow as tf
import tensorflow_hub as hub

ENCODER = hub.load("/models/encoder")


def low_level(x1, x2):
    # DEPRECATED: TensorFlow 1
    m = hub.load("/models/two_inputs", tags={"foo", "bar"})
    tensors_out_dict = m.signatures["sig"](x1=x1, x2=x2)
    return tensors_out_dict


def encode(images, texts):
    text_module = hub.load("/models/text")
    features = text_module.signatures["tokens"](texts)["default"]  # the default output
    both = text_module.signatures["pairs"](texts=texts, lengths=tf.ones([2]))
    return ENCODER.signatures["default"](images)["default"], features, both["default"]


class Classifier:
    def __init__(self, handle):
        self.embed = hub.load(handle)

    def __call__(self, x):
        return tf.nn.softmax(self.embed.signatures["default"](x)["default"])
