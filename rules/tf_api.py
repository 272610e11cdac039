"""Stage 0: every TF1 API name TensorFlow 2.21 lacks → a name that exists and means the same.

## What it does
TF1 code spells the v1 API as ``tf.<path>``; TensorFlow 2.21 keeps it as
``tf.compat.v1.<path>``. For every name the code reaches through TensorFlow, however it
is spelled (``tf.X`` chains in calls, values, decorators, base classes, defaults and
annotations; ``from tensorflow.train import X``; ``import tensorflow.foo as bar``;
aliases assigned in code), the rule looks the name up in a table generated from
TensorFlow 2.21 itself (``rules/tf_api_table.py``, made by ``rules/make_tf_api_table.py``)
and writes:

- nothing, where ``tf.X`` in TF2 is the very same object (``tf.nn.relu``, ``tf.float32``);
- the TF2 name, where TF2 exports the very same object under another name
  (``tf.log`` → ``tf.math.log``, ``tf.gfile.GFile`` → ``tf.io.gfile.GFile``);
- ``tf.compat.v1.X`` otherwise: the name is gone (``tf.Session``, ``tf.layers``) or means
  something else in TF2 (``tf.argmax``, ``tf.Variable``, ``tf.nn.conv2d``), unless the
  call means the same under TF2's function (by the two signatures, from the table:
  ``tf.reduce_sum(x, axis=1)`` stays, ``tf.reduce_sum(x, keep_dims=True)`` does not; and
  by what the call computes where the signatures agree but the functions do not:
  ``tf.where(c)`` stays, ``tf.where(c, x, y)`` is TF1's, whose vector condition picks
  rows where TF2's broadcasts).

An import statement is rewritten as a whole: ``from tensorflow import train`` →
``from tensorflow.compat.v1 import train``, which keeps every ``train.X`` meaning what
it meant in TF1.

``tf.contrib``: slim, ``contrib.layers`` and ``contrib.framework`` names that tf-slim
has become ``tf_slim`` names (stages 1–2 take over from there). ``contrib.framework``'s
names that tf-slim lacks and TensorFlow 2 has become TensorFlow 2's, the same objects
(``sort``, ``argsort``, ``nest.flatten`` → ``tf.nest.flatten``, ``nest.is_sequence`` →
``is_nested``, ``load_checkpoint`` → ``tf.train.load_checkpoint``, ...), and
``get_name_scope`` → ``tf.get_current_name_scope`` (the graph's name scope in a graph, as
TF1's read it). Where ``contrib.framework`` (or its ``nest``) is handed on as a value
(returned, passed, stored), its import becomes ``tf1to2.contrib_framework``, the shim's
stand-in with every name of it TensorFlow 2 or tf-slim still has (warned there: the
few neither has raise where read). ``contrib.util``'s five functions are TensorFlow's own:
their TF2 names (``constant_value`` → ``tf.get_static_value``), and the module is the
shim's ``tf1to2.contrib_util``. ``contrib.eager`` (``tensorflow.contrib.eager.python.tfe``)
re-exported TensorFlow's own objects: those TF2 names publicly become those names
(``GradientTape``, ``py_func`` → ``tf.py_function``, ``Checkpoint`` →
``tf.compat.v1.train.Checkpoint``, ``executing_eagerly``, ...), and the module imported or
handed on is the shim's ``tf1to2.contrib_eager``, which also has the ones TensorFlow keeps
privately (``implicit_value_and_gradients``, ``run_test_in_graph_and_eager_modes``,
``Iterator`` as ``iter(dataset)``); contrib's own (``defun``, ``metrics``, ``Network``,
``Saver``) are warned, with what to use, and raise there where read; a later run over
the migrated code warns of them again where read through a stand-in (``tfe.defun``,
``cf.reduce_sum_n``). ``contrib.rnn``'s cells and ``static_rnn`` & co were TensorFlow's
own objects: their ``tf.compat.v1.nn`` names; its own stacked bidirectional RNNs and
``LSTMBlockCell`` (the fused kernel's cell) are the shim's ``tf1to2.contrib_rnn``'s, with
TF1's math and variable names. ``contrib.seq2seq``'s ``sequence_loss`` and ``tile_batch``,
its ``BasicDecoder``, helpers (training, greedy, sampling, scheduled, custom, inference),
``dynamic_decode``, Luong / Bahdanau attention, ``AttentionWrapper``, ``BeamSearchDecoder``
and ``gather_tree`` are the shim's ``tf1to2.contrib_seq2seq``'s, which compute what TF1's
did under its variable names (its monotonic attention stays warned). ``contrib.training.HParams``, contrib's own and used
everywhere, is the shim's ``tf1to2.contrib_training.HParams``, which behaves as TF1's
(``tests/test_shim.py`` checks it against tensor2tensor's copy of TF1's).
``contrib.crf``, the linear-chain CRF of TF1's sequence taggers, is the shim's
``tf1to2.contrib_crf`` name for name (its ``transitions`` variable made as contrib's was).
``contrib.rnn.GRUBlockCell`` / ``GRUBlockCellV2`` and ``contrib.cudnn_rnn``'s
``CudnnCompatibleLSTMCell`` / ``CudnnCompatibleGRUCell`` are the shim's, with contrib's
math and variable names (``tf1to2.contrib_rnn``, ``tf1to2.contrib_cudnn_rnn``).
``contrib.legacy_seq2seq``'s decoders without attention (``rnn_decoder``, the basic and
tied models, ``embedding_rnn_decoder``), its losses and ``model_with_buckets`` are the
shim's ``tf1to2.contrib_legacy_seq2seq``'s (its attention decoders stay warned).
``contrib.image``'s projective transforms (``rotate``, ``translate``, ``transform`` and
their algebra) are the shim's ``tf1to2.contrib_image``'s, on the same kernel.
``contrib.data``'s names ``tf.data.experimental`` lacks (``sliding_window_batch``,
``batch_and_drop_remainder``, ...) are the shim's ``tf1to2.contrib_data``'s.
``contrib.lookup``: the five names TF2 has public → ``tf.compat.v1.lookup``'s
(``MutableDenseHashTable`` → ``experimental.DenseHashTable``), the rest (TensorFlow's own
objects without a public name, contrib's ``HashTable`` and ``mapping=`` functions) → the
shim's ``tf1to2.contrib_lookup``.
``contrib.distributions`` went to TensorFlow Probability, as the
overview says: the module becomes ``tfp.distributions``, its distributions, ``kl_divergence``,
``Distribution`` & co ``tfp.distributions.X``, its bijectors ``tfp.bijectors.X``,
``percentile`` / ``auto_correlation`` ``tfp.stats``'s and ``reduce_weighted_logsumexp`` /
``fill_triangular`` / ``softplus_inverse`` ``tfp.math``'s, where the installed TFP has the
name (the table lists TFP's names); imports become TFP's (``from tensorflow.contrib import
distributions as tfd`` → ``from tensorflow_probability import distributions as tfd``),
chains ``tfp.`` (``import tensorflow_probability as tfp`` added, or the module's own name
for TFP). Names TFP dropped (``NormalWithSoftplusScale``, ``bijectors.Affine``) are
warned with what to write. Every other contrib name is warned at its line with the
replacement the migration overview suggests.

TF1's ``tf.keras.initializers`` were TF1's own initializers (``init_ops``: they honour
``tf.set_random_seed``, take ``dtype=`` and get_variable's ``partition_info``); TensorFlow
2.21's are Keras 3's, which do none of that. In TF1 code each becomes the ``tf.compat.v1``
initializer TF1's Keras made, with the defaults TF1's Keras set written out:
``tf.keras.initializers.RandomNormal(0.1)`` →
``tf.compat.v1.random_normal_initializer(0.1, stddev=0.05)``, ``he_normal(seed=3)`` →
``variance_scaling_initializer(seed=3, scale=2.0, mode="fan_in", distribution=...)``.
However spelled (``tf.keras``, ``tf.compat.v1.keras``, imported by name), called or
given as a class where TF1's Keras exported the class itself (one it subclassed with
other defaults is warned). Given directly to a Keras layer
(``tf.keras.layers.Dense(4, kernel_initializer=...)``), or spelled through
``tf.compat.v2``, Keras 3's stays: the layer is Keras 3's, and saves and loads with it.

TF1's tf.keras was tf-keras' v1 API; TensorFlow 2.21's is Keras 3. Its names Keras 3
lacks (the table's ``KERAS_GAPS``, made by comparing the two) become the name Keras 3
has the same thing under, where it has one (``tf.keras.losses.mean_squared_error`` →
``losses.mse``, ``tf.keras.experimental.CosineDecay`` →
``optimizers.schedules.CosineDecay``, ``layers.experimental.preprocessing.Rescaling`` →
``layers.Rescaling``; imports too: ``import mse as mean_squared_error``); the rest
(``K.learning_phase()``, ``K.get_session()``, ``layers.CuDNNLSTM``) are said at the line
with what to use. Imports of ``tensorflow.compat.v1.keras``'s modules, which TF 2.21
cannot import, read ``tensorflow.keras``, which it is under Keras 3. The calls whose
meaning Keras 3 changed under the same name (recurrent layers' defaults,
``hard_sigmoid``, optimizers' ``lr=`` / ``decay=``, RMSprop's and Nadam's updates,
``l1_l2()``'s defaults) are written out as TF1 computed them: ``rules/tf1_keras.py``.

``x.shape[i].value`` / ``x.get_shape()[i].value`` (a ``Dimension`` in TF1, an int in TF2),
also through a name that only ever holds a shape (or a Dimension: ``d = shape[0]`` ...
``d.value``), a shape's ``with_rank*`` / ``merge_with`` / ``concatenate``, and a loop over a
shape (``[d.value for d in x.get_shape()[1:]]``) → ``tf.compat.dimension_value(...)``,
which works in both. Any other ``x[i].value`` (read, not stored or called) → the shim's
``tf1to2.dimension_value(x[i])``: ``x`` may be a shape a function returns (t3f's
``tt.get_tt_ranks()[i].value``), and the shim's reads a Dimension's value, passes TF2's
int or None on, and reads ``.value`` off anything else as before (``tf.compat``'s would
hand that object back).

TensorFlow's private modules (``from tensorflow.python.ops import math_ops``) are left,
checked against the modules TF 2.21 has (a missing one is warned; ``tensorflow.python.keras``,
TF1's tf.keras under its private name, is a frozen copy in TF 2.21 that is neither
tf.keras nor tf-keras, and every import of it is warned); the few private
names TF renamed since TF1 are renamed (``nest.is_sequence`` → ``is_nested``), those it
moved are imported from where it keeps them (``estimator.util.fn_args`` →
``util.function_utils.fn_args``; contrib.tpu's private modules, which TF 1.15 re-exported
from TensorFlow's own, → ``tensorflow.python.tpu[.ops]``), and those it has nowhere are
warned where read (``op_def_registry.get_registered_ops``). Names inside a private module
are not checked otherwise: TensorFlow's private modules have no table of names here.

Code that already follows the migration guides uses their API, which TensorFlow 2.16+
ships only with tf-keras: ``tf.compat.v1.keras.utils.track_tf1_style_variables``,
``get_or_create_layer`` and ``DeterministicRandomTestTool`` (any alias, or imported by
name) become the shim's ``tf1to2.*``, which work under Keras 3 and delegate to tf-keras'
own under Keras 2.

The class in ``isinstance`` / ``issubclass`` checks against TF1's ``tf.Variable`` (any
spelling of it, ``tf.compat.v1.Variable`` too) is TF2's ``tf.Variable``: TF1's was the
class of every variable, and TF2's variables are not instances of
``tf.compat.v1.Variable`` (the plain rename would make every such check False); a
constructor call stays ``tf.compat.v1.Variable``. ``v.initialized_value()``, the one
method of TF1's variables that TF2's raise ``NotImplementedError`` at (an initializer
reading another variable: tensor2tensor's VQ codebooks), becomes the shim's
``tf1to2.initialized_value(v)``, TF1's own definition.

A script that builds and runs a TF1 graph (placeholders, sessions, queue runners, a
``Saver`` not given its variables) gets
the overview's graph-mode step, ``tf.compat.v1.disable_v2_behavior()``, at its entry
point: first in its ``if __name__ == "__main__":`` block, or after its imports when it
builds the graph at module level. A module with no entry point is warned instead. A test
module whose test cases (``unittest`` / ``tf.test`` / absl ``TestCase`` classes, or
classes with test methods deriving from another module's base named ``*Test``,
``*Tests`` or ``*TestBase``: graph_nets' ``test_utils.GraphsTest``) build the graphs
(itself, through the module's functions, or in a mixin class of the module holding its
tests: t3f's ``OpsTestFloat32(tf.test.TestCase, _OpsTest)``; ``tf.gradients`` /
``tf.hessians`` count too, which TF2 runs only in a graph)
gets ``@tf1to2.graph_mode_tests`` on each instead: test runners (pytest,
``python -m unittest``) do not run its ``__main__`` block, and switching the process at
import would switch every other test of the run too; each test (its ``setUp`` and
``tearDown`` too) runs in graph mode, on the default graph, as TF1 ran it. A module that
chooses its mode itself (``disable_v2_behavior()``, or ``enable_eager_execution()``:
its tests ran eagerly under TF1 too, and enter graphs themselves) is left as it is.

A graph the code makes itself (``tf.Graph()``, ``tf.compat.v1.Graph()``, ``ops.Graph()``
of ``tensorflow.python.framework``, ``Graph`` imported by name) becomes the shim's
``tf1to2.Graph()``, whose ops get TF1's control flow while it is the default graph;
``reset_default_graph()`` (any spelling) becomes the shim's, which makes the new default
graph one of those (what a session without a graph runs). TF2's ``tf.Graph`` builds
control flow v2, which TF1 graph code does not always survive: a gradient taken through
a while loop a session already ran fails (GPflow 1.5's SVGP training), a tensor made in a
branch does not hash (stable-baselines' ACKTR), random ops in a loop draw other numbers
from the same seed (cleverhans' SPSA, silently). Its variables stay TF2's resource
variables, which the Keras 3 objects later stages write (regularizers) need, and where a
variable fed through ``feed_dict`` changes only the read fed (GPflow's ScipyOptimizer
feeds its variables, and silently reaches other numbers: TF1's variables take
``disable_v2_behavior()``). Not in a module that switches to TF2 behaviour itself
(``enable_v2_behavior()``), nor ``tf.compat.v2.Graph``: TF2's is meant. Where the
module's own code feeds a variable (a key of a ``feed_dict`` literal naming a variable
the same function makes), the key is warned, unless the graph-mode step gives the
program TF1's variables; a variable reached otherwise (GPflow's ``self._vars``) is not
followed.

## Why
The migration overview makes this step 1 of every migration; without it nothing else
runs on TensorFlow 2.21 (``module 'tensorflow' has no attribute 'variable_scope'``).

## Example
```python
import tensorflow as tf
with tf.variable_scope("model"):
    y = tf.layers.dense(tf.log(x), 10)
```
becomes
```python
import tensorflow as tf
with tf.compat.v1.variable_scope("model"):
    y = tf.compat.v1.layers.dense(tf.math.log(x), 10)
```

## Will not touch (and says why, on the line)
- code written as ``tf.compat.v1.X`` or under ``import tensorflow.compat.v1 as tf``
  (already right), ``tf.keras`` names Keras 3 has and computes the same (but the
  initializers, missing names and changed calls above),
  ``tensorflow.python`` internals;
- contrib other than slim / layers / framework names tf-slim has, and those above
  (warned, with the suggested replacement);
- names TF 2.21 does not have at all (``tf.estimator``, removed in 2.16): warned. Its
  ``ModeKeys``, plain strings that model code reads far beyond Estimators (default
  arguments, ``mode == ...``), becomes the shim's ``tf1to2.estimator.ModeKeys``, under any
  spelling (``tf.estimator.ModeKeys.TRAIN``, imported by name, or through
  ``from tensorflow import estimator as tf_estimator``); an import of the estimator
  module whose every use was ``ModeKeys`` goes, any other is warned; its session-run
  hooks (``SessionRunHook``, ``StopAtStepHook``, ``SessionRunArgs``, ... : tf.train's own
  classes, which it re-exported) become ``tf.compat.v1.train``'s, imports of them too, and
  count as ``ModeKeys`` does for the module's import; but a name the
  module itself sets on ``tf`` (``tf.original_svd = tf.svd``) is the program's own, and
  reading it back is not warned;
- local names that shadow ``tf``, strings and comments;
- the items of a shape iterated where the rule cannot see it is a shape (``for a, b in
  zip(tt.get_tt_ranks(), ...)``: TF1's Dimensions multiply as unknowns, TF2's None
  raises); silent: nothing shows the rule it is a shape;
- a tensor hashed (a dict key, a set member, an ``in`` test) in code a control-flow call
  builds (a ``tf.cond`` branch, a ``while_loop`` body, ``map_fn``'s function, and what
  they call in the module): TF1 built it in the graph, where tensors hash; TensorFlow 2
  builds it as a function, in a ``tf.Graph`` too, where they do not
  (``TypeError: Tensor is unhashable``), but not in the shim's ``tf1to2.Graph`` (below).
  Warned at the line with ``.ref()`` / ``.deref()``, a ``tf1to2.Graph``, and
  ``tf.compat.v1.disable_control_flow_v2()`` at the entry point (``rules.control_flow_v2``
  says what it finds; stable-baselines' ACKTR, whose graph is its own ``tf.Graph()``, now
  TF1's, learns its TF1 numbers as migrated): the rule cannot see which graph runs the code.
  Not where the module itself switches TF1's control flow or behaviour back on. Likewise a
  batch norm trained in such a branch (its updates in ``UPDATE_OPS`` are ops of the branch
  function, which a training step cannot run): warned, with the training flag as a tensor
  (``training=is_training``), a ``tf1to2.Graph`` or ``disable_control_flow_v2()``.

## Fix safety
Exact: every rewritten name is, in TensorFlow 2.21, the very object the TF1 name was
(``tests/test_tf_api.py`` checks all of ``tf.compat.v1`` that way). The graph-mode step
switches the whole process to TF1 behaviour, as the guide says; it is only written at a
script's entry point, never in a module others import. ``tf.contrib.distributions`` →
TensorFlow Probability is the exception: TFP's classes continue contrib's (same names,
parameters and math; ``tests/test_tf_api.py`` checks log-densities, a KL divergence,
bijectors and percentiles against their closed forms under TF 2.21), but they are not the
same objects, and TFP returns ``.probs`` / ``.logits`` as given (None for a distribution
built from the other, which TF1 computed): each such read of a distribution the module
builds is warned at its line.
"""
from __future__ import annotations

import ast
import functools
import re
from pathlib import Path
from typing import Optional

import libcst as cst

from rules import control_flow_v2, tf1_keras, tf_api_table as table
from rules.tf1_keras import (KERAS_COMPAT_MODULE, keras_gap, keras_gap_problem, keras_import_module,
                             keras_module_tail, keras_tail)
from rules.aliases import TFTransformer, TFVisitor, canonicalize, dotted_name, dotted_parts, local_name
from rules.base import Facts, Rule, RuleContext, ast_dotted, mentioning
from rules.contrib_summary import REWRITTEN as CONTRIB_SUMMARY
from rules.optimizers import CONTRIB_OPTIMIZERS
from rules.edit import (add_imports, bound_arguments, code, expression, is_docstring, keyword, module_imports,
                        new_keyword, nodes_of, rebuild_args, remove_unused_imports, statement_imports)
from rules.model_walk import (GRAPH_ADVICE, GRAPH_MODE_TESTS, GRAPH_TOPIC, PLACEHOLDERS, RNN_CELL_NAMES, SESSIONS,
                              bindings, is_as_default, own_graph, runs_in_graph_mode, saver_given_variables,
                              target_names)
from rules.visitors import transform, walk

