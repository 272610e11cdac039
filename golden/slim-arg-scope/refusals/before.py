"""Scopes whose effect is decided at run time: left as they are, with a warning."""
import tf_slim as slim

from nets import resnet_utils
from nets.common import conv_bn


def from_another_module(images):
    # which scope this is lives in another module
    with slim.arg_scope(resnet_utils.resnet_arg_scope()):
        return slim.conv2d(images, 64, [7, 7], scope="conv1")


def scope_passed_in(images, sc):
    with slim.arg_scope(sc):
        return slim.conv2d(images, 64, [3, 3], scope="conv1")


def calls_another_module(images, is_training):
    # conv_bn may call slim ops this scope governs
    with slim.arg_scope([slim.batch_norm], is_training=is_training):
        return conv_bn(images, 64)


def op_from_another_module(images, is_training):
    with slim.arg_scope([slim.conv2d, resnet_utils.conv2d_same], padding="VALID"):
        net = slim.conv2d(images, 8, [3, 3])
        return resnet_utils.conv2d_same(net, 8, 3, 2)


def helper(net):
    return slim.conv2d(net, 8, [3, 3], scope="h")


def called_under_two_scopes(images):
    with slim.arg_scope([slim.conv2d], padding="VALID"):
        net = helper(images)
    with slim.arg_scope([slim.conv2d], padding="SAME"):
        return helper(net)


def with_kwargs(images, **kwargs):
    with slim.arg_scope([slim.conv2d], padding="VALID"):
        return slim.conv2d(images, 8, [3, 3], **kwargs)
