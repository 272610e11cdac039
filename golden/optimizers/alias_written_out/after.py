import tensorflow as tf


def gradient_descent():
    return tf.keras.optimizers.SGD(learning_rate=0.1)


def momentum():
    return tf.keras.optimizers.SGD(learning_rate=0.05, momentum=0.9, nesterov=True)


def adam():
    return tf.keras.optimizers.Adam(learning_rate=0.01, beta_1=0.5, epsilon=1e-08)


def rmsprop():
    return tf.keras.optimizers.RMSprop(learning_rate=0.01, rho=0.8, epsilon=1e-10)


def adadelta():
    return tf.keras.optimizers.Adadelta(learning_rate=1.0, epsilon=1e-08)


def adagrad():
    return tf.keras.optimizers.Adagrad(learning_rate=0.3, epsilon=0.0)


def ftrl():
    return tf.keras.optimizers.Ftrl(learning_rate=0.2, l1_regularization_strength=0.01)
