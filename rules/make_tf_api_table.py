"""Writes ``rules/tf_api_table.json`` (read by ``rules/tf_api_table.py``): what every TF1
API name is called in TensorFlow 2.21.

    python rules/make_tf_api_table.py            # rewrite the table
    python rules/make_tf_api_table.py --check    # exit 1 when the committed one is stale

TF1 code spells the v1 API as ``tf.<path>``; in TensorFlow 2.21 that API lives on as
``tf.compat.v1.<path>``. For every public path of ``tf.compat.v1`` (walked recursively
through its API modules) this introspects TensorFlow itself and records:

- ``""`` when ``tf.<path>`` in TF2 is the very same object (or the same function under
  TensorFlow's dispatch / deprecation decorators, with the same signature): it stays;
- a TF2 path (``math.log``) when TF2 exports the very same object under another public
  name that ``tf.compat.v1`` has too, so a second run keeps it (the candidate with the
  same last component wins, then non-experimental, then the shortest);
- ``compat.v1.<path>`` otherwise: the name is gone from TF2, or means something else
  there (``argmax``, ``Variable``, ``nn.conv2d``, ``train.Checkpoint``).

The Keras-backed parts of the v1 API (``layers``, ``nn.rnn_cell``) only exist with
tf-keras and ``TF_USE_LEGACY_KERAS=1``; they are walked in a subprocess that sets it.
``keras`` itself is not renamed (``tf.keras`` is TF2's Keras). The rule never imports
TensorFlow: it reads the committed table (JSON: it loads in milliseconds where a Python
module of the same data takes a third of a second to compile without a bytecode cache).
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
import types
from pathlib import Path

TABLE = Path(__file__).resolve().parent / "tf_api_table.json"

# v1 paths walked in the tf-keras subprocess (lazy Keras loaders under Keras 3).
LEGACY_KERAS = ("layers", "nn.rnn_cell")
# Not walked: cycles back into the API, or TF2's own Keras (kept as it is).
NOT_WALKED = {"compat.v1", "compat.v2", "keras"}
# TF2 namespaces never offered as the new spelling of a TF1 name.
NOT_TARGETS = ("compat", "keras", "raw_ops", "__internal__", "__operators__")


def _public(module) -> list[str]:
    try:
        names = dir(module)
    except Exception:
        return []
    return sorted(n for n in names if not n.startswith("_"))


def _is_api_module(obj) -> bool:
    """A module of TensorFlow's generated API (its members are the API): walked."""
    if not isinstance(obj, types.ModuleType):
        return False
    try:
        name = getattr(obj, "__name__")  # a lazy loader loads here
    except Exception:
        return False
    return name.startswith(("tensorflow._api.", "tf_keras.api.", "keras._tf_keras", "tensorflow.compat"))


def walk(root, skip=(), only=None) -> dict[str, object]:
    """Every public path under ``root`` (``"train.AdamOptimizer"`` → object)."""
    out: dict[str, object] = {}

    def visit(module, prefix: str, stack: tuple) -> None:
        for name in _public(module):
            path = prefix + name
            if path in skip:
                continue
            if only is not None and not any(path == o or path.startswith(o + ".") or o.startswith(path + ".") for o in only):
                continue
            try:
                obj = getattr(module, name)
            except Exception:
                continue
            out[path] = obj
            if _is_api_module(obj) and id(obj) not in stack and len(stack) < 5:
                visit(obj, path + ".", stack + (id(obj),))

    visit(root, "", (id(root),))
    return out


def _identity_searchable(obj) -> bool:
    """Objects whose identity means something: not ints, strings, None (cached and shared)."""
    return not isinstance(obj, (int, float, str, bytes, bool, tuple, frozenset, type(None)))


def _rank(v1_path: str, tf2_path: str) -> tuple:
    parts = tf2_path.split(".")
    return (parts[-1] != v1_path.split(".")[-1], "experimental" in parts, len(parts), tf2_path)


def lookup(root, path: str):
    obj = root
    for part in path.split("."):
        obj = getattr(obj, part)
    return obj


