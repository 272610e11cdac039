"""tf.contrib reached through tf.compat.v1, as TF 1.x allowed (tensorpack's ``tfv1 =
tf.compat.v1``, then ``tfv1.contrib.layers...``): rewritten as through the tensorflow
module (tf_slim, TensorFlow 2's names, TF1's RNN cells' v1 names), or warned."""
import tensorflow.compat.v1 as tf
import tensorflow as tf2
import tf_slim

v1 = tf2.compat.v1


def features(x, cells=4):
  init = tf_slim.variance_scaling_initializer(2.0)
  order = tf2.compat.v1.argsort(x)
  cell = tf.nn.rnn_cell.GRUCell(cells)
  return init, order, cell, tf2.compat.v1.get_static_value(x)
