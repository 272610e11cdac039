"""An attention decoder as TF1's NMT tutorial built it (tf.contrib.seq2seq's attention,
wrapper, helpers, decoder and dynamic_decode, however imported): every name becomes the
shim's, which computes what contrib's did under its variable names."""
import tensorflow as tf
from tensorflow.contrib import seq2seq
from tensorflow.contrib.seq2seq import AttentionWrapper, dynamic_decode as decode


def build_decoder(encoder_outputs, source_lengths, target_inputs, target_lengths, embedding, num_units, vocab,
                  mode, attention_option="luong"):
    with tf.variable_scope("decoder") as decoder_scope:
        if attention_option == "luong":
            attention_mechanism = tf.contrib.seq2seq.LuongAttention(
                num_units, encoder_outputs, memory_sequence_length=source_lengths, scale=True)
        else:
            attention_mechanism = seq2seq.BahdanauAttention(
                num_units, encoder_outputs, memory_sequence_length=source_lengths, normalize=True)
        cell = AttentionWrapper(tf.nn.rnn_cell.BasicLSTMCell(num_units), attention_mechanism,
                                attention_layer_size=num_units, alignment_history=(mode != "train"),
                                name="attention")
        batch_size = tf.size(source_lengths)
        initial_state = cell.zero_state(batch_size, tf.float32)
        output_layer = tf.layers.Dense(vocab, use_bias=False, name="output_projection")
        if mode == "train":
            helper = tf.contrib.seq2seq.TrainingHelper(target_inputs, target_lengths)
        else:
            helper = seq2seq.GreedyEmbeddingHelper(embedding, tf.fill([batch_size], 1), 2)
        my_decoder = tf.contrib.seq2seq.BasicDecoder(cell, helper, initial_state, output_layer=output_layer)
        outputs, final_state, _ = decode(my_decoder, maximum_iterations=50, swap_memory=True, scope=decoder_scope)
    return outputs.rnn_output, outputs.sample_id, final_state
