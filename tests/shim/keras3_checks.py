"""The shim on TensorFlow 2.21 with its default Keras 3 and *no tf-keras at all*
(importing it is blocked here). Run as a script in its own process; prints JSON
{check name: "ok" | traceback}. Each check asserts names, counts, reuse, losses and
outputs, against a TF1 graph build of the same code given the same weights where there
is one."""
from __future__ import annotations

import importlib.abc
import os
import sys
import tempfile


class _BlockTfKeras(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path, target=None):
        if name == "tf_keras" or name.startswith("tf_keras."):
            raise ImportError("tf-keras is not installed (blocked by keras3_checks)")
        return None


sys.meta_path.insert(0, _BlockTfKeras())
os.environ.pop("TF_USE_LEGACY_KERAS", None)

import numpy as np  # noqa: E402
import tensorflow as tf  # noqa: E402
import keras  # noqa: E402

from common import (CompatV1TemplateScaleByY, deterministic_random_test_tool_check,  # noqa: E402
                    guide_dense as dense, run_checks, tf1_reference, unloaded_variable_check)
from tf1to2 import (  # noqa: E402
    MissingKerasSupport, get_or_create_layer, load_tf1_checkpoint, module_regularization_losses,
    record_scope, tf1_variables, track_tf1_style_variables,
)

v1 = tf.compat.v1
TOL = 1e-5
# Two logical CPUs for the tf.distribute check (must precede TensorFlow's device setup).
tf.config.set_logical_device_configuration(
    tf.config.list_physical_devices("CPU")[0], [tf.config.LogicalDeviceConfiguration()] * 2)


# ------------------------------------------------------------------ TF1-style code
def two_tower(inputs):
    """Nested scopes and AUTO_REUSE: the same tower applied twice shares its weights."""
    def tower(x):
        with v1.variable_scope("tower", reuse=v1.AUTO_REUSE):
            w = v1.get_variable("w", [x.shape[-1], 4], initializer=v1.initializers.random_normal(seed=1),
                                regularizer=lambda t: 0.5 * tf.reduce_sum(tf.square(t)))
            with v1.variable_scope("head"):
                b = v1.get_variable("b", [4], initializer=v1.initializers.constant(0.1))
            return tf.nn.relu(tf.matmul(x, w) + b)

    with v1.variable_scope("model"):
        return tower(inputs) + tower(2.0 * inputs)


class DenseLayer(tf.keras.layers.Layer):
    def __init__(self, units, **kwargs):
        super().__init__(**kwargs)
        self.units = units

    @track_tf1_style_variables
    def call(self, inputs):
        return dense(inputs, self.units)


class TwoTower(keras.Model):
    @track_tf1_style_variables
    def call(self, inputs):
        return two_tower(inputs)


class TwoTowerModule(tf.Module):
    @track_tf1_style_variables
    def __call__(self, inputs):
        return two_tower(inputs)


def values_of(obj) -> dict:
    return {name: np.asarray(var.numpy()) for name, var in tf1_variables(obj).items()}


# ------------------------------------------------------------------------- checks
def check_dense_layer_names_reuse_losses_and_tf1_numbers():
    layer = DenseLayer(10)
    x = tf.random.normal((8, 20), seed=0)
    y1 = layer(x)
    assert sorted(tf1_variables(layer)) == ["dense/bias", "dense/kernel"]
    assert len(layer.weights) == len(layer.trainable_weights) == 2 and not layer.non_trainable_weights
    y2 = layer(x)
    assert len(layer.weights) == 2, "second call must reuse, not create"
    np.testing.assert_allclose(y1, y2)
    expected, reg = tf1_reference(lambda t: dense(t, 10), x.numpy(), values_of(layer))
    np.testing.assert_allclose(y1, expected, rtol=TOL, atol=TOL)
    assert len(layer.losses) == 1
    np.testing.assert_allclose(float(sum(layer.losses)), reg, rtol=TOL)
    for w in layer.weights:
        w.assign(tf.zeros_like(w))
    assert float(tf.reduce_sum(tf.abs(layer(x)))) == 0.0
    assert float(sum(layer.losses)) == 0.0, "losses are recomputed from the current weights"


def check_deterministic_random_test_tool_matches_a_tf1_graph():
    deterministic_random_test_tool_check()


def check_a_variable_nothing_loads_is_an_error():
    unloaded_variable_check()

def check_nested_scopes_auto_reuse_on_keras_model_and_tf1_numbers():
    model = TwoTower()
    x = tf.random.normal((3, 5), seed=1)
    y = model(x)
    assert sorted(tf1_variables(model)) == ["model/tower/head/b", "model/tower/w"]
    assert len(model.trainable_weights) == 2
    model(x)
    assert len(model.trainable_weights) == 2
    expected, reg = tf1_reference(two_tower, x.numpy(), values_of(model))
    np.testing.assert_allclose(y, expected, rtol=TOL, atol=TOL)
    np.testing.assert_allclose(float(sum(model.losses)), reg, rtol=TOL)


def slim_regularized(inputs):
    """A TF1 regularizer other than Keras' (slim's reads ``dtype.base_dtype``, which Keras 3
    variables do not have)."""
    import tf_slim
    w = v1.get_variable("w", [inputs.shape[-1], 2], regularizer=tf_slim.l2_regularizer(0.3))
    return tf.matmul(inputs, w)


class SlimRegularized(tf.keras.layers.Layer):
    @track_tf1_style_variables
    def call(self, inputs):
        return slim_regularized(inputs)


def check_tf1_regularizers_other_than_keras_get_the_value():
    layer = SlimRegularized()
    x = tf.random.normal((3, 4), seed=3)
    y = layer(x)
    expected, reg = tf1_reference(slim_regularized, x.numpy(), values_of(layer))
    np.testing.assert_allclose(y, expected, rtol=TOL, atol=TOL)
    assert len(layer.losses) == 1
    np.testing.assert_allclose(float(sum(layer.losses)), reg, rtol=TOL)
    assert reg > 0


def direct_variables(inputs):
    """``tf.compat.v1.Variable`` made directly in a forward pass, twice under one name."""
    with v1.variable_scope("scaled"):
        scale = v1.Variable(2.0, name="scale")
        shift = v1.Variable(tf.zeros([3]), name="scale")  # TF1 numbers it: scaled/scale_1
        w = v1.get_variable("w", [inputs.shape[-1], 3])
        return tf.matmul(inputs, w) * scale + shift


class DirectVariables(tf.keras.layers.Layer):
    @track_tf1_style_variables
    def call(self, inputs):
        return direct_variables(inputs)


def check_direct_v1_variables_are_made_once_under_tf1_names():
    layer = DirectVariables()
    x = tf.random.normal((2, 4), seed=4)
    y = layer(x)
    layer(x)
    layer(x)
    assert sorted(tf1_variables(layer)) == ["scaled/scale", "scaled/scale_1", "scaled/w"], sorted(tf1_variables(layer))
    assert len(layer.weights) == 3, [w.path for w in layer.weights]
    expected, _ = tf1_reference(direct_variables, x.numpy(), values_of(layer))
    np.testing.assert_allclose(y, expected, rtol=TOL, atol=TOL)
    layer.weights[0].assign(layer.weights[0] * 0.0 + 5.0)  # trained values are the ones used
    assert not np.allclose(layer(x), y)


def check_tf_module():
    module = TwoTowerModule()
    x = tf.random.normal((3, 5), seed=2)
    y = module(x)
    module(x)
    assert sorted(v.name for v in module.trainable_variables) == ["model/tower/head/b:0", "model/tower/w:0"]
    expected, reg = tf1_reference(two_tower, x.numpy(), values_of(module))
    np.testing.assert_allclose(y, expected, rtol=TOL, atol=TOL)
    np.testing.assert_allclose(float(sum(module_regularization_losses(module))), reg, rtol=TOL)


def check_make_template_layer():
    layer = CompatV1TemplateScaleByY()
    out = layer(tf.ones((2, 3)))
    layer(tf.ones((2, 3)))
    assert list(tf1_variables(layer)) == ["layer/scale_by_y/y"]
    assert len(layer.weights) == 1 and float(layer.weights[0].numpy()) == 1.5
    np.testing.assert_allclose(out, 1.5 * np.ones((2, 3)))
    np.testing.assert_allclose([float(l) for l in layer.losses], [0.0225], rtol=1e-5)  # the guide's 0.022499999


def check_a_template_called_twice_beside_a_keras_layer():
    """A template called twice in a call, then a Keras 3 layer: Keras 3 builds the layer
    by running its call once in a scratch graph, where the template first enters its
    variable scope; the eager calls after it must not run the template's ops in that graph
    (the Dense raised "cannot be accessed from here")."""
    def gain(x, name_of_gain):
        g = tf.compat.v1.get_variable(name_of_gain, shape=[x.shape[-1]],
                                      initializer=tf.compat.v1.constant_initializer(2.0))
        return x * g

    class Scaled(keras.layers.Layer):
        def __init__(self, **kwargs):
            super().__init__(**kwargs)
            self.templates = [tf.compat.v1.make_template("gain", gain, name_of_gain="g")]
            self.out = keras.layers.Dense(1, kernel_initializer="ones", name="out")

        @track_tf1_style_variables
        def call(self, x):
            scale = self.templates[0]
            return self.out(scale(scale(x)))

    layer = Scaled()
    for _ in range(2):
        np.testing.assert_allclose(layer(tf.ones((2, 3))), 12.0 * np.ones((2, 1)))
    assert list(tf1_variables(layer)) == ["gain/g"] and len(layer.weights) == 3


def check_tf_function_functional_model_fit_and_tape():
    layer = DenseLayer(1)
    fn = tf.function(lambda t: layer(t))
    x = np.random.RandomState(0).randn(32, 4).astype("float32")
    y = x @ np.array([[1.0], [-2.0], [0.5], [3.0]], dtype="float32")
    fn(x)
    fn(x)
    assert len(layer.weights) == 2
    inp = keras.Input((4,))
    model = keras.Model(inp, DenseLayer(1)(inp))
    assert len(model.trainable_weights) == 2, "weights exist right after functional construction"
    model.compile(optimizer=keras.optimizers.SGD(0.1), loss="mse")
    before = [w.numpy().copy() for w in model.weights]
    history = model.fit(x, y, epochs=5, verbose=0)
    assert history.history["loss"][-1] < history.history["loss"][0]
    assert all(np.abs(b - w.numpy()).max() > 0 for b, w in zip(before, model.weights))
    # A GradientTape loop trains the same weights.
    opt = keras.optimizers.SGD(0.1)
    losses = []
    for _ in range(5):
        with tf.GradientTape() as tape:
            loss = tf.reduce_mean((layer(x) - y) ** 2) + tf.add_n(layer.losses)
        grads = tape.gradient(loss, layer.trainable_weights)
        assert all(g is not None for g in grads)
        opt.apply_gradients(zip(grads, layer.trainable_weights))
        losses.append(float(loss))
    assert losses[-1] < losses[0]


def check_checkpoint_and_save_weights_round_trip():
    d = tempfile.mkdtemp()
    x = tf.random.normal((4, 6), seed=3)

    def build():
        inp = keras.Input((6,))
        return keras.Model(inp, DenseLayer(3)(inp))

    a, b, c = build(), build(), build()
    path = tf.train.Checkpoint(model=a).save(os.path.join(d, "ckpt"))
    tf.train.Checkpoint(model=b).restore(path).assert_existing_objects_matched()
    np.testing.assert_allclose(b(x), a(x))
    a.save_weights(os.path.join(d, "m.weights.h5"))
    c.load_weights(os.path.join(d, "m.weights.h5"))
    np.testing.assert_allclose(c(x), a(x))


def check_tf1_name_based_checkpoint_loads():
    d = tempfile.mkdtemp()
    x = np.random.RandomState(4).randn(2, 20).astype("float32")
    with tf.Graph().as_default():
        ph = v1.placeholder(tf.float32, x.shape)
        out = dense(ph, 10)
        saver = v1.train.Saver()
        with v1.Session() as sess:
            sess.run(v1.global_variables_initializer())
            expected = sess.run(out, {ph: x})
            path = saver.save(sess, os.path.join(d, "tf1"))
    layer = DenseLayer(10)
    layer(x)
    assert load_tf1_checkpoint(layer, path) == ["dense/bias", "dense/kernel"]
    np.testing.assert_allclose(layer(x), expected, rtol=TOL, atol=TOL)


