"""slim's regularizers applied on the spot (TensorLayer's reconstruction loss), and one
given to a layer."""
import tensorflow as tf
import tf_slim as slim


def reconstruction_penalty(params, lambda_l2_w):
  l2 = lambda_l2_w * tf.nn.l2_loss(params[0]) + lambda_l2_w * tf.nn.l2_loss(params[2])
  l1 = 0.1 * tf.reduce_sum(tf.abs(params[1]))  # a comment on the applied variable
  return l2 + l1


def scaled_penalty(w, factor):
  return (factor + 0.5) * tf.nn.l2_loss(w)


def disabled(w):
  return slim.l2_regularizer(0.0)(w)  # slim's returns None here: left


def net(x):
  return tf.compat.v1.layers.dense(
      x,
      3,
      kernel_regularizer=tf.keras.regularizers.l2(0.005),
      activation=tf.nn.relu,
      name="fc")
