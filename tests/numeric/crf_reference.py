"""A linear-chain CRF by its definitions, in NumPy: the reference the shim's
``tf1to2.contrib_crf`` is held to (``tests/shim/keras3_checks.py``) and real NER models
migrated onto it (``tests/test_real_packages.py``)."""
import itertools

import numpy as np


def crf_by_enumeration(unary, transitions, lengths, tags, bitmap=None):
    """A linear-chain CRF by its definitions, every tag sequence enumerated: per sequence,
    the log partition function, the given tags' score, the log-sum-exp over the sequences
    the bitmap allows (every one without it), the best sequence and its score, and each position's tag marginals
    (the log partition function's gradient by its unary potentials)."""
    unary, transitions = np.asarray(unary, "float64"), np.asarray(transitions, "float64")
    tags = np.asarray(tags)
    batch, steps, num_tags = unary.shape
    if bitmap is None:
        bitmap = np.ones(unary.shape, bool)
    out = {name: [] for name in ("log_norm", "score", "multitag", "best", "best_score")}
    marginals = np.zeros_like(unary, dtype="float64")
    for b in range(batch):
        length = int(lengths[b])
        if length <= 0:
            for name in ("log_norm", "score", "multitag"):
                out[name].append(0.0)
            out["best"].append(None)
            out["best_score"].append(None)
            continue
        paths = np.array(list(itertools.product(range(num_tags), repeat=length)))
        scores = np.array([unary[b, np.arange(length), p].sum() + transitions[p[:-1], p[1:]].sum() for p in paths],
                          dtype="float64")
        top = scores.max()
        log_norm = top + np.log(np.exp(scores - top).sum())
        allowed = np.array([bitmap[b, np.arange(length), p].all() for p in paths])
        out["log_norm"].append(log_norm)
        out["score"].append(unary[b, np.arange(length), tags[b, :length]].sum()
                            + transitions[tags[b, :length - 1], tags[b, 1:length]].sum())
        out["multitag"].append(top + np.log(np.exp(scores[allowed] - top).sum()))
        out["best"].append(paths[scores.argmax()])
        out["best_score"].append(top)
        probabilities = np.exp(scores - log_norm)
        for t in range(length):
            for k in range(num_tags):
                marginals[b, t, k] = probabilities[paths[:, t] == k].sum()
    return out, marginals
