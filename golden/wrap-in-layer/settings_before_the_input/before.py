import tensorflow as tf


def q_network(num_actions, state, hidden=8):
  """Q-values for each action: the settings come before the state (dopamine's order)."""
  net = tf.compat.v1.layers.dense(state, hidden, activation=tf.nn.relu, name="hidden")
  return tf.compat.v1.layers.dense(net, num_actions, name="q")


def distribution(num_actions, num_atoms,
                 state):
  logits = tf.compat.v1.layers.dense(state, num_actions * num_atoms, name="logits")
  return tf.reshape(logits, [-1, num_actions, num_atoms])


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
