"""A small TF1-style MNIST classifier: variables through tf.layers and get_variable."""
import tensorflow as tf


def classifier(images, is_training, num_classes=10, weight_decay=1e-4):
    regularizer = tf.contrib.layers.l2_regularizer(weight_decay)
    with tf.variable_scope("classifier", reuse=tf.AUTO_REUSE):
        net = tf.layers.conv2d(images, 32, 3, activation=tf.nn.relu, kernel_regularizer=regularizer)
        net = tf.layers.max_pooling2d(net, 2, 2)
        net = tf.layers.conv2d(net, 64, 3, activation=tf.nn.relu, kernel_regularizer=regularizer)
        net = tf.layers.flatten(net)
        net = tf.layers.dropout(net, rate=0.5, training=is_training)
        scale = tf.get_variable("logit_scale", [], initializer=tf.ones_initializer())
        return scale * tf.layers.dense(net, num_classes, kernel_regularizer=regularizer)
