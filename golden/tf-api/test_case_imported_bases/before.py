"""A TF1 test module in graph_nets' style: test cases derive from a base test case of
another module (``test_utils.GraphsTest``, here ``GraphsTest`` bound at import), known by
its name and their test methods; and a test computes tf.gradients, which TF2 runs only
in a graph, without a session. Each gets graph mode, as TF1 ran it; the test case
building no graph is left."""
import unittest

import numpy as np
import tensorflow as tf

GraphsTest = tf.test.TestCase  # as ``from graph_nets.tests.test_utils import GraphsTest``


class NumGraphsTest(GraphsTest):

  def test_num_graphs(self):
    n = tf.placeholder(tf.int32, shape=[None])
    with self.test_session() as sess:
      self.assertEqual(3, sess.run(tf.shape(n)[0], {n: np.zeros([3], np.int32)}))


class StopGradientsTest(tf.test.TestCase):

  def _gradient_exists(self, y, x):
    return tf.gradients(y, x)[0] is not None

  def test_stop_gradient(self):
    x = tf.ones([2, 3])
    self.assertTrue(self._gradient_exists(2.0 * x, x))
    self.assertFalse(self._gradient_exists(tf.stop_gradient(x) + 0.0, x))


class EagerTest(unittest.TestCase):  # builds no graph

  def test_add(self):
    self.assertEqual(1 + 1, 2)


if __name__ == "__main__":
  tf.test.main()
