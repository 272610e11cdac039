"""tf.contrib.crf, however reached, becomes the shim's (which computes what TF1's did and
makes contrib's transitions variable): the module spelled through tf, imported as a name,
imported from, imported whole under another name."""
import tensorflow as tf
from tf1to2.contrib_crf import viterbi_decode, crf_log_likelihood as log_likelihood
import tf1to2.contrib_crf


def loss(logits, labels, lengths):
    with tf.compat.v1.variable_scope("crf_loss"):
        likelihood, trans = tf1to2.contrib_crf.crf_log_likelihood(
            inputs=logits, tag_indices=labels,
            sequence_lengths=lengths)
    decoded, _ = tf1to2.contrib_crf.crf_decode(potentials=logits, transition_params=trans, sequence_length=lengths)
    return tf.reduce_mean(-likelihood), decoded


def tagged(logits, labels, lengths, trans):
    return log_likelihood(logits, labels, lengths, trans)[0], tf1to2.contrib_crf.crf_sequence_score(logits, labels, lengths, trans)


def predict(scores, trans):
    return [viterbi_decode(score, trans)[0] for score in scores], tf1to2.contrib_crf.CrfForwardRnnCell(trans)
