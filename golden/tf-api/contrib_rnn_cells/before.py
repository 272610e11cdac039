"""tf.contrib.rnn's cells and static RNN functions were tf.nn's own objects re-exported
(TensorFlow 1.x): each becomes its tf.compat.v1 name, as tf_upgrade_v2 maps them,
whether spelled through tensorflow, through `from tensorflow.contrib import rnn` (the
import goes once nothing reads it) or imported by name (the import moves). Cells are
tf-keras' in TensorFlow 2.21, which this stage alone says at each; a default run makes
them tf1to2.rnn_cell's (stage 7). What contrib alone had (LayerNormBasicLSTMCell) is
the shim's."""
import tensorflow as tf
from tensorflow.contrib import rnn
from tensorflow.contrib.rnn import GRUCell, static_rnn as unroll


def encoder(x, hidden=16, keep=0.9):
    cell = rnn.MultiRNNCell([
        rnn.DropoutWrapper(rnn.LSTMCell(hidden), output_keep_prob=keep),
        GRUCell(hidden),
    ])
    steps = tf.unstack(x, axis=1)
    outputs, state = rnn.static_rnn(cell, steps, dtype=tf.float32)
    assert isinstance(state[0], rnn.LSTMStateTuple)
    more, _ = unroll(tf.contrib.rnn.BasicLSTMCell(3), outputs, dtype=tf.float32)
    return more[-1]


def normalized(hidden):
    return tf.contrib.rnn.LayerNormBasicLSTMCell(hidden)
