"""slim ops without a v1 layer: depthwise-only separable_conv2d and bias_add."""
import tensorflow as tf
import tf_slim as slim
import tf1to2


def mobile_block(inputs, is_training=False, end_points_collection="mobile_end_points"):
    with tf.compat.v1.variable_scope("dw1"):
        depthwise_weights = tf.compat.v1.get_variable("depthwise_weights", shape=[3, 3, inputs.shape[-1], 2])
        biases = tf.compat.v1.get_variable(
            "biases",
            shape=[inputs.shape[-1] * 2],
            initializer=tf.compat.v1.zeros_initializer())
        net = tf.nn.depthwise_conv2d(inputs, depthwise_weights, strides=[1, 2, 2, 1], padding="SAME")
        net = tf.nn.bias_add(net, biases)
        net = tf.nn.relu(net)
    with tf.compat.v1.variable_scope("dw2") as sc:
        depthwise_weights = tf.compat.v1.get_variable("depthwise_weights", shape=[3, 3, net.shape[-1], 1])
        net = tf.nn.depthwise_conv2d(net, depthwise_weights, strides=[1, 1, 1, 1], padding="SAME")
        net = tf.compat.v1.layers.batch_normalization(
            net,
            momentum=0.999,
            scale=True,
            training=is_training,
            name="BatchNorm")
        net = tf.nn.relu6(net)
        net = tf1to2.collect_named_outputs(end_points_collection, sc.name, net)
    with tf.compat.v1.variable_scope(None, default_name="SeparableConv2d"):
        depthwise_weights = tf.compat.v1.get_variable("depthwise_weights", shape=[3, 3, net.shape[-1], 1])
        net = tf.nn.depthwise_conv2d(
            net,
            depthwise_weights,
            strides=[1, 1, 1, 1],
            padding="SAME",
            dilations=[2, 2])
    net = tf.identity(net)
    with tf.compat.v1.variable_scope(None, default_name="SeparableConv2d"):
        depthwise_weights = tf.compat.v1.get_variable(
            "depthwise_weights",
            shape=[5, 5, net.shape[-1], 1],
            regularizer=tf.keras.regularizers.l2(0.05))
        biases = tf.compat.v1.get_variable(
            "biases",
            shape=[net.shape[-1]],
            initializer=tf.compat.v1.zeros_initializer())
        net = tf.nn.depthwise_conv2d(net, depthwise_weights, strides=[1, 1, 1, 1], padding="SAME")
        net = tf.nn.bias_add(net, biases)
        net = tf.nn.relu(net)
    with tf.compat.v1.variable_scope("b1"):
        biases = tf.compat.v1.get_variable(
            "biases",
            shape=[net.shape[-1]],
            initializer=tf.compat.v1.zeros_initializer())
        net = tf.nn.bias_add(net, biases)
        net = tf.nn.relu(net)
    with tf.compat.v1.variable_scope(None, default_name="BiasAdd"):
        biases = tf.compat.v1.get_variable(
            "biases",
            shape=[net.shape[-1]],
            initializer=tf.ones_initializer())
        net = tf.nn.bias_add(net, biases)
    return net


def channels_first(inputs, depthwise_weights):
    # the function already has a depthwise_weights: the generated local is another name
    with tf.compat.v1.variable_scope("dw"):
        depthwise_weights_1 = tf.compat.v1.get_variable("depthwise_weights", shape=[3, 3, inputs.shape[1], 1])
        biases = tf.compat.v1.get_variable(
            "biases",
            shape=[inputs.shape[1]],
            initializer=tf.compat.v1.zeros_initializer())
        net = tf.nn.depthwise_conv2d(
            inputs,
            depthwise_weights_1,
            strides=[1, 1, 1, 1],
            padding="SAME",
            data_format="NCHW")
        net = tf.nn.bias_add(net, biases, data_format="NCHW")
        net = tf.nn.relu(net)
    with tf.compat.v1.variable_scope("extra_bias"):
        biases = tf.compat.v1.get_variable(
            "biases",
            shape=[net.shape[1]],
            initializer=tf.compat.v1.zeros_initializer())
        net = tf.nn.bias_add(net, biases, data_format="NCHW")
    return net + depthwise_weights


def returned_directly(inputs):
    # return slim.op(...): the block of statements comes first, then returns its result
    with tf.compat.v1.variable_scope("dw"):
        depthwise_weights = tf.compat.v1.get_variable("depthwise_weights", shape=[3, 3, inputs.shape[-1], 1])
        biases = tf.compat.v1.get_variable(
            "biases",
            shape=[inputs.shape[-1]],
            initializer=tf.compat.v1.zeros_initializer())
        net = tf.nn.depthwise_conv2d(inputs, depthwise_weights, strides=[1, 1, 1, 1], padding="SAME")
        net = tf.nn.bias_add(net, biases)
        net = tf.nn.relu(net)
    return net


def not_literal(inputs, k):
    net = slim.separable_conv2d(inputs, None, k, scope="dw")
    return net
