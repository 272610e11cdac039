"""A TF1 test module in trfl's style: its tests run graphs through the test case's own
session (``self.test_session()``, ``self.session()``, ``self.cached_session()``), and
make their placeholders in module-level helpers they call. TF2's test case hands out
those sessions in graph mode only, so each test case runs its tests in graph mode, and
with TF1's reference variables, which its tests' expectations hold."""
import numpy as np
import tensorflow.compat.v1 as tf
import tf1to2


def _placeholders(n):
  return [tf.placeholder(tf.float32, shape=(2,)) for _ in range(n)]


def _setup(n=2):  # a helper calling a helper
  xs = _placeholders(n)
  return xs, tf.add_n(xs)


@tf1to2.graph_mode_tests
class SumTest(tf.test.TestCase):

  def testSum(self):
    xs, total = _setup()
    with self.test_session() as sess:
      out = sess.run(total, {x: np.ones(2) for x in xs})
    self.assertAllEqual(out, [2.0, 2.0])


@tf1to2.graph_mode_tests
class GradientTest(tf.test.TestCase):

  def setUp(self):
    super(GradientTest, self).setUp()
    self.w = tf.Variable([1.0, 2.0])
    self.loss = tf.reduce_sum(self.w * self.w)

  def testGradient(self):
    with self.test_session() as sess:
      sess.run(tf.global_variables_initializer())
      self.assertAllClose(sess.run(tf.gradients(self.loss, self.w)[0]), [2.0, 4.0])

  def testEval(self):
    with self.session():
      self.w.initializer.run()
      self.assertAllClose(self.loss.eval(), 5.0)


class CachedTest(GradientTest):  # inherits its base's graph mode

  def testCached(self):
    with self.cached_session() as sess:
      sess.run(self.w.initializer)
      self.assertAllClose(sess.run(self.w), [1.0, 2.0])
      self.assertAllClose(self.loss.eval(), 5.0)  # a graph's tensor


@tf1to2.graph_mode_tests
class UpdateTest(tf.test.TestCase):

  def testFetchedWithItsUpdate(self):  # TF1's reference variable: read after the update
    counter = tf.Variable(0)
    increment = counter.assign_add(1).op
    with self.test_session() as sess:
      sess.run(tf.global_variables_initializer())
      self.assertEqual([sess.run([increment, counter])[1] for _ in range(3)], [1, 2, 3])


class Recorder(object):  # not a test case: its session is its own

  def session(self):
    return "recording"

  def run(self):
    return self.session()


class PlainTest(tf.test.TestCase):

  def testRecorder(self):
    self.assertEqual(Recorder().run(), "recording")


if __name__ == "__main__":
  tf.test.main()