# What the migration overview suggests for contrib modules tf-slim does not cover.
CONTRIB_REPLACEMENTS = {
    "rnn": "tf.keras.layers RNN cells (LSTMCell, GRUCell, RNN) or tf.compat.v1.nn.rnn_cell",
    "legacy_seq2seq": ("Keras RNN layers and your own decoding loop (rnn_decoder, the basic and tied models, "
                       "embedding_rnn_decoder and the losses are tf1to2.contrib_legacy_seq2seq's)"),
    "seq2seq": ("Keras RNN layers and your own decoding loop: TensorFlow Addons' tfa.seq2seq, where it went, "
                "supports TensorFlow up to 2.15 only (its sequence_loss, tile_batch, BasicDecoder, helpers, "
                "dynamic_decode, Luong / Bahdanau attention, AttentionWrapper and BeamSearchDecoder are "
                "tf1to2.contrib_seq2seq's)"),
    "opt": "TensorFlow Addons (tfa.optimizers) or tf.keras.optimizers",
    "training": "tf.data for input pipelines, tf.keras (model.fit) or a custom training loop for the rest",
    "data": "tf.data",
    "learn": "tf.keras (model.fit) or a custom training loop",
    "estimator": "tf.keras (model.fit) or a custom training loop (tf.estimator was removed in TF 2.16)",
    "tpu": "tf.distribute.TPUStrategy",
    "distributions": "TensorFlow Probability (tfp.distributions)",
    "bayesflow": "TensorFlow Probability",
    "metrics": "tf.keras.metrics or tf.compat.v1.metrics",
    "losses": "tf.keras.losses or tf.compat.v1.losses",
    "image": "tf.image or TensorFlow Addons (tfa.image) (its rotate / translate / transform are tf1to2.contrib_image's)",
    "crf": "tf1to2.contrib_crf (TensorFlow Addons' tfa.text, where it went, supports TensorFlow up to 2.15 only)",
    "lookup": "tf.lookup (tf1to2.contrib_lookup has contrib's)",
    "summary": "tf.summary",
    "eager": "TF2's eager execution (tf.function, tf.GradientTape)",
    "cudnn_rnn": "tf.keras.layers.LSTM / GRU (they use cuDNN when they can; the cuDNN-compatible cells are tf1to2.contrib_cudnn_rnn's)",
    "lite": "tf.lite",
    "distribute": "tf.distribute",
    "checkpoint": "tf.train.Checkpoint",
    "util": "tf.make_ndarray / tf.make_tensor_proto",
    "framework": "tf_slim or the TF2 API (tf.nest, tf.compat.v1.train.get_or_create_global_step, ...)",
    "layers": "tf_slim, or tf.keras.layers / tf.feature_column",
    "quantize": "the TensorFlow Model Optimization Toolkit",
    "mixed_precision": "tf.keras.mixed_precision",
    "tensorboard": "TensorBoard's own API",
    "memory_stats": "tf.config.experimental.get_memory_info",
    "nccl": "tf.distribute",
    "graph_editor": "nothing in TF2; rewrite without graph surgery",
    "predictor": "tf.saved_model.load",
    "factorization": "nothing in TF2",
    "tensor_forest": "TensorFlow Decision Forests",
    "gan": "TF-GAN (tensorflow_gan)",
    "signal": "tf.signal",
    "integrate": "TensorFlow Probability",
    "keras": "tf.keras",
}
# tf.contrib.rnn's names that were tf.nn's own objects in TensorFlow 1.x (contrib/rnn
# re-exported them), spelled through the tensorflow module: → their tf.compat.v1 names,
# as tf_upgrade_v2 maps them (the cells then go on to the shim at stage 7).
CONTRIB_RNN = {
    **{f"rnn.{n}": f"compat.v1.nn.rnn_cell.{n}" for n in RNN_CELL_NAMES},
    **{f"rnn.{n}": f"compat.v1.nn.{n}" for n in ("static_rnn", "static_bidirectional_rnn", "static_state_saving_rnn")},
}
# Single contrib names worth their own advice.
CONTRIB_NAMES = {
    "layers.feature_column": "use tf.feature_column",
    "opt.AdamWOptimizer": "use tf.keras.optimizers.AdamW",
    "opt.LazyAdamOptimizer": "use TensorFlow Addons' tfa.optimizers.LazyAdam",
    "rnn.LSTMBlockFusedCell": "use tf.compat.v1.nn.dynamic_rnn over tf1to2.contrib_rnn.LSTMBlockCell (the same "
                              "math; its variables are under lstm_cell, not lstm_fused_cell) or tf.keras.layers.LSTM",
    "cudnn_rnn.CudnnLSTM": "use tf.keras.layers.LSTM (it uses cuDNN when it can)",
    "tpu.TPUEstimator": "use tf.distribute.TPUStrategy with Keras (TPUEstimator was removed with tf.estimator)",
}
# contrib calls a later stage rewrites, or says why not, when the run has it: stage →
# (the names under tf.contrib, whether only where spelled through the tensorflow module)
LATER_STAGES = {
    "optimizers": (CONTRIB_OPTIMIZERS, False),  # the optimizers it sees built
    "training-step": (frozenset(f"summary.{name}" for name in CONTRIB_SUMMARY), True),
}
# tf.contrib.framework's names that tf-slim lacks and TensorFlow 2 has, the same objects:
# name → (module, its name there). (tf1to2/contrib_framework.py, which stands in for the
# module where it is handed on whole, holds these and TensorFlow's private ones.)
FRAMEWORK_TF2 = {
    **{n: ("tensorflow.compat.v1", n) for n in (
        "sort", "argsort", "is_tensor", "py_func", "assert_same_float_dtype", "assert_scalar",
        "convert_to_tensor_or_sparse_tensor", "is_numeric_tensor", "is_non_decreasing", "is_strictly_increasing",
        "CriticalSection", "TensorSpec")},
    **{n: ("tensorflow.compat.v1", f"train.{n}") for n in (
        "load_checkpoint", "list_variables", "load_variable", "init_from_checkpoint")},
    # TF1's read the graph's name scope; this one that in a graph, and the eager one in eager code
    "get_name_scope": ("tensorflow", "get_current_name_scope"),
}
# tf.contrib.framework.nest's names that tf.nest has (TF1's is_sequence is is_nested);
# the rest of TF1's nest (flatten_up_to, ...) is the shim's nest, TensorFlow's own module
NEST_PUBLIC = {"flatten": "flatten", "map_structure": "map_structure", "pack_sequence_as": "pack_sequence_as",
               "assert_same_structure": "assert_same_structure", "is_nested": "is_nested",
               "is_sequence": "is_nested"}
FRAMEWORK_SHIM = "tf1to2.contrib_framework"
# tf.contrib.util: TensorFlow's own functions, the same objects under TF2's names; the
# module itself is the shim's (tensor2tensor's ``util()`` returns it)
UTIL_TF2 = {"constant_value": "get_static_value", "make_tensor_proto": "make_tensor_proto",
            "make_ndarray": "make_ndarray"}
UTIL_SHIM = "tf1to2.contrib_util"
# tf.contrib.lookup's names that were TensorFlow's own objects and are public in TF2: →
# their tf.compat.v1 names (the rest of the module is the shim's tf1to2.contrib_lookup)
LOOKUP_TF2 = {"KeyValueTensorInitializer": "lookup.KeyValueTensorInitializer",
              "TextFileInitializer": "lookup.TextFileInitializer", "TextFileIndex": "lookup.TextFileIndex",
              "MutableHashTable": "lookup.experimental.MutableHashTable",
              "MutableDenseHashTable": "lookup.experimental.DenseHashTable"}
# tf.contrib.eager (also ``tensorflow.contrib.eager.python.tfe``): its names TF2 has public,
# the same objects → their tf.compat.v1 names; the module itself, and the names TensorFlow
# keeps only in private modules (run_test_in_graph_and_eager_modes, implicit_value_and_gradients,
# ...), → the shim's stand-in (tf1to2/contrib_eager.py), which has them all
EAGER_TF2 = {"GradientTape": "GradientTape", "custom_gradient": "custom_gradient", "TensorSpec": "TensorSpec",
             "executing_eagerly": "executing_eagerly", "in_eager_mode": "executing_eagerly",
             "py_func": "py_function", "Checkpoint": "train.Checkpoint", "function": "function",
             "enable_eager_execution": "enable_eager_execution"}
EAGER_SHIM = "tf1to2.contrib_eager"
# tf.contrib.distributions went to TensorFlow Probability: its distributions (and the
# module) → tfp.distributions, its bijectors → tfp.bijectors, where TFP has the name
# (``table.TFP``, read from the installed TFP); these few functions → tfp.math / tfp.stats
TFP = "tensorflow_probability"
TFP_ELSEWHERE = {"percentile": "stats.percentile", "auto_correlation": "stats.auto_correlation",
                 "reduce_weighted_logsumexp": "math.reduce_weighted_logsumexp",
                 "fill_triangular": "math.fill_triangular", "softplus_inverse": "math.softplus_inverse"}


def _shim_table(module: str, name: str):
    """A literal of a shim module (``tf1to2/<module>.py``: a dict, its ``__all__``), read
    from its source: the rules never import the shim, which imports TensorFlow. The two
    packages are installed side by side."""
    tree = ast.parse((Path(__file__).resolve().parent.parent / "tf1to2" / f"{module}.py").read_text(encoding="utf-8"))
    for node in tree.body:
        if isinstance(node, ast.Assign) and [getattr(t, "id", None) for t in node.targets] == [name]:
            return ast.literal_eval(node.value)
    raise LookupError(f"tf1to2/{module}.py has no {name}")


# contrib modules' own names TensorFlow 2.21 lacks and the shim has, written to do what
# TF1's did: tf.contrib.<module>.<name> → tf1to2.contrib_<module>.<name> for each name the
# shim's module exports (its ``__all__``), the rest of the module left to the other tables
# (or warned); module → (shim module, its names, what the change says). rnn: the stacked
# bidirectional RNNs and LSTMBlockCell; seq2seq: sequence_loss, tile_batch, BasicDecoder,
# the helpers, dynamic_decode, attention and beam search (monotonic attention stays warned); training: HParams; crf: all of it; lookup:
# all of it (TensorFlow's own objects, contrib's own functions and HashTable) but the five
# that have public names (LOOKUP_TF2); cudnn_rnn: the two cuDNN-compatible cells (the cuDNN
# layers stay warned); legacy_seq2seq: its decoders without attention and its losses;
# image: the projective transforms (rotate, translate, transform and their algebra); data:
# the five transformations tf.data.experimental lacks (the rest are its, table.CONTRIB).
_SHIM_SAYS = {
    "rnn": "contrib's own function, TensorFlow 2 lacks it: the shim's, on TensorFlow's RNNs",
    "seq2seq": "contrib's own, TensorFlow 2 lacks it: the shim's, which computes what TF1's did",
    "training": "contrib's own class, TensorFlow 2 lacks it: the shim's, which behaves as TF1's",
    "crf": "contrib's own CRF, TensorFlow 2 lacks it: the shim's, which computes what TF1's did",
    "lookup": "TensorFlow 2 has no public name for it: the shim's, TensorFlow's own or written to do what contrib's did",
    "cudnn_rnn": "contrib's own cell, TensorFlow 2 lacks it: the shim's, which computes what TF1's did",
    "legacy_seq2seq": "contrib's own function, TensorFlow 2 lacks it: the shim's, which computes what TF1's did",
    "image": "contrib's own function, TensorFlow 2 has no public name for it: the shim's, on the same kernel",
    "data": "contrib's own transformation, TensorFlow 2 lacks it: the shim's, on tf.data's own methods",
}
CONTRIB_SHIMS = {module: (f"tf1to2.contrib_{module}", frozenset(_shim_table(f"contrib_{module}", "__all__")), says)
                 for module, says in _SHIM_SAYS.items()}
RNN_SHIM, RNN_SHIM_NAMES, _ = CONTRIB_SHIMS["rnn"]
# the module files (``tensorflow.contrib.crf.python.ops.crf``) that held the names of a
# contrib module the shim stands in for, as code imported them: → that module
SHIM_MODULE_FILES = {
    ("crf", "python", "ops", "crf"): "crf",
    ("legacy_seq2seq", "python", "ops", "seq2seq"): "legacy_seq2seq",
    ("seq2seq", "python", "ops", "loss"): "seq2seq",
    ("seq2seq", "python", "ops", "helper"): "seq2seq",
    ("seq2seq", "python", "ops", "basic_decoder"): "seq2seq",
    ("seq2seq", "python", "ops", "decoder"): "seq2seq",
    ("seq2seq", "python", "ops", "attention_wrapper"): "seq2seq",
    ("seq2seq", "python", "ops", "beam_search_decoder"): "seq2seq",
    ("seq2seq", "python", "ops", "beam_search_ops"): "seq2seq",
    ("rnn", "python", "ops", "rnn"): "rnn",
    ("rnn", "python", "ops", "gru_ops"): "rnn",
    ("rnn", "python", "ops", "lstm_ops"): "rnn",
    ("rnn", "python", "ops", "rnn_cell"): "rnn",
    ("cudnn_rnn", "python", "ops", "cudnn_rnn_ops"): "cudnn_rnn",
    ("lookup", "lookup_ops"): "lookup",
    ("image", "python", "ops", "image_ops"): "image",
    ("training", "python", "training", "hparam"): "training",
}
# what tf.contrib.framework had that neither TensorFlow 2.21 nor tf-slim has, and what to
# use instead: the shim's table (it raises at these with the same advice)
FRAMEWORK_GONE = _shim_table("contrib_framework", "GONE")
EAGER_SHIM_NAMES = frozenset(_shim_table("contrib_eager", "_ELSEWHERE")) | {"Iterator"}
EAGER_GONE = _shim_table("contrib_eager", "GONE")
# contrib modules' names that were TensorFlow's own objects and are public in TF2: module →
# name → its tf.compat.v1 name (the rest of each module is the shim's, or warned)
CONTRIB_PUBLIC = {"util": UTIL_TF2, "eager": EAGER_TF2, "lookup": LOOKUP_TF2}


def contrib_tf2(rest: list[str]) -> Optional[tuple[str, str]]:
    """``tf.contrib.<rest>``, a name of tf.contrib.framework or tf.contrib.util that tf-slim
    lacks and TensorFlow 2 (or the shim's stand-in for the module) has: (module, the
    dotted name under it), e.g. ("tensorflow.compat.v1", "sort"),
    ("tensorflow.compat.v1", "nest.flatten"), ("tf1to2.contrib_framework", "nest") for
    TF1's whole nest module; tf.contrib.util's too (``constant_value`` →
    ``get_static_value``; the module → ("tf1to2.contrib_util", "")); and the other contrib
    names tf_upgrade_v2 renames that TF1's API in TensorFlow 2.21 has (``table.CONTRIB``:
    ``data.parallel_interleave`` → ("tensorflow.compat.v1",
    "data.experimental.parallel_interleave")); None otherwise."""
    if not rest:
        return None  # tf.contrib itself
    if rest == ["util"]:
        return UTIL_SHIM, ""
    if rest[:1] == ["eager"]:
        names = rest[3:] if rest[1:3] == ["python", "tfe"] else rest[1:]
        if not names:
            return (EAGER_SHIM, "") if rest[1:] in ([], ["python", "tfe"]) else None
        rest = ["eager", *names]
    if rest[:1] == ["distributions"]:
        return tfp_target(rest[1:])
    for n in (4, 2):  # a module file of a module the shim stands in for: the module itself
        if len(rest) > n and tuple(rest[:n]) in SHIM_MODULE_FILES:
            rest = [SHIM_MODULE_FILES[tuple(rest[:n])], *rest[n:]]
            break
    public = CONTRIB_PUBLIC.get(rest[0], {})
    if len(rest) >= 2 and rest[1] in public:  # TensorFlow's own object, public in TF2
        return "tensorflow.compat.v1", ".".join([public[rest[1]], *rest[2:]])
    if rest[0] == "util":
        return UTIL_SHIM, ".".join(rest[1:])
    if rest[0] == "eager":
        return (EAGER_SHIM, ".".join(rest[1:])) if rest[1] in EAGER_SHIM_NAMES else None
    shim = CONTRIB_SHIMS.get(rest[0]) if len(rest) >= 2 else None
    if shim is not None and rest[1] in shim[1]:  # contrib's own name, the shim's
        return shim[0], ".".join(rest[1:])
    for n in range(len(rest), 1, -1):  # tf_upgrade_v2's renames (tf.contrib.data → tf.data.experimental)
        if ".".join(rest[:n]) in table.CONTRIB:
            return "tensorflow.compat.v1", ".".join([table.CONTRIB[".".join(rest[:n])], *rest[n:]])
    if len(rest) < 2 or rest[0] != "framework" or rest[1] in table.TF_SLIM:
        return None
    if rest[1] == "nest":
        if len(rest) >= 3 and rest[2] in NEST_PUBLIC:
            return "tensorflow.compat.v1", ".".join(["nest", NEST_PUBLIC[rest[2]], *rest[3:]])
        return FRAMEWORK_SHIM, ".".join(rest[1:])
    found = FRAMEWORK_TF2.get(rest[1])
    return None if found is None else (found[0], ".".join([found[1], *rest[2:]]))


def contrib_tpu_module(rest: list[str]) -> Optional[str]:
    """``tensorflow.contrib.<rest>``, a module of contrib.tpu's private tree
    (``tpu.python.tpu.tpu_function``, ``tpu.python.ops.tpu_ops``) that TensorFlow 2.21 has
    in its own (``tensorflow.python.tpu.tpu_function``, ``tensorflow.python.tpu.ops.tpu_ops``):
    TF 1.15's contrib modules there were stubs re-exporting those. None otherwise
    (``tpu_estimator``, ``tpu_config``: gone with tf.estimator)."""
    if rest[:3] not in (["tpu", "python", "tpu"], ["tpu", "python", "ops"]) or len(rest) < 4:
        return None
    target = ".".join(["tensorflow.python.tpu", *(["ops"] if rest[2] == "ops" else []), *rest[3:]])
    return target if target in table.INTERNAL_MODULES else None


def tfp_target(names: list[str]) -> Optional[tuple[str, str]]:
    """``tf.contrib.distributions.<names>`` → (TFP, its dotted name in TensorFlow
    Probability): the module → ``distributions``, ``bijectors[.X]`` → ``bijectors[.X]``,
    a distribution (or ``kl_divergence``, ``Distribution``, ...) → ``distributions.X``,
    ``percentile`` & co → ``stats.percentile`` (``TFP_ELSEWHERE``); None where TFP has no
    such name (``contrib_target`` says so)."""
    if not names:
        return TFP, "distributions"
    if names[0] == "bijectors":
        if len(names) == 1:
            return TFP, "bijectors"
        return (TFP, ".".join(names)) if names[1] in table.TFP["bijectors"] else None
    if names[0] in table.TFP["distributions"]:
        return TFP, ".".join(["distributions", *names])
    moved = TFP_ELSEWHERE.get(names[0])
    if moved is not None and moved.split(".")[1] in table.TFP[moved.split(".")[0]]:
        return TFP, ".".join([moved, *names[1:]])
    return None


_TFP_PARAMETERS = ("probs", "logits")


# what makes a variable (canonical names), for ``_FedVariables``
_VARIABLE_MAKERS = frozenset({"tf.Variable", "tf.compat.v1.Variable", "tf.compat.v1.get_variable",
                              "tf.compat.v1.get_local_variable"})
# the methods feeding a graph's run, their parameters: Session.run, Tensor.eval / Operation.run
_FEEDING = {"run": ("fetches", "feed_dict", "options", "run_metadata"), "eval": ("feed_dict", "session")}
FED_VARIABLE = ("is a variable fed through feed_dict: TF1 fed every read of it in the run, TensorFlow 2's resource "
                "variables (TensorFlow 2.21's, in tf1to2.Graph too) feed only the read that was fed, so what else "
                "reads it computes with its value, silently. Feed a placeholder the code reads instead "
                "(tf.compat.v1.placeholder_with_default(v, v.shape)), or call tf.compat.v1.disable_v2_behavior() "
                "at the program's entry point (TF1's variables)")


def _warn_fed_variables(ctx: RuleContext) -> None:
    """Each key of a ``feed_dict`` literal (``sess.run(y, {v: 5.0})``, ``feed_dict=``,
    ``x.eval(feed_dict=...)``) that names a variable the same function (or the module, at
    its level) makes, and binds to nothing else: TF2's variables feed only the read fed,
    where TF1's fed every read. A variable reached otherwise (a list of them, an attribute:
    GPflow's ScipyOptimizer feeds ``self._vars``) is not followed."""
    walk(ctx.module, _FedVariables(ctx))


class _FedVariables(TFVisitor):
    def __init__(self, ctx: RuleContext) -> None:
        super().__init__(ctx)
        # per function: name → whether each binding makes a variable; the keys fed there
        self.scopes: list[tuple[dict, list]] = [({}, [])]

    def visit_FunctionDef(self, node: cst.FunctionDef) -> None:
        self.scopes.append(({}, []))
        for param in [*node.params.params, *node.params.kwonly_params, *node.params.posonly_params]:
            self.scopes[-1][0].setdefault(param.name.value, []).append(False)

    def leave_FunctionDef(self, node: cst.FunctionDef) -> None:
        self._settle(*self.scopes.pop())

    def leave_Module(self, node: cst.Module) -> None:
        self._settle(*self.scopes[0])

    def _settle(self, bindings: dict, fed: list) -> None:
        for key in fed:
            made = bindings.get(key.value)
            if made and all(made):
                self.ctx.warn(key, f"{key.value} {FED_VARIABLE}")

    def visit_Assign(self, node: cst.Assign) -> None:
        makes = isinstance(node.value, cst.Call) and self.qualify(node.value.func) in _VARIABLE_MAKERS
        for t in node.targets:
            targets = [t.target] if isinstance(t.target, cst.Name) else \
                [e.value for e in t.target.elements if isinstance(e.value, cst.Name)] \
                if isinstance(t.target, (cst.Tuple, cst.List)) else []
            for name in targets:
                self.scopes[-1][0].setdefault(name.value, []).append(makes and isinstance(t.target, cst.Name))

    def visit_Call(self, node: cst.Call) -> None:
        params = _FEEDING.get(node.func.attr.value) if isinstance(node.func, cst.Attribute) else None
        feed = (bound_arguments(node, params) or {}).get("feed_dict") if params else None
        if isinstance(feed, cst.Dict):
            self.scopes[-1][1].extend(e.key for e in feed.elements
                                      if isinstance(e, cst.DictElement) and isinstance(e.key, cst.Name))


