"""dopamine 2.0.5's three Atari networks (``discrete_domains/atari_lib.py``: slim layers
with no scope=, three conv2d and two or three fully_connected each), original against
migrated. Invoked by tests/test_real_packages.py in subprocesses:

    dopamine_networks.py tf1 TREE OUT.npz            # the original, TF1 behaviour, a TF1 graph
    dopamine_networks.py tf2 TREE OUT.npz NAMES.json # the migrated Keras layers, eager, Keras 3

Every variable is seeded by its TF1 name (the migrated side reads the run's name map back,
``Conv/kernel`` → ``Conv/weights``) and recorded with its shape; the outputs are saved.
The implicit-quantile network draws its quantiles at random: both sides draw the same
fixed values instead (its ``tf.random_uniform`` / ``tf.random.uniform`` replaced here).
``atari_py`` (the emulator, which the networks never touch) is an empty module.
"""
from __future__ import annotations

import collections
import importlib
import json
import sys
import types
from pathlib import Path

import numpy as np

from real_models import _value  # (this folder, on the script's path): every variable's value by its TF1 name

NT = collections.namedtuple("nt", ["q_values"])
RT = collections.namedtuple("rt", ["q_values", "logits", "probabilities"])
IT = collections.namedtuple("it", ["quantile_values", "quantiles"])
SUPPORT = np.linspace(-1, 1, 5).astype(np.float32)
# key → (the function, the class the migration made of it, its arguments)
NETS = {"nature": ("nature_dqn_network", "NatureDqnNetwork", dict(num_actions=4, network_type=NT)),
        "rainbow": ("rainbow_network", "RainbowNetwork",
                    dict(num_actions=4, num_atoms=5, support=SUPPORT, network_type=RT)),
        "iqn": ("implicit_quantile_network", "ImplicitQuantileNetwork",
                dict(num_actions=4, quantile_embedding_dim=8, network_type=IT, num_quantiles=3))}
STATE = np.random.default_rng(3).integers(0, 255, size=(2, 84, 84, 4)).astype(np.uint8)


def _fixed_uniform(tf):
    def uniform(shape, minval=0, maxval=1, dtype=None, **_):
        return tf.constant(np.random.default_rng(7).uniform(minval, maxval, size=shape).astype(np.float32))
    return uniform


def tf1(tree: Path) -> dict:
    import real_models

    v1 = real_models._tf1_environment()
    real_models._bare_packages(tree, ["dopamine.discrete_domains.atari_lib"])
    lib = importlib.import_module("dopamine.discrete_domains.atari_lib")
    v1.random_uniform = _fixed_uniform(v1)
    out = {}
    for key, (function, _cls, kwargs) in NETS.items():
        graph = v1.Graph()
        with graph.as_default():
            with v1.variable_scope("Online"):
                y = getattr(lib, function)(state=v1.constant(STATE), **kwargs)[0]
            with v1.Session(graph=graph) as sess:
                sess.run(v1.global_variables_initializer())
                for v in v1.global_variables():
                    v.load(_value(v.op.name, v.shape.as_list()), sess)
                    out[f"{key}:var:{v.op.name}"] = np.asarray(v.shape.as_list())
                out[f"{key}:out"] = sess.run(y)
    return out


def tf2(tree: Path, names: Path) -> dict:
    import tensorflow as tf

    import tf1to2

    lib = importlib.import_module("dopamine.discrete_domains.atari_lib")
    tf.random.uniform = _fixed_uniform(tf)
    back = {new: old for old, new in json.loads(names.read_text()).items()}
    out = {}
    for key, (_function, cls, kwargs) in NETS.items():
        layer = getattr(lib, cls)(name="Online", **kwargs)
        layer(tf.constant(STATE))
        for name, var in tf1to2.tf1_variables(layer).items():
            old = "Online/" + back.get(name, name)
            var.assign(_value(old, var.shape.as_list()))
            out[f"{key}:var:{old}"] = np.asarray(var.shape.as_list())
        out[f"{key}:out"] = layer(tf.constant(STATE))[0].numpy()
    return out


if __name__ == "__main__":
    sys.modules["atari_py"] = types.ModuleType("atari_py")
    side, tree = sys.argv[1], Path(sys.argv[2])
    sys.path.insert(0, str(tree))
    result = tf1(tree) if side == "tf1" else tf2(tree, Path(sys.argv[4]))
    np.savez(sys.argv[3], **result)