def _core(obj):
    """The function under TensorFlow's decorators (dispatch, deprecation wrappers):
    ``tf.compat.v1.math.log`` is the bare op, ``tf.math.log`` the same op behind TF2's
    dispatch wrapper. Anything else is itself."""
    if not callable(obj) or isinstance(obj, type):
        return obj
    try:
        from tensorflow.python.util import tf_decorator

        return tf_decorator.unwrap(obj)[1]
    except Exception:
        return obj


def equivalent(a, b) -> bool:
    """The same object, or the same function under TensorFlow's decorators with the same
    signature."""
    if a is b:
        return True
    if not callable(a) or isinstance(a, type) or _core(a) is not _core(b):
        return False
    import inspect

    try:
        return str(inspect.signature(a)) == str(inspect.signature(b))
    except (TypeError, ValueError):
        return False


def _same(root, path: str, obj) -> bool:
    try:
        return equivalent(lookup(root, path), obj)
    except Exception:
        return False


def table_default() -> dict:
    import tensorflow as tf

    v1 = walk(tf.compat.v1, skip=NOT_WALKED | set(LEGACY_KERAS))
    tf2 = walk(tf, skip={"compat", "keras", "raw_ops", "estimator", "layers"})
    by_id: dict[int, list[str]] = {}
    for path, obj in tf2.items():
        if path.split(".")[0] in NOT_TARGETS or not _identity_searchable(obj):
            continue
        by_id.setdefault(id(_core(obj)), []).append(path)
    names: dict[str, str] = {}
    modules: list[str] = []
    opaque: list[str] = []
    calls: dict[str, tuple] = {}
    for path, obj in v1.items():
        if _is_api_module(obj):
            modules.append(path)
        elif isinstance(obj, types.ModuleType):
            opaque.append(path)
        same = _same(tf, path, obj)
        if path.startswith("compat.") and not same:
            continue  # tf.compat.X that TF2 lacks: not a TF1 spelling of anything
        if same:
            names[path] = ""
            continue
        candidates = by_id.get(id(_core(obj)), []) if _identity_searchable(obj) and not isinstance(obj, types.ModuleType) else []
        # Only names that read back as the same object when taken as TF1 code again
        # (``tf.compat.v1.<candidate>`` is it too): a second run must keep them.
        candidates = [c for c in candidates if _same(tf, c, obj) and _same(tf.compat.v1, c, obj)]
        names[path] = min(candidates, key=lambda c: _rank(path, c)) if candidates else "compat.v1." + path
        if names[path].startswith("compat.v1."):
            envelope = _call_envelope(path, obj, tf)
            if envelope is not None:
                calls[path] = envelope
    names["keras"] = ""
    importable = [m for m in modules if _import_as_works(tf.compat.v1, m)]
    from_tf2, from_v1 = _from_imports(tf, v1, modules, names)
    import pkgutil

    import tf_slim
    slim_names = _public(tf_slim)
    slim_packages = sorted(m.name for m in pkgutil.iter_modules(tf_slim.__path__) if not m.name.startswith("_") and not m.name.endswith("_test"))
    slim_modules = {}
    for info in pkgutil.walk_packages(tf_slim.__path__, "tf_slim."):
        if info.name.endswith("_test") or "._" in info.name:
            continue
        try:
            mod = __import__(info.name, fromlist=["_"])
        except Exception:
            continue
        slim_modules[info.name] = _public(mod)
    internal = _internal_modules(tf)
    # where tf.contrib.distributions went: TensorFlow Probability's modules and their names
    import tensorflow_probability as tfp
    tfp_names = {m: _public(getattr(tfp, m)) for m in TFP_MODULES}
    return {"keras_gaps": _keras_gaps(tf), "tfp": tfp_names, "tfp_version": tfp.__version__, "contrib": _contrib_renames(tf), "names": names, "modules": sorted(modules), "opaque": sorted(opaque), "importable": importable,
            "from_tf2": from_tf2, "from_v1": from_v1, "tf_slim": slim_names, "tf_slim_packages": slim_packages,
            "calls": calls, "tf_slim_modules": slim_modules, "internal": internal}


