"""contrib.rnn's LayerNormBasicLSTMCell, as tensor2tensor, OpenNMT-tf, Ludwig and Magenta
build it: through tf.contrib.rnn, imported by name, in a MultiRNNCell with TF1's own
cells (which keep their tf.compat.v1 names)."""
import tensorflow as tf
from tensorflow.contrib.rnn import LayerNormBasicLSTMCell


def encoder(inputs, hidden_size, keep_prob, layers):
    cells = [tf.contrib.rnn.LayerNormBasicLSTMCell(hidden_size, dropout_keep_prob=keep_prob)
             for _ in range(layers)]
    cells.append(tf.contrib.rnn.LSTMCell(hidden_size))
    return tf.nn.dynamic_rnn(tf.contrib.rnn.MultiRNNCell(cells), inputs, dtype=tf.float32)


def plain(hidden_size):
    return LayerNormBasicLSTMCell(hidden_size, layer_norm=False)
