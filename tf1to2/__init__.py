"""Runtime shim imported by code tf1to2 rewrote.

    from tf1to2 import track_tf1_style_variables, record_scope, get_or_create_layer

* Keras 2 (``tf-keras`` with ``TF_USE_LEGACY_KERAS=1``): TensorFlow's own shim from
  tf-keras does the work, for tf-keras layers/models and ``tf.Module``.
* Keras 3 (TensorFlow 2.16+'s default): tf-keras' decorator refuses Keras 3 layers, so
  this package provides its own: ``tf.compat.v1.get_variable`` / ``variable_scope`` /
  ``make_template`` inside a decorated method create Keras weights (``add_weight``) on
  the first call and reuse them afterwards, so ``model.fit``, ``GradientTape`` loops,
  ``layer.losses`` (regularizers), ``tf.train.Checkpoint`` and ``save_weights`` see them.
  The TF1 names (``model/dense/kernel``) stay available through ``tf1_variables`` and
  ``load_tf1_checkpoint`` (Keras 3 does not allow ``/`` in weight names).

Where something cannot work here (``tf.compat.v1.layers`` under Keras 3), the error says
what is missing and how to fix it. Imports TensorFlow; never LibCST or the codemod.
"""
from __future__ import annotations

import contextlib
import functools
import importlib.util
import os
import re
import sys
import threading
import weakref
from typing import Callable, Dict, Optional

LEGACY_FIX = (
    "install tf-keras (pip install 'tf-keras==2.21.*') and set TF_USE_LEGACY_KERAS=1 "
    "before TensorFlow is imported"
)


class MissingKerasSupport(RuntimeError):
    """Something migrated code needs is not in this TensorFlow/Keras combination."""


def _tf_keras_installed() -> bool:
    try:
        return importlib.util.find_spec("tf_keras") is not None
    except (ImportError, ValueError):
        return False


# Asked for Keras 2 without it installed, ``import tensorflow`` itself fails deep inside
# TensorFlow; say what to do instead (this helps when tf1to2 is imported first).
if os.environ.get("TF_USE_LEGACY_KERAS", "").lower() in ("1", "true") and not _tf_keras_installed():
    raise MissingKerasSupport(
        "TF_USE_LEGACY_KERAS=1 is set but tf-keras is not installed: "
        "pip install 'tf-keras==2.21.*', or unset TF_USE_LEGACY_KERAS to use Keras 3"
    )

import tensorflow as tf
from tensorflow.python.ops import variable_scope as _vs

__all__ = [
    "hard_sigmoid",
    "predict_classes",
    "collect_named_outputs",
    "convert_collection_to_dict",
    "scope_name",
    "track_tf1_style_variables",
    "record_scope",
    "get_or_create_layer",
    "tf1_variables",
    "load_tf1_checkpoint",
    "MissingKerasSupport",
    "DeterministicRandomTestTool",
    "graph_mode_tests",
    "Graph",
    "reset_default_graph",
    "initialized_value",
    "dimension_value",
]

def record_scope(scope_name: Optional[str] = None, *, default_name: Optional[str] = None, layer=None) -> None:
    """Claim the variable-scope name a replaced v1 layer took, so later auto-named v1
    layers keep their names: ``record_scope("conv2d_1")`` claims that name;
    ``record_scope(default_name="conv2d")`` claims the next free ``conv2d``, ``conv2d_1``,
    ..., which is what an auto-named v1 layer does when it is first called (the codemod
    writes this form where the name depends on a loop or a branch). With ``layer=`` (the
    Keras layer that replaced the v1 one) it also remembers the name claimed first, the
    full scope path, as that layer's TF1 name: ``load_tf1_checkpoint`` finds its weights
    below it, where the name depends on the run and so is in no name map."""
    if (scope_name is None) == (default_name is None):
        raise TypeError("record_scope takes a scope name or default_name=, not both")
    with tf.compat.v1.variable_scope(scope_name, default_name=default_name) as scope:
        pass
    if layer is not None and _RECORDED not in layer.__dict__:
        object.__setattr__(layer, _RECORDED, scope.name)  # (past Keras' attribute tracking)


_RECORDED = "_tf1to2_tf1_scope"  # a Keras layer's TF1 scope path, as record_scope(layer=) claimed it


# --------------------------------------------------------------------------- dispatch
def _legacy_keras_active() -> bool:
    try:
        return tf.keras.layers.Layer.__module__.startswith("tf_keras")
    except (ImportError, AttributeError) as e:  # TF_USE_LEGACY_KERAS=1 without tf-keras
        raise MissingKerasSupport(f"TensorFlow's Keras could not be loaded ({e}): {LEGACY_FIX}") from e


def _is_tf_keras_object(obj) -> bool:
    tf_keras = sys.modules.get("tf_keras")
    return tf_keras is not None and isinstance(obj, tf_keras.layers.Layer)


def _is_keras3_layer(obj) -> bool:
    keras = sys.modules.get("keras")
    return keras is not None and hasattr(keras, "layers") and isinstance(obj, keras.layers.Layer) \
        and keras.__version__.startswith("3.")


def _tf_keras_shim():
    try:
        from tf_keras.src.legacy_tf_layers import variable_scope_shim
    except ImportError as e:
        raise MissingKerasSupport(f"tf-keras is needed for this object: {LEGACY_FIX}") from e
    return variable_scope_shim


class _RegularizersOutsideSublayers(dict):
    """tf-keras' variable store, as its ``_regularizers``: after a decorated call it adds
    a loss to the layer for each regularized variable created. A v1 layer object held
    as an attribute (``self.conv = tf.compat.v1.layers.Conv2D(..., kernel_regularizer=)``,
    the guide's OOStyleCompatModel) counts its own regularization loss, and Keras
    collects it from the sublayer; the store's copy doubled ``layer.losses``. This hides
    the variables of such sublayers from that loop."""

    def __init__(self, owner, *args) -> None:
        super().__init__(*args)
        self._owner = weakref.ref(owner)

    def items(self):
        owner = self._owner()
        legacy_base = sys.modules.get("tf_keras.src.legacy_tf_layers.base")
        owned = set()
        if owner is not None and legacy_base is not None and hasattr(owner, "_flatten_layers"):
            for sub in owner._flatten_layers(include_self=False):
                if isinstance(sub, legacy_base.Layer):
                    owned.update(w.name for w in sub.weights)
        return [(k, v) for k, v in super().items() if k not in owned]