def _walk_keras(root) -> dict[str, object]:
    """Every public path of a Keras API namespace (tf-keras' or Keras 3's: their modules
    are named ``tf_keras.*`` / ``keras.*``)."""
    out: dict[str, object] = {}

    def visit(module, prefix: str, stack: tuple) -> None:
        for name in _public(module):
            try:
                obj = getattr(module, name)
            except Exception:
                continue
            out[prefix + name] = obj
            if isinstance(obj, types.ModuleType) and obj.__name__.startswith(("keras.", "tf_keras.")) \
                    and id(obj) not in stack and len(stack) < 5:
                visit(obj, prefix + name + ".", stack + (id(obj),))

    visit(root, "", ())
    return out


def _keras_rank(old: str, new: str) -> tuple:
    """The home of a name tf.keras lost: in the same module first, then spelled alike
    (``mean_squared_error`` → ``mse`` over ``MSE``), then the shortest."""
    o, n = old.split("."), new.split(".")
    return (o[:-1] != n[:-1], o[-1].islower() != n[-1].islower(), len(n), len(new), new)


# tf.keras paths Keras 3 has that compute otherwise than the tf-keras objects other names
# were aliases of: never offered as a home (tests/numeric/keras_homes.py found it: tf-keras'
# optimizers.legacy.Nadam, TF1's optimizers.Nadam, decays its schedule 250 times slower)
KERAS_DIFFERENT = frozenset({"optimizers.Nadam", "optimizers.RMSprop"})


def _keras_gaps(tf) -> dict[str, str]:
    """tf.keras names TF1 code had (tf-keras' v1 and v2 API: TF1's tf.keras) that TF2's
    tf.keras under Keras 3, the default, lacks (``losses.mean_squared_error``,
    ``backend.learning_phase``) → the tf.keras path Keras 3 has the same thing under, or
    ``""`` when it has none. The same thing: another name tf-keras gave the very same
    object that tf.keras has (``experimental.CosineDecay`` was
    ``optimizers.schedules.CosineDecay``), or a name Keras 3's own namespace keeps for an
    object tf.keras has under another (``keras.losses.mean_squared_error`` is tf.keras's
    ``losses.mse``). A path without a home is listed where it is the outermost missing
    one (``estimator``, not its members); one with a home always
    (``layers.experimental.preprocessing.Normalization`` → ``layers.Normalization``)."""
    import keras
    import tf_keras.api._v1.keras as keras_v1
    import tf_keras.api._v2.keras as keras_v2

    now = _walk_keras(tf.keras)
    then = {**_walk_keras(keras_v2), **_walk_keras(keras_v1)}
    by_id_then: dict[int, list[str]] = {}
    for path, obj in then.items():
        if _identity_searchable(obj):
            by_id_then.setdefault(id(obj), []).append(path)
    by_id_now: dict[int, list[str]] = {}
    for path, obj in now.items():
        if _identity_searchable(obj):
            by_id_now.setdefault(id(obj), []).append(path)
    keras3 = _walk_keras(keras)
    gaps: dict[str, str] = {}
    for path, obj in sorted(then.items()):
        if path in now:
            continue
        homes = [p for p in by_id_then.get(id(obj), []) if p in now and p not in KERAS_DIFFERENT] \
            if _identity_searchable(obj) else []
        if path in keras3 and _identity_searchable(keras3[path]):
            homes += by_id_now.get(id(keras3[path]), [])
        if isinstance(obj, types.ModuleType):
            homes = []  # a module tf.keras lost is not another module
        if homes:
            gaps[path] = min(homes, key=lambda h: _keras_rank(path, h))
        elif path.rpartition(".")[0] in now or "." not in path:
            gaps[path] = ""
    return gaps


