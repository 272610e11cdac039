"""A TF1 test module: its tests build graphs on the default graph (placeholders, sessions),
as TF1 ran every test. Test runners (pytest, python -m unittest) do not run the module's
__main__ block, so each test case runs its tests in graph mode instead."""
import unittest

import numpy as np
import tensorflow as tf
import tf1to2


@tf1to2.graph_mode_tests
class GraphTest(unittest.TestCase):

    def setUp(self):
        tf1to2.reset_default_graph()
        self.x = tf.compat.v1.placeholder(tf.float32, [None, 3])

    def test_doubles(self):
        y = self.x * 2.0
        with tf.compat.v1.Session() as sess:
            out = sess.run(y, feed_dict={self.x: np.ones([2, 3])})
        self.assertEqual(out.sum(), 12.0)

    def test_variable(self):
        w = tf.compat.v1.get_variable("w", [3], initializer=tf.compat.v1.ones_initializer())
        with tf.compat.v1.Session() as sess:
            sess.run(tf.compat.v1.global_variables_initializer())
            self.assertEqual(sess.run(tf.reduce_sum(w * self.x), {self.x: np.ones([1, 3])}), 3.0)


class Derived(GraphTest):
    # inherits the graph mode of its base

    def test_again(self):
        self.test_doubles()


@tf1to2.graph_mode_tests
class TFTest(tf.test.TestCase):

    def test_feeds(self):
        a = tf.compat.v1.placeholder(tf.float32, [])
        with self.cached_session() as sess:
            self.assertEqual(sess.run(a + 1.0, {a: 1.0}), 2.0)


class Plain(unittest.TestCase):
    # builds no graph: left alone

    def test_nothing(self):
        self.assertTrue(True)


if __name__ == "__main__":
    unittest.main()