def _count_sublayer_regularizers_once(obj) -> None:
    if not _is_tf_keras_object(obj) or not hasattr(obj, "_flatten_layers"):
        return
    store = getattr(obj, "_tf1_style_var_store", None)
    if store is None:
        store = _tf_keras_shim()._EagerVariableStore()
        obj._tf1_style_var_store = store
    if not isinstance(store._regularizers, _RegularizersOutsideSublayers):
        store._regularizers = _RegularizersOutsideSublayers(obj, store._regularizers)


_outermost = threading.local()  # whether a decorated call is running in this thread


@contextlib.contextmanager
def _numbered_per_call():
    """TF1 built a model once per graph, so the scopes it named itself (``conv2d``,
    ``conv2d_1``, a layer object's ``dense``) were numbered once. A decorated call runs
    once per forward pass: the outermost one numbers them afresh (in the scope it was
    called in), so every call claims the names the first did, and so its variables,
    instead of ``conv2d_2``, ``conv2d_3``, ... with new variables each time."""
    if getattr(_outermost, "running", False):
        yield
        return
    store = _vs.get_variable_scope_store()
    saved = store.variable_scopes_count
    store.variable_scopes_count = {}
    _outermost.running = True
    try:
        yield
    finally:
        store.variable_scopes_count = saved
        _outermost.running = False


def track_tf1_style_variables(method: Callable) -> Callable:
    """Decorate a method of a Keras layer/model or ``tf.Module`` that creates variables
    TF1-style (``tf.compat.v1.get_variable``, ``variable_scope``, ``make_template``;
    ``tf.compat.v1.layers`` under Keras 2): they are created on the first call, reused
    afterwards, tracked by the object, and their regularizers become its losses. Its
    ``call``, as the guides decorate it, or its ``build`` (a TF1 Keras layer making its
    variables there: Keras 3 tracks none it did not make itself)."""
    @functools.lru_cache(maxsize=None)
    def legacy() -> Callable:  # tf-keras' own decorator, built on first use (it may be absent)
        return _tf_keras_shim().track_tf1_style_variables(method)

    in_build = method.__name__ == "build"

    def wrapper(self, *args, **kwargs):
        with _numbered_per_call(), _direct_name_scope(self if in_build else None):
            return call(self, *args, **kwargs)

    def call(self, *args, **kwargs):
        if _is_tf_keras_object(self) or (
            isinstance(self, tf.Module) and not _is_keras3_layer(self) and _legacy_keras_active()
        ):
            _count_sublayer_regularizers_once(self)
            with _direct_variables_on_tf_keras(self):
                return legacy()(self, *args, **kwargs)
        if not (_is_keras3_layer(self) or isinstance(self, tf.Module)):
            raise TypeError(
                "@track_tf1_style_variables must decorate a method of a tf.keras.layers.Layer, "
                f"tf.keras.Model or tf.Module; got a {type(self).__name__}"
            )
        store = _Keras3Store.of(self)
        _fresh_template_scopes(self)
        try:
            with store.active():
                result = method(self, *args, **kwargs)
            store.add_frozen_losses()
            return result
        except AttributeError as e:
            if "not available with Keras 3" in str(e):
                raise MissingKerasSupport(
                    f"tf.compat.v1.layers is not available with Keras 3 ({e}). Either {LEGACY_FIX}, "
                    "or migrate these layers to native Keras layers first: "
                    "tf1to2 migrate --select layers-to-attributes,keras-layers PATH"
                ) from e
            raise

    if in_build:
        # ``build`` (a Keras layer of TF1 code making its variables there with get_variable):
        # Keras 3 reads build's parameters off the bound method, which TF's decorator
        # object does not bind (``self`` would count as one)
        return functools.wraps(method)(wrapper)
    # TF's decorator (not functools.wraps): tf-keras and Keras 3 both read the decorated
    # method's real signature through it, to decide whether to pass ``training``.
    return tf.__internal__.decorator.make_decorator(target=method, decorator_func=wrapper)


def _fresh_template_scopes(obj) -> None:
    """``make_template`` templates the object holds (attributes, or in a list, tuple or
    dict attribute) enter their variable scope afresh in this call. A template made
    eagerly (in ``__init__``) keeps the ``variable_scope`` it entered on its first call and
    enters that same object again on later calls; Keras 3 runs a layer's first call once
    in a scratch graph (``compute_output_spec``) to build it, and a scope first entered
    there puts the template's ops of the eager calls that follow into that graph ("cannot
    be accessed from here" at the next layer). Made afresh, it is entered where the call
    runs; the template's own variable scope (its name) stays as it was."""
    from tensorflow.python.ops.template import Template

    for value in list(getattr(obj, "__dict__", {}).values()):
        values = value.values() if isinstance(value, dict) else value if isinstance(value, (list, tuple)) else (value,)
        for v in values:
            if isinstance(v, Template) and getattr(v, "_variable_scope_context_manager", None) is not None:
                v._variable_scope_context_manager = None


def get_or_create_layer(name: str, create_layer_method: Callable):
    """Create a nested Keras layer/model once (by variable-scope path + ``name``) inside a
    decorated method, track it on the object, and return it on every later call."""
    store = _vs._get_default_variable_store()
    if isinstance(store, _Keras3Store):
        return store.get_or_create_layer(name, create_layer_method)
    shim = sys.modules.get("tf_keras.src.legacy_tf_layers.variable_scope_shim")
    if shim is not None and isinstance(store, shim._EagerVariableStore):
        return shim.get_or_create_layer(name, create_layer_method)
    if not tf.compat.v1.executing_eagerly_outside_functions():
        return create_layer_method()  # a TF1 graph: nothing to track
    raise ValueError(
        "get_or_create_layer was called outside a method decorated with @track_tf1_style_variables"
    )


