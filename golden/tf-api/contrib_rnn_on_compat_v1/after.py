"""A module that imports only tensorflow.compat.v1 (as tensor2tensor's do): contrib.rnn's
cells become that alias' nn.rnn_cell names. A contrib.rnn module alias with a use
that has no TF2 home (LSTMBlockCell) stays imported, and that use is warned; another
alias whose every use moved goes."""
import tensorflow.compat.v1 as tf1
import tensorflow.contrib.rnn as contrib_rnn


def encoder(x, hidden=16):
    cell = tf1.nn.rnn_cell.LSTMCell(hidden, name="cell")
    outputs, state = tf1.nn.dynamic_rnn(cell, x, dtype=tf1.float32)
    return outputs


def fast(x, hidden=16):
    cell = contrib_rnn.LSTMBlockCell(hidden)
    first = tf1.nn.rnn_cell.GRUCell(
        hidden)
    return cell, first