# TensorFlow Probability's modules tf.contrib.distributions' names went to (its
# distributions, bijectors, and a few functions now in tfp.math / tfp.stats)
TFP_MODULES = ("distributions", "bijectors", "math", "stats")

# tf.contrib modules other rules or tables of tf-api handle (tf-slim's; rnn's cells are
# TF1's own objects; contrib.summary is the contrib-summary stage's)
CONTRIB_ELSEWHERE = ("slim", "layers", "framework", "util", "rnn", "summary")


def _contrib_renames(tf) -> dict:
    """tf_upgrade_v2's own renames of tf.contrib names (``tf.contrib.data.AUTOTUNE`` →
    ``tf.data.experimental.AUTOTUNE``, the same object in TF 1.x, where contrib re-exported
    it) whose new name TensorFlow 2.21 still has in TF1's API, ``tf.compat.v1``: contrib
    path → path under ``tf.compat.v1`` (TF1's object: ``data.experimental.CsvDataset`` is
    the v1 dataset there, which TF1 code's iterators take). Those of the modules in
    ``CONTRIB_ELSEWHERE`` are left to what handles them."""
    from tensorflow.tools.compatibility import all_renames_v2

    out = {}
    for old, new in sorted(all_renames_v2.symbol_renames.items()):
        if not old.startswith("tf.contrib.") or old.split(".")[2] in CONTRIB_ELSEWHERE:
            continue
        path = new[len("tf."):]
        for prefix in ("compat.v1.", "compat.v2."):
            if path.startswith(prefix):
                path = path[len(prefix):]
        try:
            lookup(tf.compat.v1, path)
        except AttributeError:
            continue  # gone since
        out[old[len("tf.contrib."):]] = path
    return out


# A v1-only parameter whose default TF2 behaves as (``verify_shape=False``: TF2's constant
# never verifies), and parameter defaults that mean the same (``keepdims=None`` is False).
V1_ONLY_DEFAULTS_TF2_HAS = {("constant", "verify_shape", "False")}
SAME_DEFAULTS = {("keepdims", "None", "False")}
# v1 functions whose TF2 namesake takes the same arguments but computes something else for
# some calls: only the calls that mean the same keep the TF2 name. tf.where: TF1's, given x
# and y and a vector condition, picks whole rows (the condition on the first axis); TF2's
# broadcasts the condition against the last axis (an error, or, where the sizes agree,
# other numbers): with x and y it is tf.compat.v1.where, as tf_upgrade_v2 writes.
NARROWER_CALLS = {"where": (1, ("condition", "name"), ("condition",))}


def _call_envelope(path: str, v1_obj, tf) -> "tuple | None":
    """For a v1 function TF2 has under the same name as another function: which calls
    mean the same in both, as (positions, keywords, required). A call passing at most
    ``positions`` positional arguments and only ``keywords`` by name (no ``*``/``**``),
    and every ``required`` one (TF2 has no default for it), may keep the TF2 name. None when no call can: a parameter TF2 lacks whose default is not None (a
    behaviour TF2 dropped: ``cond(strict=False)``), a TF2-only parameter, a default that
    differs (``image.resize`` methods), classes."""
    import inspect

    if path in NARROWER_CALLS:
        return NARROWER_CALLS[path]
    try:
        v2_obj = lookup(tf, path)
    except Exception:
        return None
    if isinstance(v1_obj, type) or isinstance(v2_obj, type) or not callable(v1_obj) or not callable(v2_obj):
        return None
    try:
        p1 = list(inspect.signature(v1_obj).parameters.values())
        p2 = list(inspect.signature(v2_obj).parameters.values())
    except (TypeError, ValueError):
        return None
    plain = (inspect.Parameter.POSITIONAL_OR_KEYWORD, inspect.Parameter.KEYWORD_ONLY)
    if any(p.kind not in plain for p in p1 + p2):
        return None
    by1 = {p.name: p for p in p1}
    by2 = {p.name: p for p in p2}
    if set(by2) - set(by1):
        return None
    for name, q in by1.items():
        if name not in by2:
            if q.default is not None and (path, name, repr(q.default)) not in V1_ONLY_DEFAULTS_TF2_HAS:
                return None
            continue
        d1, d2 = by1[name].default, by2[name].default
        if d2 is inspect.Parameter.empty:
            continue  # TF2 requires it: so must the call (below)
        if d1 is inspect.Parameter.empty or (repr(d1) != repr(d2) and (name, repr(d1), repr(d2)) not in SAME_DEFAULTS):
            return None
    positions = 0
    while (positions < min(len(p1), len(p2)) and p1[positions].name == p2[positions].name
           and p1[positions].kind == p2[positions].kind == inspect.Parameter.POSITIONAL_OR_KEYWORD):
        positions += 1
    required = tuple(p.name for p in p2 if p.default is inspect.Parameter.empty)
    return positions, tuple(by2), required


