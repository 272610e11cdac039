"""The inception pattern: a scope entered around a call governs the ops of the function
called; its settings move into that function, as parameters where they read the caller's
names."""
import tf_slim as slim


def block(net, depth, scope, is_training=False):
    net = slim.conv2d(net, depth, [1, 1], scope=scope + "_1x1", padding="VALID")
    net = slim.dropout(net, 0.9, scope=scope + "_drop", is_training=is_training)
    return slim.conv2d(net, depth, [3, 3], scope=scope + "_3x3", padding="VALID")


def body(inputs, is_training=False):
    net = block(inputs, 32, "b1", is_training=is_training)
    return block(net, 64, "b2", is_training=is_training)


def model(inputs, is_training=False, keep_prob=0.8):
    net = body(inputs, is_training=is_training)
    return slim.fully_connected(slim.flatten(net), 10, activation_fn=None)
