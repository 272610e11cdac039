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

import abc
import collections
import math

import numpy as np
import tensorflow as tf

from tf1to2 import rnn_cell

__all__ = ["sequence_loss", "tile_batch",
           "BasicDecoderOutput", "Helper", "CustomHelper", "TrainingHelper", "ScheduledEmbeddingTrainingHelper",
           "ScheduledOutputTrainingHelper", "GreedyEmbeddingHelper", "SampleEmbeddingHelper", "InferenceHelper",
           "Decoder", "BasicDecoder", "dynamic_decode",
           "AttentionMechanism", "LuongAttention", "BahdanauAttention", "AttentionWrapper", "AttentionWrapperState",
           "hardmax", "BeamSearchDecoder", "BeamSearchDecoderOutput", "BeamSearchDecoderState",
           "FinalBeamSearchDecoderOutput", "gather_tree", "gather_tree_from_array"]


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


# ------------------------------------------------------------------ decoding
# contrib.seq2seq's decoding API, written for the shim to do what contrib's did: a
# Decoder steps a TF1 RNN cell (``tf1to2.rnn_cell``'s, or any ``cell(inputs, state)``),
# a Helper says what it reads and when each sequence ends, ``dynamic_decode`` runs the
# steps in a ``tf.while_loop`` (eagerly, in ``tf.function`` or in a TF1 graph) under the
# variable scope ``decoder``, as contrib's did, so the cell's variables keep their TF1
# names (``decoder/basic_lstm_cell/kernel``). A finished sequence's rows are picked with
# TF1's ``where`` (a [batch] condition selects whole rows).

class BasicDecoderOutput(collections.namedtuple("BasicDecoderOutput", ("rnn_output", "sample_id"))):
    """One step's (and, stacked, every step's) cell output and sampled id."""


def _transpose_batch_time(x):
    """[batch, time, ...] ↔ [time, batch, ...] (a tensor of rank < 2 as it is)."""
    x = tf.convert_to_tensor(x)
    rank = x.shape.rank
    if rank is not None and rank < 2:
        return x
    if rank is None:
        perm = tf.concat([[1, 0], tf.range(2, tf.rank(x))], axis=0)
        return tf.transpose(x, perm)
    return tf.transpose(x, [1, 0, *range(2, rank)])


def _unstack_ta(x):
    return tf.TensorArray(dtype=x.dtype, size=tf.shape(x)[0], element_shape=x.shape[1:]).unstack(x)


def _embedding_fn(embedding):
    return embedding if callable(embedding) else (lambda ids: tf.nn.embedding_lookup(embedding, ids))


def categorical_sample(logits, dtype=tf.int32, sample_shape=(), seed=None):
    """One id per row of ``logits`` (its last axis the classes), drawn from its softmax."""
    logits = tf.convert_to_tensor(logits)
    flat = tf.reshape(logits, [-1, tf.shape(logits)[-1]])
    draws = tf.random.categorical(flat, 1, seed=seed, dtype=tf.int64 if logits.dtype.size > 4 else tf.int32)
    return tf.cast(tf.reshape(draws, tf.shape(logits)[:-1]), dtype)


def bernoulli_sample(probs=None, logits=None, dtype=tf.int32, sample_shape=(), seed=None):
    """Draws of ``probs`` (or ``sigmoid(logits)``), ``sample_shape`` of them: uniform
    numbers below the probability, as contrib's Bernoulli drew them."""
    probs = tf.sigmoid(logits) if probs is None else tf.convert_to_tensor(probs)
    shape = tf.concat([tf.reshape(sample_shape, [-1]), tf.shape(probs)], axis=0)
    return tf.cast(tf.random.uniform(shape, seed=seed, dtype=probs.dtype) < probs, dtype)


class Helper(abc.ABC):
    """What a BasicDecoder reads at each step and when each sequence ends."""

    @property
    @abc.abstractmethod
    def batch_size(self):
        raise NotImplementedError("batch_size has not been implemented")

    @property
    @abc.abstractmethod
    def sample_ids_shape(self):
        raise NotImplementedError("sample_ids_shape has not been implemented")

    @property
    @abc.abstractmethod
    def sample_ids_dtype(self):
        raise NotImplementedError("sample_ids_dtype has not been implemented")

    @abc.abstractmethod
    def initialize(self, name=None):
        """(initial finished, initial inputs)."""

    @abc.abstractmethod
    def sample(self, time, outputs, state, name=None):
        """The sample ids of this step."""

    @abc.abstractmethod
    def next_inputs(self, time, outputs, state, sample_ids, name=None):
        """(finished, next inputs, next state)."""


class CustomHelper(Helper):
    """A Helper of three functions: ``initialize_fn() → (finished, inputs)``,
    ``sample_fn(time, outputs, state)``, ``next_inputs_fn(time, outputs, state,
    sample_ids) → (finished, inputs, state)``."""

    def __init__(self, initialize_fn, sample_fn, next_inputs_fn, sample_ids_shape=None, sample_ids_dtype=None):
        self._initialize_fn, self._sample_fn, self._next_inputs_fn = initialize_fn, sample_fn, next_inputs_fn
        self._batch_size = None
        self._sample_ids_shape = tf.TensorShape(sample_ids_shape or [])
        self._sample_ids_dtype = sample_ids_dtype or tf.int32

    @property
    def batch_size(self):
        if self._batch_size is None:
            raise ValueError("batch_size accessed before initialize was called")
        return self._batch_size

    @property
    def sample_ids_shape(self):
        return self._sample_ids_shape

    @property
    def sample_ids_dtype(self):
        return self._sample_ids_dtype

    def initialize(self, name=None):
        finished, inputs = self._initialize_fn()
        if self._batch_size is None:
            self._batch_size = tf.size(finished)
        return finished, inputs

    def sample(self, time, outputs, state, name=None):
        return self._sample_fn(time=time, outputs=outputs, state=state)

    def next_inputs(self, time, outputs, state, sample_ids, name=None):
        return self._next_inputs_fn(time=time, outputs=outputs, state=state, sample_ids=sample_ids)


class TrainingHelper(Helper):
    """Reads the given inputs (teacher forcing) until each sequence's length; samples
    the argmax of the outputs."""

    def __init__(self, inputs, sequence_length, time_major=False, name=None):
        inputs = tf.nest.map_structure(lambda x: tf.convert_to_tensor(x, name="inputs"), inputs)
        self._inputs = inputs
        if not time_major:
            inputs = tf.nest.map_structure(_transpose_batch_time, inputs)
        self._input_tas = tf.nest.map_structure(_unstack_ta, inputs)
        self._sequence_length = tf.convert_to_tensor(sequence_length, name="sequence_length")
        if self._sequence_length.shape.rank != 1:
            raise ValueError("Expected sequence_length to be a vector, but received shape: %s"
                             % self._sequence_length.shape)
        self._zero_inputs = tf.nest.map_structure(lambda x: tf.zeros_like(x[0, :]), inputs)
        self._batch_size = tf.size(sequence_length)

    @property
    def inputs(self):
        return self._inputs

    @property
    def sequence_length(self):
        return self._sequence_length

    @property
    def batch_size(self):
        return self._batch_size

    @property
    def sample_ids_shape(self):
        return tf.TensorShape([])

    @property
    def sample_ids_dtype(self):
        return tf.int32

    def _read(self, time):
        return tf.nest.map_structure(lambda ta: ta.read(time), self._input_tas)

    def initialize(self, name=None):
        finished = tf.equal(0, self._sequence_length)
        return finished, tf.cond(tf.reduce_all(finished), lambda: self._zero_inputs, lambda: self._read(0))

    def sample(self, time, outputs, name=None, **unused):
        return tf.cast(tf.argmax(outputs, axis=-1), tf.int32)

    def next_inputs(self, time, outputs, state, name=None, **unused):
        next_time = time + 1
        finished = next_time >= self._sequence_length
        inputs = tf.cond(tf.reduce_all(finished), lambda: self._zero_inputs, lambda: self._read(next_time))
        return finished, inputs, state


