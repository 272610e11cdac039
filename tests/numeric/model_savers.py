"""Run golden/training-step/model_savers' before.py or after.py (argv[1]) on a Keras 3
model: save it with save_and_restore(), restore into a second model with other weights
with inline(), and print JSON: whether that worked, how far the second model's outputs
are from the first's, and the checkpoint's entries. Then train a third model with
numbered_loop() (numbered saves, max_to_keep=2) and restore the latest checkpoint into a
fourth: which checkpoints were kept, and how far the fourth is from the third."""
import json
import sys
import tempfile
from pathlib import Path

import numpy as np
import tensorflow as tf

from loading import load_module  # (this folder, on the script's path)


def model(seed: int) -> tf.keras.Model:
    tf.keras.utils.set_random_seed(seed)
    m = tf.keras.Sequential([tf.keras.layers.Dense(4, bias_initializer="random_normal"),
                             tf.keras.layers.Dense(2, bias_initializer="random_normal")])
    m(tf.ones([1, 3]))
    return m


mod = load_module(sys.argv[1], "savers")
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
# numbered saves in a training loop (max_to_keep=2), the latest restored into a third model
folder = Path(tempfile.mkdtemp())
c, d = model(3), model(4)
mod.numbered_loop(c, [x[:2], x[2:4], x[4:]], str(folder), tf.keras.optimizers.SGD(0.1))
out["kept"] = sorted(p.name for p in folder.glob("*.index"))
latest = tf.train.latest_checkpoint(str(folder))
out["latest"] = Path(latest).name
try:
    mod.inline(d, latest)
except Exception as e:
    out["numbered_error"] = f"{type(e).__name__}: {str(e)[:200]}"
out["numbered_diff"] = float(np.max(np.abs(c(x).numpy() - d(x).numpy())))
print(json.dumps(out))
