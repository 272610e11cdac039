import tensorflow as tf
from tensorflow.contrib.training import SummaryAtEndHook
from tensorflow.contrib import rnn
import tensorflow.contrib.seq2seq as seq2seq

hparams = dict(hidden=128, hook=SummaryAtEndHook)


def model(x):
    cell = tf.contrib.rnn.LSTMBlockFusedCell(hparams["hidden"])
    opt = tf.contrib.opt.LazyAdamOptimizer(0.1)
    col = tf.contrib.layers.real_valued_column("x")
    return cell, opt, col, tf.contrib.distributions.NormalWithSoftplusScale(0.0, 1.0), tf.contrib.framework.reduce_sum_n([x])
