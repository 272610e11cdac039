"""A file loaded as a module, for the numeric scripts (each runs as a script, so this
folder is on its import path: ``from loading import load_module``)."""
from __future__ import annotations

import contextlib
import importlib
import importlib.util
import sys
from pathlib import Path
from typing import Union


def load_module(path: Union[str, Path], name: str):
    """The module ``path`` holds, run and registered as ``name`` (so that what it defines
    can be found by its module's name, as pickling and ``tf_slim``'s aliases need)."""
    spec = importlib.util.spec_from_file_location(name, path)
    mod = importlib.util.module_from_spec(spec)
    sys.modules[name] = mod
    spec.loader.exec_module(mod)
    return mod


def alias_slim_batch_norm() -> None:
    """TF 2.21 imports ``tf_keras.legacy_tf_layers.normalization`` lazily for slim's
    batch_norm; tf-keras 2.21 ships it under ``tf_keras.src.legacy_tf_layers``."""
    real = importlib.import_module("tf_keras.src.legacy_tf_layers.normalization")
    sys.modules.setdefault("tf_keras.legacy_tf_layers.normalization", real)


def load_values(sess, values: dict) -> None:
    """Every ``variable: value`` of ``values`` set in one ``sess.run``: each variable's
    initializer with its initial value fed, which is what ``Variable.load`` runs for one.
    One run instead of one per variable: on a net of hundreds of variables each run
    prunes the whole graph again, and those runs were most of a TF1 build's time."""
    if values:
        sess.run([v.initializer for v in values],
                 feed_dict={v.initializer.inputs[1]: value for v, value in values.items()})


@contextlib.contextmanager
def failure_kept(path: Path):
    """One case of a batch run in one process: what it raises is written to ``path`` (a
    traceback, which that case's own check reports) and the batch goes on to the next."""
    import traceback

    try:
        yield
    except Exception:  # noqa: BLE001 - reported by the case's own check
        path.write_text(traceback.format_exc())
