import tensorflow as tf


def defaults():
    return tf.contrib.opt.NadamOptimizer()


def custom():
    return tf.contrib.opt.NadamOptimizer(0.01, beta1=0.8, beta2=0.99, epsilon=1e-4)
