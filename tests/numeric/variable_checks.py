"""The functions of DIR/before.py (``tf1``: under TF1 behaviour, tf-keras, as TF1 ran
them) or DIR/after.py (``tf2``: plain TF 2.21) applied to variables made every way and
to a tensor, in a graph; prints JSON {function: [answers]}.

    variable_checks.py tf1|tf2 DIR
"""
import importlib.util
import inspect
import json
import sys
from pathlib import Path


def main(side: str, folder: Path) -> None:
    if side == "tf1":
        spec = importlib.util.spec_from_file_location("real_models", Path(__file__).parent / "real_models.py")
        env = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(env)
        env._tf1_environment()
    import tensorflow as tf
    v1 = tf.compat.v1
    spec = importlib.util.spec_from_file_location("checked", folder / ("before.py" if side == "tf1" else "after.py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
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
