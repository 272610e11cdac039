"""Whole contrib modules that become tf_slim, which has only part of them: fine where
their names are read here (checked at the read), warned where the module is handed on."""
import tensorflow as tf
import tf_slim as contrib_framework
import tf_slim as tcl
import tf_slim as slim


def framework():
  """tensor2tensor's utils/contrib.py: the module is returned to other modules."""
  import tf_slim as cf  # pylint: disable=g-import-not-at-top
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