def check_get_or_create_layer_and_record_scope():
    class Nested(keras.Model):
        def build_model(self):
            inp = keras.Input(shape=(5,))
            dense_layer = keras.layers.Dense(10, name="dense", kernel_regularizer="l2",
                                             kernel_initializer="ones")
            return keras.Model(inputs=inp, outputs=dense_layer(inp))

        @track_tf1_style_variables
        def call(self, inputs):
            with v1.variable_scope("model"):
                record_scope("conv2d")
                with v1.variable_scope(None, default_name="conv2d"):
                    scope = v1.get_variable_scope().name
                model = get_or_create_layer("dense_model", self.build_model)
                return model(inputs), scope

    nested = Nested()
    (out, scope) = nested(tf.ones((2, 5)))
    nested(tf.ones((2, 5)))
    assert scope == "model/conv2d_1", scope  # the recorded name stays claimed
    assert len(nested.trainable_weights) == 2
    np.testing.assert_allclose(out, 5 * np.ones((2, 10)))
    assert len(nested.losses) == 1


def check_v1_layers_fail_with_the_fix_in_the_message():
    class UsesV1Layers(tf.keras.layers.Layer):
        @track_tf1_style_variables
        def call(self, inputs):
            return v1.layers.dense(inputs, 3)

    try:
        UsesV1Layers()(tf.ones((1, 2)))
    except MissingKerasSupport as e:
        msg = str(e)
        assert "tf.compat.v1.layers" in msg and "TF_USE_LEGACY_KERAS=1" in msg and "keras-layers" in msg, msg
    else:
        raise AssertionError("expected MissingKerasSupport")


def check_mirrored_strategy_two_replicas():
    class Dense(keras.layers.Layer):
        @track_tf1_style_variables
        def call(self, x):
            with v1.variable_scope("d"):
                w = v1.get_variable("w", [x.shape[-1], 2], initializer=v1.ones_initializer())
                return tf.matmul(x, w)

    strategy = tf.distribute.MirroredStrategy(["/cpu:0", "/cpu:1"])
    with strategy.scope():
        layer = Dense()
        layer(tf.ones((1, 3)))
        opt = keras.optimizers.SGD(0.1)
    assert type(layer.weights[0].value).__name__ == "MirroredVariable"
    assert list(tf1_variables(layer)) == ["d/w"]

    @tf.function
    def step(x):
        def fn(x):
            with tf.GradientTape() as tape:
                loss = tf.reduce_sum(layer(x))
            opt.apply_gradients(zip(tape.gradient(loss, layer.trainable_weights), layer.trainable_weights))
            return loss
        return strategy.run(fn, args=(x,))

    data = tf.data.Dataset.from_tensor_slices(np.ones((4, 3), "float32")).batch(4)
    for batch in strategy.experimental_distribute_dataset(data):
        step(batch)
    # Each replica sees 2 rows of ones: gradients 2 + 2, summed across replicas, as on one device.
    np.testing.assert_allclose(layer.weights[0].numpy(), np.full((3, 2), 1 - 0.1 * 4), rtol=1e-6)


class LstmEncoder(tf.keras.layers.Layer):
    """TF1's LSTM encoder (cell + dynamic_rnn) through the shim's cells."""

    @track_tf1_style_variables
    def call(self, inputs):
        import tf1to2.rnn_cell

        with v1.variable_scope("encoder"):
            cell = tf1to2.rnn_cell.MultiRNNCell([tf1to2.rnn_cell.LSTMCell(6), tf1to2.rnn_cell.GRUCell(3)])
            outputs, _ = v1.nn.dynamic_rnn(cell, inputs, dtype=tf.float32)
            return outputs[:, -1]


def check_tf1_rnn_cells_train_and_checkpoint_under_keras3():
    import tf1to2.rnn_cell

    x = np.random.RandomState(5).randn(16, 7, 4).astype("float32")
    y = np.random.RandomState(6).randn(16, 3).astype("float32")
    layer = LstmEncoder()
    first = layer(x)
    assert sorted(tf1_variables(layer)) == [
        "encoder/rnn/multi_rnn_cell/cell_0/lstm_cell/bias", "encoder/rnn/multi_rnn_cell/cell_0/lstm_cell/kernel",
        "encoder/rnn/multi_rnn_cell/cell_1/gru_cell/candidate/bias",
        "encoder/rnn/multi_rnn_cell/cell_1/gru_cell/candidate/kernel",
        "encoder/rnn/multi_rnn_cell/cell_1/gru_cell/gates/bias", "encoder/rnn/multi_rnn_cell/cell_1/gru_cell/gates/kernel",
    ], sorted(tf1_variables(layer))
    np.testing.assert_allclose(layer(x), first)  # the cells are made again; their variables are not
    assert len(layer.trainable_weights) == 6
    np.testing.assert_allclose(tf.function(lambda t: layer(t))(x), first, rtol=TOL, atol=TOL)
    opt = keras.optimizers.SGD(0.1)
    losses = []
    for _ in range(4):
        with tf.GradientTape() as tape:
            loss = tf.reduce_mean((layer(x) - y) ** 2)
        grads = tape.gradient(loss, layer.trainable_weights)
        assert all(g is not None for g in grads)
        opt.apply_gradients(zip(grads, layer.trainable_weights))
        losses.append(float(loss))
    assert losses[-1] < losses[0], losses
    inp = keras.Input((7, 4))
    model = keras.Model(inp, LstmEncoder()(inp))
    model.compile(optimizer=keras.optimizers.Adam(0.01), loss="mse")
    history = model.fit(x, y, epochs=3, verbose=0)
    assert history.history["loss"][-1] < history.history["loss"][0]
    d = tempfile.mkdtemp()
    path = tf.train.Checkpoint(layer=layer).save(os.path.join(d, "rnn"))
    other = LstmEncoder()
    other(x)
    tf.train.Checkpoint(layer=other).restore(path).assert_existing_objects_matched()
    np.testing.assert_allclose(other(x), layer(x))
    assert tf1to2.rnn_cell.LSTMStateTuple(1, 2).h == 2
    try:
        tf1to2.rnn_cell.LayerNormBasicLSTMCell
    except AttributeError as e:
        assert "LSTMCell" in str(e), e
    else:
        raise AssertionError("a name TF1's tf.nn.rnn_cell did not have")


def check_contrib_rnn_lstm_block_cell_computes_tf1s_fused_kernel():
    """tf1to2.contrib_rnn.LSTMBlockCell in a TF1 graph, with and without peepholes, cell
    clip and another forget bias: TF1's variable names (``lstm_cell/kernel``, ``bias``,
    ``w_i_diag`` ...), and three steps compute what TensorFlow's own LSTMBlockCell kernel
    (``tf.raw_ops.LSTMBlockCell``, TF1's ``tf.contrib.rnn.LSTMBlockCell`` op) computes
    given the same weights."""
    import tf1to2.contrib_rnn

    rng = np.random.RandomState(3)
    x = rng.randn(2, 3, 5).astype("float32")
    for peephole, clip, bias in ((False, None, 1.0), (True, 0.3, 0.7)):
        with tf.Graph().as_default():
            cell = tf1to2.contrib_rnn.LSTMBlockCell(4, forget_bias=bias, cell_clip=clip, use_peephole=peephole)
            inputs = v1.placeholder(tf.float32, [2, 3, 5])
            out, state = v1.nn.dynamic_rnn(cell, inputs, dtype=tf.float32)
            names = sorted(v.name for v in v1.global_variables())
            want = ["rnn/lstm_cell/bias:0", "rnn/lstm_cell/kernel:0"]
            if peephole:
                want = sorted(want + [f"rnn/lstm_cell/w_{g}_diag:0" for g in "ifo"])
            assert names == want, names
            assigns = [v.assign(rng.uniform(-0.5, 0.5, v.shape).astype("float32")) for v in v1.global_variables()]
            with v1.Session() as sess:
                sess.run(assigns)
                got, (c_last, h_last), weights = sess.run([out, state, {v.name: v for v in v1.global_variables()}],
                                                          {inputs: x})
        zeros = np.zeros(4, np.float32)
        diag = {g: weights.get(f"rnn/lstm_cell/w_{g}_diag:0", zeros) for g in "ifo"}
        c = h = np.zeros((2, 4), np.float32)
        for t in range(3):
            _, c, _, _, _, _, h = tf.raw_ops.LSTMBlockCell(
                x=x[:, t], cs_prev=c, h_prev=h, w=weights["rnn/lstm_cell/kernel:0"], wci=diag["i"], wcf=diag["f"],
                wco=diag["o"], b=weights["rnn/lstm_cell/bias:0"], forget_bias=bias,
                cell_clip=clip if clip is not None else -1.0, use_peephole=peephole)
            c, h = c.numpy(), h.numpy()
            np.testing.assert_allclose(got[:, t], h, atol=TOL)
        np.testing.assert_allclose(c_last, c, atol=TOL)
        np.testing.assert_allclose(h_last, h, atol=TOL)
        if clip is not None:
            assert np.abs(c_last).max() <= clip + 1e-6


def check_contrib_rnn_layer_norm_basic_lstm_cell_computes_tf1s_formula():
    """tf1to2.contrib_rnn.LayerNormBasicLSTMCell in a TF1 graph, with layer norm (another
    gain, shift and forget bias) and without: contrib's variable names (``kernel``, and
    ``gamma`` / ``beta`` under ``input``, ``transform``, ``forget``, ``output``, ``state``,
    initialized to the gain and shift; ``bias`` without layer norm), and three steps of
    ``dynamic_rnn`` compute contrib's formula in NumPy: gates from ``[x, h] @ kernel``,
    each layer-normalized over the units (epsilon 1e-12, then gain and shift), the new cell
    state too, forget bias added to f. With ``dropout_keep_prob`` below 1, the candidate
    is dropped: outputs differ from the undropped ones, and some are 0 where they are not."""
    import tf1to2.contrib_rnn

    rng = np.random.RandomState(4)
    x = rng.randn(2, 3, 5).astype("float32")
    sigmoid = lambda a: 1 / (1 + np.exp(-a))

    def norm(a, gamma, beta):
        mean, var = a.mean(1, keepdims=True), a.var(1, keepdims=True)
        return (a - mean) / np.sqrt(var + 1e-12) * gamma + beta

    for layer_norm, gain, shift, bias in ((True, 1.3, 0.2, 0.5), (False, 1.0, 0.0, 1.0)):
        with tf.Graph().as_default():
            cell = tf1to2.contrib_rnn.LayerNormBasicLSTMCell(4, forget_bias=bias, layer_norm=layer_norm,
                                                             norm_gain=gain, norm_shift=shift)
            inputs = v1.placeholder(tf.float32, [2, 3, 5])
            out, state = v1.nn.dynamic_rnn(cell, inputs, dtype=tf.float32)
            names = sorted(v.name for v in v1.global_variables())
            prefix = "rnn/layer_norm_basic_lstm_cell/"
            norms = ("forget", "input", "output", "state", "transform")
            want = [f"{prefix}kernel:0"] + (
                [f"{prefix}{g}/{w}:0" for g in norms for w in ("beta", "gamma")] if layer_norm else [f"{prefix}bias:0"])
            assert names == sorted(want), names
            with v1.Session() as sess:
                sess.run(v1.global_variables_initializer())
                initial = sess.run({v.name: v for v in v1.global_variables()})
                if layer_norm:
                    assert all(np.all(initial[f"{prefix}{g}/gamma:0"] == np.float32(gain)) and
                               np.all(initial[f"{prefix}{g}/beta:0"] == np.float32(shift))
                               for g in ("input", "transform", "forget", "output", "state"))
                assigns = [v.assign(rng.uniform(-0.5, 0.5, v.shape).astype("float32")
                                    + (1.0 if "gamma" in v.name else 0)) for v in v1.global_variables()]
                sess.run(assigns)
                got, (c_last, h_last), weights = sess.run([out, state, {v.name: v for v in v1.global_variables()}],
                                                          {inputs: x})
        w = lambda name: weights[f"{prefix}{name}:0"]
        c = h = np.zeros((2, 4), np.float32)
        for t in range(3):
            z = np.concatenate([x[:, t], h], 1) @ w("kernel")
            if not layer_norm:
                z = z + w("bias")
            i, j, f, o = np.split(z, 4, axis=1)
            if layer_norm:
                i, j, f, o = (norm(a, w(f"{g}/gamma"), w(f"{g}/beta"))
                              for a, g in zip((i, j, f, o), ("input", "transform", "forget", "output")))
            c = c * sigmoid(f + bias) + sigmoid(i) * np.tanh(j)
            if layer_norm:
                c = norm(c, w("state/gamma"), w("state/beta"))
            h = np.tanh(c) * sigmoid(o)
            np.testing.assert_allclose(got[:, t], h, atol=TOL)
        np.testing.assert_allclose(c_last, c, atol=TOL)
        np.testing.assert_allclose(h_last, h, atol=TOL)
    with tf.Graph().as_default():  # recurrent dropout on the candidate
        v1.set_random_seed(1)
        inputs = v1.placeholder(tf.float32, [2, 3, 5])
        outs = []
        for keep, scope in ((1.0, "full"), (0.5, "dropped")):
            cell = tf1to2.contrib_rnn.LayerNormBasicLSTMCell(4, dropout_keep_prob=keep, layer_norm=False)
            outs.append(v1.nn.dynamic_rnn(cell, inputs, dtype=tf.float32, scope=scope)[1].c)
        with v1.Session() as sess:
            sess.run(v1.global_variables_initializer())
            for v in v1.global_variables():  # the same weights for both
                sess.run(v.assign(np.full(v.shape, 0.1, "float32")))
            full, dropped = sess.run(outs, {inputs: x})
    assert not np.allclose(full, dropped)


