"""slim, contrib.layers and contrib.framework, every way TF1 code reached them."""
import tensorflow as tf
import tf_slim as slim
import tf_slim as slim2
from tf_slim import nets
from tf_slim import arg_scope, add_arg_scope as scoped
from tf_slim import l2_regularizer, xavier_initializer
import tf_slim

layers = tf_slim
slim3 = tf_slim


@scoped
def net(x):
    with arg_scope([slim.conv2d], weights_regularizer=l2_regularizer(1e-4)):
        x = slim.conv2d(x, 8, 3, weights_initializer=xavier_initializer())
        x = tf_slim.fully_connected(slim2.flatten(x), 10)
        x = tf_slim.dropout(x)
        vs = tf_slim.get_variables("net")
    return layers.batch_norm(x), slim3.softmax(x), nets.vgg.vgg_16, vs


def features():
    return layers.real_valued_column("x"), slim.no_such_op
