"""A scope governs every op called while it is entered, in code the rule cannot follow
too: a function handed in or made at run time, an object's method, slim's own nets.
Such a scope stays (its ops' calls here still get the settings written out); one whose
body calls only what cannot build layers goes."""
import numpy as np
import tensorflow as tf
import tf_slim as slim
from tf_slim.nets import resnet_utils

import nets_factory

trunc_normal = lambda stddev: tf.compat.v1.truncated_normal_initializer(0.0, stddev)


def handed_in(images, network_fn):
  with slim.arg_scope([slim.batch_norm, slim.dropout], is_training=False):
    logits = network_fn(images)
  return logits


def made_at_run_time(images):
  network_fn = nets_factory.get_network_fn("resnet_v1_50")
  with slim.arg_scope([slim.batch_norm], is_training=False):
    logits, _ = network_fn(images)
  return logits


def looked_up(images):
  with slim.arg_scope([slim.batch_norm], is_training=False):
    return nets_factory.networks_map["resnet_v1_50"](images)


def an_objects_method(images, model):
  with slim.arg_scope([slim.batch_norm],
                      is_training=False):
    return model.build(images)


def slims_own_nets(images, blocks):
  with slim.arg_scope([slim.batch_norm], is_training=False):
    net = resnet_utils.stack_blocks_dense(images, blocks)
    return slim.conv2d(net, 8, [1, 1], scope="head")


def slims_nets_through_slim(images):
  with slim.arg_scope([slim.batch_norm], is_training=False):
    return slim.nets.resnet_v1.resnet_v1_50(images)


class Tower(object):

  def __init__(self, network_fn):
    self.network_fn = network_fn

  def _head(self, net):
    return slim.batch_norm(net, scope="head_bn")

  def _shape(self, net):
    return net.get_shape().as_list()

  def through_a_method(self, images):
    with slim.arg_scope([slim.batch_norm], is_training=False):
      net = slim.conv2d(images, 8, [3, 3], scope="conv")
      return self._head(net)

  def through_an_attribute(self, images):
    with slim.arg_scope([slim.batch_norm], is_training=False):
      return self.network_fn(images)

  def only_data(self, images):
    # a method that builds nothing: the scope goes
    with slim.arg_scope([slim.conv2d], padding="VALID"):
      net = slim.conv2d(images, 8, [3, 3], scope="conv")
      print(self._shape(net))
      return net


def only_what_builds_nothing(images, depth_multiplier=0.5):
  # builtins, numpy, TensorFlow, data methods, lambdas that call none of the rest: it goes
  depth = lambda d: max(int(d * depth_multiplier), 8)
  with slim.arg_scope([slim.conv2d], padding="VALID", weights_initializer=trunc_normal(0.01)):
    net = slim.conv2d(images, depth(64), [3, 3], scope="conv")
    shape = net.get_shape().as_list()
    scale = np.sqrt(float(len(shape)))
    return tf.reduce_mean(net, [1, 2]) * scale
