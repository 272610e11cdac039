"""The one piece of ``tf.estimator`` that is plain data: ``ModeKeys``.

TensorFlow 2.16 removed ``tf.estimator`` (and ``tf.compat.v1.estimator``) altogether, yet
TF1 model code reads ``tf.estimator.ModeKeys.TRAIN`` far beyond Estimators: as a default
argument, in ``if mode == ...`` tests, in hparams. Its members were only ever these
strings (TensorFlow 1.15's ``EstimatorModeKeys``), so code comparing them with strings
other code passes, or with modes an Estimator passes under TF <= 2.15, sees the same values.
Everything else of ``tf.estimator`` runs Estimators, and has no stand-in here.
"""
from __future__ import annotations

__all__ = ["ModeKeys"]


class ModeKeys:
    """``tf.estimator.ModeKeys`` (``tf.compat.v1.estimator.ModeKeys``) of TensorFlow 1.x."""

    TRAIN = "train"
    EVAL = "eval"
    PREDICT = "infer"
