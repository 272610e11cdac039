import tensorflow as tf

layers = tf.compat.v1.layers
rnn = tf.compat.v1.nn.rnn_cell
Optimizer = tf.compat.v1.train.Optimizer
dense = layers.dense


def f(x):
    nn = tf.compat.v1.nn
    return dense(nn.relu(x), 3), layers.Dense(3), rnn.GRUCell(4)
