"""TF1's tf.keras under Keras 3 (TensorFlow 2.21's tf.keras), for the tf-api stage: the
names Keras 3 lacks (``keras_gap``: the table's ``KERAS_GAPS``, with ``KERAS_ADVICE``
where it has none), and the calls whose meaning Keras 3 changed without an error, in
TF1 code (not code spelled through ``tf.compat.v2``, which means Keras 3's).

TF1's tf.keras was tf-keras' v1 API. Under the same names Keras 3 computes otherwise:

- ``LSTM`` / ``LSTMCell`` / ``ConvLSTM2D`` (and 1D / 3D) / ``GRU`` / ``GRUCell``: TF1's
  recurrent activation was ``hard_sigmoid``, Keras 3's is ``sigmoid``; TF1's GRU applied
  the reset gate before the recurrent kernel (``reset_after=False``), Keras 3's after
  (and its bias has another shape, so TF1 weights do not load).
- ``hard_sigmoid`` itself: TF1's was ``clip(0.2 x + 0.5, 0, 1)``, Keras 3's
  ``clip(x / 6 + 0.5, 0, 1)``. Wherever TF1 code names it (the string ``'hard_sigmoid'``
  given as a Keras activation, ``tf.keras.activations.hard_sigmoid``) it becomes the
  shim's ``tf1to2.hard_sigmoid``, TF1's (``tf.keras.backend.hard_sigmoid`` is still TF1's).
- ``tf.keras.optimizers.X(decay=d)``: TF1's optimizers divided the learning rate by
  ``1 + d * iterations``; Keras 3's ignore ``decay`` (a warning at run time). It becomes
  the learning rate ``tf.keras.optimizers.schedules.InverseTimeDecay(lr, decay_steps=1,
  decay_rate=d)``, the same rate at each step. ``lr=`` (TF1's alias, which Keras 3
  rejects) becomes ``learning_rate=``.
- ``tf.keras.regularizers.l1_l2()``: TF1's defaults were 0.01 and 0.01, Keras 3's 0.0;
  the missing ones are written out.
- ``tf.keras.optimizers.RMSprop`` without momentum (TF1's step divided by ``sqrt(ms) +
  epsilon``, Keras 3's by ``sqrt(ms + epsilon)``) and ``Nadam`` (TF1's momentum schedule
  decayed 250 times slower) become the shim's ``tf1to2.keras_optimizers`` classes: Keras
  3's optimizers with TF1's updates.

- Arguments and methods Keras 3 raises at: ``fit_generator`` & co → ``fit`` & co;
  ``workers=`` / ``use_multiprocessing=`` / ``max_queue_size=`` dropped;
  ``predict_proba`` → ``predict``; ``predict_classes`` → ``tf1to2.predict_classes``;
  ``relu`` / ``LeakyReLU``'s ``alpha=`` → ``negative_slope=``; TensorBoard's logging
  settings Keras 3 dropped, ``ModelCheckpoint(period=1)``, ``BatchNormalization(fused=)``,
  ``Embedding(input_length=)`` dropped; another ``period=`` and checkpoint file names Keras
  3 refuses are said.

Measured: ``tests/numeric/tf1_keras_calls.py`` runs golden ``tf-api/tf1_keras_calls``'s
original under TF1's tf.keras and its rewrite under Keras 3, with the same weights.

Will not touch: recurrent layers spelled ``tf.keras`` in a module written for TensorFlow 2
(it spells ``tf.compat``, ``GradientTape``, ``tf.function`` or ``.numpy()``): TF2's tf.keras
already had Keras 3's recurrent defaults (said at the line; ``tf.compat.v1.keras``'s are
TF1's wherever spelled); calls passing ``**kwargs`` (the arguments are not known: said at the
line), code spelled through ``tf.compat.v2``, standalone ``keras`` (Keras 2.x's own
package, another API), and an ``RMSprop`` / ``Nadam`` given ``epsilon=`` by keyword:
that is what the optimizers stage writes for TF1's ``tf.train`` optimizers (always),
meaning Keras 3's (said at the line where the epsilon is not the one it writes by default).
"""
from __future__ import annotations

import re
from typing import Optional

import libcst as cst

from rules import tf_api_table as table
from rules.aliases import canonicalize
from rules.edit import bound_arguments, keyword, new_keyword, rebuild_args

# tf.keras names TF1's tf.keras (tf-keras) had and TF2's tf.keras, Keras 3 by default,
# has nowhere (the table's KERAS_GAPS without a home): what to use instead.
_NO_SESSION = ("Keras 3 has no session: run TF1 graphs in a tf.compat.v1.Session of their own, or the model "
               "eagerly")
