"""Build golden ``slim-arg-scope/code_it_cannot_follow``'s functions from DIR/before.py and
DIR/after.py in TF1 graphs, the code they call being slim batch norms (handed in, made
by a stand-in ``nets_factory``, an object's method, a method of the class) or slim's own
ResNet blocks; print, as JSON, per side and function, how many moving-average updates the
graph got (none where the scope's is_training=False reaches the batch norms) and the
output on fixed inputs (weights fixed by a graph seed where there are convolutions)."""
import json
import sys
import types
from pathlib import Path

import numpy as np
import tensorflow as tf
import tf_slim as slim
from tf_slim.nets import resnet_v1

from loading import alias_slim_batch_norm, load_module  # (this folder, on the script's path)

alias_slim_batch_norm()


def bn(x):
    return slim.batch_norm(x, scope="bn")


def _factory():
    module = types.ModuleType("nets_factory")
    module.get_network_fn = lambda name: (lambda x: (bn(x), None))
    module.networks_map = {"resnet_v1_50": bn}
    sys.modules["nets_factory"] = module


CASES = {
    "handed_in": lambda m, x: m.handed_in(x, bn),
    "made_at_run_time": lambda m, x: m.made_at_run_time(x),
    "looked_up": lambda m, x: m.looked_up(x),
    "an_objects_method": lambda m, x: m.an_objects_method(x, types.SimpleNamespace(build=bn)),
    "slims_own_nets": lambda m, x: m.slims_own_nets(
        x, [resnet_v1.resnet_v1_block("block1", base_depth=2, num_units=1, stride=1)]),
    "through_a_method": lambda m, x: m.Tower(bn).through_a_method(x),
    "through_an_attribute": lambda m, x: m.Tower(bn).through_an_attribute(x),
    "only_data": lambda m, x: m.Tower(bn).only_data(x),
    "only_what_builds_nothing": lambda m, x: m.only_what_builds_nothing(x),
}


def main(folder: Path) -> None:
    _factory()
    inputs = np.random.RandomState(0).uniform(-1.0, 3.0, (2, 6, 6, 3)).astype(np.float32)
    out = {}
    for side in ("before", "after"):
        module = load_module(folder / f"{side}.py", side)
        results = {}
        for name, build in CASES.items():
            with tf.Graph().as_default():
                tf.compat.v1.set_random_seed(1)
                x = tf.constant(inputs)
                y = build(module, x)
                updates = len(tf.compat.v1.get_collection(tf.compat.v1.GraphKeys.UPDATE_OPS))
                with tf.compat.v1.Session() as sess:
                    sess.run(tf.compat.v1.global_variables_initializer())
                    value = sess.run(y)
            results[name] = {"updates": updates, "shape": list(value.shape),
                             "sum": float(np.sum(value)), "max": float(np.max(np.abs(value)))}
        out[side] = results
    print(json.dumps(out))


if __name__ == "__main__":
    main(Path(sys.argv[1]))
