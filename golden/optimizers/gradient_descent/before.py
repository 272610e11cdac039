import tensorflow as tf


def defaults():
    return tf.train.GradientDescentOptimizer(0.1)


def custom():
    return tf.train.GradientDescentOptimizer(learning_rate=0.05, use_locking=False, name="SGDTrain")


def positional():
    return tf.train.GradientDescentOptimizer(0.05, False, "SGDTrain")
