"""What tf1to2 does with each code transformation the five migration guides teach
(``../shared/seeds/``): the guide's TF1 code, with only the imports it needs, run through
every rule as ``tf1to2 migrate`` runs them. Prints one row per transformation and the
totals.

    python benchmarks/guide_coverage.py [--show ID]   # --show: the output for one row

A row's result is read off the run, not declared: ``broken`` (the output does not
compile, or a rule crashed), ``automated`` (rewritten, nothing warned), ``partly``
(rewritten, and warned of what was not), ``warned`` (left, with a warning at the
line), ``silent`` (left, nothing said), ``kept`` (left, nothing said, in a row whose
guide code runs under TensorFlow 2.21 as it is: the checkpoint guide's own tools and
its graph-mode examples, marked ``KEPT`` below with the reason; were anything changed or
said there, the row would read as any other, but tf-api's ``tf.Graph()`` →
``tf1to2.Graph()``, the same code in the graph TF1 code gets, which does no
transformation of the guide's). Whether an ``automated`` row's output is
the guide's TF2 code is the reader's to check (``--show``); the golden cases hold the
guide's code for the rules that do them.
"""
from __future__ import annotations

import argparse
import sys
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from codemod.pipeline import RuleCrash, transform_text  # noqa: E402
from rules import all_rules  # noqa: E402

GOLDEN = ROOT / "golden"


def golden(case: str) -> str:
    """The guide's code where a golden case already holds it (its before.py)."""
    return (GOLDEN / case / "before.py").read_text(encoding="utf-8")


TF = "import tensorflow as tf\n\n\n"
V1 = "import tensorflow as tf\nimport tensorflow.compat.v1 as tf1\n\n\n"
HUB = "import tensorflow as tf\nimport tensorflow_hub as hub\n\n\n"
SLIM = "import tensorflow as tf\nimport tf_slim as slim\n\n\n"

# Rows whose guide code runs under TensorFlow 2.21 unchanged, and why (tf1to2 should
# neither change it nor warn: it is not a model, and the guide presents it as working)
KEPT = {
    "C2": "the guide's own TF2-era tool: a TF1 graph in `with tf.Graph().as_default()` and a Session, which run "
          "(its graph tf-api's tf1to2.Graph())",
    "C4": "graph-mode code in an explicit tf.Graph() with a Session: init_from_checkpoint works there, as the "
          "guide shows (its graph tf-api's tf1to2.Graph())",
    "C5": "the guide: load_checkpoint + assign 'works in both graph and eager'; get_variable outside a layer "
          "makes its variable, eagerly too",
}

