"""What ``tf.contrib.rnn`` had of its own that TensorFlow 2.21 lacks and TF1 code calls.
contrib.rnn's other cells and ``static_rnn`` & co were TensorFlow's own objects, which
stage 0 renames to their ``tf.compat.v1.nn`` names; these were contrib's, written here as
contrib built them, so that their variables take the names they took in TF1 and TF1
checkpoints load:

* the stacked bidirectional RNNs (TensorLayer's ``BiDynamicRNNLayer`` imports
  ``stack_bidirectional_dynamic_rnn``), on TensorFlow's own ``bidirectional_dynamic_rnn``
  / ``static_bidirectional_rnn`` (``stack_bidirectional_rnn/cell_0/bidirectional_rnn/fw/...``);
* ``LSTMBlockCell`` (Sonnet 1's ``snt.LSTMBlockCell`` wraps it), the cell of TF1's fused
  LSTM kernel;
* ``LayerNormBasicLSTMCell`` (tensor2tensor, OpenNMT-tf, Ludwig and Magenta build it);
* ``GRUBlockCell`` / ``GRUBlockCellV2`` (Ludwig), the cells of TF1's fused GRU kernel:
  TF1's ``GRUCell`` math under the kernel's variable names.

They build TF1 graphs: RNN cells as TF1 made them (a graph, or a layer decorated with
``track_tf1_style_variables``). Imports TensorFlow; never LibCST or the codemod.
"""
from __future__ import annotations

import tensorflow as tf

from tf1to2 import rnn_cell

__all__ = ["stack_bidirectional_rnn", "stack_bidirectional_dynamic_rnn", "LSTMBlockCell", "LayerNormBasicLSTMCell",
           "GRUBlockCell", "GRUBlockCellV2"]

def _lstm_block_cell() -> type:
    """contrib.rnn's ``LSTMBlockCell``: TF1's ``LSTMCell`` with the fused kernel's
    arguments. The kernel (``tf.raw_ops.LSTMBlockCell``, which TF 2.21 still has) computes
    LSTMCell's math: gates i, j, f, o from ``[x, h] @ kernel + bias``, ``forget_bias``
    added to f, peepholes ``w_i_diag`` / ``w_f_diag`` / ``w_o_diag`` on the previous cell
    (the new one for o), the cell clipped to ``cell_clip``; under the same variable names
    (``lstm_cell/kernel``, ``lstm_cell/bias``, zeros at first), so TF1 checkpoints load."""
    class LSTMBlockCell(rnn_cell.LSTMCell):
        def __init__(self, num_units, forget_bias=1.0, cell_clip=None, use_peephole=False, dtype=None, reuse=None,
                     name="lstm_cell"):
            super().__init__(num_units, use_peepholes=use_peephole, cell_clip=cell_clip, forget_bias=forget_bias,
                             state_is_tuple=True, reuse=reuse, name=name, dtype=dtype)

    LSTMBlockCell.__module__ = __name__
    LSTMBlockCell.__doc__ = _lstm_block_cell.__doc__
    return LSTMBlockCell


def _gru_block_cell(gate_kernel: str, gate_bias: str, candidate_kernel: str, candidate_bias: str,
                    class_name: str = "GRUBlockCell") -> type:
    """contrib.rnn's ``GRUBlockCell`` (``GRUBlockCellV2``): the cell of TF1's fused GRU
    kernel (``tf.raw_ops.GRUBlockCell``, which TF 2.21 still has, without the gradient
    contrib registered for it), which computes TF1's ``GRUCell``: r and u from
    ``sigmoid([x, h] @ gate kernel + gate bias)``, the candidate ``tanh([x, r * h] @
    candidate kernel + candidate bias)``, ``u * h + (1 - u) * candidate``. Its variables
    take the kernel's names (``w_ru``, ``b_ru`` (ones at first), ``w_c``, ``b_c``; V2's are
    GRUCell's own, ``gates/kernel`` ...) under the scope ``gru_cell``, so TF1 checkpoints
    load; ``num_units`` or the deprecated ``cell_size``, exactly one."""
    v1 = tf.compat.v1

    class GRUBlockCell(rnn_cell.GRUCell):
        def __init__(self, num_units=None, cell_size=None, reuse=None, name="gru_cell"):
            if (cell_size is None) == (num_units is None):
                raise ValueError("Exactly one of num_units or cell_size must be provided.")
            super().__init__(num_units if num_units is not None else cell_size, reuse=reuse, name=name)

        def build(self, inputs_shape):
            depth = tf.compat.dimension_value(tf.TensorShape(inputs_shape)[-1])
            if depth is None:
                raise ValueError("Expecting input_size to be set.")
            units = self._num_units
            self._gate_kernel = self.add_variable(gate_kernel, [depth + units, 2 * units])
            self._gate_bias = self.add_variable(gate_bias, [2 * units], initializer=v1.constant_initializer(1.0))
            self._candidate_kernel = self.add_variable(candidate_kernel, [depth + units, units])
            self._candidate_bias = self.add_variable(candidate_bias, [units],
                                                     initializer=v1.constant_initializer(0.0))
            self.built = True

    GRUBlockCell.__name__ = GRUBlockCell.__qualname__ = class_name
    GRUBlockCell.__module__ = __name__
    GRUBlockCell.__doc__ = _gru_block_cell.__doc__
    return GRUBlockCell


