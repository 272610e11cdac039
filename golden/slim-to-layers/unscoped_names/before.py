"""slim layers without scope=: slim names them variable_scope(None, default_name=...),
uniquified at run time (fully_connected, fully_connected_1, ...) -- stable-baselines'
DQN policy, a loop of layers and one after it in one scope, built twice."""
import tensorflow as tf
import tf_slim as slim
import tensorflow.contrib.layers as tf_layers


def q_network(obs, layers, n_actions, reuse=False):
    with tf.variable_scope("model", reuse=reuse):
        with tf.variable_scope("action_value"):
            out = slim.flatten(obs)
            for size in layers:
                out = tf_layers.fully_connected(out, num_outputs=size, activation_fn=None)
            return tf_layers.fully_connected(out, num_outputs=n_actions, activation_fn=None)


def tower(x):
    x = slim.conv2d(x, 8, [3, 3], scope="first")
    x = slim.conv2d(x, 8, [3, 3])
    return slim.conv2d(x, 4, [1, 1], scope=None)


def head(x, is_training):
    # one unscoped layer of each kind in this function: slim's names, warned once
    x = slim.conv2d(x, 8, [3, 3], normalizer_fn=None)
    x = slim.batch_norm(x, is_training=is_training)
    return slim.fully_connected(slim.flatten(x), 10, scope="logits")


def depthwise(x):
    # depthwise only: slim's own variable_scope(None, default_name=...) block, exact
    x = slim.separable_conv2d(x, None, [3, 3], depth_multiplier=1)
    return slim.separable_conv2d(x, None, [3, 3], depth_multiplier=1)


def pools(x):
    # no variables: a fixed name only names ops, which TensorFlow uniquifies itself
    return [slim.max_pool2d(x, [2, 2]) for _ in range(2)]
