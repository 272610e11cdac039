"""Slim calls this rule leaves alone, each with a warning."""
import tf_slim as slim


def under_a_scope(x, sc):
    # an arg_scope (here one known only at run time) may set its arguments
    with slim.arg_scope(sc):
        return slim.conv2d(x, 8, [3, 3], scope="a")


def other_normalizer(x):
    return slim.conv2d(x, 8, [3, 3], normalizer_fn=slim.layer_norm, scope="b")


def params_not_literal(x, bn_params):
    return slim.conv2d(x, 8, [3, 3], normalizer_fn=slim.batch_norm, normalizer_params=bn_params, scope="c")


def passes_kwargs(x, **kwargs):
    return slim.fully_connected(x, 8, **kwargs)


def depthwise_in_an_expression(x):
    # becomes a block of statements: only from a line of its own (x = ... or return ...)
    return [slim.separable_conv2d(x, None, [3, 3], depth_multiplier=1, scope="dw")]


def computed_data_format(x, fmt):
    return slim.conv2d(x, 8, [3, 3], data_format=fmt, scope="d")


def zero_debias(x):
    return slim.batch_norm(x, zero_debias_moving_mean=True, is_training=False, scope="bn")
