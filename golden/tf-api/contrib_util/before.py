"""tf.contrib.util held TensorFlow's own functions: read by name, they become TF2's names
of the same objects (constant_value is get_static_value); the module imported or handed
on (tensor2tensor's util()) is the shim's stand-in, which has all five."""
import tensorflow as tf
import tensorflow.contrib.util as cu
from tensorflow.contrib import util as contrib_util
from tensorflow.contrib.util import make_ndarray


def util():
  from tensorflow.contrib import util as u2  # pylint: disable=g-import-not-at-top
  return u2


def static(x):
  proto = contrib_util.make_tensor_proto([1.0, 2.0])
  return (tf.contrib.util.constant_value(x), cu.constant_value(x + 1), make_ndarray(proto),
          len(tf.contrib.util.ops_used_by_graph_def(tf.compat.v1.GraphDef())) == 0)