def _warn_tfp_parameters(ctx: RuleContext) -> None:
    """In a module whose tf.contrib.distributions became TensorFlow Probability's: each read
    of ``.probs`` / ``.logits`` of a distribution it builds (``d = tfd.Categorical(...)``
    then ``d.probs`` in the same function, or the call itself). TF1's computed the one a
    distribution was not built from; TFP's return the parameter as it was given, None
    otherwise. (A distribution held elsewhere, ``self.pd.probs``, is not followed.)"""
    walk(ctx.module, _TfpParameters(ctx))


class _TfpParameters(TFVisitor):
    def __init__(self, ctx: RuleContext) -> None:
        super().__init__(ctx)
        self.built: list[dict] = [{}]  # per function: name bound to a distribution it builds → its call

    def _builds(self, node: cst.BaseExpression) -> bool:
        if not isinstance(node, cst.Call):
            return False
        name = self.qualify(node.func)
        return name is not None and name.startswith(("tf.contrib.distributions.", "tensorflow.contrib.distributions."))

    def visit_FunctionDef(self, node: cst.FunctionDef) -> None:
        self.built.append({})

    def leave_FunctionDef(self, node: cst.FunctionDef) -> None:
        self.built.pop()

    def visit_Assign(self, node: cst.Assign) -> None:
        for t in node.targets:
            if isinstance(t.target, cst.Name):
                if self._builds(node.value):
                    self.built[-1][t.target.value] = node.value
                else:
                    self.built[-1].pop(t.target.value, None)

    def visit_Attribute(self, node: cst.Attribute) -> None:
        if node.attr.value not in _TFP_PARAMETERS:
            return
        call = node.value if self._builds(node.value) else \
            self.built[-1].get(node.value.value) if isinstance(node.value, cst.Name) else None
        given = {a.keyword.value for a in call.args if a.keyword is not None} if call is not None else set()
        if call is not None and node.attr.value not in given:  # built from the other one, or positionally
            other = "logits" if node.attr.value == "probs" else "probs"
            self.ctx.warn(node, f"{code(node)}: TensorFlow Probability's distributions (where "
                                f"tf.contrib.distributions went) return .{node.attr.value} as it was given, None for "
                                f"one built from {other}= (TF1's computed it): use .{node.attr.value}_parameter()")


def tfp_importable(name: str) -> str:
    """A dotted name in TFP (``distributions.Normal``) as an import statement must spell it:
    TFP's modules are attributes of the package, imported from ``tensorflow_probability.python``
    (``from tensorflow_probability import distributions`` works; ``from
    tensorflow_probability.distributions import Normal`` does not)."""
    return f"{TFP}.python.{name}" if "." in name else f"{TFP}.{name}"


# contrib modules whose names tf-slim has (the migration overview: "switch to tf-slim").
SLIM_CONTRIB = ("slim", "layers", "framework")
# Removed from TensorFlow 2.21 altogether: what to do instead.
REMOVED = {
    "estimator": "tf.estimator was removed in TensorFlow 2.16: migrate to tf.keras (model.fit) or a custom training loop, or keep TF <= 2.15",
    "contrib": "tf.contrib does not exist in TensorFlow 2",
}

# TF1 code's test for TF2 behaviour (``from tensorflow.python import tf2``): true after
# the migration, which flips what it guards (warned at each call).
TF2_ENABLED = "tensorflow.python.tf2.enabled"

# Private functions TF1 code imported that TensorFlow renamed since (same function).
INTERNAL_RENAMES = {
    "tensorflow.python.util.nest.is_sequence": "is_nested",
    "tensorflow.python.util.nest.is_sequence_or_composite": "is_nested_or_composite",
}


# Private modules TF1 code imported that TF2 keeps elsewhere (TF1's training_ops was
# ``from tensorflow.python.ops.gen_training_ops import *``), and private names moved out
# of the module TF1 code imported them from.
INTERNAL_MODULE_RENAMES = {
    # TF1's estimator utility (``fn_args``: a function's argument names), TensorFlow's own
    # function; tf.estimator is gone from TF 2.21, the function is in tensorflow.python.util
    "tensorflow.python.estimator.util.fn_args": "tensorflow.python.util.function_utils.fn_args",
    "tensorflow.python.training.training_ops": "tensorflow.python.ops.gen_training_ops",
    "tensorflow.python.framework.ops.Tensor": "tensorflow.python.framework.tensor.Tensor",
    "tensorflow.python.framework.ops.IndexedSlices": "tensorflow.python.framework.indexed_slices.IndexedSlices",
    "tensorflow.python.framework.ops.register_tensor_conversion_function":
        "tensorflow.python.framework.tensor_conversion_registry.register_tensor_conversion_function",
}
# Private names TF1 code reads through its private module (``ops.Tensor``, TensorLayer's
# ``isinstance(x, ops.Tensor)``) that TF 2.21's module no longer has: → the public name of
# the same object, spelled through tensorflow.
INTERNAL_MOVED = {
    "tensorflow.python.framework.ops.Tensor": "Tensor",
    # t2t's and kfac's gradients; mesh_tensorflow's variables convert to tensors (at import)
    "tensorflow.python.framework.ops.IndexedSlices": "IndexedSlices",
    "tensorflow.python.framework.ops.register_tensor_conversion_function": "register_tensor_conversion_function",
}
# ... and ones TF 2.21 has nowhere: what to write instead (warned at the line).
INTERNAL_GONE = {
    "tensorflow.python.framework.op_def_registry.get_registered_ops":
        "op_def_registry.get(op_type) for one op's OpDef; TF 2 has no dict of them all (dir(tf.raw_ops) "
        "lists the ops that have Python wrappers)",
    "tensorflow.python.ops.variable_scope.variable":
        "tf.compat.v1.Variable (the same arguments up to name=, then dtype= by keyword)",
    "tensorflow.python.framework.ops.register_dense_tensor_like_type":
        "tf.register_tensor_conversion_function for the type (TF 2 keeps no registry of dense-tensor-like "
        "types; a conversion to a tensor is what makes a type one)",
}
_INTERNAL_READ = frozenset(k.rpartition(".")[0] for k in (*INTERNAL_MOVED, *INTERNAL_GONE))
# TF1's tf.keras under its private name (DeepCTR's ``from tensorflow.python.keras.layers
# import Layer``): in TF 2.21 a frozen copy that is neither tf.keras (Keras 3) nor tf-keras
PRIVATE_KERAS = ("tensorflow.python.keras is TensorFlow 2.21's frozen private copy of TF1's Keras, not tf.keras: "
                 "its layers and models do not mix with tf.keras's (Keras 3), and it lacks names TF1's had (its "
                 "LSTM); import from tensorflow.keras instead (tf-keras, TF1's Keras, under TF_USE_LEGACY_KERAS=1)")


def _private_keras(module: str) -> bool:
    return module == "tensorflow.python.keras" or module.startswith("tensorflow.python.keras.")


def _is_internal(rest: list[str]) -> bool:
    """``tensorflow.python...``: TensorFlow's own packages, not its API."""
    return rest[0] in table.INTERNAL_ROOTS and rest[0] not in table.NAMES


# TF1 graph-mode APIs (paths in the v1 API): a module using them needs graph mode.
GRAPH_MODE = frozenset(q[len("tf.compat.v1."):] for q in SESSIONS | PLACEHOLDERS) | {
    "train.Supervisor", "train.start_queue_runners", "train.QueueRunner", "train.Saver",
    "train.string_input_producer", "train.batch", "train.shuffle_batch",
}
# graph-only functions (they raise when eager) that make a test case's tests TF1 graph
# tests, as a session does (graph_nets' gradient tests); elsewhere a tf.function may call them
GRAPH_ONLY_IN_TESTS = frozenset({"gradients", "hessians"})
_GRAPH_CALLS = GRAPH_MODE | GRAPH_ONLY_IN_TESTS  # what ``_may_act`` looks for (the rewriter tells them apart)
GRAPH_SWITCHES = frozenset({"disable_v2_behavior", "disable_eager_execution"})
# a module calling these ran eagerly under TF1 too, and enters graphs itself where it needs
# them (tensor2tensor's tests: ``tf.enable_eager_execution()`` at import, sessions under
# decorators that build a graph): no graph-mode step
EAGER_SWITCHES = frozenset({"enable_eager_execution", "enable_v2_behavior"})
# the graphs TF1 code makes itself (``_Rewriter.tf1_graphs``), and its resets of the default
# graph, which make one: each call → the shim's, whose graph builds TF1's control flow
# (``tf1to2.Graph``)
TF1_GRAPHS = {f"{module}.{name}": f"tf1to2.{name}"
              for module in ("tensorflow", "tensorflow.compat.v1", "tensorflow.python.framework.ops")
              for name in ("Graph", "reset_default_graph")}
TF1_GRAPH = "tf1to2.Graph"
MODE_SWITCHES = GRAPH_SWITCHES | EAGER_SWITCHES
TEST_SESSIONS = frozenset({"test_session", "session", "cached_session"})  # ``_test_session``
# The model-mapping and validation guides' own API, which TensorFlow 2.16+ ships only with
# tf-keras: the shim has each, for Keras 3 and (delegating to tf-keras) Keras 2 alike.
_GUIDE_NAMES = ("track_tf1_style_variables", "get_or_create_layer", "DeterministicRandomTestTool")
GUIDE_SHIM_MODULES = ("tensorflow.compat.v1.keras.utils", "tensorflow.keras.utils")
GUIDE_SHIM = {f"{m}.{n}": n for m in GUIDE_SHIM_MODULES for n in _GUIDE_NAMES}
# tf.estimator (removed in TF 2.16) under each spelling of its module; its ModeKeys, plain
# strings read far beyond Estimators (defaults, ``mode == ...``), is the shim's.
ESTIMATOR_MODULES = tuple(f"tensorflow.{v}estimator" for v in ("", "compat.v1.", "compat.v2."))
MODE_KEYS = "tf1to2.estimator.ModeKeys"
# tf.estimator's session-run hooks and their helpers: tf.train's own classes, which
# tf.estimator re-exported (the same objects in TF 1.x); tf.compat.v1.train keeps them
ESTIMATOR_HOOKS = frozenset({
    "CheckpointSaverHook", "CheckpointSaverListener", "FeedFnHook", "FinalOpsHook", "GlobalStepWaiterHook",
    "LoggingTensorHook", "NanLossDuringTrainingError", "NanTensorHook", "ProfilerHook", "SecondOrStepTimer",
    "SessionRunArgs", "SessionRunContext", "SessionRunHook", "SessionRunValues", "StepCounterHook",
    "StopAtStepHook", "SummarySaverHook"})


def _estimator_tail(base: str, parts: list) -> Optional[list]:
    """What follows tf.estimator in a dotted name whose root is bound to ``base``
    (``["ModeKeys", "TRAIN"]`` for ``tf.estimator.ModeKeys.TRAIN``, ``tf_estimator.ModeKeys``,
    ``["SessionRunHook"]`` ...); None where it does not spell a name in tf.estimator (and for
    a name an import bound to one, which is rewritten where it is made)."""
    full = [*base.split("."), *parts[1:]]
    for module in ESTIMATOR_MODULES:
        head = module.split(".")
        at = len(head)
        if full[:at] == head and len(full) > at and at >= len(base.split(".")):
            return full[at:]
    return None


def _mode_keys_tail(base: str, parts: list) -> Optional[list]:
    """What follows ``ModeKeys`` in a dotted name (``[]``, ``["TRAIN"]``) when the name
    spells tf.estimator.ModeKeys itself; None otherwise (``_estimator_tail``)."""
    tail = _estimator_tail(base, parts)
    return tail[1:] if tail and tail[0] == "ModeKeys" else None


def _estimator_hook(base: str, parts: list) -> Optional[tuple]:
    """(the hook's name, what follows it) when a dotted name spells one of tf.estimator's
    hooks (``ESTIMATOR_HOOKS``: ``tf.estimator.SessionRunHook``,
    ``tf_estimator.StopAtStepHook``); None otherwise (``_estimator_tail``)."""
    tail = _estimator_tail(base, parts)
    return (tail[0], tail[1:]) if tail and tail[0] in ESTIMATOR_HOOKS else None


def _estimator_module(module: str) -> bool:
    """``tensorflow.estimator``, ``tensorflow.compat.v1.estimator.export``, ..."""
    return any(module == m or module.startswith(m + ".") for m in ESTIMATOR_MODULES)


def _imports_estimator(module: str, names) -> bool:
    """``from <module> import <names>`` imports from tf.estimator, or tf.estimator itself
    (``from tensorflow.compat.v1 import estimator``): ``_Rewriter._estimator_from``'s."""
    return _estimator_module(module) or any(f"{module}.{name}" in ESTIMATOR_MODULES for name in names)


def resolve(path: str) -> tuple[Optional[str], str, Optional[str]]:
    """A v1 API path (``train.AdamOptimizer.minimize``) → (prefix, new prefix, problem).

    ``prefix`` is the longest leading part the table knows, ``new`` its TF2 path ("" =
    unchanged); ``problem`` says why nothing can be written (None when it can)."""
    parts = path.split(".")
    for n in range(len(parts), 0, -1):
        prefix = ".".join(parts[:n])
        if prefix in table.NAMES:
            rest = parts[n:]
            if rest and prefix in table.MODULES and prefix != "keras":
                return prefix, table.NAMES[prefix], f"tf.{'.'.join(parts[:n + 1])} does not exist in TensorFlow {table.TF_VERSION}"
            return prefix, table.NAMES[prefix], None
    first = parts[0]
    return None, "", REMOVED.get(first, f"tf.{path} does not exist in TensorFlow {table.TF_VERSION}")


# Where contrib's own module files went in tf_slim.
_SLIM_MODULE_ROOTS = {
    ("layers", "python", "layers"): "tf_slim.layers",
    ("layers", "python", "ops"): "tf_slim.ops",
    ("framework", "python", "ops"): "tf_slim.ops",
    ("slim", "python", "slim"): "tf_slim",
    ("slim", "python", "slim", "data"): "tf_slim.data",
    ("slim", "python", "slim", "nets"): "tf_slim.nets",
}


def _slim_module_path(rest: list[str]) -> Optional[str]:
    """``contrib.layers.python.layers.utils.collect_named_outputs`` →
    ``tf_slim.layers.utils.collect_named_outputs``, when tf_slim has that module and name."""
    for n in (4, 3):
        root = _SLIM_MODULE_ROOTS.get(tuple(rest[:n]))
        if root is None:
            continue
        tail = rest[n:]
        # the longest module prefix tf_slim has, then a name it holds (or nothing)
        for m in range(len(tail), -1, -1):
            module = ".".join([root, *tail[:m]])
            if module in table.TF_SLIM_MODULES:
                rest_names = tail[m:]
                if not rest_names or rest_names[0] in table.TF_SLIM_MODULES[module] \
                        or f"{module}.{rest_names[0]}" in table.TF_SLIM_MODULES:
                    return ".".join([module, *rest_names])
                return None
    return None


def _slim_module_of(target: str) -> str:
    """The tf_slim module to import for a dotted tf_slim name: ``tf_slim.nets.vgg.vgg_16``
    needs ``import tf_slim.nets.vgg`` (``import tf_slim`` does not load ``nets``)."""
    parts = target.split(".")
    for n in range(len(parts), 1, -1):
        if ".".join(parts[:n]) in table.TF_SLIM_MODULES:
            return ".".join(parts[:n])
    return "tf_slim"


def contrib_target(rest: list[str]) -> tuple[Optional[str], str]:
    """``tf.contrib.<rest>`` → (tf_slim dotted path, "") or (None, warning)."""
    if not rest:
        return None, "tf.contrib does not exist in TensorFlow 2: " + "replace each use (tf_slim, TensorFlow Addons, tf.data, Keras)"
    module = rest[0]
    if module in SLIM_CONTRIB and len(rest) >= 3 and rest[1] == "python":
        moved = _slim_module_path(rest)
        if moved is not None:
            return moved, ""
    if module in SLIM_CONTRIB and len(rest) >= 2 and rest[1] != "python":
        name = rest[1]
        if name in table.TF_SLIM or (module == "slim" and name in table.TF_SLIM_PACKAGES):
            return "tf_slim." + ".".join(rest[1:]), ""
    if module in SLIM_CONTRIB and len(rest) == 1:
        return "tf_slim", ""  # the module as a value: its members are checked where they are used
    what = "tf.contrib." + ".".join(rest)
    for n in range(len(rest), 1, -1):
        named = CONTRIB_NAMES.get(".".join(rest[:n]))
        if named:
            return None, f"{what} does not exist in TensorFlow 2: {named}"
    suggestion = CONTRIB_REPLACEMENTS.get(module)
    if module == "eager":
        gone = rest[3:4] if rest[1:2] == ["python"] else rest[1:2]  # (python.network.Network too)
        if gone and gone[0] in EAGER_GONE:
            return None, f"{what} does not exist in TensorFlow 2: use {EAGER_GONE[gone[0]]} instead"
    if module == "distributions" and len(rest) >= 2:
        return None, (f"{what} does not exist in TensorFlow 2, and TensorFlow Probability {table.TFP_VERSION} "
                      "(where tf.contrib.distributions went: tfp.distributions, tfp.bijectors) has no such name: "
                      "replace it (a *WithSoftplus* distribution: the distribution given tf.nn.softplus of its "
                      "parameter; Affine bijectors: tfp.bijectors.Shift / Scale / ScaleMatvecTriL)")
    if module == "framework" and len(rest) >= 2 and rest[1] in FRAMEWORK_GONE:
        return None, f"{what} does not exist in TensorFlow 2 or tf-slim: use {FRAMEWORK_GONE[rest[1]]} instead"
    if module in SLIM_CONTRIB:
        return None, f"{what} is not in tf_slim {table.TF_SLIM_VERSION}: replace it with " + (CONTRIB_REPLACEMENTS[module] if module != "slim" else "the TF2 API")
    if suggestion:
        return None, f"{what} does not exist in TensorFlow 2: replace it with {suggestion}"
    return None, f"{what} does not exist in TensorFlow 2: see the migration overview's 'Remove tf.contrib usage' step"


def foreign_tf_warning(name: str, dotted: str, module: str) -> str:
    """What stage 0 says at an import of another module's name for TensorFlow
    (``rules.pure_functions.tf_exports``) made in a function or class, which the rules do
    not follow (``codemod.pipeline.followed_foreign``: the module-level ones they do); the
    engine reports it, since such a file may never spell "tensorflow"."""
    return (f"{name} is {dotted}, which its module binds to TensorFlow ({module}): tf1to2 follows such a name "
            f"only where a module-level import binds it, so the TF1 code reached through {name} here (imported in a "
            "function or class) is left as it is, none of it rewritten or warned (under TensorFlow 2.21 with Keras 3, "
            f"tf.compat.v1.layers and TF1's RNN cells raise). Import it at module level, or TensorFlow here (import "
            f"tensorflow.compat.v1 as {name}), and run tf1to2 again")


