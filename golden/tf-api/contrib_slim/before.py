"""slim, contrib.layers and contrib.framework, every way TF1 code reached them."""
import tensorflow as tf
import tensorflow.contrib.slim as slim
from tensorflow.contrib import slim as slim2
from tensorflow.contrib.slim import nets
from tensorflow.contrib.framework import arg_scope, add_arg_scope as scoped
from tensorflow.contrib.layers import l2_regularizer, xavier_initializer

layers = tf.contrib.layers
slim3 = tf.contrib.slim


@scoped
def net(x):
    with arg_scope([slim.conv2d], weights_regularizer=l2_regularizer(1e-4)):
        x = slim.conv2d(x, 8, 3, weights_initializer=xavier_initializer())
        x = tf.contrib.layers.fully_connected(slim2.flatten(x), 10)
        x = tf.contrib.slim.dropout(x)
        vs = tf.contrib.framework.get_variables("net")
    return layers.batch_norm(x), slim3.softmax(x), nets.vgg.vgg_16, vs


def features():
    return layers.real_valued_column("x"), slim.no_such_op