def _scatter_merge(where_a, updates_a, where_b, updates_b, shape):
    return tf.scatter_nd(where_a, updates_a, shape) + tf.scatter_nd(where_b, updates_b, shape)


class ScheduledEmbeddingTrainingHelper(TrainingHelper):
    """TrainingHelper that, with ``sampling_probability``, feeds the embedding of an id
    sampled from the outputs instead of the given input (ids -1 where it did not)."""

    def __init__(self, inputs, sequence_length, embedding, sampling_probability, time_major=False, seed=None,
                 scheduling_seed=None, name=None):
        self._embedding_fn = _embedding_fn(embedding)
        self._sampling_probability = tf.convert_to_tensor(sampling_probability, name="sampling_probability")
        if self._sampling_probability.shape.rank not in (0, 1):
            raise ValueError("sampling_probability must be either a scalar or a vector. saw shape: %s"
                             % self._sampling_probability.shape)
        self._seed, self._scheduling_seed = seed, scheduling_seed
        super().__init__(inputs=inputs, sequence_length=sequence_length, time_major=time_major, name=name)

    def sample(self, time, outputs, state, name=None):
        chosen = bernoulli_sample(probs=self._sampling_probability, dtype=tf.bool, sample_shape=self.batch_size,
                                  seed=self._scheduling_seed)
        return tf.where(chosen, categorical_sample(logits=outputs, seed=self._seed),
                        tf.fill([self.batch_size], -1))

    def next_inputs(self, time, outputs, state, sample_ids, name=None):
        finished, base, state = super().next_inputs(time=time, outputs=outputs, state=state, sample_ids=sample_ids)

        def sampled():
            where = tf.cast(tf.where(sample_ids > -1), tf.int32)
            where_not = tf.cast(tf.where(sample_ids <= -1), tf.int32)
            return _scatter_merge(where, self._embedding_fn(tf.gather_nd(sample_ids, where)),
                                  where_not, tf.gather_nd(base, where_not), tf.shape(base))

        return finished, tf.cond(tf.reduce_all(finished), lambda: base, sampled), state


class ScheduledOutputTrainingHelper(TrainingHelper):
    """TrainingHelper that, with ``sampling_probability``, feeds the outputs (through
    ``next_inputs_fn``, with ``auxiliary_inputs`` concatenated) instead of the given input;
    its sample ids say where it did."""

    def __init__(self, inputs, sequence_length, sampling_probability, time_major=False, seed=None,
                 next_inputs_fn=None, auxiliary_inputs=None, name=None):
        self._sampling_probability = tf.convert_to_tensor(sampling_probability, name="sampling_probability")
        if self._sampling_probability.shape.rank not in (0, 1):
            raise ValueError("sampling_probability must be either a scalar or a vector. saw shape: %s"
                             % self._sampling_probability.shape)
        if auxiliary_inputs is None:
            joined = inputs
        else:
            inputs = tf.convert_to_tensor(inputs, name="inputs")
            auxiliary_inputs = tf.convert_to_tensor(auxiliary_inputs, name="auxiliary_inputs")
            joined = tf.nest.map_structure(lambda x, y: tf.concat((x, y), -1), inputs, auxiliary_inputs)
            if not time_major:
                auxiliary_inputs = tf.nest.map_structure(_transpose_batch_time, auxiliary_inputs)
        self._auxiliary_input_tas = (tf.nest.map_structure(_unstack_ta, auxiliary_inputs)
                                     if auxiliary_inputs is not None else None)
        self._seed = seed
        self._next_inputs_fn = next_inputs_fn
        super().__init__(inputs=joined, sequence_length=sequence_length, time_major=time_major, name=name)

    def sample(self, time, outputs, state, name=None):
        return bernoulli_sample(probs=self._sampling_probability, sample_shape=self.batch_size, seed=self._seed)

    def next_inputs(self, time, outputs, state, sample_ids, name=None):
        finished, base, state = super().next_inputs(time=time, outputs=outputs, state=state, sample_ids=sample_ids)
        sample_ids = tf.cast(sample_ids, tf.bool)

        def with_auxiliary(values, indices=None):
            if self._auxiliary_input_tas is None:
                return values
            auxiliary = tf.nest.map_structure(lambda ta: ta.read(time + 1), self._auxiliary_input_tas)
            if indices is not None:
                auxiliary = tf.gather_nd(auxiliary, indices)
            return tf.nest.map_structure(lambda x, y: tf.concat((x, y), -1), values, auxiliary)

        def sampled():
            if self._next_inputs_fn is None:
                return tf.compat.v1.where(sample_ids, with_auxiliary(outputs), base)
            where = tf.cast(tf.where(sample_ids), tf.int32)
            where_not = tf.cast(tf.where(tf.logical_not(sample_ids)), tf.int32)
            fed = with_auxiliary(self._next_inputs_fn(tf.gather_nd(outputs, where)), where)
            return _scatter_merge(where, fed, where_not, tf.gather_nd(base, where_not), tf.shape(base))

        skip = tf.logical_or(tf.reduce_all(finished), tf.logical_not(tf.reduce_any(sample_ids)))
        return finished, tf.cond(skip, lambda: base, sampled), state


class GreedyEmbeddingHelper(Helper):
    """Inference: feeds the embedding of the argmax of the outputs, from ``start_tokens``;
    a sequence ends at ``end_token``."""

    def __init__(self, embedding, start_tokens, end_token):
        self._embedding_fn = _embedding_fn(embedding)
        self._start_tokens = tf.convert_to_tensor(start_tokens, dtype=tf.int32, name="start_tokens")
        self._end_token = tf.convert_to_tensor(end_token, dtype=tf.int32, name="end_token")
        if self._start_tokens.shape.rank != 1:
            raise ValueError("start_tokens must be a vector")
        self._batch_size = tf.size(start_tokens)
        if self._end_token.shape.rank != 0:
            raise ValueError("end_token must be a scalar")
        self._start_inputs = self._embedding_fn(self._start_tokens)

    @property
    def batch_size(self):
        return self._batch_size

    @property
    def sample_ids_shape(self):
        return tf.TensorShape([])

    @property
    def sample_ids_dtype(self):
        return tf.int32

    def initialize(self, name=None):
        return tf.tile([False], [self._batch_size]), self._start_inputs

    def sample(self, time, outputs, state, name=None):
        if not tf.is_tensor(outputs):
            raise TypeError("Expected outputs to be a single Tensor, got: %s" % type(outputs))
        return tf.argmax(outputs, axis=-1, output_type=tf.int32)

    def next_inputs(self, time, outputs, state, sample_ids, name=None):
        finished = tf.equal(sample_ids, self._end_token)
        inputs = tf.cond(tf.reduce_all(finished), lambda: self._start_inputs, lambda: self._embedding_fn(sample_ids))
        return finished, inputs, state


