"""tf.compat.v1.layers itself used as a value: under Keras 3 every name read from it
raises, so it becomes tf1to2.layers, which has all of its layer functions and classes.
Warned where it is handed on (returned, passed, compared, stored in a function): what is
read from it there is out of sight, and Layer, InputSpec and experimental are not in the
shim. A module-level alias whose reads are all here is not warned; the name an
assignment binds stays (tensor2tensor's ``tfl = tf.layers``, its ``layers()``;
tensorpack's ``enable_argscope_for_module(tf.layers)``). TF1's RNN cell module bound by
an assignment keeps its name too."""
import tensorflow.compat.v1 as tf
import tensorflow.compat.v1.layers as tl

tfl = tf.layers
cells = tf.nn.rnn_cell

_cached_layers = None


def layers():
  """tensor2tensor's common_layers.layers(), the module picked at run time."""
  global _cached_layers
  if _cached_layers is not None:
    return _cached_layers
  layers_module = None
  try:
    layers_module = tf.layers
  except AttributeError:
    pass
  _cached_layers = layers_module
  return layers_module


def patch(enable_argscope_for_module, module=None):
  if module is None or module == tf.layers:
    enable_argscope_for_module(tl)


def monkeypatch(dense_class):
  tf.layers.Dense = dense_class


def net(x):
  y = tfl.conv2d(x, 4, 3, name="conv")
  cell = cells.GRUCell(4)
  return layers().Dense(3, name="dense")(tf.layers.flatten(y)), cell
