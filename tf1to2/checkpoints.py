"""What ``tf1to2 checkpoint`` does (``codemod.cli`` reads the arguments and the name map):
look into a checkpoint, and convert one between TF1's name-based form and TF2's
object-based one, as the checkpoint migration guide's ``convert_tf1_to_tf2`` /
``convert_tf2_to_tf1`` do, with the run's name map applied (matched as
``load_tf1_checkpoint`` matches it: ``new_names`` / ``checkpoint_names``).

- ``inspect CKPT``: every variable's name, shape and dtype, and which form it is. In an
  object-based checkpoint, each value's key (``vars/scoped.Sc/.ATTRIBUTES/VARIABLE_VALUE``)
  and, from its object graph, the name of the variable that was saved.
- ``convert SRC DST --to tf2``: a TF1 checkpoint's values, each under its name (renamed
  by ``--name-map``: TF1 name → the name the migrated code gives the variable), saved as
  ``tf.train.Checkpoint(vars={name: tf.Variable(value)})`` does. Load it as the guide says:
  ``tf.train.Checkpoint(vars={v.name.split(":")[0]: v for v in model.variables}).restore(DST)``.
- ``convert SRC DST --to tf1``: such a checkpoint's values back under their names (the
  name map undone: a ``*/a`` → ``*/b`` entry turns every name ending ``/b`` back into
  ``/a``), name-based, as ``tf.compat.v1.train.Saver`` writes them.

An entry for a Keras object a layer holds (``"model/head": "Model/head"``, native-keras'
for ``get_or_create_layer``'s) renames every name below it, both ways
(``model/head/inner/kernel`` ↔ ``Model/head/inner/kernel``).

- ``convert SRC DST --to model --model FILE.py:Class [--init JSON] [--input-shape 3,5]
  --name-map MAP``: a TF1 checkpoint loaded into the migrated model itself (built with
  ``--init`` as keyword arguments and called once on zeros of each input shape, so that
  its variables exist), through the name map, as ``load_tf1_checkpoint`` loads it, and
  written as ``tf.train.Checkpoint(model=model)`` writes it: the migrated code then reads
  it with ``tf.train.Checkpoint(model=model).read(DST)``, no name map needed.

Values are copied as tensors, never through Python numbers: a round trip gives back
every value bit for bit. Unlike the guide's functions, it refuses, naming what is wrong,
and writing nothing: a name map entry whose TF1 name the checkpoint lacks, two names
mapped to one, an object-based checkpoint that is not such a ``vars`` dict.

This is the one command that imports TensorFlow (to read and write checkpoints).
"""
from __future__ import annotations

import os
from typing import Optional

from tf1to2 import checkpoint_names, new_names

GRAPH_KEY = "_CHECKPOINTABLE_OBJECT_GRAPH"
VALUE = "/.ATTRIBUTES/VARIABLE_VALUE"


class CheckpointError(Exception):
    """A checkpoint or a name map that cannot be used as asked; nothing was written."""


def _tf():
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")  # its start-up chatter is not ours to print
    import tensorflow as tf
    return tf


def _reader(path: str):
    tf = _tf()
    try:
        return tf.train.load_checkpoint(path)
    except (ValueError, tf.errors.OpError) as e:
        raise CheckpointError(f"{path}: not a checkpoint TensorFlow can read ({str(e).splitlines()[0]})") from None


def inspect(path: str) -> dict:
    """{"path", "form": "name-based" | "object-based", "variables": [{"name", "shape",
    "dtype"[, "variable"]}]}, in name order; ``variable`` is the saved variable's own name
    (object-based checkpoints; from the object graph)."""
    reader = _reader(path)
    shapes, dtypes = reader.get_variable_to_shape_map(), reader.get_variable_to_dtype_map()
    object_based = GRAPH_KEY in shapes
    full_names = _full_names(reader) if object_based else {}
    entries = []
    for name in sorted(shapes):
        if name == GRAPH_KEY:
            continue
        entry = {"name": name, "shape": list(shapes[name]), "dtype": dtypes[name].name}
        if name in full_names:
            entry["variable"] = full_names[name]
        entries.append(entry)
    return {"path": path, "form": "object-based" if object_based else "name-based", "variables": entries}