def check_contrib_seq2seq_functions_compute_tf1s_formulas():
    """tf1to2.contrib_seq2seq.sequence_loss in each of TF1's modes, eagerly and in a TF1
    graph, against TF1's formula in NumPy: per-position cross-entropy times its weight,
    averaged over both axes (divided by the weights' sum), summed over both (divided by the
    count of non-zero weights), over one axis either way, or neither; a custom loss
    function; TF1's errors. tile_batch on a nested structure against np.repeat, its static
    batch size multiplied."""
    import tf1to2.contrib_seq2seq as s2s

    rng = np.random.RandomState(5)
    logits = rng.randn(3, 4, 6).astype("float32")
    targets = rng.randint(0, 6, (3, 4)).astype("int32")
    weights = (rng.rand(3, 4) > 0.3).astype("float32") * rng.uniform(0.5, 2.0, (3, 4)).astype("float32")
    weights[0] = 0.0  # a sequence with no weight: div_no_nan's zeros
    shifted = logits - logits.max(-1, keepdims=True)
    logp = shifted - np.log(np.exp(shifted).sum(-1, keepdims=True))
    xent = -np.take_along_axis(logp, targets[..., None], -1)[..., 0] * weights
    nonzero = (weights != 0).astype("float32")

    def div(a, b):
        return np.where(b == 0, 0.0, a / np.where(b == 0, 1.0, b))

    modes = {
        (True, True, False, False): div(xent.sum(), weights.sum()),
        (False, False, True, True): div(xent.sum(), nonzero.sum()),
        (True, False, False, False): div(xent.sum(1), weights.sum(1)),
        (False, True, False, False): div(xent.sum(0), weights.sum(0)),
        (False, False, True, False): div(xent.sum(1), nonzero.sum(1)),
        (False, False, False, True): div(xent.sum(0), nonzero.sum(0)),
        (False, False, False, False): xent,
        # averaging over time and summing over the batch: TF1 averaged over time only ([batch])
        (True, False, False, True): div(xent.sum(1), weights.sum(1)),
    }
    for (avg_t, avg_b, sum_t, sum_b), want in modes.items():
        kwargs = dict(average_across_timesteps=avg_t, average_across_batch=avg_b, sum_over_timesteps=sum_t,
                      sum_over_batch=sum_b)
        np.testing.assert_allclose(s2s.sequence_loss(logits, targets, weights, **kwargs).numpy(), want, atol=TOL)
        with tf.Graph().as_default():
            got = s2s.sequence_loss(v1.constant(logits), v1.constant(targets), v1.constant(weights), **kwargs)
            with v1.Session() as sess:
                np.testing.assert_allclose(sess.run(got), want, atol=TOL)

    def custom(labels, logits):
        return tf.nn.sparse_softmax_cross_entropy_with_logits(labels=labels, logits=logits) * 2.0

    np.testing.assert_allclose(s2s.sequence_loss(logits, targets, weights, softmax_loss_function=custom).numpy(),
                               2 * div(xent.sum(), weights.sum()), atol=TOL)
    for bad, message in (
            (dict(sum_over_timesteps=True), "average_across_timesteps and sum_over_timesteps cannot"),
            (dict(sum_over_batch=True), "average_across_batch and sum_over_batch cannot")):
        try:
            s2s.sequence_loss(logits, targets, weights, **bad)
        except ValueError as e:
            assert message in str(e), e
        else:
            raise AssertionError(bad)
    try:
        s2s.sequence_loss(logits[0], targets, weights)
    except ValueError as e:
        assert "Logits must be a [batch_size x sequence_length x logits] tensor" in str(e)
    else:
        raise AssertionError("rank 2 logits")

    state = {"h": rng.randn(2, 3).astype("float32"), "c": [rng.randn(2, 5, 2).astype("float32")]}
    tiled = s2s.tile_batch(state, 3)
    np.testing.assert_array_equal(tiled["h"].numpy(), np.repeat(state["h"], 3, axis=0))
    np.testing.assert_array_equal(tiled["c"][0].numpy(), np.repeat(state["c"][0], 3, axis=0))
    with tf.Graph().as_default():
        known = s2s.tile_batch(v1.placeholder(tf.float32, [4, 7]), 2)
        unknown = s2s.tile_batch(v1.placeholder(tf.float32, [None, 7]), 2)
        assert known.shape.as_list() == [8, 7] and unknown.shape.as_list() == [None, 7]
        try:
            s2s.tile_batch(v1.placeholder(tf.float32), 2)
        except ValueError as e:
            assert "statically known rank" in str(e)
        else:
            raise AssertionError("unknown rank")


def check_contrib_crf_computes_the_crfs_definitions():
    """tf1to2.contrib_crf against a linear-chain CRF's definitions in NumPy, every tag
    sequence enumerated: log-likelihood, log normalizer, sequence and multitag scores,
    Viterbi (crf_decode and viterbi_decode), and the normalizer's gradient (the tag
    marginals); sequences of length 0, 1 and full; eagerly, in tf.function with the time
    axis unknown, in a TF1 graph with placeholders, with one time step known and unknown;
    int64 tags; contrib's variable ``transitions`` made in the current scope, in a graph and
    as a Keras 3 layer's weight."""
    import tf1to2
    from tf1to2 import contrib_crf as crf

    from tests.numeric.crf_reference import crf_by_enumeration

    rng = np.random.RandomState(11)
    unary = rng.randn(5, 5, 3).astype("float32")
    transitions = rng.randn(3, 3).astype("float32")
    lengths = np.array([5, 3, 1, 0, 2], "int32")
    tags = rng.randint(0, 3, (5, 5)).astype("int32")
    bitmap = rng.rand(5, 5, 3) > 0.4
    bitmap[np.arange(5)[:, None], np.arange(5)[None], tags] = True  # every position allows its own tag
    want, marginals = crf_by_enumeration(unary, transitions, lengths, tags, bitmap)

    def all_of(u, t, l, a, m):
        log_likelihood, _ = crf.crf_log_likelihood(u, t, l, a)
        decoded, best = crf.crf_decode(u, a, l)
        return (log_likelihood, crf.crf_log_norm(u, l, a), crf.crf_sequence_score(u, t, l, a),
                crf.crf_multitag_sequence_score(u, m, l, a), decoded, best)

    def compare(got, where):
        log_likelihood, log_norm, score, multitag, decoded, best = [np.asarray(g) for g in got]
        np.testing.assert_allclose(log_norm, want["log_norm"], atol=1e-4, err_msg=where)
        np.testing.assert_allclose(score, want["score"], atol=1e-4, err_msg=where)
        np.testing.assert_allclose(log_likelihood, np.subtract(want["score"], want["log_norm"]), atol=1e-4,
                                   err_msg=where)
        np.testing.assert_allclose(multitag, want["multitag"], atol=1e-4, err_msg=where)
        assert decoded.dtype == np.int32, (where, decoded.dtype)
        for b, length in enumerate(lengths):
            if length > 0:
                np.testing.assert_array_equal(decoded[b, :length], want["best"][b], err_msg=where)
                np.testing.assert_allclose(best[b], want["best_score"][b], atol=1e-4, err_msg=where)
            else:  # contrib's: the first position's argmax, its potential as the score
                assert decoded[b, 0] == unary[b, 0].argmax() and np.isclose(best[b], unary[b, 0].max()), where
            np.testing.assert_array_equal(decoded[b, max(length, 1):], 0, err_msg=where)

    compare(all_of(unary, tags, lengths, transitions, bitmap), "eager")
    compare(all_of(unary, tags.astype("int64"), lengths, transitions, bitmap), "eager, int64 tags")
    spec = [tf.TensorSpec([None, None, 3], tf.float32), tf.TensorSpec([None, None], tf.int32),
            tf.TensorSpec([None], tf.int32), tf.TensorSpec([3, 3], tf.float32), tf.TensorSpec([None, None, 3], tf.bool)]
    compare(tf.function(all_of, input_signature=spec)(unary, tags, lengths, transitions, bitmap), "tf.function")
    with tf1to2.Graph().as_default():
        holders = [v1.placeholder(s.dtype, s.shape) for s in spec]
        outputs = all_of(*holders)
        with v1.Session() as sess:
            compare(sess.run(outputs, dict(zip(holders, (unary, tags, lengths, transitions, bitmap)))), "TF1 graph")
            # one time step, known only when run: contrib's one-step path
            got = sess.run(outputs, dict(zip(holders, (unary[:, :1], tags[:, :1], np.minimum(lengths, 1),
                                                       transitions, bitmap[:, :1]))))
    one = unary[:, 0]
    picked = one[np.arange(5), tags[:, 0]]
    short = np.minimum(lengths, 1) > 0
    log_sum = np.log(np.exp(one).sum(1))
    for where, result in (("one step, unknown", got),
                          ("one step, known", all_of(unary[:, :1], tags[:, :1], np.minimum(lengths, 1), transitions,
                                                     bitmap[:, :1]))):
        log_likelihood, log_norm, score, multitag, decoded, best = [np.asarray(g) for g in result]
        np.testing.assert_allclose(log_norm, np.where(short, log_sum, 0), atol=1e-5, err_msg=where)
        np.testing.assert_allclose(score, np.where(short, picked, 0), atol=1e-5, err_msg=where)
        allowed = np.log(np.where(bitmap[:, 0], np.exp(one), 0).sum(1))
        np.testing.assert_allclose(multitag, allowed, atol=1e-5, err_msg=where)  # contrib's: length not consulted
        np.testing.assert_array_equal(decoded[:, 0], one.argmax(1), err_msg=where)
        np.testing.assert_allclose(best, one.max(1), atol=1e-5, err_msg=where)

    for b, length in enumerate(lengths):
        if length > 0:
            path, score = crf.viterbi_decode(unary[b, :length], transitions)
            assert [int(p) for p in path] == list(want["best"][b]), (b, path)
            np.testing.assert_allclose(score, want["best_score"][b], atol=1e-5)

    inputs = tf.constant(unary)
    with tf.GradientTape() as tape:
        tape.watch(inputs)
        log_norm = tf.reduce_sum(crf.crf_log_norm(inputs, lengths, transitions))
    np.testing.assert_allclose(tape.gradient(log_norm, inputs).numpy(), marginals, atol=1e-5)

    # contrib's variable: "transitions" in the current variable scope
    with tf1to2.Graph().as_default():
        with v1.variable_scope("crf_loss"):
            log_likelihood, made = crf.crf_log_likelihood(v1.constant(unary), tags, lengths)
        assert made.name == "crf_loss/transitions:0" and made.shape.as_list() == [3, 3], made
        assert [v.name for v in v1.trainable_variables()] == ["crf_loss/transitions:0"]
        with v1.Session() as sess:
            sess.run(v1.global_variables_initializer())
            sess.run(made.assign(transitions))
            np.testing.assert_allclose(sess.run(log_likelihood), np.subtract(want["score"], want["log_norm"]),
                                       atol=1e-4)

    class Tagger(keras.layers.Layer):
        @track_tf1_style_variables
        def call(self, inputs):
            with v1.variable_scope("crf"):
                return crf.crf_log_likelihood(inputs, tags, lengths)

    tagger = Tagger()
    tagger(unary)
    made = tf1_variables(tagger)
    assert list(made) == ["crf/transitions"] and tagger.weights == [made["crf/transitions"]], tagger.weights
    made["crf/transitions"].assign(transitions)
    log_likelihood, _ = tagger(unary)
    np.testing.assert_allclose(log_likelihood, np.subtract(want["score"], want["log_norm"]), atol=1e-4)
    assert len(tagger.weights) == 1  # made once


