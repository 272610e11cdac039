"""TensorFlow's private modules TF1 code imported that TensorFlow 2.21 keeps elsewhere:
contrib.tpu's private tree (TF 1.15's were stubs re-exporting TensorFlow's own), the
estimator's fn_args; and what TF 2.21 has nowhere, warned."""
import tensorflow as tf
from tensorflow.contrib.tpu.python.ops import tpu_ops
from tensorflow.contrib.tpu.python.tpu import tpu_function
import tensorflow.contrib.tpu.python.tpu.tpu_feed as tpu_feed
from tensorflow.contrib.tpu.python.tpu import tpu_estimator
from tensorflow.python.estimator.util import fn_args
from tensorflow.python.framework import op_def_registry

OP_NAMES = op_def_registry.get_registered_ops().keys()


def shards():
    return tpu_function.get_tpu_context().number_of_shards


def replicated(values):
    return tpu_ops.tpu_replicated_input(values), tpu_feed.InfeedQueue


def takes_mode(model_fn):
    return "mode" in fn_args(model_fn)
