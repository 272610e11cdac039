"""A TF1 script that builds its graph at module level."""
import numpy as np
import tensorflow as tf

tf.compat.v1.disable_v2_behavior()

x = tf.compat.v1.placeholder(tf.float32, [None, 3])
y = tf.compat.v1.layers.dense(x, 2)
sess = tf.compat.v1.Session()
sess.run(tf.compat.v1.global_variables_initializer())
print(sess.run(y, feed_dict={x: np.ones((1, 3))}))
