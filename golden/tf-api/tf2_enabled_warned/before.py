"""TF1 code's test for TF2 behaviour, tensorflow.python.tf2.enabled(), is True after the
migration: what it guards (the project's own TF2 side) runs where TF1 ran the other
side, which tf1to2 migrated. Left as it is, warned at each call, however it is
imported (tensor2tensor's common_layers.layers(), tensorpack's is_tfv2())."""
import tensorflow.compat.v1 as tf
import tensorflow.python.tf2 as tf2_module


def layers():
  layers_module = tf.layers
  try:
    from tensorflow.python import tf2  # pylint: disable=g-import-not-at-top
    if tf2.enabled():
      layers_module = tf.keras.layers
  except ImportError:
    pass
  return layers_module


def is_tfv2():
  return tf2_module.enabled()
