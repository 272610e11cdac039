import tf_slim as slim


def net(x, is_training=True):
    # slim hands the batch_norm scope to the normalizer it calls; explicit
    # normalizer_params win over it
    x = slim.conv2d(x, 8, [3, 3], scope="a", normalizer_fn=slim.batch_norm, normalizer_params={'is_training': is_training, 'decay': 0.9})
    x = slim.conv2d(x, 8, [3, 3], scope="b", normalizer_fn=slim.batch_norm, normalizer_params={'is_training': is_training, "decay": 0.99, "scale": True})
    params = {"epsilon": 1e-3}
    x = slim.conv2d(x, 8, [3, 3], scope="c", normalizer_fn=slim.batch_norm, normalizer_params={'is_training': is_training, 'decay': 0.9, "epsilon": 1e-3})
    x = slim.conv2d(x, 8, [1, 1], normalizer_fn=None, scope="d")
    return slim.batch_norm(x, scope="final", is_training=is_training, decay=0.9)
