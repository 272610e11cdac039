import tensorflow as tf

slim = tf.contrib.slim


def net(images, is_training=True):
    with tf.variable_scope("net"):
        x = tf.compat.v1.layers.conv2d(
            images,
            8,
            [3, 3],
            padding="SAME",
            activation=tf.nn.relu,
            name="conv1")
        x = tf.compat.v1.layers.max_pooling2d(x, [2, 2], strides=2, name="pool1")
        x = tf.compat.v1.layers.flatten(x)
        x = tf.compat.v1.layers.dropout(x, rate=0.5, training=is_training, name="dropout")
        return tf.compat.v1.layers.dense(x, 10, name="logits")
