import tensorflow as tf


def defaults():
    return tf.keras.optimizers.SGD(learning_rate=0.1)


def custom():
    return tf.keras.optimizers.SGD(learning_rate=0.05, name="SGDTrain")


def positional():
    return tf.keras.optimizers.SGD(learning_rate=0.05, name="SGDTrain")
