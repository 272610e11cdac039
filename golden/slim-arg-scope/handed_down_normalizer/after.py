"""inception_v1's shape: the batch-norm setting reaches the called function's layers only
through their normalizer."""
import tf_slim as slim


def base(inputs, is_training=False):
    return slim.conv2d(inputs, 8, [3, 3], scope="c", normalizer_fn=slim.batch_norm, normalizer_params={'is_training': is_training})


def net(inputs, is_training=False):
    return base(inputs, is_training=is_training)