class SampleEmbeddingHelper(GreedyEmbeddingHelper):
    """GreedyEmbeddingHelper that samples from the softmax of the outputs (divided by
    ``softmax_temperature``) instead of taking their argmax."""

    def __init__(self, embedding, start_tokens, end_token, softmax_temperature=None, seed=None):
        super().__init__(embedding, start_tokens, end_token)
        self._softmax_temperature, self._seed = softmax_temperature, seed

    def sample(self, time, outputs, state, name=None):
        if not tf.is_tensor(outputs):
            raise TypeError("Expected outputs to be a single Tensor, got: %s" % type(outputs))
        logits = outputs if self._softmax_temperature is None else outputs / self._softmax_temperature
        return categorical_sample(logits=logits, seed=self._seed)


class InferenceHelper(Helper):
    """Inference with functions of the user's: ``sample_fn(outputs)``, ``end_fn(sample_ids)``
    and ``next_inputs_fn(sample_ids)`` (the ids themselves without it)."""

    def __init__(self, sample_fn, sample_shape, sample_dtype, start_inputs, end_fn, next_inputs_fn=None):
        self._sample_fn, self._end_fn, self._next_inputs_fn = sample_fn, end_fn, next_inputs_fn
        self._sample_shape = tf.TensorShape(sample_shape)
        self._sample_dtype = sample_dtype
        self._batch_size = tf.shape(start_inputs)[0]
        self._start_inputs = tf.convert_to_tensor(start_inputs, name="start_inputs")

    @property
    def batch_size(self):
        return self._batch_size

    @property
    def sample_ids_shape(self):
        return self._sample_shape

    @property
    def sample_ids_dtype(self):
        return self._sample_dtype

    def initialize(self, name=None):
        return tf.tile([False], [self._batch_size]), self._start_inputs

    def sample(self, time, outputs, state, name=None):
        return self._sample_fn(outputs)

    def next_inputs(self, time, outputs, state, sample_ids, name=None):
        inputs = sample_ids if self._next_inputs_fn is None else self._next_inputs_fn(sample_ids)
        return self._end_fn(sample_ids), inputs, state


class Decoder(abc.ABC):
    """What ``dynamic_decode`` runs: ``initialize()``, ``step(time, inputs, state)``, and
    optionally ``finalize(outputs, final_state, sequence_lengths)``."""

    @property
    def batch_size(self):
        raise NotImplementedError

    @property
    def output_size(self):
        raise NotImplementedError

    @property
    def output_dtype(self):
        raise NotImplementedError

    @abc.abstractmethod
    def initialize(self, name=None):
        """(finished, initial inputs, initial state)."""

    @abc.abstractmethod
    def step(self, time, inputs, state, name=None):
        """(outputs, next state, next inputs, finished)."""

    def finalize(self, outputs, final_state, sequence_lengths):
        raise NotImplementedError

    @property
    def tracks_own_finished(self):
        return False


def _rnn_output_size(cell, output_layer):
    """The size of a decoder's output: the cell's, through ``output_layer``'s
    ``compute_output_shape`` when there is one."""
    if output_layer is None:
        return cell.output_size
    shapes = tf.nest.map_structure(lambda s: tf.TensorShape([None]).concatenate(s), cell.output_size)
    out = output_layer.compute_output_shape(shapes)
    if isinstance(out, (tuple, list)) and all(d is None or isinstance(d, int) for d in out):
        return tf.TensorShape(out)[1:]  # one shape, as Keras 3 gives it (a tuple)
    return tf.nest.map_structure(lambda s: tf.TensorShape(s)[1:], out)


class BasicDecoder(Decoder):
    """Steps ``cell`` on what ``helper`` feeds it, ``output_layer`` (a Dense, say) on its
    outputs, from ``initial_state``."""

    def __init__(self, cell, helper, initial_state, output_layer=None):
        if not callable(cell):
            raise TypeError("cell must be an RNNCell, received: %s" % type(cell))
        if not isinstance(helper, Helper):
            raise TypeError("helper must be a Helper, received: %s" % type(helper))
        if output_layer is not None and not callable(output_layer):
            raise TypeError("output_layer must be a Layer, received: %s" % type(output_layer))
        self._cell, self._helper, self._initial_state = cell, helper, initial_state
        self._output_layer = output_layer

    @property
    def batch_size(self):
        return self._helper.batch_size

    def _rnn_output_size(self):
        return _rnn_output_size(self._cell, self._output_layer)

    @property
    def output_size(self):
        return BasicDecoderOutput(rnn_output=self._rnn_output_size(), sample_id=self._helper.sample_ids_shape)

    @property
    def output_dtype(self):
        dtype = tf.nest.flatten(self._initial_state)[0].dtype
        return BasicDecoderOutput(tf.nest.map_structure(lambda _: dtype, self._rnn_output_size()),
                                  self._helper.sample_ids_dtype)

    def initialize(self, name=None):
        return self._helper.initialize() + (self._initial_state,)

    def step(self, time, inputs, state, name=None):
        cell_outputs, cell_state = self._cell(inputs, state)
        if self._output_layer is not None:
            cell_outputs = self._output_layer(cell_outputs)
        sample_ids = self._helper.sample(time=time, outputs=cell_outputs, state=cell_state)
        finished, next_inputs, next_state = self._helper.next_inputs(time=time, outputs=cell_outputs,
                                                                     state=cell_state, sample_ids=sample_ids)
        return BasicDecoderOutput(cell_outputs, sample_ids), next_state, next_inputs, finished


def _zeros(size, dtype, batch_size):
    """Zeros [batch_size, *size] of ``dtype`` (``size`` a shape, or a scalar tensor)."""
    if tf.is_tensor(size):
        return tf.zeros(tf.stack([batch_size, size]), dtype)
    return tf.zeros(tf.stack([batch_size, *tf.TensorShape(size).as_list()]), dtype)


