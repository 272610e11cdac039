"""The rules as ``tf1to2 rules`` lists them (stage, id, summary), without importing them:
the listing must not pay for LibCST and the rules (``benchmarks/bench.py`` times it; goal
under 0.3 s). Each rule's class is where its summary is written; this is a copy, which
``tests/test_cli.py`` checks against the registry. After adding a rule or changing a
``summary``, ``python -m codemod.catalog`` writes this file again.
"""
from __future__ import annotations

import sys
from pathlib import Path

RULES: tuple[tuple[int, str, str], ...] = (
    (0, 'tf-api',
     'TF1 names TF 2.21 lacks → tf.compat.v1 / TF2 names (a table generated from TensorFlow); tf.contrib → tf_slim; shape[i].value'),
    (1, 'slim-arg-scope',
     'slim arg_scope settings written out at every call they govern; the emptied with goes'),
    (2, 'slim-to-layers',
     'slim layers → tf.compat.v1.layers, slim defaults written out, normalizer/activation split'),
    (3, 'wrap-in-layer',
     'TF1 model functions → Keras layers with a track_tf1_style_variables call; Keras layers making TF1 variables in build/call get the decorator'),
    (4, 'layers-to-attributes',
     'functional v1.layers calls in a decorated forward pass → layer objects built in __init__'),
    (5, 'keras-layers',
     'v1 layer objects held as attributes → tf.keras.layers, record_scope keeps later names'),
    (6, 'optimizers',
     'tf.compat.v1.train optimizers → tf.keras.optimizers, TF1 defaults made explicit'),
    (7, 'v1-layers-shim',
     'tf.compat.v1.layers calls and layer objects left by earlier stages → tf1to2.layers; TF1 RNN cells → tf1to2.rnn_cell (they run on Keras 3)'),
    (8, 'native-keras',
     'get_variable / tf.Variable → add_weight in build, get_or_create_layer → attributes made in __init__; decorator and variable scopes dropped once no TF1 code is left'),
    (9, 'training-step',
     "eager training steps: UPDATE_OPS dependencies dropped, collection reads → the model's losses/variables, Saver → Checkpoint, tf.contrib.summary → tf.summary"),
    (10, 'tf-hub',
     'hub.Module (gone from tensorflow_hub 0.16) → hub.load + signatures; TF1 Hub format APIs warned'),
)


def source() -> str:
    """This module's text, its ``RULES`` as the registry makes them."""
    import rules

    text = Path(__file__).read_text(encoding="utf-8")
    start = text.index("RULES: ")
    end = text.index("\n)\n", start) + 3
    entries = "".join(f"    ({c.stage}, {c.id!r},\n     {c.summary!r}),\n" for c in rules.REGISTRY)
    return f"{text[:start]}RULES: tuple[tuple[int, str, str], ...] = (\n{entries})\n{text[end:]}"


if __name__ == "__main__":
    Path(__file__).write_text(source(), encoding="utf-8")
    sys.stdout.write(f"wrote {__file__}\n")
