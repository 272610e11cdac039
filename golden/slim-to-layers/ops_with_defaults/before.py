import tensorflow as tf
import tf_slim as slim


def net(images, labels):
    x = slim.conv2d(images, 32, [3, 3])
    x = slim.convolution2d(x, 32, 3, scope="conv_b")
    x = slim.separable_conv2d(x, 64, [3, 3], depth_multiplier=1, scope="sep")
    x = slim.conv2d_transpose(x, 16, [2, 2], scope="up")
    x = slim.max_pool2d(x, [2, 2])
    x = slim.avg_pool2d(x, [2, 2], scope="avg")
    x = slim.batch_norm(x)
    x = slim.dropout(x)
    x = slim.flatten(x)
    x = slim.fully_connected(x, 10)
    probs = slim.softmax(x)
    onehot = slim.one_hot_encoding(labels, 10)
    return probs, onehot
