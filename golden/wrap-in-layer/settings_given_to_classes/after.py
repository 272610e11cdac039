"""A parameter given first to a TensorFlow class the forward pass builds (a v1 layer's
units, an RNN cell's) is a setting of the layer, not an input: Keras 3 takes only tensors
by position (``AttentionDecoder(...)(memory, lengths, 4, 7)`` raised). One given first to
tf.Variable is a tensor still."""
import tensorflow as tf
import tf1to2.contrib_seq2seq
from tf1to2 import track_tf1_style_variables


class AttentionDecoder(tf.keras.layers.Layer):
    def __init__(self, targets, target_lengths, num_units, vocab, **kwargs):
        super().__init__(**kwargs)
        self.targets = targets
        self.target_lengths = target_lengths
        self.num_units = num_units
        self.vocab = vocab

    @track_tf1_style_variables
    def call(self, memory, memory_lengths):
        mechanism = tf1to2.contrib_seq2seq.LuongAttention(self.num_units, memory, memory_sequence_length=memory_lengths)
        cell = tf1to2.contrib_seq2seq.AttentionWrapper(tf.compat.v1.nn.rnn_cell.LSTMCell(self.num_units), mechanism)
        helper = tf1to2.contrib_seq2seq.TrainingHelper(self.targets, self.target_lengths)
        decoder = tf1to2.contrib_seq2seq.BasicDecoder(
            cell, helper, cell.zero_state(tf.size(memory_lengths), tf.float32),
            output_layer=tf.compat.v1.layers.Dense(self.vocab, use_bias=False))
        return tf1to2.contrib_seq2seq.dynamic_decode(decoder)[0].rnn_output


class Shifted(tf.keras.layers.Layer):
    @track_tf1_style_variables
    def call(self, inputs, start):
        offset = tf.compat.v1.Variable(start, name="offset")
        return tf.compat.v1.layers.dense(inputs + offset, 3, name="dense")
