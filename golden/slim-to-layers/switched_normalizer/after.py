"""What slim-arg-scope makes of a helper whose callers' scopes disagree (ResNet v2's
conv2d_same): its normalizer and activation are parameters. Batch norm becomes a switch
(on when the parameter is not None), the activation is applied when given, the bias
exists only without the normalizer, as in slim."""
import tensorflow as tf
import tf_slim as slim
import tf1to2


def conv_same(inputs, depth, stride, scope=None, activation_fn=tf.nn.relu,
              normalizer_fn=slim.batch_norm, is_training=True):
    if stride == 1:
        net_1 = tf.compat.v1.layers.conv2d(
            inputs,
            depth,
            [3, 3],
            strides=1,
            padding="SAME",
            use_bias=normalizer_fn is None,
            name=scope or "Conv")
        if normalizer_fn is not None:
            net_1 = tf.compat.v1.layers.batch_normalization(
                net_1,
                momentum=0.999,
                scale=True,
                training=is_training,
                name=(scope or "Conv") + "/BatchNorm")
        if activation_fn is not None:
            net_1 = activation_fn(net_1)
        net_1 = tf1to2.collect_named_outputs("switch_end_points", tf1to2.scope_name(scope or "Conv"), net_1)
        return net_1
    net = tf.compat.v1.layers.conv2d(
        inputs,
        depth,
        [3, 3],
        strides=stride,
        padding="VALID",
        use_bias=normalizer_fn is None,
        name=scope or "Conv")
    if normalizer_fn is not None:
        net = tf.compat.v1.layers.batch_normalization(
            net,
            momentum=0.9,
            scale=False,
            training=is_training,
            name=(scope or "Conv") + "/BatchNorm")
    if activation_fn is not None:
        net = activation_fn(net)
    net = tf1to2.collect_named_outputs("switch_end_points", tf1to2.scope_name(scope or "Conv"), net)
    return net


def dense(inputs, scope, normalizer_fn=None):
    # fully_connected too; and a switch whose default is None
    net = tf.compat.v1.layers.dense(
        inputs,
        6,
        use_bias=normalizer_fn is None,
        name=scope or "fully_connected")
    if normalizer_fn is not None:
        net = tf.compat.v1.layers.batch_normalization(
            net,
            momentum=0.999,
            scale=False,
            training=True,
            name=(scope or "fully_connected") + "/BatchNorm")
    net = tf.nn.relu(net)
    return net


def net(images, is_training=False):
    x = conv_same(images, 8, 2, scope="conv1", activation_fn=None, normalizer_fn=None,
                  is_training=is_training)
    x = conv_same(x, 8, 1, scope="unit", is_training=is_training)
    x = conv_same(x, 8, 2, scope="down", activation_fn=tf.nn.relu6, is_training=is_training)
    y = dense(x, "fc")
    z = dense(x, "fc_bn", slim.batch_norm)
    return y + z


def other_normalizer(inputs, normalizer_fn=slim.batch_norm):
    # one caller passes another normalizer: left as it is, with a warning
    return slim.conv2d(inputs, 4, [1, 1], normalizer_fn=normalizer_fn, scope="o")


def with_layer_norm(images):
    return other_normalizer(images, normalizer_fn=slim.layer_norm)
