"""ResNet v2's shape: a helper whose callers' scopes disagree on its conv's activation and
normalizer (the root conv has neither, the units' have relu and batch norm). The keywords
they disagree on become parameters of the helper; the callers that differ pass theirs."""
import tensorflow as tf
import tf_slim as slim
from tf_slim import layers as layers_lib


def conv_same(inputs, depth, stride, scope=None):
    if stride == 1:
        return slim.conv2d(inputs, depth, [3, 3], stride=1, padding="SAME", scope=scope)
    return layers_lib.conv2d(inputs, depth, [3, 3],
                             stride=stride, padding="VALID", scope=scope)


def unit(inputs, depth, scope):
    with tf.compat.v1.variable_scope(scope):
        return conv_same(inputs, depth, 1, scope="conv2")


def net(images, is_training=True):
    with slim.arg_scope([slim.conv2d], normalizer_fn=slim.batch_norm,
                        normalizer_params={"scale": True}), \
            slim.arg_scope([slim.batch_norm], is_training=is_training):
        with slim.arg_scope([layers_lib.conv2d],
                            activation_fn=None, normalizer_fn=None):
            x = conv_same(images, 8, 2, scope="conv1")
        x = unit(x, 8, "unit_1")
        return conv_same(x, 8, 2, scope="last")


def atrous(inputs, scope):
    return slim.conv2d(inputs, 4, [3, 3], scope=scope)


def dilated(images, rate):
    # the value this caller's scope gives reads its own parameter: passed at the call
    with slim.arg_scope([slim.conv2d], rate=rate):
        return atrous(images, "a")


def plain(images):
    # no scope: slim's default (rate=1), which the new parameter defaults to
    return atrous(images, "b")


def dense(images):
    with slim.arg_scope([slim.conv2d], rate=2):
        return atrous(images, "c")
