import tensorflow as tf


def defaults():
    return tf.keras.optimizers.Adam(epsilon=1e-08)


def custom():
    return tf.keras.optimizers.Adam(learning_rate=0.01, beta_1=0.8, beta_2=0.99, epsilon=1e-4, name="MyAdam")


def positional():
    return tf.keras.optimizers.Adam(learning_rate=0.01, beta_1=0.8, beta_2=0.99, epsilon=1e-4)
