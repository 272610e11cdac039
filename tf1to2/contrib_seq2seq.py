"""The two functions of ``tf.contrib.seq2seq`` that TF1 model code calls outside its
decoders, written for this shim to compute what TF1's computed: ``sequence_loss`` (a
weighted softmax cross-entropy over a batch of sequences, averaged or summed as its flags
say) and ``tile_batch`` (each batch entry repeated, for beam search). contrib.seq2seq's
helpers, decoders and attention mechanisms have no home in TensorFlow 2.21 (TF Addons,
where they went, stopped at TF 2.15): stage 0 warns of them.

``tests/shim/keras3_checks.py`` checks both against TF1's formulas in NumPy, in every
mode. Imports TensorFlow; never LibCST or the codemod.
"""
from __future__ import annotations

import tensorflow as tf

__all__ = ["sequence_loss", "tile_batch"]


def sequence_loss(logits, targets, weights, average_across_timesteps=True, average_across_batch=True,
                  sum_over_timesteps=False, sum_over_batch=False, softmax_loss_function=None, name=None):
    """TF1's ``tf.contrib.seq2seq.sequence_loss``: ``logits`` [batch, time, classes],
    ``targets`` and ``weights`` [batch, time]; each position's cross-entropy times its
    weight, then: averaged over both axes (the sum divided by the sum of the weights), or
    summed over both (divided by the count of non-zero weights), or over one axis either
    way ([time] or [batch] left), or neither ([batch, time])."""
    logits = tf.convert_to_tensor(logits)
    targets = tf.convert_to_tensor(targets)
    weights = tf.convert_to_tensor(weights)
    if logits.shape.rank != 3:
        raise ValueError("Logits must be a [batch_size x sequence_length x logits] tensor")
    if targets.shape.rank != 2:
        raise ValueError("Targets must be a [batch_size x sequence_length] tensor")
    if weights.shape.rank != 2:
        raise ValueError("Weights must be a [batch_size x sequence_length] tensor")
    if average_across_timesteps and sum_over_timesteps:
        raise ValueError("average_across_timesteps and sum_over_timesteps cannot be set to True at same time.")
    if average_across_batch and sum_over_batch:
        raise ValueError("average_across_batch and sum_over_batch cannot be set to True at same time.")
    with tf.name_scope(name or "sequence_loss"):
        flat_logits = tf.reshape(logits, [-1, tf.shape(logits)[2]])
        flat_targets = tf.reshape(targets, [-1])
        if softmax_loss_function is None:
            losses = tf.nn.sparse_softmax_cross_entropy_with_logits(labels=flat_targets, logits=flat_logits)
        else:
            losses = softmax_loss_function(labels=flat_targets, logits=flat_logits)
        losses = losses * tf.reshape(weights, [-1])
        if average_across_timesteps and average_across_batch:
            return tf.math.divide_no_nan(tf.reduce_sum(losses), tf.reduce_sum(weights))
        if sum_over_timesteps and sum_over_batch:
            count = tf.cast(tf.math.count_nonzero(weights), losses.dtype)
            return tf.math.divide_no_nan(tf.reduce_sum(losses), count)
        losses = tf.reshape(losses, tf.shape(logits)[0:2])
        if average_across_timesteps or average_across_batch:
            axis = [0] if average_across_batch else [1]
            return tf.math.divide_no_nan(tf.reduce_sum(losses, axis=axis), tf.reduce_sum(weights, axis=axis))
        if sum_over_timesteps or sum_over_batch:
            axis = [0] if sum_over_batch else [1]
            count = tf.cast(tf.math.count_nonzero(weights, axis=axis), losses.dtype)
            return tf.math.divide_no_nan(tf.reduce_sum(losses, axis=axis), count)
        return losses


def tile_batch(t, multiplier, name=None):
    """TF1's ``tf.contrib.seq2seq.tile_batch``: every tensor of the structure ``t`` with
    each batch entry repeated ``multiplier`` times in place ([a, b] → [a, a, b, b]), its
    static batch size multiplied where known; a tensor of unknown rank, or a scalar,
    raises as TF1's did."""
    def tile(x):
        x = tf.convert_to_tensor(x)
        if x.shape.rank is None or x.shape.rank < 1:
            raise ValueError("t must have statically known rank")
        return tf.repeat(x, multiplier, axis=0)

    with tf.name_scope(name or "tile_batch"):
        return tf.nest.map_structure(tile, t)