# The real packages inside ``tensorflow`` that are not API modules: TF1 code imports
# their modules directly (``from tensorflow.python.ops import math_ops``).
INTERNAL_ROOTS = ("python", "core", "compiler", "tools", "tsl", "dtensor", "security")


def _internal_modules(tf) -> list[str]:
    """Every module file under the internal roots, as a dotted path (no import needed)."""
    base = Path(tf.__file__).resolve().parent
    out = []
    for root in INTERNAL_ROOTS:
        for f in (base / root).rglob("*.py"):
            rel = f.relative_to(base).with_suffix("")
            parts = list(rel.parts)
            if parts[-1] == "__init__":
                parts = parts[:-1]
            if any(p.startswith("_") and p != "__init__" for p in parts[1:]) and not parts[-1].startswith("_pywrap"):
                continue
            out.append(".".join(["tensorflow", *parts]))
    return sorted(set(out))


def _empty_packages(internal: list) -> list:
    """Internal packages whose ``__init__`` defines nothing: ``from <one> import x`` only
    finds its submodules."""
    import ast
    import importlib.util

    base = Path(importlib.util.find_spec("tensorflow").origin).resolve().parent  # no import of TensorFlow
    out = []
    for module in internal:
        init = base.joinpath(*module.split(".")[1:], "__init__.py")
        if not init.is_file():
            continue
        body = [s for s in ast.parse(init.read_text(encoding="utf-8")).body
                if not (isinstance(s, ast.Expr) and isinstance(s.value, ast.Constant))
                and not (isinstance(s, ast.ImportFrom) and s.module == "__future__")]
        if not body:
            out.append(module)
    return out


def _import_as_works(v1, path: str) -> bool:
    """``import tensorflow.compat.v1.<path> as x`` gives the v1 module (or one with all its
    public members): some of the files behind the API modules lack lazily added names."""
    scope: dict = {}
    try:
        exec(f"import tensorflow.compat.v1.{path} as x", scope)
    except Exception:
        return False
    want = lookup(v1, path)
    got = scope["x"]
    return got is want or all(hasattr(got, n) for n in _public(want))


def _from_imports(tf, v1: dict, modules: list, names: dict) -> tuple[list, list]:
    """The names ``from tensorflow.<module> import <name>`` imports as the TF1 object,
    spelled as TF1 wrote it (kept names only) and spelled ``tensorflow.compat.v1``: in
    TF 2.21 some API modules are shadowed by real packages (``tensorflow.distribute``)."""
    module_set = set(modules)
    tf2_ok, v1_ok = [], []
    for path, obj in v1.items():
        parent, _, name = path.rpartition(".")
        if parent and parent not in module_set:
            continue
        for spelled, out in ((f"tensorflow.{parent}" if parent else "tensorflow", tf2_ok),
                             (f"tensorflow.compat.v1.{parent}" if parent else "tensorflow.compat.v1", v1_ok)):
            if out is tf2_ok and names.get(path) != "":
                continue
            scope: dict = {}
            try:
                exec(f"from {spelled} import {name} as x", scope)
            except Exception:
                continue
            got = scope["x"]
            if equivalent(got, obj) or (isinstance(obj, types.ModuleType) and isinstance(got, types.ModuleType)
                                        and all(hasattr(got, n) for n in _public(obj))):
                out.append(path)
    return tf2_ok, v1_ok