def _full_names(reader) -> dict:
    """checkpoint key → the saved variable's name, from an object-based checkpoint's graph."""
    from tensorflow.core.protobuf import trackable_object_graph_pb2

    graph = trackable_object_graph_pb2.TrackableObjectGraph()
    graph.ParseFromString(reader.get_tensor(GRAPH_KEY))
    return {a.checkpoint_key: a.full_name for node in graph.nodes for a in node.attributes if a.full_name}


def to_tf2(src: str, dst: str, name_map: Optional[dict] = None) -> list:
    """A TF1 checkpoint → ``dst``, object-based: ``vars/<name>``, each TF1 name renamed
    by ``name_map`` (TF1 name → new name; a ``*/a`` → ``*/b`` entry renames every name
    ending ``/a``). Returns the (old, new) names written."""
    tf = _tf()
    reader = _reader(src)
    shapes = reader.get_variable_to_shape_map()
    if GRAPH_KEY in shapes:
        raise CheckpointError(f"{src}: already an object-based (TF2) checkpoint")
    renames = _renames(sorted(shapes), name_map or {}, src)
    values = {new: tf.Variable(reader.get_tensor(old), name=new, trainable=False) for old, new in renames}
    _ensure_folder(dst)
    saved = tf.train.Checkpoint(vars=values)
    saved.save_counter  # made, as save() makes it: the guide's restore(...).assert_consumed() expects it
    saved.write(dst)
    return renames


# the dtypes ``to_model`` builds a model's inputs of (``--input-shape 2,7:int32``)
INPUT_DTYPES = ("float16", "bfloat16", "float32", "float64", "int8", "int16", "int32", "int64", "uint8", "bool",
                "string")


def to_model(src: str, dst: str, target: str, name_map: Optional[dict] = None, init: Optional[dict] = None,
             inputs: tuple = ()) -> list:
    """A TF1 checkpoint → ``dst``, as ``tf.train.Checkpoint(model=...)`` of the migrated
    model ``target`` (``path/to/file.py:Class`` or ``package.module:Class``) writes it,
    built with ``init`` and called once on zeros of ``inputs``, (shape, dtype name) pairs
    (token ids are ``int32``; the names are ``INPUT_DTYPES``). Returns the TF1 names
    loaded (``load_tf1_checkpoint``'s answer)."""
    tf = _tf()
    from tf1to2 import load_tf1_checkpoint
    reader = _reader(src)
    if GRAPH_KEY in reader.get_variable_to_shape_map():
        raise CheckpointError(f"{src}: an object-based (TF2) checkpoint already")
    for shape, dtype in inputs:
        if dtype not in INPUT_DTYPES:
            raise CheckpointError(f"--input-shape {','.join(map(str, shape))}:{dtype}: the dtype is one of "
                                  f"{', '.join(INPUT_DTYPES)}")
    cls = _model_class(target)
    try:
        model = cls(**(init or {}))
        model(*[tf.zeros(shape, dtype=dtype) for shape, dtype in inputs])
    except Exception as e:  # the user's model, built as asked: say what went wrong, in one line
        raise CheckpointError(f"{target}: building it with --init {init or {}} and inputs {list(inputs)} "
                              f"failed: {type(e).__name__}: {str(e).splitlines()[0] if str(e) else ''}") from None
    try:
        loaded = load_tf1_checkpoint(model, src, name_map)
    except KeyError as e:
        raise CheckpointError(str(e.args[0]) if e.args else str(e)) from None
    _ensure_folder(dst)
    tf.train.Checkpoint(model=model).write(dst)
    return loaded


