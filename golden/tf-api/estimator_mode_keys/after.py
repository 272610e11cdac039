"""tf.estimator's ModeKeys, plain strings, read under every spelling TF1 code used."""
from __future__ import absolute_import

import tensorflow as tf
import tensorflow.compat.v1 as tfv1
from tf1to2.estimator import ModeKeys
from tf1to2.estimator import ModeKeys as MK
import tf1to2.estimator

Modes = tf1to2.estimator.ModeKeys  # pylint: disable=invalid-name
ALL = (tf1to2.estimator.ModeKeys.TRAIN,
       tf1to2.estimator.ModeKeys.EVAL,
       tf1to2.estimator.ModeKeys.PREDICT)


def model_fn(features, labels, mode=tf1to2.estimator.ModeKeys.TRAIN, params=None):
  if mode == tf1to2.estimator.ModeKeys.PREDICT:
    return tf1to2.estimator.ModeKeys.EVAL
  if mode in (ModeKeys.TRAIN, MK.EVAL, tf1to2.estimator.ModeKeys.PREDICT):
    return tf1to2.estimator.ModeKeys.TRAIN
  is_training = (mode ==
                 tf1to2.estimator.ModeKeys.TRAIN)
  return tf.compat.v1.layers.dropout(features, training=is_training)