def table_legacy_keras() -> dict:
    import tensorflow as tf

    v1 = walk(tf.compat.v1, skip=NOT_WALKED, only=LEGACY_KERAS)
    names = {p: "compat.v1." + p for p in v1}
    modules = sorted(p for p, o in v1.items() if _is_api_module(o))
    importable = [m for m in modules if _import_as_works(tf.compat.v1, m)]
    from_tf2, from_v1 = _from_imports(tf, v1, modules, names)
    return {"names": names, "modules": modules, "opaque": [], "importable": importable,
            "from_tf2": from_tf2, "from_v1": from_v1}


def _subprocess_table(kind: str) -> dict:
    env = dict(os.environ, TF_CPP_MIN_LOG_LEVEL="3")
    env.pop("TF_USE_LEGACY_KERAS", None)
    if kind == "legacy":
        env["TF_USE_LEGACY_KERAS"] = "1"
    out = subprocess.run([sys.executable, __file__, "--emit", kind], env=env, check=True,
                         capture_output=True, text=True).stdout
    return json.loads(out.strip().splitlines()[-1])


def build() -> str:
    default = _subprocess_table("default")
    legacy = _subprocess_table("legacy")
    names = {**default["names"], **legacy["names"]}
    for p in LEGACY_KERAS:  # the module itself, reached as a value
        names[p] = "compat.v1." + p
    modules = sorted(set(default["modules"]) | set(legacy["modules"]) | set(LEGACY_KERAS))
    version = subprocess.run([sys.executable, "-c", "import tensorflow as tf; print(tf.__version__)"],
                             env=dict(os.environ, TF_CPP_MIN_LOG_LEVEL="3"), check=True,
                             capture_output=True, text=True).stdout.strip().splitlines()[-1]
    from importlib.metadata import version as dist_version

    slim_version = dist_version("tf-slim")
    data = {
        "TF_VERSION": version,
        "TF_SLIM_VERSION": slim_version,
        "LEGACY_KERAS": list(LEGACY_KERAS),
        "NAMES": dict(sorted(names.items())),
        "MODULES": modules,
        "OPAQUE": sorted(default["opaque"]),
        "IMPORTABLE": sorted(set(default["importable"]) | set(legacy["importable"])),
        "FROM_TF2": sorted(set(default["from_tf2"]) | set(legacy["from_tf2"])),
        "FROM_V1": sorted(set(default["from_v1"]) | set(legacy["from_v1"])),
        "TF2_CALLS": {k: list(v) for k, v in sorted(default["calls"].items())},
        "INTERNAL_ROOTS": list(INTERNAL_ROOTS),
        "INTERNAL_MODULES": default["internal"],
        "INTERNAL_EMPTY_PACKAGES": _empty_packages(default["internal"]),
        "TF_SLIM": default["tf_slim"],
        "TF_SLIM_PACKAGES": default["tf_slim_packages"],
        "TF_SLIM_MODULES": dict(sorted(default["tf_slim_modules"].items())),
        "CONTRIB": default["contrib"],
        "TFP_VERSION": default["tfp_version"],
        "TFP": default["tfp"],
        "KERAS_GAPS": default["keras_gaps"],
    }
    return json.dumps(data, indent=0, sort_keys=False) + "\n"


def main(argv: list[str]) -> int:
    if argv[:1] == ["--emit"]:
        data = table_default() if argv[1] == "default" else table_legacy_keras()
        print(json.dumps(data))
        return 0
    text = build()
    if argv[:1] == ["--check"]:
        if not TABLE.exists() or TABLE.read_text(encoding="utf-8") != text:
            print(f"{TABLE} is stale: run python rules/make_tf_api_table.py", file=sys.stderr)
            return 1
        return 0
    TABLE.write_text(text, encoding="utf-8")
    print(f"wrote {TABLE}: {text.count(chr(10))} lines")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
