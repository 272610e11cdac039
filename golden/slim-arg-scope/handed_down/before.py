"""The inception pattern: a scope entered around a call governs the ops of the function
called; its settings move into that function, as parameters where they read the caller's
names."""
import tf_slim as slim


def block(net, depth, scope):
    net = slim.conv2d(net, depth, [1, 1], scope=scope + "_1x1")
    net = slim.dropout(net, 0.9, scope=scope + "_drop")
    return slim.conv2d(net, depth, [3, 3], scope=scope + "_3x3")


def body(inputs):
    net = block(inputs, 32, "b1")
    return block(net, 64, "b2")


def model(inputs, is_training=False, keep_prob=0.8):
    with slim.arg_scope([slim.dropout], is_training=is_training, keep_prob=keep_prob), \
            slim.arg_scope([slim.conv2d], padding="VALID"):
        net = body(inputs)
        return slim.fully_connected(slim.flatten(net), 10, activation_fn=None)
