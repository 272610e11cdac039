"""What reads the arg_scope stack at run time: a scope object (``as sc``) holds every
setting of the scopes around it, and current_arg_scope() returns them. A scope whose
settings such a reader sees stays (its calls still get the settings written out)."""
import tensorflow as tf
import tf_slim as slim
from tf_slim import arg_scope, current_arg_scope


def nested_object(x):
  # sc holds the outer scope's conv2d settings too
  with slim.arg_scope([slim.conv2d], padding="VALID"):
    with slim.arg_scope([slim.fully_connected], activation_fn=None) as sc:
      tf.compat.v1.add_to_collection("scopes", sc)
      net = slim.conv2d(x, 4, [3, 3], scope="conv")
  return net, sc


def one_with(x):
  # the second item's object holds the first's settings
  with arg_scope([slim.conv2d], padding="VALID"), arg_scope([slim.max_pool2d], stride=1) as sc:
    keep = sc
    net = slim.conv2d(x, 4, [3, 3], scope="conv")
  return net, keep


def first_of_one_with(x):
  # the first item's object does not hold the second's: the second goes
  with arg_scope([slim.max_pool2d], stride=1) as sc, arg_scope([slim.conv2d], padding="VALID"):
    net = slim.conv2d(x, 4, [3, 3], scope="conv")
  return net, sc


def reads_stack(x):
  with arg_scope([slim.conv2d], padding="VALID"):
    saved = current_arg_scope()
    net = slim.conv2d(x, 4, [3, 3], scope="conv")
  return net, saved


def _helper():
  return slim.current_arg_scope()


def _calls_helper():
  return _helper()


def calls_reader(x):
  # a function it calls (through another) reads the stack
  with arg_scope([slim.conv2d], padding="VALID"):
    saved = _calls_helper()
    net = slim.conv2d(x, 4, [3, 3], scope="conv")
  return net, saved


def plain(x):
  # nothing reads the stack: both scopes go
  with arg_scope([slim.conv2d], padding="VALID"):
    with arg_scope([slim.conv2d], stride=2):
      net = slim.conv2d(x, 4, [3, 3], scope="conv")
  return net, None