class DeterministicRandomTestTool:
    """The validation guide's tool for comparing a TF1 graph with its TF2 version
    (``tf.compat.v1.keras.utils.DeterministicRandomTestTool``, which TensorFlow 2.16+
    ships only with tf-keras), here on any Keras. Inside ``scope()``, every stateful
    random op that asks TensorFlow for its seed (TF1 initializers, ``get_variable``,
    ``tf.random.*``, ``tf.nn.dropout``) gets one that depends only on the order of such
    ops, not on the rest of the graph, so a TF1 graph and an eager run draw the same numbers:

    - ``mode="constant"``: every op the same seed, ``operation_seed`` (0 unless set);
    - ``mode="num_random_ops"``: the n-th op seed n, each used once (reusing one raises).

    Keras 3's own initializers and layers draw through ``keras.random`` seed generators,
    which do not ask TensorFlow for a seed: give those a ``seed=`` to compare them."""

    def __init__(self, seed: int = 42, mode: str = "constant") -> None:
        if mode not in ("constant", "num_random_ops"):
            raise ValueError(f"mode must be 'constant' or 'num_random_ops', got {mode!r}")
        self._seed = seed
        self._mode = mode
        self.operation_seed = 0
        self._used: set = set()

    def scope(self):
        """A context manager: the seeds as described above while it is entered."""
        from unittest import mock

        tf.random.set_seed(self._seed)
        seeds = sys.modules[tf.compat.v1.get_seed.__module__]

        def seed_for(_op_seed):
            op_seed = self.operation_seed
            if self._mode == "constant":
                tf.random.set_seed(op_seed)  # as tf-keras' tool does, so the numbers agree with it
            else:
                if op_seed in self._used:
                    raise ValueError(f"operation seed {op_seed} was already used in this scope: random "
                                     "numbers would repeat (was operation_seed set by hand?)")
                self._used.add(op_seed)
                self.operation_seed += 1
            return self._seed, op_seed

        return mock.patch.object(seeds, "get_seed", wraps=seed_for)


def tf1_variables(obj) -> Dict[str, tf.Variable]:
    """TF1 name (``model/dense/kernel``, no ``:0``) → variable, for what a decorated
    method of ``obj`` created."""
    store = obj.__dict__.get("_tf1to2_store")
    if store is not None:
        names = dict(store.by_name)
        # Keras objects made by get_or_create_layer: TF1's tf.keras named their weights
        # by the variable scope they were made in and their Keras names
        # (``model/sequential/dense/kernel``); Keras 3's weight paths hold the Keras names
        # under the owner's path instead. (Two of one name: the first keeps it, and
        # loading says which variable nothing loads.)
        owner = (getattr(obj, "path", None) or getattr(obj, "name", "")) + "/"
        for full, layer in store.layers.items():
            scope = full.rpartition("/")[0]
            for w in getattr(layer, "weights", ()):
                path = getattr(w, "path", None) or w.name.split(":")[0]
                path = path[len(owner):] if path.startswith(owner) else path
                names.setdefault(_join(scope, path), w)
        return names
    legacy = getattr(obj, "_tf1_style_var_store", None)
    direct = dict(obj.__dict__.get("_tf1to2_direct", {}))  # tf.compat.v1.Variable made under tf-keras
    if legacy is not None:
        return {**{name: v for name, v in legacy._vars.items()}, **direct}
    return direct


# ------------------------------------------------------------ TF1 test cases
def graph_mode_tests(cls):
    """A class decorator for a TF1 test case (``unittest.TestCase``, ``tf.test.TestCase``):
    each of its tests (with its ``setUp`` and ``tearDown``, and the class's ``setUpClass``
    and ``tearDownClass``) runs as TF1 ran every test,
    and as the overview's ``disable_v2_behavior()`` runs a migrated graph script: in graph
    mode, on the default graph, with TF1's reference variables (a variable fetched in the
    run that assigns it is read after the assignment: resource variables read it in no
    set order, in practice before) and TF1's control flow. The process stays in TF2 mode
    otherwise. The migration puts it where a test module builds TF1 graphs (placeholders,
    sessions), which the ``disable_v2_behavior()`` of its ``__main__`` block cannot
    reach under a test runner (pytest, ``python -m unittest``), and which, called at
    import, would switch every other test of the run too."""
    run = getattr(cls, "run", None)
    if run is None:  # not a unittest test case (a base class the migration took for one): as it was
        return cls

    @functools.wraps(run)
    def run_in_graph_mode(self, result=None):
        with _tf1_graph_mode():
            return run(self, result)

    cls.run = run_in_graph_mode
    # the class fixtures too (TensorLayer's tests build their graph in setUpClass, on the
    # default graph the tests then read): the suite calls them outside ``run``
    for name in ("setUpClass", "tearDownClass"):
        fixture = getattr(cls, name).__func__

        def in_graph_mode(klass, _fixture=fixture):
            with _tf1_graph_mode():
                return _fixture(klass)

        setattr(cls, name, classmethod(functools.wraps(fixture)(in_graph_mode)))
    return cls


class Graph(tf.Graph):
    """TF1's ``tf.Graph`` as far as its control flow goes: the ops built in it while it is
    the default graph (``as_default()``, and a session's ``with`` block, which makes its
    graph the default) get TF1's control flow, built in the graph itself, as every graph of
    TF1 had. A ``tf.Graph`` of TF2 builds control flow v2 (a cond's branches, a while
    loop's body as functions) instead, which TF1 graph code does not always survive: a
    gradient taken through a while loop a session already ran fails ("Connecting to
    invalid output": GPflow 1.5's SVGP training), a tensor made in a branch does not hash
    (stable-baselines' ACKTR), and random ops in a loop draw other numbers from the same
    seed (cleverhans' SPSA), silently. Its variables stay TF2's (resource variables): the
    Keras 3 objects the migration writes (regularizers) do not take TF1's reference
    variables, so a variable fed through ``feed_dict`` still changes only the read fed.
    Everything else of ``tf.Graph`` is TF2's own (``isinstance(g, tf.Graph)`` holds). The
    switch is TensorFlow's process-wide one, set while the graph is the default and put
    back as it was after, so the rest of the process keeps TF2's; graphs TensorFlow builds
    as functions keep control flow v2, as they must."""

    @contextlib.contextmanager
    def as_default(self):
        with super().as_default() as graph, _tf1_building(variables=False):
            yield graph


def reset_default_graph() -> None:
    """TF1's ``tf.reset_default_graph()``: clears the default graph, and the new one, which
    a session given no graph runs (and enters in its ``with`` block), is a ``Graph`` (TF1's
    control flow), where TF2's would build control flow v2 (GPflow 1.5's tests reset it
    and run their models in a session on it)."""
    from tensorflow.python.framework import ops

    tf.compat.v1.reset_default_graph()
    stack = ops._default_graph_stack  # TensorFlow makes its Graph() there when first asked
    if getattr(stack, "_global_default_graph", "missing") is None:
        stack._global_default_graph = Graph()


