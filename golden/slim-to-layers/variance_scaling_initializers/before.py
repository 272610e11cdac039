"""slim's variance_scaling_initializer, truncated normal (its default) and uniform, in
each mode, and its xavier_initializer's normal form (that variance scaling, factor 1,
FAN_AVG): the rewrite's tf.compat.v1.variance_scaling_initializer must draw from the
same distribution. slim's truncated normal is sqrt(1.3 * factor / n) wide, TensorFlow's
sqrt(scale / n) / 0.8796...: the scale carries the difference."""
import tf_slim as slim


def wide(x):
    x = slim.fully_connected(x, 2048, weights_initializer=slim.variance_scaling_initializer(), scope="fan_in")
    x = slim.fully_connected(x, 1024, scope="fan_avg",
                             weights_initializer=slim.variance_scaling_initializer(factor=1.0, mode="FAN_AVG"))
    x = slim.fully_connected(x, 2048, scope="uniform",
                             weights_initializer=slim.variance_scaling_initializer(0.5, "FAN_OUT", True))
    return slim.fully_connected(x, 1024, weights_initializer=slim.xavier_initializer(uniform=False), scope="xavier")