def check_contrib_lookup_does_what_contribs_did():
    """tf1to2.contrib_lookup: contrib's HashTable (its init, shared_name, export), its
    mapping= functions and string_to_index / index_to_string (TF1's documented examples:
    [0, 1, -1, 2], ["lake", "UNKNOWN"], an out-of-vocabulary bucket after the vocabulary),
    the string-only variants, eagerly and in a TF1 graph; TensorFlow's own objects are
    TensorFlow's, and the five stage 0 renames are the public ones."""
    import tf1to2
    from tf1to2 import contrib_lookup as lookup

    assert lookup.KeyValueTensorInitializer is tf.compat.v1.lookup.KeyValueTensorInitializer
    assert lookup.MutableDenseHashTable is tf.compat.v1.lookup.experimental.DenseHashTable
    assert lookup.MutableHashTable is tf.compat.v1.lookup.experimental.MutableHashTable
    words = ["emerson", "lake", "palmer"]
    features = ["emerson", "lake", "and", "palmer"]
    vocabulary = os.path.join(tempfile.mkdtemp(), "vocab.txt")
    with open(vocabulary, "w") as f:
        f.write("\n".join(words) + "\n")

    def build():
        table = lookup.HashTable(lookup.KeyValueTensorInitializer(words, [10, 11, 12], value_dtype=tf.int64), -1)
        return table, {
            "hash": table.lookup(tf.constant(features)),
            "oov bucket": lookup.index_table_from_tensor(mapping=tf.constant(words), num_oov_buckets=1,
                                                         default_value=-1).lookup(tf.constant(features)),
            "default": lookup.index_table_from_tensor(tf.constant(words)).lookup(tf.constant(features)),
            "to string": lookup.index_to_string_table_from_tensor(tf.constant(words), default_value="UNKNOWN").lookup(
                tf.constant([1, 5], tf.int64)),
            "string_to_index": lookup.string_to_index(tf.constant(features), mapping=tf.constant(words)),
            "index_to_string": lookup.index_to_string(tf.constant([1, 5], tf.int64), mapping=tf.constant(words),
                                                      default_value="UNKNOWN"),
            "from file": lookup.string_to_index_table_from_file(vocabulary).lookup(tf.constant(features)),
            "from tensor": lookup.string_to_index_table_from_tensor(words, default_value=-5).lookup(
                tf.constant(features)),
        }

    want = {"hash": [10, 11, -1, 12], "oov bucket": [0, 1, 3, 2], "default": [0, 1, -1, 2],
            "to string": [b"lake", b"UNKNOWN"], "string_to_index": [0, 1, -1, 2],
            "index_to_string": [b"lake", b"UNKNOWN"], "from file": [0, 1, -1, 2], "from tensor": [0, 1, -5, 2]}
    _, eager = build()
    assert {k: v.numpy().tolist() for k, v in eager.items()} == want, eager
    with tf1to2.Graph().as_default():
        table, outputs = build()
        shared = lookup.HashTable(lookup.KeyValueTensorInitializer(["a"], [1]), 0, shared_name="labels", name="t")
        assert shared.resource_handle.op.get_attr("shared_name") == b"labels"
        keys, values = table.export()
        with v1.Session() as sess:
            sess.run(table.init)  # contrib's name for the initializer
            assert sess.run(table.lookup(tf.constant(["palmer"]))).tolist() == [12]
            sess.run(v1.tables_initializer())
            assert {k: v.tolist() for k, v in sess.run(outputs).items()} == want
            assert dict(zip(*sess.run([keys, values]))) == {b"emerson": 10, b"lake": 11, b"palmer": 12}
    for bad in (lambda: lookup.string_to_index_table_from_tensor([1, 2]),
                lambda: lookup.index_table_from_tensor(None)):
        try:
            bad()
        except ValueError as e:
            assert "requires string" in str(e) or "mapping must be specified" in str(e), e
        else:
            raise AssertionError("no error")


def check_contrib_gru_block_and_cudnn_compatible_cells_compute_contribs_formulas():
    """tf1to2.contrib_rnn.GRUBlockCell / GRUBlockCellV2 and tf1to2.contrib_cudnn_rnn's
    CudnnCompatibleLSTMCell / CudnnCompatibleGRUCell in a TF1 graph: contrib's variable
    names and initial biases, and three dynamic_rnn steps computing what TensorFlow's own
    fused GRU kernel (``tf.raw_ops.GRUBlockCell``) and LSTM kernel (no forget bias)
    compute, and cuDNN's GRU formula in NumPy (the reset gate after the recurrent
    projection), given the same weights; GRUBlockCell's gradient flows; one of num_units
    and cell_size."""
    import tf1to2
    import tf1to2.contrib_cudnn_rnn
    import tf1to2.contrib_rnn

    rng = np.random.RandomState(8)
    x = rng.randn(2, 3, 5).astype("float32")

    def run(make, scope_names):
        with tf1to2.Graph().as_default():
            inputs = v1.placeholder(tf.float32, [2, 3, 5])
            out, state = v1.nn.dynamic_rnn(make(), inputs, dtype=tf.float32)
            variables = v1.global_variables()
            assert sorted(v.name for v in variables) == sorted(f"rnn/{n}:0" for n in scope_names), variables
            grads = v1.gradients(tf.reduce_sum(out), variables)
            with v1.Session() as sess:
                sess.run(v1.global_variables_initializer())
                initial = sess.run({v.name[4:-2]: v for v in variables})
                sess.run([v.assign(rng.uniform(-0.5, 0.5, v.shape).astype("float32")) for v in variables])
                got, last, weights, grads = sess.run([out, state, {v.name[4:-2]: v for v in variables}, grads],
                                                     {inputs: x})
        assert all(np.abs(g).sum() > 0 for g in grads)
        return initial, got, last, weights

    for cls, names in (("GRUBlockCell", ("w_ru", "b_ru", "w_c", "b_c")),
                       ("GRUBlockCellV2", ("gates/kernel", "gates/bias", "candidate/kernel", "candidate/bias"))):
        initial, got, last, w = run(lambda: getattr(tf1to2.contrib_rnn, cls)(4), [f"gru_cell/{n}" for n in names])
        w_ru, b_ru, w_c, b_c = (w[f"gru_cell/{n}"] for n in names)
        np.testing.assert_array_equal(initial[f"gru_cell/{names[1]}"], np.ones(8))
        np.testing.assert_array_equal(initial[f"gru_cell/{names[3]}"], np.zeros(4))
        h = np.zeros((2, 4), np.float32)
        for t in range(3):
            h = tf.raw_ops.GRUBlockCell(x=x[:, t], h_prev=h, w_ru=w_ru, w_c=w_c, b_ru=b_ru, b_c=b_c)[3].numpy()
            np.testing.assert_allclose(got[:, t], h, atol=TOL, err_msg=cls)
        np.testing.assert_allclose(last, h, atol=TOL)
    try:
        tf1to2.contrib_rnn.GRUBlockCell(4, cell_size=4)
    except ValueError as e:
        assert "Exactly one of num_units or cell_size" in str(e)
    else:
        raise AssertionError("num_units and cell_size")
    assert tf1to2.contrib_rnn.GRUBlockCell(cell_size=3).output_size == 3

    _, got, (c_last, h_last), w = run(lambda: tf1to2.contrib_cudnn_rnn.CudnnCompatibleLSTMCell(4),
                                      ["cudnn_compatible_lstm_cell/kernel", "cudnn_compatible_lstm_cell/bias"])
    c = h = np.zeros((2, 4), np.float32)
    zeros = np.zeros(4, np.float32)
    for t in range(3):
        _, c, _, _, _, _, h = tf.raw_ops.LSTMBlockCell(
            x=x[:, t], cs_prev=c, h_prev=h, w=w["cudnn_compatible_lstm_cell/kernel"], wci=zeros, wcf=zeros,
            wco=zeros, b=w["cudnn_compatible_lstm_cell/bias"], forget_bias=0.0, cell_clip=-1.0, use_peephole=False)
        c, h = c.numpy(), h.numpy()
        np.testing.assert_allclose(got[:, t], h, atol=TOL)
    np.testing.assert_allclose(h_last, h, atol=TOL)

    gru = "cudnn_compatible_gru_cell"
    initial, got, last, w = run(lambda: tf1to2.contrib_cudnn_rnn.CudnnCompatibleGRUCell(4), [
        f"{gru}/gates/kernel", f"{gru}/gates/bias", f"{gru}/candidate/input_projection/kernel",
        f"{gru}/candidate/hidden_projection/kernel", f"{gru}/candidate/input_projection/bias",
        f"{gru}/candidate/hidden_projection/bias"])
    np.testing.assert_array_equal(initial[f"{gru}/gates/bias"], np.ones(8))

    def sigmoid(v):
        return 1 / (1 + np.exp(-v))

    h = np.zeros((2, 4), np.float32)
    for t in range(3):
        gates = sigmoid(np.concatenate([x[:, t], h], 1) @ w[f"{gru}/gates/kernel"] + w[f"{gru}/gates/bias"])
        r, u = gates[:, :4], gates[:, 4:]
        candidate = np.tanh(x[:, t] @ w[f"{gru}/candidate/input_projection/kernel"]
                            + w[f"{gru}/candidate/input_projection/bias"]
                            + r * (h @ w[f"{gru}/candidate/hidden_projection/kernel"]
                                   + w[f"{gru}/candidate/hidden_projection/bias"]))
        h = (1 - u) * candidate + u * h
        np.testing.assert_allclose(got[:, t], h, atol=TOL)
    np.testing.assert_allclose(last, h, atol=TOL)


