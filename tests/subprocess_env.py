"""What the numeric tests' subprocesses share: the environment of one Keras or the
other, and TF1 references built once and reused by both Kerases' checks."""
from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import Callable, Hashable

ROOT = Path(__file__).resolve().parent.parent


def keras_env(legacy: bool = False, *paths: Path) -> dict:
    """``os.environ`` for a subprocess on Keras 3 (``TF_USE_LEGACY_KERAS`` unset) or, with
    ``legacy``, on tf-keras; TensorFlow's logs quiet, no GPU, the repository (and
    ``paths``) importable."""
    env = {k: v for k, v in os.environ.items() if k != "TF_USE_LEGACY_KERAS"}
    env.update(TF_CPP_MIN_LOG_LEVEL="3", CUDA_VISIBLE_DEVICES="",
               PYTHONPATH=os.pathsep.join(str(p) for p in (ROOT, *paths)))
    if legacy:
        env["TF_USE_LEGACY_KERAS"] = "1"
    return env


class References:
    """TF1 references (the files ``names`` a build writes into a work folder) built once per
    key, and copied into the folder of every later check of that key: the original does
    not depend on the Keras the migrated side runs on."""

    def __init__(self, *names: str) -> None:
        self.names = names
        self.built: dict = {}  # key → the folder it was built in

    def into(self, key: Hashable, work: Path, build: Callable[[], None]) -> None:
        done = self.built.get(key)
        if done is None:
            build()
            self.built[key] = work
            return
        for name in self.names:
            (shutil.copytree if (done / name).is_dir() else shutil.copy)(done / name, work / name)
