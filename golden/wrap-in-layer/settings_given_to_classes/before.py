"""A parameter given first to a TensorFlow class the forward pass builds (a v1 layer's
units, an RNN cell's) is a setting of the layer, not an input: Keras 3 takes only tensors
by position (``AttentionDecoder(...)(memory, lengths, 4, 7)`` raised). One given first to
tf.Variable is a tensor still."""
import tensorflow as tf
import tf1to2.contrib_seq2seq


def attention_decoder(memory, memory_lengths, targets, target_lengths, num_units, vocab):
    mechanism = tf1to2.contrib_seq2seq.LuongAttention(num_units, memory, memory_sequence_length=memory_lengths)
    cell = tf1to2.contrib_seq2seq.AttentionWrapper(tf.compat.v1.nn.rnn_cell.LSTMCell(num_units), mechanism)
    helper = tf1to2.contrib_seq2seq.TrainingHelper(targets, target_lengths)
    decoder = tf1to2.contrib_seq2seq.BasicDecoder(
        cell, helper, cell.zero_state(tf.size(memory_lengths), tf.float32),
        output_layer=tf.compat.v1.layers.Dense(vocab, use_bias=False))
    return tf1to2.contrib_seq2seq.dynamic_decode(decoder)[0].rnn_output


def shifted(inputs, start):
    offset = tf.compat.v1.Variable(start, name="offset")
    return tf.compat.v1.layers.dense(inputs + offset, 3)
