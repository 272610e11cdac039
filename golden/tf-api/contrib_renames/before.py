"""tf.contrib names tf_upgrade_v2 renames, which TF1's API in TensorFlow 2.21 still has."""
import tensorflow as tf
import tensorflow.contrib.data as tcd
from tensorflow.contrib.data import parallel_interleave, AUTOTUNE as autotune
from tensorflow.contrib import tpu
from tensorflow.contrib import training as contrib_training
from tensorflow.contrib import cluster_resolver  # read as a value below: it stays


def pipeline(files):
  ds = tf.data.Dataset.from_tensor_slices(files)
  ds = ds.apply(parallel_interleave(tf.data.TFRecordDataset, cycle_length=2))
  ds = ds.apply(tf.contrib.data.shuffle_and_repeat(
      buffer_size=16,  # a comment inside the call
      seed=1))
  ds = ds.apply(tcd.map_and_batch(lambda x: x, 4, num_parallel_calls=autotune))
  return ds.prefetch(tf.contrib.data.AUTOTUNE)


def checkpoints(model_dir):
  return contrib_training.checkpoints_iterator(model_dir, timeout=1)


def on_tpu(fn, inputs):
  return tpu.shard(fn, inputs, num_shards=8)


def resolvers():
  return cluster_resolver, cluster_resolver.TPUClusterResolver
