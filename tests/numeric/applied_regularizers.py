"""golden/slim-to-layers/applied_regularizers's penalties, from DIR/before.py (``tf1``:
under TF1 behaviour, slim's regularizers on TF1's reference variables) or DIR/after.py
(``tf2_graph``: plain TF 2.21 with TF1 behaviour turned on at the entry point, as the
overview's ``disable_v2_behavior()`` does, so reference variables too; ``tf2``: plain TF
2.21, eager, on resource variables); ``keras_applied``: a Keras regularizer called on a
reference variable, the rule's former output. Prints JSON {penalty: value} or
{"error": ...}.

    applied_regularizers.py tf1|tf2_graph|tf2|keras_applied DIR
"""
import json
import sys
from pathlib import Path

import numpy as np

import real_models  # (this folder, on the script's path)
from loading import load_module

VALUES = [np.linspace(-1.0, 1.0, 12, dtype=np.float32).reshape(3, 4) * (i + 1) for i in range(3)]


def main(side: str, folder: Path) -> None:
    if side == "tf1":
        real_models._tf1_environment()
    import tensorflow as tf

    v1 = tf.compat.v1
    if side in ("tf2_graph", "keras_applied"):
        v1.disable_v2_behavior()
    module = load_module(folder / ("before.py" if side == "tf1" else "after.py"), "checked")
    if side == "tf2":
        params = [tf.Variable(v) for v in VALUES]
        found = {"reconstruction": float(module.reconstruction_penalty(params, 0.3)),
                 "scaled": float(module.scaled_penalty(params[0], 0.25))}
        print(json.dumps(found))
        return
    params = [v1.get_variable(f"w{i}", initializer=v) for i, v in enumerate(VALUES)]
    try:
        if side == "keras_applied":
            penalties = {"reconstruction": tf.keras.regularizers.l2(0.15)(params[0])}
        else:
            penalties = {"reconstruction": module.reconstruction_penalty(params, 0.3),
                         "scaled": module.scaled_penalty(params[0], 0.25)}
    except ValueError as e:
        print(json.dumps({"error": str(e)}))
        return
    with v1.Session() as sess:
        sess.run(v1.global_variables_initializer())
        print(json.dumps({k: float(v) for k, v in sess.run(penalties).items()}))


if __name__ == "__main__":
    main(sys.argv[1], Path(sys.argv[2]))
