"""contrib.rnn's stacked bidirectional RNNs (TensorLayer's import) and its LSTMBlockCell
(Sonnet 1's), however reached."""
import tensorflow as tf
from tf1to2.contrib_rnn import stack_bidirectional_dynamic_rnn
from tf1to2.contrib_rnn import stack_bidirectional_rnn as stacked_static
from tf1to2.contrib_rnn import LSTMBlockCell
import tf1to2.contrib_rnn


def encode(inputs, lengths):
  cells_fw = [tf.compat.v1.nn.rnn_cell.LSTMCell(8), tf.compat.v1.nn.rnn_cell.GRUCell(8)]
  cells_bw = [tf.compat.v1.nn.rnn_cell.LSTMCell(8), tf.compat.v1.nn.rnn_cell.GRUCell(8)]
  outputs, _, _ = stack_bidirectional_dynamic_rnn(cells_fw, cells_bw, inputs, sequence_length=lengths,
                                                  dtype=tf.float32)
  again, _, _ = tf1to2.contrib_rnn.stack_bidirectional_dynamic_rnn(
      cells_fw, cells_bw, outputs, dtype=tf.float32,  # reused cells: a second stack
      scope="second")
  return again


def encode_static(steps):
  return tf1to2.contrib_rnn.stack_bidirectional_rnn([tf.compat.v1.nn.rnn_cell.LSTMCell(4)], [tf.compat.v1.nn.rnn_cell.LSTMCell(4)], steps, dtype=tf.float32)


def encode_aliased(steps):
  return stacked_static([tf.compat.v1.nn.rnn_cell.BasicRNNCell(4)], [tf.compat.v1.nn.rnn_cell.BasicRNNCell(4)], steps, dtype=tf.float32)


def fused_cells(inputs):
  cells = [tf1to2.contrib_rnn.LSTMBlockCell(8, use_peephole=True), tf1to2.contrib_rnn.LSTMBlockCell(8, forget_bias=0.0),
           LSTMBlockCell(8, cell_clip=1.0)]
  return tf.compat.v1.nn.dynamic_rnn(tf.compat.v1.nn.rnn_cell.MultiRNNCell(cells), inputs, dtype=tf.float32)
