import tensorflow as tf

optimizer = tf.train.AdamOptimizer(
    learning_rate=1e-3,  # tuned on the dev set
    beta1=0.5,
)

sgd = tf.train.MomentumOptimizer(
    0.1,
    0.9)

adagrad = tf.train.AdagradOptimizer(
    0.05
)

spaced = tf.train.AdamOptimizer( learning_rate = 0.1 , beta2 = 0.9 )
