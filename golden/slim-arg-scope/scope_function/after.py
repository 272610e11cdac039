"""A net module in tf_slim.nets' style: one *_arg_scope() that callers enter around the net."""
import tensorflow.compat.v1 as tf
import tf_slim as slim


def small_net_arg_scope(weight_decay=0.0005, use_batch_norm=True):
    """Callers: with slim.arg_scope(small_net_arg_scope()): small_net(x)."""
    bn_params = {"decay": 0.99, "epsilon": 1e-5}
    if use_batch_norm:
        normalizer = slim.batch_norm
    else:
        normalizer = None
    with slim.arg_scope([slim.conv2d, slim.fully_connected],
                        weights_regularizer=slim.l2_regularizer(weight_decay),
                        normalizer_fn=normalizer, normalizer_params=bn_params):
        with slim.arg_scope([slim.max_pool2d], padding="SAME") as sc:
            return sc


def small_net(inputs, num_classes=10, scope="SmallNet", weight_decay=0.0005):
    with tf.variable_scope(scope, "SmallNet", [inputs]):
        net = slim.conv2d(inputs, 16, [3, 3], scope="conv1", weights_regularizer=slim.l2_regularizer(weight_decay), normalizer_fn=slim.batch_norm, normalizer_params={"decay": 0.99, "epsilon": 1e-5})
        net = slim.max_pool2d(net, [2, 2], scope="pool1", padding="SAME")
        net = slim.flatten(net)
        return slim.fully_connected(net, num_classes, activation_fn=None, normalizer_fn=None, scope="logits", weights_regularizer=slim.l2_regularizer(weight_decay))


def build_for_eval(images):
    # entering the module's own scope function, with an argument
    return slim.conv2d(images, 8, [1, 1], scope="stem", weights_regularizer=slim.l2_regularizer(0.0), normalizer_fn=slim.batch_norm, normalizer_params={"decay": 0.99, "epsilon": 1e-5})
