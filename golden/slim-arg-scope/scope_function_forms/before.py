"""A net module's scope function in the forms real nets build it with: the op list held
in a variable, batch-norm settings in a dict given as ``**params`` and as
``normalizer_params``, a conditional normalizer on a flag, and nested scopes returned
through ``as sc``. Callers enter it around net() (the nets' convention)."""
import tensorflow.compat.v1 as tf
import tf_slim as slim


def net_arg_scope(weight_decay=0.00004, use_batch_norm=True):
    conv_ops = [slim.conv2d, slim.separable_conv2d]
    batch_norm_params = {'decay': 0.9, 'epsilon': 0.001, 'scale': True}
    normalizer = slim.batch_norm if use_batch_norm else None
    with slim.arg_scope(conv_ops,
                        weights_regularizer=slim.l2_regularizer(weight_decay),
                        activation_fn=tf.nn.relu6,
                        normalizer_fn=normalizer,
                        normalizer_params=batch_norm_params):
        with slim.arg_scope([slim.batch_norm], **batch_norm_params):
            with slim.arg_scope([slim.max_pool2d], padding='SAME') as sc:
                return sc


def net(images, scope='Net'):
    with tf.variable_scope(scope):
        x = slim.conv2d(images, 8, [3, 3], scope='conv1')
        x = slim.max_pool2d(x, [3, 3], scope='pool1')
        x = slim.separable_conv2d(x, 16, [3, 3], depth_multiplier=1, scope='sep2')
        x = slim.conv2d(x, 4, [1, 1], activation_fn=None, normalizer_fn=None, scope='logits')
    return x
