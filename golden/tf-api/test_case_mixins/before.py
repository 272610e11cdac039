"""A TF1 test module in t3f's style: the tests live in a mixin class, not a test case,
and a test case per dtype derives from it and from tf.test.TestCase (in either order,
or through another mixin). The mixin's tests run the test case's session, which TF2
hands out in graph mode only: each test case deriving from it runs in graph mode. A
test case building no graph is left."""
import numpy as np
import tensorflow as tf


class _SumTest(object):

  def testSum(self):
    x = tf.placeholder(self.dtype, shape=(2,))
    with self.test_session() as sess:
      out = sess.run(tf.reduce_sum(x), {x: np.ones(2)})
    self.assertAllClose(out, 2.0)


class _GradientTest(_SumTest):  # a mixin of a mixin

  def testGradient(self):
    w = tf.Variable(np.array([1.0, 2.0]), dtype=self.dtype)
    loss = tf.reduce_sum(w * w)
    with self.test_session() as sess:
      sess.run(tf.global_variables_initializer())
      self.assertAllClose(sess.run(tf.gradients(loss, w)[0]), [2.0, 4.0])


class SumTestFloat32(tf.test.TestCase, _SumTest):
  dtype = tf.float32


class SumTestFloat64(_SumTest, tf.test.TestCase):
  dtype = tf.float64


class GradientTestFloat64(tf.test.TestCase, _GradientTest):
  dtype = tf.float64


class EagerTest(tf.test.TestCase):  # builds no graph

  def testAdd(self):
    self.assertEqual(1 + 1, 2)


if __name__ == "__main__":
  tf.test.main()
