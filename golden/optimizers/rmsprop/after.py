import tensorflow as tf


def defaults():
    return tf.keras.optimizers.RMSprop(learning_rate=0.01, epsilon=1e-10)


def custom():
    return tf.keras.optimizers.RMSprop(learning_rate=0.001, rho=0.8, momentum=0.5, epsilon=1e-6, centered=True)


def positional():
    return tf.keras.optimizers.RMSprop(learning_rate=0.001, rho=0.8, momentum=0.5, epsilon=1e-6, centered=True)
