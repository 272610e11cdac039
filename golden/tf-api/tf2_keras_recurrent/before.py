"""A module written for TensorFlow 2 (it uses GradientTape): its tf.keras was tf-keras' v2
API, whose recurrent layers already had Keras 3's defaults (sigmoid, reset_after=True), so
they are left, and said (the code may have run under TF1 after all). Spelled through
tf.compat.v1.keras, a recurrent layer is TF1's wherever it runs: written out. What Keras 2
computed otherwise in TF2 too (hard_sigmoid, lr=) is written out here as well; through
tf.compat.v2, Keras 3's is meant."""
import tensorflow as tf


def model():
    return tf.keras.Sequential([
        tf.keras.layers.LSTM(4, return_sequences=True),
        tf.compat.v1.keras.layers.GRU(3),
        tf.compat.v2.keras.layers.GRU(3),
        tf.keras.layers.Dense(1, activation="hard_sigmoid"),
        tf.compat.v2.keras.layers.Dense(1, activation="hard_sigmoid"),
    ])


def step(model, x, y, optimizer=None):
    optimizer = optimizer or tf.keras.optimizers.Adam(lr=0.01)
    with tf.GradientTape() as tape:
        loss = tf.reduce_mean((model(x) - y) ** 2)
    optimizer.apply_gradients(zip(tape.gradient(loss, model.trainable_variables), model.trainable_variables))
    return loss
