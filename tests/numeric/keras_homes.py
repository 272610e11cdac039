"""Every tf.keras name TF2's tf.keras (Keras 3) lacks and tf-api renames (the table's
``KERAS_GAPS`` with a home: ``losses.mean_squared_error`` → ``losses.mse``), computed both
ways: ``then`` reads the old name from TF1's Keras (tf-keras' v1 API, else its v2 API, where
the table found it; ``TF_USE_LEGACY_KERAS=1``),
``now`` the new one from Keras 3. Prints JSON: name → what it computed (lists of floats),
or ``{"error": ...}``.

    keras_homes.py then|now

Each kind of name gets a probe that says what the thing does: loss and metric functions
on fixed targets and predictions; learning-rate schedules at several steps; optimizers'
variables after five steps on a fixed quadratic; preprocessing layers on a fixed input
(the random ones at inference, where TF1's Keras passed the input through, and with the
same arguments); the saving functions by what they return. A name without a probe is an
error, so that the table cannot grow a rename this check does not look at.
"""
import json
import sys

import numpy as np

Y = np.array([[0.0, 1.0, 0.0], [1.0, 0.0, 0.0], [0.2, 0.3, 0.5]], dtype="float32")
P = np.array([[0.1, 0.7, 0.2], [0.6, 0.3, 0.1], [0.3, 0.3, 0.4]], dtype="float32")
IMAGE = np.arange(2 * 6 * 6 * 3, dtype="float32").reshape(2, 6, 6, 3) / 10.0


def _losses(f):
    return np.asarray(f(Y, P)).tolist()


def _schedule(cls):
    if cls.__name__ == "CosineDecayRestarts":
        s = cls(0.1, 10, t_mul=2.0, m_mul=0.5, alpha=0.01)
    else:
        s = cls(0.1, 100, alpha=0.01)
    return [float(s(step)) for step in (0, 1, 10, 37, 50, 99, 100, 150)]


def _optimizer(cls, tf):
    kwargs = {"learning_rate": 0.1}
    if cls.__name__ == "Adafactor":
        kwargs = {"learning_rate": 0.1, "relative_step": False}
    opt = cls(**kwargs)
    w = tf.Variable([1.0, -2.0, 3.0])
    for _ in range(5):
        with tf.GradientTape() as tape:
            loss = tf.reduce_sum(w * w * tf.constant([1.0, 2.0, 3.0]))
        opt.apply_gradients([(tape.gradient(loss, w), w)])
    return w.numpy().tolist()


def _layer(name, cls, tf):
    x = tf.constant(IMAGE)
    if name == "Rescaling":
        return cls(1 / 255.0, offset=-0.5)(x).numpy().ravel()[:20].tolist()
    if name == "CenterCrop":
        return cls(2, 4)(x).numpy().ravel().tolist()
    if name == "Resizing":
        return cls(3, 4, interpolation="bilinear")(x).numpy().ravel()[:30].tolist()
    if name == "Normalization":
        return cls(mean=[1.0, 2.0, 3.0], variance=[4.0, 1.0, 0.25])(x).numpy().ravel()[:30].tolist()
    if name == "Discretization":
        return cls(bin_boundaries=[0.0, 1.0, 2.5])(tf.constant([[-1.0, 0.5, 1.0, 3.0]])).numpy().tolist()
    if name == "CategoryEncoding":
        return cls(num_tokens=5, output_mode="count")(tf.constant([[0, 1, 1, 4]])).numpy().tolist()
    if name == "Hashing":
        return cls(num_bins=7)(tf.constant([["a", "b", "lake"]])).numpy().tolist()
    if name == "HashedCrossing":
        return cls(num_bins=7)((tf.constant(["a", "b"]), tf.constant([1, 2]))).numpy().tolist()
    if name == "IntegerLookup":
        return cls(vocabulary=[12, 36, 1138])(tf.constant([[12, 1138, 42]])).numpy().tolist()
    if name == "StringLookup":
        return cls(vocabulary=["a", "b", "c"])(tf.constant([["a", "c", "z"]])).numpy().tolist()
    if name == "TextVectorization":
        layer = cls(max_tokens=10, output_sequence_length=4)
        layer.adapt(tf.constant(["the cat sat", "the dog sat down", "the end"]))
        return layer(tf.constant(["the dog sat", "a cat"])).numpy().tolist()
    if name == "EinsumDense":
        layer = cls("ab,bc->ac", output_shape=4, bias_axes="c")
        y = layer(tf.constant(P))
        return [list(y.shape), sorted(list(w.shape) for w in layer.weights)]
    random = {"RandomContrast": (0.5,), "RandomCrop": (6, 6), "RandomFlip": ("horizontal",),
              "RandomHeight": (0.2,), "RandomRotation": (0.2,), "RandomTranslation": (0.2, 0.2),
              "RandomWidth": (0.2,), "RandomZoom": (0.2,)}
    if name in random:  # at inference: the input through (TF1's Keras and Keras 3 alike)
        return cls(*random[name], seed=1)(x, training=False).numpy().ravel()[:20].tolist()
    raise KeyError(name)


