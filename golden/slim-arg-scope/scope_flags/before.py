"""A scope function read at its flags' defaults (``if use_batch_norm:``, ``a if flag
else b``): a call giving a flag another value is not that scope, and stays."""
import tensorflow as tf
import tf_slim as slim


def conv_scope(weight_decay=0.0001, use_batch_norm=True, relu6=False):
    normalizer_fn = None
    if use_batch_norm:
        normalizer_fn = slim.batch_norm
    with slim.arg_scope([slim.conv2d],
                        activation_fn=tf.nn.relu6 if relu6 else tf.nn.relu,
                        normalizer_fn=normalizer_fn,
                        weights_regularizer=slim.l2_regularizer(weight_decay)) as sc:
        return sc


def default_flags(x):
    with slim.arg_scope(conv_scope()):
        return slim.conv2d(x, 8, [3, 3], scope='a')


def same_as_default(x):
    with slim.arg_scope(conv_scope(0.01, use_batch_norm=True)):
        return slim.conv2d(x, 8, [3, 3], scope='b')


def batch_norm_off(x):
    with slim.arg_scope(conv_scope(use_batch_norm=False)):
        return slim.conv2d(x, 8, [3, 3], scope='c')


def positional_flag(x):
    with slim.arg_scope(conv_scope(0.01, False)):
        return slim.conv2d(x, 8, [3, 3], scope='d')


def relu6_on(x):
    with slim.arg_scope(conv_scope(relu6=True)):
        return slim.conv2d(x, 8, [3, 3], scope='e')
