"""A program that switches eager execution off: its collections are filled."""
import tensorflow.compat.v1 as tf

tf.disable_v2_behavior()


@tf.function
def step(model, x):
    with tf.GradientTape() as tape:
        loss = tf.reduce_sum(model(x)) + tf.losses.get_regularization_loss()
    return tape.gradient(loss, model.trainable_variables)