@contextlib.contextmanager
def _tf1_building(variables: bool = True):
    """TF1's control flow, and with ``variables`` TF1's reference variables, in the graphs
    built meanwhile (switches ``disable_v2_behavior`` turns), each put back as it was after."""
    v1 = tf.compat.v1
    resource, control_flow = v1.resource_variables_enabled(), v1.control_flow_v2_enabled()
    if variables:
        v1.disable_resource_variables()
    v1.disable_control_flow_v2()
    try:
        yield
    finally:
        if resource and variables:
            v1.enable_resource_variables()
        if control_flow:
            v1.enable_control_flow_v2()


@contextlib.contextmanager
def _tf1_graph_mode():
    """Graph mode, with TF1's variables and control flow in the graphs built meanwhile,
    each switch put back as it was after (TensorFlow's own switches, which
    ``disable_v2_behavior`` turns): how ``graph_mode_tests`` runs a test and a class fixture."""
    from tensorflow.python.eager import context

    with _tf1_building(), context.graph_mode():
        yield


# ------------------------------------------------------------ TF1's Keras activations
def hard_sigmoid(x):
    """TF1's Keras ``hard_sigmoid``: ``clip(0.2 x + 0.5, 0, 1)`` (0 below -2.5, 1 above
    2.5), as tf-keras still computes it. Keras 3's, under the same name, is ``clip(x / 6 +
    0.5, 0, 1)``; TF1's LSTM and GRU gates used this one, so migrated TF1 Keras code names
    it (``recurrent_activation=tf1to2.hard_sigmoid``) to compute what it computed."""
    x = tf.convert_to_tensor(x)
    return tf.clip_by_value(x * tf.cast(0.2, x.dtype) + tf.cast(0.5, x.dtype), tf.cast(0.0, x.dtype),
                            tf.cast(1.0, x.dtype))


def predict_classes(model, x, batch_size=32, verbose=0):
    """TF1's Keras ``Sequential.predict_classes``, which Keras 3 lacks: the class of each
    row, the argmax of ``model.predict`` where it has several outputs per row, else
    ``predict > 0.5`` as int32."""
    proba = model.predict(x, batch_size=batch_size, verbose=verbose)
    if proba.shape[-1] > 1:
        return proba.argmax(axis=-1)
    return (proba > 0.5).astype("int32")


# ------------------------------------------------------------ TF1's Variable methods
def dimension_value(item):
    """``item.value`` as TF1 code read it off ``shape[i]``, for a shape's item under
    TensorFlow 2 too: a TF1 ``Dimension``'s value; TF2's int or None (an item of a
    TensorShape in TF2) as it is; anything else's ``.value`` attribute, as before. What
    the migration writes for ``x[i].value`` where ``x`` is not known to be a shape (a
    shape a function returns), so that nothing but a shape's item reads differently."""
    if item is None or isinstance(item, int):
        return item
    return item.value


def initialized_value(variable):
    """TF1's ``variable.initialized_value()``, for the variables TensorFlow 2 makes too:
    the variable's value once initialized, else its initial value (``tf.cond`` on
    ``is_variable_initialized``, in the outermost graph), so that another variable's
    initializer reads it in any order. TF2's variables (resource variables, under
    TF2 behaviour also in a TF1 graph) raise ``NotImplementedError`` at the method;
    eagerly a variable is always initialized and this is its value."""
    with tf.init_scope():
        return tf.cond(tf.compat.v1.is_variable_initialized(variable), variable.read_value,
                       lambda: variable.initial_value)


# ------------------------------------------------------------ slim's end-point collections
_named_outputs: Dict[str, Dict[str, object]] = {}


def collect_named_outputs(collections, alias: str, outputs):
    """slim's ``utils.collect_named_outputs``, in eager code too. In a graph (a TF1
    ``tf.Graph``, or a function's), exactly slim's: ``alias`` appended to
    ``outputs.aliases`` and ``outputs`` added to the graph's collections, which
    ``get_collection``, slim's own utils and ``convert_collection_to_dict`` read. Run
    eagerly (no graph to hold collections), it remembers ``outputs`` under ``alias`` in
    each named collection; a later output under the same alias replaces the earlier one.
    Returns ``outputs``."""
    if not collections:
        return outputs
    names = [collections] if isinstance(collections, str) else list(collections)
    alias = alias[:-1] if alias.endswith("/") else alias
    if not tf.executing_eagerly():
        if hasattr(outputs, "aliases"):
            outputs.aliases.append(alias)
        else:
            outputs.aliases = [alias]
        tf.compat.v1.add_to_collections(names, outputs)
        return outputs
    for name in names:
        _named_outputs.setdefault(name, {})[alias] = outputs
    return outputs


def convert_collection_to_dict(collection: str, clear_collection: bool = False) -> dict:
    """slim's ``utils.convert_collection_to_dict``: alias → output, in collection order;
    in a graph, read from its collection (each output under its aliases, else its name,
    as slim reads it); run eagerly, from what ``collect_named_outputs`` remembered."""
    if not tf.executing_eagerly():
        graph = tf.compat.v1.get_default_graph()
        out = {}
        for tensor in graph.get_collection(collection):
            aliases = getattr(tensor, "aliases", None)
            if aliases is None:
                aliases = [tensor.name[:-2] if tensor.name.endswith(":0") else tensor.name]
            for alias in aliases:
                out[alias] = tensor
        if clear_collection:
            graph.clear_collection(collection)
        return out
    out = dict(_named_outputs.get(collection, {}))
    if clear_collection:
        _named_outputs.pop(collection, None)
    return out


def scope_name(name: str) -> str:
    """``name`` inside the current variable scope: the alias slim gives a layer's output."""
    current = tf.compat.v1.get_variable_scope().name
    return f"{current}/{name}" if current else name


