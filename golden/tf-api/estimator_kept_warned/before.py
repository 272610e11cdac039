"""What of tf.estimator is left: everything but ModeKeys, warned where it is spelled."""
import tensorflow as tf
import tensorflow.compat.v1 as tfv1
from tensorflow import estimator as tf_estimator
from tensorflow.compat.v1 import estimator
from tensorflow.compat.v1.estimator import ModeKeys, EstimatorSpec
from tensorflow.estimator.export import ServingInputReceiver
from tensorflow.compat.v1.estimator import *


def model_fn(features, labels, mode):
  import tensorflow.estimator as inner
  if mode == tf_estimator.ModeKeys.TRAIN:
    return tf_estimator.EstimatorSpec(mode, loss=tf.constant(0.0))
  return tfv1.estimator.EstimatorSpec(mode, predictions=inner.ModeKeys.PREDICT)


def run(config):
  return tf.estimator.Estimator(model_fn, config=estimator.RunConfig())
