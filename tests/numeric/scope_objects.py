"""Run each function of DIR/before.py and DIR/after.py (slim arg_scope code) in a TF1
graph on a [1, 8, 8, 3] placeholder; print, as JSON, per module and function, the
output's shape and what the scope object it returns holds ({op key: {keyword: repr}})."""
import inspect
import json
import sys
from pathlib import Path

import tensorflow as tf

from loading import load_module  # (this folder, on the script's path)


def _scope(obj):
    if obj is None:
        return None
    return {key: {k: repr(v) for k, v in sorted(kwargs.items())} for key, kwargs in sorted(obj.items())}


def main(folder: Path) -> None:
    out = {}
    for side in ("before", "after"):
        module = load_module(folder / f"{side}.py", side)
        results = {}
        for name, fn in inspect.getmembers(module, inspect.isfunction):
            if name.startswith("_") or fn.__module__ != module.__name__:
                continue
            with tf.Graph().as_default():
                x = tf.compat.v1.placeholder(tf.float32, [1, 8, 8, 3])
                net, scope = fn(x)
                results[name] = {"shape": net.shape.as_list(), "scope": _scope(scope)}
        out[side] = results
    print(json.dumps(out))


if __name__ == "__main__":
    main(Path(sys.argv[1]))