def _layer_norm_basic_lstm_cell() -> type:
    """contrib.rnn's ``LayerNormBasicLSTMCell``: a basic LSTM whose four gate
    pre-activations (``[x, h] @ kernel``, no bias where it normalizes) and new cell state
    are each layer-normalized (contrib's ``layer_norm``, tf_slim's now: mean and variance
    over the units, epsilon 1e-12, then gain and shift), with recurrent dropout on the
    candidate (``dropout_keep_prob``), ``forget_bias`` added to f. The variables are
    contrib's: ``kernel`` (``bias`` without layer norm), and ``gamma`` / ``beta`` under
    ``input``, ``transform``, ``forget``, ``output`` and ``state``, initialized to
    ``norm_gain`` / ``norm_shift``, so TF1 checkpoints load. Written for the shim after
    contrib's own definition, on TensorFlow's TF1 ``RNNCell``."""
    import tf_slim

    v1 = tf.compat.v1

    class LayerNormBasicLSTMCell(rnn_cell.RNNCell):
        def __init__(self, num_units, forget_bias=1.0, input_size=None, activation=tf.math.tanh, layer_norm=True,
                     norm_gain=1.0, norm_shift=0.0, dropout_keep_prob=1.0, dropout_prob_seed=None, reuse=None):
            super().__init__(_reuse=reuse)
            if input_size is not None:
                v1.logging.warn("%s: The input_size parameter is deprecated.", self)
            self._num_units = num_units
            self._activation = activation
            self._forget_bias = forget_bias
            self._keep_prob = dropout_keep_prob
            self._seed = dropout_prob_seed
            self._layer_norm = layer_norm
            self._norm_gain = norm_gain
            self._norm_shift = norm_shift
            self._reuse = reuse

        @property
        def state_size(self):
            return rnn_cell.LSTMStateTuple(self._num_units, self._num_units)

        @property
        def output_size(self):
            return self._num_units

        def _norm(self, inp, scope, dtype=tf.float32):
            shape = inp.get_shape()[-1:]
            with v1.variable_scope(scope):
                v1.get_variable("gamma", shape=shape, initializer=v1.constant_initializer(self._norm_gain),
                                dtype=dtype)
                v1.get_variable("beta", shape=shape, initializer=v1.constant_initializer(self._norm_shift),
                                dtype=dtype)
            return tf_slim.layer_norm(inp, reuse=True, scope=scope)

        def _linear(self, args):
            out_size = 4 * self._num_units
            weights = v1.get_variable("kernel", [args.get_shape()[-1], out_size], dtype=args.dtype)
            out = tf.matmul(args, weights)
            if not self._layer_norm:
                out = tf.nn.bias_add(out, v1.get_variable("bias", [out_size], dtype=args.dtype))
            return out

        def call(self, inputs, state):
            c, h = state
            args = tf.concat([inputs, h], 1)
            concat = self._linear(args)
            dtype = args.dtype
            i, j, f, o = tf.split(value=concat, num_or_size_splits=4, axis=1)
            if self._layer_norm:
                i = self._norm(i, "input", dtype=dtype)
                j = self._norm(j, "transform", dtype=dtype)
                f = self._norm(f, "forget", dtype=dtype)
                o = self._norm(o, "output", dtype=dtype)
            g = self._activation(j)
            if (not isinstance(self._keep_prob, float)) or self._keep_prob < 1:
                g = v1.nn.dropout(g, keep_prob=self._keep_prob, seed=self._seed)
            new_c = c * tf.sigmoid(f + self._forget_bias) + tf.sigmoid(i) * g
            if self._layer_norm:
                new_c = self._norm(new_c, "state", dtype=dtype)
            new_h = self._activation(new_c) * tf.sigmoid(o)
            return new_h, rnn_cell.LSTMStateTuple(new_c, new_h)

    LayerNormBasicLSTMCell.__module__ = __name__
    LayerNormBasicLSTMCell.__doc__ = _layer_norm_basic_lstm_cell.__doc__
    return LayerNormBasicLSTMCell


