"""A program setting its own names on the tensorflow module (t3f's SVD workaround keeps
the original as ``tf.original_svd``): reading them back is not a TensorFlow name that
TF 2.21 lacks, so nothing is said there. TensorFlow's own names are rewritten as
anywhere (``tf.svd`` → ``tf.linalg.svd``, on both sides of the assignment, so every
rewritten call reads the replacement); a name set nowhere is still warned."""
import numpy as np
import tensorflow as tf


def replace_tf_svd_with_np_svd():
  if hasattr(tf, 'original_svd'):
    return
  tf.original_svd = tf.svd

  def my_svd(tensor, full_matrices=False, compute_uv=True):
    s_, u_, v_ = tf.original_svd(tensor, full_matrices, compute_uv)
    return tf.py_func(np.linalg.svd, [tensor], [tensor.dtype] * 3)

  tf.svd = my_svd


def missing(x):
  return tf.not_in_tensorflow(x)
