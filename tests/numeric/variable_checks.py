"""The functions of DIR/before.py (``tf1``: under TF1 behaviour, tf-keras, as TF1 ran
them) or DIR/after.py (``tf2``: plain TF 2.21) applied to variables made every way and
to a tensor, in a graph; prints JSON {function: [answers]}.

    variable_checks.py tf1|tf2 DIR
"""
import inspect
import json
import sys
from pathlib import Path

import real_models  # (this folder, on the script's path)
from loading import load_module


def main(side: str, folder: Path) -> None:
    if side == "tf1":
        real_models._tf1_environment()
    import tensorflow as tf
    v1 = tf.compat.v1
    module = load_module(folder / ("before.py" if side == "tf1" else "after.py"), "checked")
    found = {}
    with tf.Graph().as_default():
        # (not a resource variable made under TF1 behaviour: TF 1.15's ResourceVariable was
        # a tf.compat.v1.Variable, TF 2.21's, which the reference side runs on, is not)
        values = [v1.Variable(1.0), v1.get_variable("w", [2]), module.make(2.0), v1.constant(1.0)]
        for name, fn in inspect.getmembers(module, inspect.isfunction):
            if name.startswith("is_"):
                found[name] = [bool(fn(v)) for v in values]
    print(json.dumps(found))


if __name__ == "__main__":
    main(sys.argv[1], Path(sys.argv[2]))
