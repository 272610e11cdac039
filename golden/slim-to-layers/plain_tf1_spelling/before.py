import tensorflow as tf

slim = tf.contrib.slim


def net(images, is_training=True):
    with tf.variable_scope("net"):
        x = slim.conv2d(images, 8, [3, 3], scope="conv1")
        x = slim.max_pool2d(x, [2, 2], scope="pool1")
        x = tf.contrib.layers.flatten(x)
        x = slim.dropout(x, 0.5, is_training=is_training, scope="dropout")
        return slim.fully_connected(x, 10, activation_fn=None, scope="logits")
