"""TF1 RNN cells in a model function: the cell makes its variables through the variable
scope when dynamic_rnn runs it, so the layer keeps track_tf1_style_variables for good
(stage 5 says why at the line), under every spelling of the cells and RNN functions.
Without the decorator the cell would be made again on every call, with new weights each
time and none of them the layer's (measured: two calls differed by 0.02). The cells are
tf-keras' in TensorFlow 2.21; a default run makes them tf1to2.rnn_cell's (stage 7), TF1's
cells on Keras 3 too: the numeric check runs under both Kerases."""
import tensorflow as tf
import tensorflow.compat.v1 as tf1
from tensorflow.compat.v1.nn import rnn_cell
from tf1to2 import track_tf1_style_variables


class Encoder(tf.keras.layers.Layer):
    def __init__(self, hidden=6, **kwargs):
        super().__init__(**kwargs)
        self.hidden = hidden

    @track_tf1_style_variables
    def call(self, x):
        with tf1.variable_scope("encoder"):
            proj = tf1.get_variable("proj", [5, 4])
            x = tf.einsum("btf,fg->btg", x, proj)
            cell = tf1.nn.rnn_cell.LSTMCell(self.hidden)
            _, state = tf1.nn.dynamic_rnn(cell, x, dtype=tf.float32)
            return tf1.layers.dense(state.h, 3, name="logits")


class Stacked(tf.keras.layers.Layer):
    @track_tf1_style_variables
    def call(self, x):
        cells = rnn_cell.MultiRNNCell([rnn_cell.GRUCell(4), rnn_cell.BasicLSTMCell(3)])
        outputs, _ = tf.compat.v1.nn.dynamic_rnn(
            cells,
            x,
            dtype=tf.float32,
            scope="stack")
        w = tf1.get_variable("w", [3, 2])
        return tf.matmul(outputs[:, -1], w)


class Bidirectional(tf.keras.layers.Layer):
    @track_tf1_style_variables
    def call(self, x):
        forward, backward = tf1.nn.rnn_cell.GRUCell(3, name="fw"), tf1.nn.rnn_cell.GRUCell(3, name="bw")
        (out_fw, out_bw), _ = tf1.nn.bidirectional_dynamic_rnn(forward, backward, x, dtype=tf.float32)
        bias = tf1.get_variable("bias", [6], initializer=tf1.zeros_initializer())
        return tf.concat([out_fw[:, -1], out_bw[:, -1]], axis=-1) + bias
