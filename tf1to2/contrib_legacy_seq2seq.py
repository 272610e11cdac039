"""``tf.contrib.legacy_seq2seq``'s decoders and losses on TensorFlow 2.21, which has no
contrib: the list-of-tensors sequence models of TF1's early tutorials (char-rnn's
``rnn_decoder`` and ``sequence_loss_by_example``, the translation tutorial's bucketed
models). Written for this shim to compute what contrib's did, under the same variable
scopes, so TF1 checkpoints load:

* ``rnn_decoder(decoder_inputs, initial_state, cell, loop_function=None, scope=None)``:
  the cell run over a Python list of inputs in the scope ``rnn_decoder``, its variables
  reused after the first step; with ``loop_function``, each input after the first is
  ``loop_function(previous output, i)``;
* ``basic_rnn_seq2seq`` (an encoder copy of the cell, then the decoder: scope
  ``basic_rnn_seq2seq``) and ``tied_rnn_seq2seq`` (one cell for both:
  ``combined_tied_rnn_seq2seq/tied_rnn_seq2seq``);
* ``embedding_rnn_decoder``: an ``embedding`` variable [num_symbols, embedding_size],
  and with ``feed_previous`` greedy decoding (argmax of the projected output, embedded);
* ``sequence_loss_by_example`` (per example: the weighted cross-entropies summed over
  the steps, divided by the summed weights + 1e-12 when averaging) and
  ``sequence_loss`` (their sum, divided by the batch size when averaging);
* ``model_with_buckets``: one model per bucket, sharing variables, and their losses.

Its attention decoders and ``embedding_*_seq2seq`` models, built on contrib.rnn's own
wrappers, stay warned. ``tests/shim/keras3_checks.py`` checks each against its formula
in NumPy, in a TF1 graph. Imports TensorFlow; never LibCST or the codemod.
"""
from __future__ import annotations

import copy

import tensorflow as tf

__all__ = ["rnn_decoder", "basic_rnn_seq2seq", "tied_rnn_seq2seq", "embedding_rnn_decoder",
           "sequence_loss_by_example", "sequence_loss", "model_with_buckets"]

v1 = tf.compat.v1


def rnn_decoder(decoder_inputs, initial_state, cell, loop_function=None, scope=None):
    """(the cell's outputs, one per input; its last state)."""
    with v1.variable_scope(scope or "rnn_decoder"):
        state = initial_state
        outputs = []
        previous = None
        for i, step_input in enumerate(decoder_inputs):
            if loop_function is not None and previous is not None:
                with v1.variable_scope("loop_function", reuse=True):
                    step_input = loop_function(previous, i)
            if i > 0:
                v1.get_variable_scope().reuse_variables()
            output, state = cell(step_input, state)
            outputs.append(output)
            if loop_function is not None:
                previous = output
    return outputs, state


def basic_rnn_seq2seq(encoder_inputs, decoder_inputs, cell, dtype=tf.float32, scope=None):
    """A copy of ``cell`` encodes (``static_rnn``), ``cell`` decodes from its last state."""
    with v1.variable_scope(scope or "basic_rnn_seq2seq"):
        _, encoded = v1.nn.static_rnn(copy.deepcopy(cell), encoder_inputs, dtype=dtype)
        return rnn_decoder(decoder_inputs, encoded, cell)


def tied_rnn_seq2seq(encoder_inputs, decoder_inputs, cell, loop_function=None, dtype=tf.float32, scope=None):
    """``cell`` encodes and decodes, with the same variables."""
    with v1.variable_scope("combined_tied_rnn_seq2seq"):
        scope = scope or "tied_rnn_seq2seq"
        _, encoded = v1.nn.static_rnn(cell, encoder_inputs, dtype=dtype, scope=scope)
        v1.get_variable_scope().reuse_variables()
        return rnn_decoder(decoder_inputs, encoded, cell, loop_function=loop_function, scope=scope)


def _argmax_and_embed(embedding, output_projection=None, update_embedding=True):
    """The loop function of greedy decoding: the previous output (projected), its argmax,
    embedded (no gradient into the embedding when not ``update_embedding``)."""
    def loop_function(previous, _):
        if output_projection is not None:
            previous = tf.compat.v1.nn.xw_plus_b(previous, output_projection[0], output_projection[1])
        embedded = tf.nn.embedding_lookup(embedding, tf.argmax(previous, 1))
        return embedded if update_embedding else tf.stop_gradient(embedded)

    return loop_function