# (id, guide, transformation, TF1 code)
ROWS = [
    # ---------------------------------------------------------------- model mapping (000)
    ("M1", "model mapping", "get_variable model function → decorated Keras layer (DenseLayer)",
     golden("wrap-in-layer/guide_dense_function")),
    ("M2", "model mapping", "v1.layers model function → decorated Keras layer (CompatV1LayerModel)", TF + '''
def model(inputs, units):
  with tf.compat.v1.variable_scope('model'):
    out = tf.compat.v1.layers.conv2d(
        inputs, 3, 3,
        kernel_regularizer="l2")
    out = tf.compat.v1.layers.flatten(out)
    out = tf.compat.v1.layers.dense(
        out, units,
        kernel_regularizer="l2")
    return out
'''),
    ("M3", "model mapping", "batch norm's training flag → the layer's training argument", TF + '''
def model(x, training):
  with tf.compat.v1.variable_scope('batch_norm_layer'):
    return tf.compat.v1.layers.batch_normalization(x, training=training)
'''),
    ("M4", "model mapping", "UPDATE_OPS control dependencies in an eager step → dropped", TF + '''
def train_step(model, optimizer, x, y):
  with tf.GradientTape() as tape:
    loss = tf.reduce_mean(tf.square(model(x, training=True) - y))
  update_ops = tf.compat.v1.get_collection(tf.compat.v1.GraphKeys.UPDATE_OPS)
  with tf.control_dependencies(update_ops):
    grads = tape.gradient(loss, model.trainable_variables)
    optimizer.apply_gradients(zip(grads, model.trainable_variables))
'''),
    ("M5", "model mapping", "variable-scope reuse (AUTO_REUSE) → kept working in the layer", TF + '''
def two_tower(x):
  def tower(t):
    with tf.compat.v1.variable_scope("tower", reuse=tf.compat.v1.AUTO_REUSE):
      w = tf.compat.v1.get_variable("w", [t.shape[-1], 4])
      return tf.matmul(t, w)
  return tower(x) + tower(2.0 * x)
'''),
    ("M6", "model mapping", "nested Keras model built in the forward pass → get_or_create_layer", TF + '''
def model(inputs):
  out = tf.compat.v1.layers.dense(inputs, 5)
  nested = tf.keras.Sequential([tf.keras.layers.Dense(10, name="dense")])
  return nested(out)
'''),
    ("M7", "model mapping", "tf.Variable in the forward pass → a layer whose decorator makes it once", TF + '''
def scaled(inputs):
  scale = tf.Variable(2.0, name="scale")
  return tf.compat.v1.layers.dense(inputs, 3) * scale
'''),
    ("M8", "model mapping", "make_template → a layer building the template once in __init__, calling it in call", TF + '''
def my_op(x, scalar_name):
  var1 = tf.compat.v1.get_variable(scalar_name, shape=[], initializer=tf.compat.v1.constant_initializer(1.5))
  return x * var1

scale_by_y = tf.compat.v1.make_template('scale_by_y', my_op, scalar_name='y')


def model(x):
  return scale_by_y(scale_by_y(x))
'''),
    ("M9", "model mapping", "functional v1 layers → layer objects held as attributes (OOStyleCompatModel)",
     golden("layers-to-attributes/guide_functional_style")),
    ("M10", "model mapping", "v1 layer objects → Keras layers, record_scope keeping names (PartiallyNative...)",
     golden("keras-layers/guide_partially_native")),
    ("M11", "model mapping", "CompatModel → PartiallyMigratedModel → NearlyFullyNativeModel", TF + '''
class CompatModel(tf.keras.layers.Layer):

  def __init__(self, units, *args, **kwargs):
    super().__init__(*args, **kwargs)
    self.units = units

  @tf.compat.v1.keras.utils.track_tf1_style_variables
  def call(self, inputs, training=None):
    with tf.compat.v1.variable_scope('model'):
      out = tf.compat.v1.layers.conv2d(
          inputs, 3, 3,
          kernel_regularizer="l2")
      out = tf.compat.v1.layers.flatten(out)
      out = tf.compat.v1.layers.dropout(out, training=training)
      out = tf.compat.v1.layers.dense(
          out, self.units,
          kernel_regularizer="l2")
      return out
'''),
    ("M12", "model mapping", "NearlyFullyNativeModel → FullyNativeModel (decorator and scopes dropped)",
     golden("native-keras/guide_fully_native")),
    ("M13", "model mapping", "get_variable in a decorated Keras layer → self.add_weight",
     golden("native-keras/guide_dense_layer")),
    ("M14", "model mapping", "DeterministicRandomTestTool (tf-keras only in TF 2.16+) → the shim's", TF + '''
from tensorflow.compat import v1

random_tool = v1.keras.utils.DeterministicRandomTestTool(mode='num_random_ops')
with random_tool.scope():
  tf.keras.utils.set_random_seed(42)
  inputs = tf.random.normal(shape=(10, 5, 5, 5))
'''),
    ("M15", "model mapping", "slim arg_scope → explicit arguments", SLIM + '''
def net(inputs):
  with slim.arg_scope([slim.conv2d], padding="SAME", weights_regularizer=slim.l2_regularizer(0.05)):
    net = slim.conv2d(inputs, 64, [3, 3], scope="conv1")
    return slim.conv2d(net, 64, [3, 3], scope="conv2")
'''),
    ("M16", "model mapping", "slim normalizer_fn / activation_fn → their own layers", SLIM + '''
def net(inputs, is_training):
  return slim.conv2d(inputs, 8, [3, 3], normalizer_fn=slim.batch_norm,
                     normalizer_params={"is_training": is_training}, scope="conv")
'''),
    ("M17", "model mapping", "slim layers → v1.layers (arguments renamed, defaults made explicit)", SLIM + '''
def net(inputs):
  net = slim.fully_connected(slim.flatten(inputs), 10, scope="fc")
  return slim.dropout(net, 0.5, is_training=True)
'''),
    ("M18", "model mapping", "slim separable / depthwise conv → their v1 / Keras counterparts", SLIM + '''
def net(inputs):
  net = slim.separable_conv2d(inputs, 16, [3, 3], depth_multiplier=1, scope="sep")
  return slim.separable_conv2d(net, None, [3, 3], depth_multiplier=2, scope="depthwise")
'''),
    ("M19", "model mapping", "get_or_create_layer(name, self.build_model) (NestedModel) → an attribute made in "
     "__init__ (the guide's advice for new code)", TF + '''
class NestedModel(tf.keras.Model):

  def __init__(self, units, *args, **kwargs):
    super().__init__(*args, **kwargs)
    self.units = units

  def build_model(self):
    inp = tf.keras.Input(shape=(5, 5))
    dense_layer = tf.keras.layers.Dense(
        10, name="dense", kernel_regularizer="l2",
        kernel_initializer=tf.compat.v1.ones_initializer())
    model = tf.keras.Model(inputs=inp, outputs=dense_layer(inp))
    return model

  @tf.compat.v1.keras.utils.track_tf1_style_variables
  def call(self, inputs):
    # Get or create a nested model without assigning it as an explicit property
    model = tf.compat.v1.keras.utils.get_or_create_layer(
        "dense_model", self.build_model)
    return model(inputs)
'''),
    # ---------------------------------------------------------------------- overview (001)
    ("O1", "overview", "a TF1 graph script → tf.compat.v1 + disable_v2_behavior()", TF + '''
x = tf.placeholder(tf.float32, [None, 3])
y = tf.layers.dense(x, 2)
with tf.Session() as sess:
  sess.run(tf.global_variables_initializer())
  print(sess.run(y, feed_dict={x: [[1.0, 2.0, 3.0]]}))
'''),
    ("O2", "overview", "tf.contrib.slim / contrib.layers → tf_slim", TF + '''
slim = tf.contrib.slim


def net(x):
  return tf.contrib.layers.fully_connected(slim.flatten(x), 3)
'''),
    # (the shim has contrib.seq2seq's Bahdanau attention since session 45: the probe is a
    # contrib name with no TF 2.21 home, which the row is about)
    ("O3", "overview", "other tf.contrib → warned (TF Addons, ...)", TF + '''
def attention(cell, memory):
  return tf.contrib.seq2seq.BahdanauMonotonicAttention(64, memory)
'''),
    *[(f"O{4 + i}", "overview", f"optimizer table: {old} → tf.keras.optimizers.{new}", TF + f'''
def optimizer():
  return {call}
''') for i, (old, new, call) in enumerate([
        ("GradientDescentOptimizer", "SGD", "tf.train.GradientDescentOptimizer(0.1)"),
        ("MomentumOptimizer", "SGD(momentum=)", "tf.train.MomentumOptimizer(0.1, momentum=0.9)"),
        ("AdamOptimizer", "Adam (beta1 → beta_1)", "tf.train.AdamOptimizer(1e-3, beta1=0.5, beta2=0.99)"),
        ("RMSPropOptimizer", "RMSprop (decay → rho)", "tf.train.RMSPropOptimizer(1e-3, decay=0.8)"),
        ("AdadeltaOptimizer", "Adadelta", "tf.train.AdadeltaOptimizer(1.0)"),
        ("AdagradOptimizer", "Adagrad", "tf.train.AdagradOptimizer(0.1)"),
        ("FtrlOptimizer", "Ftrl (accum_name, linear_name dropped)",
         "tf.train.FtrlOptimizer(0.1, accum_name='a', linear_name='l')"),
        ("contrib AdaMaxOptimizer", "Adamax", "tf.contrib.opt.AdaMaxOptimizer(1e-3, beta1=0.8)"),
        ("contrib NadamOptimizer", "Nadam", "tf.contrib.opt.NadamOptimizer(1e-3, beta1=0.8)"),
    ])],
    ("O13", "overview", "epsilon default 1e-8 → 1e-7: TF1's written out", TF + '''
def optimizer():
  return tf.train.AdamOptimizer(1e-3)
'''),
    ("O14", "overview", "regularization collection in an eager step → model.losses", TF + '''
def train_step(model, optimizer, x, y):
  with tf.GradientTape() as tape:
    loss = tf.reduce_mean(tf.square(model(x) - y)) + tf.compat.v1.losses.get_regularization_loss()
  grads = tape.gradient(loss, model.trainable_variables)
  optimizer.apply_gradients(zip(grads, model.trainable_variables))
'''),
    ("O15", "overview", "variable collections in an eager step → model.trainable_variables", TF + '''
def train_step(model, optimizer, x, y):
  with tf.GradientTape() as tape:
    loss = tf.reduce_mean(tf.square(model(x) - y))
  variables = tf.compat.v1.trainable_variables()
  grads = tape.gradient(loss, model.trainable_variables)
  optimizer.apply_gradients(zip(grads, variables))
'''),
    ("O16", "overview", "a Session / feed_dict training loop → renamed, warned once at the session (the overview's recipe)", TF + '''
def train(loss, x, data):
  train_op = tf.train.GradientDescentOptimizer(0.1).minimize(loss)
  with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    for batch in data:
      sess.run(train_op, feed_dict={x: batch})
'''),
    ("O17", "overview", "queue-based input pipeline → tf.data (warned)", TF + '''
def inputs(files):
  queue = tf.train.string_input_producer(files)
  reader = tf.TFRecordReader()
  _, record = reader.read(queue)
  return tf.train.shuffle_batch([record], batch_size=32, capacity=100, min_after_dequeue=10)
'''),
    ("O18", "overview", "feature columns → Keras preprocessing (warned)", TF + '''
def features():
  age = tf.feature_column.numeric_column("age")
  return tf.feature_column.input_layer({"age": [[1.0]]}, [age])
'''),
    # -------------------------------------------------------------------- checkpoints (003)
    ("C1", "checkpoints", "convert_tf1_to_tf2 utility: a function, its TF1 names renamed", TF + '''
def convert_tf1_to_tf2(checkpoint_path, output_prefix):
  vars = {}
  reader = tf.train.load_checkpoint(checkpoint_path)
  dtypes = reader.get_variable_to_dtype_map()
  for key in dtypes.keys():
    vars[key] = tf.Variable(reader.get_tensor(key))
  return tf.train.Checkpoint(vars=vars).save(output_prefix)
'''),
    ("C2", "checkpoints", "convert_tf2_to_tf1 utility: kept as it is (tf1to2 checkpoint convert --to tf1 does it too)", TF + '''
import tensorflow.compat.v1 as tf1


def convert_tf2_to_tf1(checkpoint_path, output_prefix):
  reader = tf.train.load_checkpoint(checkpoint_path)
  dtypes = reader.get_variable_to_dtype_map()
  with tf.Graph().as_default() as g:
    for key in dtypes.keys():
      if key.startswith('var_list/'):
        var_name = key.split('/')[1]
        var_name = var_name.replace('.S', '/')
        var_name = var_name.replace('..', '.')
        tf1.get_variable(var_name, initializer=reader.get_tensor(key))
    with tf1.Session() as sess:
      saver = tf1.train.Saver()
      sess.run(tf1.global_variables_initializer())
      return saver.save(sess, output_prefix)
'''),
    ("C3", "checkpoints", "Saver() with no var_list in eager code (raises) → warned", V1 + '''
@tf.function
def save(model, path):
  with tf.GradientTape():
    pass
  return tf1.train.Saver().save(None, path)
'''),
    ("C4", "checkpoints", "init_from_checkpoint with an assignment map, in a TF1 graph → kept", V1 + '''
with tf.Graph().as_default() as g:
  with tf1.variable_scope('new_scope'):
    a = tf1.get_variable('a', shape=[], dtype=tf.float32, initializer=tf1.zeros_initializer())
  with tf1.Session() as sess:
    tf1.train.init_from_checkpoint('tf1-ckpt', assignment_map={'/': 'new_scope/'})
    sess.run(tf1.global_variables_initializer())
'''),
    ("C6", "checkpoints", "init_from_checkpoint in eager code (silently does nothing) → warned", V1 + '''
def restore(path):
  tf1.train.init_from_checkpoint(path, assignment_map={'/': 'new_scope/'})


@tf.function
def step(model, x):
  with tf.GradientTape() as tape:
    loss = tf.reduce_sum(model(x))
  return tape.gradient(loss, model.trainable_variables)
'''),
    ("C5", "checkpoints", "a model loading its TF1 checkpoint (load_checkpoint + assign): kept as it is", V1 + '''
def restore(path):
  with tf1.variable_scope('new_scope'):
    a = tf1.get_variable('a', shape=[], dtype=tf.float32, initializer=tf1.zeros_initializer())
  reader = tf.train.load_checkpoint(path)
  a.assign(reader.get_tensor('a'))
  return a
'''),
    ("C7", "checkpoints", "Saver(var_list=model.variables) in eager code → tf.train.Checkpoint(model=model)", TF + '''
def train(model, optimizer, data, path):
  saver = tf.compat.v1.train.Saver(var_list=model.variables)
  for x in data:
    with tf.GradientTape() as tape:
      loss = tf.reduce_sum(model(x))
    grads = tape.gradient(loss, model.trainable_variables)
    optimizer.apply_gradients(zip(grads, model.trainable_variables))
  saver.save(None, path)
'''),
    # ------------------------------------------------------------------------- TF Hub (004)
    ("H1", "TF Hub", "hub.Module(handle)(x) → hub.load(handle) and its signature", HUB + '''
def embed(sentences):
  m = hub.Module("https://tfhub.dev/google/nnlm-en-dim128/1")
  return m(sentences)
'''),
    ("H2", "TF Hub", "hub.Module(tags=) + signature, as_dict → hub.load(tags=) + .signatures[...]", HUB + '''
def low_level(x1, x2):
  m = hub.Module("/models/m", tags={"foo", "bar"})
  tensors_out_dict = m(dict(x1=x1, x2=x2), signature="sig", as_dict=True)
  return tensors_out_dict
'''),
    ("H3", "TF Hub", "a trainable hub.Module → warned (TF1 Hub format cannot be fine-tuned in TF2)", HUB + '''
def embed(sentences):
  return hub.Module("https://tfhub.dev/google/nnlm-en-dim128/1", trainable=True)(sentences)
'''),
    ("H6", "TF Hub", "hub.Module in a model function → its layer makes hub.load once (get_or_create_layer)", HUB + '''
def classifier(sentences):
  embed = hub.Module("https://tfhub.dev/google/nnlm-en-dim128/1")
  return tf.compat.v1.layers.dense(embed(sentences), 2, name="logits")
'''),
    ("H4", "TF Hub", "session_config.experimental.share_cluster_devices_in_session → not experimental", TF + '''
session_config = tf.compat.v1.ConfigProto()
session_config.experimental.share_cluster_devices_in_session = True
'''),
    ("H5", "TF Hub", "hub.text_embedding_column → warned (hub.KerasLayer in the model)", HUB + '''
def columns():
  return hub.text_embedding_column("sentence", "https://tfhub.dev/google/nnlm-en-dim128/1")
'''),
]