_NO_PHASE = "Keras 3 has no learning phase: pass training=True / False to the model's or layer's call"
_FEATURE_COLUMNS = ("Keras 3 has no feature columns: use Keras preprocessing layers (tf.keras.utils.FeatureSpace), "
                    "or tf.compat.v1.feature_column.input_layer in a TF1 graph")
KERAS_ADVICE = {
    "backend.get_session": _NO_SESSION,
    "backend.set_session": _NO_SESSION,
    "backend.learning_phase": _NO_PHASE,
    "backend.set_learning_phase": _NO_PHASE,
    "backend.learning_phase_scope": _NO_PHASE,
    "backend.in_train_phase": f"{_NO_PHASE}, and pick with tf.cond or tf.where on it",
    "backend.in_test_phase": f"{_NO_PHASE}, and pick with tf.cond or tf.where on it",
    "backend.function": "Keras 3 has no graph functions: call the model (or model.predict), or wrap the "
                        "computation in tf.function",
    "backend.placeholder": "use tf.keras.Input for a model's input, or tf.compat.v1.placeholder in a TF1 graph",
    "backend.print_tensor": "use tf.print",
    "backend.manual_variable_initialization": _NO_SESSION,
    "backend.reset_uids": "Keras 3 has no per-prefix name counters to reset (tf.keras.backend.clear_session "
                          "resets its names)",
    "layers.CuDNNLSTM": "tf.keras.layers.LSTM uses cuDNN where it can (its weights are laid out otherwise: "
                        "convert saved CuDNNLSTM weights)",
    "layers.CuDNNGRU": "tf.keras.layers.GRU(reset_after=True, recurrent_activation='sigmoid') uses cuDNN where it "
                       "can (its weights are laid out otherwise: convert saved CuDNNGRU weights)",
    "layers.DenseFeatures": _FEATURE_COLUMNS,
    "experimental.SequenceFeatures": _FEATURE_COLUMNS,
    "models.LinearModel": _FEATURE_COLUMNS,
    "models.WideDeepModel": _FEATURE_COLUMNS,
    "experimental.LinearModel": _FEATURE_COLUMNS,
    "experimental.WideDeepModel": _FEATURE_COLUMNS,
    "models.model_from_yaml": "Keras dropped YAML (it could run code): save the model as JSON "
                              "(model_from_json) or as a .keras file",
    "estimator": "tf.estimator was removed in TensorFlow 2.16: train the Keras model with model.fit",
}
_KERAS_ROOTS = ("tf.keras.", "tf.compat.v1.keras.")


# ``tensorflow.compat.v1.keras`` is an attribute of TF 2.21's compat.v1, not a module: an
# import of it (or of a module in it) fails; it is tf.keras itself under Keras 3
_KERAS_COMPAT = ("tensorflow.compat.v1.keras", "tensorflow.compat.v2.keras")
KERAS_COMPAT_MODULE = ("TensorFlow 2.21 cannot import tf.compat.v1.keras's modules by name; under Keras 3, the "
                       "default, tf.compat.v1.keras is tf.keras")


def keras_import_module(module: str) -> str:
    """``tensorflow.compat.v1.keras.layers`` → ``tensorflow.keras.layers``; others as they are."""
    for old in _KERAS_COMPAT:
        if module == old or module.startswith(old + "."):
            return "tensorflow.keras" + module[len(old):]
    return module


def keras_tail(q: Optional[str]) -> Optional[str]:
    """``tf.keras.backend.learning_phase`` (however spelled) → ``backend.learning_phase``."""
    for root in _KERAS_ROOTS:
        if q is not None and q.startswith(root):
            return q[len(root):]
    return None


def keras_module_tail(module: str) -> Optional[str]:
    """``tensorflow.keras.layers`` (or ``tensorflow.compat.v1.keras.layers``) → ``layers``;
    ``tensorflow.keras`` → ``""``; None for a module outside tf.keras."""
    q = canonicalize(module)
    if q in ("tf.keras", "tf.compat.v1.keras"):
        return ""
    return keras_tail(q)


def keras_gap(path: str) -> Optional[tuple[str, str]]:
    """A tf.keras path (``losses.mean_squared_error.__name__``) → (the name TF2's tf.keras
    lacks, ``losses.mean_squared_error``; its home there, ``losses.mse``, or ``""``), or
    None when TF2's tf.keras has it all. The longest listed name wins: a name with a home
    inside a module tf.keras lost (``layers.experimental.preprocessing.Rescaling``)."""
    parts = path.split(".")
    for n in range(len(parts), 0, -1):
        key = ".".join(parts[:n])
        if key in table.KERAS_GAPS:
            return key, table.KERAS_GAPS[key]
    return None