def dynamic_decode(decoder, output_time_major=False, impute_finished=False, maximum_iterations=None,
                   parallel_iterations=32, swap_memory=False, scope=None):
    """Runs ``decoder`` until every sequence is finished (or ``maximum_iterations``
    steps): (outputs stacked over time, batch major unless ``output_time_major``; the
    final state; each sequence's length). With ``impute_finished``, a finished
    sequence's outputs are zeros and its state is copied through."""
    if not isinstance(decoder, Decoder):
        raise TypeError("Expected decoder to be type Decoder, but saw: %s" % type(decoder))
    with tf.compat.v1.variable_scope(scope, "decoder"):
        if maximum_iterations is not None:
            maximum_iterations = tf.convert_to_tensor(maximum_iterations, dtype=tf.int32, name="maximum_iterations")
            if maximum_iterations.shape.rank != 0:
                raise ValueError("maximum_iterations must be a scalar")
        initial_finished, initial_inputs, initial_state = decoder.initialize()
        zero_outputs = tf.nest.map_structure(lambda s, d: _zeros(s, d, decoder.batch_size), decoder.output_size,
                                             decoder.output_dtype)
        if maximum_iterations is not None:
            initial_finished = tf.logical_or(initial_finished, 0 >= maximum_iterations)
        initial_lengths = tf.zeros_like(initial_finished, dtype=tf.int32)
        batch = tf.get_static_value(tf.convert_to_tensor(decoder.batch_size))

        def element_shape(size):
            if not isinstance(size, tf.TensorShape) or size.rank == 0:
                return None
            return tf.TensorShape([batch]).concatenate(size)

        outputs_ta = tf.nest.map_structure(
            lambda s, d: tf.TensorArray(dtype=d, size=0, dynamic_size=True, element_shape=element_shape(s)),
            decoder.output_size, decoder.output_dtype)

        def condition(time, outputs_ta, state, inputs, finished, lengths):
            return tf.logical_not(tf.reduce_all(finished))

        def body(time, outputs_ta, state, inputs, finished, lengths):
            next_outputs, decoder_state, next_inputs, decoder_finished = decoder.step(time, inputs, state)
            next_finished = decoder_finished if decoder.tracks_own_finished else \
                tf.logical_or(decoder_finished, finished)
            next_lengths = tf.where(tf.logical_not(finished), tf.fill(tf.shape(lengths), time + 1), lengths)
            tf.nest.assert_same_structure(state, decoder_state)
            tf.nest.assert_same_structure(outputs_ta, next_outputs)
            tf.nest.assert_same_structure(inputs, next_inputs)
            if impute_finished:
                emit = tf.nest.map_structure(lambda out, zero: tf.compat.v1.where(finished, zero, out), next_outputs,
                                             zero_outputs)

                def copy_through(new, current):
                    if isinstance(current, tf.TensorArray):
                        return new
                    new.set_shape(current.shape)
                    return new if new.shape.rank == 0 else tf.compat.v1.where(finished, current, new)

                next_state = tf.nest.map_structure(copy_through, decoder_state, state)
            else:
                emit, next_state = next_outputs, decoder_state
            outputs_ta = tf.nest.map_structure(lambda ta, out: ta.write(time, out), outputs_ta, emit)
            return time + 1, outputs_ta, next_state, next_inputs, next_finished, next_lengths

        result = tf.while_loop(condition, body,
                               loop_vars=(tf.constant(0, tf.int32), outputs_ta, initial_state, initial_inputs,
                                          initial_finished, initial_lengths),
                               parallel_iterations=parallel_iterations, maximum_iterations=maximum_iterations,
                               swap_memory=swap_memory)
        final_outputs = tf.nest.map_structure(lambda ta: ta.stack(), result[1])
        final_state, final_lengths = result[2], result[5]
        try:
            final_outputs, final_state = decoder.finalize(final_outputs, final_state, final_lengths)
        except NotImplementedError:
            pass
        if not output_time_major:
            final_outputs = tf.nest.map_structure(_transpose_batch_time, final_outputs)
    return final_outputs, final_state, final_lengths


# ------------------------------------------------------------------ attention
# contrib.seq2seq's Luong and Bahdanau attention and its AttentionWrapper, written for the
# shim to compute what contrib's did under its variable names: the memory projection
# ``memory_layer/kernel`` where the mechanism is built, and, where the wrapper runs (in a
# decoder: ``decoder/attention_wrapper/...``), the cell's, ``attention_layer/kernel`` and
# the mechanism's (``bahdanau_attention/query_layer/kernel``, ``attention_v``, ...). The
# projections are the shim's v1 Dense layers (``tf1to2.layers``), as contrib's were
# tf.layers'. Monotonic attention stays warned.

def _dense(units, name):
    from tf1to2 import layers

    return layers.Dense(units, name=name, use_bias=False)


def _prepare_memory(memory, memory_sequence_length, check_inner_dims_defined):
    """The memory, zeros past each sequence's length."""
    memory = tf.nest.map_structure(lambda m: tf.convert_to_tensor(m, name="memory"), memory)
    if memory_sequence_length is not None:
        memory_sequence_length = tf.convert_to_tensor(memory_sequence_length, name="memory_sequence_length")
    if check_inner_dims_defined:
        for m in tf.nest.flatten(memory):
            if not m.shape[2:].is_fully_defined():
                raise ValueError("Expected memory %s to have fully defined inner dims, but saw shape: %s"
                                 % (m.name, m.shape))
    if memory_sequence_length is None:
        return memory

    def masked(m):
        mask = tf.sequence_mask(memory_sequence_length, maxlen=tf.shape(m)[1], dtype=m.dtype)
        return m * tf.reshape(mask, tf.concat([tf.shape(mask), tf.ones(m.shape.rank - 2, tf.int32)], 0))

    return tf.nest.map_structure(masked, memory)


def _mask_score(score, memory_sequence_length, score_mask_value):
    if memory_sequence_length is None:
        return score
    mask = tf.sequence_mask(memory_sequence_length, maxlen=tf.shape(score)[1])
    return tf.where(mask, score, score_mask_value * tf.ones_like(score))


class AttentionMechanism:
    """The base of contrib's attention mechanisms."""


class _BaseAttentionMechanism(AttentionMechanism):
    def __init__(self, query_layer, memory, probability_fn, memory_sequence_length=None, memory_layer=None,
                 check_inner_dims_defined=True, score_mask_value=None, custom_key_value_fn=None, name=None,
                 dtype=tf.float32):
        if not callable(probability_fn):
            raise TypeError("probability_fn must be callable, saw type: %s" % type(probability_fn).__name__)
        self._query_layer, self._memory_layer, self.dtype = query_layer, memory_layer, tf.as_dtype(dtype)
        if score_mask_value is None:
            score_mask_value = self.dtype.as_numpy_dtype(-np.inf)
        self._probability_fn = lambda score, previous: probability_fn(
            _mask_score(score, memory_sequence_length, score_mask_value), previous)
        with tf.name_scope(name or "BaseAttentionMechanismInit"):
            self._values = _prepare_memory(memory, memory_sequence_length, check_inner_dims_defined)
            self._keys = self._memory_layer(self._values) if self._memory_layer is not None else self._values
            if custom_key_value_fn is not None:
                self._keys, self._values = custom_key_value_fn(self._keys, self._values)
            self._batch_size = tf.compat.dimension_value(self._keys.shape[0]) or tf.shape(self._keys)[0]
            self._alignments_size = tf.compat.dimension_value(self._keys.shape[1]) or tf.shape(self._keys)[1]

    @property
    def memory_layer(self):
        return self._memory_layer

    @property
    def query_layer(self):
        return self._query_layer

    @property
    def values(self):
        return self._values

    @property
    def keys(self):
        return self._keys

    @property
    def batch_size(self):
        return self._batch_size

    @property
    def alignments_size(self):
        return self._alignments_size

    @property
    def state_size(self):
        return self._alignments_size

    def initial_alignments(self, batch_size, dtype):
        return _zeros(self._alignments_size, dtype, batch_size)

    def initial_state(self, batch_size, dtype):
        return self.initial_alignments(batch_size, dtype)


