"""Every kind of TF1 name, reached through `import tensorflow as tf`."""
import tensorflow as tf


class ClippedAdam(tf.train.AdamOptimizer):  # a base class
    pass


@tf.custom_gradient  # a decorator that TF2 keeps
def identity(x):
    return tf.identity(x), lambda dy: dy


@tf.contrib.framework.add_arg_scope  # a decorator that moves to tf_slim
def block(x, init=tf.zeros_initializer(), dtype=tf.float32):  # default arguments
    with tf.variable_scope("block", reuse=tf.AUTO_REUSE):  # function, constant
        w = tf.get_variable("w", [3, 3], initializer=init, dtype=dtype)
        y = tf.matmul(x, w)
        y = tf.log(tf.nn.relu(y) + 1.0)  # a TF2 name of the same object; a kept one
        if isinstance(y, tf.Tensor) and not isinstance(y, tf.SparseTensor):
            tf.add_to_collection(tf.GraphKeys.ACTIVATIONS, y)  # a class attribute
        return tf.argmax(y, dimension=1), tf.reduce_sum(y, keep_dims=True)


def summaries(y: tf.Tensor) -> tf.Tensor:  # annotations
    tf.summary.histogram("y", y)
    return tf.layers.dense(tf.to_float(y), 10, activation=tf.nn.softmax)


CELL = tf.nn.rnn_cell.LSTMCell
OPTIMIZERS = {"sgd": tf.train.GradientDescentOptimizer, "adam": tf.train.AdamOptimizer}
LOGGER = tf.logging.info
