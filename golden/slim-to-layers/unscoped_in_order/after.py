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
  x = tf.compat.v1.layers.conv2d(
      x,
      8,
      [3, 3],
      strides=2,
      padding="SAME",
      activation=tf.nn.relu,
      name="Conv")
  x = tf.compat.v1.layers.conv2d(x, 8, [3, 3], padding="SAME", use_bias=False, name="Conv_1")
  x = tf.compat.v1.layers.batch_normalization(
      x,
      momentum=0.999,
      scale=False,
      training=False,
      name="Conv_1/BatchNorm")
  x = tf.nn.relu(x)
  with tf.compat.v1.variable_scope("tower"):  # tower/Conv, tower/Conv_1
    x = tf.compat.v1.layers.conv2d(
        x,
        8,
        [1, 1],
        padding="SAME",
        activation=tf.nn.relu,
        name="Conv")
    x = tf.compat.v1.layers.conv2d(
        x,
        8,
        [1, 1],
        padding="SAME",
        activation=tf.nn.relu,
        name="Conv_1")
  for i in range(2):  # block_0/Conv, block_1/Conv
    with tf.compat.v1.variable_scope("block_%d" % i):
      x = tf.compat.v1.layers.conv2d(
          x,
          8,
          [3, 3],
          padding="SAME",
          activation=tf.nn.relu,
          name="Conv")
  x = tf.compat.v1.layers.conv2d(
      x,
      4,
      [1, 1],
      padding="SAME",
      activation=tf.nn.relu,
      name="Conv_2")
  x = tf.compat.v1.layers.flatten(x)
  x = tf.compat.v1.layers.dense(
      tf.compat.v1.layers.dense(x, 16, activation=tf.nn.relu, name="fully_connected"),
      8,
      activation=tf.nn.relu,
      name="fully_connected_1")
  if atoms is None:  # dopamine's discrete-domain network: one of two heads
    return tf.compat.v1.layers.dense(x, 3, name="fully_connected_2")
  else:
    return tf.compat.v1.layers.dense(x, 3 * atoms, name="fully_connected_2")


def scoped_in_between(x):
  # a scope= of another name does not count: Conv, first, Conv_1
  x = tf.compat.v1.layers.conv2d(
      x,
      8,
      [3, 3],
      padding="SAME",
      activation=tf.nn.relu,
      name="Conv")
  x = tf.compat.v1.layers.conv2d(
      x,
      8,
      [3, 3],
      padding="SAME",
      activation=tf.nn.relu,
      name="first")
  with tf.name_scope("tail"):  # a name scope is not a variable scope
    return tf.compat.v1.layers.conv2d(
        x,
        8,
        [3, 3],
        padding="SAME",
        activation=tf.nn.relu,
        name="Conv_1")


def conditional(x, deep):
  x = tf.compat.v1.layers.dense(x, 8, activation=tf.nn.relu, name="fully_connected")
  if deep:
    x = tf.compat.v1.layers.dense(x, 8, activation=tf.nn.relu, name="fully_connected_1")
  return slim.fully_connected(x, 2)


def in_a_variable_scope(x, scope, reuse=False):
  # each variable_scope block counts from 0 (leaving one resets its counts), in a loop
  # too: Conv here, then scope/Conv, scope/Conv_1, then head_<i>/Conv
  x = tf.compat.v1.layers.conv2d(
      x,
      8,
      [3, 3],
      padding="SAME",
      activation=tf.nn.relu,
      name="Conv")
  with tf.variable_scope(scope, reuse=reuse):
    x = tf.compat.v1.layers.conv2d(
        x,
        8,
        [3, 3],
        padding="SAME",
        activation=tf.nn.relu,
        name="Conv")
    x = tf.compat.v1.layers.conv2d(
        x,
        8,
        [3, 3],
        padding="SAME",
        activation=tf.nn.relu,
        name="Conv_1")
  for i in range(2):
    with tf.variable_scope("head_%d" % i):
      x = tf.compat.v1.layers.conv2d(
          x,
          8,
          [3, 3],
          padding="SAME",
          activation=tf.nn.relu,
          name="Conv")
  return x


def reentered(x):
  x = slim.conv2d(x, 8, [3, 3])
  with tf.variable_scope(tf.get_variable_scope(), reuse=tf.AUTO_REUSE):
    return slim.conv2d(x, 8, [3, 3])


def shifted(x):
  x = tf.compat.v1.layers.conv2d(
      x,
      8,
      [3, 3],
      padding="SAME",
      activation=tf.nn.relu,
      name="Conv_1")
  x = slim.conv2d(x, 8, [3, 3])
  return slim.conv2d(x, 8, [3, 3])


def with_a_3d_convolution(x, volume):
  v = slim.conv3d(volume, 4, [3, 3, 3])
  x = slim.conv2d(x, 8, [3, 3])
  return slim.conv2d(x, 8, [3, 3]), v


def in_a_lambda(x):
  first = tf.compat.v1.layers.dense(x, 8, activation=tf.nn.relu, name="fully_connected")
  later = lambda y: slim.fully_connected(y, 8)
  return later(first)


def with_a_helper(x):
  # the helper's unscoped layer runs in this scope too, after these: Conv_2 in TF1
  def helper(y):
    return tf.compat.v1.layers.conv2d(
        y,
        8,
        [3, 3],
        padding="SAME",
        activation=tf.nn.relu,
        name="Conv")
  x = slim.conv2d(x, 8, [3, 3])
  return helper(slim.conv2d(x, 8, [3, 3]))
