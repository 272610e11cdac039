"""The nets' end-point bookkeeping: outputs_collections and convert_collection_to_dict."""
import tensorflow as tf
import tf_slim as slim
from tf_slim.layers import utils


def net(inputs, num_classes=10, scope="net"):
    with tf.variable_scope(scope, "net", [inputs]) as sc:
        end_points_collection = sc.original_name_scope + "_end_points"
        x = slim.conv2d(inputs, 16, [3, 3], scope="conv1", outputs_collections=end_points_collection)
        x = slim.max_pool2d(x, [2, 2], scope="pool1", outputs_collections=[end_points_collection])
        x = slim.repeat(x, 2, slim.conv2d, 32, [3, 3], scope="conv2", outputs_collections=end_points_collection)
        x = slim.flatten(x)
        x = slim.fully_connected(x, num_classes, activation_fn=None, scope="logits",
                                 outputs_collections=end_points_collection)
        end_points = utils.convert_collection_to_dict(end_points_collection)
        end_points[sc.name + "/predictions"] = slim.softmax(x, scope="predictions")
        return x, end_points
