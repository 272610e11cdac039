import tensorflow as tf
from tensorflow.contrib.opt import AdaMaxOptimizer


def defaults():
    return tf.contrib.opt.AdaMaxOptimizer()


def custom():
    return tf.contrib.opt.AdaMaxOptimizer(learning_rate=0.01, beta1=0.8, beta2=0.99, epsilon=1e-4)


def positional():
    return AdaMaxOptimizer(0.01, 0.8, 0.99, 1e-4, False, "AdaMax")
