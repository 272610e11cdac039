"""tf.estimator's ModeKeys, plain strings, read under every spelling TF1 code used."""
from __future__ import absolute_import

import tensorflow as tf
import tensorflow.compat.v1 as tfv1
from tensorflow import estimator as tf_estimator
from tensorflow.compat.v1.estimator import ModeKeys
from tensorflow.estimator import ModeKeys as MK
import tensorflow.compat.v1.estimator as est
from tensorflow.compat.v1 import estimator

Modes = tf.estimator.ModeKeys  # pylint: disable=invalid-name
ALL = (tfv1.estimator.ModeKeys.TRAIN,
       tfv1.estimator.ModeKeys.EVAL,
       tfv1.estimator.ModeKeys.PREDICT)


def model_fn(features, labels, mode=tf.estimator.ModeKeys.TRAIN, params=None):
  if mode == tf.compat.v1.estimator.ModeKeys.PREDICT:
    return tf_estimator.ModeKeys.EVAL
  if mode in (ModeKeys.TRAIN, MK.EVAL, est.ModeKeys.PREDICT):
    return tf.compat.v2.estimator.ModeKeys.TRAIN
  is_training = (mode ==
                 estimator.ModeKeys.TRAIN)
  return tf.layers.dropout(features, training=is_training)