# TF1's tf.keras.initializers were TF1's own initializers (init_ops: they honour
# tf.set_random_seed, take dtype= and partition_info); TF 2.21's are Keras 3's. Each TF1
# name → (the tf.compat.v1 name of the same object, or of the one it subclassed or
# returned, and the arguments TF1's Keras gave it: defaults it changed, or what a function
# like he_normal set). The TF1 Keras signature each call is read with: (parameters).
KERAS_V1_INITIALIZERS = {
    **{n: ("zeros_initializer", {}) for n in ("Zeros", "zeros")},
    **{n: ("ones_initializer", {}) for n in ("Ones", "ones")},
    **{n: ("constant_initializer", {}) for n in ("Constant", "constant")},
    "VarianceScaling": ("variance_scaling_initializer", {}),
    **{n: ("orthogonal_initializer", {}) for n in ("Orthogonal", "orthogonal")},
    **{n: ("initializers.identity", {}) for n in ("Identity", "identity")},
    "glorot_uniform": ("glorot_uniform_initializer", {}),
    "glorot_normal": ("glorot_normal_initializer", {}),
    **{n: ("random_normal_initializer", {"stddev": "0.05"}) for n in ("RandomNormal", "random_normal", "normal")},
    **{n: ("random_uniform_initializer", {"minval": "-0.05", "maxval": "0.05"})
       for n in ("RandomUniform", "random_uniform", "uniform")},
    **{n: ("truncated_normal_initializer", {"stddev": "0.05"}) for n in ("TruncatedNormal", "truncated_normal")},
    "lecun_normal": ("variance_scaling_initializer",
                     {"scale": "1.0", "mode": '"fan_in"', "distribution": '"truncated_normal"'}),
    "lecun_uniform": ("variance_scaling_initializer", {"scale": "1.0", "mode": '"fan_in"', "distribution": '"uniform"'}),
    "he_normal": ("variance_scaling_initializer",
                  {"scale": "2.0", "mode": '"fan_in"', "distribution": '"truncated_normal"'}),
    "he_uniform": ("variance_scaling_initializer", {"scale": "2.0", "mode": '"fan_in"', "distribution": '"uniform"'}),
}
_KERAS_V1_PARAMS = {
    "zeros_initializer": ("dtype",), "ones_initializer": ("dtype",),
    "constant_initializer": ("value", "dtype", "verify_shape"),
    "variance_scaling_initializer": ("scale", "mode", "distribution", "seed", "dtype"),
    "orthogonal_initializer": ("gain", "seed", "dtype"), "initializers.identity": ("gain", "dtype"),
    "glorot_uniform_initializer": ("seed", "dtype"), "glorot_normal_initializer": ("seed", "dtype"),
    "random_normal_initializer": ("mean", "stddev", "seed", "dtype"),
    "random_uniform_initializer": ("minval", "maxval", "seed", "dtype"),
    "truncated_normal_initializer": ("mean", "stddev", "seed", "dtype"),
}
_KERAS_V1_FUNCTIONS = ("lecun_normal", "lecun_uniform", "he_normal", "he_uniform")  # (seed=None)
_KERAS_INITIALIZERS = ("tf.keras.initializers.", "tf.compat.v1.keras.initializers.")


def keras_v1_initializer(q: Optional[str]) -> Optional[str]:
    """The TF1 Keras initializer a canonical name is (``VarianceScaling``), or None."""
    for prefix in _KERAS_INITIALIZERS:
        if q is not None and q.startswith(prefix) and q[len(prefix):] in KERAS_V1_INITIALIZERS:
            return q[len(prefix):]
    return None


