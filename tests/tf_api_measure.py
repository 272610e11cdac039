"""The whole TF1 API as a test of the ``tf-api`` rule (what tf_upgrade_v2's suite checks
of itself): every public name of ``tf.compat.v1``, written as TF1 code wrote it, is
rewritten to a name that exists in TensorFlow 2.21 and is the same object.

    python tests/tf_api_measure.py            # prints the figure and the misses

Run in two processes, one per Keras (``layers`` and ``nn.rnn_cell`` only exist with
tf-keras). The names are enumerated here by a walk of its own (``dir`` over the modules
of ``tf.compat.v1``), not by the table generator's: the test must not share its mistakes.
``tf.keras`` is documented as kept (TF2's Keras), so it is not counted.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
import types
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

# What "the same object" means is the table's own definition (the same object, or the
# same function under TensorFlow's decorators with the same signature); the names are
# enumerated here independently.
from rules.make_tf_api_table import equivalent, lookup  # noqa: E402

KERAS_BACKED = ("layers", "nn.rnn_cell")


def enumerate_names(legacy: bool) -> list[str]:
    import tensorflow as tf

    out: list[str] = []
    seen: set[int] = set()

    def visit(module, prefix: str, depth: int) -> None:
        for name in sorted(dir(module)):
            if name.startswith("_"):
                continue
            path = prefix + name
            if path in ("compat.v1", "compat.v2", "keras"):
                continue
            keras_backed = any(path == k or path.startswith(k + ".") or k.startswith(path + ".") for k in KERAS_BACKED)
            if keras_backed != legacy and not (legacy and path == "nn"):
                continue
            try:
                obj = getattr(module, name)
            except Exception:
                continue
            if not (legacy and path == "nn"):
                out.append(path)
            if isinstance(obj, types.ModuleType) and depth < 3 and id(obj) not in seen:
                mod_name = getattr(obj, "__name__", "")
                if "_api" in mod_name or "legacy" in mod_name or "tf_keras" in mod_name:
                    seen.add(id(obj))
                    visit(obj, path + ".", depth + 1)

    visit(tf.compat.v1, "", 0)
    return out


def check(legacy: bool) -> dict:
    """Rewrite ``x = tf.<name>`` for every name and compare, in this process."""
    import tensorflow as tf

    from codemod.pipeline import transform_text

    names = enumerate_names(legacy)
    source = "import tensorflow as tf\n" + "".join(f"x{i} = tf.{n}\n" for i, n in enumerate(names))
    out, _changes, warnings = transform_text(source, ["tf-api"])
    lines = out.splitlines()[1:]
    assert len(lines) == len(names), "one line per name, in order"
    misses: list[str] = []
    rewritten = 0
    for name, line in zip(names, lines):
        expr = line.split(" = ", 1)[1]
        if expr != f"tf.{name}":
            rewritten += 1
        try:
            got = eval(expr, {"tf": tf})
        except Exception as e:
            misses.append(f"tf.{name} → {expr}: {type(e).__name__}")
            continue
        want = lookup(tf.compat.v1, name)
        if not equivalent(got, want):
            misses.append(f"tf.{name} → {expr}: another object")
    # The import forms: ``from tensorflow.<module> import <name>`` for two-part names.
    pairs = [n.rsplit(".", 1) for n in names if n.count(".") == 1]
    source = "".join(f"from tensorflow.{m} import {a} as y{i}\n" for i, (m, a) in enumerate(pairs))
    out, _c, _w = transform_text(source, ["tf-api"])
    import_misses = []
    for (m, a), line in zip(pairs, out.splitlines()):
        scope: dict = {}
        try:
            exec(line, scope)
            got = next(v for k, v in scope.items() if k.startswith("y"))
        except Exception as e:
            import_misses.append(f"from tensorflow.{m} import {a} → {line}: {type(e).__name__}")
            continue
        if not equivalent(got, lookup(tf.compat.v1, f"{m}.{a}")):
            import_misses.append(f"from tensorflow.{m} import {a} → {line}: another object")
    return {"names": len(names), "rewritten": rewritten, "misses": misses, "warnings": len(warnings),
            "imports": len(pairs), "import_misses": import_misses}


def measure() -> dict:
    """Both halves, each in its own process; the figures added up."""
    total: dict = {"names": 0, "rewritten": 0, "misses": [], "warnings": 0, "imports": 0, "import_misses": []}
    for legacy in (False, True):
        env = {k: v for k, v in os.environ.items() if k != "TF_USE_LEGACY_KERAS"}
        env["TF_CPP_MIN_LOG_LEVEL"] = "3"
        if legacy:
            env["TF_USE_LEGACY_KERAS"] = "1"
        proc = subprocess.run([sys.executable, __file__, "--half", "legacy" if legacy else "default"],
                              capture_output=True, text=True, env=env, cwd=ROOT, timeout=900)
        assert proc.returncode == 0, proc.stderr[-3000:]
        half = json.loads(proc.stdout.strip().splitlines()[-1])
        for k, v in half.items():
            total[k] += v
    return total


if __name__ == "__main__":
    if sys.argv[1:2] == ["--half"]:
        print(json.dumps(check(sys.argv[2] == "legacy")))
        sys.exit(0)
    result = measure()
    ok = result["names"] - len(result["misses"])
    print(f"{ok}/{result['names']} names ({100 * ok / result['names']:.2f}%) exist in TF 2.21 as the same object "
          f"after the rewrite ({result['rewritten']} rewritten); import forms: "
          f"{result['imports'] - len(result['import_misses'])}/{result['imports']}")
    for m in result["misses"] + result["import_misses"]:
        print("  miss:", m)
