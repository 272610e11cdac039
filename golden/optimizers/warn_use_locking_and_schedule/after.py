import tensorflow as tf


def build(global_step, locking):
    lr = tf.train.exponential_decay(0.1, global_step, 1000, 0.96)
    adam = tf.keras.optimizers.Adam(learning_rate=lr, epsilon=1e-08)
    sgd = tf.keras.optimizers.SGD(
        learning_rate=tf.train.piecewise_constant(global_step, [100], [0.1, 0.01])
    )
    return adam, sgd