def keras_gap_problem(key: str, path: Optional[str] = None) -> str:
    """What to say where the code reads ``path`` (``experimental.LinearCosineDecay``), of
    which TF2's tf.keras lacks ``key`` (``experimental``), with KERAS_ADVICE's advice."""
    name = key
    if path is not None and path != key and key.rpartition(".")[2][:1].islower():  # a name in a module it lost
        name = ".".join(path.split(".")[:key.count(".") + 2])
    advice = next((KERAS_ADVICE[k] for k in (name, *(name.rsplit(".", i)[0] for i in range(1, name.count(".") + 1)))
                   if k in KERAS_ADVICE), None)
    head = f"tf.keras.{name} does not exist in TensorFlow {table.TF_VERSION}'s tf.keras (Keras 3, the default)"
    if name != key:
        head += f", nor does tf.keras.{key}"
    legacy = "tf-keras has it (pip install tf-keras, and set TF_USE_LEGACY_KERAS=1 before TensorFlow is imported)"
    return f"{head}: {advice}; or keep TF1's Keras: {legacy}" if advice else f"{head}; {legacy}"


# class → (its parameters in order up to recurrent_activation, reset_after's position or
# None), as TF1's tf.keras (tf-keras' v1 API) had them
RECURRENT = {
    "layers.LSTM": (("units", "activation", "recurrent_activation"), None),
    "layers.LSTMCell": (("units", "activation", "recurrent_activation"), None),
    "layers.GRU": (("units", "activation", "recurrent_activation"), 21),
    "layers.GRUCell": (("units", "activation", "recurrent_activation"), 15),
    **{f"layers.ConvLSTM{n}D": (("filters", "kernel_size", "strides", "padding", "data_format", "dilation_rate",
                                 "activation", "recurrent_activation"), None) for n in (1, 2, 3)},
}
HARD_SIGMOID = "tf1to2.hard_sigmoid"
# (``tf.keras.backend.hard_sigmoid``, Keras 3's legacy backend, is still TF1's)
HARD_SIGMOID_NAMES = ("activations.hard_sigmoid",)
# TF1's tf.keras optimizers' default learning rates (tf-keras' v1 API)
OPTIMIZER_RATES = {"SGD": "0.01", "Adam": "0.001", "RMSprop": "0.001", "Adagrad": "0.001", "Adadelta": "0.001",
                   "Adamax": "0.001", "Nadam": "0.001", "Ftrl": "0.001"}
# TF1's tf.keras optimizers whose update Keras 3 computes otherwise: the shim's, TF1's
TF1_OPTIMIZERS = {
    "RMSprop": ("TF1's step without momentum was lr * g / (sqrt(ms) + epsilon), Keras 3's is lr * g / "
                "sqrt(ms + epsilon): smaller where gradients are small"),
    "Nadam": "TF1's momentum schedule decayed as 0.96 ** (0.004 * step), Keras 3's as 0.96 ** step",
}
SHIM_OPTIMIZERS = "tf1to2.keras_optimizers"
# the epsilons the optimizers stage writes for tf.train's RMSProp and contrib's Nadam
TRAIN_EPSILONS = {"RMSprop": 1e-10, "Nadam": 1e-8}


def _string(expr: cst.BaseExpression) -> Optional[str]:
    if isinstance(expr, cst.SimpleString):
        return expr.evaluated_value if isinstance(expr.evaluated_value, str) else None
    return None


def hard_sigmoid_arguments(args) -> list[int]:
    """Positions of the arguments naming ``'hard_sigmoid'`` as an activation."""
    return [i for i, a in enumerate(args) if _string(a.value) == "hard_sigmoid" and (
        a.keyword is None or a.keyword.value.endswith("activation"))]


class Plan:
    """What to change in one call: ``messages`` (one per change), ``warnings``, and the
    call rewritten (``apply``)."""

    def __init__(self) -> None:
        self.func: Optional[str] = None  # the callee it becomes
        self.rename: Optional[str] = None  # the method it calls instead
        self.receiver_first = False  # ``func`` gets the method's receiver as its first argument
        self.module: Optional[str] = None  # a module it needs imported
        self.messages: list[str] = []
        self.warnings: list[str] = []
        self.replace: dict[int, cst.Arg] = {}  # position → the argument it becomes
        self.added: list[cst.Arg] = []
        self.shim = False

    def apply(self, call: cst.Call) -> cst.Call:
        args = [self.replace.get(i, a) for i, a in enumerate(call.args)] + self.added
        args = [a for a in args if a is not None]
        call = call.with_changes(args=rebuild_args(call, args))
        if self.rename is not None:
            call = call.with_changes(func=call.func.with_changes(attr=cst.Name(self.rename)))
        if self.receiver_first:  # ``model.predict_classes(x)`` → ``func(model, x)``
            receiver = cst.Arg(call.func.value, comma=cst.Comma(whitespace_after=cst.SimpleWhitespace(" ")))
            return call.with_changes(func=cst.parse_expression(self.func), args=[receiver, *call.args])
        return call if self.func is None else call.with_changes(func=cst.parse_expression(self.func))


