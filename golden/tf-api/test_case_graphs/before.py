"""A TF1 test module: its tests build graphs on the default graph (placeholders, sessions),
as TF1 ran every test. Test runners (pytest, python -m unittest) do not run the module's
__main__ block, so each test case runs its tests in graph mode instead."""
import unittest

import numpy as np
import tensorflow as tf


class GraphTest(unittest.TestCase):

    def setUp(self):
        tf.reset_default_graph()
        self.x = tf.placeholder(tf.float32, [None, 3])

    def test_doubles(self):
        y = self.x * 2.0
        with tf.Session() as sess:
            out = sess.run(y, feed_dict={self.x: np.ones([2, 3])})
        self.assertEqual(out.sum(), 12.0)

    def test_variable(self):
        w = tf.get_variable("w", [3], initializer=tf.ones_initializer())
        with tf.Session() as sess:
            sess.run(tf.global_variables_initializer())
            self.assertEqual(sess.run(tf.reduce_sum(w * self.x), {self.x: np.ones([1, 3])}), 3.0)


class Derived(GraphTest):
    # inherits the graph mode of its base

    def test_again(self):
        self.test_doubles()


class TFTest(tf.test.TestCase):

    def test_feeds(self):
        a = tf.placeholder(tf.float32, [])
        with self.cached_session() as sess:
            self.assertEqual(sess.run(a + 1.0, {a: 1.0}), 2.0)


class Plain(unittest.TestCase):
    # builds no graph: left alone

    def test_nothing(self):
        self.assertTrue(True)


if __name__ == "__main__":
    unittest.main()
