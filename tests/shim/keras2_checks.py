"""The shim on TensorFlow 2.21 + tf-keras (TF_USE_LEGACY_KERAS=1): every example of the
model-mapping guide, rewritten to import from tf1to2, with the names and numbers the
guide prints. Run as a script in its own process; prints JSON {check: "ok" | traceback}."""
from __future__ import annotations

import os
import tempfile

os.environ["TF_USE_LEGACY_KERAS"] = "1"

import numpy as np  # noqa: E402
import tensorflow as tf  # noqa: E402

from common import (CompatV1TemplateScaleByY, deterministic_random_test_tool_check, guide_dense,  # noqa: E402
                    run_checks, tf1_reference, unloaded_variable_check)
from tf1to2 import get_or_create_layer, record_scope, tf1_variables, track_tf1_style_variables  # noqa: E402

v1 = tf.compat.v1
TOL = 1e-5


class DenseLayer(tf.keras.layers.Layer):
    def __init__(self, units, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.units = units

    @track_tf1_style_variables
    def call(self, inputs):
        return guide_dense(inputs, self.units)


def compat_v1_layer_model(inputs, units):
    with v1.variable_scope("model"):
        out = v1.layers.conv2d(inputs, 3, 3, kernel_regularizer="l2")
        out = v1.layers.flatten(out)
        return v1.layers.dense(out, units, kernel_regularizer="l2")


class CompatV1LayerModel(tf.keras.layers.Layer):
    def __init__(self, units, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.units = units

    @track_tf1_style_variables
    def call(self, inputs):
        return compat_v1_layer_model(inputs, self.units)


def names(layer):
    return sorted(v.name for v in layer.weights)


def check_deterministic_random_test_tool_matches_a_tf1_graph():
    deterministic_random_test_tool_check()


def check_a_variable_nothing_loads_is_an_error():
    unloaded_variable_check()

def check_dense_layer():
    layer = DenseLayer(10)
    x = tf.random.normal(shape=(8, 20))
    out = layer(x)
    assert names(layer) == ["dense/bias:0", "dense/kernel:0"]
    assert len(layer.losses) == 1
    np.testing.assert_allclose(layer(x), out)
    assert len(layer.weights) == 2
    expected, reg = tf1_reference(guide_dense, x.numpy(), {v.name[:-2]: v.numpy() for v in layer.weights},
                                  units=10)
    np.testing.assert_allclose(out, expected, rtol=TOL, atol=TOL)
    np.testing.assert_allclose(float(tf.add_n(layer.losses)), reg, rtol=TOL)
    for var in layer.trainable_variables:
        var.assign(tf.zeros_like(var))
    assert float(tf.reduce_sum(tf.abs(layer(x)))) == 0.0
    assert len(layer.weights) == 2


def check_compat_v1_layer_model_against_tf1_graph():
    layer = CompatV1LayerModel(10)
    x = tf.random.normal(shape=(8, 5, 5, 5), seed=0)
    out = layer(x)
    layer(x)
    assert names(layer) == ["model/conv2d/bias:0", "model/conv2d/kernel:0",
                            "model/dense/bias:0", "model/dense/kernel:0"]
    values = {v.name[:-2]: v.numpy() for v in layer.weights}
    expected, reg = tf1_reference(compat_v1_layer_model, x.numpy(), values, units=10)
    np.testing.assert_allclose(out, expected, rtol=TOL, atol=TOL)
    np.testing.assert_allclose(float(tf.add_n(layer.losses)), reg, rtol=TOL)


def check_batch_norm_moving_averages_change_only_in_training():
    class CompatV1BatchNorm(tf.keras.layers.Layer):
        @track_tf1_style_variables
        def call(self, inputs, training=None):
            with v1.variable_scope("batch_norm_layer"):
                return v1.layers.batch_normalization(inputs, training=training)

    inputs = tf.keras.Input(shape=(5, 5, 5))
    model = tf.keras.Model(inputs=inputs, outputs=CompatV1BatchNorm()(inputs))
    x = tf.random.normal(shape=(8, 5, 5, 5))
    model(x, training=False)
    before = {v.name: v.numpy().copy() for v in model.non_trainable_variables}
    assert sorted(before) == ["batch_norm_layer/batch_normalization/moving_mean:0",
                              "batch_norm_layer/batch_normalization/moving_variance:0"]
    model(x, training=False)
    assert all(np.array_equal(before[v.name], v.numpy()) for v in model.non_trainable_variables)
    values = {v.name[:-2]: v.numpy() for v in model.weights}
    trained = model(x, training=True)
    assert all(not np.array_equal(before[v.name], v.numpy()) for v in model.non_trainable_variables)

    def graph_bn(t, training):
        with v1.variable_scope("batch_norm_layer"):
            return v1.layers.batch_normalization(t, training=training)

    for training, got in ((True, trained), (False, model(x, training=False))):
        if not training:
            values = {v.name[:-2]: v.numpy() for v in model.weights}
        expected, _ = tf1_reference(graph_bn, x.numpy(), values, training=training)
        np.testing.assert_allclose(got, expected, rtol=1e-4, atol=1e-4)


def check_nested_model_get_or_create_layer():
    class NestedModel(tf.keras.Model):
        def __init__(self, units, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self.units = units

        def build_model(self):
            inp = tf.keras.Input(shape=(5, 5))
            dense_layer = tf.keras.layers.Dense(10, name="dense", kernel_regularizer="l2",
                                                kernel_initializer=v1.ones_initializer())
            return tf.keras.Model(inputs=inp, outputs=dense_layer(inp))

        @track_tf1_style_variables
        def call(self, inputs):
            model = get_or_create_layer("dense_model", self.build_model)
            return model(inputs)

    layer = NestedModel(10)
    layer(tf.ones(shape=(5, 5)))
    layer(tf.ones(shape=(5, 5)))
    assert names(layer) == ["dense/bias:0", "dense/kernel:0"]
    assert len(layer.losses) == 1


def check_wrapped_dense_layer_six_names():
    class NestedLayer(tf.keras.layers.Layer):
        def __init__(self, units, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self.units = units

        @track_tf1_style_variables
        def __call__(self, inputs):
            return guide_dense(inputs, self.units, scope="inner_dense")

    class WrappedDenseLayer(tf.keras.layers.Layer):
        def __init__(self, units, **kwargs):
            super().__init__(**kwargs)
            self.units = units
            self._dense_layer = NestedLayer(self.units)

        @track_tf1_style_variables
        def call(self, inputs):
            with v1.variable_scope("outer"):
                outputs = v1.layers.dense(inputs, 3)
                outputs = v1.layers.dense(inputs, 4)
                return self._dense_layer(outputs)

    layer = WrappedDenseLayer(10)
    layer(tf.ones(shape=(5, 5)))
    assert names(layer) == ["outer/dense/bias:0", "outer/dense/kernel:0", "outer/dense_1/bias:0",
                            "outer/dense_1/kernel:0", "outer/inner_dense/bias:0", "outer/inner_dense/kernel:0"]


def check_make_template():
    layer = CompatV1TemplateScaleByY()
    out = layer(tf.ones(shape=(2, 3)))
    assert names(layer) == ["layer/scale_by_y/y:0"]
    np.testing.assert_allclose([float(l) for l in layer.losses], [0.0225], rtol=1e-5)
    np.testing.assert_allclose(out, 1.5 * np.ones((2, 3)))


def check_incremental_migration_to_native_gives_equal_outputs():
    class CompatModel(tf.keras.layers.Layer):
        def __init__(self, units, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self.units = units

        @track_tf1_style_variables
        def call(self, inputs, training=None):
            with v1.variable_scope("model"):
                out = v1.layers.conv2d(inputs, 3, 3, kernel_regularizer="l2")
                out = v1.layers.flatten(out)
                out = v1.layers.dropout(out, training=training)
                return v1.layers.dense(out, self.units, kernel_regularizer="l2")

    class PartiallyMigratedModel(tf.keras.layers.Layer):
        def __init__(self, units, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self.units = units
            self.conv_layer = tf.keras.layers.Conv2D(3, 3, kernel_regularizer="l2")

        @track_tf1_style_variables
        def call(self, inputs, training=None):
            with v1.variable_scope("model"):
                out = self.conv_layer(inputs)
                out = v1.layers.flatten(out)
                out = v1.layers.dropout(out, training=training)
                return v1.layers.dense(out, self.units, kernel_regularizer="l2")

    class NearlyFullyNativeModel(tf.keras.layers.Layer):
        def __init__(self, units, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self.units = units
            self.conv_layer = tf.keras.layers.Conv2D(3, 3, kernel_regularizer="l2")
            self.flatten_layer = tf.keras.layers.Flatten()
            self.dense_layer = tf.keras.layers.Dense(self.units, kernel_regularizer="l2")

        @track_tf1_style_variables
        def call(self, inputs):
            with v1.variable_scope("model"):
                return self.dense_layer(self.flatten_layer(self.conv_layer(inputs)))

    class FullyNativeModel(tf.keras.layers.Layer):
        def __init__(self, units, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self.units = units
            self.conv_layer = tf.keras.layers.Conv2D(3, 3, kernel_regularizer="l2")
            self.flatten_layer = tf.keras.layers.Flatten()
            self.dense_layer = tf.keras.layers.Dense(self.units, kernel_regularizer="l2")

        def call(self, inputs):
            return self.dense_layer(self.flatten_layer(self.conv_layer(inputs)))

    results = []
    for cls in (CompatModel, PartiallyMigratedModel, NearlyFullyNativeModel, FullyNativeModel):
        random_tool = v1.keras.utils.DeterministicRandomTestTool(mode="num_random_ops")
        with random_tool.scope():
            tf.keras.utils.set_random_seed(42)
            layer = cls(10)
            inputs = tf.random.normal(shape=(10, 5, 5, 5))
            results.append((layer(inputs).numpy(), float(tf.math.add_n(layer.losses))))
    np.testing.assert_allclose(results[0][1], 0.1824967, rtol=1e-5)  # the guide's printed loss
    for out, loss in results[1:]:
        np.testing.assert_allclose(out, results[0][0])
        np.testing.assert_allclose(loss, results[0][1])


def check_oo_style_and_record_scope_keep_names():
    class FunctionalStyleCompatModel(tf.keras.layers.Layer):
        @track_tf1_style_variables
        def call(self, inputs, training=None):
            with v1.variable_scope("model"):
                out = v1.layers.conv2d(inputs, 3, 3, kernel_regularizer="l2")
                out = v1.layers.conv2d(out, 4, 4, kernel_regularizer="l2")
                return v1.layers.conv2d(out, 5, 5, kernel_regularizer="l2")

    class OOStyleCompatModel(tf.keras.layers.Layer):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self.conv_1 = v1.layers.Conv2D(3, 3, kernel_regularizer="l2")
            self.conv_2 = v1.layers.Conv2D(4, 4, kernel_regularizer="l2")

        @track_tf1_style_variables
        def call(self, inputs, training=None):
            with v1.variable_scope("model"):
                out = self.conv_1(inputs)
                out = self.conv_2(out)
                return v1.layers.conv2d(out, 5, 5, kernel_regularizer="l2")

    class PartiallyNativeKerasLayersModel(tf.keras.layers.Layer):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self.conv_1 = tf.keras.layers.Conv2D(3, 3, kernel_regularizer="l2")
            self.conv_2 = tf.keras.layers.Conv2D(4, 4, kernel_regularizer="l2")

        @track_tf1_style_variables
        def call(self, inputs, training=None):
            with v1.variable_scope("model"):
                out = self.conv_1(inputs)
                record_scope("conv2d")
                out = self.conv_2(out)
                record_scope("conv2d_1")
                return v1.layers.conv2d(out, 5, 5, kernel_regularizer="l2")

    six = ["model/conv2d/bias:0", "model/conv2d/kernel:0", "model/conv2d_1/bias:0",
           "model/conv2d_1/kernel:0", "model/conv2d_2/bias:0", "model/conv2d_2/kernel:0"]
    x = tf.ones(shape=(10, 10, 10, 10))
    functional = FunctionalStyleCompatModel()
    functional(x)
    assert names(functional) == six
    oo = OOStyleCompatModel()
    oo(x)
    assert names(oo) == six
    weights = {v.name: v for v in oo.weights}
    assert weights["model/conv2d/kernel:0"] is oo.conv_1.kernel
    assert weights["model/conv2d_1/bias:0"] is oo.conv_2.bias
    partial = PartiallyNativeKerasLayersModel()
    partial(x)
    weights = {v.name for v in partial.weights}
    assert "model/conv2d_2/kernel:0" in weights and "model/conv2d_2/bias:0" in weights


def check_own_get_variable_module_fit_and_checkpoint():
    class Scaler(tf.keras.Model):
        @track_tf1_style_variables
        def call(self, inputs):
            with v1.variable_scope("scaler", reuse=v1.AUTO_REUSE):
                w = v1.get_variable("w", [inputs.shape[-1], 1], initializer=v1.zeros_initializer())
                return tf.matmul(inputs, w)

    x = np.random.RandomState(0).randn(16, 3).astype("float32")
    y = x @ np.array([[1.0], [2.0], [-1.0]], dtype="float32")
    model = Scaler()
    model.compile(optimizer=tf.keras.optimizers.SGD(0.1), loss="mse")
    hist = model.fit(x, y, epochs=4, verbose=0)
    assert hist.history["loss"][-1] < hist.history["loss"][0]
    assert sorted(tf1_variables(model)) == ["scaler/w"]
    d = tempfile.mkdtemp()
    path = tf.train.Checkpoint(model=model).save(os.path.join(d, "ck"))
    other = Scaler()
    other(x)
    tf.train.Checkpoint(model=other).restore(path).assert_existing_objects_matched()
    np.testing.assert_allclose(other(x), model(x))


def check_tf1_rnn_cells_are_tf_keras_own():
    import tf1to2.rnn_cell

    assert tf1to2.rnn_cell.LSTMCell is tf.compat.v1.nn.rnn_cell.LSTMCell
    assert tf1to2.rnn_cell.LSTMCell.__module__.startswith("tf_keras"), tf1to2.rnn_cell.LSTMCell.__module__


def main() -> None:
    run_checks(globals(), {"_keras": tf.keras.layers.Layer.__module__})

if __name__ == "__main__":
    main()
