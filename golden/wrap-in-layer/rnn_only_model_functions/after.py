"""Model functions whose only variables are their RNN cells' (made through the variable
scope when dynamic_rnn & co run the cell): they build a model as much as one calling
get_variable does, so each becomes a decorated Keras layer. A helper that only builds
a cell and hands it back makes no variable (the function running it does): it stays a
function, as tensor2tensor's _dropout_lstm_cell does beside its lstm(). (Its lstm() itself
takes name=, which Keras layers reserve: it stays a function, and says so.)"""
import tensorflow.compat.v1 as tf
import tensorflow
from tf1to2 import track_tf1_style_variables


def _dropout_lstm_cell(hidden, keep_prob):
    return tf.nn.rnn_cell.DropoutWrapper(tf.nn.rnn_cell.LSTMCell(hidden), input_keep_prob=keep_prob)


def lstm(inputs, hidden=5, num_layers=2, name="lstm"):
    layers = [_dropout_lstm_cell(hidden, 1.0) for _ in range(num_layers)]
    with tf.variable_scope(name):
        outputs, _ = tf.nn.dynamic_rnn(tf.nn.rnn_cell.MultiRNNCell(layers), inputs, dtype=tf.float32,
                                       time_major=False)
        return outputs


class StackedLstm(tensorflow.keras.layers.Layer):
    def __init__(self, hidden=5, num_layers=2, **kwargs):
        super().__init__(**kwargs)
        self.hidden = hidden
        self.num_layers = num_layers

    @track_tf1_style_variables
    def call(self, inputs):
        with tf.variable_scope("stack"):
            cell = tf.nn.rnn_cell.MultiRNNCell([_dropout_lstm_cell(self.hidden, 1.0) for _ in range(self.num_layers)])
            outputs, _ = tf.nn.dynamic_rnn(cell, inputs, dtype=tf.float32)
        return outputs[:, -1]


class BidirectionalGru(tensorflow.keras.layers.Layer):
    def __init__(self, hidden=4, **kwargs):
        super().__init__(**kwargs)
        self.hidden = hidden

    @track_tf1_style_variables
    def call(self, inputs):
        (fw, bw), _ = tf.nn.bidirectional_dynamic_rnn(
            tf.nn.rnn_cell.GRUCell(self.hidden), tf.nn.rnn_cell.GRUCell(self.hidden), inputs, dtype=tf.float32)
        return tf.concat([fw, bw], axis=-1)


class Unrolled(tensorflow.keras.layers.Layer):
    def __init__(self, hidden=3, **kwargs):
        super().__init__(**kwargs)
        self.hidden = hidden

    @track_tf1_style_variables
    def call(self, inputs):
        steps = tf.unstack(inputs, axis=1)
        outputs, state = tf.nn.static_rnn(tf.nn.rnn_cell.BasicRNNCell(self.hidden), steps, dtype=tf.float32)
        return tf.stack(outputs, axis=1) + tf.expand_dims(state, 1)
