import tensorflow as tf


def defaults():
    return tf.train.AdadeltaOptimizer()


def custom():
    return tf.train.AdadeltaOptimizer(learning_rate=1.0, rho=0.9, epsilon=1e-6, name="Delta")


def positional():
    return tf.train.AdadeltaOptimizer(1.0, 0.9, 1e-6)
