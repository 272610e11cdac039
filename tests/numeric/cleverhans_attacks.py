"""cleverhans 3.0.1's attacks on a model of its own zoo (``ModelAllConvolutional``: v1
layers in a variable scope), its weights set from a fixed seed, each attack run through
its own ``generate_np`` (the graph it builds, its Session, feeds): the original tree under
TF1 behaviour (``tf1``), the tree ``migrate --write`` made of it under plain TF 2.21 in
the graph migrated code makes (``tf2``: ``tf1to2.Graph()``, what tf-api writes for
``tf.Graph()``), and the migrated tree in TF2's own ``tf.Graph`` (``tf2_graph``: what
migrated code ran in before). Prints JSON on its last line: the inputs, the logits, and
each attack's adversarial examples.

    cleverhans_attacks.py tf1|tf2|tf2_graph TREE
"""
import json
import sys

import numpy as np

import real_models  # (this folder, on the script's path)

# each attack, as few iterations as show it: the gradient-sign ones, DeepFool (its
# gradients per class in a Python loop), and SPSA (random perturbations and its own Adam
# in a tf.while_loop). (Carlini-Wagner and elastic net find no example on this model in
# any budget tried, and return their inputs: nothing to compare.)
ATTACKS = (
    ("fgsm", "FastGradientMethod", dict(eps=0.1, clip_min=0., clip_max=1.)),
    ("pgd", "ProjectedGradientDescent", dict(eps=0.2, eps_iter=0.05, nb_iter=5, rand_init=0.0)),
    ("mim", "MomentumIterativeMethod", dict(eps=0.2, eps_iter=0.05, nb_iter=5)),
    ("deepfool", "DeepFool", dict(nb_candidate=3, max_iter=5, clip_min=0., clip_max=1.)),
    ("spsa", "SPSA", dict(eps=0.1, nb_iter=2, spsa_samples=8, spsa_iters=1, clip_min=0., clip_max=1.)),
)


def main(side: str, tree: str) -> None:
    if side == "tf1":
        real_models._tf1_environment()
    import tensorflow as tf
    v1 = tf.compat.v1 if side != "tf1" else tf
    if side == "tf2":
        import tf1to2
        graph = tf1to2.Graph()
    else:
        graph = tf.Graph()
    sys.path.insert(0, tree)
    from cleverhans import attacks
    from cleverhans.model_zoo.all_convolutional import ModelAllConvolutional

    rng = np.random.RandomState(0)
    xs = rng.rand(4, 8, 8, 1).astype(np.float32)
    out = {"inputs": xs.astype(np.float64).tolist()}
    with graph.as_default():
        v1.set_random_seed(0)  # SPSA's perturbations
        model = ModelAllConvolutional("model", 3, 4, [8, 8, 1])
        sess = v1.Session()
        sess.run(v1.global_variables_initializer())
        for v in sorted(v1.global_variables(), key=lambda v: v.name):
            v.load(rng.randn(*v.shape.as_list()).astype(np.float32) * 0.3, sess)
        x = v1.placeholder(tf.float32, [None, 8, 8, 1])
        out["logits"] = sess.run(model.get_logits(x), {x: xs}).tolist()
        for name, cls, kwargs in ATTACKS:
            attack = getattr(attacks, cls)(model, sess=sess)
            if name == "spsa":  # one example at a time, with its label
                adv = np.concatenate([attack.generate_np(xs[i:i + 1], y=np.array([0], np.int32), **kwargs)
                                      for i in range(2)])
            else:
                adv = attack.generate_np(xs, **kwargs)
            out[name] = adv.astype(np.float64).tolist()
    print(json.dumps(out))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
