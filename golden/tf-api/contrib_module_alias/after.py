import tensorflow as tf
import tf_slim


def actor(obs, layer_norm=True):
    x = tf.compat.v1.layers.dense(obs, 64)
    if layer_norm:
        x = tf_slim.layer_norm(x, center=True, scale=True)
    return tf.nn.relu(x)
