import tensorflow.compat.v1 as v1


def gradient_descent():
    return v1.train.GradientDescentOptimizer(0.1)


def momentum():
    return v1.train.MomentumOptimizer(0.05, 0.9, use_nesterov=True)


def adam():
    return v1.train.AdamOptimizer(0.01, beta1=0.5)


def rmsprop():
    return v1.train.RMSPropOptimizer(0.01, 0.8)


def adadelta():
    return v1.train.AdadeltaOptimizer(1.0)


def adagrad():
    return v1.train.AdagradOptimizer(0.3)


def ftrl():
    return v1.train.FtrlOptimizer(0.2, l1_regularization_strength=0.01)