class _Rewriter(TFTransformer):
    def __init__(self, ctx: RuleContext, compat_names: set[str], skip: frozenset = frozenset()) -> None:
        super().__init__(ctx, skip)
        self.replacements: dict[int, cst.CSTNode] = {}
        self.tf2_exact: set[int] = set()  # calls that mean the same under the TF2 name
        self.callees: set[int] = set()  # ids of the callee of every call seen
        self.keras_arguments: set[int] = set()  # ids of calls that are arguments of a tf.keras call
        self.type_checked: set[int] = set()  # ids of the classes isinstance / issubclass test against
        self.initializer_calls: dict[int, tuple] = {}  # TF1 Keras initializer calls → _initializer_call's plan
        self.slim_imports: set[str] = set()  # tf_slim modules the rewritten chains read
        self.shim_imports: set = set()  # names chains now read from tf1to2 (None: tf1to2 itself)
        self.keras_calls: dict = {}  # id of a TF1 tf.keras call → (tf1_keras.Plan, whether it needs tf)
        self._tf2_code: Optional[bool] = None  # whether the module reads as TF2 code (``tf1_keras.TF2_CODE``)
        self.contrib_aliases: set[str] = set()  # ``tc`` of ``import tensorflow.contrib as tc``, rewritten uses
        self.contrib_kept: set[str] = set()  # ... with a use left
        # ``rnn`` of ``from tensorflow.contrib import rnn`` / ``import tensorflow.contrib.rnn
        # as rnn`` (or another of renamed_contrib_modules: ``data``): names whose uses were
        # rewritten (CONTRIB_RNN, contrib_tf2), and those with a use left
        self.renamed_aliases: set[str] = set()
        self.renamed_kept: set[str] = set()
        self.estimator_shim = False  # a chain now reads tf1to2.estimator
        self.estimator_hooks = False  # a chain of tf.estimator's hooks now reads tf.compat.v1.train
        self.module_imports: set[str] = set()  # modules chains now read whole (``import tensorflow``)
        self.tfp_head: Optional[str] = None     # what TensorFlow Probability is called here (``_tfp_name``)
        self.tfp_import: Optional[tuple] = None  # the import making it, to add
        self.tfp_used = False                    # a name was rewritten to TFP's
        self.tfp_imported = False                # an import was rewritten to TFP's
        self.graph_mode_tests = False  # test cases were decorated to run their tests in graph mode
        self.local_classes = _module_classes(ctx.module)  # the module's own classes (``_is_test_case``)
        self.test_cases: set = set()  # the module's TestCase classes (by name) so far
        self.in_test_case: list = []  # per class entered: whether it is a test case (or holds its tests)
        self.test_mixins = {ctx.module.body[i].name.value for i in _test_mixins(ctx.module)}
        self.stored: set = set()  # ids of the attributes assigned or deleted (``cell[0].value = v``)
        self._set_attributes: dict = {}  # ``_set_on``'s, per module name
        # names of imports of tf.contrib.framework that hand the module on (``return cf``):
        # those import tf1to2.contrib_framework, which has all of it TF2 has
        self.framework_escapes: set[str] = set()
        # module-level imports binding tf.estimator itself (``from tensorflow import
        # estimator as E``): (statement, the import as remove_unused_imports takes it),
        # warned at the end unless every use was ModeKeys and the import could go
        self.estimator_imports: list[tuple] = []
        self.needs_tf = False
        self.compat_names = compat_names
        self.graph_nodes: list[tuple[cst.CSTNode, bool, bool]] = []  # (node, at module level, under as_default)
        self.switched = False
        self.graph_step = False  # ``_graph_mode`` wrote disable_v2_behavior(): the program has TF1's variables
        self.depth = 0  # functions / classes entered
        self.as_default = 0  # with ...as_default() blocks entered
        self.main_guard: Optional[cst.If] = None  # the ``if __name__ == "__main__":`` being walked
        self._tf_name: Optional[str] = None
        self.shape_names: list = [frozenset()]  # per function: names holding a shape (_LazyShapes)
        self.dims: list[set] = []  # loop variables over a shape, innermost last
        self.reads_value = ".value" in ctx.code  # once: a search of the text per function is quadratic
        # ``tf.Graph()`` / ``tf.reset_default_graph()`` calls → the shim's (``TF1_GRAPHS``), not
        # in a module switching to TF2 behaviour
        self.tf1_graphs: dict = {}
        self.v2_behaviour = "enable_v2_behavior" in ctx.code

    # ---- where we are -------------------------------------------------------------
    def visit_FunctionDef(self, node) -> None:
        self.depth += 1
        self.shape_names.append(_LazyShapes(node) if self.reads_value else frozenset())

    def leave_FunctionDef(self, original_node, updated_node):
        self.depth -= 1
        self.shape_names.pop()
        return updated_node

    # ``[d.value for d in x.get_shape()[1:]]``, ``for d in x.shape: ... d.value``: the
    # loop variable is a Dimension there
    def _dims_of(self, fors) -> set:
        return {n for f in fors if _is_shape(f.iter) for n in target_names(f.target)}

    def visit_ListComp(self, node) -> None:
        self.dims.append(self._dims_of(_comp_fors(node)))

    def leave_ListComp(self, original_node, updated_node):
        self.dims.pop()
        return updated_node

    visit_GeneratorExp = visit_SetComp = visit_DictComp = visit_ListComp
    leave_GeneratorExp = leave_SetComp = leave_DictComp = leave_ListComp

    def visit_For(self, node: cst.For) -> None:
        self.dims.append(self._dims_of([node]) - bindings(node.body).names)
        self.stored.update(_stored_attributes(node.target))

    def visit_AssignTarget(self, node: cst.AssignTarget) -> None:
        self.stored.update(_stored_attributes(node.target))

    def visit_AugAssign(self, node: cst.AugAssign) -> None:
        self.stored.update(_stored_attributes(node.target))

    def visit_AnnAssign(self, node: cst.AnnAssign) -> None:
        self.stored.update(_stored_attributes(node.target))

    def visit_Del(self, node: cst.Del) -> None:
        self.stored.update(_stored_attributes(node.target))

    def visit_CompFor(self, node: cst.CompFor) -> None:
        self.stored.update(_stored_attributes(node.target))

    def leave_For(self, original_node, updated_node):
        self.dims.pop()
        return updated_node

    def visit_ClassDef(self, node) -> None:
        self.depth += 1
        test_case = _is_test_case(_base_names(node), self.test_cases, node, self.local_classes)
        if test_case and self.depth == 1:
            self.test_cases.add(node.name.value)
        self.in_test_case.append(test_case or (self.depth == 1 and node.name.value in self.test_mixins))

    def leave_ClassDef(self, original_node, updated_node):
        self.depth -= 1
        self.in_test_case.pop()
        return updated_node

    def visit_If(self, node: cst.If) -> None:
        # a script's ``if __name__ == "__main__":`` is its entry point, not code an
        # import of the module runs
        if self.depth == 0 and _is_main_guard(node):
            self.depth += 1
            self.main_guard = node

    def leave_If(self, original_node, updated_node):
        if original_node is self.main_guard:
            self.depth -= 1
            self.main_guard = None
        return updated_node

    def visit_With(self, node: cst.With) -> None:
        if any(is_as_default(item.item) for item in node.items):
            self.as_default += 1

    def leave_With(self, original_node, updated_node):
        if any(is_as_default(item.item) for item in original_node.items):
            self.as_default -= 1
        return updated_node

    # ---- names --------------------------------------------------------------------
    def visit_Import(self, node: cst.Import) -> bool:
        return False  # its dotted names are modules (``leave_Import``), not chains to read

    def visit_ImportFrom(self, node: cst.ImportFrom) -> bool:
        return False  # ``from tensorflow.compat import v1``: ``leave_ImportFrom``'s

    def visit_Attribute(self, node: cst.Attribute) -> bool:
        parts = dotted_parts(node)
        if parts is None:
            return True
        if parts[-1] == "value":
            return True  # shape[i].value is handled in leave_Attribute
        self._chain(node, parts)
        return False

    def visit_Call(self, node: cst.Call) -> None:
        self.callees.add(id(node.func))
        if self.in_test_case and self.in_test_case[-1] and _test_session(dotted_parts(node.func)):
            self.graph_nodes.append((node, False, self.as_default > 0))
        if isinstance(node.func, cst.Name) and node.func.value in ("isinstance", "issubclass") \
                and len(node.args) == 2:
            classes = node.args[1].value
            elements = [e.value for e in classes.elements] if isinstance(classes, (cst.Tuple, cst.List)) else [classes]
            self.type_checked.update(id(e) for e in elements)
        q = self.qualify(node.func)
        if q is not None and q.startswith("tf.keras."):
            # a Keras 3 layer given an initializer keeps Keras 3's (it saves and loads with it)
            self.keras_arguments.update(id(a.value) for a in node.args)
        name = self._tf1_keras_initializer(node.func, q)
        if name is not None and id(node) not in self.keras_arguments:
            self._keras_initializer(node, name)
        keras = keras_tail(q)
        if keras is not None and not self._v2_spelled(node.func):
            self._plan_keras_call(node, keras)
        elif isinstance(node.func, cst.Attribute) and node.func.attr.value in tf1_keras.METHOD_PLANS:
            self._plan_model_method(node, node.func.attr.value)  # ``model.compile(optimizer="rmsprop")`` ...
        parts = dotted_parts(node.func)
        if parts is None:
            return
        if ".".join([self.binding(parts[0]) or "", *parts[1:]]) == TF2_ENABLED:
            self._tf2_enabled(node)
        full = ".".join([self.binding(parts[0]) or "", *parts[1:]])
        shim = None if node.args or self.v2_behaviour else TF1_GRAPHS.get(full)
        if shim is not None:
            self.tf1_graphs[id(node)] = shim
        if self.binding(parts[0]) == "tensorflow" and parts[0] not in self.compat_names and _fits_tf2(".".join(parts[1:]), node):
            self.tf2_exact.add(id(node.func))
        v1 = self._v1_path(parts)
        if v1 is None:
            return
        if v1 in GRAPH_MODE and not (v1 == "train.Saver" and saver_given_variables(node)):
            # (as the checkpoint guide shows)
            self.graph_nodes.append((node, self.depth == 0, self.as_default > 0 or own_graph(node)))
        elif v1 in GRAPH_ONLY_IN_TESTS and self.in_test_case and self.in_test_case[-1]:
            self.graph_nodes.append((node, False, self.as_default > 0))
        if v1 in GRAPH_SWITCHES or v1 in EAGER_SWITCHES:
            self.switched = True  # the module chooses its mode itself

    def _tf1_keras_initializer(self, expr: cst.BaseExpression, q: Optional[str]) -> Optional[str]:
        """The TF1 Keras initializer ``expr`` (canonical ``q``) names (``VarianceScaling``),
        unless it is spelled through ``tensorflow.compat.v2`` (TF2 code: Keras 3's is meant)."""
        name = keras_v1_initializer(q)
        if name is None or self._v2_spelled(expr):
            return None
        return name

    def _plan_model_method(self, node: cst.Call, method: str) -> None:
        """``model.fit_generator(...)``, ``model.compile(optimizer="rmsprop")`` ...: TF1
        Keras Model methods and arguments Keras 3 lacks or computes otherwise
        (``tf1_keras.METHOD_PLANS``); of those a program may define itself, not the shim's
        own function, nor one the module defines called on ``self`` (tflearn's forest)."""
        own = None
        if method in tf1_keras.OWN_METHODS:
            receiver = node.func.value
            own = self._defines(method)
            if isinstance(receiver, cst.Name) and (receiver.value == "tf1to2" or (
                    receiver.value == "self" and own == "this module")):
                return
        plan = tf1_keras.METHOD_PLANS[method](node, method, own)
        if plan is None:
            return
        for warning in plan.warnings:
            self.ctx.warn(node, warning)
        if plan.messages:
            self.keras_calls[id(node)] = (plan, False)

    def _defines(self, method: str) -> Optional[str]:
        """Which module of the run (this one first) defines a function ``method``, if any."""
        pattern = re.compile(rf"\bdef\s+{method}\b")
        if pattern.search(self.ctx.code):
            return "this module"
        texts = self.ctx.project.texts if self.ctx.project is not None else {}
        return next((f"{name}" for name, text in texts.items() if pattern.search(text)), None)

    def _v2_spelled(self, expr: cst.BaseExpression) -> bool:
        """``expr`` is spelled through ``tensorflow.compat.v2`` (TF2 code: Keras 3's is meant)."""
        parts = dotted_parts(expr) or [""]
        return "v2" in parts or "compat.v2" in (self.binding(parts[0]) or "")

    def _plan_keras_call(self, node: cst.Call, keras: str) -> None:
        """TF1's ``tf.keras.<keras>(...)``, where Keras 3 computes otherwise under the same
        name (``rules/tf1_keras.py``): its warnings now, its rewrite planned (``leave_Call``)."""
        parts = dotted_parts(node.func) or []
        if len(parts) >= 2:
            schedules = ".".join([*parts[:-1], "schedules"])
        else:  # ``from tensorflow.keras.optimizers import SGD``
            schedules = f"{self.tf_name()}.keras.optimizers.schedules"
        if self._tf2_code is None:
            self._tf2_code = bool(tf1_keras.TF2_CODE.search(self.ctx.code))
        tf2_code = self._tf2_code and (self.qualify(node.func) or "").startswith("tf.keras.")
        plan = tf1_keras.plan_call(node, keras, schedules, tf2_code)
        if plan is None:
            return
        for warning in plan.warnings:
            self.ctx.warn(node, warning)
        if plan.messages:
            self.keras_calls[id(node)] = (plan, len(parts) < 2 and "InverseTimeDecay" in " ".join(plan.messages))

    def _keras_initializer(self, node: cst.Call, name: str) -> None:
        """``tf.keras.initializers.he_normal(seed=1)`` in TF1 code → ``tf.compat.v1.
        variance_scaling_initializer(scale=2.0, mode="fan_in", distribution="truncated_normal",
        seed=1)``: the initializer TF1 made there (KERAS_V1_INITIALIZERS)."""
        target, preset = KERAS_V1_INITIALIZERS[name]
        params = ("seed",) if name in _KERAS_V1_FUNCTIONS else _KERAS_V1_PARAMS[target]
        if any(a.star for a in node.args) or len([a for a in node.args if a.keyword is None]) > len(params) or any(
                a.keyword is not None and a.keyword.value not in params for a in node.args):
            self.ctx.warn(node, f"{code(node.func)}: TF1's Keras initializer was tf.compat.v1.{target}, TensorFlow "
                                f"{table.TF_VERSION}'s is Keras 3's (it ignores tf.set_random_seed); left as it is, "
                                "its arguments not TF1's Keras signature")
            return
        if self.ctx.change(node, f"{code(node.func)}(...) → {self.v1_name()}.{target}(...): the initializer TF1's "
                                 f"Keras made (TF1's own, honouring tf.set_random_seed); TensorFlow "
                                 f"{table.TF_VERSION}'s is Keras 3's"):
            self.initializer_calls[id(node)] = (target, preset, params, name in _KERAS_V1_FUNCTIONS)
            self.needs_tf = True

    def _initializer_call(self, updated: cst.Call, plan: tuple) -> cst.Call:
        """The call ``_keras_initializer`` planned, from the call as the rest of the rule
        left it: the arguments given stay as written (a function's seed by keyword), the
        defaults TF1's Keras set are added after them by keyword."""
        target, preset, params, function = plan
        given = [a.keyword.value if a.keyword is not None else params[i] for i, a in enumerate(updated.args)]
        args = [keyword(a, "seed") if function else a for a in updated.args]
        args += [new_keyword(k, v) for k, v in preset.items() if k not in given]
        return updated.with_changes(func=_expr(f"{self.v1_name()}.{target}"), args=rebuild_args(updated, args))

    def _keras_initializer_value(self, node: cst.Attribute, name: str) -> None:
        """``initializer=tf.keras.initializers.glorot_uniform`` (the class, not called): TF1's
        class where TF1's Keras exported it as it was; one it subclassed with other defaults,
        or a function setting arguments, has no name in TF 2.21 to write: warned."""
        target, preset = KERAS_V1_INITIALIZERS[name]
        if preset:
            self.ctx.warn(node, f"{code(node)}: TF1's Keras initializer was tf.compat.v1.{target} with "
                                f"{', '.join(f'{k}={v}' for k, v in preset.items())}; TensorFlow {table.TF_VERSION}'s "
                                "is Keras 3's (it ignores tf.set_random_seed and does not take partition_info, which "
                                f"get_variable passes): write tf.compat.v1.{target}(" +
                                ", ".join(f"{k}={v}" for k, v in preset.items()) + ") here")
            return
        text = f"{self.v1_name()}.{target}"
        if self.ctx.change(node, f"{code(node)} → {text}: the initializer class TF1's Keras exported (TF1's own); "
                                 f"TensorFlow {table.TF_VERSION}'s is Keras 3's"):
            self.replacements[id(node)] = _expr(text)
            self.needs_tf = True

    def _tf2_enabled(self, node: cst.Call) -> None:
        """TF1 code's ``tf2.enabled()`` test: warned; with ``--unsafe-fixes``, made False
        (the TF1 side, which the rules migrate), warned too: the project's own TF2 side may
        be what it needs under TF2 (tensorpack disables eager mode there)."""
        why = (f"{code(node)} is True under TensorFlow 2, where this TF1 code ran with it False: what it guards "
               "runs now and what it guards against does not. tf1to2 migrates the TF1 side (to run on TensorFlow "
               "2.21 as it did); the TF2 side is the project's own, and may not compute what TF1 did (Keras "
               "layers built at each call, for one, have new weights at each call in eager code)")
        if self.ctx.unsafe and self.ctx.change(node, f"{code(node)} → False (--unsafe-fixes: the TF1 side)"):
            self.replacements[id(node)] = cst.Name("False")
            self.ctx.warn(node, f"{why}. --unsafe-fixes made it False here, keeping the TF1 side: check that the "
                                "TF2 side was not needed under TensorFlow 2 (turning eager mode off, for one)")
            return
        self.ctx.warn(node, f"{why}: check it, and where it does not, make the test False here to keep the TF1 "
                            "side (--unsafe-fixes does)")

    def _keras_gap(self, node: cst.Attribute, parts: list[str], path: str, key: str, home: str) -> None:
        """A tf.keras name TF2's tf.keras (Keras 3) lacks: the name it has the same thing
        under, where the chain spells the part that changes (``tf.keras.losses.
        mean_squared_error`` → ``tf.keras.losses.mse``; ``K.mean_squared_error`` of ``from
        tensorflow.keras import losses as K`` → ``K.mse``); said at the line otherwise."""
        if not home:
            self.ctx.warn(node, keras_gap_problem(key, path))
            return
        names, old, new = path.split("."), key.split("."), home.split(".")
        off = len(parts) - len(names)  # parts[i + off] spells names[i]
        if off >= 1:
            text = ".".join([*parts[:off], *new, *parts[off + len(old):]])
        elif new[:-1] == old[:-1] and len(old) - 1 + off >= 1:
            i = len(old) - 1 + off
            text = ".".join([*parts[:i], new[-1], *parts[i + 1:]])
        else:
            self.ctx.warn(node, f"tf.keras.{key} does not exist in TensorFlow {table.TF_VERSION}'s tf.keras "
                                f"(Keras 3, the default): use tf.keras.{home}, the same thing there")
            return
        if self.ctx.change(node, f"tf.keras.{key} → tf.keras.{home} (the same thing: TF2's tf.keras, Keras 3, "
                                 "has it under that name only)"):
            self.replacements[id(node)] = _expr(text)

    def _v1_path(self, parts: list[str]) -> Optional[str]:
        """The v1 API path a dotted name reaches (``train.Saver``), whatever the spelling."""
        base = self.binding(parts[0])
        return None if base is None else _v1_rest(base, parts)

    def _chain(self, node: cst.Attribute, parts: list[str]) -> None:
        root = parts[0]
        base = self.binding(root)
        if id(node) in self.type_checked and self.qualify(node) == "tf.compat.v1.Variable":
            # TF1's tf.Variable was the class of every variable; TF2's variables are not
            # instances of tf.compat.v1.Variable, but of TF2's tf.Variable
            # a name another module binds (tensorpack's ``tfv1``: tensorflow or its compat.v1,
            # as the TF version goes) is spelled through compat.v2, which both have
            foreign = root in self.ctx.aliases.foreign
            if base == "tensorflow" and len(parts) == 2 and not foreign:
                return  # ``tf.Variable`` of ``import tensorflow``: TF2's, which it stays
            tf2 = self.ctx.aliases.local_name_for("tensorflow")  # TF2's own tf, where the module has it
            text = f"{tf2}.Variable" if tf2 and tf2 not in self.ctx.aliases.foreign else f"{root}.compat.v2.Variable"
            if self.ctx.change(node, f"isinstance(..., {'.'.join(parts)}) → {text}: TF2's variables are instances "
                                     "of TF2's tf.Variable, not of tf.compat.v1.Variable"):
                self.replacements[id(node)] = _expr(text)
            return
        initializer = self._tf1_keras_initializer(node, self.qualify(node))
        if initializer is not None and id(node) not in self.callees and id(node) not in self.keras_arguments:
            self._keras_initializer_value(node, initializer)
            return
        keys = None if base is None else _mode_keys_tail(base, parts)
        if keys is not None:
            self._mode_keys(node, parts, keys)
            return
        hook = None if base is None else _estimator_hook(base, parts)
        if hook is not None:
            text = ".".join([f"{self.v1_name()}.train.{hook[0]}", *hook[1]])
            if self.ctx.change(node, f"{'.'.join(parts)} → {text} (tf.train's own class, which tf.estimator "
                                     "re-exported: tf.estimator was removed in TensorFlow 2.16)"):
                self.needs_tf = True
                self.estimator_hooks = True
                self.replacements[id(node)] = _expr(text)
            return
        shim = GUIDE_SHIM.get(".".join([base or "", *parts[1:]]))
        if shim is not None:
            # the bare name from tf1to2, as the later stages write it, unless the module
            # binds that name to something else (the alias table holds TensorFlow's names
            # only: an import of the shim's is read off the imports)
            free = self.ctx.aliases.module_scope.names.get(shim) is None or any(
                i.bound == shim and i.target() == f"tf1to2.{shim}" for i in module_imports(self.ctx.module))
            text = shim if free else f"tf1to2.{shim}"
            if self.ctx.change(node, f"{'.'.join(parts)} → {text} from tf1to2 (the guide's API, on Keras 3 too)"):
                self.shim_imports.add(shim if text == shim else None)
                self.replacements[id(node)] = _expr(text)
            return
        keras = keras_tail(self.qualify(node))
        if keras in tf1_keras.HARD_SIGMOID_NAMES and not self._v2_spelled(node):
            if self.ctx.change(node, f"tf.keras.{keras} → {tf1_keras.HARD_SIGMOID} (TF1's, clip(0.2 x + 0.5); "
                                     "Keras 3's is clip(x / 6 + 0.5))"):
                self.shim_imports.add(None)
                self.replacements[id(node)] = _expr(tf1_keras.HARD_SIGMOID)
            return
        if keras is not None and id(node) not in self.callees and not self._v2_spelled(node):
            said = tf1_keras.as_value(keras)  # ``cell_class = tf.keras.layers.LSTMCell``
            if said is not None:
                self.ctx.warn(node, said)
                return
        gap = keras_gap(keras) if keras is not None else None
        if gap is not None:
            self._keras_gap(node, parts, keras, *gap)
            return
        if base == "tensorflow.contrib" and len(parts) > 1:
            # ``import tensorflow.contrib as tc`` + ``tc.layers.layer_norm``: the chain is
            # rewritten; the import goes once nothing reads it (``transform``)
            (self.contrib_aliases if self._to_slim(node, parts, parts[1:]) else self.contrib_kept).add(root)
            return
        if base == "tensorflow.contrib.rnn" and len(parts) > 1:
            # ``from tensorflow.contrib import rnn`` + ``rnn.LSTMCell``: TF1's own object;
            # the import goes once nothing reads it (``transform``)
            moved = CONTRIB_RNN.get(f"rnn.{parts[1]}")
            if moved is None and parts[1] in RNN_SHIM_NAMES:  # contrib's own: the shim's
                changed = self._contrib_tf2(node, parts, contrib_tf2(["rnn", *parts[1:]]))
                (self.renamed_aliases if changed else self.renamed_kept).add(root)
                return
            if moved is None:
                self.renamed_kept.add(root)
                self.ctx.warn(node, contrib_target(["rnn", *parts[1:]])[1])
                return
            text = ".".join([self.v1_name(), moved[len("compat.v1."):], *parts[2:]])
            if self._contrib_rnn(node, f"{'.'.join(parts[:2])} (tf.contrib.rnn.{parts[1]})", moved, text):
                self.needs_tf = True
                self.renamed_aliases.add(root)
            else:
                self.renamed_kept.add(root)
            return
        if base is not None and base.startswith("tensorflow.contrib.") and len(parts) > 1:
            moved = contrib_tf2([*base.split(".")[2:], *parts[1:]])
            if moved is not None and moved[0] == FRAMEWORK_SHIM and (
                    base == "tensorflow.contrib.framework.nest" or root in self.framework_escapes):
                return  # bound to the shim's own (nest, or the module handed on): read there
            if moved is not None and moved[0] == EAGER_SHIM and contrib_tf2(base.split(".")[2:]) == (EAGER_SHIM, ""):
                return  # the module's binding becomes the shim's stand-in, which has the name
            if contrib_tpu_module(base.split(".")[2:]) is not None:
                return  # the module's binding becomes TensorFlow's own module (TF 1.15's re-exported it)
            bound = contrib_tf2(base.split(".")[2:]) if moved is not None and moved[0] == TFP else None
            if bound is not None and bound[0] == TFP and moved[1].startswith(bound[1] + "."):
                return  # the module's binding becomes TFP's module, which has the name
            renamed = base.count(".") == 2 and base.split(".")[2] in renamed_contrib_modules()
            if moved is not None:
                changed = self._contrib_tf2(node, parts, moved)
                if renamed:  # ``from tensorflow.contrib import data`` + ``data.map_and_batch``
                    (self.renamed_aliases if changed else self.renamed_kept).add(root)
                return
            if renamed:
                self.renamed_kept.add(root)
            target, problem = contrib_target([*base.split(".")[2:], *parts[1:]])
            if target is None:
                self.ctx.warn(node, problem)
            return  # the binding itself is rewritten where it is made
        if (base is not None and root in self.compat_names) or base == "tensorflow.compat.v1":
            if len(parts) > 2 and parts[1] == "contrib":
                self._v1_contrib(node, parts, root if base == "tensorflow.compat.v1" else f"{root}.compat.v1",
                                 parts[2:])
                return
            self._check_v1(node, parts[1:])
            return
        if base in _INTERNAL_READ and len(parts) > 1:
            self._internal_name(node, parts, f"{base}.{parts[1]}")
            return
        if base != "tensorflow":
            return  # other bindings are fixed where they are made
        rest = parts[1:]
        if not rest or rest[0].startswith("_") or _is_internal(rest):
            return
        if rest[0] == "compat" and len(rest) >= 2 and rest[1] in ("v1", "v2"):
            if rest[1] == "v1" and len(rest) > 3 and rest[2] == "contrib":
                self._v1_contrib(node, parts, f"{root}.compat.v1", rest[3:])
                return
            self._warn_legacy_keras(node, rest[2:] if rest[1] == "v1" else [])
            return
        if rest[0] == "contrib":
            moved = CONTRIB_RNN.get(".".join(rest[1:3]))
            if moved is not None:
                self._contrib_rnn(node, f"tf.contrib.{'.'.join(rest[1:3])}", moved, ".".join([root, moved, *rest[3:]]))
                return
            self._to_slim(node, parts, rest[1:], through_tensorflow=True)
            return
        path = ".".join(rest)
        prefix, new, problem = resolve(path)
        if problem is not None:
            if rest[0] not in self._set_on(root):  # not the program's own (``tf.original_svd = tf.svd``)
                self.ctx.warn(node, problem)
            return
        self._warn_legacy_keras(node, rest)
        if not new or id(node) in self.tf2_exact:
            return
        tail = rest[len(prefix.split(".")):]
        text = ".".join([root, new, *tail])
        if self.ctx.change(node, f"tf.{prefix} → tf.{new}"):
            self.replacements[id(node)] = _expr(text)

    def _set_on(self, root: str) -> set:
        """The attributes the module sets on the module ``root`` names (``tf.original_svd =
        tf.svd``, t3f's: the program's own names, not TensorFlow's), asked only where a name
        is not TensorFlow's."""
        if root not in self._set_attributes:
            self._set_attributes[root] = {
                a.target.attr.value for a in nodes_of(self.ctx.module, cst.AssignTarget)
                if isinstance(a.target, cst.Attribute) and isinstance(a.target.value, cst.Name)
                and a.target.value.value == root}
        return self._set_attributes[root]

    def _internal_name(self, node: cst.Attribute, parts: list, name: str) -> None:
        """``ops.Tensor`` (``ops`` bound to TensorFlow's private module): a name TF 2.21's
        module no longer has → its public name (``INTERNAL_MOVED``), or a warning."""
        if name in INTERNAL_GONE:
            self.ctx.warn(node, f"{name} does not exist in TensorFlow {table.TF_VERSION}: use {INTERNAL_GONE[name]}")
            return
        public = INTERNAL_MOVED.get(name)
        if public is None:
            return
        head = self.ctx.aliases.local_name_for("tensorflow")
        if head is None:
            head = "tensorflow"
            self.module_imports.add("tensorflow")
        if self.ctx.change(node, f"{name} → tf.{public} (TensorFlow {table.TF_VERSION}'s private module no longer "
                                 "has it; the same object)"):
            self.replacements[id(node)] = _expr(".".join([head, public, *parts[2:]]))

    def _v1_contrib(self, node: cst.Attribute, parts: list, v1: str, contrib: list) -> None:
        """``tf.compat.v1.contrib.<contrib>`` (TF 1.x's tf.compat.v1 had tf.contrib too:
        tensorpack's ``tfv1.contrib.layers``), ``v1`` spelling tf.compat.v1 here: as
        ``tf.contrib.<contrib>`` (``_chain``)."""
        moved = CONTRIB_RNN.get(".".join(contrib[:2]))
        if moved is not None:
            self._contrib_rnn(node, f"tf.contrib.{'.'.join(contrib[:2])}", moved,
                              ".".join([v1, moved[len("compat.v1."):], *contrib[2:]]))
            return
        self._to_slim(node, parts, contrib, through_tensorflow=True)

    def _mode_keys(self, node: cst.Attribute, parts: list, tail: list) -> None:
        """``tf.estimator.ModeKeys[.TRAIN]`` → ``tf1to2.estimator.ModeKeys[.TRAIN]``: the
        same strings, where TensorFlow 2.21 has no tf.estimator at all."""
        if self.ctx.aliases.module_scope.names.get("tf1to2") not in (None, "tf1to2"):
            self.ctx.warn(node, f"{'.'.join(parts)}: {REMOVED['estimator']}; its ModeKeys (plain strings) is "
                          f"{MODE_KEYS}, but this module binds the name tf1to2 to something else")
            return
        if self.ctx.change(node, f"{'.'.join(parts)} → {'.'.join([MODE_KEYS, *tail])} (the same strings: "
                                 "tf.estimator was removed in TensorFlow 2.16)"):
            self.estimator_shim = True
            self.replacements[id(node)] = _expr(".".join([MODE_KEYS, *tail]))

    def _contrib_rnn(self, node: cst.Attribute, spelled: str, moved: str, text: str) -> bool:
        """A name of tf.contrib.rnn (``spelled``) → its TF1 object's ``tf.{moved}`` name,
        written ``text``; a cell's is tf-keras' (``_warn_legacy_keras``). Whether changed."""
        changed = self.ctx.change(node, f"{spelled} → tf.{moved} (the same object in TensorFlow 1.x)")
        if changed:
            self.replacements[id(node)] = _expr(text)
        self._warn_legacy_keras(node, moved.split(".")[2:])
        return changed

    def _to_slim(self, node: cst.Attribute, parts: list[str], contrib: list[str],
                 through_tensorflow: bool = False) -> bool:
        """``tf.contrib.<contrib>`` spelled ``parts`` → its tf_slim name (True), or a
        warning at the line (False), unless a later stage of the run rewrites the call
        (``LATER_STAGES``)."""
        moved = contrib_tf2(contrib)
        if moved is not None:
            return self._contrib_tf2(node, parts, moved)
        if contrib == ["framework"]:
            return self._contrib_tf2(node, parts, (FRAMEWORK_SHIM, ""))
        target, problem = contrib_target(contrib)
        if target is None:
            path = ".".join(contrib)
            later = any(stage in self.ctx.rules and path in names and (through_tensorflow or not tensorflow_only)
                        for stage, (names, tensorflow_only) in LATER_STAGES.items())
            if not (later and id(node) in self.callees):
                self.ctx.warn(node, problem)
            return False
        if not self.ctx.change(node, f"{'.'.join(parts)} → {target}"):
            return False
        self.slim_imports.add(_slim_module_of(target))
        self.replacements[id(node)] = _expr(target)
        return True

    def _contrib_tf2(self, node: cst.Attribute, parts: list[str], moved: tuple[str, str]) -> bool:
        """A chain reaching a tf.contrib.framework / util name TensorFlow 2 has
        (``contrib_tf2``) → that name, spelled through this module's TensorFlow binding; the
        module itself (``moved`` = (FRAMEWORK_SHIM, "")) → the shim. Whether changed."""
        module, name = moved
        if module == "tensorflow.compat.v1":
            self.needs_tf = True
            head = self.v1_name()
        elif module == "tensorflow":
            head = self.ctx.aliases.local_name_for("tensorflow")
            if head is None:
                head = "tensorflow"
                self.module_imports.add("tensorflow")
        elif module == TFP:
            head = self._tfp_name()
        else:
            if self.ctx.aliases.module_scope.names.get("tf1to2") not in (None, "tf1to2"):
                self.ctx.warn(node, f"{'.'.join(parts)}: tf.contrib does not exist in TensorFlow 2; {module} has "
                              "it, but this module binds the name tf1to2 to something else")
                return False
            head = module
            self.module_imports.add(module)
        text = f"{head}.{name}" if name else head
        what = {FRAMEWORK_SHIM: "tf.contrib.framework's names TensorFlow 2 and tf-slim have",
                **{shim: says for shim, _names, says in CONTRIB_SHIMS.values()},
                UTIL_SHIM: "tf.contrib.util's functions, TensorFlow's own",
                EAGER_SHIM: "tf.contrib.eager's names, TensorFlow's own objects",
                TFP: "TensorFlow Probability's, where tf.contrib.distributions went",
                "tensorflow": "TF2's: the graph's name scope in a graph, as TF1's, and the eager one eagerly"}.get(
            module, "the TF2 name, the same object")
        if not self.ctx.change(node, f"{'.'.join(parts)} → {text} ({what})"):
            return False
        self.replacements[id(node)] = _expr(text)
        self.tfp_used |= module == TFP
        return True

    def _tfp_name(self) -> str:
        """What this module calls TensorFlow Probability: the name a module-level import
        binds it to, else ``tfp`` (imported at the end) where the code never says ``tfp``,
        else ``tensorflow_probability``."""
        if self.tfp_head is None:
            bound = next((i.bound for i in module_imports(self.ctx.module) if i.target() == TFP and i.bound), None)
            if bound is None:
                bound = "tfp" if not re.search(r"\btfp\b", self.ctx.code) else TFP
                self.tfp_import = (TFP, None, "tfp") if bound == "tfp" else (TFP, None)
            self.tfp_head = bound
        return self.tfp_head

    def _check_v1(self, node: cst.Attribute, rest: list[str]) -> None:
        """A name reached through a ``tf.compat.v1`` alias is right if it exists."""
        if not rest or rest[0].startswith("_") or rest[0] == "compat":
            return
        _prefix, _new, problem = resolve(".".join(rest))
        if problem is not None:
            self.ctx.warn(node, problem.replace("tf.", "tf.compat.v1.", 1))
            return
        self._warn_legacy_keras(node, rest)

    def _warn_legacy_keras(self, node: cst.Attribute, rest: list[str]) -> None:
        """``tf.compat.v1.nn.rnn_cell.*`` exists in TF 2.21 but is tf-keras': under Keras 3
        (the default) using it raises. The v1-layers-shim stage makes the public names
        the shim's (``tf1to2.rnn_cell``); without that stage in the run, or for a name
        the shim lacks, say so at the line."""
        if _legacy_keras(rest) and ("v1-layers-shim" not in self.ctx.rules or rest[2] not in RNN_CELL_NAMES):
            self.ctx.warn(node, f"tf.compat.v1.nn.rnn_cell.{rest[2]} is tf-keras' (TensorFlow {table.TF_VERSION} "
                                "loads it from tf-keras): under Keras 3, the default, it raises; install tf-keras "
                                "and set TF_USE_LEGACY_KERAS=1 before TensorFlow is imported, or run the "
                                "v1-layers-shim stage too, which makes it tf1to2.rnn_cell's (TF1's cells, on "
                                "Keras 3 too)")

    # ---- imports ------------------------------------------------------------------
    def leave_Import(self, original_node: cst.Import, updated_node: cst.Import):
        names = []
        changed = []
        for alias in updated_node.names:
            module = dotted_name(alias.name)
            if _estimator_module(module):
                self._estimator_import(original_node, module, None, alias)
                names.append(alias)
                continue
            if module == "tensorflow.contrib.framework" and alias.asname is not None \
                    and local_name(alias) in self.framework_escapes:
                new = FRAMEWORK_SHIM  # handed on whole: the stand-in with all TF2 has of it
            else:
                new = self._import_target(original_node, module, alias.asname is not None)
            if new is None or new == module:
                names.append(alias)
                continue
            names.append(alias.with_changes(name=_expr(new)))
            changed.append(f"import {module} → import {new}")
        if not changed or not self.ctx.change(original_node, "; ".join(changed)):
            return updated_node
        return updated_node.with_changes(names=names)

    def _import_target(self, node: cst.CSTNode, module: str, named: bool) -> Optional[str]:
        """What ``import <module> [as x]`` becomes (None: left as it is)."""
        if module != "tensorflow" and not module.startswith("tensorflow."):
            return None
        rest = module.split(".")[1:]
        if rest and _is_internal(rest):
            if module not in table.INTERNAL_MODULES:
                self.ctx.warn(node, f"{module}: TensorFlow's private module does not exist in TensorFlow {table.TF_VERSION}")
            elif _private_keras(module):
                self.ctx.warn(node, f"import {module}: {PRIVATE_KERAS}")
            return None
        keras = keras_module_tail(module)
        gap = keras_gap(keras) if keras else None
        if gap is not None:  # ``import tensorflow.keras.layers.experimental.preprocessing as p``
            self.ctx.warn(node, keras_gap_problem(gap[0], keras) if not gap[1] else
                          f"import {module}: TensorFlow {table.TF_VERSION}'s tf.keras (Keras 3, the default) has no "
                          f"such module")
        if keras_import_module(module) != module:
            return keras_import_module(module)
        if not rest or rest[0] == "keras" or rest[:2] in (["compat", "v1"], ["compat", "v2"]):
            return None
        if rest[0] == "contrib":
            if (rest == ["contrib"] or (len(rest) == 2 and rest[1] in renamed_contrib_modules())) and named:
                return None  # its uses are rewritten; it goes when none is left (transform)
            if rest[1:] == ["util"] and named:
                return UTIL_SHIM  # TensorFlow's own functions, in the shim's stand-in
            if contrib_tf2(rest[1:]) == (EAGER_SHIM, "") and named:
                return EAGER_SHIM  # TensorFlow's own objects, in the shim's stand-in
            private = contrib_tpu_module(rest[1:])
            if private is not None and named:
                return private  # TensorFlow's own module, where TF 2 keeps it
            moved = contrib_tf2(rest[1:]) if rest[1:2] == ["distributions"] else None
            if moved is not None and "." not in moved[1] and named:
                self.tfp_imported = True
                return f"{TFP}.python.{moved[1]}"  # TFP's module, where ``import ... as`` finds it
            target, problem = contrib_target(rest[1:])
            if target is None:
                self.ctx.warn(node, problem)
                return None
            # ``import tensorflow.contrib.slim`` binds ``tensorflow``: its chains are rewritten
            return target if named else "tensorflow"
        prefix, new, problem = resolve(".".join(rest))
        if problem is not None:
            self.ctx.warn(node, problem)
            return None
        if not new or not named:
            return None
        path = ".".join(rest)
        if path in table.IMPORTABLE:
            return "tensorflow.compat.v1." + path
        self.ctx.warn(node, f"import {module}: TensorFlow {table.TF_VERSION} cannot import tensorflow.compat.v1.{path} "
                      f"whole by an import statement; write tf.compat.v1.{path}")
        return None

    def leave_SimpleStatementLine(self, original_node: cst.SimpleStatementLine,
                                  updated_node: cst.SimpleStatementLine):
        """An import this stage made several (``_contrib_from``): one line each."""
        if len(original_node.body) != 1 or len(updated_node.body) < 2:
            return updated_node
        lines = [cst.SimpleStatementLine(body=[stmt.with_changes(semicolon=cst.MaybeSentinel.DEFAULT)])
                 for stmt in updated_node.body]
        lines[0] = lines[0].with_changes(leading_lines=updated_node.leading_lines)
        lines[-1] = lines[-1].with_changes(trailing_whitespace=updated_node.trailing_whitespace)
        return cst.FlattenSentinel(lines)

    def leave_ImportFrom(self, original_node: cst.ImportFrom, updated_node: cst.ImportFrom):
        if original_node.relative or original_node.module is None:
            return updated_node
        module = dotted_name(original_node.module)
        if module != "tensorflow" and not module.startswith("tensorflow."):
            return updated_node
        rest = module.split(".")[1:]
        star = isinstance(original_node.names, cst.ImportStar)
        if _imports_estimator(module, [] if star else [dotted_name(a.name) for a in original_node.names]):
            return self._estimator_from(original_node, updated_node, module)
        if star and _private_keras(module):
            return self._internal_from(original_node, updated_node, module)
        if star:
            if not rest or rest[0] not in ("compat", "python", "keras"):
                self.ctx.warn(original_node, f"from {module} import *: the names it brings in are not known; import them by name")
            return updated_node
        guide = [dotted_name(a.name) in _GUIDE_NAMES for a in original_node.names] \
            if module in GUIDE_SHIM_MODULES else []
        if guide and all(guide):
            if self.ctx.change(original_node, f"from {module} import ... → from tf1to2 import ... (the guide's "
                                              "API, on Keras 3 too)"):
                return updated_node.with_changes(module=cst.Name("tf1to2"))
            return updated_node
        if any(guide):
            self.ctx.warn(original_node, f"from {module} import ...: import the migration guide's API "
                          f"({', '.join(_GUIDE_NAMES)}) from tf1to2 on its own line; TensorFlow has it only "
                          "with tf-keras")
            return updated_node
        if rest and _is_internal(rest):
            return self._internal_from(original_node, updated_node, module)
        keras = keras_module_tail(module)
        if keras is not None:
            spelled = keras_import_module(module)
            if spelled != module and self.ctx.change(original_node, f"from {module} import ... → from {spelled} "
                                                                    f"import ... ({KERAS_COMPAT_MODULE})"):
                updated_node = updated_node.with_changes(module=_expr(spelled))
            return self._keras_from(original_node, updated_node, spelled, keras)
        if rest[:1] == ["compat"] and (len(rest) == 1 or rest[1] in ("v1", "v2")):
            return updated_node
        if rest[:1] == ["contrib"]:
            return self._contrib_from(original_node, updated_node, rest[1:])
        paths = [".".join([*rest, dotted_name(a.name)]) for a in original_node.names]
        for path in paths:
            prefix, new, problem = resolve(path)
            if problem is not None or prefix != path:
                self.ctx.warn(original_node, problem or f"tf.{path} does not exist in TensorFlow {table.TF_VERSION}")
                return updated_node
        # ``from tensorflow import keras``: TF2's Keras, kept (the table does not walk it)
        if all(p in table.FROM_TF2 or p == "keras" for p in paths):
            return updated_node  # the same objects, and TF 2.21 still imports them so
        where = ".".join(rest)
        target = "tensorflow.compat.v1" + ("." + where if where else "")
        missing = [p for p in paths if p not in table.FROM_V1 and p != "keras"]
        if missing:
            self.ctx.warn(original_node, f"from {module} import {missing[0].rpartition('.')[2]}: TensorFlow "
                          f"{table.TF_VERSION} cannot import it by name (from {target} neither); use tf.compat.v1.{missing[0]}")
            return updated_node
        if not self.ctx.change(original_node, f"from {module} import ... → from {target} import ... (the TF1 objects)"):
            return updated_node
        return updated_node.with_changes(module=_expr(target))

    def _keras_from(self, original_node: cst.ImportFrom, updated_node: cst.ImportFrom, module: str, keras: str):
        """``from tensorflow.keras.losses import mean_squared_error``: a name TF2's tf.keras
        (Keras 3) has under another in the same module is imported under that one, bound
        to the name the code reads (``import mse as mean_squared_error``); one it has in
        another module, imported alone, from there; anything else it lacks is said."""
        names = []
        changed = []
        for alias in updated_node.names:
            name = dotted_name(alias.name)
            path = f"{keras}.{name}" if keras else name
            gap = keras_gap(path)
            if gap is None:
                names.append(alias)
                continue
            key, home = gap
            parent, _, leaf = home.rpartition(".")
            if home and key == path and parent == keras:
                names.append(_renamed(alias, leaf))
                changed.append(f"tf.keras.{key} → tf.keras.{home}")
                continue
            if home and key == path and len(updated_node.names) == 1:
                root = module[:len(module) - len(keras)].rstrip(".") if keras else module
                if self.ctx.change(original_node, f"from {module} import {name} → from {root}.{parent} import "
                                                  f"{leaf} (the same thing: TF2's tf.keras, Keras 3, has it there only)"):
                    return updated_node.with_changes(module=_expr(f"{root}.{parent}"), names=[_renamed(alias, leaf)])
                return updated_node
            self.ctx.warn(original_node, keras_gap_problem(key, path) if not home or key != path else
                          f"tf.keras.{key} does not exist in TensorFlow {table.TF_VERSION}'s tf.keras (Keras 3, the "
                          f"default): import tf.keras.{home}, the same thing there, on its own line")
            names.append(alias)
        if not changed or not self.ctx.change(original_node, "; ".join(changed) + " (the same things: TF2's "
                                                             "tf.keras, Keras 3, has them under those names only)"):
            return updated_node
        return updated_node.with_changes(names=names)

    def _estimator_from(self, original_node: cst.ImportFrom, updated_node: cst.ImportFrom, module: str):
        """``from tensorflow.estimator import ModeKeys`` → ``from tf1to2.estimator import
        ModeKeys``; ``from tensorflow import estimator [as E]`` waits for the end (its
        ModeKeys uses are rewritten; the import goes if nothing else reads it); any other
        import from tf.estimator is warned."""
        if isinstance(original_node.names, cst.ImportStar):
            self.ctx.warn(original_node, f"from {module} import *: {REMOVED['estimator']}")
            return updated_node
        names = [dotted_name(a.name) for a in original_node.names]
        if module in ESTIMATOR_MODULES and set(names) == {"ModeKeys"}:
            if self.ctx.change(original_node, f"from {module} import ModeKeys → from tf1to2.estimator import ModeKeys "
                                              "(the same strings: tf.estimator was removed in TensorFlow 2.16)"):
                return updated_node.with_changes(module=_expr("tf1to2.estimator"))
            return updated_node
        if module in ESTIMATOR_MODULES and set(names) <= ESTIMATOR_HOOKS:
            if self.ctx.change(original_node, f"from {module} import ... → from tensorflow.compat.v1.train import ... "
                                              "(tf.train's own classes, which tf.estimator re-exported: tf.estimator "
                                              "was removed in TensorFlow 2.16)"):
                return updated_node.with_changes(module=_expr("tensorflow.compat.v1.train"))
            return updated_node
        if not _estimator_module(module) and len(names) == 1:
            self._estimator_import(original_node, module, "estimator", original_node.names[0])
            return updated_node
        hint = " (its ModeKeys is tf1to2.estimator.ModeKeys: import that on its own line)" if "ModeKeys" in names else ""
        self.ctx.warn(original_node, f"from {module} import {', '.join(names)}: {REMOVED['estimator']}{hint}")
        return updated_node

    def _estimator_import(self, node: cst.CSTNode, module: str, obj: Optional[str], alias: cst.ImportAlias) -> None:
        """An import binding tf.estimator (or a module in it): at module level, alone in
        its statement and bound to the module itself, decided at the end (``TfApi.transform``);
        otherwise warned here."""
        asname = local_name(alias) if alias.asname is not None else None
        spelled = (f"from {module} import {obj}" if obj else f"import {module}") + (f" as {asname}" if asname else "")
        whole = obj is not None or module in ESTIMATOR_MODULES
        if whole and self.depth == 0 and len(node.names) == 1 and (asname is not None or obj is not None):
            self.estimator_imports.append((node, (module, obj, asname), spelled))
            return
        self.ctx.warn(node, f"{spelled}: {REMOVED['estimator']}")

    def _internal_from(self, original_node: cst.ImportFrom, updated_node: cst.ImportFrom, module: str):
        """``from tensorflow.python.x import y``: private API, checked as far as the table
        knows it (the module exists; a few names TF renamed since TF1 are renamed)."""
        if module not in table.INTERNAL_MODULES and not (
                not isinstance(updated_node.names, cst.ImportStar) and len(updated_node.names) == 1
                and f"{module}.{dotted_name(updated_node.names[0].name)}" in INTERNAL_MODULE_RENAMES):
            self.ctx.warn(original_node, f"{module}: TensorFlow's private module does not exist in TensorFlow {table.TF_VERSION}")
            return updated_node
        if _private_keras(module):
            names = "*" if isinstance(original_node.names, cst.ImportStar) else \
                ", ".join(dotted_name(a.name) for a in original_node.names)
            self.ctx.warn(original_node, f"from {module} import {names}: {PRIVATE_KERAS}")
            return updated_node
        if isinstance(updated_node.names, cst.ImportStar):
            return updated_node
        if len(updated_node.names) == 1:
            alias = updated_node.names[0]
            name = dotted_name(alias.name)
            moved = INTERNAL_MODULE_RENAMES.get(f"{module}.{name}")
            if moved is not None:
                parent, _, leaf = moved.rpartition(".")
                if self.ctx.change(original_node, f"{module}.{name} → {moved} (where TF2 keeps it)"):
                    return updated_node.with_changes(module=_expr(parent), names=[_renamed(alias, leaf)])
                return updated_node
        names = []
        renamed = []
        for alias in updated_node.names:
            name = dotted_name(alias.name)
            if module in table.INTERNAL_EMPTY_PACKAGES and f"{module}.{name}" not in table.INTERNAL_MODULES:
                self.ctx.warn(original_node, f"{module}.{name}: TensorFlow's private module does not exist in "
                              f"TensorFlow {table.TF_VERSION}")
            new = INTERNAL_RENAMES.get(f"{module}.{name}")
            if new is None:
                names.append(alias)
                continue
            renamed.append(f"{name} → {new}")
            names.append(_renamed(alias, new))
        if not renamed or not self.ctx.change(original_node, f"{module}: {', '.join(renamed)} (renamed in TF2)"):
            return updated_node
        return updated_node.with_changes(names=names)

    def _contrib_from(self, original_node: cst.ImportFrom, updated_node: cst.ImportFrom, rest: list[str]):
        """``from tensorflow.contrib[.x] import y [as z]`` → tf_slim imports, all or none."""
        new: list[cst.BaseSmallStatement] = []
        imported = [dotted_name(a.name) for a in original_node.names]
        if not rest and len(imported) == 1 and imported[0] in renamed_contrib_modules() and self.depth == 0:
            return updated_node  # its uses are rewritten; it goes when none is left (transform)
        kinds: list[str] = []  # per name: "rnn", "slim", "tf2" or the shim module it comes from
        for alias in original_node.names:
            name, local = dotted_name(alias.name), local_name(alias)
            path = [*rest, name]
            moved = CONTRIB_RNN.get(".".join(path))
            private = contrib_tpu_module(path)
            if private is not None:  # ``from tensorflow.contrib.tpu.python.tpu import tpu_function``
                dotted, kind = private, "TensorFlow's own module (TF 1.15's contrib.tpu re-exported it)"
            elif moved is not None:  # ``from tensorflow.contrib.rnn import LSTMCell``
                self._warn_legacy_keras(original_node, moved.split(".")[2:])
                dotted, kind = f"tensorflow.{moved}", "rnn"
            else:
                moved = contrib_tf2(path)
                if moved is None and path == ["framework"] and local in self.framework_escapes:
                    moved = FRAMEWORK_SHIM, ""
                if moved is not None and moved[0] == TFP:  # ``from tensorflow.contrib import distributions``
                    dotted, kind = tfp_importable(moved[1]), "TensorFlow Probability"
                    self.tfp_imported = True
                elif moved is not None:  # ``from tensorflow.contrib.framework import sort``
                    dotted = ".".join(p for p in moved if p)
                    kind = "tf2" if moved[0].startswith("tensorflow") else moved[0]
                else:
                    target, problem = contrib_target(path)
                    if target is None:
                        self.ctx.warn(original_node, problem)
                        return updated_node
                    dotted, kind = target, "slim"
            kinds.append(kind)
            if dotted == "tf_slim":
                new.append(cst.Import(names=[_alias("tf_slim", None if local == "tf_slim" else local)]))
            else:
                mod, obj = dotted.rsplit(".", 1)
                new.append(cst.ImportFrom(module=_expr(mod), names=[_alias(obj, None if local == obj else local)]))
        # one statement per target module
        merged: list[cst.BaseSmallStatement] = []
        for stmt in new:
            if isinstance(stmt, cst.ImportFrom) and merged and isinstance(merged[-1], cst.ImportFrom) \
                    and dotted_name(merged[-1].module) == dotted_name(stmt.module):
                merged[-1] = merged[-1].with_changes(names=[*merged[-1].names, *stmt.names])
            else:
                merged.append(stmt)
        merged = [_fix_commas(s) for s in merged]
        if len(merged) == 1 and isinstance(merged[0], cst.ImportFrom) and not isinstance(updated_node.names, cst.ImportStar) \
                and [dotted_name(a.name) for a in merged[0].names] == imported:
            # the same names from one module: only the module changes (parentheses, lines kept)
            merged = [updated_node.with_changes(module=merged[0].module)]
        if set(kinds) <= {"rnn", "slim"}:
            where = "tf.compat.v1 (TF1's own objects)" if "slim" not in kinds else \
                "tf_slim and tf.compat.v1" if "rnn" in kinds else "tf_slim"
        else:
            tf2_names = "TensorFlow 2's names (the same objects)"
            where = ", ".join(dict.fromkeys({"slim": "tf_slim", "rnn": tf2_names, "tf2": tf2_names}.get(k, k)
                                            for k in kinds))
        if not self.ctx.change(original_node, f"from tensorflow.contrib{'.' + '.'.join(rest) if rest else ''} import ... → {where}"):
            return updated_node
        return merged[0] if len(merged) == 1 else cst.FlattenSentinel(merged)

    def leave_Call(self, original_node, updated_node):
        if _initialized_value(original_node):
            if self.ctx.change(original_node, "Variable.initialized_value() → tf1to2.initialized_value(...): TF2's "
                                              "variables raise NotImplementedError at the method"):
                self.shim_imports.add(None)
                return cst.Call(func=_expr("tf1to2.initialized_value"),
                                args=[cst.Arg(updated_node.func.value)])
            return updated_node
        shim = self.tf1_graphs.get(id(original_node))
        if shim is not None:
            made = "a graph" if shim == TF1_GRAPH else f"a new default graph, a {TF1_GRAPH}"
            if self.ctx.change(original_node, f"{code(original_node.func)}() → {shim}(): {made} whose ops get TF1's "
                                              "control flow while it is the default graph (in TF2's, a gradient "
                                              "through a while loop a session ran fails, and random ops in one draw "
                                              "other numbers)"):
                self.shim_imports.add(None)
                return updated_node.with_changes(func=_expr(shim))
            return updated_node
        plan = self.initializer_calls.get(id(original_node))
        if plan is not None:
            return self._initializer_call(updated_node, plan)
        keras = self.keras_calls.get(id(original_node))
        if keras is not None and self.ctx.change(original_node, "; ".join(keras[0].messages)):
            if keras[0].shim:
                self.shim_imports.add(None)
            if keras[0].module is not None:
                self.module_imports.add(keras[0].module)
            if keras[1]:
                self.needs_tf = True
            return keras[0].apply(updated_node)
        return self.replacements.get(id(original_node), updated_node)  # ``tf2.enabled()`` → False

    def leave_Attribute(self, original_node, updated_node):
        new = self.replacements.get(id(original_node))
        if new is not None:
            return new
        shapes = self.shape_names[-1]
        if original_node.attr.value == "value" and (
                _is_dimension(original_node.value, shapes)
                or (isinstance(original_node.value, cst.Name) and (
                    any(original_node.value.value in d for d in self.dims)
                    or (isinstance(shapes, _LazyShapes) and shapes.holds_dimension(original_node.value.value))))):
            if self.ctx.change(original_node, "Dimension.value → tf.compat.dimension_value(...) (an int in TF2)"):
                self.needs_tf = True
                return cst.Call(func=_expr(f"{self.tf_name()}.compat.dimension_value"), args=[cst.Arg(updated_node.value)])
        elif original_node.attr.value == "value" and _is_item(original_node.value) \
                and not _is_dims(original_node.value.value) \
                and id(original_node) not in self.callees and id(original_node) not in self.stored:
            # ``ranks[i].value`` of a sequence not known to be a shape (a shape a function of
            # the project returns: t3f's ``tt.get_tt_ranks()[i].value``): in TF2 an item of a
            # shape is an int or None, which has no ``.value``; the shim's keeps ``.value`` for
            # anything else, so nothing that is not a Dimension changes
            if self.ctx.change(original_node, "x[i].value → tf1to2.dimension_value(x[i]): a TF1 Dimension's value, "
                                              "TF2's int or None as it is (anything else's .value)"):
                self.shim_imports.add(None)
                return cst.Call(func=_expr("tf1to2.dimension_value"), args=[cst.Arg(updated_node.value)])
        return updated_node

    def v1_name(self) -> str:
        """How this module spells ``tensorflow.compat.v1`` (``tf.compat.v1``, or ``tf1`` where
        that is all it imports)."""
        name = self.tf_name()
        return name if self.ctx.aliases.module_scope.names.get(name) == "tensorflow.compat.v1" else \
            f"{name}.compat.v1"

    def tf_name(self) -> str:
        if self._tf_name is None:
            self._tf_name = self.ctx.aliases.local_name_for("tensorflow") or self.ctx.aliases.local_name_for("tensorflow.compat.v1")
        return self._tf_name or "tensorflow"


