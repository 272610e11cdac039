"""A Dimension held by a name (TensorLayer's spatial transformer), and the shapes a
TensorShape's methods return."""
import tensorflow as tf


def batch_size_of(inputs):
  fixed_batch_size = inputs.get_shape().with_rank_at_least(1)[0]
  if fixed_batch_size.value:
    batch_size = fixed_batch_size.value
  else:
    batch_size = tf.shape(inputs)[0]
  return batch_size


def merged_width(a, b):
  shape = a.get_shape().merge_with(b.get_shape())
  return shape[1].value + a.shape.with_rank(2)[1].value


def rebound(inputs, d):
  d = inputs.get_shape()[0]  # d is a parameter, which may hold anything: left
  return d.value


def not_a_shape(config):
  item = config[0]
  return item.value


def reassigned(inputs):
  dim = inputs.get_shape()[0]
  dim = dim * 2  # no longer only a Dimension: left
  return dim.value