def embedding_rnn_decoder(decoder_inputs, initial_state, cell, num_symbols, embedding_size, output_projection=None,
                          feed_previous=False, update_embedding_for_previous=True, scope=None):
    """``rnn_decoder`` over the embedded symbols (``embedding`` made here); with
    ``feed_previous``, only the first symbol is read, the rest decoded greedily."""
    with v1.variable_scope(scope or "embedding_rnn_decoder") as outer:
        if output_projection is not None:
            weights = tf.convert_to_tensor(output_projection[0], dtype=outer.dtype)
            weights.get_shape().assert_is_compatible_with([None, num_symbols])
            biases = tf.convert_to_tensor(output_projection[1], dtype=outer.dtype)
            biases.get_shape().assert_is_compatible_with([num_symbols])
        embedding = v1.get_variable("embedding", [num_symbols, embedding_size])
        loop_function = _argmax_and_embed(embedding, output_projection, update_embedding_for_previous) \
            if feed_previous else None
        embedded = (tf.nn.embedding_lookup(embedding, symbols) for symbols in decoder_inputs)
        return rnn_decoder(embedded, initial_state, cell, loop_function=loop_function)


def sequence_loss_by_example(logits, targets, weights, average_across_timesteps=True, softmax_loss_function=None,
                             name=None):
    """Per example: the sum over the steps of the cross-entropy times its weight, divided
    by the summed weights (+ 1e-12) when ``average_across_timesteps``. ``logits``,
    ``targets``, ``weights``: lists of the same length, one entry per step."""
    if len(targets) != len(logits) or len(weights) != len(logits):
        raise ValueError("Lengths of logits, weights, and targets must be the same %d, %d, %d."
                         % (len(logits), len(weights), len(targets)))
    with tf.name_scope(name or "sequence_loss_by_example"):
        terms = []
        for logit, target, weight in zip(logits, targets, weights):
            if softmax_loss_function is None:
                entropy = tf.nn.sparse_softmax_cross_entropy_with_logits(labels=tf.reshape(target, [-1]),
                                                                         logits=logit)
            else:
                entropy = softmax_loss_function(labels=target, logits=logit)
            terms.append(entropy * weight)
        total = tf.add_n(terms)
        if average_across_timesteps:
            total /= tf.add_n(weights) + 1e-12
    return total


def sequence_loss(logits, targets, weights, average_across_timesteps=True, average_across_batch=True,
                  softmax_loss_function=None, name=None):
    """``sequence_loss_by_example`` summed over the batch, divided by the batch size when
    ``average_across_batch``."""
    with tf.name_scope(name or "sequence_loss"):
        cost = tf.reduce_sum(sequence_loss_by_example(logits, targets, weights,
                                                      average_across_timesteps=average_across_timesteps,
                                                      softmax_loss_function=softmax_loss_function))
        if average_across_batch:
            return cost / tf.cast(tf.shape(targets[0])[0], cost.dtype)
        return cost


def model_with_buckets(encoder_inputs, decoder_inputs, targets, weights, buckets, seq2seq,
                       softmax_loss_function=None, per_example_loss=False, name=None):
    """``seq2seq`` built once per bucket (input length, output length) on the first inputs,
    sharing variables after the first: (each bucket's outputs, each bucket's loss)."""
    if len(encoder_inputs) < buckets[-1][0]:
        raise ValueError("Length of encoder_inputs (%d) must be at least that of last bucket (%d)."
                         % (len(encoder_inputs), buckets[-1][0]))
    if len(targets) < buckets[-1][1]:
        raise ValueError("Length of targets (%d) must be at least that of last bucket (%d)."
                         % (len(targets), buckets[-1][1]))
    if len(weights) < buckets[-1][1]:
        raise ValueError("Length of weights (%d) must be at least that of last bucket (%d)."
                         % (len(weights), buckets[-1][1]))
    losses, outputs = [], []
    with tf.name_scope(name or "model_with_buckets"):
        for j, (encoder_length, decoder_length) in enumerate(buckets):
            with v1.variable_scope(v1.get_variable_scope(), reuse=True if j > 0 else None):
                bucket_outputs, _ = seq2seq(encoder_inputs[:encoder_length], decoder_inputs[:decoder_length])
                outputs.append(bucket_outputs)
                loss = sequence_loss_by_example if per_example_loss else sequence_loss
                losses.append(loss(bucket_outputs, targets[:decoder_length], weights[:decoder_length],
                                   softmax_loss_function=softmax_loss_function))
    return outputs, losses
