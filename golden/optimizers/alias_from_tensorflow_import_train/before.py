from tensorflow import train


def gradient_descent():
    return train.GradientDescentOptimizer(0.1)


def momentum():
    return train.MomentumOptimizer(0.05, 0.9, use_nesterov=True)


def adam():
    return train.AdamOptimizer(0.01, beta1=0.5)


def rmsprop():
    return train.RMSPropOptimizer(0.01, 0.8)


def adadelta():
    return train.AdadeltaOptimizer(1.0)


def adagrad():
    return train.AdagradOptimizer(0.3)


def ftrl():
    return train.FtrlOptimizer(0.2, l1_regularization_strength=0.01)
