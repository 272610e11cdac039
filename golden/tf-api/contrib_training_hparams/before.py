"""tf.contrib.training.HParams, contrib's own hyperparameter class, however reached: the
shim's, which behaves as TF1's; the module's other names are TensorFlow's own, and its
import goes once nothing reads it."""
import tensorflow as tf
from tensorflow.contrib.training import HParams
from tensorflow.contrib import training as contrib_training


def default_hparams():
    hparams = contrib_training.HParams(batch_size=64, learning_rate=0.01, layers=[128, 64], use_bn=True)
    hparams.add_hparam("dropout", 0.1)
    return hparams


def parsed(overrides):
    return tf.contrib.training.HParams(batch_size=8).parse(overrides)


def merged():
    return HParams(a=1)


def checkpoints(path):
    return contrib_training.checkpoints_iterator(path)
