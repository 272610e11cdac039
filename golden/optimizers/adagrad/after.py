import tensorflow as tf


def defaults():
    return tf.keras.optimizers.Adagrad(learning_rate=0.1, epsilon=0.0)


def custom():
    return tf.keras.optimizers.Adagrad(learning_rate=0.5, initial_accumulator_value=0.01, name="Ada", epsilon=0.0)


def positional():
    return tf.keras.optimizers.Adagrad(learning_rate=0.5, initial_accumulator_value=0.01, epsilon=0.0)
