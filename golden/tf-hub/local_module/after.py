"""A TF1 Hub module used three ways: the default signature, a named one with several
inputs as a dict, and a named one's default output (tests/test_tf_hub.py exports the
module and sets HUB_HANDLE)."""
import os

import tensorflow.compat.v1 as tf
import tensorflow_hub as hub

HANDLE = os.environ.get("HUB_HANDLE", "/models/scorer")


def score(x):
    scorer = hub.load(HANDLE)
    return scorer.signatures["default"](x)["default"]


def pairs(x, y):
    m = hub.load(HANDLE, tags=set())
    out = m.signatures["pairs"](x=x, y=y)
    return out["sum"], out["product"]


def doubled(x):
    return tf.nn.relu(hub.load(HANDLE).signatures["double"](x)["default"])
