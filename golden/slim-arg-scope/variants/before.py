import tensorflow as tf
import tf_slim as slim
from tf_slim import arg_scope
from tf_slim.layers import layers as layers_lib

contrib_layers = tf.contrib.layers


def net(images, is_training):
    # the scope lists one op under two spellings; the inner scope wins keyword by keyword
    with slim.arg_scope([slim.conv2d, layers_lib.fully_connected],
                        activation_fn=tf.nn.relu6, weights_regularizer=slim.l2_regularizer(1e-4)):
        with arg_scope([contrib_layers.convolution2d], padding="VALID", activation_fn=None), \
                tf.variable_scope("tower"):
            x = slim.conv2d(images, 32, [3, 3], scope="conv1")
            # explicit arguments win, by keyword and by position
            x = slim.conv2d(x, 64, [3, 3], 2, "SAME", scope="conv2")
            x = layers_lib.conv2d(x, 64, [1, 1], activation_fn=tf.nn.relu, scope="conv3")
        x = slim.flatten(x)
        with slim.arg_scope([slim.fully_connected], **{"biases_initializer": None}), \
                slim.arg_scope([slim.dropout], keep_prob=0.8, is_training=is_training):
            x = slim.dropout(x)
            return slim.fully_connected(x, 10, scope="logits")
