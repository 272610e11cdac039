import tensorflow as tf
import tf_slim as slim
from tf_slim import arg_scope
from tf_slim.layers import layers as layers_lib

contrib_layers = tf.contrib.layers


def net(images, is_training):
    # the scope lists one op under two spellings; the inner scope wins keyword by keyword
    with tf.variable_scope("tower"):
        x = slim.conv2d(images, 32, [3, 3], scope="conv1", activation_fn=None, weights_regularizer=slim.l2_regularizer(1e-4), padding="VALID")
        # explicit arguments win, by keyword and by position
        x = slim.conv2d(x, 64, [3, 3], 2, "SAME", scope="conv2", activation_fn=None, weights_regularizer=slim.l2_regularizer(1e-4))
        x = layers_lib.conv2d(x, 64, [1, 1], activation_fn=tf.nn.relu, scope="conv3", weights_regularizer=slim.l2_regularizer(1e-4), padding="VALID")
    x = slim.flatten(x)
    x = slim.dropout(x, keep_prob=0.8, is_training=is_training)
    return slim.fully_connected(x, 10, scope="logits", activation_fn=tf.nn.relu6, weights_regularizer=slim.l2_regularizer(1e-4), biases_initializer=None)
