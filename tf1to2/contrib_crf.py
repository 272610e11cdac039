"""``tf.contrib.crf``, the linear-chain CRF of TF1's sequence taggers (BiLSTM-CRF, BERT-CRF
NER models), on TensorFlow 2.21, which has no contrib; TF Addons' ``tfa.text``, where it
went, stopped at TF 2.15. Written for this shim to compute what contrib's did, name for
name and argument for argument:

* ``crf_log_likelihood(inputs, tag_indices, sequence_lengths, transition_params=None)``
  → ``(log_likelihood, transition_params)``; without ``transition_params`` it makes
  contrib's variable, ``get_variable("transitions", [num_tags, num_tags])`` in the
  current variable scope (same name, same default initializer), so TF1 checkpoints load
  and the shim's ``track_tf1_style_variables`` sees it;
* ``crf_sequence_score``, ``crf_multitag_sequence_score``, ``crf_log_norm``,
  ``crf_unary_score``, ``crf_binary_score``: the pieces of it;
* ``crf_decode(potentials, transition_params, sequence_length)`` → ``(tags [batch, time]
  int32, best scores)``, and ``viterbi_decode(score, transition_params)`` in NumPy;
* the RNN cells the forward and decoding passes run in (``CrfForwardRnnCell``,
  ``CrfDecodeForwardRnnCell``, ``CrfDecodeBackwardRnnCell``), usable with
  ``tf.compat.v1.nn.dynamic_rnn`` as before (they are not ``RNNCell`` subclasses).

What contrib did at the edges is kept: positions past a sequence's length score nothing
and decode as tag 0; a sequence of length 0 has score and normalizer 0 (and decodes its
first position as the argmax of its first potentials, as contrib's did); a time axis of
length 1, known statically or only at run time, takes contrib's one-step path.

``tests/shim/keras3_checks.py`` checks every function against the CRF's definitions in
NumPy (every tag sequence enumerated), eagerly, in ``tf.function`` and in a TF1 graph.
Imports TensorFlow and NumPy; never LibCST or the codemod.
"""
from __future__ import annotations

import numpy as np
import tensorflow as tf

__all__ = [
    "crf_sequence_score", "crf_log_norm", "crf_log_likelihood", "crf_unary_score", "crf_binary_score",
    "CrfForwardRnnCell", "viterbi_decode", "crf_decode", "CrfDecodeForwardRnnCell", "CrfDecodeBackwardRnnCell",
    "crf_multitag_sequence_score",
]


def _one_step(inputs):
    """Whether the time axis (axis 1) has length 1: a Python bool when the shape says,
    else a boolean tensor (contrib's test)."""
    steps = tf.compat.dimension_value(inputs.shape[1])
    return steps == 1 if steps is not None else tf.equal(tf.shape(inputs)[1], 1)


def _either(one_step, single, multi):
    """``single()`` where the time axis has one step, ``multi()`` otherwise: chosen here
    when that is known, by a ``tf.cond`` at run time when not."""
    if isinstance(one_step, bool):
        return single() if one_step else multi()
    known = tf.get_static_value(one_step)
    if known is not None:
        return single() if known else multi()
    return tf.cond(one_step, single, multi)


def _zero_where_empty(values, sequence_lengths):
    """``values`` [batch], 0 where the sequence's length is 0 or less."""
    return tf.where(tf.less_equal(sequence_lengths, 0), tf.zeros_like(values), values)


def _lengths_less_one(sequence_lengths):
    """The number of transitions of each sequence: its length less one, never below 0."""
    sequence_lengths = tf.convert_to_tensor(sequence_lengths)
    return tf.maximum(tf.zeros([], sequence_lengths.dtype), sequence_lengths - 1)


def crf_unary_score(tag_indices, sequence_lengths, inputs):
    """The sum over each sequence's positions (up to its length) of the unary potential of
    its tag there: ``inputs`` [batch, time, tags], ``tag_indices`` [batch, time] → [batch]."""
    inputs = tf.convert_to_tensor(inputs)
    tag_indices = tf.convert_to_tensor(tag_indices)
    picked = tf.gather(inputs, tag_indices, batch_dims=2)  # [batch, time]
    masks = tf.sequence_mask(sequence_lengths, maxlen=tf.shape(tag_indices)[1], dtype=picked.dtype)
    return tf.reduce_sum(picked * masks, 1)