# what marks a module as written for TensorFlow 2 (whose tf.keras, tf-keras' v2 API, had
# Keras 3's recurrent defaults): TF2's compat modules spelled out, its eager idioms
TF2_CODE = re.compile(r"\bcompat\.v[12]\b|\bGradientTape\b|@(?:tf\.)?function\b|\.numpy\(\)")
TF2_RECURRENT = ("this module reads as TensorFlow 2 code (it spells tf.compat / GradientTape / tf.function / "
                 ".numpy()), whose tf.keras had Keras 3's defaults: left")


def plan_call(call: cst.Call, tail: str, schedules: str, tf2_code: bool = False) -> Optional[Plan]:
    """What TF1's ``tf.keras.<tail>(...)`` call needs to mean the same under Keras 3
    (None: nothing). ``schedules``: how the module spells tf.keras.optimizers.schedules.
    ``tf2_code``: the call is spelled ``tf.keras`` in a module written for TensorFlow 2
    (``TF2_CODE``), whose recurrent layers' defaults were Keras 3's: said, not written."""
    plan = Plan()
    starred = any(a.star for a in call.args)
    module, _, name = tail.rpartition(".")
    if tail in RECURRENT:
        _recurrent(call, tail, plan, tf2_code)
    for i in hard_sigmoid_arguments(call.args) if module.startswith("layers") or tail == "layers.Activation" else []:
        a = call.args[i]
        plan.replace[i] = a.with_changes(value=cst.parse_expression(HARD_SIGMOID))
        plan.shim = True
        plan.messages.append(f"tf.keras.{tail}(...'hard_sigmoid') → {HARD_SIGMOID} (TF1's, clip(0.2 x + 0.5); "
                             "Keras 3's is clip(x / 6 + 0.5))")
    if module == "optimizers" and name in OPTIMIZER_RATES:
        _optimizer(call, name, plan, schedules)
    if tail in ("callbacks.ModelCheckpoint", "callbacks.TensorBoard"):
        _callback(call, tail, plan)
    for i, new, message in plan_renamed_keywords(call, tail):
        plan.replace[i] = None if new is None else keyword(call.args[i], new)
        plan.messages.append(message)
    if tail == "regularizers.l1_l2":
        given = bound_arguments(call, ("l1", "l2"))
        if given is None:
            if starred:
                plan.warnings.append("tf.keras.regularizers.l1_l2(**...): TF1's defaults were l1=0.01, l2=0.01, "
                                     "Keras 3's are 0.0; the arguments are not known here: pass both")
        else:
            missing = [k for k in ("l1", "l2") if k not in given]
            plan.added.extend(new_keyword(k, "0.01") for k in missing)
            if missing:
                plan.messages.append(f"tf.keras.regularizers.l1_l2: {', '.join(f'{k}=0.01' for k in missing)} "
                                     "(TF1's defaults; Keras 3's are 0.0)")
    if not plan.messages and not plan.warnings:
        return None
    return plan


