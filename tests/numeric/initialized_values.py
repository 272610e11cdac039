"""golden/tf-api/initialized_value's functions, from DIR/before.py (``tf1``: under TF1
behaviour, as TF1 ran them; ``unmigrated``: the same file under plain TF 2.21) or
DIR/after.py (``tf2``: plain TF 2.21), run in a graph with every variable initialized
at once: prints JSON {what: whether the variable made from another's
initialized_value() holds that variable's value}, or {"error": ...}.

    initialized_values.py tf1|tf2|unmigrated DIR
"""
import json
import sys
from pathlib import Path

import numpy as np

import real_models  # (this folder, on the script's path)
from loading import load_module


def main(side: str, folder: Path) -> None:
    if side == "tf1":
        real_models._tf1_environment()
    import tensorflow as tf
    v1 = tf.compat.v1
    module = load_module(folder / ("after.py" if side == "tf2" else "before.py"), "checked")
    with tf.Graph().as_default():
        try:
            means, ema_means, copy = module.codebook(3, 2)
            with v1.variable_scope("held"):
                held = module.Bottleneck(means)
            listed = module.from_list([means, ema_means])
        except NotImplementedError as e:
            print(json.dumps({"error": f"NotImplementedError {e}"}))
            return
        (inner,) = [v for v in v1.global_variables() if v.name == "vq/inner:0"]
        with v1.Session() as sess:
            sess.run(v1.global_variables_initializer())
            m, e, c, i, h, lst = sess.run([means, ema_means, copy, inner, held.ema, listed])
    found = {"ema_means is means[0]": bool(np.array_equal(e, m[0])),
             "copy is inner * 2": bool(np.array_equal(c, i * 2.0)),
             "held ema is means": bool(np.array_equal(h, m)),
             "listed are the values": bool(np.array_equal(lst[0], m) and np.array_equal(lst[1], e)),
             "means is not zero": bool(np.abs(m).max() > 0)}
    print(json.dumps(found))


if __name__ == "__main__":
    main(sys.argv[1], Path(sys.argv[2]))
