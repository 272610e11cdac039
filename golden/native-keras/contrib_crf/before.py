"""Decorated layers calling the shim's CRF (stage 0's tf1to2.contrib_crf): given its
transitions, a layer needs nothing of the decorator for the CRF, and goes native; where
crf_log_likelihood makes contrib's transitions variable itself, through the variable
scope, the layer keeps the decorator, and says why."""
import tensorflow as tf
import tf1to2.contrib_crf
from tf1to2.contrib_crf import crf_decode, crf_log_likelihood
from tf1to2 import track_tf1_style_variables


class TaggerGiven(tf.keras.layers.Layer):
    def __init__(self, labels, lengths, num_tags, **kwargs):
        super().__init__(**kwargs)
        self.labels = labels
        self.lengths = lengths
        self.num_tags = num_tags

    @track_tf1_style_variables
    def call(self, logits):
        with tf.compat.v1.variable_scope("crf_loss"):
            transitions = tf.compat.v1.get_variable("transitions", [self.num_tags, self.num_tags])
            log_likelihood, _ = tf1to2.contrib_crf.crf_log_likelihood(
                logits, self.labels, self.lengths, transitions)
        decoded, best = crf_decode(logits, transitions, self.lengths)
        return -log_likelihood, best, decoded


class TaggerMade(tf.keras.layers.Layer):
    def __init__(self, labels, lengths, **kwargs):
        super().__init__(**kwargs)
        self.labels = labels
        self.lengths = lengths

    @track_tf1_style_variables
    def call(self, logits):
        with tf.compat.v1.variable_scope("crf"):
            log_likelihood, transitions = crf_log_likelihood(inputs=logits, tag_indices=self.labels,
                                                             sequence_lengths=self.lengths)
        return -log_likelihood, tf1to2.contrib_crf.crf_sequence_score(logits, self.labels, self.lengths, transitions)


class TaggerNone(tf.keras.layers.Layer):
    @track_tf1_style_variables
    def call(self, logits):
        return crf_log_likelihood(logits, tf.zeros([3, 4], tf.int32), [4, 2, 0], None)[0]
