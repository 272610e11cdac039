"""tf.contrib.framework's names that tf-slim lacks and TensorFlow 2 has, the same objects:
read through the tensorflow module, through aliases of the contrib module, or imported by
name (one import per line after). TF1's whole nest (flatten_up_to, is_sequence) is the
shim's; the public part of it is tf.nest's, is_sequence being is_nested. What neither
has stays, warned."""
import tensorflow as tf
import tensorflow.contrib.framework as tcf
from tensorflow.contrib import framework as cf
from tensorflow.contrib.framework import (arg_scope, sort as sort_values,
                                          get_name_scope, nest)
from tensorflow.contrib.framework import load_variable


def ranks(x, path):
  scope = tf.contrib.framework.get_name_scope()
  order = cf.argsort(x, direction="DESCENDING")
  values = sort_values(x)
  if tcf.is_tensor(x) and cf.nest.is_sequence([x]):
    flat = tf.contrib.framework.nest.flatten({"a": x, "b": [x]})
  else:
    flat = nest.flatten_up_to([0, 0], [x, x])
  reader = tf.contrib.framework.load_checkpoint(path)
  return scope, order, values, flat, reader.get_tensor("w"), load_variable(path, "w"), get_name_scope()


def total(xs):
  with arg_scope([tcf.model_variable], trainable=False):
    return cf.reduce_sum_n(xs)
