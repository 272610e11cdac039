"""A TF1 test module that enables eager execution at import (tensor2tensor's problem
tests): its tests ran eagerly under TF1 too, and the one building a graph enters it
through its decorator. It runs as it is: no graph mode forced on its test cases."""
import functools

import numpy as np
import tensorflow.compat.v1 as tf
import tf1to2

tf.enable_eager_execution()


def in_graph(f):
    @functools.wraps(f)
    def run(self):
        with tf1to2.Graph().as_default():
            f(self)
    return run


class ProblemTest(tf.test.TestCase):

    def test_eager(self):
        self.assertTrue(tf.executing_eagerly())
        self.assertEqual(float(tf.reduce_sum(tf.ones([2, 3]))), 6.0)

    @in_graph
    def test_in_a_graph(self):
        x = tf.placeholder(tf.float32, [None])
        with tf.Session() as sess:
            self.assertEqual(sess.run(x * 2.0, {x: np.ones([2])}).sum(), 4.0)


if __name__ == "__main__":
  tf.test.main()