class LuongAttention(_BaseAttentionMechanism):
    """Multiplicative attention: score = query · (memory @ W), times a learned ``attention_g``
    with ``scale``."""

    def __init__(self, num_units, memory, memory_sequence_length=None, scale=False, probability_fn=None,
                 score_mask_value=None, dtype=None, custom_key_value_fn=None, name="LuongAttention"):
        probability_fn = probability_fn or tf.nn.softmax
        super().__init__(query_layer=None, memory_layer=_dense(num_units, "memory_layer"), memory=memory,
                         probability_fn=lambda score, _: probability_fn(score),
                         memory_sequence_length=memory_sequence_length, score_mask_value=score_mask_value,
                         custom_key_value_fn=custom_key_value_fn, name=name, dtype=dtype or tf.float32)
        self._num_units, self._scale, self._name = num_units, scale, name

    def __call__(self, query, state):
        with tf.compat.v1.variable_scope(None, "luong_attention", [query]):
            depth, key_units = query.shape[-1], self._keys.shape[-1]
            if depth != key_units:
                raise ValueError("Incompatible or unknown inner dimensions between query and keys.  Query (%s) has "
                                 "units: %s.  Keys (%s) have units: %s.  Perhaps you need to set num_units to the "
                                 "keys' dimension (%s)?" % (query, depth, self._keys, key_units, key_units))
            score = tf.squeeze(tf.matmul(query[:, tf.newaxis], self._keys, transpose_b=True), [1])
            if self._scale:
                score = tf.compat.v1.get_variable("attention_g", dtype=query.dtype,
                                                  initializer=tf.compat.v1.ones_initializer, shape=()) * score
        alignments = self._probability_fn(score, state)
        return alignments, alignments


class BahdanauAttention(_BaseAttentionMechanism):
    """Additive attention: score = v · tanh(memory @ W1 + query @ W2), with ``normalize``
    v weight-normalized (``attention_g``) and a bias ``attention_b``."""

    def __init__(self, num_units, memory, memory_sequence_length=None, normalize=False, probability_fn=None,
                 score_mask_value=None, dtype=None, custom_key_value_fn=None, name="BahdanauAttention"):
        probability_fn = probability_fn or tf.nn.softmax
        super().__init__(query_layer=_dense(num_units, "query_layer"), memory_layer=_dense(num_units, "memory_layer"),
                         memory=memory, probability_fn=lambda score, _: probability_fn(score),
                         memory_sequence_length=memory_sequence_length, score_mask_value=score_mask_value,
                         custom_key_value_fn=custom_key_value_fn, name=name, dtype=dtype or tf.float32)
        self._num_units, self._normalize, self._name = num_units, normalize, name

    def __call__(self, query, state):
        v1 = tf.compat.v1
        with v1.variable_scope(None, "bahdanau_attention", [query]):
            processed = self.query_layer(query) if self.query_layer is not None else query
            dtype = processed.dtype
            units = tf.compat.dimension_value(self._keys.shape[2]) or tf.shape(self._keys)[2]
            processed = processed[:, tf.newaxis]
            v = v1.get_variable("attention_v", [units], dtype=dtype)
            if self._normalize:
                g = v1.get_variable("attention_g", dtype=dtype, shape=(),
                                    initializer=v1.constant_initializer(math.sqrt(1.0 / units)))
                b = v1.get_variable("attention_b", [units], dtype=dtype, initializer=v1.zeros_initializer())
                score = tf.reduce_sum(g * v * tf.math.rsqrt(tf.reduce_sum(tf.square(v))) *
                                      tf.tanh(self._keys + processed + b), [2])
            else:
                score = tf.reduce_sum(v * tf.tanh(self._keys + processed), [2])
        alignments = self._probability_fn(score, state)
        return alignments, alignments


def hardmax(logits, name=None):
    """One-hot of the argmax over the last axis, in ``logits``' dtype."""
    with tf.name_scope(name or "Hardmax"):
        logits = tf.convert_to_tensor(logits, name="logits")
        depth = tf.compat.dimension_value(logits.shape[-1]) or tf.shape(logits)[-1]
        return tf.one_hot(tf.argmax(logits, -1), depth, dtype=logits.dtype)


class AttentionWrapperState(collections.namedtuple("AttentionWrapperState", (
        "cell_state", "attention", "time", "alignments", "alignment_history", "attention_state"))):
    """The wrapped cell's state, the last attention, the step, each mechanism's last
    alignments, their history (TensorArrays, when kept) and the mechanisms' states."""

    def clone(self, **kwargs):
        def with_same_shape(old, new):
            if isinstance(old, tf.Tensor) and isinstance(new, tf.Tensor):
                if not tf.executing_eagerly():
                    new.set_shape(old.shape)
                return new
            return new

        return tf.nest.map_structure(with_same_shape, self, super()._replace(**kwargs))


def _compute_attention(attention_mechanism, cell_output, attention_state, attention_layer):
    alignments, next_attention_state = attention_mechanism(cell_output, state=attention_state)
    context = tf.squeeze(tf.matmul(alignments[:, tf.newaxis], attention_mechanism.values), [1])
    attention = attention_layer(tf.concat([cell_output, context], 1)) if attention_layer is not None else context
    return attention, alignments, next_attention_state


