import tensorflow as tf


def defaults():
    return tf.train.AdamOptimizer()


def custom():
    return tf.train.AdamOptimizer(learning_rate=0.01, beta1=0.8, beta2=0.99, epsilon=1e-4, name="MyAdam")


def positional():
    return tf.train.AdamOptimizer(0.01, 0.8, 0.99, 1e-4)
