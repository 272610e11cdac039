"""inception_v1's shape: the batch-norm setting reaches the called function's layers only
through their normalizer."""
import tf_slim as slim


def base(inputs):
    return slim.conv2d(inputs, 8, [3, 3], scope="c")


def net(inputs, is_training=False):
    with slim.arg_scope([slim.conv2d], normalizer_fn=slim.batch_norm), \
            slim.arg_scope([slim.batch_norm, slim.dropout], is_training=is_training):
        return base(inputs)
