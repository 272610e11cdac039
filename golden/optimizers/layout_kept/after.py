import tensorflow as tf

optimizer = tf.keras.optimizers.Adam(
    learning_rate=1e-3,  # tuned on the dev set
    beta_1=0.5,
    epsilon=1e-08,
)

sgd = tf.keras.optimizers.SGD(
    learning_rate=0.1,
    momentum=0.9)

adagrad = tf.keras.optimizers.Adagrad(
    learning_rate=0.05,
    epsilon=0.0
)

spaced = tf.keras.optimizers.Adam( learning_rate = 0.1 , beta_2 = 0.9 , epsilon=1e-08 )
