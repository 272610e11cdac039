"""A module that imports only tensorflow.compat.v1 (as tensor2tensor's do): contrib.rnn's
cells become that alias' nn.rnn_cell names. A contrib.rnn module alias with a use
that has no TF2 home (LSTMBlockFusedCell) stays imported, and that use is warned; so does
one whose names moved but which is also handed on as a value, warned at its import, and
the module imported in a function."""
import tensorflow.compat.v1 as tf1
import tensorflow.contrib.rnn as contrib_rnn
from tensorflow.contrib import rnn as R


def encoder(x, hidden=16):
    cell = R.LSTMCell(hidden, name="cell")
    outputs, state = tf1.nn.dynamic_rnn(cell, x, dtype=tf1.float32)
    return outputs


def fast(x, hidden=16):
    cell = contrib_rnn.LSTMBlockFusedCell(hidden)
    first = contrib_rnn.GRUCell(
        hidden)
    return cell, first


def module_value():
    return R


def lazily():
    from tensorflow.contrib import rnn as lazy_rnn
    return lazy_rnn
