"""Run golden/training-step/model_savers' before.py or after.py (argv[1]) on a Keras 3
model: save it with save_and_restore(), restore into a second model with other weights
with inline(), and print JSON: whether that worked, how far the second model's outputs
are from the first's, and the checkpoint's entries."""
import importlib.util
import json
import sys
import tempfile
from pathlib import Path

import numpy as np
import tensorflow as tf


def model(seed: int) -> tf.keras.Model:
    tf.keras.utils.set_random_seed(seed)
    m = tf.keras.Sequential([tf.keras.layers.Dense(4, bias_initializer="random_normal"),
                             tf.keras.layers.Dense(2, bias_initializer="random_normal")])
    m(tf.ones([1, 3]))
    return m


spec = importlib.util.spec_from_file_location("savers", sys.argv[1])
mod = importlib.util.module_from_spec(spec)
spec.loader.exec_module(mod)
x = np.random.default_rng(0).normal(size=(5, 3)).astype(np.float32)
a, b = model(1), model(2)
path = str(Path(tempfile.mkdtemp()) / "ckpt")
out = {}
try:
    written = mod.save_and_restore(a, path)
    out["entries"] = len(tf.train.list_variables(written))
    mod.inline(b, written)
    out["restored"] = True
except Exception as e:  # the original's restore may raise instead of restoring garbage
    out["restored"] = False
    out["error"] = f"{type(e).__name__}: {str(e)[:200]}"
out["max_diff"] = float(np.max(np.abs(a(x).numpy() - b(x).numpy())))
out["variables"] = len(a.variables)
print(json.dumps(out))
