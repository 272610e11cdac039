"""``tf.contrib.eager`` (also imported as ``tensorflow.contrib.eager.python.tfe``) for code
that imports the module: tensor2tensor's ``contrib.tfe()`` returns it, sonnet imports it as
``contrib_eager``.

Most of TensorFlow 1.15's module were TensorFlow's own objects re-exported, and TensorFlow
2.21 still has them, the same objects: ``GradientTape``, ``custom_gradient``,
``TensorSpec``, ``executing_eagerly``, ``py_func`` (``tf.py_function``), ``Checkpoint``
(``tf.compat.v1.train.Checkpoint``), ``function`` (``tf.function``), ``Variable`` (a
resource variable), ``implicit_value_and_gradients`` & co, ``make_template``,
``run_test_in_graph_and_eager_modes``, ``EagerVariableStore``, the execution-mode
constants. ``Iterator(dataset)`` is ``iter(dataset)``: TF1's was the iterator class that
``iter`` makes of a dataset in eager code (TensorFlow's ``OwnedIterator``, with ``next()``
and ``get_next()``), and like it raises outside eager code.

What contrib held itself (``defun``, ``metrics``, ``Network``, ``Saver``, the execution
callbacks, ...) TensorFlow 2.21 does not have: those raise AttributeError naming what to
use instead, as tf1to2's tf-api stage says where code reads them.
Imports TensorFlow; never LibCST or the codemod.
"""
from __future__ import annotations

import importlib

# name → (module, its name there): the same object under TensorFlow 2.21 (a literal: the
# tf-api stage reads it from this source)
_ELSEWHERE = {
    "GradientTape": ("tensorflow.compat.v1", "GradientTape"),
    "custom_gradient": ("tensorflow.compat.v1", "custom_gradient"),
    "TensorSpec": ("tensorflow.compat.v1", "TensorSpec"),
    "executing_eagerly": ("tensorflow.compat.v1", "executing_eagerly"),
    "in_eager_mode": ("tensorflow.compat.v1", "executing_eagerly"),
    "py_func": ("tensorflow.compat.v1", "py_function"),
    "Checkpoint": ("tensorflow.compat.v1.train", "Checkpoint"),
    "function": ("tensorflow.compat.v1", "function"),
    "enable_eager_execution": ("tensorflow.compat.v1", "enable_eager_execution"),
    "Variable": ("tensorflow.python.ops.resource_variable_ops", "ResourceVariable"),
    "EagerVariableStore": ("tensorflow.python.ops.variable_scope", "EagerVariableStore"),
    "make_template": ("tensorflow.python.ops.template", "make_template_internal"),
    "implicit_gradients": ("tensorflow.python.eager.backprop", "implicit_grad"),
    "implicit_value_and_gradients": ("tensorflow.python.eager.backprop", "implicit_val_and_grad"),
    "gradients_function": ("tensorflow.python.eager.backprop", "gradients_function"),
    "value_and_gradients_function": ("tensorflow.python.eager.backprop", "val_and_grad_function"),
    "run_test_in_graph_and_eager_modes": ("tensorflow.python.framework.test_util", "run_in_graph_and_eager_modes"),
    "run_all_tests_in_graph_and_eager_modes": ("tensorflow.python.framework.test_util",
                                               "run_all_in_graph_and_eager_modes"),
    "Checkpointable": ("tensorflow.python.trackable.autotrackable", "AutoTrackable"),
    "connect_to_remote_host": ("tensorflow.python.eager.remote", "connect_to_remote_host"),
    "run": ("tensorflow.python.framework.ops", "eager_run"),
    "enable_remote_eager_execution": ("tensorflow.python.framework.ops", "enable_eager_execution_internal"),
    "num_gpus": ("tensorflow.python.eager.context", "num_gpus"),
    "set_execution_mode": ("tensorflow.python.eager.context", "set_execution_mode"),
    "execution_mode": ("tensorflow.python.eager.context", "execution_mode"),
    "async_wait": ("tensorflow.python.eager.context", "async_wait"),
    "async_clear_error": ("tensorflow.python.eager.context", "async_clear_error"),
    "set_server_def": ("tensorflow.python.eager.context", "set_server_def"),
    "SYNC": ("tensorflow.python.eager.context", "SYNC"),
    "ASYNC": ("tensorflow.python.eager.context", "ASYNC"),
    "DEVICE_PLACEMENT_EXPLICIT": ("tensorflow.python.eager.context", "DEVICE_PLACEMENT_EXPLICIT"),
    "DEVICE_PLACEMENT_WARN": ("tensorflow.python.eager.context", "DEVICE_PLACEMENT_WARN"),
    "DEVICE_PLACEMENT_SILENT": ("tensorflow.python.eager.context", "DEVICE_PLACEMENT_SILENT"),
}

# TensorFlow 1.15's tf.contrib.eager names that TensorFlow 2.21 does not have, and what to
# use instead (tf1to2's tf-api stage says the same where code reads them)
GONE = {
    "defun": "tf.function, which is close but not the same (it may create variables only on its first call, "
             "and retraces by its own rules)",
    "metrics": "tf.keras.metrics (update_state(...) and result() where contrib's were called)",
    "Network": "tf.keras.Model",
    "Sequential": "tf.keras.Sequential",
    "save_network_checkpoint": "tf.train.Checkpoint(model=...).save",
    "restore_network_checkpoint": "tf.train.Checkpoint(model=...).restore",
    "Saver": "tf.train.Checkpoint",
    "restore_variables_on_create": "tf.train.Checkpoint(...).restore, which restores variables as they are created",
    "get_optimizer_variables": "the optimizer's variables (optimizer.variables)",
    "list_devices": "tf.config.list_logical_devices",
    "add_execution_callback": "tf.debugging.enable_check_numerics or tf.debugging.experimental.enable_dump_debug_info",
    "clear_execution_callbacks": "tf.debugging.disable_check_numerics",
    "inf_callback": "tf.debugging.enable_check_numerics",
    "inf_nan_callback": "tf.debugging.enable_check_numerics",
    "nan_callback": "tf.debugging.enable_check_numerics",
    "seterr": "tf.debugging.enable_check_numerics",
    "errstate": "tf.debugging.enable_check_numerics",
    "ExecutionCallback": "tf.debugging.enable_check_numerics",
    "CheckpointableSaver": "tf.train.Checkpoint",
}


__all__ = [*_ELSEWHERE, "Iterator"]


def Iterator(dataset):  # noqa: N802 (TF1's class name, called as TF1 code called it)
    """TF1's ``tfe.Iterator(dataset)``: the iterator ``iter`` makes of a dataset in eager
    code, which it was (``next()``, ``get_next()``); raises outside eager code, as it did."""
    return iter(dataset)


def __getattr__(name: str):
    if name in _ELSEWHERE:
        module, attr = _ELSEWHERE[name]
        return getattr(importlib.import_module(module), attr)
    if name in GONE:
        raise AttributeError(f"tf.contrib.eager.{name} does not exist in TensorFlow 2: use {GONE[name]} instead")
    raise AttributeError(f"module {__name__!r} (tf.contrib.eager under TensorFlow 2) has no attribute {name!r}")
