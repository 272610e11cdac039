import tensorflow as tf
from tf1to2 import track_tf1_style_variables


class QNetwork(tf.keras.layers.Layer):
  """Q-values for each action: the settings come before the state (dopamine's order)."""

  def __init__(self, num_actions, hidden=8, **kwargs):
    super().__init__(**kwargs)
    self.num_actions = num_actions
    self.hidden = hidden

  @track_tf1_style_variables
  def call(self, state):
    net = tf.compat.v1.layers.dense(state, self.hidden, activation=tf.nn.relu, name="hidden")
    return tf.compat.v1.layers.dense(net, self.num_actions, name="q")


class Distribution(tf.keras.layers.Layer):
  def __init__(self, num_actions, num_atoms, **kwargs):
    super().__init__(**kwargs)
    self.num_actions = num_actions
    self.num_atoms = num_atoms

  @track_tf1_style_variables
  def call(self, state):
    logits = tf.compat.v1.layers.dense(state, self.num_actions * self.num_atoms, name="logits")
    return tf.reshape(logits, [-1, self.num_actions, self.num_atoms])


def head(n_out, features):
  return tf.compat.v1.layers.dense(features, n_out, name="head")


class Tower(tf.keras.layers.Layer):
  def __init__(self, num_classes, **kwargs):
    super().__init__(**kwargs)
    self.num_classes = num_classes

  @track_tf1_style_variables
  def call(self, images):
    # num_classes only reaches a setting of head's: images is the input
    flat = tf.reshape(images, [-1, 6])
    return head(self.num_classes, flat)


class Project(tf.keras.layers.Layer):
  @track_tf1_style_variables
  def call(self, w, x):
    # w reaches only an op's second argument, which may be a tensor: w stays the input
    return tf.compat.v1.layers.dense(tf.matmul(x, w), 2, name="proj")


class Scaled(tf.keras.layers.Layer):
  @track_tf1_style_variables
  def call(self, x, scale):
    # only arithmetic reads x, and scale is a tensor: x stays the input
    h = x * 2.0
    return tf.multiply(scale, tf.compat.v1.layers.dense(h, 3, name="out"))


if __name__ == "__main__":
  obs = tf.ones([2, 3])
  q = QNetwork(num_actions=4)(obs)
  d = Distribution(num_actions=2, num_atoms=5)(obs)
  s = Scaled()(obs, scale=tf.constant(0.5))
  t = Tower(num_classes=3)(tf.ones([2, 2, 3]))
  p = Project()(tf.eye(3), x=obs)
