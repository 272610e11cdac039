import tensorflow as tf


def defaults():
    return tf.keras.optimizers.SGD(learning_rate=0.1, momentum=0.9)


def custom():
    return tf.keras.optimizers.SGD(momentum=0.5, learning_rate=0.02, nesterov=True, name="Mom")


def positional():
    return tf.keras.optimizers.SGD(learning_rate=0.02, momentum=0.5, name="Mom", nesterov=True)
