import tensorflow as tf


def _block(x, filters, name, is_training):
    with tf.variable_scope(name):
        x = tf.layers.conv2d(x, filters, 3, padding="same", use_bias=False, name="conv")
        x = tf.layers.batch_normalization(x, training=is_training, name="bn")
        return tf.nn.relu(x)


def build_net(x, is_training, scope="net"):
    with tf.variable_scope(scope, reuse=tf.AUTO_REUSE):
        for i, f in enumerate([4, 8]):
            x = _block(x, f, "block%d" % i, is_training)
        x = tf.reduce_mean(x, axis=[1, 2])
        return tf.layers.dense(x, 3, kernel_regularizer=tf.contrib.layers.l2_regularizer(0.01), name="logits")
