"""TF1 code making its own graphs, each way (GPflow 1.5 builds its models so: a graph per
test case, the default graph after a reset, a session on a graph it was given). TF1 built
control flow in every one of them, which its code relies on: a gradient can be taken
through a loop a session already ran (GPflow's SVGP training). And TF1's variables: one
fed through feed_dict is fed to every read of it in the run (GPflow's ScipyOptimizer feeds
its variables so), which the graph the migration writes does not give back: warned."""
import numpy as np
import tensorflow as tf
import tensorflow.compat.v1 as tf1
from tensorflow import Graph
from tensorflow.python.framework import ops


def fed_variable(value):
    graph = tf.Graph()
    with graph.as_default():
        v = tf.get_variable("v", initializer=np.float64(1.0))
        y = v * 2.0 + tf.square(v)
        with tf.Session(graph=graph) as sess:
            sess.run(tf.global_variables_initializer())
            return float(sess.run(y, {v: value}))


def gradient_after_run():
    with ops.Graph().as_default() as graph, tf.Session(graph=graph) as sess:
        x = tf.Variable([1.0, 2.0, 3.0], dtype=tf.float64)
        squares = tf.map_fn(lambda e: e * e, x)
        sess.run(tf.global_variables_initializer())
        before = sess.run(squares)
        (grad,) = tf.gradients(tf.reduce_sum(squares), [x])
        return before.tolist(), sess.run(grad).tolist()


def on_the_default_graph(value):
    tf.reset_default_graph()
    with tf.Session() as sess:
        x = tf.placeholder(tf.float64, [])
        v = tf.Variable(np.float64(1.0))
        total = tf.while_loop(lambda i, acc: i < 3, lambda i, acc: (i + 1, acc * v * x),
                              [tf.constant(0), tf.constant(1.0, tf.float64)])[1]
        sess.run(tf.global_variables_initializer())
        fed = sess.run(total, {x: value})
        (grad,) = tf.gradients(total, [v])
        return float(fed), float(sess.run(grad, {x: value}))


def graphs_every_way():
    return [tf1.Graph(), tf.compat.v1.Graph(), Graph(), ops.reset_default_graph(), tf1.reset_default_graph()]


def left_as_they_are(graph):
    # a type check, and TF2's own graph asked for by name: not TF1's graph being made
    return isinstance(graph, tf.Graph), tf.compat.v2.Graph()
