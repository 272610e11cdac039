import tensorflow.compat.v1 as tf
import tensorflow


def gradient_descent():
    return tensorflow.keras.optimizers.SGD(learning_rate=0.1)


def momentum():
    return tensorflow.keras.optimizers.SGD(learning_rate=0.05, momentum=0.9, nesterov=True)


def adam():
    return tensorflow.keras.optimizers.Adam(learning_rate=0.01, beta_1=0.5, epsilon=1e-08)


def rmsprop():
    return tensorflow.keras.optimizers.RMSprop(learning_rate=0.01, rho=0.8, epsilon=1e-10)


def adadelta():
    return tensorflow.keras.optimizers.Adadelta(learning_rate=1.0, epsilon=1e-08)


def adagrad():
    return tensorflow.keras.optimizers.Adagrad(learning_rate=0.3, epsilon=0.0)


def ftrl():
    return tensorflow.keras.optimizers.Ftrl(learning_rate=0.2, l1_regularization_strength=0.01)
