import tensorflow as tf


def net(images, labels):
    x = tf.compat.v1.layers.conv2d(
        images,
        32,
        [3, 3],
        padding="SAME",
        activation=tf.nn.relu,
        name="Conv")
    x = tf.compat.v1.layers.conv2d(
        x,
        32,
        3,
        padding="SAME",
        activation=tf.nn.relu,
        name="conv_b")
    x = tf.compat.v1.layers.separable_conv2d(
        x,
        64,
        [3, 3],
        padding="SAME",
        depth_multiplier=1,
        activation=tf.nn.relu,
        name="sep")
    x = tf.compat.v1.layers.conv2d_transpose(
        x,
        16,
        [2, 2],
        padding="SAME",
        activation=tf.nn.relu,
        name="up")
    x = tf.compat.v1.layers.max_pooling2d(x, [2, 2], strides=2)
    x = tf.compat.v1.layers.average_pooling2d(x, [2, 2], strides=2, name="avg")
    x = tf.compat.v1.layers.batch_normalization(
        x,
        momentum=0.999,
        scale=False,
        training=True,
        name="BatchNorm")
    x = tf.compat.v1.layers.dropout(x, training=True)
    x = tf.compat.v1.layers.flatten(x)
    x = tf.compat.v1.layers.dense(x, 10, activation=tf.nn.relu, name="fully_connected")
    probs = tf.nn.softmax(x)
    onehot = tf.one_hot(labels, 10)
    return probs, onehot
