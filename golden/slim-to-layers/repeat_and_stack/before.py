import tf_slim as slim


def net(x, is_training):
    x = slim.repeat(x, 2, slim.conv2d, 64, [3, 3], scope="conv1")
    x = slim.repeat(x, 3, slim.conv2d, 128, [3, 3], padding="VALID", scope="conv2")
    x = slim.stack(x, slim.conv2d, [(32, [3, 3]), (32, [1, 1]), (64, [3, 3])], scope="convs")
    x = slim.flatten(x)
    x = slim.stack(x, slim.fully_connected, [32, 64, 128], scope="fc")
    # not unrolled: a count known at run time, a scope slim generates
    y = slim.repeat(x, is_training + 1, slim.fully_connected, 8, scope="dyn")
    return slim.repeat(y, 2, slim.fully_connected, 8)
