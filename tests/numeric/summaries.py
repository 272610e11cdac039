"""golden/training-step/contrib_summaries' ``train()`` before and after the rewrite, each
writing its events, read back into one JSON per side. Invoked by tests/test_summaries.py,
one process per side:

    summaries.py tf1 WORK   # before.py, tf.contrib.summary being what it was in TF1:
                            # tensorflow.python.ops.summary_ops_v2 (TF1's contrib module
                            # re-exported it; TensorFlow 2.21 still has its functions)
    summaries.py tf2 WORK   # WORK/after.py (tensorboard 2.21 on PYTHONPATH: TF2's summary ops are its)

Each event is read as numbers: a scalar's value; a histogram's count, min and max (TF1
wrote a HistogramProto, TF2 writes 30 buckets as a tensor); an image's and a sound's
decoded pixels / samples (TF1 wrote encoded images and sounds, TF2 writes them in tensors)."""
from __future__ import annotations

import glob
import json
import os
import sys
import types
from pathlib import Path

import numpy as np

from loading import load_module  # (this folder, on the script's path)

STEPS = 4


def _events(logdir: Path, tf) -> dict:
    out: dict = {}
    for path in sorted(glob.glob(str(logdir / "*"))):
        for event in tf.compat.v1.train.summary_iterator(path):
            for v in event.summary.value:
                out.setdefault(v.tag, {})[str(event.step)] = _read(v, tf)
    return out


def _read(v, tf):
    kind = v.WhichOneof("value")
    plugin = v.metadata.plugin_data.plugin_name
    if kind == "simple_value":
        return {"scalar": float(v.simple_value)}
    if kind == "histo":
        return {"count": float(v.histo.num), "min": float(v.histo.min), "max": float(v.histo.max)}
    if kind == "image":
        return {"images": [tf.io.decode_png(v.image.encoded_image_string).numpy().tolist()]}
    if kind == "audio":
        return {"sounds": [tf.audio.decode_wav(v.audio.encoded_audio_string).audio.numpy().tolist()]}
    t = tf.make_ndarray(v.tensor)
    if plugin == "scalars":
        return {"scalar": float(t)}
    if plugin == "histograms":
        return {"count": float(t[:, 2].sum()), "min": float(t[:, 0].min()), "max": float(t[:, 1].max())}
    if plugin == "images":
        return {"images": [tf.io.decode_png(png).numpy().tolist() for png in t[2:]]}
    if plugin == "audio":
        return {"sounds": [tf.audio.decode_wav(wav).audio.numpy().tolist() for wav in t[:, 0]]}
    return {"unread": plugin or kind}


def main(side: str, work: Path) -> None:
    logdir = work / side
    os.environ["SUMMARY_LOGDIR"] = str(logdir)
    import tensorflow as tf
    if side == "tf1":
        from tensorflow.python.ops import summary_ops_v2
        tf.contrib = types.SimpleNamespace(summary=summary_ops_v2)
    mod = load_module(work / ("before.py" if side == "tf1" else "after.py"), f"summaries_{side}")
    mod.train(STEPS)
    (work / f"{side}.json").write_text(json.dumps(_events(logdir, tf)), encoding="utf-8")


if __name__ == "__main__":
    main(sys.argv[1], Path(sys.argv[2]))
