import tensorflow as tf


class AdamOptimizer:
    """Our own optimizer, not TensorFlow's."""

    def __init__(self, learning_rate=0.001, beta1=0.9):
        self.learning_rate = learning_rate
        self.beta1 = beta1


opt = AdamOptimizer(0.1, beta1=0.5)


class train:
    GradientDescentOptimizer = AdamOptimizer


sgd = train.GradientDescentOptimizer(0.1)