def check_contrib_legacy_seq2seq_computes_contribs_formulas():
    """tf1to2.contrib_legacy_seq2seq in a TF1 graph: sequence_loss_by_example and
    sequence_loss against the weighted cross-entropy in NumPy (averaged or not, a custom
    loss function, TF1's error); rnn_decoder against a basic RNN cell's formula, step by
    step, with and without a loop function, its variables contrib's
    (``rnn_decoder/basic_rnn_cell/kernel``) and made once; basic_rnn_seq2seq's two cells,
    tied_rnn_seq2seq's one; embedding_rnn_decoder's embedding and greedy decoding;
    model_with_buckets' shared variables."""
    import tf1to2
    import tf1to2.rnn_cell
    from tf1to2 import contrib_legacy_seq2seq as seq2seq

    rng = np.random.RandomState(4)
    logits = [rng.randn(3, 5).astype("float32") for _ in range(4)]
    targets = [rng.randint(0, 5, 3).astype("int32") for _ in range(4)]
    weights = [rng.uniform(0, 2, 3).astype("float32") for _ in range(4)]
    weights[1][0] = 0.0

    def xent(logit, target):
        shifted = logit - logit.max(1, keepdims=True)
        return -(shifted - np.log(np.exp(shifted).sum(1, keepdims=True)))[np.arange(3), target]

    summed = sum(xent(l, t) * w for l, t, w in zip(logits, targets, weights))
    averaged = summed / (sum(weights) + 1e-12)
    with tf1to2.Graph().as_default():
        outputs = {
            "by example": seq2seq.sequence_loss_by_example(logits, targets, weights),
            "by example, summed": seq2seq.sequence_loss_by_example(logits, targets, weights,
                                                                   average_across_timesteps=False),
            "loss": seq2seq.sequence_loss(logits, targets, weights),
            "loss, per batch": seq2seq.sequence_loss(logits, targets, weights, average_across_batch=False),
            "custom": seq2seq.sequence_loss_by_example(
                logits, targets, weights, softmax_loss_function=lambda labels, logits: 2.0 * tf.cast(labels, tf.float32)),
        }
        with v1.Session() as sess:
            got = sess.run(outputs)
    np.testing.assert_allclose(got["by example"], averaged, atol=TOL)
    np.testing.assert_allclose(got["by example, summed"], summed, atol=TOL)
    np.testing.assert_allclose(got["loss"], averaged.sum() / 3, atol=TOL)
    np.testing.assert_allclose(got["loss, per batch"], averaged.sum(), atol=TOL)
    np.testing.assert_allclose(got["custom"], sum(2.0 * t * w for t, w in zip(targets, weights)) / (sum(weights) + 1e-12),
                               atol=TOL)
    try:
        seq2seq.sequence_loss_by_example(logits, targets[:2], weights)
    except ValueError as e:
        assert "Lengths of logits, weights, and targets must be the same" in str(e)
    else:
        raise AssertionError("lengths")

    inputs = [rng.randn(2, 3).astype("float32") for _ in range(3)]
    initial = rng.randn(2, 4).astype("float32")
    with tf1to2.Graph().as_default():
        cell = tf1to2.rnn_cell.BasicRNNCell(4)
        plain, plain_state = seq2seq.rnn_decoder(inputs, initial, cell)
        fed, _ = seq2seq.rnn_decoder(inputs, initial, tf1to2.rnn_cell.BasicRNNCell(4), scope="fed",
                                     loop_function=lambda previous, i: previous[:, :3] * float(i))
        names = sorted(v.op.name for v in v1.global_variables())
        assert names == ["fed/basic_rnn_cell/bias", "fed/basic_rnn_cell/kernel", "rnn_decoder/basic_rnn_cell/bias",
                         "rnn_decoder/basic_rnn_cell/kernel"], names
        with v1.Session() as sess:
            sess.run(v1.global_variables_initializer())
            got_plain, got_state, got_fed, values = sess.run(
                [plain, plain_state, fed, {v.op.name: v for v in v1.global_variables()}])

    def basic(scope, steps):
        h, out = initial, []
        for x in steps(out):
            h = np.tanh(np.concatenate([x, h], 1) @ values[f"{scope}/basic_rnn_cell/kernel"]
                        + values[f"{scope}/basic_rnn_cell/bias"])
            out.append(h)
        return out

    want = basic("rnn_decoder", lambda out: inputs)
    np.testing.assert_allclose(np.array(got_plain), np.array(want), atol=TOL)
    np.testing.assert_allclose(got_state, want[-1], atol=TOL)

    def looped(out):
        yield inputs[0]
        for i in (1, 2):
            yield out[-1][:, :3] * float(i)

    np.testing.assert_allclose(np.array(got_fed), np.array(basic("fed", looped)), atol=TOL)

    with tf1to2.Graph().as_default():
        steps = [tf.constant(x) for x in inputs]  # static_rnn takes tensors, as TF1's did
        seq2seq.basic_rnn_seq2seq(steps, steps, tf1to2.rnn_cell.BasicRNNCell(4))
        seq2seq.tied_rnn_seq2seq(steps, steps, tf1to2.rnn_cell.BasicRNNCell(4))
        symbols = [tf.constant([1, 2]), tf.constant([0, 0]), tf.constant([0, 0])]
        greedy, _ = seq2seq.embedding_rnn_decoder(symbols, initial, tf1to2.rnn_cell.BasicRNNCell(4), 6, 3,
                                                  output_projection=(tf.eye(4, 6), tf.zeros([6])),
                                                  feed_previous=True)
        names = sorted(v.op.name for v in v1.global_variables())
        want_names = sorted([f"basic_rnn_seq2seq/rnn/basic_rnn_cell/{n}" for n in ("kernel", "bias")]
                            + [f"basic_rnn_seq2seq/rnn_decoder/basic_rnn_cell/{n}" for n in ("kernel", "bias")]
                            + [f"combined_tied_rnn_seq2seq/tied_rnn_seq2seq/basic_rnn_cell/{n}"
                               for n in ("kernel", "bias")]
                            + ["embedding_rnn_decoder/embedding"]
                            + [f"embedding_rnn_decoder/rnn_decoder/basic_rnn_cell/{n}" for n in ("kernel", "bias")])
        assert names == want_names, names
        with v1.Session() as sess:
            sess.run(v1.global_variables_initializer())
            got_greedy, values = sess.run([greedy, {v.op.name: v for v in v1.global_variables()}])
    embedding = values["embedding_rnn_decoder/embedding"]
    kernel = values["embedding_rnn_decoder/rnn_decoder/basic_rnn_cell/kernel"]
    bias = values["embedding_rnn_decoder/rnn_decoder/basic_rnn_cell/bias"]
    h, x = initial, embedding[[1, 2]]
    for step in range(3):
        h = np.tanh(np.concatenate([x, h], 1) @ kernel + bias)
        np.testing.assert_allclose(got_greedy[step], h, atol=TOL)
        x = embedding[np.argmax(np.pad(h, ((0, 0), (0, 2))), 1)]  # projected by eye(4, 6): argmax over 6

    with tf1to2.Graph().as_default():
        steps = [tf.constant(x) for x in inputs]
        _, losses = seq2seq.model_with_buckets(
            steps, steps, [t[:2] for t in targets[:3]], [w[:2] for w in weights[:3]], [(2, 2), (3, 3)],
            lambda enc, dec: seq2seq.basic_rnn_seq2seq(enc, dec, tf1to2.rnn_cell.BasicRNNCell(5)))
        assert len(v1.trainable_variables()) == 4 and len(losses) == 2  # shared between the buckets


def check_contrib_image_transforms_compute_contribs_geometry():
    """tf1to2.contrib_image on TensorFlow's own projective-transform kernel (contrib's):
    quarter turns against np.rot90 (one angle per image, ranks 2 to 4, uint8 too),
    integer shifts against NumPy with zeros filling, bilinear sampling inside the image
    against its formula, composed transforms, the matrices' round trip, the gradient of
    a rotation, eagerly and in a TF1 graph; contrib's errors."""
    import tf1to2
    from tf1to2 import contrib_image as image

    rng = np.random.RandomState(2)
    square = rng.rand(2, 5, 5, 3).astype("float32")
    quarter = np.pi / 2
    got = image.rotate(square, [quarter, 2 * quarter]).numpy()
    np.testing.assert_allclose(got[0], np.rot90(square[0]), atol=1e-6)
    np.testing.assert_allclose(got[1], np.rot90(square[1], 2), atol=1e-6)
    np.testing.assert_allclose(image.rotate(square[0, :, :, 0], quarter).numpy(), np.rot90(square[0, :, :, 0]),
                               atol=1e-6)
    ints = (square * 255).astype("uint8")
    assert (image.rotate(ints[1], -quarter).numpy() == np.rot90(ints[1], -1)).all()

    tall = rng.rand(4, 6).astype("float32")
    shifted = image.translate(tall, [2, 1]).numpy()  # right 2, down 1
    want = np.zeros_like(tall)
    want[1:, 2:] = tall[:-1, :-2]
    np.testing.assert_allclose(shifted, want, atol=1e-6)

    smooth = image.transform(tall, [1, 0, -0.5, 0, 1, -0.25, 0, 0], interpolation="BILINEAR").numpy()
    for y in range(1, 4):
        for x in range(1, 6):
            sx, sy = x - 0.5, y - 0.25
            x0, y0 = int(np.floor(sx)), int(np.floor(sy))
            fx, fy = sx - x0, sy - y0
            value = ((1 - fy) * ((1 - fx) * tall[y0, x0] + fx * tall[y0, x0 + 1])
                     + fy * ((1 - fx) * tall[y0 + 1, x0] + fx * tall[y0 + 1, x0 + 1]))
            np.testing.assert_allclose(smooth[y, x], value, atol=1e-5)
    assert image.transform(tall, [1, 0, 0, 0, 1, 0, 0, 0], output_shape=[2, 3]).shape == (2, 3)

    a = image.translations_to_projective_transforms([1.0, 2.0])
    b = image.translations_to_projective_transforms([[0.5, -1.0]])
    np.testing.assert_allclose(image.compose_transforms(a, b).numpy(),
                               image.translations_to_projective_transforms([1.5, 1.0]).numpy(), atol=1e-6)
    turn = image.angles_to_projective_transforms([0.3, 1.1], 5, 7)
    np.testing.assert_allclose(image.matrices_to_flat_transforms(image.flat_transforms_to_matrices(turn)).numpy(),
                               turn.numpy(), atol=1e-6)
    np.testing.assert_allclose(image.flat_transforms_to_matrices(turn).numpy()[:, 2], [[0, 0, 1]] * 2)

    pixels = tf.constant(square)
    with tf.GradientTape() as tape:
        tape.watch(pixels)
        total = tf.reduce_sum(image.rotate(pixels, quarter) * tf.range(3, dtype=tf.float32))
    np.testing.assert_allclose(tape.gradient(total, pixels).numpy(), np.broadcast_to(np.arange(3.0), square.shape),
                               atol=1e-5)

    with tf1to2.Graph().as_default():
        held = v1.placeholder(tf.float32, [None, None, None, 3])
        out = image.rotate(held, quarter)
        with v1.Session() as sess:
            np.testing.assert_allclose(sess.run(out, {held: square})[0], np.rot90(square[0]), atol=1e-6)
    for bad, message in ((lambda: image.rotate(tf.zeros([2], tf.float32), 1.0), "rank between 2 and 4"),
                         (lambda: image.rotate(tf.zeros([2, 2], tf.bool), 1.0), "Invalid dtype"),
                         (lambda: image.translate(tall, [[[1, 2]]]), "rank 1 or 2")):
        try:
            bad()
        except TypeError as e:
            assert message in str(e), e
        else:
            raise AssertionError(message)


