"""Train one small problem with every optimizer builder of some golden cases; print the
weights after every step as JSON.

    python optimizer_trajectories.py tf1 CASE_DIR...   # before.py, TF1 graph + Session + minimize
    python optimizer_trajectories.py tf2 CASE_DIR...   # after.py, eager + GradientTape + apply_gradients

A builder is a module-level function without parameters listed in the case's
numerics.json; it returns an optimizer. Runs in its own process: the tf1 side makes
``import tensorflow`` mean TF 1.x's API (``tf.compat.v1``), as TF 1.15 did, and provides
``tf.contrib.opt.AdaMaxOptimizer`` / ``NadamOptimizer`` exactly as contrib defined them
(AdamOptimizer subclasses calling the ApplyAdaMax kernel and ApplyAdam with
use_nesterov=True, which TensorFlow still ships).
"""
from __future__ import annotations

import json
import os
import sys
import types

import numpy as np

from loading import load_module  # (this folder, on the script's path)

STEPS = 6
rng = np.random.RandomState(0)
# float64, so that comparing the *movement* of the weights at tight tolerances tests the
# algorithms, not float32 rounding (Adadelta at its default rate moves ~1e-6 a step).
X = rng.randn(8, 3)
Y = rng.randn(8, 2)
W0 = rng.randn(3, 2) * 0.5
B0 = rng.randn(2) * 0.1
# A parameter whose gradients are ~1e-7: there epsilons (1e-8 vs Keras' 1e-7) decide the
# step size, so a wrong or missing epsilon shows up plainly.
S0 = np.zeros(2)
TINY = np.array([1e-7, -3e-7])
INITIAL = (W0, B0, S0)


def loss_of(tf, w, b, s):
    pred = tf.matmul(X, w) + b
    return (
        tf.reduce_mean(tf.square(pred - Y))
        + 0.01 * tf.reduce_sum(tf.pow(w, 4))
        + tf.reduce_sum(TINY * s)
    )


def install_tf1_environment():
    import tensorflow as real

    v1 = real.compat.v1
    cast = real.cast

    class AdaMaxOptimizer(v1.train.AdamOptimizer):
        def __init__(self, learning_rate=0.001, beta1=0.9, beta2=0.999, epsilon=1e-8,
                     use_locking=False, name="AdaMax"):
            super().__init__(learning_rate, beta1, beta2, epsilon, use_locking, name)

        def _resource_apply_dense(self, grad, var):
            m, v = self.get_slot(var, "m"), self.get_slot(var, "v")
            beta1_power, _ = self._get_beta_accumulators()
            dt = grad.dtype.base_dtype
            return real.raw_ops.ResourceApplyAdaMax(
                var=var.handle, m=m.handle, v=v.handle, beta1_power=cast(beta1_power, dt),
                lr=cast(self._lr_t, dt), beta1=cast(self._beta1_t, dt), beta2=cast(self._beta2_t, dt),
                epsilon=cast(self._epsilon_t, dt), grad=grad, use_locking=self._use_locking)

    class NadamOptimizer(v1.train.AdamOptimizer):
        def __init__(self, learning_rate=0.001, beta1=0.9, beta2=0.999, epsilon=1e-8,
                     use_locking=False, name="Adam"):
            super().__init__(learning_rate=learning_rate, beta1=beta1, beta2=beta2,
                             epsilon=epsilon, use_locking=use_locking, name=name)

        def _resource_apply_dense(self, grad, var):
            m, v = self.get_slot(var, "m"), self.get_slot(var, "v")
            beta1_power, beta2_power = self._get_beta_accumulators()
            dt = grad.dtype.base_dtype
            return real.raw_ops.ResourceApplyAdam(
                var=var.handle, m=m.handle, v=v.handle, beta1_power=cast(beta1_power, dt),
                beta2_power=cast(beta2_power, dt), lr=cast(self._lr_t, dt),
                beta1=cast(self._beta1_t, dt), beta2=cast(self._beta2_t, dt),
                epsilon=cast(self._epsilon_t, dt), grad=grad, use_locking=self._use_locking,
                use_nesterov=True)

    opt = types.ModuleType("tensorflow.contrib.opt")
    opt.AdaMaxOptimizer, opt.NadamOptimizer = AdaMaxOptimizer, NadamOptimizer
    contrib = types.ModuleType("tensorflow.contrib")
    contrib.opt = opt
    v1.contrib = contrib
    sys.modules["tensorflow"] = v1
    sys.modules["tensorflow.contrib"] = contrib
    sys.modules["tensorflow.contrib.opt"] = opt
    return v1


def run_tf1(builder) -> list:
    v1 = sys.modules["tensorflow"]
    with v1.Graph().as_default():
        variables = [v1.get_variable(n, initializer=v) for n, v in zip("wbs", INITIAL)]
        loss = loss_of(v1, *variables)
        train = builder().minimize(loss, var_list=variables)
        with v1.Session() as sess:
            sess.run(v1.global_variables_initializer())
            out = []
            for _ in range(STEPS):
                sess.run(train)
                out.append([v.tolist() for v in sess.run(variables)])
            return out


def run_tf2(builder, accumulators_start_at_one: bool = False) -> list:
    import tensorflow as tf

    variables = [tf.Variable(v) for v in INITIAL]
    opt = builder()
    if accumulators_start_at_one:  # TF1 RMSProp's only difference from Keras'
        opt.build(variables)
        for v in opt._velocities:
            v.assign(tf.ones_like(v))
    out = []
    for _ in range(STEPS):
        with tf.GradientTape() as tape:
            loss = loss_of(tf, *variables)
        grads = tape.gradient(loss, variables)
        opt.apply_gradients(zip(grads, variables))
        out.append([v.numpy().tolist() for v in variables])
    return out


def main(argv: list[str]) -> None:
    side, case_dirs = argv[0], argv[1:]
    if side == "tf1":
        install_tf1_environment()
    results = {}
    for i, case_dir in enumerate(case_dirs):
        with open(os.path.join(case_dir, "numerics.json")) as f:
            spec = json.load(f)
        module = load_module(os.path.join(case_dir, "before.py" if side == "tf1" else "after.py"), f"case{i}")
        per_case = results[os.path.basename(case_dir)] = {}
        for name, mode in spec["builders"].items():
            builder = getattr(module, name)
            if side == "tf1":
                per_case[name] = {"trajectory": run_tf1(builder)}
            else:
                per_case[name] = {"trajectory": run_tf2(builder)}
                if mode == "equal_once_accumulators_start_at_one":
                    per_case[name]["trajectory_ones"] = run_tf2(builder, accumulators_start_at_one=True)
    json.dump({"initial": [v.tolist() for v in INITIAL], "cases": results}, sys.stdout)


if __name__ == "__main__":
    main(sys.argv[1:])