def _fits_tf2(path: str, call: cst.Call) -> bool:
    """A call of a v1 function TF2 has another of under the same name, which means the same
    under the TF2 one (``tf.reduce_sum(x, axis=1)``; not ``keep_dims=``): left as it is."""
    envelope = table.TF2_CALLS.get(path)
    if envelope is None or not table.NAMES.get(path, "").startswith("compat.v1."):
        return False
    positions, keywords, required = envelope
    given: set[str] = set()
    for i, arg in enumerate(call.args):
        if arg.star:
            return False
        if arg.keyword is None:
            if i >= positions:
                return False
            given.add(keywords[i])
        elif arg.keyword.value in keywords and arg.keyword.value not in given:
            given.add(arg.keyword.value)
        else:
            return False
    return all(r in given for r in required)


def _expr(text: str) -> cst.BaseExpression:
    return expression(text)


def _alias(name: str, asname: Optional[str]) -> cst.ImportAlias:
    return cst.ImportAlias(name=_expr(name), asname=cst.AsName(name=cst.Name(asname)) if asname else None)


def _renamed(alias: cst.ImportAlias, name: str) -> cst.ImportAlias:
    """``from m import old [as x]`` → ``from m import name as x`` (the module still sees x)."""
    if local_name(alias) == name:
        return alias.with_changes(name=cst.Name(name), asname=None)
    return alias.with_changes(name=cst.Name(name), asname=cst.AsName(name=cst.Name(local_name(alias))))


