import tensorflow as tf


def defaults():
    return tf.train.RMSPropOptimizer(0.01)


def custom():
    return tf.train.RMSPropOptimizer(0.001, decay=0.8, momentum=0.5, epsilon=1e-6, centered=True)


def positional():
    return tf.train.RMSPropOptimizer(0.001, 0.8, 0.5, 1e-6, False, True)
