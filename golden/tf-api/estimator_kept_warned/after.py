"""What of tf.estimator is left: everything but ModeKeys and the session-run hooks (tf.train's
own classes), warned where it is spelled; an import of the module that stays says which
of its uses were rewritten."""
import tensorflow as tf
import tensorflow.compat.v1 as tfv1
from tensorflow import estimator as tf_estimator
from tensorflow.compat.v1 import estimator
from tensorflow.compat.v1.estimator import ModeKeys, EstimatorSpec
from tensorflow.estimator.export import ServingInputReceiver
from tensorflow.compat.v1.estimator import *
import tf1to2.estimator


def model_fn(features, labels, mode):
  import tensorflow.estimator as inner
  if mode == tf1to2.estimator.ModeKeys.TRAIN:
    return tf_estimator.EstimatorSpec(mode, loss=tf.constant(0.0))
  return tfv1.estimator.EstimatorSpec(mode, predictions=tf1to2.estimator.ModeKeys.PREDICT)


def run(config):
  hooks = [tf.compat.v1.train.StopAtStepHook(last_step=10), tf.compat.v1.train.LoggingTensorHook({}, every_n_iter=1)]
  return tf.estimator.Estimator(model_fn, config=estimator.RunConfig()), hooks
