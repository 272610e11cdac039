import tensorflow as tf
import tensorflow.contrib as tc


def actor(obs, layer_norm=True):
    x = tf.layers.dense(obs, 64)
    if layer_norm:
        x = tc.layers.layer_norm(x, center=True, scale=True)
    return tf.nn.relu(x)
