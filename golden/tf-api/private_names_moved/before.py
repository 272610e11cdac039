"""Private names TF 2.21's modules no longer have (TensorLayer's array ops and AMSGrad)."""
import tensorflow as tf
from tensorflow.python.framework import ops
from tensorflow.python.framework.ops import Tensor
from tensorflow.python.ops import variable_scope
from tensorflow.python.ops import math_ops


def alphas(shape, value):
  if isinstance(shape, (ops.Tensor, tf.Variable)):
    shape = tf.shape(shape)
  return math_ops.multiply(tf.ones(shape), value)


def is_tensor(x):
  return isinstance(x, Tensor)


def beta_power(beta):
  return variable_scope.variable(beta, name="beta1_power", trainable=False)
