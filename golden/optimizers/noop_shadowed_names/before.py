import tensorflow as tf
from tensorflow import train


def with_param(tf):
    return tf.train.AdamOptimizer(0.1)


def with_local():
    train = load_config()
    return train.GradientDescentOptimizer(0.1)


def with_loop(modules):
    for tf in modules:
        tf.train.AdamOptimizer(0.1)
