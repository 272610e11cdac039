"""tf.contrib.util held TensorFlow's own functions: read by name, they become TF2's names
of the same objects (constant_value is get_static_value); the module imported or handed
on (tensor2tensor's util()) is the shim's stand-in, which has all five."""
import tensorflow as tf
import tf1to2.contrib_util as cu
from tf1to2 import contrib_util
from tensorflow.compat.v1 import make_ndarray
import tf1to2.contrib_util


def util():
  from tf1to2 import contrib_util as u2  # pylint: disable=g-import-not-at-top
  return u2


def static(x):
  proto = tf.compat.v1.make_tensor_proto([1.0, 2.0])
  return (tf.compat.v1.get_static_value(x), tf.compat.v1.get_static_value(x + 1), make_ndarray(proto),
          len(tf1to2.contrib_util.ops_used_by_graph_def(tf.compat.v1.GraphDef())) == 0)