def _fix_commas(stmt: cst.BaseSmallStatement) -> cst.BaseSmallStatement:
    names = list(stmt.names)
    names = [n.with_changes(comma=cst.Comma(whitespace_after=cst.SimpleWhitespace(" "))) for n in names[:-1]] + [
        names[-1].with_changes(comma=cst.MaybeSentinel.DEFAULT)]
    return stmt.with_changes(names=names)


def _test_session(parts: Optional[list]) -> bool:
    """``self.test_session()`` (``session()``, ``cached_session()``), by its callee's dotted
    parts: in a test case, TF1's ``tf.test.TestCase`` session on the test's graph, which
    TF2's hands out only in graph mode (eagerly, None or a session that refuses to run)."""
    return parts is not None and len(parts) == 2 and parts[0] == "self" and parts[1] in TEST_SESSIONS


def _base_names(cls: cst.ClassDef) -> list:
    """The last names of a class's bases (``TestCase`` of ``tf.test.TestCase``)."""
    return [(dotted_parts(b.value) or [""])[-1] for b in cls.bases]


def _is_test_case(bases: list, known, cls: Optional[cst.ClassDef] = None, local: frozenset = frozenset()) -> bool:
    """A class with these base names is a test case: one derives from a ``TestCase``
    (unittest's, tf.test's, absl's, parameterized's) or is one of ``known``; or, for a
    class ``cls`` with ``test*`` methods, one is a base test case of another module by its
    name (graph_nets' ``TestNumGraphs(test_utils.GraphsTest)``: ``*Test``, ``*Tests``,
    ``*TestBase``), not a class of the module itself (``local``: a mixin holding tests,
    t3f's ``_SumTest``, is known by what it derives from)."""
    if any(b.endswith("TestCase") or b in known for b in bases):
        return True
    return cls is not None and any(b.endswith(_TEST_BASES) and b not in local for b in bases) and any(
        isinstance(s, cst.FunctionDef) and s.name.value.startswith("test") for s in cls.body.body)


def _module_classes(module: cst.Module) -> frozenset:
    return frozenset(s.name.value for s in module.body if isinstance(s, cst.ClassDef))


_TEST_BASES = ("Test", "Tests", "TestBase")


def _initialized_value(call: cst.Call) -> bool:
    """``v.initialized_value()``: a method only TF1's variables have (TF2's raise
    ``NotImplementedError`` there), whatever ``v`` is spelled as."""
    return isinstance(call.func, cst.Attribute) and call.func.attr.value == "initialized_value" and not call.args


def _is_item(expr: cst.BaseExpression) -> bool:
    """``x[i]``: one item (not a slice), whatever ``x`` is."""
    return isinstance(expr, cst.Subscript) and len(expr.slice) == 1 and isinstance(expr.slice[0].slice, cst.Index)


def _is_dims(expr: cst.BaseExpression) -> bool:
    """``shape.dims``: a list of Dimensions in TF2 too (``shape.dims[i].value`` works in both)."""
    return isinstance(expr, cst.Attribute) and expr.attr.value == "dims"


def _stored_attributes(target: cst.BaseExpression):
    """The attributes an assignment, ``del`` or ``for`` target stores to (``a[0].value`` of
    ``a[0].value, b = ...``)."""
    if isinstance(target, cst.Attribute):
        yield id(target)
    elif isinstance(target, (cst.Tuple, cst.List)):
        for element in target.elements:
            yield from _stored_attributes(element.value)
    elif isinstance(target, cst.StarredElement):
        yield from _stored_attributes(target.value)


def _is_dimension(expr: cst.BaseExpression, shapes=frozenset()) -> bool:
    """``x.shape[i]`` / ``x.get_shape()[i]`` / ``x.shape.dims[i]`` / ``s[i]`` where ``s``
    holds a shape (not a slice: that is a TensorShape)."""
    if not _is_item(expr):
        return False
    if isinstance(expr.value, cst.Name) and expr.value.value in shapes:
        return True
    return _is_shape(expr.value, sliced=False)


def _is_shape(expr: cst.BaseExpression, sliced: bool = True) -> bool:
    """``x.shape``, ``x.get_shape()``, ``x.shape.dims`` (and, when ``sliced``, a slice of
    one: ``x.get_shape()[1:]``): a TensorShape, whose items are Dimensions in TF1."""
    if sliced and isinstance(expr, cst.Subscript) and len(expr.slice) == 1 and isinstance(expr.slice[0].slice, cst.Slice):
        expr = expr.value
    if isinstance(expr, cst.Attribute) and expr.attr.value == "dims":
        expr = expr.value
    if isinstance(expr, cst.Attribute):
        return expr.attr.value == "shape"
    if isinstance(expr, cst.Call) and isinstance(expr.func, cst.Attribute):
        if expr.func.attr.value in _SHAPE_METHODS:  # ``x.get_shape().with_rank_at_least(1)``: a shape too
            return _is_shape(expr.func.value, sliced=False)
        return expr.func.attr.value == "get_shape" and not expr.args
    return False


# TensorShape's methods that return a TensorShape
_SHAPE_METHODS = frozenset(("with_rank", "with_rank_at_least", "with_rank_at_most", "merge_with", "concatenate"))


class _LazyShapes:
    """A function's shape names, and its names holding a shape's Dimension, worked out the
    first time a ``name[i].value`` / ``name.value`` asks."""

    def __init__(self, fn: cst.FunctionDef) -> None:
        self.fn, self.names, self.dimensions = fn, None, None

    def __contains__(self, name: str) -> bool:
        if self.names is None:
            self.names = _shape_names(self.fn)
        return name in self.names

    def holds_dimension(self, name: str) -> bool:
        """``d = x.get_shape().with_rank_at_least(1)[0]`` ... ``d.value`` (TensorLayer's
        spatial transformer): a name the function assigns only a shape's item to."""
        if self.dimensions is None:
            found = bindings(self.fn)
            self.dimensions = frozenset(n for n, values in found.assigned.items() if n not in found.other
                                        and all(_is_dimension(v, self) for v in values))
        return name in self.dimensions


def _shape_names(fn: cst.FunctionDef) -> frozenset:
    """Names a function assigns only shapes to (``shape = x.get_shape()``), never rebinding
    them otherwise (parameters, loops, ``with``, augmented assignment)."""
    found = bindings(fn)
    return frozenset(n for n, values in found.assigned.items()
                     if n not in found.other and all(_is_shape(v) for v in values))


def _comp_fors(node) -> list:
    out, f = [], node.for_in
    while f is not None:
        out.append(f)
        f = f.inner_for_in
    return out


class TfApi(Rule):
    id = "tf-api"
    stage = 0
    summary = "TF1 names TF 2.21 lacks → tf.compat.v1 / TF2 names (a table generated from TensorFlow); tf.contrib → tf_slim; shape[i].value"
    needles = ("tensorflow", ".value", ".initialized_value(")
    reads_importers = True  # the imports it removes keep names other files import
    example_before = (
        "import tensorflow as tf\n\n"
        "with tf.variable_scope(\"model\"):\n"
        "    y = tf.layers.dense(tf.log(x), 10)\n"
    )
    example_after = (
        "import tensorflow as tf\n\n"
        "with tf.compat.v1.variable_scope(\"model\"):\n"
        "    y = tf.compat.v1.layers.dense(tf.math.log(x), 10)\n"
    )

    def may_act(self, facts: Facts) -> bool:
        return _may_act(facts.tree, facts.tf_names) or bool(_STAND_IN_IMPORT.search(facts.text))

    def transform(self, ctx: RuleContext) -> cst.Module:
        hazards = control_flow_v2.find(ctx)
        compat = set(ctx.aliases.module_scope.v1_or_tensorflow)
        rewriter = _Rewriter(ctx, compat, _unmentioning(ctx))
        escaping = _escaping_contrib(ctx) if _BINDS_CONTRIB_MODULE.search(ctx.code) else []
        rewriter.framework_escapes = {name for _node, name, module in escaping if module == "framework"}
        module = transform(ctx.module, rewriter)
        if _STAND_IN_IMPORT.search(ctx.code):
            _warn_stand_in_gaps(ctx)
        imports: list[tuple] = []
        for name in sorted(rewriter.slim_imports):
            if name != "tf_slim" or ctx.aliases.module_scope.names.get("tf_slim") != "tf_slim":
                imports.append((name, None))
        if rewriter.needs_tf and rewriter.tf_name() == "tensorflow" and ctx.aliases.module_scope.names.get("tensorflow") != "tensorflow":
            imports.append(("tensorflow", None))
        for name in sorted(rewriter.shim_imports, key=str):
            if name is None and ctx.aliases.module_scope.names.get("tf1to2") != "tf1to2":
                imports.append(("tf1to2", None))
            elif name is not None and ctx.aliases.module_scope.names.get(name) != f"tf1to2.{name}":
                imports.append(("tf1to2", name))
        if rewriter.estimator_shim:
            imports.append(("tf1to2.estimator", None))
        for name in sorted(rewriter.module_imports):
            if ctx.aliases.module_scope.names.get(name) != name:
                imports.append((name, None))
        if rewriter.tfp_import is not None and rewriter.tfp_used:
            imports.append(rewriter.tfp_import)
        for stmt, spelled, text in rewriter.estimator_imports:
            before, module = module, remove_unused_imports(module, [spelled], keep=ctx.imported)
            if module is before:
                done = [what for what, flag in (("its uses of ModeKeys here are tf1to2.estimator.ModeKeys",
                                                  rewriter.estimator_shim),
                                                 ("its session-run hooks here tf.compat.v1.train's",
                                                  rewriter.estimator_hooks)) if flag]
                ctx.warn(stmt, f"{text}: {REMOVED['estimator']}" + (f" ({', and '.join(done)} now)" if done else ""))
        module = _graph_mode(ctx, rewriter, module)
        if "feed" in ctx.code and not rewriter.switched and not rewriter.graph_step:
            _warn_fed_variables(ctx)  # (not where the program has TF1's variables)
        if rewriter.graph_mode_tests and ctx.aliases.module_scope.names.get("tf1to2") != "tf1to2":
            imports.append(("tf1to2", None))
        rewritten = rewriter.contrib_aliases - rewriter.contrib_kept  # every use of the alias
        if rewritten:
            module = remove_unused_imports(module, [("tensorflow.contrib", None, a) for a in sorted(rewritten)],
                                           keep=ctx.imported)
        _warn_escaping_contrib(ctx, escaping)
        if rewriter.tfp_used or rewriter.tfp_imported:
            _warn_tfp_parameters(ctx)
        contrib_imports = _contrib_imports(ctx.module) if "contrib" in ctx.code else {}
        for alias in sorted(rewritten & set(ctx.imported) & set(contrib_imports)):
            ctx.warn(contrib_imports[alias], f"import tensorflow.contrib as {alias}: every use of it here was "
                     f"rewritten, but {ctx.imported[alias]} imports {alias} from this module, so the import stays "
                     "and raises: tf.contrib does not exist in TensorFlow 2 (give that file its own imports)")
        rewritten_renamed = rewriter.renamed_aliases - rewriter.renamed_kept
        for alias, (stmt, spelled, name) in (_renamed_contrib_imports(ctx.module) if "contrib" in ctx.code else {}).items():
            if alias in rewritten_renamed:
                before, module = module, remove_unused_imports(module, [spelled], keep=ctx.imported)
                if module is before and alias in ctx.imported:  # another file imports it from here
                    ctx.warn(stmt, f"{alias} (tf.contrib.{name}): tf.contrib does not exist in TensorFlow 2; the "
                             f"uses of its names were rewritten, but {ctx.imported[alias]} imports {alias} from this "
                             "module, so the import stays and raises (give that file its own imports)")
                elif module is before:  # the name occurs elsewhere (``f(rnn)``): the import stays, warned
                    ctx.warn(stmt, f"{alias} (tf.contrib.{name}): tf.contrib does not exist in TensorFlow 2; the "
                             f"uses of its names were rewritten, but the name {alias} occurs elsewhere in the module "
                             "(the module as a value?), so the import stays")
            elif alias not in rewriter.renamed_kept:  # nothing reads it
                ctx.warn(stmt, contrib_target([name])[1])
            elif name == "rnn":
                ctx.warn(stmt, f"{alias} (tf.contrib.rnn): tf.contrib does not exist in TensorFlow 2, and not every "
                         "use of it here could be rewritten (see their warnings); its cells are "
                         "tf.compat.v1.nn.rnn_cell's, its static_rnn & co tf.compat.v1.nn's")
            else:
                ctx.warn(stmt, f"{alias} (tf.contrib.{name}): tf.contrib does not exist in TensorFlow 2, and not "
                         "every use of it here could be rewritten (see their warnings)")
        for alias in sorted(set(contrib_imports) - rewritten):
            ctx.warn(contrib_imports[alias], f"import tensorflow.contrib as {alias}: tf.contrib does not exist "
                     "in TensorFlow 2, and not every use of it here could be rewritten (see their warnings)")
        if imports:
            module = add_imports(module, imports)
        _warn_control_flow_v2(ctx, hazards, module)
        return module


# the shim's stand-ins for contrib modules (an earlier run's output): module → what it
# stood in for, and the names it lacks (they raise where read, with this advice)
STAND_INS = {EAGER_SHIM: ("eager", EAGER_GONE), FRAMEWORK_SHIM: ("framework", FRAMEWORK_GONE)}
# a module importing one of them (``import tf1to2.contrib_eager``, ``from tf1to2 import contrib_eager``)
_STAND_IN_NAMES = "|".join(re.escape(m.split(".")[1]) for m in STAND_INS)
_STAND_IN_IMPORT = re.compile(rf"tf1to2\.({_STAND_IN_NAMES})\b|from tf1to2 import[^\n]*\b({_STAND_IN_NAMES})\b")


def _warn_stand_in_gaps(ctx: RuleContext) -> None:
    """Code an earlier run left reading a contrib module through the shim's stand-in
    (``import tf1to2.contrib_eager as tfe``): a name TensorFlow 2 lacks read from it
    (``tfe.defun``, which raises there) is warned again at each run, with what to use, as
    the first run warned it."""
    bound: dict[str, str] = {}  # module-level name → the stand-in it is
    for stmt in ctx.module.body:
        if isinstance(stmt, cst.SimpleStatementLine):
            for i in statement_imports(stmt):
                full = i.module if i.obj is None else f"{i.module}.{i.obj}"
                if full in STAND_INS and (i.asname or i.obj):
                    bound[i.bound] = full
                elif i.obj is None and not i.asname and i.module.startswith("tf1to2"):
                    bound.setdefault("tf1to2", "tf1to2")
                elif i.module in STAND_INS and i.obj in STAND_INS[i.module][1]:
                    ctx.warn(stmt, f"from {i.module} import {i.obj}: " +
                             contrib_target([STAND_INS[i.module][0], i.obj])[1])
    if not bound:
        return
    for node in nodes_of(ctx.module, cst.Attribute):
        parts = dotted_parts(node)
        if not parts or parts[0] not in bound or ctx.aliases.module_scope.names.get(parts[0], bound[parts[0]]) is None:
            continue
        module = bound[parts[0]]
        rest = parts[1:]
        if module == "tf1to2":
            module, rest = ".".join(parts[:2]), parts[2:]
        if module in STAND_INS and len(rest) == 1 and rest[0] in STAND_INS[module][1]:
            ctx.warn(node, f"{'.'.join(parts)} ({module}): " + contrib_target([STAND_INS[module][0], rest[0]])[1])


def _warn_control_flow_v2(ctx: RuleContext, hazards: list, module: cst.Module) -> None:
    """What TF1 code does in control flow TensorFlow 2 builds as functions and no longer
    works there (``rules.control_flow_v2``), unless the module (as the rule leaves it: a
    script gets TF1 behaviour at its entry point) switches TF1's control flow back on."""
    if hazards and _SWITCHES_CONTROL_FLOW.search(module.code):
        return
    for h in hazards:
        ctx.warn(h.node, h.message(ctx.line(h.flow_node)))


_SWITCHES_CONTROL_FLOW = re.compile(r"\b(disable_v2_behavior|disable_control_flow_v2)\s*\(")


# Whole contrib modules an import makes tf_slim, which has only part of them: their names
# are checked where the code reads them (``cf.arg_scope``), which it cannot do where the
# module itself is handed on (tf.contrib.framework is the shim there, FRAMEWORK_SHIM).
PARTLY_SLIM = ("framework", "layers")
# the imports ``_EscapingContrib`` follows, as text (a superset: ``from tensorflow.contrib
# import ...``, ``import tensorflow.contrib.layers as ...``): without one it finds nothing
_BINDS_CONTRIB_MODULE = re.compile(r"\bcontrib[\s\\]+import\b|\bcontrib\s*\.\s*(framework|layers)[\s\\]+as\b")


def _escaping_contrib(ctx: RuleContext) -> list[tuple]:
    """Names bound to tf.contrib.framework / tf.contrib.layers used other than to read a
    name of them (returned, passed, stored): (node, name, module)."""
    finder = _EscapingContrib()
    ctx.module.visit(finder)
    return finder.found


def _warn_escaping_contrib(ctx: RuleContext, found: list[tuple]) -> None:
    """Where a tf.contrib.framework / tf.contrib.layers module is handed on: the code that
    gets it may read names its stand-in lacks, which raise there."""
    for node, name, module in found:
        if module == "framework":
            ctx.warn(node, f"{name} (tf.contrib.framework) is used here as a value, so tf1to2 cannot see the names "
                     f"read from it where it goes: it is {FRAMEWORK_SHIM} now, which has every name of "
                     "tf.contrib.framework that TensorFlow 2 or tf-slim has (tf_slim's, sort → tf.sort, nest → "
                     "tf.nest, get_name_scope → tf.get_current_name_scope, ...); the rest raise AttributeError "
                     f"where read ({', '.join(list(FRAMEWORK_GONE)[:6])}, ...)")
            continue
        ctx.warn(node, f"{name} (tf.contrib.{module}) is tf_slim now, which has only part of tf.contrib.{module}; "
                 f"here the module itself is used as a value, so tf1to2 cannot check the names read from it where it "
                 "goes: any tf-slim lacks raise AttributeError there: hand on tf_slim, or the TF2 names the "
                 "receiving code needs, instead")


class _EscapingContrib(cst.CSTVisitor):
    """Uses of a name an import binds to a whole ``PARTLY_SLIM`` contrib module, in its
    scope, other than reading an attribute of it: (node, name, module) in ``found``."""

    def __init__(self) -> None:
        self.scopes: list[dict] = [{}]  # per function: name → contrib module
        self.bases: set[int] = set()  # Names read as ``name.attr``
        self.found: list[tuple] = []

    def visit_FunctionDef(self, node) -> None:
        self.scopes.append({})

    def leave_FunctionDef(self, original_node) -> None:
        self.scopes.pop()

    def visit_ImportFrom(self, node: cst.ImportFrom) -> bool:
        if not node.relative and node.module is not None and dotted_name(node.module) == "tensorflow.contrib" \
                and not isinstance(node.names, cst.ImportStar):
            for alias in node.names:
                if dotted_name(alias.name) in PARTLY_SLIM:
                    self.scopes[-1][local_name(alias)] = dotted_name(alias.name)
        return False

    def visit_Import(self, node: cst.Import) -> bool:
        for alias in node.names:
            module = dotted_name(alias.name)
            if alias.asname is not None and module in (f"tensorflow.contrib.{m}" for m in PARTLY_SLIM):
                self.scopes[-1][local_name(alias)] = module.rpartition(".")[2]
        return False

    def visit_Attribute(self, node: cst.Attribute) -> None:
        self.bases.add(id(node.attr))  # ``x.framework``: not the name framework
        if isinstance(node.value, cst.Name):
            self.bases.add(id(node.value))

    def visit_Name(self, node: cst.Name) -> None:
        if id(node) in self.bases:
            return
        for scope in reversed(self.scopes):
            if node.value in scope:
                self.found.append((node, node.value, scope[node.value]))
                return


