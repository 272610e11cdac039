"""Layers built with slim's default initializers, big enough to compare distributions."""
import tf_slim as slim


def wide(images):
    x = slim.conv2d(images, 128, [3, 3], scope="conv")
    x = slim.conv2d_transpose(x, 64, [3, 3], scope="up")
    x = slim.separable_conv2d(x, 128, [3, 3], depth_multiplier=4, scope="sep")
    x = slim.separable_conv2d(x, None, [5, 5], depth_multiplier=8, scope="dw")
    x = slim.flatten(slim.max_pool2d(x, [4, 4], stride=4))
    return slim.fully_connected(x, 512, scope="fc")
