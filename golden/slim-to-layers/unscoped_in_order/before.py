"""Several unscoped slim layers of one kind in a function that runs each once, in order
(dopamine's nature_dqn_network: three conv2d, two fully_connected, no scope=): slim names
them Conv, Conv_1, Conv_2 in the order they run, and so does the rewrite -- an inner call
runs before the call it is an argument of, a normalizer is named in its layer's scope,
the two branches of an if both come after the calls before the if, and each
variable_scope block counts from 0. Where a call before one may or may not have run, or
something else shifts slim's count, it is left as it is."""
import tensorflow as tf
import tf_slim as slim


def net(images, atoms=None):
  x = tf.cast(images, tf.float32) / 255.
  x = slim.conv2d(x, 8, [3, 3], stride=2)
  x = slim.conv2d(x, 8, [3, 3], normalizer_fn=slim.batch_norm,
                  normalizer_params={"is_training": False})
  with tf.compat.v1.variable_scope("tower"):  # tower/Conv, tower/Conv_1
    x = slim.conv2d(x, 8, [1, 1])
    x = slim.conv2d(x, 8, [1, 1])
  for i in range(2):  # block_0/Conv, block_1/Conv
    with tf.compat.v1.variable_scope("block_%d" % i):
      x = slim.conv2d(x, 8, [3, 3])
  x = slim.conv2d(x, 4, [1, 1], scope=None)
  x = slim.flatten(x)
  x = slim.fully_connected(slim.fully_connected(x, 16), 8)
  if atoms is None:  # dopamine's discrete-domain network: one of two heads
    return slim.fully_connected(x, 3, activation_fn=None)
  else:
    return slim.fully_connected(x, 3 * atoms, activation_fn=None)


def scoped_in_between(x):
  # a scope= of another name does not count: Conv, first, Conv_1
  x = slim.conv2d(x, 8, [3, 3])
  x = slim.conv2d(x, 8, [3, 3], scope="first")
  with tf.name_scope("tail"):  # a name scope is not a variable scope
    return slim.conv2d(x, 8, [3, 3])


def conditional(x, deep):
  x = slim.fully_connected(x, 8)
  if deep:
    x = slim.fully_connected(x, 8)
  return slim.fully_connected(x, 2)


def in_a_variable_scope(x, scope, reuse=False):
  # each variable_scope block counts from 0 (leaving one resets its counts), in a loop
  # too: Conv here, then scope/Conv, scope/Conv_1, then head_<i>/Conv
  x = slim.conv2d(x, 8, [3, 3])
  with tf.variable_scope(scope, reuse=reuse):
    x = slim.conv2d(x, 8, [3, 3])
    x = slim.conv2d(x, 8, [3, 3])
  for i in range(2):
    with tf.variable_scope("head_%d" % i):
      x = slim.conv2d(x, 8, [3, 3])
  return x


def reentered(x):
  x = slim.conv2d(x, 8, [3, 3])
  with tf.variable_scope(tf.get_variable_scope(), reuse=tf.AUTO_REUSE):
    return slim.conv2d(x, 8, [3, 3])


def shifted(x):
  x = slim.conv2d(x, 8, [3, 3], scope="Conv_1")
  x = slim.conv2d(x, 8, [3, 3])
  return slim.conv2d(x, 8, [3, 3])


def with_a_3d_convolution(x, volume):
  v = slim.conv3d(volume, 4, [3, 3, 3])
  x = slim.conv2d(x, 8, [3, 3])
  return slim.conv2d(x, 8, [3, 3]), v


def in_a_lambda(x):
  first = slim.fully_connected(x, 8)
  later = lambda y: slim.fully_connected(y, 8)
  return later(first)


def with_a_helper(x):
  # the helper's unscoped layer runs in this scope too, after these: Conv_2 in TF1
  def helper(y):
    return slim.conv2d(y, 8, [3, 3])
  x = slim.conv2d(x, 8, [3, 3])
  return helper(slim.conv2d(x, 8, [3, 3]))
