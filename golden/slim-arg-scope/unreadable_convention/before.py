"""A net module whose scope function this rule cannot read (the batch-norm dict changed
by a subscript assignment under a condition). Callers in other modules enter it around
net(), so net() and the helper it calls keep their slim calls as they are."""
import tensorflow as tf
import tf_slim as slim


def net_arg_scope(weight_decay=0.00004, is_training=None):
    batch_norm_params = {'decay': 0.9997, 'epsilon': 0.001}
    if is_training is not None:
        batch_norm_params['is_training'] = is_training
    with slim.arg_scope([slim.conv2d, slim.fully_connected],
                        weights_regularizer=slim.l2_regularizer(weight_decay),
                        normalizer_fn=slim.batch_norm,
                        normalizer_params=batch_norm_params) as sc:
        return sc


def _head(x, num_classes):
    x = slim.flatten(x)
    return slim.fully_connected(x, num_classes, activation_fn=None, scope='logits')


def net(images, num_classes=10, scope='Net'):
    with tf.variable_scope(scope):
        x = slim.conv2d(images, 8, [3, 3], scope='conv1')
        x = slim.max_pool2d(x, [2, 2], scope='pool1')
        return _head(x, num_classes)
