"""golden/training-step/fetch_with_update's ``train_step`` (slim's: ``sess.run([train_op,
global_step])``) run twenty times on a tiny loss in a TF1 graph: DIR/before.py under TF1
behaviour (``tf1``), DIR/after.py (the whole pipeline's output) under plain TF 2.21
(``tf2``), and the same after the warning's advice, TF1's variables kept
(``advice``: ``disable_resource_variables()`` first). Prints JSON: the global steps the
runs fetched, and the step the variable holds at the end. (Twenty: under TF2 each read
happens before or after its run's update, in no set order, so one run says little.)

    fetch_order.py tf1|tf2|advice DIR
"""
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
    if side == "advice":
        v1.disable_resource_variables()
    module = load_module(folder / ("before.py" if side == "tf1" else "after.py"), "checked")
    with tf.Graph().as_default():
        global_step = v1.train.get_or_create_global_step()
        w = v1.get_variable("w", initializer=[1.0, 2.0])
        loss = tf.reduce_sum(w * w)
        train_op = v1.train.GradientDescentOptimizer(0.1).minimize(loss, global_step=global_step)
        with v1.Session() as sess:
            sess.run(v1.global_variables_initializer())
            fetched = [int(module.train_step(sess, train_op, global_step, None)[1]) for _ in range(20)]
            print(json.dumps({"fetched": fetched, "final": int(sess.run(global_step))}))


if __name__ == "__main__":
    main(sys.argv[1], Path(sys.argv[2]))