def _saving(name, obj, tf):
    if name == "custom_object_scope":
        with obj({"MyThing": len}):
            return [tf.keras.utils.get_custom_objects().get("MyThing") is len]
    if name == "get_custom_objects":
        return [isinstance(obj(), dict)]
    if name in ("register_keras_serializable", "get_registered_name", "get_registered_object"):
        return [callable(obj)]
    if name in ("serialize_keras_object", "deserialize_keras_object"):
        cfg = tf.keras.utils.serialize_keras_object(tf.keras.layers.Dense(3, name="d"))
        if name == "deserialize_keras_object":
            return [type(obj(cfg)).__name__, obj(cfg).units]
        return [sorted(k for k in obj(tf.keras.layers.Dense(3, name="d")) if k in ("class_name", "config"))]
    if name in ("load_model", "save_model"):
        return [callable(obj)]
    raise KeyError(name)


def probe(path, obj, tf):
    module, _, name = path.rpartition(".")
    top = module.split(".")[0]
    if top in ("losses", "metrics"):
        return _losses(obj)
    if name in ("CosineDecay", "CosineDecayRestarts"):
        return _schedule(obj)
    if module.startswith("optimizers") or module.startswith("dtensor"):
        return _optimizer(obj, tf)
    if module.startswith("layers"):
        return _layer(name, obj, tf)
    if top in ("saving", "utils", "models"):
        return _saving(name, obj, tf)
    raise KeyError(path)


def _read(tf, path: str, side: str):
    """``path`` of TF1's tf.keras (tf-keras' v1 API, then its v2 API, where the table
    found the rest) or of Keras 3's."""
    roots = (tf.compat.v1.keras, tf.keras) if side == "then" else (tf.keras,)
    for root in roots:
        obj = root
        try:
            for part in path.split("."):
                obj = getattr(obj, part)
            return obj
        except AttributeError:
            if root is roots[-1]:
                raise
    raise AssertionError(path)


def main(side: str) -> None:
    import tensorflow as tf

    sys.path.insert(0, ".")
    from rules import tf_api_table

    out = {}
    for old, home in sorted(tf_api_table.KERAS_GAPS.items()):
        if not home or old.startswith("initializers."):
            continue  # TF1's tf.keras initializers: tf-api's own rewrite (initializer_draws.py)
        path = old if side == "then" else home
        try:
            obj = _read(tf, path, side)
            out[old] = probe(old if side == "then" else home, obj, tf)
        except Exception as e:  # noqa: BLE001 (reported, and the test fails on it)
            out[old] = {"error": f"{type(e).__name__}: {e}"[:300]}
    print(json.dumps(out))


if __name__ == "__main__":
    main(sys.argv[1])
