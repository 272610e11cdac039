import tensorflow as tf

CONFIG = {"learning_rate": 0.1}
a = tf.train.AdamOptimizer(**CONFIG)
b = tf.train.GradientDescentOptimizer(0.1, False, "gd", "extra")
c = tf.train.MomentumOptimizer(0.1, 0.9, nesterov=True)