def _recurrent(call: cst.Call, tail: str, plan: Plan, tf2_code: bool) -> None:
    """TF1's recurrent defaults (``recurrent_activation``, GRU's ``reset_after``) the call
    leaves to the layer: written out; said where the arguments are not known or the module
    is TF2 code (``tf2_code``)."""
    params, reset_at = RECURRENT[tail]
    positional = [a for a in call.args if a.keyword is None and not a.star]
    given = {params[i] if i < len(params) else "" for i in range(len(positional))} | {
        a.keyword.value for a in call.args if a.keyword is not None}
    activation = "recurrent_activation" not in given
    gru = reset_at is not None and "reset_after" not in given and len(positional) <= reset_at
    if not activation and not gru:
        return
    tf1 = (f"TF1's tf.keras defaulted to recurrent_activation='hard_sigmoid'{' and reset_after=False' if gru else ''},"
           f" Keras 3 defaults to 'sigmoid'{' and True' if gru else ''}")
    fix = f"recurrent_activation={HARD_SIGMOID}{', reset_after=False' if gru else ''}"
    if tf2_code:
        plan.warnings.append(f"tf.keras.{tail}: {tf1}, as TF2's did; {TF2_RECURRENT}; if it ran under TensorFlow 1, "
                             f"pass {fix}")
    elif any(a.star for a in call.args):
        plan.warnings.append(f"tf.keras.{tail}(*...): {tf1}; the arguments are not known here: pass {fix} unless "
                             "they are given")
    else:
        if activation:
            plan.added.append(new_keyword("recurrent_activation", HARD_SIGMOID))
            plan.shim = True
            plan.messages.append(f"tf.keras.{tail}: recurrent_activation={HARD_SIGMOID} (TF1's default, "
                                 "hard_sigmoid as TF1 computed it; Keras 3's default is sigmoid)")
        if gru:
            plan.added.append(new_keyword("reset_after", "False"))
            plan.messages.append(f"tf.keras.{tail}: reset_after=False (TF1's default: the reset gate before the "
                                 "recurrent kernel, and TF1's bias shape; Keras 3's default is True)")


def _optimizer(call: cst.Call, name: str, plan: Plan, schedules: str) -> None:
    keywords = {a.keyword.value: i for i, a in enumerate(call.args) if a.keyword is not None}
    if any(a.star == "**" for a in call.args) and ("decay" not in keywords or "lr" not in keywords):
        plan.warnings.append(f"tf.keras.optimizers.{name}(**...): TF1's optimizers took lr= and decay= (the "
                             "learning rate divided by 1 + decay * iterations); Keras 3's reject lr= and ignore "
                             "decay=; the arguments are not known here")
    rate_at = keywords.get("lr", keywords.get("learning_rate"))
    positional = [i for i, a in enumerate(call.args) if a.keyword is None and not a.star]
    if rate_at is None and positional:
        rate_at = positional[0]
    if "lr" in keywords and "learning_rate" not in keywords:
        i = keywords["lr"]
        plan.replace[i] = keyword(call.args[i], "learning_rate")
        plan.messages.append(f"tf.keras.optimizers.{name}(lr=...) → learning_rate= (TF1's alias; Keras 3 "
                             "rejects lr=)")
    if name in TF1_OPTIMIZERS and "epsilon" in keywords:
        # what the optimizers stage writes for tf.train's RMSPropOptimizer / contrib's
        # NadamOptimizer (epsilon= always: TF1's 1e-10 / 1e-8 unless the code set one):
        # Keras 3's, as meant; said where the epsilon is not the one it writes by default
        epsilon = call.args[keywords["epsilon"]].value
        if not (isinstance(epsilon, cst.Float) and float(epsilon.value) == TRAIN_EPSILONS[name]):
            plan.warnings.append(f"tf.keras.optimizers.{name}(..., epsilon=...) is read as Keras 3's "
                                 f"(what tf1to2 writes for TF1's tf.train optimizer); if it is TF1's tf.keras "
                                 f"{name}, write {SHIM_OPTIMIZERS}.{name}: {TF1_OPTIMIZERS[name]}")
    elif name in TF1_OPTIMIZERS:
        momentum = call.args[keywords["momentum"]].value if "momentum" in keywords else \
            call.args[positional[2]].value if name == "RMSprop" and len(positional) > 2 else None
        if not (isinstance(momentum, (cst.Integer, cst.Float)) and float(momentum.value) != 0.0):
            plan.func = f"{SHIM_OPTIMIZERS}.{name}"
            plan.module = SHIM_OPTIMIZERS
            plan.messages.append(f"tf.keras.optimizers.{name} → {plan.func} (Keras 3's {name} with TF1's update: "
                                 f"{TF1_OPTIMIZERS[name]})")
    if "decay" not in keywords or name == "Nadam":  # TF1's Nadam ignored decay= (so does the shim's)
        return
    d = keywords["decay"]
    decay = call.args[d].value
    if isinstance(decay, (cst.Integer, cst.Float)) and float(decay.value) == 0.0:
        plan.replace[d] = None
        plan.messages.append(f"tf.keras.optimizers.{name}(decay=0) → dropped (no decay; Keras 3 has no decay=)")
        return
    rate = cst.parse_expression(OPTIMIZER_RATES[name]) if rate_at is None else call.args[rate_at].value
    schedule = cst.Call(func=cst.parse_expression(f"{schedules}.InverseTimeDecay"), args=[
        cst.Arg(rate, comma=cst.Comma(whitespace_after=cst.SimpleWhitespace(" "))),
        new_keyword("decay_steps", "1").with_changes(comma=cst.Comma(whitespace_after=cst.SimpleWhitespace(" "))),
        keyword(cst.Arg(decay), "decay_rate")])
    plan.replace[d] = None
    if rate_at is None:
        plan.added.append(keyword(cst.Arg(schedule), "learning_rate"))
    else:
        old = plan.replace.get(rate_at, call.args[rate_at])
        plan.replace[rate_at] = old.with_changes(value=schedule)
    plan.messages.append(f"tf.keras.optimizers.{name}(decay=...) → learning_rate=InverseTimeDecay(lr, "
                         "decay_steps=1, decay_rate=decay) (TF1's lr / (1 + decay * iterations); Keras 3 ignores "
                         "decay=)")


