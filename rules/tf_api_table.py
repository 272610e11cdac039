"""The TF API table: what every TF1 API name is called in TensorFlow 2.21.

Generated from TensorFlow itself by ``python rules/make_tf_api_table.py`` into
``tf_api_table.json`` beside this file (never edit it by hand); a test fails when it is
stale. Read on first use, so the command line pays for it only when the ``tf-api`` rule
runs. Its parts:

- ``NAMES``: TF1 API path (``tf.<path>`` in TF1 code) → its TF2 path, ``""`` when it stays;
- ``MODULES``: the paths that are API modules (a member not listed does not exist);
- ``OPAQUE``: modules that are not API modules (``flags``): their members are not listed;
- ``LEGACY_KERAS``: paths that exist only with tf-keras and ``TF_USE_LEGACY_KERAS=1``;
- ``IMPORTABLE``: the modules ``import tensorflow.compat.v1.<path> as x`` imports whole;
- ``FROM_TF2``: kept names ``from tensorflow.<module> import <name>`` still imports;
- ``FROM_V1``: names ``from tensorflow.compat.v1.<module> import <name>`` imports as the TF1 object;
- ``TF2_CALLS``: v1 functions TF2 has another of under the same name → (positions,
  keywords, required): a call with at most that many positional arguments (they fill the
  keywords in order), only those keywords and all the required ones means the same in
  both (the v1-only parameters it leaves out are deprecated aliases);
- ``INTERNAL_ROOTS`` / ``INTERNAL_MODULES`` / ``INTERNAL_EMPTY_PACKAGES``: TensorFlow's
  own packages (``tensorflow.python``...), the modules they have, and the packages whose
  ``__init__`` defines nothing (importing a name from one finds only its submodules);
- ``TF_SLIM`` / ``TF_SLIM_PACKAGES`` / ``TF_SLIM_MODULES``: tf-slim's public names, its
  subpackages, and each of its modules with their public names;
- ``TFP``: TensorFlow Probability's modules where tf.contrib.distributions went
  (``distributions``, ``bijectors``, ``math``, ``stats``) → their public names;
- ``TF_VERSION`` / ``TF_SLIM_VERSION`` / ``TFP_VERSION``: the versions it was made from.
"""
from __future__ import annotations

import json
from pathlib import Path

_SETS = ("MODULES", "OPAQUE", "IMPORTABLE", "FROM_TF2", "FROM_V1", "INTERNAL_MODULES", "INTERNAL_EMPTY_PACKAGES",
         "TF_SLIM", "TF_SLIM_PACKAGES")


def _load() -> dict:
    data = json.loads((Path(__file__).resolve().parent / "tf_api_table.json").read_text(encoding="utf-8"))
    for key in _SETS:
        data[key] = frozenset(data[key])
    data["TF2_CALLS"] = {k: (v[0], tuple(v[1]), tuple(v[2])) for k, v in data["TF2_CALLS"].items()}
    data["TF_SLIM_MODULES"] = {k: frozenset(v) for k, v in data["TF_SLIM_MODULES"].items()}
    data["TFP"] = {k: frozenset(v) for k, v in data["TFP"].items()}
    data["LEGACY_KERAS"] = tuple(data["LEGACY_KERAS"])
    data["INTERNAL_ROOTS"] = tuple(data["INTERNAL_ROOTS"])
    return data


def __getattr__(name: str):
    if name.isupper():
        globals().update(_load())
        if name in globals():
            return globals()[name]
    raise AttributeError(name)
