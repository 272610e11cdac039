import tensorflow as tf

# We used to call tf.train.AdamOptimizer(1e-3, beta1=0.5) here.
DOC = "opt = tf.train.AdamOptimizer(0.01)"
NAME = "tf.train.MomentumOptimizer"
config = {"optimizer": "AdamOptimizer", "beta1": 0.9}
