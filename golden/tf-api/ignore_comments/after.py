import tensorflow as tf

a = tf.Session  # tf1to2: ignore
b = tf.Session  # tf1to2: ignore[tf-api]
c = tf.compat.v1.Session  # tf1to2: ignore[optimizers]
with tf.variable_scope("x"):  # tf1to2: ignore
    d = tf.layers.dense
e = tf.compat.v1.to_float