def load_tf1_checkpoint(obj, path: str, name_map: Optional[Dict[str, str]] = None) -> list:
    """Assign the values of a TF1 (name-based) checkpoint to ``obj``'s variables. Build
    ``obj`` first (call it once).

    ``name_map`` is the map ``tf1to2 migrate --name-map`` writes: checkpoint name → new
    name. A new name is either a TF1-style name ``obj`` still creates (stage 2 renames
    ``weights`` → ``kernel``), or an object path ``ClassName/attr/.../weight`` for a
    variable a native Keras layer now owns (stage 5), or ``ClassName/attr`` for a Keras
    object the layer holds (stage 8 moves ``get_or_create_layer``'s there), whose
    weights' TF1 names are below the entry's (``model/head/inner/kernel``: the Keras
    names of the layers that hold them below it; ``ClassName/attr/dense``, the layer
    named ``dense`` of a functional model it holds); entries for other classes are
    ignored, so one map serves a whole run. Returns the checkpoint names loaded. Raises
    KeyError, loading nothing, listing what is missing on either side: a name the object
    needs that the checkpoint lacks, and any variable of the object that nothing loads.
    (Checkpoint entries the object has no variable for, such as optimizer slots, are
    not loaded and not an error.)"""
    reader = tf.train.load_checkpoint(path)
    available = reader.get_variable_to_shape_map()
    variables = tf1_variables(obj)
    renamed = checkpoint_names(name_map or {}, variables)
    prefix = type(obj).__name__ + "/"
    by_path = {old: new[len(prefix):] for old, new in (name_map or {}).items() if new.startswith(prefix)}
    targets: Dict[str, tf.Variable] = {}
    missing = []
    for name, var in variables.items():
        targets[renamed.get(name, name)] = var
    _match_held_layers(obj, targets, available)
    held = []  # (TF1 name, Keras object the layer holds)
    for old, rel in by_path.items():
        var = _object_path(obj, rel)
        if var is None:
            missing.append(f"{prefix}{rel} (no such variable on the object)")
        elif _is_layer(var):
            # a Keras object the layer holds (native-keras moves get_or_create_layer's
            # there): ``old`` is its TF1 name, its weights' TF1 names are their paths
            # under it below that (``head/inner/kernel``), TF1's numbering of unnamed
            # layers matched (``_as_numbered``)
            held.append((old, var))
        else:
            targets[old] = var
    names = _as_numbered([old for old, _ in held], available)
    for old, layer in held:
        targets.update(_weights_under(layer, names[old], available))
    # layers whose TF1 names depended on the run: as record_scope(layer=) saw them
    taken = {_identity(v) for v in targets.values()}
    for layer in _recorded_layers(obj):
        found = _weights_under(layer, layer.__dict__[_RECORDED], available)
        if not any(_identity(w) in taken for w in found.values()):
            targets.update(found)
    missing += [n for n in targets if n not in available]
    if missing:
        raise KeyError(f"cannot load {path}: missing {', '.join(sorted(missing))}")
    loaded = {_identity(v) for v in targets.values()}
    unloaded = [_variable_name(v) for v in _own_variables(obj) if _identity(v) not in loaded]
    if unloaded:
        raise KeyError(f"cannot load {path}: no checkpoint value for {', '.join(sorted(unloaded))} "
                       "(no name in the checkpoint or the name map leads to them)")
    for name, var in targets.items():
        var.assign(reader.get_tensor(name))
    return sorted(targets)


def _own_variables(obj) -> list:
    """Every variable ``obj`` owns: a Keras layer's weights, a ``tf.Module``'s variables."""
    weights = getattr(obj, "weights", None)
    if weights is None and isinstance(obj, tf.Module):
        weights = obj.variables
    return list(weights or ())


def _is_layer(obj) -> bool:
    """A Keras layer or model (not a variable)."""
    return hasattr(obj, "weights") and not hasattr(obj, "assign")  # (variables have assign)


def _match_held_layers(obj, targets: dict, available) -> None:
    """The weights of Keras objects ``get_or_create_layer`` made in ``obj``'s decorated
    call, under the checkpoint's names where the names they have here are not all in it
    and the checkpoint has a name for each when its numbering is matched
    (``_as_numbered``, ``_weights_under``): TF1 numbered unnamed Keras objects across
    its graph (``model/sequential_1/dense_3/kernel``), Keras 3 across its process. (A
    functional model's weights are not below its name in TF1: those stay as they are.)"""
    store = obj.__dict__.get("_tf1to2_store")
    if store is None or not store.layers:
        return
    held = []
    for full, layer in store.layers.items():
        held.append((_join(full.rpartition("/")[0], layer.name), layer))
    names = _as_numbered([prefix for prefix, _ in held], available)
    for prefix, layer in held:
        mine = {_identity(w) for w in _own_variables(layer)}
        now = [name for name, var in targets.items() if _identity(var) in mine]
        if not mine or all(name in available for name in now):
            continue
        found = _weights_under(layer, names[prefix], available)
        if all(name in available for name in found) and {_identity(w) for w in found.values()} == mine:
            for name in now:
                del targets[name]
            targets.update(found)


def _weights_under(layer, prefix: str, available) -> dict:
    """TF1 name → weight, for the weights of ``layer`` (a Keras object whose TF1 name was
    ``prefix``): each below the Keras names of the layers that hold it, as TF1's
    tf.keras named it (``head/inner/kernel`` for the kernel of a Dense named ``inner``
    in a Sequential ``head``), with the children's numbering matched to the
    checkpoint's (``_as_numbered``). Read from the layers themselves, not from
    variable names (tf-keras names a Sequential's weights without the Sequential's
    name, Keras 3 with the path it was built under)."""
    children = _sublayers(layer)
    theirs = {_identity(w) for child in children for w in child.weights}
    out = {f"{prefix}/{_short_name(w)}": w for w in layer.weights if _identity(w) not in theirs}
    names = _as_numbered([f"{prefix}/{child.name}" for child in children], available)
    for child in children:
        out.update(_weights_under(child, names[f"{prefix}/{child.name}"], available))
    return out


def _recorded_layers(obj) -> list:
    """The layers below ``obj`` (its own attributes', lists' and nested layers') whose TF1
    scope ``record_scope(layer=)`` remembered, each once."""
    out, seen, todo = [], set(), list(_sublayers(obj)) if _is_layer(obj) else []
    while todo:
        layer = todo.pop(0)
        if id(layer) in seen:
            continue
        seen.add(id(layer))
        if _RECORDED in layer.__dict__:
            out.append(layer)
        todo.extend(_sublayers(layer))
    return out


def _sublayers(layer) -> list:
    """The layers ``layer`` holds directly (a Sequential's, a model's attributes)."""
    return list(layer._flatten_layers(include_self=False, recursive=False))


