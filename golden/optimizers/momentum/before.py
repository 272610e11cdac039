import tensorflow as tf


def defaults():
    return tf.train.MomentumOptimizer(0.1, 0.9)


def custom():
    return tf.train.MomentumOptimizer(momentum=0.5, learning_rate=0.02, use_nesterov=True, name="Mom")


def positional():
    return tf.train.MomentumOptimizer(0.02, 0.5, False, "Mom", True)
