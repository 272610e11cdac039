"""tf.contrib.legacy_seq2seq (char-rnn's decoder and loss, the translation tutorial's
models) becomes the shim's, however reached, its module files too; its attention
decoders stay warned."""
import tensorflow as tf
from tensorflow.contrib import legacy_seq2seq
from tensorflow.contrib.legacy_seq2seq.python.ops import seq2seq
from tensorflow.contrib.legacy_seq2seq.python.ops.seq2seq import rnn_decoder


def char_rnn(inputs, initial_state, cell, logits, targets, batch_size, seq_length, loop):
    outputs, last_state = legacy_seq2seq.rnn_decoder(inputs, initial_state, cell,
                                                     loop_function=loop if loop else None, scope='rnnlm')
    loss = tf.contrib.legacy_seq2seq.sequence_loss_by_example(
        [logits],
        [tf.reshape(targets, [-1])],
        [tf.ones([batch_size * seq_length])])
    return outputs, last_state, tf.reduce_sum(loss) / batch_size / seq_length


def decoders(inputs, state, cell, attention_states):
    plain, _ = rnn_decoder(inputs, state, cell)
    attended, _ = seq2seq.attention_decoder(inputs, state, attention_states, cell)
    return plain, attended, seq2seq.sequence_loss