def _join(parent: str, name: str) -> str:
    return f"{parent}/{name}" if parent else name


def _short_name(variable) -> str:
    return variable.name.split(":")[0].rpartition("/")[2]


_NUMBERED = re.compile(r"(.*?)(?:_(\d+))?")


def _numbered(name: str) -> tuple:
    """``dense_3`` → (``dense``, 3); ``dense`` → (``dense``, 0): how TF1's tf.keras (and
    Keras 3) make a name unique, the first one bare."""
    base, n = _NUMBERED.fullmatch(name).groups()
    return base, int(n) if n else 0


def _below(prefix: str, available) -> set:
    """The names one level below ``prefix`` among the checkpoint's names (the top
    level's, for ``""``)."""
    start = prefix + "/" if prefix else ""
    return {name[len(start):].partition("/")[0] for name in available if name.startswith(start)}


def _as_numbered(prefixes: list, available) -> dict:
    """Each of ``prefixes`` (TF1 names of Keras objects, as this side numbered them) →
    the name the checkpoint has for it: TF1 numbered Keras objects of one base name
    (``sequential``, ``sequential_1``) in the order it made them across its whole graph,
    Keras 3 across its process, each from its own start. Those of one base beside one
    another are the same objects made by the same code in the same order, so where
    the checkpoint has names below each as they are, they stay; else where it has as
    many of that base there, the k-th made here is its k-th; else they stay (and
    loading says what is missing)."""
    groups: dict = {}
    for prefix in prefixes:
        parent, _, last = prefix.rpartition("/")
        groups.setdefault((parent, _numbered(last)[0]), []).append(prefix)
    out = {prefix: prefix for prefix in prefixes}
    for (parent, base), group in groups.items():
        if all(_below(prefix, available) for prefix in group):
            continue
        theirs = sorted((n for n in _below(parent, available) if _numbered(n)[0] == base),
                        key=lambda n: _numbered(n)[1])
        if len(theirs) == len(group):
            ours = sorted(group, key=lambda p: _numbered(p.rpartition("/")[2])[1])
            out.update({p: _join(parent, n) for p, n in zip(ours, theirs)})
    return out


def _identity(v) -> int:
    """The same variable whether seen as a Keras 3 variable or as the tf.Variable it holds."""
    inner = getattr(v, "_value", None)
    return id(inner) if isinstance(inner, tf.Variable) else id(v)


def _variable_name(v) -> str:
    return getattr(v, "path", None) or v.name


def checkpoint_names(name_map: Dict[str, str], variables) -> Dict[str, str]:
    """New TF1-style variable name → the checkpoint name it was, for those of
    ``variables`` (names) the run's name map renamed: its own entry, else the longest
    ``*/old → */new`` entry it ends with, else the longest entry of a Keras object it is
    below (``Model/head/inner/kernel`` → ``model/head/inner/kernel``)."""
    renamed = _prefix_renames([(new, old) for old, new in name_map.items()], variables)
    renamed.update(_wildcard_renames(name_map, variables))
    renamed.update({new: old for old, new in name_map.items() if new in variables})
    return renamed


def new_names(name_map: Dict[str, str], names) -> Dict[str, str]:
    """``checkpoint_names`` the other way: checkpoint name → the new name, for those of
    ``names`` (checkpoint names) the map renames: its own entry, else the longest
    ``*/old → */new`` entry it ends with, else the longest entry of a Keras object it is
    below."""
    renamed = _prefix_renames(list(name_map.items()), names)
    renamed.update(_wildcard_renames(name_map, names, forward=True))
    renamed.update({old: new for old, new in name_map.items() if old in names})
    return renamed


def _prefix_renames(pairs: list, names) -> Dict[str, str]:
    """Entries for a Keras object a layer holds (``nested_model/head`` →
    ``NestedModel/head``: its weights are below it on both sides): each of ``names``
    below a ``(from, to)`` pair's ``from`` → the same below its ``to``, the longest
    ``from`` winning."""
    pairs = sorted(((a, b) for a, b in pairs if not a.startswith("*/")), key=lambda p: -len(p[0]))
    out = {}
    for name in names:
        for a, b in pairs:
            if name.startswith(a + "/"):
                out[name] = b + name[len(a):]
                break
    return out


def _wildcard_renames(name_map: Dict[str, str], variables, forward: bool = False) -> Dict[str, str]:
    """``*/a/weights → */a/kernel`` entries (names under a scope known only at run time):
    new variable name → old checkpoint name (``forward``: old → new), the longest
    matching entry winning."""
    rules = [(old[2:], new[2:]) for old, new in name_map.items() if old.startswith("*/") and new.startswith("*/")]
    if forward:
        rules = [(new, old) for old, new in rules]
    rules.sort(key=lambda r: -len(r[1]))
    out = {}
    for name in variables:
        for old, new in rules:
            if name == new or name.endswith("/" + new):
                out[name] = name[: len(name) - len(new)] + old
                break
    return out


def _object_path(obj, path: str):
    """``conv_1/kernel`` or ``blocks/0/kernel`` → that attribute of ``obj``; a step that
    is no attribute (or one holding a tensor) may be the Keras name of a layer ``obj``
    holds (``model/dense``: the layer named ``dense`` of a functional model)."""
    for part in path.split("/"):
        if obj is None:
            return None
        if part.isdigit() and isinstance(obj, (list, tuple)):
            obj = obj[int(part)]
            continue
        found = getattr(obj, part, None)
        if hasattr(found, "shape") and hasattr(found, "dtype") and not hasattr(found, "assign"):
            found = None  # a tensor (a functional model's ``output``), not its layer named output
        if found is None and _is_layer(obj):
            found = next((c for c in _sublayers(obj) if c.name == part), None)
        obj = found
    return obj


# --------------------------------------------------------------------- Keras 3 store
_active = threading.local()  # the _Keras3Store of the decorated call running here
_original_get_single_variable = _vs._VariableStore._get_single_variable


