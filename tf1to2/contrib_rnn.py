"""What ``tf.contrib.rnn`` had of its own that TensorFlow 2.21 lacks and TF1 code calls:
the stacked bidirectional RNNs (TensorLayer's ``BiDynamicRNNLayer`` imports
``stack_bidirectional_dynamic_rnn``), and ``LSTMBlockCell`` (Sonnet 1's
``snt.LSTMBlockCell`` wraps it), the cell of TF1's fused LSTM kernel. contrib.rnn's cells and ``static_rnn`` & co were
TensorFlow's own objects, which stage 0 renames to their ``tf.compat.v1.nn`` names; these
two were contrib's: written here on TensorFlow's own ``bidirectional_dynamic_rnn`` /
``static_bidirectional_rnn`` as contrib built them, so that a layer's variables take the
names they took in TF1 (``stack_bidirectional_rnn/cell_0/bidirectional_rnn/fw/...``) and
TF1 checkpoints load. They build TF1 graphs: RNN cells as TF1 made them (a graph, or a
layer decorated with ``track_tf1_style_variables``). Imports TensorFlow; never LibCST or
the codemod.
"""
from __future__ import annotations

import tensorflow as tf

__all__ = ["stack_bidirectional_rnn", "stack_bidirectional_dynamic_rnn", "LSTMBlockCell"]

_CLASSES: dict = {}  # made when first read: the cell classes come from the Keras TensorFlow runs with


def __getattr__(name: str):
    if name == "LSTMBlockCell":
        if name not in _CLASSES:
            _CLASSES[name] = _lstm_block_cell()
        return _CLASSES[name]
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def _lstm_block_cell() -> type:
    """contrib.rnn's ``LSTMBlockCell``: TF1's ``LSTMCell`` with the fused kernel's
    arguments. The kernel (``tf.raw_ops.LSTMBlockCell``, which TF 2.21 still has) computes
    LSTMCell's math: gates i, j, f, o from ``[x, h] @ kernel + bias``, ``forget_bias``
    added to f, peepholes ``w_i_diag`` / ``w_f_diag`` / ``w_o_diag`` on the previous cell
    (the new one for o), the cell clipped to ``cell_clip``; under the same variable names
    (``lstm_cell/kernel``, ``lstm_cell/bias``, zeros at first), so TF1 checkpoints load."""
    from tf1to2 import rnn_cell

    class LSTMBlockCell(rnn_cell.LSTMCell):
        def __init__(self, num_units, forget_bias=1.0, cell_clip=None, use_peephole=False, dtype=None, reuse=None,
                     name="lstm_cell"):
            super().__init__(num_units, use_peepholes=use_peephole, cell_clip=cell_clip, forget_bias=forget_bias,
                             state_is_tuple=True, reuse=reuse, name=name, dtype=dtype)

    LSTMBlockCell.__module__ = __name__
    LSTMBlockCell.__doc__ = _lstm_block_cell.__doc__
    return LSTMBlockCell


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
