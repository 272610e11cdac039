"""contrib.rnn's LayerNormBasicLSTMCell, as tensor2tensor, OpenNMT-tf, Ludwig and Magenta
build it: through tf.contrib.rnn, imported by name, in a MultiRNNCell with TF1's own
cells (which keep their tf.compat.v1 names)."""
import tensorflow as tf
from tf1to2.contrib_rnn import LayerNormBasicLSTMCell
import tf1to2.contrib_rnn


def encoder(inputs, hidden_size, keep_prob, layers):
    cells = [tf1to2.contrib_rnn.LayerNormBasicLSTMCell(hidden_size, dropout_keep_prob=keep_prob)
             for _ in range(layers)]
    cells.append(tf.compat.v1.nn.rnn_cell.LSTMCell(hidden_size))
    return tf.compat.v1.nn.dynamic_rnn(tf.compat.v1.nn.rnn_cell.MultiRNNCell(cells), inputs, dtype=tf.float32)


def plain(hidden_size):
    return LayerNormBasicLSTMCell(hidden_size, layer_norm=False)
