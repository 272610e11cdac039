"""TF1's RNN cells (``tf.compat.v1.nn.rnn_cell``) on current TensorFlow, under either Keras.

    import tf1to2.rnn_cell
    cell = tf1to2.rnn_cell.LSTMCell(128)
    outputs, state = tf.compat.v1.nn.dynamic_rnn(cell, inputs, dtype=tf.float32)

TensorFlow 2.16+ loads ``tf.compat.v1.nn.rnn_cell`` from tf-keras: under its default
Keras 3 every name there raises ("not available with Keras 3"). The cells themselves
still ship inside TensorFlow, as the ones its own ``tf.compat.v1.nn.dynamic_rnn`` &co
are written against (``tensorflow.python.ops.rnn_cell_impl``), and they are TF1's:
same arguments, same math, variables made through ``get_variable`` under the same
names (``rnn/lstm_cell/kernel``). This module hands out

* under tf-keras (``TF_USE_LEGACY_KERAS=1``): tf-keras' own cells, which
  ``tf.compat.v1.nn.rnn_cell`` gives there;
* under Keras 3: TensorFlow's, whose variables the shim's ``track_tf1_style_variables``
  makes Keras weights of, as for any ``get_variable``, and which a TF1 graph serves as
  before.

A name is looked up when it is first read (``tf1to2.rnn_cell.LSTMCell``), after
TensorFlow chose its Keras. Where this TensorFlow has no such cells, the error says what
to install.
"""
from __future__ import annotations

# the public names of TF1's tf.nn.rnn_cell (TensorFlow 1.15)
NAMES = (
    "BasicLSTMCell", "BasicRNNCell", "DeviceWrapper", "DropoutWrapper", "GRUCell", "LSTMCell",
    "LSTMStateTuple", "MultiRNNCell", "ResidualWrapper", "RNNCell",
)
__all__ = list(NAMES)


def _source():
    """The module the cells come from under the Keras TensorFlow runs with."""
    import tf1to2

    if tf1to2._legacy_keras_active():
        import tensorflow as tf

        return tf.compat.v1.nn.rnn_cell
    try:
        from tensorflow.python.ops import rnn_cell_impl
        rnn_cell_impl.LSTMCell  # noqa: B018 (it imports TensorFlow's in-tree cells)
    except (ImportError, AttributeError) as e:
        raise tf1to2.MissingKerasSupport(
            f"this TensorFlow has no TF1 RNN cells under Keras 3 ({e}): {tf1to2.LEGACY_FIX}, "
            "or move to tf.keras.layers cells and tf.keras.layers.RNN (their variables are named "
            "differently: convert the checkpoint)") from e
    return rnn_cell_impl


def classes_made_when_read(module: str, makers: dict):
    """A module ``__getattr__`` for the shim's modules whose classes derive from these
    cells (``tf1to2.contrib_rnn``'s, ``contrib_cudnn_rnn``'s, ``contrib_seq2seq``'s
    AttentionWrapper): each class of ``makers`` (name → the function making it) made when
    first read, after TensorFlow chose its Keras, and the same class after that."""
    made: dict = {}

    def module_getattr(name: str):
        if name in makers:
            if name not in made:
                made[name] = makers[name]()
            return made[name]
        raise AttributeError(f"module {module!r} has no attribute {name!r}")

    return module_getattr


def __getattr__(name: str):
    if name not in NAMES:
        raise AttributeError(f"module 'tf1to2.rnn_cell' has no attribute {name!r} "
                             f"(TF1's tf.nn.rnn_cell has: {', '.join(NAMES)})")
    return getattr(_source(), name)


def __dir__():
    return sorted([*globals(), *NAMES])
