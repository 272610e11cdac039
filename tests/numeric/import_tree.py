"""Imports every module of a package tree, one after another in this process, and prints
a JSON line: module → "ok", or the failure with the innermost frame inside the tree.

    import_tree.py ROOT PACKAGE

Run by tests/test_real_packages.py under plain TensorFlow 2.21 (no TF_USE_LEGACY_KERAS).
"""
from __future__ import annotations

import importlib
import json
import os
import sys
import traceback
import warnings


def main(root: str, package: str) -> None:
    root = os.path.abspath(root)
    sys.path.insert(0, root)
    warnings.simplefilter("ignore")
    results: dict = {}
    for folder, _dirs, files in sorted(os.walk(os.path.join(root, package))):
        for f in sorted(files):
            if not f.endswith(".py"):
                continue
            rel = os.path.relpath(os.path.join(folder, f), root)[:-3].replace(os.sep, ".")
            if rel.endswith(".__init__"):
                rel = rel[: -len(".__init__")]
            try:
                importlib.import_module(rel)
                results[rel] = {"ok": True}
            except BaseException as e:  # noqa: BLE001 - SystemExit from scripts too
                frame = None
                for fs in traceback.extract_tb(e.__traceback__):
                    if os.path.abspath(fs.filename).startswith(root + os.sep):
                        frame = (os.path.relpath(fs.filename, root), fs.lineno)
                results[rel] = {"ok": False, "type": type(e).__name__, "message": str(e)[:300],
                                "missing": getattr(e, "name", None), "frame": frame}
    print(json.dumps(results))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
