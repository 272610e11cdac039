"""TF1 summary ops in eager training steps: they write nothing without a TF2 default writer
and step, and TF2's need tensorboard (not installed with TensorFlow 2.21): said, not rewritten."""
import tensorflow as tf


def train_step(model, optimizer, images, labels):
    with tf.GradientTape() as tape:
        logits = model(images, training=True)
        loss = tf.reduce_mean(tf.nn.sparse_softmax_cross_entropy_with_logits(labels=labels, logits=logits))
    grads = tape.gradient(loss, model.trainable_variables)
    optimizer.apply_gradients(zip(grads, model.trainable_variables))
    tf.compat.v1.summary.scalar("loss", loss)
    tf.compat.v1.summary.histogram("logits", values=logits, collections=None)
    tf.compat.v1.summary.image("inputs", images, 2)
    return loss


@tf.function
def gan_step(g_opt, d_opt, generator, x):
    with tf.GradientTape() as tape:
        loss = tf.reduce_sum(generator(x))
    g_opt.apply_gradients(zip(tape.gradient(loss, generator.trainable_variables), generator.trainable_variables))
    d_opt.minimize(lambda: loss, [])
    tf.compat.v1.summary.scalar("loss", loss)


def kept(model, optimizer, x):
    with tf.GradientTape() as tape:
        loss = tf.reduce_sum(model(x))
    optimizer.apply_gradients(zip(tape.gradient(loss, model.trainable_variables), model.trainable_variables))
    merged = tf.compat.v1.summary.scalar("loss", loss)
    tf.compat.v1.summary.scalar("loss", loss, family="train")
    return merged
