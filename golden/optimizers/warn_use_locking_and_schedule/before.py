import tensorflow as tf


def build(global_step, locking):
    lr = tf.train.exponential_decay(0.1, global_step, 1000, 0.96)
    adam = tf.train.AdamOptimizer(lr, use_locking=True)
    sgd = tf.train.GradientDescentOptimizer(
        tf.train.piecewise_constant(global_step, [100], [0.1, 0.01]), use_locking=locking
    )
    return adam, sgd
