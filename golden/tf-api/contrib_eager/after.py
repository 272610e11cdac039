"""tf.contrib.eager re-exported TensorFlow's own objects: the ones TF2 names publicly become
those names (GradientTape, py_func is py_function, Checkpoint is tf.compat.v1.train's); the
module imported, assigned or handed on (tensor2tensor's contrib.tfe()) is the shim's
stand-in, which also has those TensorFlow keeps privately (implicit_value_and_gradients,
run_test_in_graph_and_eager_modes, Iterator); contrib's own (defun, metrics) are warned."""
import tensorflow as tf
import tf1to2.contrib_eager as tfe
from tf1to2 import contrib_eager
from tensorflow.compat.v1 import GradientTape
from tf1to2.contrib_eager import Iterator as EagerIterator
from tensorflow.compat.v1 import py_function as py_func
from tf1to2.contrib_eager import implicit_value_and_gradients
import tf1to2.contrib_eager

eager = tf1to2.contrib_eager


def tfe_module():
  from tf1to2 import contrib_eager as module  # pylint: disable=g-import-not-at-top
  return module


def square_grad(x):
  with tf.compat.v1.GradientTape() as tape:
    tape.watch(x)
    y = x * x
  return tape.gradient(y, x)


def doubled(x):
  return tf.compat.v1.py_function(lambda a: a.numpy() * 2, [x], tf.float32), py_func(lambda a: a.numpy() + 1, [x], tf.float32)


def value_and_grads(v):
  return implicit_value_and_gradients(lambda: v * v)()


def first(dataset):
  return EagerIterator(dataset).next(), contrib_eager.Iterator(dataset).get_next()


def checkpoint(v, where):
  saver = tf.compat.v1.train.Checkpoint(v=v)
  return saver.save(where)


def mode():
  return tf.compat.v1.executing_eagerly(), tf.compat.v1.executing_eagerly(), isinstance(GradientTape(), tf.GradientTape)


def compiled(x):
  return tfe.defun(lambda y: y + 1)(x)


def mean(values):
  m = tfe.metrics.Mean()
  for v in values:
    m(v)
  return m.result()


class ModesTest(tf.test.TestCase):

  @tfe.run_test_in_graph_and_eager_modes()
  def test_square(self):
    self.assertEqual(self.evaluate(tf.square(3.0)), 9.0)