def _get_single_variable_capturing_regularizer(self, *args, **kwargs):
    """TF1 stores put regularization losses in graph collections, which eager code
    never reads. While a Keras 3 shim call runs, hand the regularizer to its store
    instead, whichever store (ours, make_template's) creates the variable."""
    store = getattr(_active, "store", None)
    _active.in_store = getattr(_active, "in_store", 0) + 1  # what it creates is a store's (_Keras3Store._create)
    try:
        if store is None or not kwargs.get("regularizer"):
            if kwargs.get("regularizer") is not None:
                kwargs = {**kwargs, "regularizer": _reading_refs(kwargs["regularizer"])}
            return _original_get_single_variable(self, *args, **kwargs)
        store._regularizer = kwargs["regularizer"]
        try:
            return _original_get_single_variable(self, *args, **{**kwargs, "regularizer": None})
        finally:
            store._regularizer = None
    finally:
        _active.in_store -= 1


def _reading_refs(regularizer):
    """A Keras 3 regularizer (``tf.keras.regularizers.l2(...)``, what the rules write for
    slim's and contrib's) cannot take the reference variables of a TF1 graph built with
    ``disable_v2_behavior()`` ("Invalid dtype: float32_ref"): it is handed the variable's
    value, what TF1's own regularizers read from it."""
    if not type(regularizer).__module__.startswith("keras"):
        return regularizer

    def read_first(variable):
        dtype = getattr(variable, "dtype", None)
        return regularizer(variable.value() if getattr(dtype, "_is_ref_dtype", False) else variable)
    return read_first


def _on_value(regularizer):
    """Keras 3 hands a weight's regularizer its own variable type, which a TF1
    regularizer other than Keras' (slim's ``l2_regularizer`` reads ``dtype.base_dtype``)
    does not take: it is handed the variable's value, as TF1 did."""
    def on_value(variable):
        return regularizer(tf.convert_to_tensor(variable))
    return on_value


_vs._VariableStore._get_single_variable = _get_single_variable_capturing_regularizer
class _Keras3Store(_vs._VariableStore):
    """TF1 variable store of one object under Keras 3.

    TensorFlow's own store does naming, reuse checks and initializers. Variables are
    created by ``VariableV1`` through the creator installed for the whole call (so
    ``make_template``'s own store is caught too); that creator turns them into weights
    of the object. ``tf.Variable``s (Keras 3 sublayers' weights) are not V1 and pass by.
    Like tf-keras' shim, it always acts as if reuse were AUTO_REUSE: a second call
    returns the variables of the first.
    """

    def __init__(self, owner):
        super().__init__()
        self._store_eager_variables = True
        self.owner = owner
        self.by_name: Dict[str, object] = {}
        self.layers: Dict[str, object] = {}
        # For a tf.Module, which has no ``losses``: TF1 name → its regularization loss.
        self.module_regularizers: Dict[str, Callable] = {}
        # Keras 3 counts the regularizers of trainable weights only; TF1 counted every
        # regularized variable's loss, frozen ones too: TF1 name → its loss, added per call.
        self.frozen_regularizers: Dict[str, Callable] = {}
        self._frozen_added_in = None  # the Keras call context they were last added in
        self._regularizer = None
        # ``tf.compat.v1.Variable``s made directly (not by get_variable): TF1 name → the
        # variable, and how many of each name this call has made so far
        self._direct: Dict[str, object] = {}
        self._direct_seen: Dict[str, int] = {}

    @classmethod
    def of(cls, owner) -> "_Keras3Store":
        store = owner.__dict__.get("_tf1to2_store")
        if store is None:
            store = cls(owner)
            object.__setattr__(owner, "_tf1to2_store", store)  # not tracked as state
            if not _is_keras3_layer(owner):
                owner._tf1to2_variables = {}  # tf.Module tracks what this dict holds
                owner._tf1to2_layers = {}
        return store

    @contextlib.contextmanager
    def active(self):
        previous = getattr(_active, "store", None)
        _active.store = self
        self._direct_seen = {}
        try:
            with _vs.with_variable_store(self), tf.variable_creator_scope(self._create), _unlocked(self.owner):
                yield
        finally:
            _active.store = previous

    def _get_single_variable(self, name, shape=None, dtype=tf.float32, initializer=None,
                             regularizer=None, reuse=None, **kwargs):
        if name in self._vars:
            found = self._vars[name]
            if shape is not None and not tf.TensorShape(shape).is_compatible_with(found.shape):
                raise ValueError(f"Trying to share variable {name}, but specified shape {shape} "
                                 f"and found shape {found.shape}.")
            return found
        return super()._get_single_variable(
            name, shape=shape, dtype=dtype, initializer=initializer, regularizer=regularizer,
            reuse=reuse, **kwargs)

    def _create(self, next_creator, **kw):
        if "use_resource" not in kw:  # tf.Variable / Keras weights: not ours
            return next_creator(**kw)
        name = kw["name"]
        if not getattr(_active, "in_store", 0):
            # ``tf.compat.v1.Variable(...)`` itself, not through a store's get_variable: TF1
            # made it once per graph, under the name scope's name, numbered (``scale``,
            # ``scale_1``); the first call makes it, later calls get the one made at the
            # same place in the call (the n-th of that name), as get_variable's reuse does
            name = _direct_name(name, self._direct_seen)
            if name in self._direct:
                return self._direct[name]
        regularizer, self._regularizer = self._regularizer, None
        if callable(regularizer) and _is_keras3_layer(self.owner) and \
                not type(regularizer).__module__.startswith("keras"):
            regularizer = _on_value(regularizer)
        trainable = kw.get("trainable")
        if trainable is None:
            trainable = kw.get("synchronization") != tf.VariableSynchronization.ON_READ
        with tf.init_scope():
            init = kw["initial_value"]
            value = tf.convert_to_tensor(init() if callable(init) else init, dtype=kw.get("dtype"))
            if _is_keras3_layer(self.owner):
                with _outside_keras_stateless_scope():
                    weight = self.owner.add_weight(
                        name=name.replace("/", "."), shape=value.shape, dtype=value.dtype,
                        initializer=lambda shape, dtype=None: value, trainable=trainable,
                        regularizer=regularizer, constraint=kw.get("constraint"), autocast=False,
                    )
                variable = weight._value  # the tf.Variable behind the Keras weight
                # tf.train.Checkpoint follows a Keras 3 layer's attributes (as Dense's
                # ``_kernel``), not add_weight's list nor weights kept in a dict.
                setattr(self.owner, _attribute_for(name), weight)
                if regularizer is not None and not trainable:
                    self.frozen_regularizers[name] = functools.partial(regularizer, weight)
            else:
                kw = {**kw, "initial_value": value, "trainable": trainable}
                weight = variable = next_creator(**kw)
                self.owner._tf1to2_variables[name] = variable
                if regularizer is not None:
                    self.module_regularizers[name] = functools.partial(regularizer, variable)
        self.by_name[name] = weight
        if not getattr(_active, "in_store", 0):
            self._direct[name] = variable
        return variable

    def add_frozen_losses(self) -> None:
        """The losses of regularized non-trainable variables, which Keras 3 leaves out of
        ``losses``: added to the owner once per outermost Keras call (Keras clears them
        when the next one starts)."""
        if not self.frozen_regularizers or not _is_keras3_layer(self.owner):
            return
        from keras.src.backend.common import global_state
        context = global_state.get_global_attribute("current_call_ctx")
        if context is not None and context is self._frozen_added_in:
            return
        self._frozen_added_in = context
        for loss in self.frozen_regularizers.values():
            self.owner.add_loss(loss())

    def get_or_create_layer(self, name, create_layer_method):
        scope = tf.compat.v1.get_variable_scope().name
        full = _join(scope, name)
        if full not in self.layers:
            layer = create_layer_method()
            self.layers[full] = layer
            if _is_keras3_layer(self.owner):
                setattr(self.owner, "_tf1to2_layer_" + full.replace("/", "__"), layer)
            else:
                self.owner._tf1to2_layers[full] = layer
        return self.layers[full]