def check_contrib_seq2seq_decoding_computes_contribs_steps():
    """tf1to2.contrib_seq2seq's BasicDecoder and helpers through dynamic_decode: teacher
    forcing equals dynamic_rnn on the same cell and weights (outputs projected, zeros and
    the state copied through past each length), under contrib's variable names
    (``decoder/basic_rnn_cell/kernel``, the output layer's under ``decoder``); greedy
    decoding against the cell's formula in NumPy, stopping at the end token or
    ``maximum_iterations``; sampling at a tiny temperature is greedy; scheduled sampling
    at probability 0 is teacher forcing, at 1 feeds the samples; Custom and Inference
    helpers; eagerly with a Keras 3 output layer, in tf.function, in a TF1 graph."""
    import tf1to2
    import tf1to2.layers
    import tf1to2.rnn_cell
    from tf1to2 import contrib_seq2seq as s2s

    rng = np.random.RandomState(6)
    x = rng.randn(3, 4, 2).astype("float32")
    lengths = np.array([4, 2, 1], "int32")
    with tf1to2.Graph().as_default():
        cell = tf1to2.rnn_cell.BasicRNNCell(5)
        decoder = s2s.BasicDecoder(cell, s2s.TrainingHelper(x, lengths), cell.zero_state(3, tf.float32),
                                   output_layer=tf1to2.layers.Dense(6, use_bias=False, name="projection"))
        out, state, got_lengths = s2s.dynamic_decode(decoder, impute_finished=True)
        names = sorted(v.op.name for v in v1.global_variables())
        assert names == ["decoder/basic_rnn_cell/bias", "decoder/basic_rnn_cell/kernel", "decoder/projection/kernel"], names
        with v1.variable_scope("decoder", reuse=True):  # the same weights through dynamic_rnn
            reference, reference_state = v1.nn.dynamic_rnn(cell, x, sequence_length=lengths, dtype=tf.float32)
            projected = tf.matmul(reference, v1.get_variable("projection/kernel"))
        plain = s2s.dynamic_decode(s2s.BasicDecoder(cell, s2s.TrainingHelper(x, lengths),
                                                    cell.zero_state(3, tf.float32)), scope="decoder")[0]
        with v1.Session() as sess:
            sess.run(v1.global_variables_initializer())
            got, got_state, got_len, want, want_state, want_raw, got_plain = sess.run(
                [out, state, got_lengths, projected, reference_state, reference, plain])
    assert got.rnn_output.shape == (3, 4, 6) and got_len.tolist() == [4, 2, 1]
    for b, n in enumerate(lengths):
        np.testing.assert_allclose(got.rnn_output[b, :n], want[b, :n], atol=TOL)
        np.testing.assert_array_equal(got.rnn_output[b, n:], 0)
        np.testing.assert_array_equal(got.sample_id[b, :n], want[b, :n].argmax(-1))
        np.testing.assert_allclose(got_plain.rnn_output[b, :n], want_raw[b, :n], atol=TOL)
    np.testing.assert_allclose(got_state, want_state, atol=TOL)

    embedding = rng.randn(6, 2).astype("float32")
    start = np.array([1, 2, 3], "int32")

    def greedy_reference(kernel, bias, projection, end_token, steps):
        h, inputs, ids, done = np.zeros((3, 5), "float32"), embedding[start], [], np.zeros(3, bool)
        ends = np.full(3, steps)
        for t in range(steps):
            h = np.tanh(np.concatenate([inputs, h], 1) @ kernel + bias)
            step_ids = (h @ projection).argmax(-1)
            ids.append(step_ids)
            ends = np.where(~done & (step_ids == end_token), t + 1, ends)
            done |= step_ids == end_token
            inputs = embedding[step_ids]
            if done.all():
                break
        return np.stack(ids, 1), ends

    def decode(helper, output_layer, **kwargs):
        cell = tf1to2.rnn_cell.BasicRNNCell(5)
        return s2s.dynamic_decode(s2s.BasicDecoder(cell, helper, cell.zero_state(3, tf.float32),
                                                   output_layer=output_layer), **kwargs), cell

    with tf1to2.Graph().as_default():
        v1.set_random_seed(1)
        projection = tf1to2.layers.Dense(6, use_bias=False)
        (out, _, got_lengths), _ = decode(s2s.GreedyEmbeddingHelper(embedding, start, 0), projection,
                                          maximum_iterations=6)
        with v1.variable_scope("sampled"):
            (sampled, _, _), _ = decode(s2s.SampleEmbeddingHelper(embedding, start, 0, softmax_temperature=1e-4,
                                                                  seed=3), tf1to2.layers.Dense(6, use_bias=False),
                                    maximum_iterations=6)
        with v1.Session() as sess:
            sess.run(v1.global_variables_initializer())
            weights = sess.run({v.op.name: v for v in v1.global_variables()})
            got, got_len = sess.run([out.sample_id, got_lengths])
            sess.run([v.assign(weights[v.op.name.replace("sampled/", "")]) for v in v1.global_variables()
                      if v.op.name.startswith("sampled/")])
            got_sampled = sess.run(sampled.sample_id)
    kernel, bias = weights["decoder/basic_rnn_cell/kernel"], weights["decoder/basic_rnn_cell/bias"]
    ids, ends = greedy_reference(kernel, bias, weights["decoder/dense/kernel"], 0, 6)
    assert got_len.tolist() == ends.tolist(), (got_len, ends)
    np.testing.assert_array_equal(got[:, :ids.shape[1]], ids)
    np.testing.assert_array_equal(got_sampled, got)

    # eagerly, a Keras 3 output layer; in tf.function
    keras_projection = keras.layers.Dense(6, use_bias=False)
    (eager, _, eager_len), eager_cell = decode(s2s.GreedyEmbeddingHelper(embedding, start, 0), keras_projection,
                                                maximum_iterations=6)
    kernel, bias = (w.numpy() for w in eager_cell.weights)
    ids, ends = greedy_reference(kernel, bias, keras_projection.kernel.numpy(), 0, 6)
    assert eager_len.numpy().tolist() == ends.tolist()
    np.testing.assert_array_equal(eager.sample_id.numpy()[:, :ids.shape[1]], ids)
    assert eager.rnn_output.shape[-1] == 6

    @tf.function
    def teacher(inputs):
        helper = s2s.TrainingHelper(inputs, lengths)
        return s2s.dynamic_decode(s2s.BasicDecoder(eager_cell, helper, eager_cell.zero_state(3, tf.float32)),
                                  impute_finished=True)

    traced, _, traced_len = teacher(tf.constant(x))
    h = np.zeros((3, 5), "float32")
    for t in range(4):
        h = np.tanh(np.concatenate([x[:, t], h], 1) @ kernel + bias)
        live = t < lengths
        np.testing.assert_allclose(traced.rnn_output.numpy()[live, t], h[live], atol=TOL)
    assert traced_len.numpy().tolist() == [4, 2, 1]

    # scheduled sampling: never (teacher forcing), always (the samples' embeddings, the outputs)
    with tf1to2.Graph().as_default():
        cell = tf1to2.rnn_cell.BasicRNNCell(6)
        zero = cell.zero_state(3, tf.float32)
        never = s2s.dynamic_decode(s2s.BasicDecoder(cell, s2s.ScheduledEmbeddingTrainingHelper(
            x, lengths, np.pad(embedding, ((0, 0), (0, 0))), 0.0, seed=1), zero))[0]
        forced = s2s.dynamic_decode(s2s.BasicDecoder(cell, s2s.TrainingHelper(x, lengths), zero))[0]
        always = s2s.dynamic_decode(s2s.BasicDecoder(cell, s2s.ScheduledEmbeddingTrainingHelper(
            x, lengths, embedding, 1.0, seed=1), zero))[0]
        output_fed = s2s.dynamic_decode(s2s.BasicDecoder(
            cell, s2s.ScheduledOutputTrainingHelper(x, lengths, 1.0, next_inputs_fn=lambda o: o[:, :2]), zero))[0]
        custom = s2s.dynamic_decode(s2s.BasicDecoder(cell, s2s.CustomHelper(
            lambda: (tf.constant([False] * 3), tf.constant(x[:, 0])),
            lambda time, outputs, state: tf.argmax(outputs, -1, output_type=tf.int32),
            lambda time, outputs, state, sample_ids: (tf.fill([3], time >= 1), outputs[:, :2], state)), zero))[0]
        inference = s2s.dynamic_decode(s2s.BasicDecoder(cell, s2s.InferenceHelper(
            lambda outputs: outputs[:, :2], [2], tf.float32, tf.constant(x[:, 0]),
            lambda ids: tf.fill([3], True)), zero))[0]
        with v1.Session() as sess:
            sess.run(v1.global_variables_initializer())
            never, forced, always, output_fed, custom, inference, w = sess.run(
                [never, forced, always, output_fed, custom, inference, {v.op.name: v for v in v1.global_variables()}])
    np.testing.assert_allclose(never.rnn_output, forced.rnn_output, atol=TOL)
    assert (never.sample_id == -1).all() and (always.sample_id >= 0).all()
    kernel, bias = w["decoder/basic_rnn_cell/kernel"], w["decoder/basic_rnn_cell/bias"]

    def run_cell(feed, steps):
        h, inputs, outs = np.zeros((3, 6), "float32"), x[:, 0], []
        for t in range(steps):
            h = np.tanh(np.concatenate([inputs, h], 1) @ kernel + bias)
            outs.append(h)
            inputs = feed(t, h)
        return np.stack(outs, 1)

    np.testing.assert_allclose(always.rnn_output[0], run_cell(lambda t, h: embedding[always.sample_id[:, t]], 4)[0],
                               atol=TOL)
    np.testing.assert_allclose(output_fed.rnn_output[0], run_cell(lambda t, h: h[:, :2], 4)[0], atol=TOL)
    np.testing.assert_allclose(custom.rnn_output, run_cell(lambda t, h: h[:, :2], 2), atol=TOL)
    assert inference.rnn_output.shape == (3, 1, 6) and inference.sample_id.shape == (3, 1, 2)
    for bad in (lambda: s2s.TrainingHelper(x, [[4]]), lambda: s2s.GreedyEmbeddingHelper(embedding, 1, 0),
                lambda: s2s.dynamic_decode(object())):
        try:
            bad()
        except (ValueError, TypeError):
            pass
        else:
            raise AssertionError("no error")


def check_contrib_seq2seq_attention_computes_contribs_formulas():
    """tf1to2.contrib_seq2seq's LuongAttention (scaled) and BahdanauAttention
    (normalized) in an AttentionWrapper, decoded by dynamic_decode in a TF1 graph:
    contrib's variable names (``memory_layer/kernel`` where the mechanism is built,
    ``decoder/attention_wrapper/{basic_rnn_cell,attention_layer,luong_attention,
    bahdanau_attention/query_layer}/...``), and each step's outputs, alignments (masked
    past the memory's length) and attention against the formulas in NumPy with the same
    weights; the alignment history; the wrapper's state and output sizes; contrib's
    errors. Then the same in a Keras 3 layer decorated with track_tf1_style_variables."""
    import tf1to2
    import tf1to2.rnn_cell
    from tf1to2 import contrib_seq2seq as s2s

    rng = np.random.RandomState(9)
    memory = rng.randn(2, 4, 3).astype("float32")
    memory_lengths = np.array([4, 2], "int32")
    x = rng.randn(2, 3, 2).astype("float32")
    lengths = np.array([3, 3], "int32")
    masked = memory * (np.arange(4)[None, :, None] < memory_lengths[:, None, None])

    def softmax(score):
        score = np.where(np.arange(4)[None] < memory_lengths[:, None], score, -np.inf)
        e = np.exp(score - score.max(1, keepdims=True))
        return e / e.sum(1, keepdims=True)

    for kind in ("luong", "bahdanau"):
        with tf1to2.Graph().as_default():
            if kind == "luong":
                mechanism = s2s.LuongAttention(4, memory, memory_sequence_length=memory_lengths, scale=True)
            else:
                mechanism = s2s.BahdanauAttention(4, memory, memory_sequence_length=memory_lengths, normalize=True)
            cell = s2s.AttentionWrapper(tf1to2.rnn_cell.BasicRNNCell(4), mechanism, attention_layer_size=5,
                                        alignment_history=True)
            assert cell.output_size == 5 and cell.state_size.attention == 5
            decoder = s2s.BasicDecoder(cell, s2s.TrainingHelper(x, lengths), cell.zero_state(2, tf.float32))
            out, state, _ = s2s.dynamic_decode(decoder)
            history = state.alignment_history.stack()
            names = sorted(v.op.name for v in v1.global_variables())
            mine = {"luong": ["decoder/attention_wrapper/luong_attention/attention_g"],
                    "bahdanau": [f"decoder/attention_wrapper/bahdanau_attention/{n}"
                                 for n in ("attention_b", "attention_g", "attention_v", "query_layer/kernel")]}
            want_names = sorted(["memory_layer/kernel", "decoder/attention_wrapper/attention_layer/kernel",
                                 "decoder/attention_wrapper/basic_rnn_cell/bias",
                                 "decoder/attention_wrapper/basic_rnn_cell/kernel", *mine[kind]])
            assert names == want_names, names
            with v1.Session() as sess:
                sess.run(v1.global_variables_initializer())
                sess.run([v.assign(rng.uniform(0.5, 1.5, v.shape).astype("float32")) for v in v1.global_variables()
                          if v.op.name.endswith(("attention_g", "attention_b"))])
                got, got_history, w = sess.run([out.rnn_output, history,
                                                {v.op.name.replace("decoder/attention_wrapper/", ""): v
                                                 for v in v1.global_variables()}])
        keys = masked @ w["memory_layer/kernel"]
        h, attention = np.zeros((2, 4), "float32"), np.zeros((2, 5), "float32")
        for t in range(3):
            h = np.tanh(np.concatenate([x[:, t], attention, h], 1) @ w["basic_rnn_cell/kernel"]
                        + w["basic_rnn_cell/bias"])
            if kind == "luong":
                score = w["luong_attention/attention_g"] * np.einsum("bu,btu->bt", h, keys)
            else:
                v = w["bahdanau_attention/attention_v"]
                normed = w["bahdanau_attention/attention_g"] * v / np.sqrt((v ** 2).sum())
                query = h @ w["bahdanau_attention/query_layer/kernel"]
                score = (normed * np.tanh(keys + query[:, None] + w["bahdanau_attention/attention_b"])).sum(-1)
            alignments = softmax(score)
            context = np.einsum("bt,btd->bd", alignments, masked)
            attention = np.concatenate([h, context], 1) @ w["attention_layer/kernel"]
            np.testing.assert_allclose(got[:, t], attention, atol=TOL, err_msg=kind)
            np.testing.assert_allclose(got_history[t], alignments, atol=TOL, err_msg=kind)
        assert (got_history[:, 1, 2:] == 0).all()  # nothing past the memory's length

    class Attending(keras.layers.Layer):
        @track_tf1_style_variables
        def call(self, inputs):
            mechanism = s2s.LuongAttention(4, memory, memory_sequence_length=memory_lengths)
            cell = s2s.AttentionWrapper(tf1to2.rnn_cell.BasicRNNCell(4), mechanism, output_attention=False)
            decoder = s2s.BasicDecoder(cell, s2s.TrainingHelper(inputs, lengths), cell.zero_state(2, tf.float32))
            return s2s.dynamic_decode(decoder)[0].rnn_output

    layer = Attending()
    first = layer(tf.constant(x))
    second = layer(tf.constant(x))
    assert sorted(tf1_variables(layer)) == ["decoder/attention_wrapper/basic_rnn_cell/bias",
                                            "decoder/attention_wrapper/basic_rnn_cell/kernel",
                                            "memory_layer/kernel"], sorted(tf1_variables(layer))
    np.testing.assert_allclose(first, second)
    assert first.shape == (2, 3, 4)
    for bad in (lambda: s2s.AttentionWrapper(tf1to2.rnn_cell.BasicRNNCell(4), object()),
                lambda: s2s.AttentionWrapper(tf1to2.rnn_cell.BasicRNNCell(4), mechanism, attention_layer_size=[3, 4])):
        try:
            bad()
        except (TypeError, ValueError):
            pass
        else:
            raise AssertionError("no error")


