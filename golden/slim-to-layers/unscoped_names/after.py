"""slim layers without scope=: slim names them variable_scope(None, default_name=...),
uniquified at run time (fully_connected, fully_connected_1, ...) -- stable-baselines'
DQN policy, a loop of layers and one after it in one scope, built twice."""
import tensorflow as tf
import tensorflow.contrib.layers as tf_layers


def q_network(obs, layers, n_actions, reuse=False):
    with tf.variable_scope("model", reuse=reuse):
        with tf.variable_scope("action_value"):
            out = tf.compat.v1.layers.flatten(obs)
            for size in layers:
                out = tf_layers.fully_connected(out, num_outputs=size, activation_fn=None)
            return tf_layers.fully_connected(out, num_outputs=n_actions, activation_fn=None)


def tower(x):
    x = tf.compat.v1.layers.conv2d(
        x,
        8,
        [3, 3],
        padding="SAME",
        activation=tf.nn.relu,
        name="first")
    x = tf.compat.v1.layers.conv2d(
        x,
        8,
        [3, 3],
        padding="SAME",
        activation=tf.nn.relu,
        name="Conv")
    return tf.compat.v1.layers.conv2d(
        x,
        4,
        [1, 1],
        padding="SAME",
        activation=tf.nn.relu,
        name="Conv_1")


def head(x, is_training):
    # one unscoped layer of each kind in this function: slim's names, warned once
    x = tf.compat.v1.layers.conv2d(
        x,
        8,
        [3, 3],
        padding="SAME",
        activation=tf.nn.relu,
        name="Conv")
    x = tf.compat.v1.layers.batch_normalization(
        x,
        momentum=0.999,
        scale=False,
        training=is_training,
        name="BatchNorm")
    return tf.compat.v1.layers.dense(
        tf.compat.v1.layers.flatten(x),
        10,
        activation=tf.nn.relu,
        name="logits")


def depthwise(x):
    # depthwise only: slim's own variable_scope(None, default_name=...) block, exact
    with tf.compat.v1.variable_scope(None, default_name="SeparableConv2d"):
        depthwise_weights = tf.compat.v1.get_variable("depthwise_weights", shape=[3, 3, x.shape[-1], 1])
        biases = tf.compat.v1.get_variable(
            "biases",
            shape=[x.shape[-1]],
            initializer=tf.compat.v1.zeros_initializer())
        x = tf.nn.depthwise_conv2d(x, depthwise_weights, strides=[1, 1, 1, 1], padding="SAME")
        x = tf.nn.bias_add(x, biases)
        x = tf.nn.relu(x)
    with tf.compat.v1.variable_scope(None, default_name="SeparableConv2d"):
        depthwise_weights = tf.compat.v1.get_variable("depthwise_weights", shape=[3, 3, x.shape[-1], 1])
        biases = tf.compat.v1.get_variable(
            "biases",
            shape=[x.shape[-1]],
            initializer=tf.compat.v1.zeros_initializer())
        net = tf.nn.depthwise_conv2d(x, depthwise_weights, strides=[1, 1, 1, 1], padding="SAME")
        net = tf.nn.bias_add(net, biases)
        net = tf.nn.relu(net)
    return net


def pools(x):
    # no variables: a fixed name only names ops, which TensorFlow uniquifies itself
    return [tf.compat.v1.layers.max_pooling2d(x, [2, 2], strides=2) for _ in range(2)]
