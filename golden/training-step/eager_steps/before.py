"""Eager training steps that still read TF1 collections, in the forms real code has."""
import tensorflow as tf
from tensorflow.compat import v1


def train_step(model, optimizer, images, labels):
    with tf.GradientTape() as tape:
        logits = model(images, training=True)
        loss = tf.reduce_mean(
            tf.nn.sparse_softmax_cross_entropy_with_logits(labels=labels, logits=logits))
        loss = loss + tf.compat.v1.losses.get_regularization_loss()  # weight decay
    update_ops = tf.compat.v1.get_collection(tf.compat.v1.GraphKeys.UPDATE_OPS)
    with tf.control_dependencies(update_ops):  # batch norm's moving averages
        grads = tape.gradient(loss, model.trainable_variables)
        optimizer.apply_gradients(zip(grads, model.trainable_variables))
    return loss


class Trainer:
    def __init__(self, model):
        self.model = model
        self.optimizer = tf.keras.optimizers.SGD(0.1)

    @tf.function
    def step(self, x, y):
        with tf.GradientTape() as tape:
            pred = self.model(x, training=True)
            reg = tf.add_n(v1.get_collection(v1.GraphKeys.REGULARIZATION_LOSSES))
            loss = tf.reduce_mean(tf.square(pred - y)) + reg
        variables = v1.trainable_variables()
        grads = tape.gradient(loss, self.model.trainable_variables)
        with tf.control_dependencies(v1.get_collection("update_ops")):
            train_op = self.optimizer.apply_gradients(zip(grads, variables))
        return loss


@tf.function
def grouped_step(model, optimizer, x, y):
    with tf.GradientTape() as tape:
        loss = tf.reduce_mean(tf.abs(model(x) - y))
        losses = tf.compat.v1.losses.get_regularization_losses()
        if losses:
            loss += tf.add_n(losses)
    updates = tf.compat.v1.get_collection(tf.compat.v1.GraphKeys.UPDATE_OPS)
    grads = tape.gradient(loss, model.trainable_weights)
    train_op = optimizer.apply_gradients(zip(grads, model.trainable_weights))
    train_op = tf.group([train_op, updates])
    return tf.group(train_op, updates)
