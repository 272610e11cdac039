import tensorflow as tf

kept = tf.train.AdamOptimizer(0.01)  # tf1to2: ignore
kept_for_this_rule = tf.train.AdamOptimizer(  # tf1to2: ignore[optimizers]
    0.02,
)
other_rule_only = tf.train.AdamOptimizer(0.03)  # tf1to2: ignore[keras-layers]
with tf.name_scope("train"):  # tf1to2: ignore
    in_block = tf.train.GradientDescentOptimizer(0.1)
rewritten = tf.train.GradientDescentOptimizer(0.1)