def run(source: str, kept: bool = False):
    rules = [r.id for r in all_rules()]
    try:
        out, changes, found = transform_text(source, rules)
    except RuleCrash as e:
        return "broken", source, [f"crash: {e}"]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", SyntaxWarning)
        try:
            compile(out, "<migrated>", "exec")
        except SyntaxError as e:
            return "broken", out, [f"does not compile: {e}"]
    said = [f"{w.line}: {w.rule}: {w.message}" for w in found]
    if out != source and not (kept and not said and _graphs_only(source, out)):
        return ("partly" if said else "automated"), out, said
    return ("warned" if said else "kept" if kept else "silent"), out, said


def _graphs_only(source: str, out: str) -> bool:
    """Whether the one change is tf-api's graph (``tf.Graph()`` → ``tf1to2.Graph()``, its
    import added): in a ``KEPT`` row, the guide's code kept, in the graph TF1 code gets
    (TF1's control flow), not a transformation of the guide done."""
    back = out.replace("tf1to2.Graph()", "tf.Graph()").replace("import tf1to2\n", "", 1)
    return back == source


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--show", help="print the output and the warnings of this row")
    args = parser.parse_args()
    totals: dict = {}
    for rid, guide, what, source in ROWS:
        if args.show and args.show != rid:
            continue
        result, out, said = run(source, rid in KEPT)
        totals[result] = totals.get(result, 0) + 1
        if args.show:
            print(out)
            print("\n".join(said))
            return
        print(f"| {rid} | {guide} | {what} | {result}" + (f" ({KEPT[rid]})" if result == "kept" else "") + " |")
    print(f"\n{len(ROWS)} transformations: " + ", ".join(f"{totals.get(k, 0)} {k}" for k in
                                                       ("automated", "partly", "warned", "kept", "silent",
                                                        "broken")))


if __name__ == "__main__":
    main()