# the optimizer names ``model.compile`` took whose TF1 optimizer the shim has
COMPILED_BY_NAME = {"rmsprop": "RMSprop", "nadam": "Nadam"}


def plan_compile(call: cst.Call) -> Optional[Plan]:
    """``model.compile(optimizer='rmsprop')`` (or first, or ``'nadam'``): TF1's Keras made
    its own RMSprop / Nadam of the name, which Keras 3 computes otherwise: the shim's."""
    for i, a in enumerate(call.args):
        if (a.keyword is None and i == 0 and not a.star) or (a.keyword is not None and a.keyword.value == "optimizer"):
            name = _string(a.value)
            shim = COMPILED_BY_NAME.get((name or "").lower())
            if shim is None:
                return None
            plan = Plan()
            plan.replace[i] = a.with_changes(value=cst.parse_expression(f"{SHIM_OPTIMIZERS}.{shim}()"))
            plan.messages.append(f"compile(optimizer={a.value.value}) → {SHIM_OPTIMIZERS}.{shim}() (Keras 3's {shim} "
                                 f"with TF1's update: {TF1_OPTIMIZERS[shim]})")
            plan.module = SHIM_OPTIMIZERS
            return plan
    return None


# TF1's tf.keras Model methods Keras 3 lacks → (Keras 3's, TF1's parameters in order);
# the parameters Keras 3's take elsewhere (a PyDataset's), dropped
GENERATOR_METHODS = {
    "fit_generator": ("fit", ("generator", "steps_per_epoch", "epochs", "verbose", "callbacks", "validation_data",
                              "validation_steps", "validation_freq", "class_weight", "max_queue_size", "workers",
                              "use_multiprocessing", "shuffle", "initial_epoch")),
    "evaluate_generator": ("evaluate", ("generator", "steps", "callbacks", "max_queue_size", "workers",
                                        "use_multiprocessing", "verbose")),
    "predict_generator": ("predict", ("generator", "steps", "callbacks", "max_queue_size", "workers",
                                      "use_multiprocessing", "verbose")),
}
WORKER_SETTINGS = ("max_queue_size", "workers", "use_multiprocessing")


def plan_generator_method(call: cst.Call, method: str, defined_by: Optional[str]) -> Optional[Plan]:
    """``model.fit_generator(gen, 100, epochs=3, workers=4)`` → ``model.fit(gen,
    steps_per_epoch=100, epochs=3)``: TF1's Keras method, which Keras 3 lacks (its ``fit``
    takes generators and Sequences); arguments by TF1's names, the worker settings Keras 3
    takes on a PyDataset dropped (the data are the same, read by one worker). Left, and
    said, where the module or another of the run defines a method of that name
    (``defined_by``) or the arguments are not known."""
    new, params = GENERATOR_METHODS[method]
    plan = Plan()
    bound = bound_arguments(call, params, known_only=True)
    if defined_by is not None or bound is None:
        why = f"{defined_by} defines a {method} of its own" if defined_by else "its arguments are not known here"
        plan.warnings.append(f".{method}(...): Keras 3, TensorFlow 2.21's tf.keras, has no {method} (its {new} takes "
                             f"generators and Sequences); left, as {why}")
        return plan
    args = []
    dropped = []
    for i, a in enumerate(call.args):
        name = params[i] if a.keyword is None else a.keyword.value
        if name in WORKER_SETTINGS:
            dropped.append(name)
            continue
        args.append(a if i == 0 and a.keyword is None else keyword(a, "x" if name == "generator" else name))
    plan.replace = {i: None for i in range(len(call.args))}
    plan.added = args
    plan.rename = new
    plan.messages.append(f".{method}(...) → .{new}(...) (Keras 3 has no {method}; its {new} takes generators and "
                         "Sequences)" + (f"; {', '.join(dropped)} dropped (Keras 3 takes them on a "
                                         "keras.utils.PyDataset: the same data, read by one worker)" if dropped else ""))
    return plan


