"""slim ops without a v1 layer: depthwise-only separable_conv2d and bias_add."""
import tensorflow as tf
import tf_slim as slim
from tensorflow.contrib import layers as contrib_layers
from tf_slim import bias_add, separable_conv2d


def mobile_block(inputs, is_training=False, end_points_collection="mobile_end_points"):
    net = slim.separable_conv2d(inputs, None, [3, 3], depth_multiplier=2, stride=2, scope="dw1")
    net = separable_conv2d(net, None, 3, normalizer_fn=slim.batch_norm,
                           normalizer_params={"is_training": is_training, "scale": True},
                           activation_fn=tf.nn.relu6, scope="dw2",
                           outputs_collections=end_points_collection)
    net = slim.separable_conv2d(net, kernel_size=[3, 3], num_outputs=None, rate=2,
                                biases_initializer=None, activation_fn=None)
    net = contrib_layers.separable_conv2d(
        tf.identity(net),
        None,
        [5, 5],
        weights_regularizer=slim.l2_regularizer(0.1),  # comments inside a rewritten call are not kept
    )
    net = bias_add(net, activation_fn=tf.nn.relu, scope="b1")
    net = slim.bias_add(net, initializer=tf.ones_initializer())
    return net


def channels_first(inputs, depthwise_weights):
    # the function already has a depthwise_weights: the generated local is another name
    net = slim.separable_conv2d(inputs, None, [3, 3], data_format="NCHW", scope="dw")
    net = slim.bias_add(net, data_format="NCHW", scope="extra_bias")
    return net + depthwise_weights


def returned_directly(inputs):
    # return slim.op(...): the block of statements comes first, then returns its result
    return slim.separable_conv2d(inputs, None, [3, 3], scope="dw")


def not_literal(inputs, k):
    net = slim.separable_conv2d(inputs, None, k, scope="dw")
    return net
