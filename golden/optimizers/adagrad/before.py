import tensorflow as tf


def defaults():
    return tf.train.AdagradOptimizer(0.1)


def custom():
    return tf.train.AdagradOptimizer(learning_rate=0.5, initial_accumulator_value=0.01, name="Ada")


def positional():
    return tf.train.AdagradOptimizer(0.5, 0.01)
