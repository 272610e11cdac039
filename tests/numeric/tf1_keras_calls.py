"""golden/tf-api/tf1_keras_calls run both ways: its before.py under TF1 behaviour, where
tf.keras is TF1's (tf-keras' v1 API: ``tf1``), and the file a run made of it under plain
TensorFlow 2.21, Keras 3 (``tf2``). Each side builds ``build()``, gives it the same
weights (drawn by shape, in the model's weight order: a GRU whose bias has another shape
fails here), and reports the outputs of each layer with weights or an activation on a
fixed input; then, for each ``optimizer(kind)`` and ``compile_by_name(model, name)``, the
losses of six ``train_on_batch`` steps (mean squared error plus the l1_l2 regularizers;
on the whole model for two kinds, on a small one of the script's for the rest) from
those weights, and the weights they end at; what ``fit_by_generator``
(``fit_generator`` / ``evaluate_generator`` / ``predict_generator``) does to a fresh
copy; and ``classes`` (``predict_classes`` / ``predict_proba``) on a ``classifier`` of 4
outputs and of 1 (tf-keras 2.21 lacks those two: the TF1 side gets TF 1.15's
definitions). Prints JSON.

    tf1_keras_calls.py tf1|tf2 FILE.py
"""
import json
import sys
from pathlib import Path

import numpy as np

# the kinds trained on the golden's whole model (its l1_l2 regularizers in the loss); the
# rest on a small one, which holds each optimizer to TF1's as well, in a fifth of the time
WHOLE_MODEL = ("sgd", "rmsprop")
KINDS = ("sgd", "adam", "sgd_default_rate", "rmsprop", "rmsprop_decay", "rmsprop_momentum", "nadam", "by name: rmsprop",
         "by name: Nadam", "by name: adam")


def _small(tf):
    """A small model for the optimizers: a GRU (TF1's defaults as the golden writes them do
    not matter here: ``reset_after`` given) and a dense layer."""
    return tf.keras.Sequential([tf.keras.layers.GRU(3, reset_after=False, recurrent_activation="sigmoid",
                                                    input_shape=(4, 3)),
                                tf.keras.layers.Dense(2)])


def _tf1_sequential_methods() -> None:
    """TF 1.15's ``Sequential.predict_classes`` / ``predict_proba``, which tf-keras 2.21
    removed (in TF 2.6), as TF 1.15 defined them: the TF1 side's reference."""
    import tensorflow as tf

    sequential = tf.compat.v1.keras.Sequential
    if not hasattr(sequential, "predict_classes"):
        def predict_proba(self, x, batch_size=32, verbose=0):
            return self.predict(x, batch_size=batch_size, verbose=verbose)

        def predict_classes(self, x, batch_size=32, verbose=0):
            proba = self.predict(x, batch_size=batch_size, verbose=verbose)
            if proba.shape[-1] > 1:
                return proba.argmax(axis=-1)
            return (proba > 0.5).astype("int32")

        sequential.predict_proba, sequential.predict_classes = predict_proba, predict_classes


def main(side: str, path: Path) -> None:
    sys.path.insert(0, str(Path(__file__).parent))
    if side == "tf1":
        import real_models

        real_models._tf1_environment()
    from loading import load_module

    if side == "tf1":
        _tf1_sequential_methods()

    module = load_module(path, "tf1_keras_calls_case")
    x = np.random.RandomState(0).uniform(-1, 1, (5, 4, 3)).astype("float32")
    y = np.random.RandomState(1).uniform(-1, 1, (5, 2)).astype("float32")
    out: dict = {}
    import tensorflow as tf  # (TF1's, tf.compat.v1, on the TF1 side)

    for kind in (None, *KINDS):
        model = module.build() if kind in (None, *WHOLE_MODEL) else _small(tf)
        shapes = [tuple(w.shape) for w in model.get_weights()]
        model.set_weights([np.random.RandomState(i + 10).uniform(-0.6, 0.6, s).astype("float32")
                           for i, s in enumerate(shapes)])
        if kind is None:
            out["shapes"] = shapes
            layers = [layer for layer in model.layers if layer.weights or "activation" in layer.name
                      or "lambda" in layer.name]
            probe = type(model)(model.inputs, [layer.output for layer in layers])
            out["outputs"] = [np.asarray(o).tolist() for o in probe.predict(x, verbose=0)]
            out["layers"] = [type(layer).__name__ for layer in layers]
            continue
        if kind.startswith("by name: "):
            module.compile_by_name(model, kind[len("by name: "):])
        else:
            model.compile(optimizer=module.optimizer(kind), loss="mse")
        out[kind] = {"losses": [float(np.ravel(model.train_on_batch(x, y))[0]) for _ in range(6)],
                     "weights": [float(np.sum(np.abs(w))) for w in model.get_weights()]}
    model = module.build()
    model.set_weights([np.random.RandomState(i + 10).uniform(-0.6, 0.6, w.shape).astype("float32")
                       for i, w in enumerate(model.get_weights())])
    model.compile(optimizer=module.optimizer("sgd"), loss="mse")
    batches = [(x[i:i + 2], y[i:i + 2]) for i in (0, 2, 3)]
    loss, predicted = module.fit_by_generator(model, batches)
    out["generator"] = {"loss": float(np.ravel(loss)[0]), "predicted": np.asarray(predicted).tolist(),
                        "weights": [float(np.sum(np.abs(w))) for w in model.get_weights()]}
    for outputs in (4, 1):
        model = module.classifier(outputs)
        model.set_weights([np.random.RandomState(i + 20).uniform(-1, 1, w.shape).astype("float32")
                           for i, w in enumerate(model.get_weights())])
        found, proba = module.classes(model, x.reshape(-1, 3)[:6])
        out[f"classes {outputs}"] = {"classes": np.asarray(found).tolist(), "proba": np.asarray(proba).tolist()}
    print(json.dumps(out))


if __name__ == "__main__":
    main(sys.argv[1], Path(sys.argv[2]))
