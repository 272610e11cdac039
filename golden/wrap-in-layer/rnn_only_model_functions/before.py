"""Model functions whose only variables are their RNN cells' (made through the variable
scope when dynamic_rnn & co run the cell): they build a model as much as one calling
get_variable does, so each becomes a decorated Keras layer. A helper that only builds
a cell and hands it back makes no variable (the function running it does): it stays a
function, as tensor2tensor's _dropout_lstm_cell does beside its lstm(). (Its lstm() itself
takes name=, which Keras layers reserve: it stays a function, and says so.)"""
import tensorflow.compat.v1 as tf


def _dropout_lstm_cell(hidden, keep_prob):
    return tf.nn.rnn_cell.DropoutWrapper(tf.nn.rnn_cell.LSTMCell(hidden), input_keep_prob=keep_prob)


def lstm(inputs, hidden=5, num_layers=2, name="lstm"):
    layers = [_dropout_lstm_cell(hidden, 1.0) for _ in range(num_layers)]
    with tf.variable_scope(name):
        outputs, _ = tf.nn.dynamic_rnn(tf.nn.rnn_cell.MultiRNNCell(layers), inputs, dtype=tf.float32,
                                       time_major=False)
        return outputs


def stacked_lstm(inputs, hidden=5, num_layers=2):
    with tf.variable_scope("stack"):
        cell = tf.nn.rnn_cell.MultiRNNCell([_dropout_lstm_cell(hidden, 1.0) for _ in range(num_layers)])
        outputs, _ = tf.nn.dynamic_rnn(cell, inputs, dtype=tf.float32)
    return outputs[:, -1]


def bidirectional_gru(inputs, hidden=4):
    (fw, bw), _ = tf.nn.bidirectional_dynamic_rnn(
        tf.nn.rnn_cell.GRUCell(hidden), tf.nn.rnn_cell.GRUCell(hidden), inputs, dtype=tf.float32)
    return tf.concat([fw, bw], axis=-1)


def unrolled(inputs, hidden=3):
    steps = tf.unstack(inputs, axis=1)
    outputs, state = tf.nn.static_rnn(tf.nn.rnn_cell.BasicRNNCell(hidden), steps, dtype=tf.float32)
    return tf.stack(outputs, axis=1) + tf.expand_dims(state, 1)
