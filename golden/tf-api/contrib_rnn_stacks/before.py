"""contrib.rnn's stacked bidirectional RNNs (TensorLayer's import), however reached."""
import tensorflow as tf
from tensorflow.contrib import rnn
from tensorflow.contrib.rnn import stack_bidirectional_dynamic_rnn
from tensorflow.contrib.rnn import stack_bidirectional_rnn as stacked_static


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
