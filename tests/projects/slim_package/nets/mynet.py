import tensorflow as tf
import tf_slim as slim


def mynet_arg_scope(weight_decay=0.0005, is_training=True):
    batch_norm_params = {"decay": 0.9, "epsilon": 1e-3, "is_training": is_training}
    with slim.arg_scope([slim.conv2d, slim.fully_connected],
                        weights_regularizer=slim.l2_regularizer(weight_decay),
                        normalizer_fn=slim.batch_norm,
                        normalizer_params=batch_norm_params):
        with slim.arg_scope([slim.conv2d], padding="SAME") as sc:
            return sc


def mynet(inputs, num_classes=3, scope="MyNet"):
    end_points = {}
    with tf.variable_scope(scope, "MyNet", [inputs]):
        net = slim.conv2d(inputs, 4, [3, 3], scope="conv1")
        end_points["conv1"] = net
        net = slim.max_pool2d(net, [2, 2], scope="pool1")
        net = slim.repeat(net, 2, slim.conv2d, 8, [3, 3], scope="conv2")
        net = slim.flatten(net)
        logits = slim.fully_connected(net, num_classes, activation_fn=None, normalizer_fn=None, scope="logits")
        end_points["logits"] = logits
    return logits, end_points
