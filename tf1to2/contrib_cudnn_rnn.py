"""The two cells of ``tf.contrib.cudnn_rnn`` that run without cuDNN, on TensorFlow 2.21,
which has no contrib: the CPU cells TF1 code builds to run (or load the checkpoints of)
what ``CudnnLSTM`` / ``CudnnGRU`` trained. Written for this shim to compute what
contrib's did, under contrib's variable names:

* ``CudnnCompatibleLSTMCell(num_units, reuse=None)``: contrib.rnn's ``LSTMBlockCell``
  (``tf1to2.contrib_rnn``'s) with no forget bias, in the scope
  ``cudnn_compatible_lstm_cell`` (``kernel``, ``bias``);
* ``CudnnCompatibleGRUCell(num_units, reuse=None, kernel_initializer=None)``: TF1's
  ``GRUCell`` with cuDNN's candidate, ``tanh(x @ W + b_W + r * (h @ R + b_R))`` (the reset
  gate applied after the recurrent projection), its variables ``gates/kernel``,
  ``gates/bias`` and ``candidate/{input,hidden}_projection/{kernel,bias}``.

The cuDNN layers themselves (``CudnnLSTM``, ``CudnnGRU``: opaque parameters) stay
warned: ``tf.keras.layers.LSTM`` / ``GRU`` are their TF2 home. ``tests/shim/
keras3_checks.py`` checks both cells against their formulas in NumPy. Imports
TensorFlow; never LibCST or the codemod.
"""
from __future__ import annotations

import tensorflow as tf

from tf1to2 import rnn_cell

__all__ = ["CudnnCompatibleLSTMCell", "CudnnCompatibleGRUCell"]

def _lstm() -> type:
    from tf1to2 import contrib_rnn

    class CudnnCompatibleLSTMCell(contrib_rnn.LSTMBlockCell):
        """contrib's: an LSTMBlockCell with no forget bias and no peepholes or clipping,
        named ``cudnn_compatible_lstm_cell``."""

        def __init__(self, num_units, reuse=None):
            super().__init__(num_units, forget_bias=0, cell_clip=None, use_peephole=False, reuse=reuse,
                             name="cudnn_compatible_lstm_cell")

    CudnnCompatibleLSTMCell.__module__ = __name__
    return CudnnCompatibleLSTMCell


def _gru() -> type:
    v1 = tf.compat.v1

    class CudnnCompatibleGRUCell(rnn_cell.GRUCell):
        """contrib's: TF1's GRUCell whose candidate applies the reset gate after the
        recurrent projection and its bias, as cuDNN's GRU does."""

        def __init__(self, num_units, reuse=None, kernel_initializer=None):
            super().__init__(num_units, activation=None, reuse=reuse, kernel_initializer=kernel_initializer)

        def build(self, inputs_shape):
            depth = tf.compat.dimension_value(tf.TensorShape(inputs_shape)[-1])
            if depth is None:
                raise ValueError(f"Expected inputs.shape[-1] to be known, saw shape: {inputs_shape}")
            units, init = self._num_units, self._kernel_initializer

            def bias(name, size, default):
                return self.add_variable(name, [size], initializer=self._bias_initializer or default)

            self._gate_kernel = self.add_variable("gates/kernel", [depth + units, 2 * units], initializer=init)
            self._gate_bias = bias("gates/bias", 2 * units, v1.constant_initializer(1.0, dtype=self.dtype))
            self._input_kernel = self.add_variable("candidate/input_projection/kernel", [depth, units],
                                                   initializer=init)
            self._hidden_kernel = self.add_variable("candidate/hidden_projection/kernel", [units, units],
                                                    initializer=init)
            self._input_bias = bias("candidate/input_projection/bias", units, v1.zeros_initializer(dtype=self.dtype))
            self._hidden_bias = bias("candidate/hidden_projection/bias", units, v1.zeros_initializer(dtype=self.dtype))
            self.built = True

        def call(self, inputs, state):
            gates = tf.sigmoid(tf.nn.bias_add(tf.matmul(tf.concat([inputs, state], 1), self._gate_kernel),
                                              self._gate_bias))
            r, u = tf.split(gates, 2, axis=1)
            candidate = tf.nn.bias_add(tf.matmul(inputs, self._input_kernel), self._input_bias)
            candidate += r * tf.nn.bias_add(tf.matmul(state, self._hidden_kernel), self._hidden_bias)
            new_h = (1 - u) * self._activation(candidate) + u * state
            return new_h, new_h

    CudnnCompatibleGRUCell.__module__ = __name__
    return CudnnCompatibleGRUCell


__getattr__ = rnn_cell.classes_made_when_read(__name__, {"CudnnCompatibleLSTMCell": _lstm,
                                                         "CudnnCompatibleGRUCell": _gru})
