"""slim's regularizers applied on the spot (TensorLayer's reconstruction loss), and one
given to a layer."""
import tensorflow as tf
import tf_slim as slim


def reconstruction_penalty(params, lambda_l2_w):
  l2 = slim.l2_regularizer(lambda_l2_w)(params[0]) + slim.l2_regularizer(lambda_l2_w)(params[2])
  l1 = slim.l1_regularizer(scale=0.1)(
      params[1])  # a comment on the applied variable
  return l2 + l1


def scaled_penalty(w, factor):
  return slim.l2_regularizer(factor + 0.5)(weights=w)


def disabled(w):
  return slim.l2_regularizer(0.0)(w)  # slim's returns None here: left


def net(x):
  return slim.fully_connected(x, 3, weights_regularizer=slim.l2_regularizer(0.01), scope="fc")
