"""tf.contrib.seq2seq: sequence_loss, tile_batch, the decoding API, attention and beam
search, however reached, become the shim's (which computes what TF1's did); its monotonic
attention has no TF 2.21 home and stays warned, and so does an import of the module
something still reads."""
import tensorflow as tf
import tensorflow.contrib.seq2seq as s2s
from tf1to2.contrib_seq2seq import sequence_loss as seq_loss
import tf1to2.contrib_seq2seq


def loss(logits, targets, weights):
    return tf1to2.contrib_seq2seq.sequence_loss(logits, targets, weights), seq_loss(logits, targets, weights,
                                                                     average_across_batch=False)


def beams(state, width):
    return tf1to2.contrib_seq2seq.tile_batch(state, multiplier=width), tf1to2.contrib_seq2seq.tile_batch(state, width)


def decoder(cell, helper, state, embedding, start, end, memory):
    beams = tf1to2.contrib_seq2seq.BeamSearchDecoder(cell, embedding, start, end, state, beam_width=4)
    return tf1to2.contrib_seq2seq.BasicDecoder(cell, helper, state), beams, s2s.LuongMonotonicAttention(8, memory)