def _beam_search_reference(step, start_state, embedding, start_ids, end_token, beam_width, steps, alpha):
    """Beam search by its definition, one batch entry at a time, in NumPy: ``step(inputs,
    state) → (logits, state)`` on one beam's rows; (tokens [steps, beam] best first after
    backtracking, the last step's scores)."""
    log_softmax = lambda z: z - z.max(-1, keepdims=True) - np.log(np.exp(z - z.max(-1, keepdims=True)).sum(-1, keepdims=True))  # noqa: E731
    beams = [dict(tokens=[], log_prob=0.0, length=0, finished=False, state=start_state, last=start_ids)]
    history = []
    for t in range(steps):
        candidates = []
        for k, beam in enumerate(beams):
            if beam["finished"]:
                candidates.append((beam["log_prob"], k, end_token, beam["length"], None))
                continue
            logits, state = step(embedding[beam["last"]], beam["state"])
            for w, lp in enumerate(log_softmax(logits)):
                candidates.append((beam["log_prob"] + lp, k, w, beam["length"] + 1, state))
        penalty = lambda n: ((5.0 + n) / 6.0) ** alpha if alpha else 1.0  # noqa: E731
        # contrib scores an ending continuation at the beam's length so far (its length
        # grows by one only once kept)
        scored = lambda c: c[0] / penalty(c[3] - (c[2] == end_token and c[4] is not None))  # noqa: E731
        ranked = sorted(candidates, key=lambda c: -scored(c))[:beam_width]
        beams = [dict(tokens=beams[k]["tokens"] + [w], log_prob=lp, length=n,
                      finished=beams[k]["finished"] or w == end_token,
                      state=beams[k]["state"] if s is None else s, last=w) for lp, k, w, n, s in ranked]
        history.append([scored(c) for c in ranked])
        if all(b["finished"] for b in beams):
            break
    tokens = np.array([b["tokens"] for b in beams]).T
    for k in range(tokens.shape[1]):  # after a beam's first end token, end tokens
        ended = np.cumsum(tokens[:, k] == end_token) - (tokens[:, k] == end_token) > 0
        tokens[ended, k] = end_token
    return tokens, np.array(history[-1])


def check_contrib_seq2seq_beam_search_finds_the_definitions_beams():
    """tf1to2.contrib_seq2seq.BeamSearchDecoder through dynamic_decode, in a TF1 graph:
    the beams (tokens best first, after gather_tree), their final scores and the number
    of steps against beam search written out in NumPy over the same cell and weights,
    with and without the length penalty, batch entries whose beams end at different
    steps; gather_tree against its definition; an attention cell over a memory tiled to
    the beams, its alignment history reordered to the beams; contrib's errors."""
    import tf1to2
    import tf1to2.layers
    import tf1to2.rnn_cell
    from tf1to2 import contrib_seq2seq as s2s

    rng = np.random.RandomState(12)
    vocab, units, width = 6, 5, 3
    embedding = rng.randn(vocab, 4).astype("float32")
    starts = np.array([1, 2], "int32")
    for alpha in (0.0, 0.8):
        with tf1to2.Graph().as_default():
            cell = tf1to2.rnn_cell.BasicRNNCell(units)
            decoder = s2s.BeamSearchDecoder(cell, embedding, starts, 0, cell.zero_state(2 * width, tf.float32),
                                            width, output_layer=tf1to2.layers.Dense(vocab, name="logits"),
                                            length_penalty_weight=alpha)
            out, state, lengths = s2s.dynamic_decode(decoder, maximum_iterations=7)
            with v1.Session() as sess:
                sess.run(v1.global_variables_initializer())
                sess.run([v.assign(rng.uniform(-2, 2, v.shape).astype("float32")) for v in v1.global_variables()])
                got, w = sess.run([out, {v.op.name: v for v in v1.global_variables()}])
        kernel, bias = w["decoder/basic_rnn_cell/kernel"], w["decoder/basic_rnn_cell/bias"]

        def step(x, h):
            h = np.tanh(np.concatenate([x, h]) @ kernel + bias)
            return h @ w["decoder/logits/kernel"] + w["decoder/logits/bias"], h

        for b in range(2):
            tokens, scores = _beam_search_reference(step, np.zeros(units, "float32"), embedding, starts[b], 0,
                                                    width, 7, alpha)
            steps = got.predicted_ids.shape[1]
            np.testing.assert_array_equal(got.predicted_ids[b, :tokens.shape[0]], tokens, err_msg=f"{alpha} {b}")
            assert (got.predicted_ids[b, tokens.shape[0]:] == 0).all()
            np.testing.assert_allclose(got.beam_search_decoder_output.scores[b, tokens.shape[0] - 1], scores,
                                       rtol=1e-4, atol=1e-4)
            assert steps >= tokens.shape[0]

    step_ids = np.array([[[1, 2, 3], [4, 5, 6]], [[7, 8, 9], [10, 11, 12]], [[0, 13, 14], [15, 16, 17]]], "int32")
    parents = np.array([[[0, 0, 0], [0, 0, 0]], [[2, 1, 0], [1, 1, 0]], [[1, 0, 2], [2, 0, 1]]], "int32")
    tree = s2s.gather_tree(step_ids, parents, [3, 2], 0).numpy()
    # batch 0, beam 0: step 2 takes 0 (end), its parent beam 1 at step 1 took 8, its parent 1 at step 0: 2
    np.testing.assert_array_equal(tree[:, 0, 0], [2, 8, 0])
    np.testing.assert_array_equal(tree[:, 0, 1], [3, 7, 13])
    np.testing.assert_array_equal(tree[:, 1, 0], [5, 10, 0])  # length 2: the last step is the end token
    np.testing.assert_array_equal(tree[:, 1, 2], [4, 12, 0])
    # after a beam's first end token, end tokens (beams are reordered: a path may end early)
    np.testing.assert_array_equal(s2s.gather_tree([[[0, 1]], [[2, 3]]], [[[0, 0]], [[0, 1]]], [2], 0).numpy()[:, 0],
                                  [[0, 1], [0, 3]])

    memory = rng.randn(2, 4, units).astype("float32")
    with tf1to2.Graph().as_default():
        tiled = s2s.tile_batch(memory, width)
        mechanism = s2s.LuongAttention(units, tiled, memory_sequence_length=s2s.tile_batch(np.array([4, 2]), width))
        cell = s2s.AttentionWrapper(tf1to2.rnn_cell.BasicRNNCell(units), mechanism, alignment_history=True)
        decoder = s2s.BeamSearchDecoder(cell, embedding, starts, 0, cell.zero_state(2 * width, tf.float32), width,
                                        output_layer=tf1to2.layers.Dense(vocab), coverage_penalty_weight=0.2)
        out, state, _ = s2s.dynamic_decode(decoder, maximum_iterations=5)
        with v1.Session() as sess:
            sess.run(v1.global_variables_initializer())
            ids, history = sess.run([out.predicted_ids, state.cell_state.alignment_history])
    steps = ids.shape[1]
    assert history.shape == (steps, 2, width, 4) or history.shape == (steps, 2 * width, 4), history.shape
    np.testing.assert_allclose(history.reshape(steps, 2, width, 4).sum(-1), 1.0, atol=1e-5)
    assert (history.reshape(steps, 2, width, 4)[:, 1, :, 2:] == 0).all()  # nothing past the memory's length
    for bad in (lambda: s2s.BeamSearchDecoder(cell, embedding, 1, 0, None, width),
                lambda: s2s.BeamSearchDecoder(cell, embedding, starts, [0], None, width)):
        try:
            bad()
        except ValueError:
            pass
        else:
            raise AssertionError("no error")


def check_v1_layer_objects_take_dtype_and_build():
    """The shim's v1 layer objects take TF1's base-Layer ``dtype=`` (their variables' dtype,
    which the inputs must have: TF1's layer did not cast them) and ``build(shape)``, which
    makes the variables where the first call would have, under the same names, and is
    not repeated by the call; OpenNMT-tf builds its output layer so."""
    import tf1to2
    import tf1to2.layers

    with tf1to2.Graph().as_default():
        with v1.variable_scope("decoder"):
            layer = tf1to2.layers.Dense(4, use_bias=True, dtype=tf.float32)
            assert not layer.built
            layer.build([None, 3])
            assert layer.built and sorted(v.op.name for v in v1.global_variables()) == ["decoder/dense/bias",
                                                                                       "decoder/dense/kernel"]
        out = layer(tf.ones([2, 3]))
        assert len(v1.global_variables()) == 2 and out.shape.as_list() == [2, 4]  # no new variable
        doubled = tf1to2.layers.Dense(4, dtype="float64")
        try:
            doubled(tf.ones([2, 3]))
        except TypeError as e:
            assert "dtype=float64" in str(e) and "float32 inputs" in str(e), e
        else:
            raise AssertionError("a float64 layer on float32 inputs")
        assert doubled(tf.ones([2, 3], tf.float64)).dtype == tf.float64
        try:
            tf1to2.layers.Dense(4).build([None, None])
        except ValueError as e:
            assert "known but for the batch" in str(e)
        else:
            raise AssertionError("an unknown input size")
        with v1.Session() as sess:
            sess.run(v1.global_variables_initializer())
            kernel, bias, got = sess.run([layer.kernel, layer.bias, out])
    np.testing.assert_allclose(got, np.ones((2, 3)) @ kernel + bias, atol=TOL)


def check_contrib_data_transformations_do_what_tf1s_documentation_says():
    """tf1to2.contrib_data: sliding windows (TF1's documented {1..7}, size 3, shift 2 →
    [1,2,3], [3,4,5], [5,6,7]; the deprecated ``stride``; elements apart by
    ``window_stride``; tuples), batches and padded batches dropping the remainder, the
    element-shape assertion (statically and when run, read along the element's
    structure), sloppy interleave; in a TF1 graph too."""
    import tf1to2
    from tf1to2 import contrib_data as data

    def values(ds):
        return [tf.nest.map_structure(lambda a: a.tolist(), x) for x in ds.as_numpy_iterator()]

    seven = tf.data.Dataset.range(1, 8)
    assert values(seven.apply(data.sliding_window_batch(3, window_shift=2))) == [[1, 2, 3], [3, 4, 5], [5, 6, 7]]
    assert values(seven.apply(data.sliding_window_batch(3, 2))) == [[1, 2, 3], [3, 4, 5], [5, 6, 7]]  # stride
    assert values(seven.apply(data.sliding_window_batch(3, window_stride=2))) == [[1, 3, 5], [2, 4, 6], [3, 5, 7]]
    pairs = tf.data.Dataset.from_tensor_slices(([1, 2, 3], [5, 6, 7]))
    assert values(pairs.apply(data.sliding_window_batch(2))) == [([1, 2], [5, 6]), ([2, 3], [6, 7])]
    assert values(tf.data.Dataset.range(8).apply(data.batch_and_drop_remainder(3))) == [[0, 1, 2], [3, 4, 5]]
    ragged = tf.data.Dataset.from_generator(lambda: ([1] * n for n in (1, 3, 2)),
                                            output_signature=tf.TensorSpec([None], tf.int32))
    assert values(ragged.apply(data.padded_batch_and_drop_remainder(2, [4]))) == [[[1, 0, 0, 0], [1, 1, 1, 0]]]
    assert pairs.apply(data.assert_element_shape(([], []))).element_spec[0].shape == []
    sized = tf.data.Dataset.from_tensor_slices(([[1, 2]], [[5, 6, 7]])).apply(data.assert_element_shape(([2], [3])))
    assert [s.shape.as_list() for s in sized.element_spec] == [[2], [3]]
    try:
        ragged.apply(data.assert_element_shape([2, 2]))
    except ValueError as e:
        assert "not compatible" in str(e)
    else:
        raise AssertionError("an incompatible static shape")
    try:
        values(ragged.apply(data.assert_element_shape([3])))
    except tf.errors.InvalidArgumentError:
        pass
    else:
        raise AssertionError("a shape that fails when run")
    interleaved = tf.data.Dataset.range(2).apply(
        data.sloppy_interleave(lambda x: tf.data.Dataset.from_tensors(x).repeat(2), 2))
    assert sorted(values(interleaved)) == [0, 0, 1, 1]
    with tf1to2.Graph().as_default():
        windows = tf.data.Dataset.range(1, 8).apply(data.sliding_window_batch(3, window_shift=2))
        nxt = v1.data.make_one_shot_iterator(windows).get_next()
        with v1.Session() as sess:
            assert sess.run(nxt).tolist() == [1, 2, 3] and sess.run(nxt).tolist() == [3, 4, 5]