def plan_renamed_keywords(call: cst.Call, tail: str) -> list:
    """(position, new keyword, message) for TF1 keywords Keras 3 renamed or dropped."""
    out = []
    for i, a in enumerate(call.args):
        k = a.keyword.value if a.keyword is not None else None
        if k == "alpha" and tail in ("activations.relu", "layers.LeakyReLU"):
            out.append((i, "negative_slope", f"tf.keras.{tail}(alpha=) → negative_slope= (Keras 3's name)"))
        elif k == "fused" and tail == "layers.BatchNormalization":
            out.append((i, None, "tf.keras.layers.BatchNormalization(fused=) dropped (Keras 3 rejects it; it chose a "
                                 "kernel, not the math)"))
        elif k == "input_length" and tail == "layers.Embedding":
            out.append((i, None, "tf.keras.layers.Embedding(input_length=) dropped (Keras 3 ignores it)"))
    return out


KEYWORD_CALLS = ("activations.relu", "layers.LeakyReLU", "layers.BatchNormalization", "layers.Embedding",
                 "callbacks.ModelCheckpoint", "callbacks.TensorBoard")


def may_plan(tail: str) -> bool:
    """Whether ``plan_call`` could plan something for ``tf.keras.<tail>(...)`` whatever its
    arguments (``TfApi.may_act``: the rest it finds at the call's arguments)."""
    module, _, name = tail.rpartition(".")
    return tail in RECURRENT or tail in KEYWORD_CALLS or tail == "regularizers.l1_l2" or (
        module == "optimizers" and name in OPTIMIZER_RATES)


def as_value(tail: str) -> Optional[str]:
    """What to say where TF1 code takes ``tf.keras.<tail>`` as a value, not calling it
    (``cell_class = tf.keras.layers.LSTMCell``, ``{"rmsprop": tf.keras.optimizers.RMSprop}``),
    when the call it is made for would be rewritten: the calls are elsewhere."""
    if tail in RECURRENT:
        gru = RECURRENT[tail][1] is not None
        return (f"tf.keras.{tail} taken as a value: TF1's defaulted to recurrent_activation='hard_sigmoid'"
                f"{' and reset_after=False' if gru else ''}, Keras 3's to 'sigmoid'{' and True' if gru else ''}; "
                f"where it is called, pass recurrent_activation={HARD_SIGMOID}"
                f"{', reset_after=False' if gru else ''} (under TensorFlow 2 its defaults were Keras 3's)")
    module, _, name = tail.rpartition(".")
    if module == "optimizers" and name in TF1_OPTIMIZERS:
        return (f"tf.keras.optimizers.{name} taken as a value: Keras 3's computes otherwise ({TF1_OPTIMIZERS[name]}); "
                f"{SHIM_OPTIMIZERS}.{name} is TF1's")
    return None


# Keras Model methods TF1's Keras took the worker settings in (Keras 3's reject them)
WORKER_METHODS = ("fit", "evaluate", "predict")
# TF1's Sequential methods Keras 3 lacks: predict_proba was predict; predict_classes is
# the shim's function of the model (argmax of predict, or its threshold at 0.5)
PREDICT_METHODS = {"predict_proba": ("x", "batch_size", "verbose"),
                   "predict_classes": ("x", "batch_size", "verbose")}


def plan_worker_settings(call: cst.Call) -> Optional[Plan]:
    """``model.fit(x, y, workers=4, use_multiprocessing=True)``: TF1's Keras took the
    worker settings in ``fit`` / ``evaluate`` / ``predict``; Keras 3's raise at them (it
    takes them on a PyDataset): dropped, the data the same, read by one worker."""
    found = [i for i, a in enumerate(call.args) if a.keyword is not None and a.keyword.value in WORKER_SETTINGS]
    if not found:
        return None
    plan = Plan()
    for i in found:
        plan.replace[i] = None
    method = call.func.attr.value
    plan.messages.append(f".{method}(..., {', '.join(call.args[i].keyword.value + '=' for i in found)}) dropped "
                         "(Keras 3's raises at them; it takes them on a keras.utils.PyDataset: the same data, read "
                         "by one worker)")
    return plan


