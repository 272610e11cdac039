import tensorflow as tf
from tensorflow.contrib import slim
from tensorflow.contrib.framework import add_arg_scope


@add_arg_scope
def conv_bn(inputs, depth, stride=1, is_training=True, scope=None):
    with tf.variable_scope(scope, "conv_bn"):
        net = slim.conv2d(inputs, depth, [3, 3], stride=stride, activation_fn=None)
        return slim.batch_norm(net, is_training=is_training)


@slim.add_arg_scope
def head(inputs, num_classes, dropout_keep_prob=0.5, is_training=True):
    net = slim.dropout(inputs, dropout_keep_prob, is_training=is_training)
    return slim.fully_connected(net, num_classes, activation_fn=None)


def tower(images, is_training):
    with slim.arg_scope([conv_bn, head], is_training=is_training):
        net = conv_bn(images, 32, scope="a")
        net = conv_bn(net, 64, 2, scope="b")
        net = conv_bn(net, 64, 1, False, scope="frozen")
        return head(slim.flatten(net), 10)
