"""repeat(inputs, n, layer, *args) passes its extra positional arguments to the layer
after its input: a setting they do not give is handed down as a parameter."""
import tf_slim as slim


def block(x, pad="SAME"):
    return slim.repeat(x, 2, slim.conv2d, 8, [3, 3], scope="c", padding=pad)


def net(x, pad="SAME"):
    return block(x, pad=pad)