def plan_predict_method(call: cst.Call, method: str, defined_by: Optional[str]) -> Plan:
    """``model.predict_proba(x)`` → ``model.predict(x)`` (TF1's was that);
    ``model.predict_classes(x)`` → ``tf1to2.predict_classes(model, x)``: TF1's Sequential
    methods, which Keras 3 lacks. Left and said where the run defines a method of the
    name or the arguments are not known."""
    plan = Plan()
    if defined_by is not None or bound_arguments(call, PREDICT_METHODS[method], known_only=True) is None:
        why = f"{defined_by} defines a {method} of its own" if defined_by else "its arguments are not known here"
        plan.warnings.append(f".{method}(...): Keras 3 has no {method}; left, as {why}")
        return plan
    if method == "predict_proba":
        plan.rename = "predict"
        plan.messages.append(".predict_proba(...) → .predict(...) (TF1's predict_proba was predict; Keras 3 has no "
                             "predict_proba)")
        return plan
    plan.func = "tf1to2.predict_classes"
    plan.shim = True
    plan.receiver_first = True
    plan.messages.append(".predict_classes(x) → tf1to2.predict_classes(model, x) (TF1's: the argmax of predict, "
                         "or predict > 0.5 for one output; Keras 3 has no predict_classes)")
    return plan


# TF1's TensorBoard callback's settings Keras 3's rejects: what it logged, not what trains
TENSORBOARD_GONE = ("batch_size", "write_grads", "embeddings_layer_names", "embeddings_data")


def _callback(call: cst.Call, tail: str, plan: Plan) -> None:
    """TF1's ``ModelCheckpoint`` / ``TensorBoard`` arguments Keras 3 raises at."""
    keywords = {a.keyword.value: i for i, a in enumerate(call.args) if a.keyword is not None}
    if tail == "callbacks.TensorBoard":
        gone = [k for k in TENSORBOARD_GONE if k in keywords]
        for k in gone:
            plan.replace[keywords[k]] = None
        if gone:
            plan.messages.append(f"tf.keras.callbacks.TensorBoard({', '.join(k + '=' for k in gone)}) dropped (what "
                                 "TF1's logged; Keras 3's raises at them)")
        return
    if "period" in keywords:
        period = call.args[keywords["period"]].value
        if isinstance(period, cst.Integer) and int(period.value) == 1 and "save_freq" not in keywords:
            plan.replace[keywords["period"]] = None
            plan.messages.append("tf.keras.callbacks.ModelCheckpoint(period=1) dropped (every epoch, Keras 3's "
                                 "default; it raises at period=)")
        else:
            plan.warnings.append("tf.keras.callbacks.ModelCheckpoint(period=): Keras 3's raises at it, and its "
                                 "save_freq= counts batches, not epochs: save every N epochs from a callback of "
                                 "your own (on_epoch_end)")
    positional = [a for a in call.args if a.keyword is None and not a.star]
    path = positional[0].value if positional else call.args[keywords["filepath"]].value if "filepath" in keywords \
        else None
    text = _string(path) if path is not None else None
    weights = "save_weights_only" in keywords and getattr(call.args[keywords["save_weights_only"]].value, "value",
                                                           None) == "True"
    if text is None:
        return
    if weights and not text.endswith(".weights.h5"):
        plan.warnings.append(f"tf.keras.callbacks.ModelCheckpoint({text!r}, save_weights_only=True): Keras 3 raises "
                             "unless the file name ends in .weights.h5: rename it, here and where it is loaded")
    elif not weights and not text.endswith((".keras", ".h5")):
        plan.warnings.append(f"tf.keras.callbacks.ModelCheckpoint({text!r}): Keras 3 raises unless the file name "
                             "ends in .keras (or .h5, TF1's format): rename it, here and where it is loaded")


# Model methods a plan reads, whatever the receiver: method → planner(call, method, the
# module of the run defining a method of that name, if any). The program may define the
# last two kinds itself (``OWN_METHODS``): the caller looks that up for them only.
OWN_METHODS = frozenset({*PREDICT_METHODS, *GENERATOR_METHODS})
METHOD_PLANS = {
    "compile": lambda call, method, defined_by: plan_compile(call),
    **{m: (lambda call, method, defined_by: plan_worker_settings(call)) for m in WORKER_METHODS},
    **{m: plan_predict_method for m in PREDICT_METHODS},
    **{m: plan_generator_method for m in GENERATOR_METHODS},
}


def may_plan_method(method: str, keywords, strings) -> bool:
    """Whether a call of ``.method(...)`` with these keyword names and string constants
    could get a plan (``TfApi.may_act``, from Python's ``ast``), and ``strings`` alone for
    any call (``activation='hard_sigmoid'``)."""
    if method in OWN_METHODS:
        return True
    if method in WORKER_METHODS and any(k in WORKER_SETTINGS for k in keywords):
        return True
    return any(v.lower() == "hard_sigmoid" or v.lower() in COMPILED_BY_NAME for v in strings)
