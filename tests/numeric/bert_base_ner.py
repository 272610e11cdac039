"""bert-base 0.0.9's NER model (BERT, then its ``BLSTM_CRF``: a projection and
``tf.contrib.crf``'s log-likelihood and decoding), from the tree ``migrate --write`` made
of it, under plain TF 2.21 in the graph migrated code makes (``tf1to2.Graph()``): a tiny
BERT config, token ids padded with 0 (the model's own lengths), labels, weights from the
graph's seed. The original cannot run anywhere TensorFlow 2 does (tf.contrib); the test
holds the numbers printed here to the CRF's definitions. Prints JSON on its last line:
the variables, the lengths, labels, logits and transitions the model ran on, its loss and
decoded tags (``create_model``, BERT + CRF), the same for ``BLSTM_CRF`` with its
bidirectional LSTM, and the CRF loss over three steps of gradient descent.

    bert_base_ner.py TREE
"""
import json
import sys

import numpy as np


def main(tree: str) -> None:
    sys.path.insert(0, tree)
    import tensorflow as tf
    import tf1to2
    import tf_slim
    from bert_base.bert import modeling
    from bert_base.train import models
    from bert_base.train.lstm_crf_layer import BLSTM_CRF

    v1 = tf.compat.v1
    ids = np.array([[5, 9, 3, 7, 2, 8], [4, 4, 6, 1, 0, 0], [3, 2, 0, 0, 0, 0], [7, 0, 0, 0, 0, 0]], "int32")
    labels = np.random.RandomState(3).randint(0, 4, ids.shape).astype("int32")
    out = {"ids": ids.tolist(), "labels": labels.tolist()}
    config = modeling.BertConfig(vocab_size=12, hidden_size=8, num_hidden_layers=1, num_attention_heads=2,
                                 intermediate_size=16, max_position_embeddings=16)
    with tf1to2.Graph().as_default():
        v1.set_random_seed(7)
        loss, logits, trans, pred_ids = models.create_model(
            config, False, v1.constant(ids), v1.constant((ids > 0).astype("int32")), v1.zeros_like(ids),
            v1.constant(labels), 4, True)
        with v1.variable_scope("blstm"):
            tagger = BLSTM_CRF(embedded_chars=v1.random_normal([4, 6, 5], seed=1), hidden_unit=3, cell_type="lstm",
                               num_layers=1, dropout_rate=None, initializers=tf_slim.layers.initializers,
                               num_labels=4, seq_length=6, labels=v1.constant(labels),
                               lengths=v1.constant([6, 4, 2, 1]), is_training=False)
            blstm = tagger.add_blstm_crf_layer(crf_only=False)
        step = v1.train.GradientDescentOptimizer(0.5).minimize(loss)
        out["variables"] = sorted(v.name for v in v1.global_variables())
        with v1.Session() as sess:
            sess.run(v1.global_variables_initializer())
            for key, values in (("bert", (loss, logits, trans, pred_ids)), ("blstm", blstm)):
                out[key] = dict(zip(("loss", "logits", "trans", "pred_ids"),
                                    (np.asarray(v).tolist() for v in sess.run(values))))
            out["losses"] = [float(sess.run(step) or sess.run(loss)) for _ in range(3)]
    print(json.dumps(out))


if __name__ == "__main__":
    main(sys.argv[1])
