import tensorflow as tf


def defaults():
    return tf.keras.optimizers.Adadelta(epsilon=1e-08)


def custom():
    return tf.keras.optimizers.Adadelta(learning_rate=1.0, rho=0.9, epsilon=1e-6, name="Delta")


def positional():
    return tf.keras.optimizers.Adadelta(learning_rate=1.0, rho=0.9, epsilon=1e-6)