def _attention_wrapper() -> type:
    """contrib's AttentionWrapper, a TF1 RNN cell (``tf1to2.rnn_cell.RNNCell``)."""
    class AttentionWrapper(rnn_cell.RNNCell):
        """Runs ``cell`` on its input joined with the last attention (``cell_input_fn``),
        then each attention mechanism on its output: the attention is the context
        (alignments over the memory's values), through ``attention_layer_size`` units of
        ``attention_layer`` (no bias) on [cell output, context] when given. Its output is
        the attention (``output_attention``) or the cell's."""

        def __init__(self, cell, attention_mechanism, attention_layer_size=None, alignment_history=False,
                     cell_input_fn=None, output_attention=True, initial_cell_state=None, name=None,
                     attention_layer=None, attention_fn=None):
            super().__init__(name=name)
            self._is_multi = isinstance(attention_mechanism, (list, tuple))
            mechanisms = tuple(attention_mechanism) if self._is_multi else (attention_mechanism,)
            for mechanism in mechanisms:
                if not isinstance(mechanism, AttentionMechanism):
                    raise TypeError("attention_mechanism must be an AttentionMechanism or list of multiple "
                                    "AttentionMechanism instances, saw type: %s" % type(mechanism).__name__)
            if cell_input_fn is None:
                cell_input_fn = lambda inputs, attention: tf.concat([inputs, attention], -1)  # noqa: E731
            elif not callable(cell_input_fn):
                raise TypeError("cell_input_fn must be callable, saw type: %s" % type(cell_input_fn).__name__)
            if attention_layer_size is not None and attention_layer is not None:
                raise ValueError("Only one of attention_layer_size and attention_layer should be set")
            if attention_layer_size is not None:
                sizes = tuple(attention_layer_size if isinstance(attention_layer_size, (list, tuple))
                              else (attention_layer_size,))
                if len(sizes) != len(mechanisms):
                    raise ValueError("If provided, attention_layer_size must contain exactly one integer per "
                                     "attention_mechanism, saw: %d vs %d" % (len(sizes), len(mechanisms)))
                self._attention_layers = tuple(_dense(size, "attention_layer") for size in sizes)
                self._attention_layer_size = sum(sizes)
            elif attention_layer is not None:
                self._attention_layers = tuple(attention_layer if isinstance(attention_layer, (list, tuple))
                                               else (attention_layer,))
                if len(self._attention_layers) != len(mechanisms):
                    raise ValueError("If provided, attention_layer must contain exactly one layer per "
                                     "attention_mechanism, saw: %d vs %d"
                                     % (len(self._attention_layers), len(mechanisms)))
                self._attention_layer_size = sum(
                    tf.compat.dimension_value(tf.TensorShape(layer.compute_output_shape(
                        [None, cell.output_size + tf.compat.dimension_value(m.values.shape[-1])]))[-1])
                    for layer, m in zip(self._attention_layers, mechanisms))
            else:
                self._attention_layers = None
                self._attention_layer_size = sum(tf.compat.dimension_value(m.values.shape[-1]) for m in mechanisms)
            self._cell, self._attention_mechanisms = cell, mechanisms
            self._cell_input_fn, self._output_attention = cell_input_fn, output_attention
            self._alignment_history = alignment_history
            self._attention_fn = attention_fn or _compute_attention
            self._initial_cell_state = None if initial_cell_state is None else tf.nest.map_structure(
                tf.identity, initial_cell_state)

        def _item_or_tuple(self, seq):
            t = tuple(seq)
            return t if self._is_multi else t[0]

        def _batch_size_checks(self, batch_size, message):
            return [tf.debugging.assert_equal(batch_size, m.batch_size, message=message)
                    for m in self._attention_mechanisms]

        @property
        def output_size(self):
            return self._attention_layer_size if self._output_attention else self._cell.output_size

        @property
        def state_size(self):
            return AttentionWrapperState(
                cell_state=self._cell.state_size, time=tf.TensorShape([]), attention=self._attention_layer_size,
                alignments=self._item_or_tuple(m.alignments_size for m in self._attention_mechanisms),
                attention_state=self._item_or_tuple(m.state_size for m in self._attention_mechanisms),
                alignment_history=self._item_or_tuple(m.alignments_size if self._alignment_history else ()
                                                      for m in self._attention_mechanisms))

        def zero_state(self, batch_size, dtype):
            with tf.name_scope(type(self).__name__ + "ZeroState"):
                cell_state = self._initial_cell_state if self._initial_cell_state is not None else \
                    self._cell.zero_state(batch_size, dtype)
                message = ("When calling zero_state of AttentionWrapper %s: Non-matching batch sizes between the "
                           "memory (encoder output) and the requested batch size." % self.name)
                with tf.control_dependencies(self._batch_size_checks(batch_size, message)):
                    cell_state = tf.nest.map_structure(tf.identity, cell_state)
                alignments = [m.initial_alignments(batch_size, dtype) for m in self._attention_mechanisms]
                return AttentionWrapperState(
                    cell_state=cell_state, time=tf.zeros([], tf.int32),
                    attention=_zeros(self._attention_layer_size, dtype, batch_size),
                    alignments=self._item_or_tuple(alignments),
                    attention_state=self._item_or_tuple(m.initial_state(batch_size, dtype)
                                                        for m in self._attention_mechanisms),
                    alignment_history=self._item_or_tuple(
                        tf.TensorArray(dtype, size=0, dynamic_size=True, element_shape=a.shape)
                        if self._alignment_history else () for a in alignments))

        def call(self, inputs, state):
            if not isinstance(state, AttentionWrapperState):
                raise TypeError("Expected state to be instance of AttentionWrapperState. Received type %s instead."
                                % type(state))
            cell_output, next_cell_state = self._cell(self._cell_input_fn(inputs, state.attention), state.cell_state)
            batch = tf.compat.dimension_value(cell_output.shape[0]) or tf.shape(cell_output)[0]
            message = ("When applying AttentionWrapper %s: Non-matching batch sizes between the memory (encoder "
                       "output) and the query (decoder output).  Are you using the BeamSearchDecoder?  You may need "
                       "to tile your memory input via the tf.contrib.seq2seq.tile_batch function with argument "
                       "multiple=beam_width." % self.name)
            with tf.control_dependencies(self._batch_size_checks(batch, message)):
                cell_output = tf.identity(cell_output, name="checked_cell_output")
            previous_states = state.attention_state if self._is_multi else [state.attention_state]
            previous_history = state.alignment_history if self._is_multi else [state.alignment_history]
            alignments_all, attentions, states, histories = [], [], [], []
            for i, mechanism in enumerate(self._attention_mechanisms):
                layer = self._attention_layers[i] if self._attention_layers else None
                attention, alignments, next_state = self._attention_fn(mechanism, cell_output, previous_states[i],
                                                                       layer)
                histories.append(previous_history[i].write(state.time, alignments) if self._alignment_history else ())
                alignments_all.append(alignments)
                attentions.append(attention)
                states.append(next_state)
            attention = tf.concat(attentions, 1)
            next_state = AttentionWrapperState(
                time=state.time + 1, cell_state=next_cell_state, attention=attention,
                attention_state=self._item_or_tuple(states), alignments=self._item_or_tuple(alignments_all),
                alignment_history=self._item_or_tuple(histories))
            return (attention if self._output_attention else cell_output), next_state

    AttentionWrapper.__module__ = __name__
    return AttentionWrapper


# ------------------------------------------------------------------ beam search
# contrib.seq2seq's BeamSearchDecoder, written for the shim to search as contrib's did:
# beams start from one live beam (log prob 0, the others -inf and finished); each step
# scores every continuation (a finished beam continues only with the end token, at no
# cost) by its total log probability over the GNMT length penalty ((5 + length) / 6) **
# weight, with the coverage penalty on attention when weighted; keeps the best
# ``beam_width`` per batch entry; gathers the cell states of the beams kept. At the end,
# ``gather_tree`` (contrib's op, written here in TensorFlow ops) follows the parent ids
# back to each beam's tokens.

class BeamSearchDecoderState(collections.namedtuple("BeamSearchDecoderState", (
        "cell_state", "log_probs", "finished", "lengths", "accumulated_attention_probs"))):
    """The beams' cell states, total log probabilities, finished flags and lengths."""


class BeamSearchDecoderOutput(collections.namedtuple("BeamSearchDecoderOutput",
                                                     ("scores", "predicted_ids", "parent_ids"))):
    """Each step's beam scores, tokens and the beams they continue."""


class FinalBeamSearchDecoderOutput(collections.namedtuple("FinalBeamDecoderOutput",
                                                          ["predicted_ids", "beam_search_decoder_output"])):
    """The beams' tokens, best first, and the steps' outputs."""


