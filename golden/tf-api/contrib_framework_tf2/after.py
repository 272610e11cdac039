"""tf.contrib.framework's names that tf-slim lacks and TensorFlow 2 has, the same objects:
read through the tensorflow module, through aliases of the contrib module, or imported by
name (one import per line after). TF1's whole nest (flatten_up_to, is_sequence) is the
shim's; the public part of it is tf.nest's, is_sequence being is_nested. What neither
has stays, warned."""
import tensorflow as tf
import tf_slim as tcf
import tf_slim as cf
from tf_slim import arg_scope
from tensorflow.compat.v1 import sort as sort_values
from tensorflow import get_current_name_scope as get_name_scope
from tf1to2.contrib_framework import nest
from tensorflow.compat.v1.train import load_variable


def ranks(x, path):
  scope = tf.get_current_name_scope()
  order = tf.compat.v1.argsort(x, direction="DESCENDING")
  values = sort_values(x)
  if tf.compat.v1.is_tensor(x) and tf.compat.v1.nest.is_nested([x]):
    flat = tf.compat.v1.nest.flatten({"a": x, "b": [x]})
  else:
    flat = nest.flatten_up_to([0, 0], [x, x])
  reader = tf.compat.v1.train.load_checkpoint(path)
  return scope, order, values, flat, reader.get_tensor("w"), load_variable(path, "w"), get_name_scope()


def total(xs):
  with arg_scope([tcf.model_variable], trainable=False):
    return cf.reduce_sum_n(xs)
