"""TF1's tf.keras optimizers whose update Keras 3 computes otherwise under the same name.

    opt = tf1to2.keras_optimizers.RMSprop(learning_rate=0.001)

TF1's tf.keras optimizers were tf-keras' v1 API (its ``optimizers.legacy`` classes today).
Under Keras 3 every one computes the same update but two:

- ``RMSprop`` without momentum: TF1's stepped by ``lr * g / (sqrt(ms) + epsilon)``,
  Keras 3's by ``lr * g / sqrt(ms + epsilon)`` (the same where gradients are large; where
  ``sqrt(ms)`` nears ``sqrt(epsilon)``, 3e-4 by default, Keras 3's steps are smaller).
  With momentum both use TF's ``ApplyRMSProp`` formula, Keras 3's own.
- ``Nadam``: TF1's decayed its momentum schedule as ``0.96 ** (schedule_decay * t)``
  (``schedule_decay`` 0.004 unless given; ``decay=`` was ignored), Keras 3's as
  ``0.96 ** t``, 250 times faster.

Each class here is Keras 3's optimizer of that name (its variables, so its checkpoints,
``get_config`` and ``model.compile``) with TF1's update; RMSprop's ``decay=`` is TF1's
learning-rate decay (as an ``InverseTimeDecay`` schedule), Nadam's is ignored, as TF1's was.
Under tf-keras (``TF_USE_LEGACY_KERAS=1``) they are tf-keras' legacy classes, TF1's own.
Checked against tf-keras' legacy classes by ``tests/shim/keras3_checks.py``.
"""
from __future__ import annotations

import tensorflow as tf

from tf1to2 import _legacy_keras_active
from tf1to2.rnn_cell import classes_made_when_read


def _rmsprop():
    if _legacy_keras_active():
        return tf.keras.optimizers.legacy.RMSprop
    import keras

    class RMSprop(keras.optimizers.RMSprop):
        """Keras 3's RMSprop, with TF1's step without momentum: ``lr * g / (sqrt(ms) +
        epsilon)``."""

        def __init__(self, learning_rate=0.001, rho=0.9, momentum=0.0, epsilon=1e-7, centered=False,
                     name="RMSprop", decay=None, **kwargs):
            if decay:  # TF1's learning-rate decay: lr / (1 + decay * iterations)
                learning_rate = keras.optimizers.schedules.InverseTimeDecay(learning_rate, 1, decay)
            super().__init__(learning_rate=learning_rate, rho=rho, momentum=momentum, epsilon=epsilon,
                             centered=centered, name=name, **kwargs)

        def update_step(self, gradient, variable, learning_rate):
            if self.momentum > 0:
                return super().update_step(gradient, variable, learning_rate)
            ops = keras.ops
            lr = ops.cast(learning_rate, variable.dtype)
            gradient = ops.cast(gradient, variable.dtype)
            velocity = self._velocities[self._get_variable_index(variable)]
            self.assign(velocity, ops.add(ops.multiply(self.rho, velocity),
                                          ops.multiply(1 - self.rho, ops.square(gradient))))
            denominator = velocity
            if self.centered:
                average = self._average_gradients[self._get_variable_index(variable)]
                self.assign(average, ops.add(ops.multiply(self.rho, average), ops.multiply(1 - self.rho, gradient)))
                denominator = ops.subtract(velocity, ops.square(average))
            self.assign_sub(variable, ops.divide(ops.multiply(lr, gradient),
                                                 ops.add(ops.sqrt(denominator), self.epsilon)))

    RMSprop.__module__ = __name__
    return RMSprop


def _nadam():
    if _legacy_keras_active():
        return tf.keras.optimizers.legacy.Nadam
    import keras

    class Nadam(keras.optimizers.Nadam):
        """Keras 3's Nadam, with TF1's momentum schedule ``u_t = beta_1 * (1 - 0.5 * 0.96 **
        (schedule_decay * t))`` (Keras 3's: ``0.96 ** t``). TF1's ignored ``decay=``
        (``schedule_decay`` took its place), as this does."""

        def __init__(self, learning_rate=0.001, beta_1=0.9, beta_2=0.999, epsilon=1e-7, name="Nadam",
                     schedule_decay=0.004, decay=None, **kwargs):
            super().__init__(learning_rate=learning_rate, beta_1=beta_1, beta_2=beta_2, epsilon=epsilon,
                             name=name, **kwargs)
            self.tf1_decay = float(schedule_decay)

        def get_config(self):
            return {**super().get_config(), "schedule_decay": self.tf1_decay}

        def _u(self, step, dtype):
            ops = keras.ops
            return ops.cast(self.beta_1, dtype) * (1.0 - 0.5 * ops.power(
                ops.cast(0.96, dtype), ops.cast(self.tf1_decay, dtype) * step))

        def _backend_update_step(self, grads, trainable_variables, learning_rate):
            # the schedule's product through this step, TF1's (Keras 3's own would advance
            # it with its schedule: its parent's parent does the rest)
            dtype = self._u_product.dtype
            self.assign(self._u_product, self._u_product * self._u(keras.ops.cast(self.iterations + 1, dtype), dtype))
            super(keras.optimizers.Nadam, self)._backend_update_step(grads, trainable_variables, learning_rate)

        def update_step(self, gradient, variable, learning_rate):
            ops = keras.ops
            dtype = variable.dtype
            gradient = ops.cast(gradient, dtype)
            step = ops.cast(self.iterations + 1, dtype)
            lr = ops.cast(learning_rate, dtype)
            beta_1 = ops.cast(self.beta_1, dtype)
            beta_2 = ops.cast(self.beta_2, dtype)
            u_t, u_t_1 = self._u(step, dtype), self._u(step + 1.0, dtype)
            u_product_t = ops.cast(self._u_product, dtype)
            u_product_t_1 = u_product_t * u_t_1
            m = self._momentums[self._get_variable_index(variable)]
            v = self._velocities[self._get_variable_index(variable)]
            self.assign_add(m, ops.multiply(ops.subtract(gradient, m), 1 - beta_1))
            self.assign_add(v, ops.multiply(ops.subtract(ops.square(gradient), v), 1 - beta_2))
            m_hat = ops.add(ops.divide(ops.multiply(u_t_1, m), 1 - u_product_t_1),
                            ops.divide(ops.multiply(1 - u_t, gradient), 1 - u_product_t))
            v_hat = ops.divide(v, 1 - ops.power(beta_2, step))
            self.assign_sub(variable, ops.divide(ops.multiply(m_hat, lr), ops.add(ops.sqrt(v_hat), self.epsilon)))

    Nadam.__module__ = __name__
    return Nadam


__getattr__ = classes_made_when_read(__name__, {"RMSprop": _rmsprop, "Nadam": _nadam})
__all__ = ["RMSprop", "Nadam"]