@functools.cache
def renamed_contrib_modules() -> frozenset:
    """The contrib modules whose names stage 0 rewrites one by one, their import going when
    none is left: those with names the shim has (``CONTRIB_SHIMS``: ``rnn``, whose TF1
    objects are renamed too, ``seq2seq``, ``training``) and those of tf_upgrade_v2's
    renames (``table.CONTRIB``: ``data``, ``tpu``, ``training`` ...). (A function: the
    table is read on first use.)"""
    return frozenset({*CONTRIB_SHIMS, *(k.split(".")[0] for k in table.CONTRIB)})


def _renamed_contrib_imports(module: cst.Module) -> dict:
    """``from tensorflow.contrib import rnn [as r]`` / ``import tensorflow.contrib.rnn as r``
    at module level (or another of ``renamed_contrib_modules``): bound name → (statement,
    the import as remove_unused_imports takes it, the contrib module)."""
    found = {}
    renamed = renamed_contrib_modules()
    for stmt in module.body:
        if not isinstance(stmt, cst.SimpleStatementLine):
            continue
        for i in statement_imports(stmt):
            if i.module == "tensorflow.contrib" and i.obj in renamed:
                found[i.bound] = (stmt, (i.module, i.obj, i.asname) if i.asname else (i.module, i.obj), i.obj)
            elif i.module.startswith("tensorflow.contrib.") and i.module.count(".") == 2 and \
                    i.module.split(".")[2] in renamed and i.obj is None and i.asname:
                found[i.bound] = (stmt, (i.module, None, i.asname), i.module.split(".")[2])
    return found


def _contrib_imports(module: cst.Module) -> dict:
    """``import tensorflow.contrib as tc`` at module level: alias → statement."""
    return {i.asname: stmt for stmt in module.body if isinstance(stmt, cst.SimpleStatementLine)
            for i in statement_imports(stmt) if i.obj is None and i.asname and i.module == "tensorflow.contrib"}


def _may_act(tree: ast.Module, names: dict) -> bool:
    """Whether the rule could change or warn anything in the module, read from Python's
    ``ast``: what the rewriter does at each dotted name (``_chain``), call (graph mode),
    import and ``.value``, decided the same way where that is cheap and answered yes
    where it is not (a name bound two ways, imports other than of ``tensorflow`` itself,
    ``tensorflow.compat.v1`` and ``tensorflow.keras``, any ``.value``, a test case's
    session outside ``with ....as_default():`` in a module that leaves the mode as it is)."""
    todo = [tree]
    sessions, switched = [], False  # test cases' sessions; whether the module picks its mode itself
    while todo:
        node = todo.pop()
        kind = type(node)
        if kind is ast.Attribute:
            if node.attr == "value":
                return True
            parts = ast_dotted(node)
            if parts is not None:
                paths = names.get(parts[0])
                if paths and (len(paths) > 1 or _chain_may_act(next(iter(paths)), parts)):
                    return True
                continue  # the rewriter does not enter a dotted name either
        elif kind is ast.Call:
            parts = ast_dotted(node.func)
            paths = names.get(parts[0]) if parts else None
            if paths and any(_v1_rest(p, parts) in _GRAPH_CALLS
                             or ".".join([p, *parts[1:]]) == TF2_ENABLED for p in paths):
                return True
            if paths and parts[-1] in control_flow_v2.CONTROL_FLOW:  # what its branches do may not work in TF2
                return True
            if paths and not node.args and any(".".join([p, *parts[1:]]) in TF1_GRAPHS for p in paths):
                return True  # a graph the code makes (``tf1_graphs``)
            if isinstance(node.func, ast.Attribute) and node.func.attr == "initialized_value" and not node.args:
                return True  # TF1's Variable method (``_initialized_value``)
            if paths and any(_keras_may_act(".".join([p, *parts[1:]])) for p in paths):
                return True  # ``LSTM(3)`` of ``from tensorflow.keras.layers import LSTM``
            if _keras_call_may_act(node):
                return True
            if _test_session(parts):
                sessions.append(node)  # a test case's session
            if not switched and paths and parts[-1] in MODE_SWITCHES and any(
                    _v1_rest(p, parts) in MODE_SWITCHES for p in paths):
                switched = True
            if parts in (["isinstance"], ["issubclass"]) and len(node.args) == 2 and any(
                    isinstance(n, ast.Attribute) and n.attr == "Variable" for n in ast.walk(node.args[1])):
                return True  # TF1's tf.Variable as a class: TF2's is another (``_chain``)
        elif kind is ast.Import:
            if any(_import_may_act(alias.name) for alias in node.names):
                return True
        elif kind is ast.ImportFrom:
            if _from_may_act(node):
                return True
        todo.extend(ast.iter_child_nodes(node))
    return bool(sessions) and not switched and _on_the_default_graph(tree, {id(n) for n in sessions})


def _on_the_default_graph(tree: ast.Module, calls: set) -> bool:
    """Whether one of ``calls`` (ids) is outside every ``with ....as_default():`` block."""
    todo = [tree]
    while todo:
        node = todo.pop()
        if id(node) in calls:
            return True
        if isinstance(node, ast.With) and any(
                isinstance(i.context_expr, ast.Call) and isinstance(i.context_expr.func, ast.Attribute)
                and i.context_expr.func.attr == "as_default" for i in node.items):
            continue  # a session in there is the graph's
        todo.extend(ast.iter_child_nodes(node))
    return False


def _v1_rest(base: str, parts: list) -> Optional[str]:
    """The v1 API path ``parts`` reaches, its root bound to ``base`` (None: not the v1 API)."""
    full = ".".join([base, *parts[1:]])
    for root in ("tensorflow.compat.v1.", "tensorflow."):
        if full.startswith(root):
            rest = full[len(root):]
            return None if rest.startswith(("compat.", "contrib.", "python.")) else rest
    return None


def _legacy_keras(rest: list) -> bool:
    """A v1 API path (split) to tf-keras' RNN cells (``nn.rnn_cell.LSTMCell``)."""
    return rest[:2] == ["nn", "rnn_cell"] and len(rest) > 2 and not rest[2].startswith("_")


def _chain_may_act(base: str, parts: list) -> bool:
    """Whether ``_Rewriter._chain`` would change or warn at this dotted name, its root
    bound (one way) to ``base``."""
    if GUIDE_SHIM.get(".".join([base, *parts[1:]])) is not None or _mode_keys_tail(base, parts) is not None:
        return True
    if base.startswith("tensorflow.contrib") and len(parts) > 1:
        return True
    if base in _INTERNAL_READ and len(parts) > 1:  # ``ops.Tensor`` (``_Rewriter._internal_name``)
        return f"{base}.{parts[1]}" in INTERNAL_GONE or f"{base}.{parts[1]}" in INTERNAL_MOVED
    full = ".".join([base, *parts[1:]])
    if "compat.v2" not in full and keras_v1_initializer(canonicalize(full)) is not None:
        return True  # TF1's Keras initializer (``_Rewriter._keras_initializer``)
    if _keras_may_act(full):
        return True
    rest = parts[1:]
    if base == "tensorflow.compat.v1":
        if not rest or rest[0].startswith("_") or rest[0] == "compat":
            return False
        return resolve(".".join(rest))[2] is not None or _legacy_keras(rest)
    if base != "tensorflow":
        return False
    if not rest or rest[0].startswith("_") or _is_internal(rest):
        return False
    if rest[0] == "compat" and len(rest) >= 2 and rest[1] in ("v1", "v2"):
        return rest[1] == "v1" and (_legacy_keras(rest[2:]) or (len(rest) > 3 and rest[2] == "contrib"))
    if rest[0] == "contrib":
        return True
    _prefix, new, problem = resolve(".".join(rest))
    return problem is not None or bool(new)


def _keras_may_act(full: str) -> bool:
    """Whether the rewriter would change or warn at this tf.keras path (a real module path,
    ``tensorflow.keras.layers.LSTM``): a name Keras 3 lacks, or one ``tf1_keras`` reads."""
    keras = keras_tail(canonicalize(full)) if "compat.v2" not in full else None
    return keras is not None and (keras_gap(keras) is not None or keras in tf1_keras.HARD_SIGMOID_NAMES
                                  or tf1_keras.may_plan(keras))


def _keras_call_may_act(node: ast.Call) -> bool:
    """Whether ``tf1_keras`` could plan something at this call whatever its callee is:
    ``.fit_generator(...)``, ``.compile(optimizer="rmsprop")``, ``activation='hard_sigmoid'``."""
    method = node.func.attr if isinstance(node.func, ast.Attribute) else ""
    values = [*node.args, *(k.value for k in node.keywords)]
    return tf1_keras.may_plan_method(method, [k.arg for k in node.keywords],
                                     [v.value for v in values if isinstance(v, ast.Constant) and isinstance(v.value, str)])


def _import_may_act(module: str) -> bool:
    """Whether ``_Rewriter._import_target`` could change or warn at ``import <module>``."""
    if module != "tensorflow" and not module.startswith("tensorflow."):
        return False
    rest = module.split(".")[1:]
    if rest and _is_internal(rest):
        return module not in table.INTERNAL_MODULES or _private_keras(module)
    if _estimator_module(module):
        return True
    if keras_import_module(module) != module or _keras_may_act(module):
        return True  # ``import tensorflow.compat.v1.keras.backend``; a module Keras 3 lacks
    return not (not rest or rest[0] == "keras" or rest[:2] in (["compat", "v1"], ["compat", "v2"]))


def _from_may_act(node: ast.ImportFrom) -> bool:
    """Whether ``_Rewriter.leave_ImportFrom`` could change or warn here."""
    if node.level or node.module is None:
        return False
    module = node.module
    if module != "tensorflow" and not module.startswith("tensorflow."):
        return False
    rest = module.split(".")[1:]
    if _imports_estimator(module, [a.name for a in node.names]):
        return True
    if _private_keras(module):
        return True
    if any(a.name == "*" for a in node.names):
        return not rest or rest[0] not in ("compat", "python", "keras")
    if module in GUIDE_SHIM_MODULES:
        return True
    if rest and _is_internal(rest):
        return _internal_from_may_act(module, [a.name for a in node.names])
    if keras_import_module(module) != module:
        return True  # ``from tensorflow.compat.v1.keras import backend``
    if keras_module_tail(module) is not None:
        return any(_keras_may_act(f"{module}.{a.name}") for a in node.names)
    return not (rest[:1] == ["compat"] and (len(rest) == 1 or rest[1] in ("v1", "v2")))


def _internal_from_may_act(module: str, names: list) -> bool:
    """Whether ``_Rewriter._internal_from`` could change or warn at ``from <module> import
    <names>`` (no star: the caller has seen to that): the same tests on the same tables."""
    if module not in table.INTERNAL_MODULES:
        return True
    if len(names) == 1 and f"{module}.{names[0]}" in INTERNAL_MODULE_RENAMES:
        return True
    return any(f"{module}.{name}" in INTERNAL_RENAMES or (module in table.INTERNAL_EMPTY_PACKAGES
                                                         and f"{module}.{name}" not in table.INTERNAL_MODULES)
               for name in names)


def _unmentioning(ctx: RuleContext) -> frozenset:
    """The statements (any depth) the rule need not walk: those whose text has no import,
    no ``.value``, no ``.compile(`` / ``.fit_generator(`` ... (``tf1_keras``) and no name the module binds, anywhere, to TensorFlow's API (``tf``,
    ``slim = tf.contrib.slim``, ``from tensorflow import train``; not names only of
    TensorFlow's private modules, but ``tensorflow.python.tf2``, or of tf_slim, which the
    rule leaves). Worked out with
    Python's own ``ast`` (line ranges) and a regular expression, so the LibCST walk, which
    costs most, skips the rest."""
    names = [n for n, paths in ctx.tf_names().items()
             if any(p.startswith("tensorflow") and (not _is_internal_path(p) or p == TF2_ENABLED.rpartition(".")[0]
                                                    or p in _INTERNAL_READ)
                    for p in paths)]
    return ctx.unmentioning(mentioning(names, r"\bimport\b", r"\.value\b", r"\.initialized_value\b", r"\.compile\(",
                                       r"\.(?:fit|evaluate|predict)_generator\(", r"\.predict_(?:classes|proba)\(",
                                       r"\b(?:workers|use_multiprocessing|max_queue_size)\s*=",
                                       rf"\bself\.(?:{'|'.join(sorted(TEST_SESSIONS))})\("))


def _is_internal_path(path: str) -> bool:
    parts = path.split(".")
    return len(parts) > 1 and _is_internal(parts[1:])


def _graph_mode(ctx: RuleContext, rewriter: _Rewriter, module: cst.Module) -> cst.Module:
    """The overview's graph-mode step at the script's entry point, or a warning."""
    if rewriter.switched:
        return module
    nodes = [(n, top) for n, top, guarded in rewriter.graph_nodes if not guarded]
    if not nodes:
        return module
    tf = rewriter.tf_name()
    v1 = tf if tf in rewriter.compat_names or ctx.aliases.module_scope.names.get(tf) == "tensorflow.compat.v1" else f"{tf}.compat.v1"
    # the module's own v1 alias, where it has one (``import tensorflow.compat.v1 as tf``
    # beside an ``import tensorflow`` a later stage added): the same spelling either way
    v1 = next((n for n, target in ctx.aliases.module_scope.names.items()
               if target == "tensorflow.compat.v1" and n.isidentifier()), v1)
    call = cst.parse_statement(f"{v1}.disable_v2_behavior()\n")
    first = nodes[0][0]
    body = list(module.body)
    tests = _graph_test_cases(ctx.module, [n for n, _ in nodes]) if len(body) == len(ctx.module.body) else None
    if tests is not None and not any(top for _, top in nodes):
        return _graph_mode_tests(ctx, rewriter, module, tests) if tests else module  # [] : marked already
    if any(top for _, top in nodes):
        at = 0
        while at < len(body) and (_is_import(body[at]) or (at == 0 and is_docstring(body[at]))):
            at += 1
        if ctx.change(first, f"builds a TF1 graph at module level: {v1}.disable_v2_behavior() after the imports (the overview's graph-mode step)"):
            rewriter.graph_step = True
            if at:  # a blank line after the imports, as an import added later leaves it
                call = call.with_changes(leading_lines=[cst.EmptyLine()])
            return module.with_changes(body=[*body[:at], call, *body[at:]])
        return module
    for i, stmt in enumerate(body):
        if _is_main_guard(stmt):
            original = ctx.module.body[i] if i < len(ctx.module.body) and _is_main_guard(ctx.module.body[i]) else first
            if ctx.change(original, f"runs a TF1 graph (line {ctx.line(first)}): {v1}.disable_v2_behavior() first in the script's entry point"):
                block = stmt.body
                if isinstance(block, cst.IndentedBlock):
                    rewriter.graph_step = True
                    return module.with_changes(body=[*body[:i], stmt.with_changes(body=block.with_changes(body=[call, *block.body])), *body[i + 1:]])
            return module
    ctx.warn(first, f"builds and runs a TF1 graph (placeholders / sessions), which TF2's eager mode cannot: build it {GRAPH_ADVICE}",
             topic=GRAPH_TOPIC)
    return module


def _graph_test_cases(module: cst.Module, graph_nodes: list) -> Optional[list]:
    """Indexes of the module-level test cases (classes deriving from a ``TestCase``:
    unittest's, tf.test's, absl's, parameterized's; or from such a class of the module)
    whose tests build TF1 graphs, themselves, through the module's functions they call
    (trfl's ``_setup_*`` helpers making placeholders) or in a class of the module they
    derive from (a mixin holding the tests: t3f's), where no test case of the module
    they derive from is marked already (they inherit its graph mode), and not marked
    themselves ([] where every one is marked); None where a graph is built outside every
    test case and every module-level function, by a class not a test case, or only in
    functions no test case calls."""
    inside = {}
    for i, stmt in enumerate(module.body):
        if isinstance(stmt, (cst.ClassDef, cst.FunctionDef)):
            inside[i] = {id(n) for n in nodes_of(stmt, cst.CSTNode)}
    owner = set()  # the classes the graphs are built in
    helpers = set()  # the module-level functions they are built in
    for node in graph_nodes:
        found = next((i for i, ids in inside.items() if id(node) in ids), None)
        if found is None:
            return None
        (owner if isinstance(module.body[found], cst.ClassDef) else helpers).add(found)
    if helpers:
        names = {i: {n.value for n in nodes_of(module.body[i], cst.Name)} for i in inside}
        reached = {module.body[i].name.value for i in helpers}
        callers = {i for i in inside if names[i] & reached} - helpers
        while callers:  # the module's functions calling those, and so on
            found = {i for i in callers if isinstance(module.body[i], cst.FunctionDef)}
            reached |= {module.body[i].name.value for i in found}
            helpers |= found
            owner |= callers - found
            callers = {i for i in inside if names[i] & reached} - helpers - owner
        if not owner:
            return None
    tests = _test_cases(module)
    mixins = {i: cases for i, cases in _test_mixins(module, tests).items() if i in owner}
    if not owner or any(i not in {t[0] for t in tests.values()} and i not in mixins for i in owner):
        return None

    def marked(name: str, seen: frozenset = frozenset()) -> bool:
        i, bases = tests[name]
        return runs_in_graph_mode(module.body[i]) or any(marked(b, seen | {name}) for b in bases if b not in seen)

    chosen = []
    for name, (i, bases) in tests.items():
        builds = i in owner or any(i in cases for cases in mixins.values())
        if builds and not marked(name) and not any(tests[b][0] in owner or marked(b) for b in bases):
            chosen.append(i)
    return chosen


def _test_cases(module: cst.Module) -> dict:
    """The module-level test cases (``_is_test_case``; in order: one may derive from a test
    case above it): class name → (index, the test cases of the module it derives from)."""
    tests: dict = {}
    local = _module_classes(module)
    for i, stmt in enumerate(module.body):
        if isinstance(stmt, cst.ClassDef):
            bases = _base_names(stmt)
            if _is_test_case(bases, tests, stmt, local):
                tests[stmt.name.value] = (i, [b for b in bases if b in tests])
    return tests


def _test_mixins(module: cst.Module, cases: Optional[dict] = None) -> dict:
    """The module-level classes holding tests for test cases of the module (``cases``:
    ``_test_cases``'), which derive from them, directly or through other classes of the
    module (a mixin per test suite, a test case per dtype: t3f's ``_OpsTest`` and
    ``OpsTestFloat32(tf.test.TestCase, _OpsTest)``), not test cases themselves: index →
    the indexes of those test cases."""
    classes = {stmt.name.value: i for i, stmt in enumerate(module.body) if isinstance(stmt, cst.ClassDef)}
    bases = {i: [classes[b] for b in _base_names(module.body[i]) if b in classes] for i in classes.values()}
    tests = {i for i, _ in (_test_cases(module) if cases is None else cases).values()}
    found: dict = {}
    for case in tests:
        todo, seen = list(bases[case]), set()
        while todo:
            i = todo.pop()
            if i in seen:
                continue
            seen.add(i)
            todo.extend(bases[i])
            if i not in tests:
                found.setdefault(i, set()).add(case)
    return found


def _graph_mode_tests(ctx: RuleContext, rewriter: "_Rewriter", module: cst.Module, tests: list) -> cst.Module:
    """A test module whose tests build TF1 graphs: each test case runs its tests in graph
    mode (``tf1to2.graph_mode_tests``), as TF1 ran them, under any test runner; not
    ``disable_v2_behavior()`` in its ``__main__`` block, which test runners do not run."""
    body = list(module.body)  # statement for statement the original's (``_graph_mode`` sees to it)
    changed = False
    for i in tests:
        if ctx.change(ctx.module.body[i], f"{body[i].name.value}'s tests build TF1 graphs (placeholders / sessions): "
                                          f"@{GRAPH_MODE_TESTS} runs each in graph mode, as TF1 ran them (test runners "
                                          "do not run the module's __main__ block)"):
            decorator = cst.Decorator(decorator=expression(GRAPH_MODE_TESTS))
            body[i] = body[i].with_changes(decorators=[*body[i].decorators, decorator])
            changed = True
    rewriter.graph_mode_tests = changed
    return module.with_changes(body=body)


def _is_import(stmt: cst.CSTNode) -> bool:
    return isinstance(stmt, cst.SimpleStatementLine) and all(isinstance(s, (cst.Import, cst.ImportFrom)) for s in stmt.body)


def _is_main_guard(stmt: cst.CSTNode) -> bool:
    if not isinstance(stmt, cst.If) or not isinstance(stmt.test, cst.Comparison):
        return False
    code = cst.Module(body=[]).code_for_node(stmt.test).replace("'", '"').replace(" ", "")
    return code in ('__name__=="__main__"', '"__main__"==__name__')
