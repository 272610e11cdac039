import tensorflow as tf
import tensorflow.contrib as tc
import tf_slim


def actor(obs):
    x = tf_slim.layer_norm(obs)
    return tc.rnn.LSTMCell(4)(x)