def gather_tree(step_ids, parent_ids, max_sequence_lengths, end_token, name=None):
    """Each beam's tokens [time, batch, beam], following ``parent_ids`` back from each
    batch entry's last step (``max_sequence_lengths``); every position after the first end
    token, and past the length, is the end token."""
    with tf.name_scope(name or "GatherTree"):
        step_ids = tf.convert_to_tensor(step_ids, name="step_ids")
        parent_ids = tf.convert_to_tensor(parent_ids, name="parent_ids")
        end_token = tf.cast(end_token, step_ids.dtype)
        lengths = tf.convert_to_tensor(max_sequence_lengths)
        shape = tf.shape(step_ids)
        max_time, beams = shape[0], shape[2]

        def back(current, t):
            live = (t < tf.cast(lengths, t.dtype))[:, tf.newaxis]  # [batch, 1]
            token = tf.where(live, tf.gather(step_ids[t], current, batch_dims=1), end_token)
            parent = tf.where(live, tf.gather(parent_ids[t], current, batch_dims=1), current)
            return parent, token

        start = tf.tile(tf.range(beams, dtype=parent_ids.dtype)[tf.newaxis], [shape[1], 1])
        times = tf.range(max_time - 1, -1, -1)
        _, tokens = tf.scan(lambda carry, t: back(carry[0], t), times,
                            initializer=(start, tf.zeros_like(step_ids[0])))
        tokens = tf.reverse(tokens, [0])  # [time, batch, beam], time order again
        ended = tf.cumsum(tf.cast(tf.equal(tokens, end_token), tf.int32), axis=0, exclusive=True) > 0
        return tf.where(ended, end_token, tokens)


def gather_tree_from_array(t, parent_ids, sequence_length):
    """A stacked TensorArray's entries [time, batch, beam, ...] (or [time, batch * beam,
    ...]) reordered along the beams' paths (``parent_ids``), each beam's own past its
    length."""
    max_time = tf.compat.dimension_value(parent_ids.shape[0]) or tf.shape(parent_ids)[0]
    batch_size = tf.compat.dimension_value(parent_ids.shape[1]) or tf.shape(parent_ids)[1]
    beam_width = tf.compat.dimension_value(parent_ids.shape[2]) or tf.shape(parent_ids)[2]
    beam_ids = tf.tile(tf.range(beam_width)[tf.newaxis, tf.newaxis], [max_time, batch_size, 1])
    sorted_ids = gather_tree(beam_ids, parent_ids, tf.cast(tf.reduce_max(sequence_length, axis=1), tf.int32),
                             beam_width + 1)
    in_bounds = tf.transpose(tf.sequence_mask(sequence_length, maxlen=max_time), [2, 0, 1])
    sorted_ids = tf.where(in_bounds, sorted_ids, beam_ids)
    final_shape = tf.shape(t)
    grouped = tf.reshape(t, [max_time, batch_size, beam_width, -1])
    return tf.reshape(tf.gather(grouped, sorted_ids, batch_dims=2), final_shape)


def _length_penalty(lengths, weight):
    weight = tf.convert_to_tensor(weight, name="penalty_factor")
    weight.set_shape(())
    static = tf.get_static_value(weight)
    if static is not None and static == 0:
        return 1.0
    return ((5.0 + tf.cast(lengths, tf.float32)) ** weight) / (6.0 ** weight)


def _attention_probs(cell_state, coverage_penalty_weight):
    """The attention's alignments in the cell state (averaged over mechanisms and
    wrappers) when coverage is weighted; None otherwise."""
    if coverage_penalty_weight == 0.0:
        return None

    def of(state):
        probs = state.alignments
        if isinstance(probs, tuple):
            probs = tf.reduce_mean(tf.stack(probs, -1), -1)
        return probs

    if isinstance(cell_state, AttentionWrapperState):
        found = [of(cell_state)]
    elif isinstance(cell_state, tuple):
        found = [of(s) for s in cell_state if isinstance(s, AttentionWrapperState)]
    else:
        found = []
    if not found:
        raise ValueError("coverage_penalty_weight must be 0.0 if no cell is attentional.")
    return found[0] if len(found) == 1 else tf.reduce_mean(tf.stack(found, -1), -1)


