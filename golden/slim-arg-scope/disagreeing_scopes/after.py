"""ResNet v2's shape: a helper whose callers' scopes disagree on its conv's activation and
normalizer (the root conv has neither, the units' have relu and batch norm). The keywords
they disagree on become parameters of the helper; the callers that differ pass theirs."""
import tensorflow as tf
import tf_slim as slim
from tf_slim import layers as layers_lib


def conv_same(inputs, depth, stride, scope=None, activation_fn=tf.nn.relu, normalizer_fn=None, is_training=True):
    if stride == 1:
        return slim.conv2d(inputs, depth, [3, 3], stride=1, padding="SAME", scope=scope, normalizer_fn=normalizer_fn, activation_fn=activation_fn, normalizer_params={'is_training': is_training, "scale": True})
    return layers_lib.conv2d(inputs, depth, [3, 3],
                             stride=stride, padding="VALID", scope=scope, normalizer_fn=normalizer_fn, activation_fn=activation_fn, normalizer_params={'is_training': is_training, "scale": True})


def unit(inputs, depth, scope, is_training=True):
    with tf.compat.v1.variable_scope(scope):
        return conv_same(inputs, depth, 1, scope="conv2", is_training=is_training, normalizer_fn=slim.batch_norm)


def net(images, is_training=True):
    x = conv_same(images, 8, 2, scope="conv1", is_training=is_training, activation_fn=None)
    x = unit(x, 8, "unit_1", is_training=is_training)
    return conv_same(x, 8, 2, scope="last", is_training=is_training, normalizer_fn=slim.batch_norm)


def atrous(inputs, scope, rate=1):
    return slim.conv2d(inputs, 4, [3, 3], scope=scope, rate=rate)


def dilated(images, rate):
    # the value this caller's scope gives reads its own parameter: passed at the call
    return atrous(images, "a", rate=rate)


def plain(images):
    # no scope: slim's default (rate=1), which the new parameter defaults to
    return atrous(images, "b")


def dense(images):
    return atrous(images, "c", rate=2)
