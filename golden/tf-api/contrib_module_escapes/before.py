"""Whole contrib modules handed on as values. tf.contrib.layers becomes tf_slim, which
has only part of it: fine where its names are read here (checked at the read), warned
where the module is handed on. tf.contrib.framework handed on becomes the shim's
stand-in, which has all of it TensorFlow 2 or tf-slim has (warned: the few names neither
has raise where read); its names read here become tf-slim's or TensorFlow 2's."""
import tensorflow as tf
from tensorflow.contrib import framework as contrib_framework
import tensorflow.contrib.layers as tcl
from tensorflow.contrib import slim


def framework():
  """tensor2tensor's utils/contrib.py: the module is returned to other modules."""
  from tensorflow.contrib import framework as cf  # pylint: disable=g-import-not-at-top
  return cf


def layers():
  return tcl


def net(x):
  with contrib_framework.arg_scope([tcl.conv2d], padding="SAME"):
    x = tcl.conv2d(x, 3, 3)
  return slim.flatten(contrib_framework.nest.flatten(x)[0])


def register(registry):
  registry["framework"] = contrib_framework
  registry["slim"] = slim
  return registry
