"""The nets' end-point bookkeeping: outputs_collections and convert_collection_to_dict."""
import tensorflow as tf
import tf1to2


def net(inputs, num_classes=10, scope="net"):
    with tf.variable_scope(scope, "net", [inputs]) as sc:
        end_points_collection = sc.original_name_scope + "_end_points"
        x = tf.compat.v1.layers.conv2d(
            inputs,
            16,
            [3, 3],
            padding="SAME",
            activation=tf.nn.relu,
            name="conv1")
        x = tf1to2.collect_named_outputs(end_points_collection, tf1to2.scope_name("conv1"), x)
        x = tf.compat.v1.layers.max_pooling2d(x, [2, 2], strides=2, name="pool1")
        x = tf1to2.collect_named_outputs([end_points_collection], tf1to2.scope_name("pool1"), x)
        x = tf.compat.v1.layers.conv2d(
            x,
            32,
            [3, 3],
            padding="SAME",
            activation=tf.nn.relu,
            name="conv2/conv2_1")
        x = tf1to2.collect_named_outputs(end_points_collection, tf1to2.scope_name("conv2/conv2_1"), x)
        x = tf.compat.v1.layers.conv2d(
            x,
            32,
            [3, 3],
            padding="SAME",
            activation=tf.nn.relu,
            name="conv2/conv2_2")
        x = tf1to2.collect_named_outputs(end_points_collection, tf1to2.scope_name("conv2/conv2_2"), x)
        x = tf.compat.v1.layers.flatten(x)
        x = tf.compat.v1.layers.dense(x, num_classes, name="logits")
        x = tf1to2.collect_named_outputs(end_points_collection, tf1to2.scope_name("logits"), x)
        end_points = tf1to2.convert_collection_to_dict(end_points_collection)
        end_points[sc.name + "/predictions"] = tf.nn.softmax(x, name="predictions")
        return x, end_points
