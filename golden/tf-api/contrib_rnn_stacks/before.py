"""contrib.rnn's stacked bidirectional RNNs (TensorLayer's import) and its LSTMBlockCell
(Sonnet 1's), however reached."""
import tensorflow as tf
from tensorflow.contrib import rnn
from tensorflow.contrib.rnn import stack_bidirectional_dynamic_rnn
from tensorflow.contrib.rnn import stack_bidirectional_rnn as stacked_static
from tensorflow.contrib.rnn import LSTMBlockCell


def encode(inputs, lengths):
  cells_fw = [tf.contrib.rnn.LSTMCell(8), rnn.GRUCell(8)]
  cells_bw = [tf.contrib.rnn.LSTMCell(8), rnn.GRUCell(8)]
  outputs, _, _ = stack_bidirectional_dynamic_rnn(cells_fw, cells_bw, inputs, sequence_length=lengths,
                                                  dtype=tf.float32)
  again, _, _ = tf.contrib.rnn.stack_bidirectional_dynamic_rnn(
      cells_fw, cells_bw, outputs, dtype=tf.float32,  # reused cells: a second stack
      scope="second")
  return again


def encode_static(steps):
  return rnn.stack_bidirectional_rnn([rnn.LSTMCell(4)], [rnn.LSTMCell(4)], steps, dtype=tf.float32)


def encode_aliased(steps):
  return stacked_static([tf.contrib.rnn.BasicRNNCell(4)], [tf.contrib.rnn.BasicRNNCell(4)], steps, dtype=tf.float32)


def fused_cells(inputs):
  cells = [tf.contrib.rnn.LSTMBlockCell(8, use_peephole=True), rnn.LSTMBlockCell(8, forget_bias=0.0),
           LSTMBlockCell(8, cell_clip=1.0)]
  return tf.nn.dynamic_rnn(tf.contrib.rnn.MultiRNNCell(cells), inputs, dtype=tf.float32)