def _check(cells_fw, cells_bw, initial_states_fw, initial_states_bw) -> None:
    """contrib's checks of the arguments, with its messages."""
    if not cells_fw:
        raise ValueError("Must specify at least one fw cell for BidirectionalRNN.")
    if not cells_bw:
        raise ValueError("Must specify at least one bw cell for BidirectionalRNN.")
    if not isinstance(cells_fw, list):
        raise ValueError("cells_fw must be a list of RNNCells (one per layer).")
    if not isinstance(cells_bw, list):
        raise ValueError("cells_bw must be a list of RNNCells (one per layer).")
    if len(cells_fw) != len(cells_bw):
        raise ValueError("Forward and Backward cells must have the same depth.")
    for name, states in (("initial_states_fw", initial_states_fw), ("initial_states_bw", initial_states_bw)):
        if states is not None and (not isinstance(states, list) or len(states) != len(cells_fw)):
            raise ValueError(f"{name} must be a list of state tensors (one per layer).")


def _initial(states, i):
    return states[i] if states else None


def stack_bidirectional_rnn(cells_fw, cells_bw, inputs, initial_states_fw=None, initial_states_bw=None, dtype=None,
                            sequence_length=None, scope=None):
    """contrib.rnn's ``stack_bidirectional_rnn``: one ``static_bidirectional_rnn`` per
    layer (under ``cell_<i>``), each fed the previous layer's depth-concatenated outputs
    (a length-T list). Returns (outputs, forward states, backward states), a state per
    layer."""
    _check(cells_fw, cells_bw, initial_states_fw, initial_states_bw)
    states_fw, states_bw = [], []
    layer = inputs
    with tf.compat.v1.variable_scope(scope or "stack_bidirectional_rnn"):
        for i, (cell_fw, cell_bw) in enumerate(zip(cells_fw, cells_bw)):
            with tf.compat.v1.variable_scope(f"cell_{i}") as cell_scope:
                layer, state_fw, state_bw = tf.compat.v1.nn.static_bidirectional_rnn(
                    cell_fw, cell_bw, layer, initial_state_fw=_initial(initial_states_fw, i),
                    initial_state_bw=_initial(initial_states_bw, i), sequence_length=sequence_length, dtype=dtype,
                    scope=cell_scope)
            states_fw.append(state_fw)
            states_bw.append(state_bw)
    return layer, tuple(states_fw), tuple(states_bw)


def stack_bidirectional_dynamic_rnn(cells_fw, cells_bw, inputs, initial_states_fw=None, initial_states_bw=None,
                                    dtype=None, sequence_length=None, parallel_iterations=None, time_major=False,
                                    scope=None, swap_memory=False):
    """contrib.rnn's ``stack_bidirectional_dynamic_rnn``: one ``bidirectional_dynamic_rnn``
    per layer (under ``cell_<i>``), each fed the previous layer's forward and backward
    outputs concatenated on the depth axis. Returns (outputs, forward states, backward
    states), a state per layer."""
    _check(cells_fw, cells_bw, initial_states_fw, initial_states_bw)
    states_fw, states_bw = [], []
    layer = inputs
    with tf.compat.v1.variable_scope(scope or "stack_bidirectional_rnn"):
        for i, (cell_fw, cell_bw) in enumerate(zip(cells_fw, cells_bw)):
            with tf.compat.v1.variable_scope(f"cell_{i}"):
                outputs, (state_fw, state_bw) = tf.compat.v1.nn.bidirectional_dynamic_rnn(
                    cell_fw, cell_bw, layer, initial_state_fw=_initial(initial_states_fw, i),
                    initial_state_bw=_initial(initial_states_bw, i), sequence_length=sequence_length,
                    parallel_iterations=parallel_iterations, dtype=dtype, swap_memory=swap_memory,
                    time_major=time_major)
                layer = tf.concat(outputs, 2)
            states_fw.append(state_fw)
            states_bw.append(state_bw)
    return layer, tuple(states_fw), tuple(states_bw)


__getattr__ = rnn_cell.classes_made_when_read(__name__, {
    "LSTMBlockCell": _lstm_block_cell, "LayerNormBasicLSTMCell": _layer_norm_basic_lstm_cell,
    "GRUBlockCell": lambda: _gru_block_cell("w_ru", "b_ru", "w_c", "b_c"),
    "GRUBlockCellV2": lambda: _gru_block_cell("gates/kernel", "gates/bias", "candidate/kernel", "candidate/bias",
                                              "GRUBlockCellV2"),
})
