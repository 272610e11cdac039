import tensorflow as tf
import tensorflow.contrib as tc


def actor(obs):
    x = tc.layers.layer_norm(obs)
    return tc.rnn.LSTMCell(4)(x)
