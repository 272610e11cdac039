"""Variables looked up by the leaf names slim gave them (weights, biases): the rewritten
layers name them kernel and bias, so each such string is warned. Names given to what a
call makes (variables, scopes, summaries, a layer's scope) and docstrings are not: 'weights'."""
import tensorflow as tf
import tf_slim as slim


def weight_decay(images):
    net = tf.compat.v1.layers.conv2d(
        images,
        4,
        [3, 3],
        padding="SAME",
        activation=tf.nn.relu,
        name="conv1")
    l2 = sum(tf.nn.l2_loss(v) for v in tf.compat.v1.trainable_variables() if "weights" in v.name)
    return net, l2


def lookups():
    return (
        slim.get_variables_by_name("weights"),
        tf.get_default_graph().get_tensor_by_name("conv1/weights:0"),
        tf.get_collection(tf.GraphKeys.TRAINABLE_VARIABLES, scope="conv1/biases"),
        [v for v in tf.global_variables() if v.op.name.endswith('/depthwise_weights')],
    )


def makers(x):
    # names of what these calls make: not warned
    with tf.variable_scope("biases"):
        w = tf.get_variable("weights", [3])
    tf.summary.histogram("weights", w)
    y = tf.identity(x, name="weights")
    return tf.compat.v1.layers.dense(y, 3, activation=tf.nn.relu, name="weights"), "weightsx", "my_weights"