def _model_class(target: str):
    import importlib
    import importlib.util
    where, _, name = target.rpartition(":")
    if not where or not name:
        raise CheckpointError(f"{target}: name the model as FILE.py:Class or package.module:Class")
    try:
        if where.endswith(".py"):
            spec = importlib.util.spec_from_file_location(os.path.splitext(os.path.basename(where))[0], where)
            if spec is None or not os.path.exists(where):
                raise CheckpointError(f"{where}: no such file")
            module = importlib.util.module_from_spec(spec)
            spec.loader.exec_module(module)
        else:
            module = importlib.import_module(where)
    except CheckpointError:
        raise
    except Exception as e:
        raise CheckpointError(f"{where}: cannot import it: {type(e).__name__}: {e}") from None
    cls = getattr(module, name, None)
    if cls is None:
        raise CheckpointError(f"{where} has no {name}")
    return cls


def to_tf1(src: str, dst: str, name_map: Optional[dict] = None) -> list:
    """An object-based checkpoint of a ``vars`` dict (as ``to_tf2`` and the guide write
    it) → ``dst``, name-based, each name mapped back through ``name_map`` (the map
    ``to_tf2`` applied). Returns the (name, TF1 name) pairs written."""
    tf = _tf()
    reader = _reader(src)
    shapes = reader.get_variable_to_shape_map()
    if GRAPH_KEY not in shapes:
        raise CheckpointError(f"{src}: a name-based (TF1) checkpoint already")
    keys = [k for k in sorted(shapes) if k != GRAPH_KEY and k != "save_counter" + VALUE]
    odd = [k for k in keys if not (k.startswith("vars/") and k.endswith(VALUE))]
    if odd:
        raise CheckpointError(f"{src}: not a checkpoint of a vars dict (as 'convert --to tf2' and the guide's "
                              f"convert_tf1_to_tf2 write); {len(odd)} other keys, e.g. {odd[0]}")
    names = {_unescape(k[len("vars/"):-len(VALUE)]): k for k in keys}
    back = checkpoint_names(name_map or {}, names)
    pairs = [(name, back.get(name, name)) for name in sorted(names)]
    _unique([old for _, old in pairs], src)
    _ensure_folder(dst)
    tf.raw_ops.SaveV2(prefix=dst, tensor_names=[old for _, old in pairs], shape_and_slices=[""] * len(pairs),
                      tensors=[reader.get_tensor(names[name]) for name, _ in pairs])
    return pairs


def _renames(names: list, name_map: dict, src: str) -> list:
    present = set(names)
    missing = sorted(old for old in name_map if not old.startswith("*/") and old not in present
                     and not any(n.startswith(old + "/") for n in names))  # a Keras object's: names below it
    if missing:
        raise CheckpointError(f"{src}: the name map renames {len(missing)} variables the checkpoint does not have: "
                              + ", ".join(missing[:5]) + (" ..." if len(missing) > 5 else ""))
    renamed = new_names(name_map, names)
    out = [(old, renamed.get(old, old)) for old in names]
    _unique([new for _, new in out], src)
    return out


def _unique(names: list, src: str) -> None:
    seen, twice = set(), set()
    for n in names:
        if n in seen:
            twice.add(n)
        seen.add(n)
    if twice:
        raise CheckpointError(f"{src}: the name map gives two variables one name: {', '.join(sorted(set(twice))[:5])}")


def _unescape(key: str) -> str:
    """A name as TF2 checkpoint keys escape it ('/' is '.S', '.' is '..') → the name."""
    out, i = [], 0
    while i < len(key):
        if key[i] == "." and i + 1 < len(key):
            out.append({"S": "/", ".": "."}.get(key[i + 1], "." + key[i + 1]))
            i += 2
        else:
            out.append(key[i])
            i += 1
    return "".join(out)


def _ensure_folder(prefix: str) -> None:
    folder = os.path.dirname(os.path.abspath(prefix))
    if not os.path.isdir(folder):
        raise CheckpointError(f"{prefix}: no folder {folder} to write into")