def crf_binary_score(tag_indices, sequence_lengths, transition_params):
    """The sum over each sequence's transitions (position t-1 → t, t below its length) of
    ``transition_params[tag[t-1], tag[t]]``: → [batch]."""
    tag_indices = tf.convert_to_tensor(tag_indices)
    transition_params = tf.convert_to_tensor(transition_params)
    pairs = tf.stack([tag_indices[:, :-1], tag_indices[:, 1:]], axis=-1)  # [batch, time - 1, 2]
    picked = tf.gather_nd(transition_params, pairs)
    masks = tf.sequence_mask(sequence_lengths, maxlen=tf.shape(tag_indices)[1], dtype=picked.dtype)
    return tf.reduce_sum(picked * masks[:, 1:], 1)


def crf_sequence_score(inputs, tag_indices, sequence_lengths, transition_params):
    """The unnormalized score of each given tag sequence: its unary plus its binary score
    ([batch]); with one time step, the first position's unary potential, 0 for a sequence
    of length 0."""
    inputs = tf.convert_to_tensor(inputs)
    tag_indices = tf.convert_to_tensor(tag_indices)

    def single():
        first = tf.gather(inputs[:, 0, :], tag_indices[:, 0], batch_dims=1)
        return _zero_where_empty(first, sequence_lengths)

    def multi():
        return (crf_unary_score(tag_indices, sequence_lengths, inputs)
                + crf_binary_score(tag_indices, sequence_lengths, transition_params))

    return _either(_one_step(inputs), single, multi)


def crf_multitag_sequence_score(inputs, tag_bitmap, sequence_lengths, transition_params):
    """The log of the summed exponentiated scores of every tag sequence that, at each
    position, takes one of the tags ``tag_bitmap`` [batch, time, tags] (boolean) allows;
    one-hot bitmaps give ``crf_sequence_score``. With one time step, contrib's shortcut
    (the log-sum-exp of the allowed potentials, length not consulted)."""
    inputs = tf.convert_to_tensor(inputs)
    allowed = tf.where(tag_bitmap, inputs, tf.fill(tf.shape(inputs), tf.constant(float("-inf"), inputs.dtype)))

    def single():
        return tf.reduce_logsumexp(allowed, axis=[1, 2])

    def multi():
        return crf_log_norm(allowed, sequence_lengths, transition_params)

    return _either(_one_step(inputs), single, multi)


class _CrfCell:
    """What ``tf.compat.v1.nn.dynamic_rnn`` asks of a cell, for the three below."""

    @property
    def state_size(self):
        return self._num_tags

    @property
    def output_size(self):
        return self._num_tags

    def zero_state(self, batch_size, dtype):
        return tf.zeros([batch_size, self.state_size], dtype)


class CrfForwardRnnCell(_CrfCell):
    """One step of the forward algorithm: the log-sum over previous tags of (previous
    alpha + transition), plus this position's potentials. State and output are the new
    alphas, [batch, tags]."""

    def __init__(self, transition_params):
        transition_params = tf.convert_to_tensor(transition_params)
        self._transition_params = transition_params[tf.newaxis]  # [1, from, to]
        self._num_tags = tf.compat.dimension_value(transition_params.shape[0])

    def __call__(self, inputs, state, scope=None):
        alphas = tf.reduce_logsumexp(state[:, :, tf.newaxis] + self._transition_params, [1]) + inputs
        return alphas, alphas


class CrfDecodeForwardRnnCell(_CrfCell):
    """One step of Viterbi's forward pass: output the best previous tag for each tag
    (int32 backpointers, [batch, tags]); state the best scores so far."""

    def __init__(self, transition_params):
        transition_params = tf.convert_to_tensor(transition_params)
        self._transition_params = transition_params[tf.newaxis]
        self._num_tags = tf.compat.dimension_value(transition_params.shape[0])

    def __call__(self, inputs, state, scope=None):
        candidates = state[:, :, tf.newaxis] + self._transition_params  # [batch, from, to]
        best = tf.reduce_max(candidates, [1]) + inputs
        return tf.cast(tf.argmax(candidates, 1), tf.int32), best


class CrfDecodeBackwardRnnCell(_CrfCell):
    """One step of Viterbi's backtracking: inputs the next position's backpointers
    [batch, tags], state the next position's tag [batch, 1]; output and state the tag
    here, [batch, 1]."""

    def __init__(self, num_tags):
        self._num_tags = num_tags

    @property
    def state_size(self):
        return 1

    @property
    def output_size(self):
        return 1

    def __call__(self, inputs, state, scope=None):
        tags = tf.gather(inputs, state[:, 0], batch_dims=1)[:, tf.newaxis]
        return tags, tags


