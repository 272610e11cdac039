"""TF1's RNN cells as the tf-api stage leaves them (tf.compat.v1.nn.rnn_cell, which
TensorFlow 2.21 loads from tf-keras: under Keras 3 every name raises) → the shim's
tf1to2.rnn_cell, TF1's cells on Keras 3 too, however they are spelled or imported, and
however they are used: built, subclassed, checked with isinstance, the module handed
on as a value. An import of the cells or of the module is made from the shim instead,
at any depth, so the names it binds stay (other files may import them from here) and
their uses stay as they are; one that also imports a name the shim lacks stays, and
the uses of its cells are rewritten. A name of the module that is not TF1's public API
is left; so is a local name that only looks like the module."""
import tensorflow as tf
import tensorflow.compat.v1 as tf1
from tensorflow.compat.v1.nn import rnn_cell
from tensorflow.compat.v1.nn.rnn_cell import LSTMCell, LSTMStateTuple as StateTuple


class Cell(tf.compat.v1.nn.rnn_cell.RNNCell):
    pass


def cells(hidden, keep=0.9, kind="lstm"):
    if kind == "gru":
        make = tf1.nn.rnn_cell.GRUCell
    else:
        make = LSTMCell
    stack = rnn_cell.MultiRNNCell([
        tf.compat.v1.nn.rnn_cell.DropoutWrapper(
            make(hidden), output_keep_prob=keep)
        for _ in range(2)])
    return stack


def encode(x, hidden):
    net = tf1.layers.dense(x, hidden)
    cell = tf.compat.v1.nn.rnn_cell.LSTMCell(
        hidden,
        name="encoder_cell")
    outputs, state = tf1.nn.dynamic_rnn(cell, net, dtype=tf.float32)
    assert isinstance(state, (StateTuple, tf1.nn.rnn_cell.LSTMStateTuple))
    return outputs


def by_name(name, hidden):
    module = tf.compat.v1.nn.rnn_cell
    return getattr(module, name)(hidden)


def private(x):
    return tf.compat.v1.nn.rnn_cell._private_helper(x)


def shadowed(rnn_cell):
    return rnn_cell.LSTMCell(3)


def lazily(hidden):
    from tensorflow.compat.v1.nn.rnn_cell import GRUCell as G
    import tensorflow.compat.v1.nn.rnn_cell as rc
    return G(hidden), rc.BasicRNNCell(hidden)


def mixed(hidden):
    from tensorflow.compat.v1.nn.rnn_cell import BasicLSTMCell, _private_helper
    return BasicLSTMCell(hidden), _private_helper
