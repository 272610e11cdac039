"""tf.contrib names tf_upgrade_v2 renames, which TF1's API in TensorFlow 2.21 still has."""
import tensorflow as tf
from tensorflow.compat.v1.data.experimental import parallel_interleave, AUTOTUNE as autotune
from tensorflow.contrib import cluster_resolver  # read as a value below: it stays


def pipeline(files):
  ds = tf.compat.v1.data.Dataset.from_tensor_slices(files)
  ds = ds.apply(parallel_interleave(tf.compat.v1.data.TFRecordDataset, cycle_length=2))
  ds = ds.apply(tf.compat.v1.data.experimental.shuffle_and_repeat(
      buffer_size=16,  # a comment inside the call
      seed=1))
  ds = ds.apply(tf.compat.v1.data.experimental.map_and_batch(lambda x: x, 4, num_parallel_calls=autotune))
  return ds.prefetch(tf.compat.v1.data.experimental.AUTOTUNE)


def checkpoints(model_dir):
  return tf.compat.v1.train.checkpoints_iterator(model_dir, timeout=1)


def on_tpu(fn, inputs):
  return tf.compat.v1.tpu.shard(fn, inputs, num_shards=8)


def resolvers():
  return cluster_resolver, tf.compat.v1.distribute.cluster_resolver.TPUClusterResolver