def check_contrib_rnn_stacks_are_contribs_bidirectional_layers():
    """tf1to2.contrib_rnn's stacked bidirectional RNNs, in a TF1 graph: each layer is
    TensorFlow's bidirectional_dynamic_rnn (static_bidirectional_rnn) under
    ``stack_bidirectional_rnn/cell_<i>``, fed the previous layer's outputs concatenated on
    the depth axis, with TF1's variable names; the same by hand, given the same weights,
    computes the same. In a decorated Keras layer, eagerly, the same names."""
    import tf1to2.contrib_rnn
    import tf1to2.rnn_cell

    x = np.random.RandomState(7).randn(3, 5, 4).astype("float32")
    lengths = np.array([5, 3, 1], np.int32)

    def by_hand(inputs):
        layer = inputs
        with v1.variable_scope("stack_bidirectional_rnn"):
            for i, units in enumerate((6, 2)):
                with v1.variable_scope(f"cell_{i}"):
                    (fw, bw), _ = v1.nn.bidirectional_dynamic_rnn(
                        tf1to2.rnn_cell.LSTMCell(units), tf1to2.rnn_cell.GRUCell(units), layer,
                        sequence_length=lengths, dtype=tf.float32)
                    layer = tf.concat([fw, bw], 2)
        return layer

    def stacked(inputs):
        out, states_fw, states_bw = tf1to2.contrib_rnn.stack_bidirectional_dynamic_rnn(
            [tf1to2.rnn_cell.LSTMCell(6), tf1to2.rnn_cell.LSTMCell(2)],
            [tf1to2.rnn_cell.GRUCell(6), tf1to2.rnn_cell.GRUCell(2)], inputs, sequence_length=lengths,
            dtype=tf.float32)
        assert len(states_fw) == len(states_bw) == 2
        return out

    results = {}
    for build in (stacked, by_hand):
        with tf.Graph().as_default():
            v1.set_random_seed(3)
            out = build(tf.constant(x))
            with v1.Session() as sess:
                sess.run(v1.global_variables_initializer())
                if build is by_hand:  # the stacked side's weights
                    for v in v1.global_variables():
                        v.load(results["weights"][v.op.name], sess)
                results[build.__name__] = sess.run(out)
                if build is stacked:
                    results["weights"] = {v.op.name: sess.run(v) for v in v1.global_variables()}
    assert sorted(results["weights"]) == [
        f"stack_bidirectional_rnn/cell_{i}/bidirectional_rnn/{d}/{cell}/{w}"
        for i in (0, 1) for d, cell, ws in (("bw", "gru_cell", ("candidate/bias", "candidate/kernel", "gates/bias",
                                                                 "gates/kernel")),
                                             ("fw", "lstm_cell", ("bias", "kernel"))) for w in ws], \
        sorted(results["weights"])
    assert results["stacked"].shape == (3, 5, 4)  # the last layer's two directions, 2 units each
    np.testing.assert_allclose(results["stacked"], results["by_hand"], rtol=TOL, atol=TOL)

    class Stack(keras.layers.Layer):
        @track_tf1_style_variables
        def call(self, inputs):
            return tf1to2.contrib_rnn.stack_bidirectional_rnn(
                [tf1to2.rnn_cell.BasicRNNCell(3)], [tf1to2.rnn_cell.BasicRNNCell(3)], tf.unstack(inputs, axis=1),
                dtype=tf.float32)[0]

    layer = Stack()
    steps = layer(x)
    assert len(steps) == 5 and steps[0].shape == (3, 6)
    assert sorted(tf1_variables(layer)) == [
        f"stack_bidirectional_rnn/cell_0/{d}/basic_rnn_cell/{w}"  # (static: under the cell's scope itself)
        for d in ("bw", "fw") for w in ("bias", "kernel")], sorted(tf1_variables(layer))
    np.testing.assert_allclose(layer(x)[4], steps[4])  # made once, reused
    for name, bad in (("cells_fw", dict(cells_fw=tf1to2.rnn_cell.GRUCell(2))),
                      ("same depth", dict(cells_bw=[]))):
        args = dict(cells_fw=[tf1to2.rnn_cell.GRUCell(2)], cells_bw=[tf1to2.rnn_cell.GRUCell(2)], inputs=x)
        args.update(bad)
        try:
            tf1to2.contrib_rnn.stack_bidirectional_dynamic_rnn(**args)
        except ValueError as e:
            assert name in str(e) or "bw cell" in str(e), e
        else:
            raise AssertionError(f"no error for {name}")


def check_contrib_framework_stand_in():
    """tf1to2.contrib_framework, where code hands tf.contrib.framework on whole: tf-slim's
    names and TensorFlow's, the very objects; TF1's nest with is_sequence; TF1's
    get_name_scope reading the graph's name scope in a graph (as TF1's did) and the eager
    one in eager code; what neither has raises, saying what to use."""
    import tf_slim
    from tensorflow.python.util import deprecation

    from tf1to2 import contrib_framework as cf

    assert cf.arg_scope is tf_slim.arg_scope and cf.get_variables_to_restore is tf_slim.get_variables_to_restore
    assert cf.sort is v1.sort and cf.argsort is v1.argsort and cf.load_checkpoint is v1.train.load_checkpoint
    assert cf.deprecated is deprecation.deprecated and cf.init_from_checkpoint is v1.train.init_from_checkpoint
    assert cf.nest.is_sequence([1]) and not cf.nest.is_sequence(1)
    assert cf.nest.flatten_up_to([0, 0], [[1, 2], 3]) == [[1, 2], 3]
    x = tf.constant([3.0, 1.0, 2.0])
    np.testing.assert_array_equal(cf.sort(x, direction="DESCENDING"), [3.0, 2.0, 1.0])
    with tf.Graph().as_default():
        with tf.name_scope("outer"), tf.name_scope("inner"):
            assert cf.get_name_scope() == "outer/inner", cf.get_name_scope()
    with tf.name_scope("eager"):
        assert cf.get_name_scope() == "eager", cf.get_name_scope()
    _gone_names_raise(cf, "framework", (("reduce_sum_n", "tf.add_n"), ("with_shape", "tf.ensure_shape"),
                                        ("nonsense", "no attribute")))


def _gone_names_raise(stand_in, module: str, gone: tuple) -> None:
    """Each name of ``gone`` read from a contrib stand-in raises AttributeError with its advice."""
    for name, advice in gone:
        try:
            getattr(stand_in, name)
        except AttributeError as e:
            assert advice in str(e), e
        else:
            raise AssertionError(f"tf.contrib.{module}.{name} should raise")


def check_contrib_eager_stand_in():
    """tf1to2.contrib_eager, where code imports tf.contrib.eager whole: every name it lists
    is there, TensorFlow's very objects (the tape, py_function, CheckpointV1, the test
    decorator); Iterator is iter(dataset), eager only as TF1's; what contrib held itself
    raises, saying what to use."""
    from tensorflow.python.framework import test_util
    from tensorflow.python.ops import resource_variable_ops

    from tf1to2 import contrib_eager as ce

    assert all(getattr(ce, n) is not None for n in ce.__all__)
    assert ce.GradientTape is tf.GradientTape and ce.py_func is tf.py_function and ce.function is tf.function
    assert ce.Checkpoint is v1.train.Checkpoint and ce.custom_gradient is tf.custom_gradient
    assert ce.run_test_in_graph_and_eager_modes is test_util.run_in_graph_and_eager_modes
    assert ce.Variable is resource_variable_ops.ResourceVariable
    assert isinstance(ce.Variable(1.0), resource_variable_ops.ResourceVariable)
    iterator = ce.Iterator(tf.data.Dataset.range(3))
    assert [int(iterator.next()), int(iterator.get_next())] == [0, 1]
    with tf.Graph().as_default():
        assert not ce.executing_eagerly() and not ce.in_eager_mode()
        try:
            ce.Iterator(tf.data.Dataset.range(3))
        except RuntimeError:
            pass
        else:
            raise AssertionError("Iterator in a graph: TF1's raised")
    _gone_names_raise(ce, "eager", (("defun", "tf.function"), ("Network", "tf.keras.Model"), ("nonsense", "no attribute")))


def check_named_outputs_are_slims_in_a_graph_and_remembered_eagerly():
    """tf1to2.collect_named_outputs / convert_collection_to_dict, which slim-to-layers
    writes for outputs_collections and slim's utils: in a TF1 graph exactly slim's (the
    graph's collection filled, aliases on the tensors, what tf.get_collection and slim's
    own utils read; nothing of another graph's build); run eagerly, remembered by alias."""
    from tf_slim.layers import utils as slim_utils

    import tf1to2

    def build(collect):
        a = tf.constant(1.0, name="a")
        b = tf.constant(2.0, name="b")
        collect("end_points", "net/a/", a)
        collect(["end_points", "more"], "net/b", b)
        collect(None, "net/c", tf.constant(3.0))
        v1.add_to_collection("end_points", tf.constant(4.0, name="d"))
        return a, b

    seen = {}
    for side, collect in (("slim", slim_utils.collect_named_outputs), ("shim", tf1to2.collect_named_outputs)):
        with tf.Graph().as_default():
            a, b = build(collect)
            got = v1.get_collection("end_points")
            assert got[:2] == [a, b] and v1.get_collection("more") == [b], got
            assert a.aliases == ["net/a"] and b.aliases == ["net/b"], (a.aliases, b.aliases)
            ours, theirs = tf1to2.convert_collection_to_dict("end_points"), \
                slim_utils.convert_collection_to_dict("end_points")
            assert list(ours) == list(theirs) == ["net/a", "net/b", "d"], (list(ours), list(theirs))
            assert all(ours[k] is theirs[k] for k in ours)
            seen[side] = slim_utils.gather_tensors_aliases(got)
            tf1to2.convert_collection_to_dict("end_points", clear_collection=True)
            assert v1.get_collection("end_points") == []
        with tf.Graph().as_default():  # a new graph holds nothing of the last one's
            assert tf1to2.convert_collection_to_dict("end_points") == {}
    assert seen["slim"] == seen["shim"] == ["net/a", "net/b", "d"], seen
    x = tf.constant(5.0)  # eagerly: remembered by alias, the later output winning
    tf1to2.collect_named_outputs("eager_points", "net/x", x)
    tf1to2.collect_named_outputs("eager_points", "net/y/", x * 2)
    y = tf1to2.collect_named_outputs("eager_points", "net/y", x * 3)
    got = tf1to2.convert_collection_to_dict("eager_points", clear_collection=True)
    assert list(got) == ["net/x", "net/y"] and got["net/y"] is y, got
    assert tf1to2.convert_collection_to_dict("eager_points") == {}


def check_convolutions_and_pooling_refuse_inputs_of_another_rank():
    """tf1to2.layers' convolutions and poolings take (batch, spatial..., channels) inputs of
    exactly their rank, as TF1's layers did (TF1: "expected ndim=4, found ndim=5"); TF2's
    tf.nn ops under them would take a 5-D input to a 2-D convolution as two batch
    dimensions and compute something TF1 refused."""
    import tf1to2.layers as layers

    with tf.Graph().as_default():
        five = tf.zeros([1, 2, 6, 6, 3])
        for build in (lambda: layers.conv2d(five, 4, 3), lambda: layers.separable_conv2d(five, 4, 3),
                      lambda: layers.conv2d_transpose(five, 4, 3), lambda: layers.max_pooling2d(five, 2, 2),
                      lambda: layers.average_pooling1d(five, 2, 2), lambda: layers.conv3d(tf.zeros([1, 6, 6, 3]), 4, 3)):
            try:
                build()
            except ValueError as e:
                assert "expected ndim=" in str(e), e
            else:
                raise AssertionError("a convolution or pooling took an input of another rank")
        assert layers.conv2d(tf.zeros([1, 6, 6, 3]), 4, 3).shape.as_list() == [1, 4, 4, 4]


def check_batch_norm_moving_averages_are_not_partitioned():
    """In a variable scope with a partitioner, tf1to2.layers.batch_normalization's moving
    mean and variance are whole variables, as TF1's layer made them (it cleared the
    partitioner for them), and the scope keeps its partitioner afterwards."""
    import tf1to2.layers as layers

    with tf.Graph().as_default():
        partitioner = v1.fixed_size_partitioner(2, axis=0)
        with v1.variable_scope("outer", partitioner=partitioner):
            out = layers.batch_normalization(tf.ones([4, 5, 5, 6]), training=False, name="bn")
            assert v1.get_variable_scope().partitioner is partitioner
        moving = {v.op.name: v.shape.as_list() for v in v1.global_variables() if "moving" in v.op.name}
        assert moving == {"outer/bn/moving_mean": [6], "outer/bn/moving_variance": [6]}, moving
        with v1.Session() as session:
            session.run(v1.global_variables_initializer())
            np.testing.assert_allclose(session.run(out), np.ones([4, 5, 5, 6]) / np.sqrt(1.001), rtol=1e-5)


def main() -> None:
    run_checks(globals(), {
        "_tf_keras_imported": "tf_keras" in sys.modules,
        "_codemod_imported": sorted(m for m in sys.modules if m.split(".")[0] in ("libcst", "codemod", "rules")),
    })

if __name__ == "__main__":
    main()
