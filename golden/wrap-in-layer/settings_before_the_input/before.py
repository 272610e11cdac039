import tensorflow as tf


def q_network(num_actions, state, hidden=8):
  """Q-values for each action: the settings come before the state (dopamine's order)."""
  net = tf.compat.v1.layers.dense(state, hidden, activation=tf.nn.relu, name="hidden")
  return tf.compat.v1.layers.dense(net, num_actions, name="q")


def distribution(num_actions, num_atoms,
                 state):
  logits = tf.compat.v1.layers.dense(state, num_actions * num_atoms, name="logits")
  return tf.reshape(logits, [-1, num_actions, num_atoms])


def head(n_out, features):
  return tf.compat.v1.layers.dense(features, n_out, name="head")


def tower(num_classes, images):
  # num_classes only reaches a setting of head's: images is the input
  flat = tf.reshape(images, [-1, 6])
  return head(num_classes, flat)


def project(w, x):
  # w reaches only an op's second argument, which may be a tensor: w stays the input
  return tf.compat.v1.layers.dense(tf.matmul(x, w), 2, name="proj")


def scaled(x, scale):
  # only arithmetic reads x, and scale is a tensor: x stays the input
  h = x * 2.0
  return tf.multiply(scale, tf.compat.v1.layers.dense(h, 3, name="out"))


if __name__ == "__main__":
  obs = tf.ones([2, 3])
  q = q_network(4, obs)
  d = distribution(state=obs, num_atoms=5,
                   num_actions=2)
  s = scaled(obs, tf.constant(0.5))
  t = tower(3, tf.ones([2, 2, 3]))
  p = project(tf.eye(3), obs)
