"""tf.contrib.seq2seq: sequence_loss, tile_batch, the decoding API, attention and beam
search, however reached, become the shim's (which computes what TF1's did); its monotonic
attention has no TF 2.21 home and stays warned, and so does an import of the module
something still reads."""
import tensorflow as tf
from tensorflow.contrib import seq2seq
import tensorflow.contrib.seq2seq as s2s
from tensorflow.contrib.seq2seq import sequence_loss as seq_loss


def loss(logits, targets, weights):
    return seq2seq.sequence_loss(logits, targets, weights), seq_loss(logits, targets, weights,
                                                                     average_across_batch=False)


def beams(state, width):
    return tf.contrib.seq2seq.tile_batch(state, multiplier=width), s2s.tile_batch(state, width)


def decoder(cell, helper, state, embedding, start, end, memory):
    beams = s2s.BeamSearchDecoder(cell, embedding, start, end, state, beam_width=4)
    return s2s.BasicDecoder(cell, helper, state), beams, s2s.LuongMonotonicAttention(8, memory)
