"""Batch norm trained in a tf.cond branch, its updates read from UPDATE_OPS by a training
step: TF1 built the branch in the graph; TensorFlow 2 builds it as a function, whose ops
the step cannot run (not an element of this graph). Warned at the batch norm: the v1
layer and slim's, a branch function or lambda, a collection added to by hand. Not warned:
the training flag given as a tensor, an inference branch, slim updating in place."""
import tensorflow as tf
import tf_slim as slim


def net(x, is_training):
    return tf.compat.v1.cond(is_training,
                   lambda: tf.compat.v1.layers.batch_normalization(x, training=True, name="bn"),
                   lambda: tf.compat.v1.layers.batch_normalization(x, training=False, name="bn", reuse=True))


def slimmed(x, is_training):
    def train():
        return slim.batch_norm(x, scope="sbn")

    return tf.compat.v1.cond(is_training, train, lambda: slim.batch_norm(x, is_training=False, scope="sbn", reuse=True))


def by_hand(x, average, is_training):
    def train():
        tf.compat.v1.add_to_collection(tf.compat.v1.GraphKeys.UPDATE_OPS, tf.compat.v1.assign(average, tf.reduce_mean(x)))
        return x - tf.reduce_mean(x)

    return tf.compat.v1.cond(is_training, train, lambda: x - average)


def flag_as_tensor(x, is_training):
    return tf.compat.v1.layers.batch_normalization(x, training=is_training, name="bn2")


def in_place(x, is_training):
    return tf.compat.v1.cond(is_training, lambda: slim.batch_norm(x, updates_collections=None, scope="sbn2"), lambda: x)


def train_step(loss, optimizer):
    with tf.control_dependencies(tf.compat.v1.get_collection(tf.compat.v1.GraphKeys.UPDATE_OPS)):
        return optimizer.minimize(loss)
