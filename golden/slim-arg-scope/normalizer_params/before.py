import tf_slim as slim


def net(x, is_training=True):
    # slim hands the batch_norm scope to the normalizer it calls; explicit
    # normalizer_params win over it
    with slim.arg_scope([slim.batch_norm], is_training=is_training, decay=0.9):
        with slim.arg_scope([slim.conv2d], normalizer_fn=slim.batch_norm):
            x = slim.conv2d(x, 8, [3, 3], scope="a")
            x = slim.conv2d(x, 8, [3, 3], normalizer_params={"decay": 0.99, "scale": True}, scope="b")
            params = {"epsilon": 1e-3}
            x = slim.conv2d(x, 8, [3, 3], normalizer_params=params, scope="c")
            x = slim.conv2d(x, 8, [1, 1], normalizer_fn=None, scope="d")
        return slim.batch_norm(x, scope="final")
