"""OpenNMT-tf 1.25.3 (TF1: tf.contrib.seq2seq's attention, helpers, decoder and beam
search, v1 layers, TF1 RNN cells), from the tree ``migrate --write`` made of it, under
plain TF 2.21: every module imported, and its attentional RNN decoder (two LSTM layers,
Luong attention over a memory) run in the graph migrated code makes (``tf1to2.Graph()``)
for training (teacher forcing) and for beam search, its greedy decoding (beam width 1)
beside it. Prints JSON on its last line: the modules that failed to import (module →
error), the variables, the training logits' shape, and the beam and greedy ids.

    opennmt_decoders.py TREE
"""
import importlib
import json
import pathlib
import sys

import numpy as np


def main(tree: str) -> None:
    sys.path.insert(0, tree)
    failed = {}
    for path in sorted(pathlib.Path(tree, "opennmt").rglob("*.py")):
        name = ".".join(path.relative_to(tree).with_suffix("").parts).removesuffix(".__init__")
        try:
            importlib.import_module(name)
        except Exception as e:  # noqa: BLE001 - reported
            failed[name] = f"{type(e).__name__}: {e}"
    import tensorflow as tf
    import tf1to2
    from opennmt.decoders.rnn_decoder import AttentionalRNNDecoder

    v1 = tf.compat.v1
    rng = np.random.RandomState(0)
    out = {"failed": failed}
    with tf1to2.Graph().as_default():
        v1.set_random_seed(3)
        memory = tf.constant(rng.randn(2, 5, 8).astype("float32"))
        memory_lengths = tf.constant([5, 3])
        inputs = tf.constant(rng.randn(2, 4, 6).astype("float32"))
        embedding = tf.constant(rng.randn(10, 6).astype("float32"))
        decoder = AttentionalRNNDecoder(2, 8)
        with v1.variable_scope("decoder"):
            logits = decoder.decode(inputs, tf.constant([4, 2]), vocab_size=10, memory=memory,
                                    memory_sequence_length=memory_lengths)[0]
        searched = {}
        for width in (1, 3):
            with v1.variable_scope("decoder", reuse=True):
                searched[width] = decoder.dynamic_decode_and_search(
                    embedding, tf.constant([1, 1]), 2, vocab_size=10, beam_width=width, maximum_iterations=6,
                    memory=memory, memory_sequence_length=memory_lengths)[0]
        out["variables"] = sorted(v.op.name for v in v1.global_variables())
        with v1.Session() as sess:
            sess.run(v1.global_variables_initializer())
            got_logits, beams, greedy = sess.run([logits, searched[3], searched[1]])
    out.update(logits_shape=list(got_logits.shape), beams=np.asarray(beams).tolist(),
               greedy=np.asarray(greedy).tolist(), finite=bool(np.isfinite(got_logits).all()))
    print(json.dumps(out))


if __name__ == "__main__":
    main(sys.argv[1])