class BeamSearchDecoder(Decoder):
    """Beam search over ``cell`` (its state and any attention memory tiled to
    ``beam_width`` with ``tile_batch``), from ``start_tokens`` to ``end_token``, the
    outputs through ``output_layer`` as logits."""

    def __init__(self, cell, embedding, start_tokens, end_token, initial_state, beam_width, output_layer=None,
                 length_penalty_weight=0.0, coverage_penalty_weight=0.0, reorder_tensor_arrays=True):
        if not callable(cell):
            raise TypeError("cell must be an RNNCell, received: %s" % type(cell))
        if output_layer is not None and not callable(output_layer):
            raise TypeError("output_layer must be a Layer, received: %s" % type(output_layer))
        self._cell, self._output_layer = cell, output_layer
        self._reorder_tensor_arrays = reorder_tensor_arrays
        self._beam_width = beam_width
        self._length_penalty_weight, self._coverage_penalty_weight = length_penalty_weight, coverage_penalty_weight
        self._embedding_fn = _embedding_fn(embedding)
        self._start_tokens = tf.convert_to_tensor(start_tokens, dtype=tf.int32, name="start_tokens")
        if self._start_tokens.shape.rank != 1:
            raise ValueError("start_tokens must be a vector")
        self._end_token = tf.convert_to_tensor(end_token, dtype=tf.int32, name="end_token")
        if self._end_token.shape.rank != 0:
            raise ValueError("end_token must be a scalar")
        self._batch_size = tf.size(start_tokens)
        self._initial_cell_state = tf.nest.map_structure(self._maybe_split, initial_state)
        self._start_tokens = tf.tile(self._start_tokens[:, tf.newaxis], [1, beam_width])
        self._start_inputs = self._embedding_fn(self._start_tokens)
        self._finished = tf.one_hot(tf.zeros([self._batch_size], tf.int32), depth=beam_width, on_value=False,
                                    off_value=True, dtype=tf.bool)

    @property
    def batch_size(self):
        return self._batch_size

    @property
    def tracks_own_finished(self):
        return True

    def _rnn_output_size(self):
        return _rnn_output_size(self._cell, self._output_layer)

    @property
    def output_size(self):
        beams = tf.TensorShape([self._beam_width])
        return BeamSearchDecoderOutput(scores=beams, predicted_ids=beams, parent_ids=beams)

    @property
    def output_dtype(self):
        dtype = tf.nest.flatten(self._initial_cell_state)[0].dtype
        return BeamSearchDecoderOutput(scores=tf.nest.map_structure(lambda _: dtype, self._rnn_output_size()),
                                       predicted_ids=tf.int32, parent_ids=tf.int32)

    def _split(self, t):
        """[batch * beam, ...] → [batch, beam, ...]."""
        static = tf.get_static_value(self._batch_size)
        out = tf.reshape(t, tf.concat([[self._batch_size, self._beam_width], tf.shape(t)[1:]], 0))
        expected = tf.TensorShape([static, self._beam_width]).concatenate(t.shape[1:])
        if not out.shape.is_compatible_with(expected):
            raise ValueError("Unexpected behavior when reshaping between beam width and batch size.  The reshaped "
                             "tensor has shape: %s.  We expected it to have shape (batch_size, beam_width, depth) "
                             "== %s.  Perhaps you forgot to create a zero_state with batch_size=encoder_batch_size "
                             "* beam_width?" % (out.shape, expected))
        out.set_shape(expected)
        return out

    def _merge(self, t):
        """[batch, beam, ...] → [batch * beam, ...]."""
        static = tf.get_static_value(self._batch_size)
        out = tf.reshape(t, tf.concat([[self._batch_size * self._beam_width], tf.shape(t)[2:]], 0))
        out.set_shape(tf.TensorShape([None if static is None else static * self._beam_width]).concatenate(
            t.shape[2:]))
        return out

    def _maybe_split(self, t):
        if isinstance(t, tf.TensorArray):
            return t
        if t.shape.rank is None:
            raise ValueError("Expected tensor (%s) to have known rank, but ndims == None." % t)
        return self._split(t) if t.shape.rank >= 1 else t

    def _maybe_merge(self, t):
        if isinstance(t, tf.TensorArray):
            return t
        if t.shape.rank is None:
            raise ValueError("Expected tensor (%s) to have known rank, but ndims == None." % t)
        return self._merge(t) if t.shape.rank >= 2 else t

    def initialize(self, name=None):
        dtype = tf.nest.flatten(self._initial_cell_state)[0].dtype
        log_probs = tf.one_hot(tf.zeros([self._batch_size], tf.int32), depth=self._beam_width,
                               on_value=tf.constant(0.0, dtype), off_value=tf.constant(-np.inf, dtype), dtype=dtype)
        attention = _attention_probs(self._initial_cell_state, self._coverage_penalty_weight)
        state = BeamSearchDecoderState(cell_state=self._initial_cell_state, log_probs=log_probs,
                                       finished=self._finished,
                                       lengths=tf.zeros([self._batch_size, self._beam_width], tf.int64),
                                       accumulated_attention_probs=() if attention is None else attention)
        return self._finished, self._start_inputs, state

    def step(self, time, inputs, state, name=None):
        inputs = tf.nest.map_structure(self._merge, inputs)
        cell_state = tf.nest.map_structure(self._maybe_merge, state.cell_state)
        cell_outputs, next_cell_state = self._cell(inputs, cell_state)
        cell_outputs = tf.nest.map_structure(self._split, cell_outputs)
        next_cell_state = tf.nest.map_structure(self._maybe_split, next_cell_state)
        if self._output_layer is not None:
            cell_outputs = self._output_layer(cell_outputs)
        output, next_state = self._search_step(time, cell_outputs, next_cell_state, state)
        next_inputs = tf.cond(tf.reduce_all(next_state.finished), lambda: self._start_inputs,
                              lambda: self._embedding_fn(output.predicted_ids))
        return output, next_state, next_inputs, next_state.finished

    def _search_step(self, time, logits, next_cell_state, state):
        batch_size, beam_width, end_token = self._batch_size, self._beam_width, self._end_token
        finished_before = state.finished
        vocab = tf.compat.dimension_value(logits.shape[-1]) or tf.shape(logits)[-1]
        step_log_probs = tf.nn.log_softmax(logits)
        # a finished beam continues with the end token only, at no cost
        only_end = tf.one_hot(end_token, vocab, dtype=step_log_probs.dtype, on_value=0.0,
                              off_value=step_log_probs.dtype.min)
        step_log_probs = tf.where(finished_before[:, :, tf.newaxis], only_end, step_log_probs)
        total = state.log_probs[:, :, tf.newaxis] + step_log_probs
        adds = tf.one_hot(tf.fill([batch_size, beam_width], end_token), depth=vocab, on_value=tf.constant(0, tf.int64),
                          off_value=tf.constant(1, tf.int64), dtype=tf.int64)
        adds *= tf.cast(tf.logical_not(finished_before), tf.int64)[:, :, tf.newaxis]
        new_lengths = adds + state.lengths[:, :, tf.newaxis]
        accumulated = None
        attention = _attention_probs(next_cell_state, self._coverage_penalty_weight)
        if attention is not None:
            attention *= tf.cast(tf.logical_not(finished_before), attention.dtype)[:, :, tf.newaxis]
            accumulated = state.accumulated_attention_probs + attention
        scores = total / tf.cast(_length_penalty(new_lengths, self._length_penalty_weight), total.dtype)
        if tf.get_static_value(tf.convert_to_tensor(self._coverage_penalty_weight)) != 0.0:
            covered = tf.where(tf.equal(accumulated, 0.0), tf.ones_like(accumulated), accumulated)
            coverage = tf.reduce_sum(tf.math.log(tf.minimum(covered, 1.0)), 2)
            coverage *= tf.cast(finished_before, coverage.dtype)
            scores += (coverage * self._coverage_penalty_weight)[:, :, tf.newaxis]
        static_batch = tf.get_static_value(batch_size)
        best_scores, word_indices = tf.nn.top_k(tf.reshape(scores, [batch_size, -1]), k=beam_width)
        best_scores.set_shape([static_batch, beam_width])
        word_indices.set_shape([static_batch, beam_width])
        best_probs = tf.gather(tf.reshape(total, [batch_size, -1]), word_indices, batch_dims=1)
        word_ids = tf.cast(tf.math.floormod(word_indices, vocab), tf.int32)
        beam_ids = tf.cast(word_indices // vocab, tf.int32)
        finished_parent = tf.gather(finished_before, beam_ids, batch_dims=1)
        next_finished = tf.logical_or(finished_parent, tf.equal(word_ids, end_token))
        next_lengths = tf.gather(state.lengths, beam_ids, batch_dims=1) + \
            tf.cast(tf.logical_not(finished_parent), tf.int64)
        next_accumulated = () if accumulated is None else tf.gather(accumulated, beam_ids, batch_dims=1)

        def gather_state(t):
            if isinstance(t, tf.TensorArray) or t.shape.rank is None or t.shape.rank < 2:
                return t
            return tf.gather(t, beam_ids, batch_dims=1)

        next_state = BeamSearchDecoderState(cell_state=tf.nest.map_structure(gather_state, next_cell_state),
                                            log_probs=best_probs, lengths=next_lengths, finished=next_finished,
                                            accumulated_attention_probs=next_accumulated)
        return BeamSearchDecoderOutput(scores=best_scores, predicted_ids=word_ids, parent_ids=beam_ids), next_state

    def finalize(self, outputs, final_state, sequence_lengths):
        lengths = tf.cast(tf.reduce_max(final_state.lengths, axis=1), tf.int32)
        predicted = gather_tree(outputs.predicted_ids, outputs.parent_ids, lengths, self._end_token)
        if self._reorder_tensor_arrays:
            def reorder(t):
                if not isinstance(t, tf.TensorArray) or t.element_shape.rank is None or t.element_shape.rank < 1:
                    return t
                return gather_tree_from_array(t.stack(), outputs.parent_ids, final_state.lengths)

            final_state = final_state._replace(cell_state=tf.nest.map_structure(reorder, final_state.cell_state))
        return FinalBeamSearchDecoderOutput(beam_search_decoder_output=outputs, predicted_ids=predicted), final_state


__getattr__ = rnn_cell.classes_made_when_read(__name__, {"AttentionWrapper": _attention_wrapper})
