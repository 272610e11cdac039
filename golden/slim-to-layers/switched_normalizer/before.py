"""What slim-arg-scope makes of a helper whose callers' scopes disagree (ResNet v2's
conv2d_same): its normalizer and activation are parameters. Batch norm becomes a switch
(on when the parameter is not None), the activation is applied when given, the bias
exists only without the normalizer, as in slim."""
import tensorflow as tf
import tf_slim as slim


def conv_same(inputs, depth, stride, scope=None, activation_fn=tf.nn.relu,
              normalizer_fn=slim.batch_norm, is_training=True):
    if stride == 1:
        return slim.conv2d(inputs, depth, [3, 3], stride=1, padding="SAME", scope=scope,
                           activation_fn=activation_fn, normalizer_fn=normalizer_fn,
                           normalizer_params={"is_training": is_training, "scale": True},
                           outputs_collections="switch_end_points")
    net = slim.conv2d(inputs, depth, [3, 3], stride=stride, padding="VALID", scope=scope,
                      normalizer_fn=normalizer_fn, activation_fn=activation_fn,
                      normalizer_params={"is_training": is_training, "decay": 0.9},
                      outputs_collections="switch_end_points")
    return net


def dense(inputs, scope, normalizer_fn=None):
    # fully_connected too; and a switch whose default is None
    return slim.fully_connected(inputs, 6, normalizer_fn=normalizer_fn, scope=scope)


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