@contextlib.contextmanager
def _direct_name_scope(layer):
    """In a decorated ``build`` of a Keras ``layer``, the layer's name first in the TF1
    names of the ``tf.compat.v1.Variable``s it makes: TF1's Keras built a layer in its
    name scope, which named those (``scale/w``; get_variable's names follow variable
    scopes only). A layer built inside another was in that one's scope too, which is not
    known here."""
    previous = getattr(_active, "direct_scope", None)
    _active.direct_scope = layer.name if layer is not None else previous
    try:
        yield
    finally:
        _active.direct_scope = previous


def _direct_name(name: Optional[str], seen: Dict[str, int]) -> str:
    """The TF1 name of a ``tf.compat.v1.Variable`` made directly in a decorated call: the
    variable scope's path and its name (``Variable`` unless given), numbered as TF1
    numbered a name made again in one graph (``scale``, ``scale_1``); ``seen`` counts
    those of this call. (In a decorated ``build``, below the layer's name:
    ``_direct_name_scope``.)"""
    scope = "/".join(filter(None, (getattr(_active, "direct_scope", None), tf.compat.v1.get_variable_scope().name)))
    full = _join(scope, name or "Variable")
    count = seen.get(full, 0)
    seen[full] = count + 1
    return full if not count else f"{full}_{count}"


@contextlib.contextmanager
def _direct_variables_on_tf_keras(owner):
    """tf-keras' decorator tracks what ``get_variable`` makes, not ``tf.compat.v1.Variable``
    made directly, which would be made again on every call and never be a weight: the
    first call makes each (named as ``_direct_name`` says) and tracks it as an attribute
    of the object; later calls get the one made at the same place in the call."""
    made = owner.__dict__.get("_tf1to2_direct")
    if made is None:
        made = {}
        object.__setattr__(owner, "_tf1to2_direct", made)  # (the attributes are what is tracked)
    seen: Dict[str, int] = {}
    _mark_tf_keras_weights()

    def create(next_creator, **kw):
        if "use_resource" not in kw or getattr(_active, "keras_weight", 0):
            return next_creator(**kw)  # tf.Variable (tf-keras' own store), a tf-keras layer's weight
        name = _direct_name(kw.get("name"), seen)
        if name not in made:
            with tf.init_scope():
                made[name] = next_creator(**kw)
            setattr(owner, _attribute_for(name), made[name])
        return made[name]

    with tf.variable_creator_scope(create):
        yield


def _mark_tf_keras_weights() -> None:
    """tf-keras layers make their weights as ``tf.compat.v1.Variable`` objects too (through
    ``base_layer_utils.make_variable``): while one does, ``_active.keras_weight`` says so,
    so that ``_direct_variables_on_tf_keras`` lets it pass."""
    utils = sys.modules.get("tf_keras.src.engine.base_layer_utils")
    if utils is None or getattr(utils.make_variable, "_tf1to2", False):
        return
    original = utils.make_variable

    @functools.wraps(original)
    def make_variable(*args, **kwargs):
        _active.keras_weight = getattr(_active, "keras_weight", 0) + 1
        try:
            return original(*args, **kwargs)
        finally:
            _active.keras_weight -= 1
    make_variable._tf1to2 = True
    utils.make_variable = make_variable


def _attribute_for(tf1_name: str) -> str:
    return "_tf1__" + tf1_name.replace("/", "__").replace(".", "_")


@contextlib.contextmanager
def _outside_keras_stateless_scope():
    """Keras 3 traces ``call`` for functional-model construction inside a "stateless
    scope", where new weights stay uninitialised placeholders. TF1-style variables are
    real from the first call (as they were in TF1 and are with tf-keras), so they are
    created outside it."""
    try:
        from keras.src.backend.common import global_state
    except ImportError:  # pragma: no cover - a Keras 3 without this module
        yield
        return
    saved = global_state.get_global_attribute("stateless_scope")
    global_state.set_global_attribute("stateless_scope", None)
    try:
        yield
    finally:
        global_state.set_global_attribute("stateless_scope", saved)


@contextlib.contextmanager
def _unlocked(owner):
    """Keras 3 locks a layer's state once built; TF1-style code creates its variables in
    the first call, after that. Open the lock for the call, as tf-keras never had one."""
    tracker = getattr(owner, "_tracker", None) if _is_keras3_layer(owner) else None
    if tracker is None or not tracker.locked:
        yield
        return
    tracker.unlock()
    try:
        yield
    finally:
        tracker.lock()


def module_regularization_losses(module: tf.Module) -> list:
    """Regularization losses of the TF1-style variables of a ``tf.Module`` (Keras layers
    report theirs in ``layer.losses``)."""
    store = module.__dict__.get("_tf1to2_store")
    if store is not None:
        return [fn() for fn in store.module_regularizers.values()]
    legacy = getattr(module, "_tf1_style_var_store", None)
    if legacy is not None:
        return [fn() for fn in legacy._regularizers.values()]
    return []