def crf_log_norm(inputs, sequence_lengths, transition_params):
    """The log partition function of each sequence (the log-sum-exp of the scores of every
    tag sequence of its length), by the forward algorithm: [batch], 0 for a sequence of
    length 0."""
    inputs = tf.convert_to_tensor(inputs)
    first = inputs[:, 0, :]

    def single():
        return _zero_where_empty(tf.reduce_logsumexp(first, [1]), sequence_lengths)

    def multi():
        _, alphas = tf.compat.v1.nn.dynamic_rnn(
            CrfForwardRnnCell(transition_params), inputs[:, 1:, :],
            sequence_length=_lengths_less_one(sequence_lengths), initial_state=first, dtype=inputs.dtype)
        return _zero_where_empty(tf.reduce_logsumexp(alphas, [1]), sequence_lengths)

    return _either(_one_step(inputs), single, multi)


def crf_log_likelihood(inputs, tag_indices, sequence_lengths, transition_params=None):
    """Each given tag sequence's log-likelihood (its score less the log partition
    function), and the transition matrix: the one given, or contrib's variable
    ``transitions`` [tags, tags] made here with ``get_variable``."""
    inputs = tf.convert_to_tensor(inputs)
    if transition_params is None:
        num_tags = tf.compat.dimension_value(inputs.shape[2])
        transition_params = tf.compat.v1.get_variable("transitions", [num_tags, num_tags])
    scores = crf_sequence_score(inputs, tag_indices, sequence_lengths, transition_params)
    return scores - crf_log_norm(inputs, sequence_lengths, transition_params), transition_params


def viterbi_decode(score, transition_params):
    """The best tag sequence of one sequence, in NumPy: ``score`` [time, tags] and
    ``transition_params`` [tags, tags] arrays → (the tags as a list of ints, its score)."""
    score = np.asarray(score)
    transition_params = np.asarray(transition_params)
    best = np.zeros_like(score)
    came_from = np.zeros(score.shape, dtype=np.int32)
    best[0] = score[0]
    for t in range(1, score.shape[0]):
        candidates = best[t - 1][:, np.newaxis] + transition_params  # [from, to]
        came_from[t] = np.argmax(candidates, 0)
        best[t] = score[t] + np.max(candidates, 0)
    tags = [np.argmax(best[-1])]
    for t in range(score.shape[0] - 1, 0, -1):
        tags.append(came_from[t][tags[-1]])
    tags.reverse()
    return tags, np.max(best[-1])


def crf_decode(potentials, transition_params, sequence_length):
    """The best tag sequence of each sequence, by Viterbi in TensorFlow: (tags [batch,
    time] int32, 0 past each sequence's length; their scores [batch])."""
    potentials = tf.convert_to_tensor(potentials)

    def single():
        first = potentials[:, 0, :]
        return tf.cast(tf.argmax(first, axis=1), tf.int32)[:, tf.newaxis], tf.reduce_max(first, axis=1)

    def multi():
        lengths = tf.convert_to_tensor(sequence_length)
        steps = _lengths_less_one(lengths)
        backpointers, last = tf.compat.v1.nn.dynamic_rnn(  # [batch, time - 1, tags], [batch, tags]
            CrfDecodeForwardRnnCell(transition_params), potentials[:, 1:, :], sequence_length=steps,
            initial_state=potentials[:, 0, :], dtype=tf.int32)
        backpointers = tf.reverse_sequence(backpointers, steps, seq_axis=1, batch_axis=0)
        final = tf.cast(tf.argmax(last, axis=1), tf.int32)[:, tf.newaxis]  # [batch, 1]
        earlier, _ = tf.compat.v1.nn.dynamic_rnn(
            CrfDecodeBackwardRnnCell(tf.compat.dimension_value(potentials.shape[2])), backpointers,
            sequence_length=steps, initial_state=final, dtype=tf.int32)
        tags = tf.concat([final, earlier[:, :, 0]], axis=1)  # last position first
        return tf.reverse_sequence(tags, lengths, seq_axis=1, batch_axis=0), tf.reduce_max(last, axis=1)

    return _either(_one_step(potentials), single, multi)
