"""Every kind of TF1 name, reached through `import tensorflow as tf`."""
import tensorflow as tf
import tf_slim


class ClippedAdam(tf.compat.v1.train.AdamOptimizer):  # a base class
    pass


@tf.custom_gradient  # a decorator that TF2 keeps
def identity(x):
    return tf.identity(x), lambda dy: dy


@tf_slim.add_arg_scope  # a decorator that moves to tf_slim
def block(x, init=tf.compat.v1.zeros_initializer(), dtype=tf.float32):  # default arguments
    with tf.compat.v1.variable_scope("block", reuse=tf.compat.v1.AUTO_REUSE):  # function, constant
        w = tf.compat.v1.get_variable("w", [3, 3], initializer=init, dtype=dtype)
        y = tf.matmul(x, w)
        y = tf.math.log(tf.nn.relu(y) + 1.0)  # a TF2 name of the same object; a kept one
        if isinstance(y, tf.Tensor) and not isinstance(y, tf.SparseTensor):
            tf.compat.v1.add_to_collection(tf.compat.v1.GraphKeys.ACTIVATIONS, y)  # a class attribute
        return tf.compat.v1.argmax(y, dimension=1), tf.compat.v1.reduce_sum(y, keep_dims=True)


def summaries(y: tf.Tensor) -> tf.Tensor:  # annotations
    tf.compat.v1.summary.histogram("y", y)
    return tf.compat.v1.layers.dense(tf.compat.v1.to_float(y), 10, activation=tf.compat.v1.nn.softmax)


CELL = tf.compat.v1.nn.rnn_cell.LSTMCell
OPTIMIZERS = {"sgd": tf.compat.v1.train.GradientDescentOptimizer, "adam": tf.compat.v1.train.AdamOptimizer}
LOGGER = tf.compat.v1.logging.info
