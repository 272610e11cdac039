import tensorflow as tf


def tower(x, is_training, scope=None):
    # slim's order: the layer without bias, its batch norm in the layer's scope, then the activation
    x = tf.compat.v1.layers.conv2d(x, 32, [3, 3], padding="SAME", use_bias=False, name="conv1")
    x = tf.compat.v1.layers.batch_normalization(
        x,
        momentum=0.9,
        scale=True,
        training=is_training,
        name="conv1/BatchNorm")
    x = tf.nn.relu(x)
    x = tf.compat.v1.layers.conv2d(x, 32, [3, 3], padding="SAME", use_bias=False, name="conv2")
    x = tf.compat.v1.layers.batch_normalization(
        x,
        momentum=0.999,
        scale=False,
        training=True,
        name="conv2/BatchNorm")
    x = tf.nn.relu6(x)
    # a batch norm with its own scope= inside the layer's scope; no activation
    x = tf.compat.v1.layers.conv2d(x, 16, [1, 1], padding="SAME", use_bias=False, name="conv3")
    x = tf.compat.v1.layers.batch_normalization(
        x,
        momentum=0.999,
        scale=False,
        training=is_training,
        name="conv3/bn")
    # the scope is a parameter that may be None: slim's default name still applies
    x = tf.compat.v1.layers.conv2d(
        x,
        16,
        [1, 1],
        padding="SAME",
        use_bias=False,
        name=scope or "Conv")
    x = tf.compat.v1.layers.batch_normalization(
        x,
        momentum=0.999,
        scale=False,
        training=True,
        name=(scope or "Conv") + "/BatchNorm")
    x = tf.nn.relu(x)
    bn = {"is_training": is_training, "center": False}
    x = tf.compat.v1.layers.flatten(x)
    # inside a larger expression: nested calls
    return tf.identity(tf.nn.relu(tf.compat.v1.layers.batch_normalization(
        tf.compat.v1.layers.dense(x, 10, use_bias=False, name="fc"),
        momentum=0.999,
        center=False,
        scale=False,
        training=is_training,
        name="fc/BatchNorm")))
