"""Model functions that make their weights with tf.Variable (TF1's, tf.compat.v1.Variable
after stage 0), as TF1 tutorials did: each becomes a layer, whose decorator makes each
variable on the first call, names it as TF1 did (the variable scope, its name or
"Variable", numbered), and gives it back at the same place on later calls, under
Keras 3 and tf-keras alike."""
import tensorflow as tf
import tensorflow.compat.v1 as tf1


def weight_variable(shape):
    return tf.compat.v1.Variable(tf.random.truncated_normal(shape, stddev=0.1))


def bias_variable(shape):
    return tf1.Variable(tf.constant(0.1, shape=shape))


def mlp(x):
    """Helpers making unnamed variables: Variable, Variable_1 in each scope, as in TF1."""
    with tf.compat.v1.variable_scope("hidden"):
        h = tf.nn.relu(tf.matmul(x, weight_variable([3, 4])) + bias_variable([4]))
    with tf.compat.v1.variable_scope("out"):
        return tf.matmul(h, weight_variable([4, 2])) + bias_variable([2])


def scaled(inputs):
    scale = tf.compat.v1.Variable(2.0, name="scale", trainable=False)
    offsets = [tf.compat.v1.Variable(float(i), name="offset") for i in range(2)]
    return tf.compat.v1.layers.dense(inputs, 3, name="dense") * scale + offsets[0] + offsets[1]


def tf2_variable(inputs):
    """TF2's tf.Variable, which the decorator cannot tell from a Keras weight: left."""
    w = tf.compat.v2.Variable(tf.ones([3, 2]), name="w")
    return tf.compat.v1.layers.dense(tf.matmul(inputs, w), 2, name="d")
