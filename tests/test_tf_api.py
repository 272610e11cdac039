"""The ``tf-api`` rule beyond its golden cases: the table is TensorFlow's own, and the
whole TF1 API comes out as names TF 2.21 has, meaning the same objects."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

import rules as rules_pkg
from codemod.pipeline import transform_text
from tests import tf_api_measure

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def table_check():
    """The table's check (TensorFlow walked in a subprocess of its own), started by the
    first test that asks, to run beside it."""
    return subprocess.Popen([sys.executable, str(ROOT / "rules" / "make_tf_api_table.py"), "--check"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


@pytest.mark.slow
def test_every_tf1_name_becomes_the_same_object_in_tf2(table_check):
    result = tf_api_measure.measure()
    assert result["names"] > 3500, "the walk must see the whole v1 API"
    assert result["misses"] == [], "\n".join(result["misses"][:50])
    # One import form TF 2.21 cannot express (``from tensorflow.app import flags``) is
    # left, with a warning; everything else imports the TF1 object.
    assert len(result["import_misses"]) <= 0.01 * result["imports"], "\n".join(result["import_misses"])


@pytest.mark.slow
def test_the_committed_table_is_what_tensorflow_says(table_check):
    _, err = table_check.communicate(timeout=600)
    assert table_check.returncode == 0, err[-2000:]


def test_the_command_line_never_reads_tensorflow_for_the_table():
    code = ("import sys; import rules.tf_api; "
            "assert not any(m == 'tensorflow' or m.startswith('tensorflow.') for m in sys.modules), 'TensorFlow imported'")
    subprocess.run([sys.executable, "-c", code], check=True, cwd=ROOT)


def test_a_second_run_keeps_every_rewritten_name():
    from rules import tf_api_table as table

    names = [n for n, new in table.NAMES.items() if new]
    source = "import tensorflow as tf\n" + "".join(f"x = tf.{n}\n" for n in names)
    once, _, _ = transform_text(source, ["tf-api"])
    twice, changes, _ = transform_text(once, ["tf-api"])
    assert twice == once and not changes


@pytest.mark.slow
def test_walking_only_relevant_statements_changes_nothing(monkeypatch, tmp_path):
    """tf-api and v1-layers-shim walk only the statements (at any depth) whose text can
    matter to them (``RuleContext.unmentioning``: an import, a ``.value``, a name bound to
    TensorFlow; ``layers``), and wrap-in-layer's survey walks only statements that say what
    it reads: over the golden cases (their rule, and every rule) and four of tf_slim's nets, v1
    layers included (stages 0-3 and 7), output, changes and warnings are what walking
    everything gives."""
    import sysconfig

    from rules.base import RuleContext
    from tests.golden import cases

    nets_dir = Path(sysconfig.get_paths()["purelib"]) / "tf_slim" / "nets"
    # nets with scopes in other modules, batch norm switches, regularizers, dropout
    nets = [nets_dir / f"{m}.py" for m in ("alexnet", "inception_v3", "resnet_utils", "resnet_v1")]
    every = [r.id for r in rules_pkg.REGISTRY]
    work = [(c.before, ids) for c in cases() for ids in ([c.rule], every)]
    work += [(p.read_text(encoding="utf-8"), ["tf-api", "slim-arg-scope", "slim-to-layers", "wrap-in-layer",
                                                       "v1-layers-shim"])
             for p in nets]
    # what stops a function becoming a layer, or makes a parameter a tensor, on statements
    # that name nothing of TensorFlow's
    work += [(text, ["wrap-in-layer"]) for text in (
        "import tensorflow as tf\n\ndef gen(x):\n    w = tf.compat.v1.get_variable('w', [1])\n    yield x\n",
        "import tensorflow as tf\nN = 0\n\ndef f(x):\n    w = tf.compat.v1.get_variable('w', [1])\n    global N\n"
        "    N += 1\n    return x * w\n",
        "import tensorflow as tf\n\ndef f(x, opt, loss):\n    w = tf.compat.v1.get_variable('w', [1])\n"
        "    opt.minimize(loss)\n    return x * w\n",
        "import tensorflow as tf\n\ndef f(x, n):\n    w = tf.compat.v1.get_variable('w', [1])\n    for i in range(n):\n"
        "        k = x.shape\n        w2 = tf.compat.v1.get_variable('w%d' % i, [1])\n    return x * w\n\n"
        "y = f(1, 2)\n",
        "import tensorflow as tf\n\ndef f(x, y):\n    w = tf.compat.v1.get_variable('w', [1])\n    n = y.shape\n"
        "    return tf.matmul(x, w) * n[0]\n\nout = f(a, b)\n",
    )]
    skipped = []
    real = RuleContext.unmentioning

    def counting(self, pattern):
        out = real(self, pattern)
        skipped.append(len(out))
        return out

    def run():
        out = []
        for text, ids in work:
            new, changes, warnings = transform_text(text, ids)
            out.append((new, [(f.line, f.message) for f in changes + warnings]))
        return out

    # everything walked, in another process meanwhile (both cores)
    (tmp_path / "work.json").write_text(json.dumps(work))
    whole = subprocess.Popen([sys.executable, "-c", WALK_EVERYTHING, str(tmp_path / "work.json")],
                             stdout=subprocess.PIPE, text=True, cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)})
    monkeypatch.setattr(RuleContext, "unmentioning", counting)
    filtered = run()
    assert sum(skipped) > 1000  # statements were skipped
    out, _ = whole.communicate(timeout=900)
    assert whole.returncode == 0
    assert json.loads(out) == json.loads(json.dumps(filtered))


WALK_EVERYTHING = """
import json, sys
from codemod.pipeline import transform_text
from rules.base import RuleContext
RuleContext.unmentioning = lambda self, pattern: frozenset()
out = []
for text, ids in json.load(open(sys.argv[1])):
    new, changes, warnings = transform_text(text, ids)
    out.append((new, [(f.line, f.message) for f in changes + warnings]))
print(json.dumps(out))
"""


GUIDE_RUN = """
import importlib.abc, sys
class Block(importlib.abc.MetaPathFinder):  # Keras 3 alone: tf-keras may not help
    def find_spec(self, name, path, target=None):
        if name.split('.')[0] == 'tf_keras':
            raise ImportError('tf-keras is blocked here')
sys.meta_path.insert(0, Block())
import numpy as np, tensorflow as tf
sys.path.insert(0, sys.argv[1])
import after
x = tf.ones([2, 5])
a, b = after.validate(x), after.validate(x)
np.testing.assert_allclose(a, b)  # the tool draws the same weights each time
nested = after.NestedModel()
first = nested(x)
np.testing.assert_allclose(nested(x), first)  # get_or_create_layer built it once
assert len(nested.weights) == 2, nested.weights
print("ok", tf.keras.__name__)
"""


@pytest.mark.slow
def test_the_guides_api_runs_on_keras_3_after_the_rewrite(tmp_path):
    """The guide-following code, after tf-api, runs under plain TensorFlow 2.21 (Keras 3,
    tf-keras blocked): the decorator, get_or_create_layer and the random test tool."""
    proc, _ = _run_rewritten("guide_apis", GUIDE_RUN, tmp_path)
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert proc.stdout.split()[:1] == ["ok"] and not proc.stdout.split()[1].startswith("tf_keras")


def _run_rewritten(case: str, script: str, tmp_path: Path, *args: str):
    """The golden tf-api case's before.py, rewritten by stage 0 into ``after.py``, imported
    and checked by ``script`` (given the folder, then ``args``) under plain TensorFlow 2.21
    (Keras 3): (the process, the rewrite's warnings)."""
    from tests.subprocess_env import keras_env, tf_run

    source = (ROOT / "golden" / "tf-api" / case / "before.py").read_text()
    out, _, warnings = transform_text(source, ["tf-api"])
    (tmp_path / "after.py").write_text(out)
    proc = tf_run([sys.executable, "-c", script, str(tmp_path), *args], capture_output=True, text=True,
                  env=keras_env(), timeout=600)
    return proc, warnings


MODE_KEYS_RUN = """
import sys
import tensorflow as tf
from tensorflow.python.saved_model.model_utils.mode_keys import EstimatorModeKeys  # TF1's tf.estimator.ModeKeys
sys.path.insert(0, sys.argv[1])
import after
assert not hasattr(tf.compat.v1, "estimator")  # what the rewrite is for
public = lambda c: {k: getattr(c, k) for k in dir(c) if k.isupper()}
assert public(after.Modes) == public(EstimatorModeKeys) == {"TRAIN": "train", "EVAL": "eval", "PREDICT": "infer"}
assert after.ALL == ("train", "eval", "infer")
for mode, want in (("infer", "eval"), ("train", "train"), ("eval", "train")):
    assert after.model_fn(None, None, mode) == want, (mode, after.model_fn(None, None, mode))
assert after.model_fn.__defaults__[0] == "train"
print("ok")
"""


@pytest.mark.slow
def test_estimator_mode_keys_import_and_keep_tf1s_strings_under_tf_2_21(tmp_path):
    """tf.estimator is gone from TensorFlow 2.21, so a module reading
    ``tf.estimator.ModeKeys.TRAIN`` at import (a default argument) no longer imports:
    after stage 0 it does, under every spelling of the golden case, and its modes are
    the very strings TF1's ModeKeys (TensorFlow's EstimatorModeKeys) held."""
    proc, warnings = _run_rewritten("estimator_mode_keys", MODE_KEYS_RUN, tmp_path)
    assert warnings == [] and "estimator import" not in (tmp_path / "after.py").read_text().replace(
        "tf1to2.estimator import", "")
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert proc.stdout.split() == ["ok"]


CONTRIB_FRAMEWORK_RUN = """
import sys
import numpy as np
import tensorflow as tf
sys.path.insert(0, sys.argv[1])
import after
path = sys.argv[1] + "/tf1"
with tf.Graph().as_default():  # a TF1 name-based checkpoint holding w
    w = tf.compat.v1.get_variable("w", initializer=[[1.0, 2.0]])
    with tf.compat.v1.Session() as sess:
        sess.run(w.initializer)
        path = tf.compat.v1.train.Saver([w]).save(sess, path)
x = [2.0, 3.0, 1.0]
with tf.Graph().as_default(), tf.compat.v1.Session() as sess:  # TF1 code: a graph, a name scope
    with tf.name_scope("model"):
        scope, order, values, flat, got, loaded, again = after.ranks(tf.constant(x), path)
    assert scope == again == "model", (scope, again)
    order, values, flat = sess.run([order, values, flat])
with tf.name_scope("eager"):  # eagerly
    scope, *_ = after.ranks(tf.constant(x), path)
assert scope == "eager", scope
assert list(order) == [1, 0, 2] and list(values) == [1.0, 2.0, 3.0], (order, values)
assert len(flat) == 2 and all(list(f) == x for f in flat)
assert got.tolist() == loaded.tolist() == [[1.0, 2.0]]
assert after.nest.flatten_up_to([0, 0], [[1], 2]) == [[1], 2] and after.nest.is_sequence([1])
try:
    after.total([tf.constant(1.0)])
except AttributeError as e:
    assert "reduce_sum_n" in str(e)
else:
    raise AssertionError("reduce_sum_n: tf-slim has no such name")
print("ok")
"""


def test_contrib_framework_names_run_as_tf2s_under_tf_2_21(tmp_path):
    """tf.contrib.framework's names tf-slim lacks, rewritten to TensorFlow 2's (the same
    objects), compute what TF1's did: sort and argsort, nest (tf.nest's, and TF1's whole
    one through the shim), a checkpoint read, and get_name_scope, the graph's name scope
    in a graph as TF1's was, and the eager one eagerly. The one name with no TF2
    counterpart is warned and raises where it is read."""
    proc, warnings = _run_rewritten("contrib_framework_tf2", CONTRIB_FRAMEWORK_RUN, tmp_path)
    assert [w.message.split(" does not")[0] for w in warnings] == ["tf.contrib.framework.reduce_sum_n"]
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert proc.stdout.split() == ["ok"]


CONTRIB_UTIL_RUN = """
import sys
import numpy as np
import tensorflow as tf
sys.path.insert(0, sys.argv[1])
import after
value, plus_one, array, empty = after.static(tf.constant([3, 4]))
assert value.tolist() == [3, 4] and plus_one.tolist() == [4, 5] and array.tolist() == [1.0, 2.0] and empty
assert after.util().constant_value(tf.constant(7)) == 7
print("ok")
"""


def test_contrib_util_runs_as_tf2s_under_tf_2_21(tmp_path):
    """tf.contrib.util's functions, rewritten to TF2's names and through the shim's stand-in
    for the module, compute what they did: static values, tensor protos back to arrays."""
    proc, warnings = _run_rewritten("contrib_util", CONTRIB_UTIL_RUN, tmp_path)
    assert warnings == []
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert proc.stdout.split() == ["ok"]


CONTRIB_EAGER_RUN = """
import sys, tempfile, unittest
import tensorflow as tf
sys.path.insert(0, sys.argv[1])
import after
x = tf.constant(3.0)
assert float(after.square_grad(x)) == 6.0
assert [float(t) for t in after.doubled(x)] == [6.0, 4.0]
v = tf.Variable(2.0)
value, grads = after.value_and_grads(v)
assert float(value) == 4.0 and float(grads[0][0]) == 4.0 and grads[0][1] is v
a, b = after.first(tf.data.Dataset.from_tensor_slices([5, 6]))
assert int(a) == 5 and int(b) == 5
where = tempfile.mkdtemp()
path = after.checkpoint(v, where + "/ckpt")
v.assign(0.0)
after.eager.Checkpoint(v=v).restore(path)
assert float(v) == 2.0
assert after.mode() == (True, True, True)
with tf.Graph().as_default():
    assert after.mode()[:2] == (False, False)
assert after.tfe_module().Iterator is after.EagerIterator
modes = []
class Probe(tf.test.TestCase):
    @after.tfe.run_test_in_graph_and_eager_modes()
    def test_mode(self):
        modes.append(tf.executing_eagerly())
        self.assertEqual(self.evaluate(tf.square(3.0)), 9.0)
result = unittest.TextTestRunner(stream=sys.stderr).run(unittest.TestSuite([Probe("test_mode"), after.ModesTest("test_square")]))
assert result.wasSuccessful() and sorted(modes) == [False, True], modes
for call, advice in ((lambda: after.compiled(x), "tf.function"), (lambda: after.mean([1.0]), "tf.keras.metrics")):
    try:
        call()
    except AttributeError as e:
        assert advice in str(e), e
    else:
        raise AssertionError(advice)
print("ok")
"""


def test_contrib_eager_runs_as_tf2s_under_tf_2_21(tmp_path):
    """tf.contrib.eager's names, rewritten to TensorFlow 2's (the same objects) or read from
    the shim's stand-in for the module, run under TF 2.21 as TF1's did: a tape's gradient,
    py_func, implicit_value_and_gradients, Iterator's next() / get_next(), a Checkpoint saved
    and restored, executing_eagerly in and out of a graph, and a test run in both modes by
    run_test_in_graph_and_eager_modes. What contrib held itself (defun, metrics) is warned
    at its line and raises where it is read, saying what to use; the module still imports."""
    source = (ROOT / "golden" / "tf-api" / "contrib_eager" / "before.py").read_text()
    _, _, warnings = transform_text(source, ["tf-api"])
    assert [(w.line, w.message.split(" does not")[0]) for w in warnings] == [
        (51, "tf.contrib.eager.defun"), (55, "tf.contrib.eager.metrics.Mean")]
    proc, _ = _run_rewritten("contrib_eager", CONTRIB_EAGER_RUN, tmp_path)
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert proc.stdout.split() == ["ok"]


CONTRIB_DISTRIBUTIONS_RUN = """
import math, sys
import numpy as np
import tensorflow as tf
sys.path.insert(0, sys.argv[1])
import after
close = lambda got, want: np.testing.assert_allclose(np.asarray(got, dtype=np.float64), want, rtol=1e-5, atol=1e-6)
x = np.array([0.5, -1.0, 2.0], np.float32)
close(after.normal_log_prob(x), -0.5 * np.log(2 * np.pi) - x ** 2 / 2)
v = np.array([[0.5, 3.0]], np.float32)
close(after.diag_log_prob(v), -np.log(2 * np.pi) - np.log(2.0) - 0.5 * (0.5 ** 2 + ((3.0 - 1.0) / 2) ** 2))
close(after.kl_normal(), math.log(2.0) + (1.0 + 1.0) / (2 * 4.0) - 0.5)  # KL(N(0,1) || N(1,2))
y = np.array([0.5, 1.0, 3.0], np.float32)
close(after.log_normal(y), -np.log(y) - 0.5 * np.log(2 * np.pi) - np.log(y) ** 2 / 2)
sp, ln = after.softplus(y)
close(sp, np.log1p(np.exp(y)))
close(ln, np.log(y))
close(after.median(x), 0.5)
probs, full = after.categorical(np.array([0.0, np.log(3.0)], np.float32))
close(probs, [0.25, 0.75])
assert not full  # a categorical is not reparameterized, in TF1 as in TFP
try:
    after.softplus_scale(1.0)
except AttributeError:
    pass
else:
    raise AssertionError("NormalWithSoftplusScale was not expected in TFP")
d_probs, d_logits, b_probs, b_logits, pd_probs, entropy = after.policy(np.array([0.0, 0.0], np.float32),
                                                                         0.25, type("P", (), {"probs": 1})())
assert d_probs is None and b_logits is None  # what the two warnings say: TFP gives the parameter as given
close(entropy, math.log(2.0))
print("ok")
"""


def test_contrib_distributions_run_as_tensorflow_probabilitys_under_tf_2_21(tmp_path):
    """tf.contrib.distributions, rewritten to TensorFlow Probability (where it went), runs
    under TF 2.21 (Keras 3) and gives TF1's numbers: log-densities, a KL divergence, a
    transformed distribution, bijectors, percentile and a categorical's probabilities, each
    against its closed form (TF1's own code cannot run here to compare with). A name TFP
    lacks is warned and raises where it is read; ``.probs`` / ``.logits`` of a distribution
    built from the other parameter are warned, and are None in TFP, as the warning says."""
    source = (ROOT / "golden" / "tf-api" / "contrib_distributions" / "before.py").read_text()
    proc, warnings = _run_rewritten("contrib_distributions", CONTRIB_DISTRIBUTIONS_RUN, tmp_path)
    assert [(w.line, w.message.split(":")[0]) for w in warnings] == [
        (45, "tf.contrib.distributions.NormalWithSoftplusScale does not exist in TensorFlow 2, and TensorFlow "
             "Probability 0.25.0 (where tf.contrib.distributions went"),
        (51, "d.probs"), (51, "tfd.Bernoulli(probs=probs).logits")]
    code_of = lambda text: text.split('"""', 2)[2]  # after the docstring
    assert code_of(source).count("contrib") == 9 and "contrib" not in code_of((tmp_path / "after.py").read_text())
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert proc.stdout.split() == ["ok"]


PRIVATE_MODULES_RUN = """
import sys
from pathlib import Path
folder = Path(sys.argv[1])
lines = (folder / "after.py").read_text().splitlines(keepends=True)
for line in map(int, sys.argv[2].split(",")):  # what the run warned of: TF 2.21 has it nowhere
    lines[line - 1] = "\\n"
(folder / "after.py").write_text("".join(lines))
sys.path.insert(0, str(folder))
import after
assert after.shards() is None  # outside a TPU computation, as TF1's said
assert after.takes_mode(lambda features, labels, mode: None) and not after.takes_mode(lambda x: None)
assert after.tpu_feed.InfeedQueue.__module__ == "tensorflow.python.tpu.tpu_feed"
print("ok")
"""


def test_private_modules_tensorflow_2_keeps_elsewhere_import_there(tmp_path):
    """contrib.tpu's private modules (TF 1.15's re-exported TensorFlow's own) and the
    estimator's fn_args import from where TensorFlow 2.21 keeps them, and work there; the
    TPU estimator and op_def_registry.get_registered_ops, which it has nowhere, are warned
    at their lines (the script blanks those lines, as a user acting on the warnings would)."""
    proc, warnings = _run_rewritten("private_modules_moved", PRIVATE_MODULES_RUN, tmp_path, "8,12")
    assert [(w.line, w.message.split(" does not")[0]) for w in warnings] == [
        (8, "tf.contrib.tpu.python.tpu.tpu_estimator"),
        (12, "tensorflow.python.framework.op_def_registry.get_registered_ops")]
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert proc.stdout.split() == ["ok"]


PRIVATE_OPS_RUN = PRIVATE_MODULES_RUN.split("import after")[0] + """import after
import tensorflow as tf
assert float(tf.convert_to_tensor(after.Doubled(1.5))) == 3.0  # the conversion it registered at import
x = tf.Variable([1.0, 2.0, 3.0])
with tf.GradientTape() as tape:
    y = tf.reduce_sum(tf.gather(x, [0, 2]))
grad = tape.gradient(y, x)
assert isinstance(grad, tf.IndexedSlices) and after.dense(grad).numpy().tolist() == [1.0, 0.0, 1.0]
print("ok")
"""


def test_private_ops_names_tensorflow_2_moved_read_as_its_public_ones(tmp_path):
    """golden/tf-api/private_ops_names_moved: names read off ``tensorflow.python.framework.
    ops`` that TensorFlow 2.21's module lacks (``register_tensor_conversion_function``,
    ``IndexedSlices``, read as an attribute or imported by name) become the public names
    of the same objects, and work: the module registers a conversion at import (where
    mesh_tensorflow's import raised), and tells a gradient's IndexedSlices. The
    dense-tensor-like registry, which TF 2 has nowhere, is warned at its line (blanked by
    the script, as a user acting on the warning would)."""
    proc, warnings = _run_rewritten("private_ops_names_moved", PRIVATE_OPS_RUN, tmp_path, "22")
    assert [(w.line, w.message.split(" does not")[0]) for w in warnings] == [
        (22, "tensorflow.python.framework.ops.register_dense_tensor_like_type")]
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert proc.stdout.split() == ["ok"]


def test_tensorflow_probability_is_named_as_the_module_names_it():
    """Where the module already imports TFP, its name is used; where ``tfp`` means
    something else, TFP is spelled in full; a second run changes nothing."""
    own = ("import tensorflow as tf\nimport tensorflow_probability as probability\n\n\n"
           "def f():\n    return tf.contrib.distributions.Normal(0.0, 1.0)\n")
    out, _, _ = transform_text(own, ["tf-api"])
    assert out == own.replace("tf.contrib.distributions", "probability.distributions")
    taken = ("import tensorflow as tf\n\n\ndef f(tfp):\n"
             "    return tf.contrib.distributions.bijectors.Exp(), tfp\n")
    out, _, _ = transform_text(taken, ["tf-api"])
    assert out == ("import tensorflow as tf\nimport tensorflow_probability\n\n\ndef f(tfp):\n"
                   "    return tensorflow_probability.bijectors.Exp(), tfp\n")
    after = (ROOT / "golden" / "tf-api" / "contrib_distributions" / "after.py").read_text()
    again, changes, _ = transform_text(after, ["tf-api"])
    assert again == after and not changes


def test_a_second_run_warns_again_of_what_the_contrib_stand_ins_lack():
    """The names the first run warned of and left to the shim's stand-ins (``tfe.defun``,
    read from tf1to2.contrib_eager; ``cf.reduce_sum_n`` from tf1to2.contrib_framework,
    however imported), which raise there, are warned again by every later run, at their
    lines, with the same advice; what the stand-ins have is not."""
    source = (ROOT / "golden" / "tf-api" / "contrib_eager" / "before.py").read_text()
    after, _, first = transform_text(source, ["tf-api"])
    again, _, second = transform_text(after, ["tf-api"])
    assert again == after
    lines = after.splitlines()
    assert [(lines[w.line - 1].strip().split("(")[0], w.message.split(": ", 1)[1]) for w in second] == [
        ("return tfe.defun", first[0].message), ("m = tfe.metrics.Mean", first[1].message.replace(".Mean", ""))]
    framework = ("import tensorflow as tf\nfrom tf1to2 import contrib_framework as cf\nimport tf1to2.contrib_framework\n"
                 "from tf1to2.contrib_framework import with_shape\n\n\ndef f(xs):\n"
                 "    return cf.reduce_sum_n(xs), tf1to2.contrib_framework.sort(xs), cf.nest.flatten(xs)\n")
    _, _, found = transform_text(framework, ["tf-api"])
    assert [(w.line, w.message.split(" does not")[0]) for w in found] == [
        (4, "from tf1to2.contrib_framework import with_shape: tf.contrib.framework.with_shape"),
        (8, "cf.reduce_sum_n (tf1to2.contrib_framework): tf.contrib.framework.reduce_sum_n")]


def test_a_contrib_optimizer_is_warned_of_once_by_the_stage_that_handles_it():
    """Stage 0 warns that tf.contrib.opt.AdaMaxOptimizer does not exist in TensorFlow 2
    when it runs without the optimizers stage; with it, that stage rewrites the optimizer,
    or leaves it and says both why and that it does not exist, and stage 0 says nothing."""
    from codemod.pipeline import transform_text
    rewritten = "import tensorflow as tf\n\n\ndef opt():\n    return tf.contrib.opt.AdaMaxOptimizer(1e-3)\n"
    refused = ("import tensorflow as tf\n\n\ndef step(loss):\n"
               "    return tf.contrib.opt.NadamOptimizer(1e-3).minimize(loss)\n")
    _, _, alone = transform_text(rewritten, ["tf-api"])
    assert [w.rule for w in alone] == ["tf-api"] and "does not exist in TensorFlow 2" in alone[0].message
    out, _, both = transform_text(rewritten, ["tf-api", "optimizers"])
    assert "tf.keras.optimizers.Adamax" in out and [w.rule for w in both] == []
    out, _, both = transform_text(refused, ["tf-api", "optimizers"])
    assert "tf.contrib.opt.NadamOptimizer" in out
    assert [w.rule for w in both] == ["optimizers"]
    assert "does not exist in TensorFlow 2" in both[0].message and "minimize" in both[0].message
    passed = "import tensorflow as tf\n\nOPTIMIZER = tf.contrib.opt.AdaMaxOptimizer\n"  # not built: stage 0 says it
    _, _, found = transform_text(passed, ["tf-api", "optimizers"])
    assert [w.rule for w in found] == ["tf-api"]


@pytest.mark.slow
def test_tensors_hashed_in_control_flow_are_warned_where_tensorflow_2_raises():
    """golden/tf-api/branch_hashing: each function it warns in raises "Tensor is
    unhashable" under TensorFlow 2.21 (its control flow built as functions, in a tf.Graph
    run by a Session), each it does not warn in runs; after the warning's advice,
    tf.compat.v1.disable_control_flow_v2(), every one runs."""
    from tests.golden import cases

    (case,) = [c for c in cases("tf-api") if c.id.endswith("branch_hashing")]
    warned_lines = {int(w.split(":")[0]) for w in case.warnings}
    lines = case.before.splitlines()

    def function_of(line: int) -> str:
        for i in range(line - 1, -1, -1):
            text = lines[i]
            if text.startswith("def ") or text.startswith("class "):
                return text.split()[1].split("(")[0].rstrip(":")
        raise AssertionError(line)

    warned = {function_of(line) for line in warned_lines}
    assert warned == {"Optimizer", "loop", "scale", "cases"}, warned
    results = _modes("control_flow_hashing.py", case.path / "after.py")
    assert results["v2"] == {"Optimizer.step": "unhashable", "loop": "unhashable", "mapped": "unhashable",
                             "cases": "unhashable", "not_hashing": "ok", "never_in_control_flow": "ok"}
    assert set(results["v1"].values()) == {"ok"}, results["v1"]


def _modes(script: str, module: Path) -> dict:
    """A numeric script run on ``module`` with control flow v2 and v1, at once: mode → the
    JSON it printed last."""
    from tests.subprocess_env import answers_at_once, keras_env

    return answers_at_once({mode: dict(args=[sys.executable, str(ROOT / "tests" / "numeric" / script), str(module),
                                             mode], env=keras_env(False), cwd=ROOT) for mode in ("v2", "v1")}, 600)


HASHING = '''\
import tensorflow as tf
{switch}

def compute(x):
    lookup = {{}}

    def branch():
        y = tf.square(x)
        lookup[y] = x
        return y

    return tf.cond(x > 0.0, branch, lambda: x)
{script}'''


@pytest.mark.parametrize("switch,script,warned", [
    ("", "", True),
    ("tf.compat.v1.disable_control_flow_v2()\n", "", False),
    ("tf.compat.v1.disable_v2_behavior()\n", "", False),
    # a script building and running its graph: tf-api gives it TF1 behaviour at its entry point
    ("", "\n\nif __name__ == '__main__':\n    with tf.Session() as s:\n        s.run(compute(tf.constant(1.0)))\n",
     False),
])
def test_a_tensor_hashed_in_a_branch_is_not_warned_where_the_module_has_tf1_control_flow(switch, script, warned):
    out, _, found = transform_text(HASHING.format(switch=switch, script=script), ["tf-api"])
    hashing = [w for w in found if "cannot be hashed" in w.message]
    assert bool(hashing) == warned, [w.message for w in found]
    if warned:
        (w,) = hashing
        assert w.line == 9 and "y is a tensor made in a branch or body of tf.cond() (line 12)" in w.message
    if script:
        assert "tf.compat.v1.disable_v2_behavior()" in out


@pytest.mark.slow
def test_tf1_keras_initializers_draw_what_tf1_drew(tmp_path):
    """golden/tf-api/keras_initializers: ``model``'s ten variables and its output, drawn
    in a tf.Graph seeded with tf.set_random_seed, are TF1's bit for bit (before.py under
    TF1 behaviour and tf-keras; the default run's stages 0 and 7 under plain TF 2.21 and
    Keras 3). Keras 3's initializers, which the names read as there, ignore the graph seed
    and take no dtype=."""
    import numpy as np

    from tests.golden import cases
    from tests.subprocess_env import keras_env, run_at_once

    (case,) = [c for c in cases("tf-api") if c.id.endswith("keras_initializers")]
    migrated = tmp_path / "migrated.py"
    out, _, _ = transform_text(case.before, ["tf-api", "v1-layers-shim"])
    migrated.write_text(out, encoding="utf-8")
    ended = run_at_once({side: dict(args=[sys.executable, str(ROOT / "tests" / "numeric" / "initializer_draws.py"),
                                          side, str(path), str(tmp_path / f"{side}.npz")],
                                    env=keras_env(side == "tf1"), cwd=ROOT)
                         for side, path in (("tf1", case.path / "before.py"), ("tf2", migrated))}, 600)
    drawn = {}
    for side, (code, _out, err) in ended.items():
        assert code == 0, err[-3000:]
        drawn[side] = dict(np.load(tmp_path / f"{side}.npz"))
    assert sorted(drawn["tf1"]) == sorted(drawn["tf2"]) and len(drawn["tf1"]) == 11, sorted(drawn["tf1"])
    for name, value in drawn["tf1"].items():
        assert np.array_equal(value, drawn["tf2"][name]), name


# A TF1 graph run two ways the graph warning names: (a variable fed, then read by another
# op; a gradient built through a while loop after a session ran it) → what each printed
GRAPH_WAYS = """import json, sys
import tensorflow as tf
if sys.argv[1] == "v1":
    tf.compat.v1.disable_v2_behavior()
out = {}
with tf.Graph().as_default():
    v = tf.compat.v1.get_variable("v", initializer=1.0)
    doubled = v * 2.0
    x = tf.compat.v1.get_variable("x", initializer=[1.0, 2.0])
    squares = tf.map_fn(lambda e: e * e, x)
    with tf.compat.v1.Session() as sess:
        sess.run(tf.compat.v1.global_variables_initializer())
        out["fed"] = float(sess.run(doubled, {v: 5.0}))
        sess.run(squares)
        grad = tf.gradients(tf.reduce_sum(squares), x)[0]
        try:
            out["gradient"] = sess.run(grad).tolist()
        except tf.errors.InvalidArgumentError:
            out["gradient"] = "raised"
print(json.dumps(out))
"""


def test_the_graph_warnings_two_ways_differ_as_it_says():
    """tf-api's and training-step's graph warning offers ``with tf.Graph().as_default():``
    or ``disable_v2_behavior()``, and says what the first loses. Found on gpflow 1.5.1: its
    ScipyOptimizer feeds its variables (in a tf.Graph of TF2 the loss never moved, silently)
    and its SVGP training takes gradients through a map_fn after a session ran it (raised);
    under disable_v2_behavior() both computed TF1's numbers. Both, in a few lines:"""
    from tests.subprocess_env import answers_at_once, keras_env

    got = answers_at_once({way: dict(args=[sys.executable, "-c", GRAPH_WAYS, way], env=keras_env(way == "v1"))
                           for way in ("graph", "v1")})
    assert got["v1"] == {"fed": 10.0, "gradient": [2.0, 4.0]}  # TF1's: every read of v is the fed 5.0
    assert got["graph"] == {"fed": 2.0, "gradient": "raised"}
    library = ("import tensorflow as tf\n\n\ndef build():\n    x = tf.placeholder(tf.float32)\n"
               "    with tf.Session() as sess:\n        return sess.run(x * 2, {x: 1.0})\n")
    [warning] = transform_text(library, ["tf-api"])[2]
    message = warning.message
    assert message.startswith("builds and runs a TF1 graph")
    assert "feeding a variable through feed_dict changes no read of it but the fed one" in message
    assert "a gradient taken through a while loop a session already ran fails" in message


@pytest.mark.slow
def test_batch_norm_updates_made_in_a_branch_are_warned_where_tensorflow_2_cannot_run_them(tmp_path):
    """golden/tf-api/branch_updates, as the default run's stages 0 and 7 leave it, built in a
    tf.Graph under TensorFlow 2.21 with a training step on UPDATE_OPS: the warned functions
    (batch norm trained in a tf.cond branch; an update added by hand there) raise "not an
    element of this graph", the one not warned (the flag given as a tensor) trains; after
    the warning's advice, disable_control_flow_v2(), all train."""
    from tests.golden import cases

    (case,) = [c for c in cases("tf-api") if c.id.endswith("branch_updates")]
    warned = sorted(int(w.split(":")[0]) for w in case.warnings)
    assert warned == [12, 18, 25], case.warnings
    migrated = tmp_path / "migrated.py"
    out, _, _ = transform_text(case.before, ["tf-api", "v1-layers-shim"])
    migrated.write_text(out, encoding="utf-8")
    results = _modes("control_flow_updates.py", migrated)
    assert results["v2"]["flag_as_tensor"] == "ok", results
    assert all("is not an element of this graph" in results["v2"][f] for f in ("net", "by_hand")), results
    assert set(results["v1"].values()) == {"ok"}, results["v1"]


@pytest.mark.slow
def test_checks_against_tf1s_variable_class_answer_as_in_tf1(tmp_path):
    """golden/tf-api/variable_type_checks: isinstance / issubclass against TF1's
    tf.Variable (every spelling), run on variables made three ways and a tensor in a
    tf.Graph, answer under TF 2.21 what the original answers under TF1 behaviour. With
    the class written tf.compat.v1.Variable, as the plain rename gives it, every answer
    for a variable would be False (TF2's variables are not instances of it)."""
    from tests.golden import cases
    from tests.subprocess_env import script_answers

    (case,) = [c for c in cases("tf-api") if c.id.endswith("variable_type_checks")]
    (tmp_path / "before.py").write_text(case.before, encoding="utf-8")
    (tmp_path / "after.py").write_text(transform_text(case.before, ["tf-api"])[0], encoding="utf-8")
    answers = script_answers(ROOT / "tests" / "numeric" / "variable_checks.py", tmp_path, ("tf1", "tf2"))
    assert len(answers["tf1"]) == 5 and answers["tf1"]["is_variable"] == [True, True, True, False]
    assert answers["tf2"] == answers["tf1"]


def test_variables_initialized_from_anothers_initialized_value_hold_its_value(tmp_path):
    """golden/tf-api/initialized_value (tensor2tensor's VQ codebooks: a variable's
    initializer reads another's initialized_value()): under TF1 behaviour the original's
    variables hold the values they were made from; under plain TF 2.21 it raises
    NotImplementedError (every TF2 variable does, at that method); migrated, it holds
    them again, all initialized at once as the original was."""
    from tests.golden import cases
    from tests.subprocess_env import script_answers

    (case,) = [c for c in cases("tf-api") if c.id.endswith("initialized_value")]
    (tmp_path / "before.py").write_text(case.before, encoding="utf-8")
    (tmp_path / "after.py").write_text(transform_text(case.before, ["tf-api"])[0], encoding="utf-8")
    answers = script_answers(ROOT / "tests" / "numeric" / "initialized_values.py", tmp_path,
                             ("tf1", "tf2", "unmigrated"))
    assert len(answers["tf1"]) == 5 and all(answers["tf1"].values()), answers["tf1"]
    assert answers["tf2"] == answers["tf1"]
    assert answers["unmigrated"] == {"error": "NotImplementedError "}


def _passed_by_side(tmp_path: Path, name: str, sides: dict) -> dict:
    """Each side's text of a test module (side → (text, whether the TF1 side: TF1
    behaviour on tf-keras)) written as ``name`` in a folder of its own and run by pytest,
    all at once: side → the tests that passed."""
    from tests.subprocess_env import run_pytests

    runs = {}
    for side, (text, tf1) in sides.items():
        folder = tmp_path / side
        folder.mkdir()
        (folder / name).write_text(text, encoding="utf-8")
        runs[side] = (folder, folder / "report.xml", (name,), tf1, tf1)
    return {side: sorted(t for t, state in found.items() if state == "passed")
            for side, (found, _) in run_pytests(runs).items()}


def test_a_test_module_enabling_eager_execution_runs_its_tests_as_it_did(tmp_path):
    """golden/tf-api/test_case_eager_module enables eager execution at import, as
    tensor2tensor's problem tests do, and enters a graph itself (a decorator) for its
    session test: its test cases are left as they are (only its graph becomes
    ``tf1to2.Graph()``), and pytest passes both its tests under plain TF 2.21. Forced
    into graph mode like a module that builds graphs on the default graph
    (``@tf1to2.graph_mode_tests``), its eager test fails."""
    from tests.golden import cases

    (case,) = [c for c in cases("tf-api") if c.id.endswith("test_case_eager_module")]
    out = transform_text(case.before, ["tf-api"])[0]
    assert out == case.after and "graph_mode_tests" not in out
    forced = out.replace("\n\n\nclass ProblemTest", "\n\n\n@tf1to2.graph_mode_tests\nclass ProblemTest")
    assert forced != out
    passed = _passed_by_side(tmp_path, "eager_test.py", {"tf2": (out, False), "forced": (forced, False)})
    assert passed["tf2"] == ["eager_test.ProblemTest.test_eager", "eager_test.ProblemTest.test_in_a_graph"]
    assert passed["forced"] == ["eager_test.ProblemTest.test_in_a_graph"], passed["forced"]


@pytest.mark.slow
def test_tf1_test_cases_using_their_own_sessions_and_helpers_run_in_graph_mode(tmp_path):
    """golden/tf-api/test_case_sessions, trfl's style of TF1 test (the test case's own
    ``test_session()`` / ``session()`` / ``cached_session()``, placeholders made by
    module-level helpers the tests call, a subclass, a variable fetched in the run that
    updates it), run by pytest: the original under TF1 behaviour and the migrated one
    under plain TF 2.21 pass the same eight tests. Without the decorators (what the rule
    wrote before it followed those two ways of building graphs: trfl lost 123 of its 302
    tests) only the test that builds none passes; in graph mode with TF2's resource
    variables (what the decorator did before it gave tests TF1's variables), the
    variable is read before its update and that test fails."""
    from tests.golden import cases

    (case,) = [c for c in cases("tf-api") if c.id.endswith("test_case_sessions")]
    out = transform_text(case.before, ["tf-api"])[0]
    undecorated = out.replace("@tf1to2.graph_mode_tests\n", "")
    assert out.count("@tf1to2.graph_mode_tests\n") == 3
    graph_mode_only = out.replace("@tf1to2.graph_mode_tests\n", "@graph_mode_only\n").replace(
        "\nimport tf1to2\n", "\nimport tf1to2\nfrom tensorflow.python.eager import context\n\n\n" + GRAPH_MODE_ONLY)
    passed = _passed_by_side(tmp_path, "sessions_test.py", {"tf1": (case.before, True), "tf2": (out, False),
                                                             "undecorated": (undecorated, False),
                                                             "graph_mode_only": (graph_mode_only, False)})
    assert len(passed["tf1"]) == 8 and passed["tf2"] == passed["tf1"], passed
    assert passed["undecorated"] == ["sessions_test.PlainTest.testRecorder"], passed["undecorated"]
    assert sorted(set(passed["tf1"]) - set(passed["graph_mode_only"])) == [
        "sessions_test.UpdateTest.testFetchedWithItsUpdate"], passed["graph_mode_only"]


# the shim's graph_mode_tests before it gave tests TF1's variables and control flow
GRAPH_MODE_ONLY = """def graph_mode_only(cls):
    run = cls.run

    def run_in_graph_mode(self, result=None):
        with context.graph_mode():
            return run(self, result)

    cls.run = run_in_graph_mode
    return cls
"""


@pytest.mark.slow
def test_tf1_test_cases_run_their_graphs_under_a_test_runner(tmp_path):
    """golden/tf-api/test_case_graphs, a TF1 test module (placeholders and sessions on the
    default graph, in setUp too; a subclass; a tf.test.TestCase), run by pytest: the
    original under TF1 behaviour and the migrated one under plain TF 2.21 pass the same
    seven tests. The old way, disable_v2_behavior() in the __main__ block, which pytest
    does not run, fails all six that build graphs."""
    from tests.golden import cases

    (case,) = [c for c in cases("tf-api") if c.id.endswith("test_case_graphs")]
    out = transform_text(case.before, ["tf-api"])[0]
    old_way = case.before.replace('if __name__ == "__main__":\n',
                                  'if __name__ == "__main__":\n    tf.compat.v1.disable_v2_behavior()\n')
    old_way = old_way.replace("tf.placeholder", "tf.compat.v1.placeholder").replace("tf.Session", "tf.compat.v1.Session")
    old_way = old_way.replace("tf.reset_default_graph", "tf.compat.v1.reset_default_graph").replace(
        "tf.get_variable", "tf.compat.v1.get_variable").replace("tf.global_variables_init", "tf.compat.v1.global_variables_init")
    passed = _passed_by_side(tmp_path, "graph_test.py", {"tf1": (case.before, True), "tf2": (out, False),
                                                          "main_block": (old_way, False)})
    assert len(passed["tf1"]) == 7 and passed["tf2"] == passed["tf1"], passed
    assert passed["main_block"] == ["graph_test.Plain.test_nothing"], passed["main_block"]



@pytest.mark.slow
def test_test_cases_of_imported_bases_and_gradient_tests_run_in_graph_mode(tmp_path):
    """golden/tf-api/test_case_imported_bases, graph_nets' style of TF1 test (a test case
    deriving from another module's base test case, known by its name and its test
    methods; a test computing tf.gradients, graph-only in TF2, without a session), run by
    pytest: the original under TF1 behaviour and the migrated one under plain TF 2.21 pass
    the same three tests. The rule's output before (disable_v2_behavior() in the __main__
    block, which pytest does not run: graph_nets failed 66 of its 378 tests) passes only
    the test building no graph."""
    passed = _against_the_main_block(tmp_path, "test_case_imported_bases", "bases_test.py", 2)
    assert len(passed["tf1"]) == 3 and passed["tf2"] == passed["tf1"], passed
    assert passed["main_block"] == ["bases_test.EagerTest.test_add"], passed["main_block"]


def _against_the_main_block(tmp_path: Path, case_id: str, name: str, decorated: int) -> dict:
    """The golden tf-api case ``case_id`` as the test module ``name``, run by pytest on
    three sides: the original under TF1 behaviour, the rule's output (which marks
    ``decorated`` test cases) under plain TF 2.21, and that output with the graph-mode
    step in its __main__ block instead (what the rule wrote before): side → the tests
    that passed."""
    from tests.golden import cases

    (case,) = [c for c in cases("tf-api") if c.id.endswith(case_id)]
    out = transform_text(case.before, ["tf-api"])[0]
    assert out.count("@tf1to2.graph_mode_tests\n") == decorated
    main_block = out.replace("@tf1to2.graph_mode_tests\n", "").replace(
        'if __name__ == "__main__":\n', 'if __name__ == "__main__":\n  tf.compat.v1.disable_v2_behavior()\n')
    return _passed_by_side(tmp_path, name, {"tf1": (case.before, True), "tf2": (out, False),
                                            "main_block": (main_block, False)})


def test_graph_mode_tests_leaves_a_class_that_is_no_unittest_test_case():
    """The shim's decorator on a class the migration took for a test case by its base's
    name but which has no ``run`` (a pytest-style class): the class as it was."""
    from tests.subprocess_env import keras_env, tf_run

    code = ("import tf1to2\nclass Plain:\n    def test_x(self):\n        return 1\n"
            "assert tf1to2.graph_mode_tests(Plain) is Plain and not hasattr(Plain, 'run')\nprint('ok')\n")
    proc = tf_run([sys.executable, "-c", code], capture_output=True, text=True, env=keras_env(), timeout=600)
    assert proc.returncode == 0 and proc.stdout.split() == ["ok"], proc.stderr[-3000:]


@pytest.mark.slow
def test_tests_held_in_a_mixin_run_their_graphs_in_their_test_cases(tmp_path):
    """golden/tf-api/test_case_mixins, t3f's style of TF1 test (the tests in a mixin
    class, a mixin of it, test cases per dtype deriving from them and tf.test.TestCase in
    either order), run by pytest: the original under TF1 behaviour and the migrated one
    under plain TF 2.21 pass the same five tests. The rule's output before it followed
    mixins (disable_v2_behavior() in the __main__ block, which pytest does not run: t3f
    kept 22 of its 236 passing tests) passes only the test building no graph."""
    passed = _against_the_main_block(tmp_path, "test_case_mixins", "mixin_test.py", 3)
    assert len(passed["tf1"]) == 5 and passed["tf2"] == passed["tf1"], passed
    assert passed["main_block"] == ["mixin_test.EagerTest.testAdd"], passed["main_block"]


DIMENSION_TESTS = """

class _TT:  # t3f's tensor train: its shapes come from its methods
  def __init__(self, ranks):
    self.ranks = ranks

  def get_tt_ranks(self):
    return tf.TensorShape(self.ranks)

  def get_raw_shape(self):
    return (tf.TensorShape([2, 5]),)


def test_known_ranks():
  assert ranks_product(_TT([1, 3, 1])) == 15


def test_an_unknown_rank():
  assert ranks_product(_TT([1, None, 1])) is None


def test_what_is_not_a_dimension_reads_its_value():
  from tf1to2 import dimension_value

  class Field:
    value = 7

  assert [dimension_value(Field()), dimension_value(None), dimension_value(4)] == [7, None, 4]
  assert dimension_value(tf.compat.v1.Dimension(5)) == 5 and dimension_value(tf.compat.v1.Dimension(None)) is None
"""


def test_items_of_shapes_functions_return_read_as_tf1_read_them(tmp_path):
    """golden/tf-api/dimension_items with tests (a shape from a method, known and
    unknown ranks; the shim's dimension_value on a Dimension, TF2's int and None, and
    another object's ``.value``), run by pytest: the original under TF1 behaviour (its
    shapes' items are Dimensions) and the migrated module under plain TF 2.21 pass all
    three; the original under TF 2.21 fails the two reading ranks (an int has no
    ``.value``)."""
    from tests.golden import cases

    (case,) = [c for c in cases("tf-api") if c.id.endswith("dimension_items")]
    out = transform_text(case.before, ["tf-api"])[0]
    passed = _passed_by_side(tmp_path, "dims_test.py", {
        "tf1": (case.before + DIMENSION_TESTS, True), "tf2": (out + DIMENSION_TESTS, False),
        "unmigrated": (case.before + DIMENSION_TESTS, False)})
    assert len(passed["tf1"]) == 3 and passed["tf2"] == passed["tf1"], passed
    assert passed["unmigrated"] == ["dims_test.test_what_is_not_a_dimension_reads_its_value"], passed["unmigrated"]

CONTRIB_RENAMES = '''import json, sys
import tensorflow as tf
from tensorflow.tools.compatibility import all_renames_v2

sys.path.insert(0, sys.argv[1])
from rules.make_tf_api_table import CONTRIB_ELSEWHERE

renames = {old: new for old, new in all_renames_v2.symbol_renames.items()
           if old.startswith("tf.contrib.") and old.split(".")[2] not in CONTRIB_ELSEWHERE}
print(json.dumps(renames))
'''
CONTRIB_READ = '''import json, sys
import tensorflow as tf
from tensorflow.tools.compatibility import all_renames_v2

sys.path.insert(0, sys.argv[1])
from rules.make_tf_api_table import equivalent

found = {}
for old, spelled in json.loads(sys.stdin.read()).items():
    if spelled.startswith("tf1to2."):  # contrib's own, which TF 2 lacks: the shim's stand-in has it
        import importlib
        module, _, name = spelled.rpartition(".")
        found[old] = callable(getattr(importlib.import_module(module), name, None))
        continue
    ours = eval(spelled, {"tf": tf})
    theirs = all_renames_v2.symbol_renames[old]
    try:  # tf_upgrade_v2's name, read in TF1's API (what TF 1.x meant by it)
        meant = eval(theirs.replace("tf.compat.v1.", "tf.").replace("tf.compat.v2.", "tf.").replace(
            "tf.", "tf.compat.v1.", 1), {"tf": tf})
    except AttributeError:
        meant = None
    found[old] = meant is not None and equivalent(ours, meant)
print(json.dumps(found))
'''


def test_tf_upgrade_v2s_contrib_renames_are_made_where_tf2_has_the_name():
    """tf_upgrade_v2 renames ``tf.contrib.data.map_and_batch`` to
    ``tf.data.experimental.map_and_batch`` and some 60 contrib names like it (the same
    objects in TF 1.x). Those outside the modules other parts of tf1to2 handle (slim,
    layers, framework, util, rnn, summary) become TF1's name of the same object in
    TensorFlow 2.21 wherever that exists: read back there, each is the object tf_upgrade_v2's
    name means in TF1's API. Those contrib had of its own and TF 2.21 lacks are the shim's
    stand-ins where it has them (``contrib.data.sliding_window_batch``), which must exist;
    the rest are warned, never left silent."""
    from tests.subprocess_env import keras_env, tf_run

    renames = json.loads(tf_run([sys.executable, "-c", CONTRIB_RENAMES, str(ROOT)], check=True, env=keras_env(),
                                timeout=600).stdout.splitlines()[-1])
    assert len(renames) >= 60 and "tf.contrib.data.map_and_batch" in renames
    source = "import tensorflow as tf\n" + "".join(f"x = {old}\n" for old in renames)
    out, _changes, warnings = transform_text(source, ["tf-api"])
    lines = [line for line in out.splitlines() if line.startswith("x = ")]  # (the shim's imports added)
    rewritten = {old: line[len("x = "):] for old, line in zip(renames, lines) if line[len("x = "):] != old}
    left = {old for old in renames if old not in rewritten}
    warned = {source.splitlines()[w.line - 1][len("x = "):] for w in warnings}
    assert left <= warned, left - warned
    assert len(rewritten) >= 50, sorted(left)
    read = subprocess.run([sys.executable, "-c", CONTRIB_READ, str(ROOT)], input=json.dumps(rewritten),
                          capture_output=True, text=True, env={**os.environ, "TF_CPP_MIN_LOG_LEVEL": "3"}, timeout=600)
    assert read.returncode == 0, read.stderr[-3000:]
    same = json.loads(read.stdout.splitlines()[-1])
    assert [old for old, ok in same.items() if not ok] == []


CLASS_FIXTURE_TESTS = '''import unittest

import numpy as np
import tensorflow as tf
import tf1to2


@tf1to2.graph_mode_tests
class BuiltOnceTest(unittest.TestCase):
    """TensorLayer's style: the graph is built once, in setUpClass, on the default graph."""

    @classmethod
    def setUpClass(cls):
        cls.x = tf.compat.v1.placeholder(tf.float32, [None, 3])
        cls.w = tf.compat.v1.get_variable("w", initializer=np.eye(3, dtype=np.float32))
        cls.y = tf.matmul(cls.x, cls.w)

    @classmethod
    def tearDownClass(cls):
        tf.compat.v1.reset_default_graph()

    def test_shape(self):
        self.assertEqual(self.y.get_shape().as_list(), [None, 3])

    def test_runs(self):
        with tf.compat.v1.Session() as sess:
            sess.run(tf.compat.v1.global_variables_initializer())
            out = sess.run(self.y, {self.x: np.ones((2, 3), np.float32)})
        self.assertEqual(out.tolist(), [[1.0, 1.0, 1.0]] * 2)


class EagerTest(unittest.TestCase):
    def test_still_eager(self):
        self.assertTrue(tf.executing_eagerly())
'''


def test_graph_mode_tests_builds_a_class_fixtures_graph_in_graph_mode_too(tmp_path):
    """TensorLayer's tests build their graph in ``setUpClass``, which the test suite calls
    outside each test's ``run``: ``tf1to2.graph_mode_tests`` runs the class's fixtures in
    graph mode (with TF1's variables) too, on the default graph its tests then read.
    Before, every test of such a class errored ("tf.placeholder() is not compatible with
    eager execution"): TensorLayer's migrated suite passed 10 tests of the 116 its original
    passes. A test case without the decorator stays eager."""
    passed = _passed_by_side(tmp_path, "fixture_test.py", {"tf2": (CLASS_FIXTURE_TESTS, False)})["tf2"]
    assert passed == ["fixture_test.BuiltOnceTest.test_runs", "fixture_test.BuiltOnceTest.test_shape",
                      "fixture_test.EagerTest.test_still_eager"], passed


def test_tf1_graphs_made_by_the_code_compute_what_tf1s_did(tmp_path):
    """golden/tf-api/tf1_graphs (a graph the code makes, every spelling, and the default
    graph after a reset), run: the original under TF1 behaviour and stage 0's output under
    plain TF 2.21 compute the same gradients through a map_fn and a while loop a session
    already ran ((v·x)³ at x = 2: 8, and 24 its derivative), and TF2's switches are back
    on after each. On TF2's own graph (the shim's replaced by it) both gradients raise:
    what GPflow 1.5's SVGP training hit. What the shim's graph leaves TF2's: a variable
    fed through feed_dict is fed to the read fed only (5·2 + 1² = 11 is not computed
    either: 3.0, against TF1's 35 = 5·2 + 5²), as on TF2's graph."""
    from tests.subprocess_env import script_answers

    case = ROOT / "golden" / "tf-api" / "tf1_graphs"
    out = transform_text((case / "before.py").read_text(), ["tf-api"])[0]
    assert out == (case / "after.py").read_text()
    (tmp_path / "before.py").write_text((case / "before.py").read_text())
    (tmp_path / "after.py").write_text(out)
    got = script_answers(ROOT / "tests" / "numeric" / "tf1_graphs.py", tmp_path, ("tf1", "tf2", "tf2_graph"))
    tf1, tf2, tf2_graph = got["tf1"], got["tf2"], got["tf2_graph"]
    assert tf1["gradient_after_run"] == [[1.0, 4.0, 9.0], [2.0, 4.0, 6.0]]
    assert tf1["on_the_default_graph"] == [8.0, 24.0]
    for name in ("gradient_after_run", "on_the_default_graph"):
        assert tf2[name] == tf1[name], name
    for name in ("fed_variable", "gradient_after_run", "on_the_default_graph"):
        assert tf2[name + "_switches"] == [True, True], name  # TF2's again once the graph is left
    assert tf2["graphs"] == ["tf1to2.Graph"] * 3 and tf2["default_graph"] == "tf1to2"
    assert tf2["left"] == tf1["left"] == [True, "tensorflow"]
    assert tf2_graph["gradient_after_run"] == tf2_graph["on_the_default_graph"] == "InvalidArgumentError"
    assert tf1["fed_variable"] == 35.0 and tf2["fed_variable"] == tf2_graph["fed_variable"] == 3.0  # TF2's variables


ESTIMATOR_HOOKS_RUN = """
import sys
import tensorflow as tf
sys.path.insert(0, sys.argv[1])
assert not hasattr(tf.compat.v1, "estimator")  # what the rewrite is for
import after  # its hook class derives from tf.estimator's SessionRunHook at import
assert after.FeedingHook.__mro__[1] is tf.compat.v1.train.SessionRunHook
assert after.train(3) == ([0, 3, 6], 25), after.train(3)  # what the hook fed, thrice; the counter at the end
assert after.training("train") and not after.training("infer")
print("ok")
"""


def test_estimator_hooks_run_as_tf_trains_under_tf_2_21(tmp_path):
    """golden/tf-api/estimator_hooks: hooks spelled through tf.estimator (a subclass of its
    SessionRunHook made at import, StopAtStepHook and SessionRunArgs imported from it,
    LoggingTensorHook and FinalOpsHook through an alias of the module), rewritten to
    tf.compat.v1.train's, import under TF 2.21, which has no tf.estimator, and run a
    MonitoredTrainingSession for the three steps asked: the hook fed each step its count
    and read back three times it, and the final op read the counter, 10 + 3 · 5."""
    proc, warnings = _run_rewritten("estimator_hooks", ESTIMATOR_HOOKS_RUN, tmp_path)
    assert proc.returncode == 0 and proc.stdout.strip().endswith("ok"), proc.stderr[-3000:]
    assert warnings == []


FED = '''import tensorflow as tf

LEVEL = tf.Variable(0.5)


def fed(value, given):
    v = tf.get_variable("v", initializer=1.0)
    w = tf.compat.v1.Variable(2.0)
    u = tf.Variable(3.0)
    u = u * 2.0  # bound to something else too: not followed
    x = tf.placeholder(tf.float32, [])
    y = v + w + x + u + given
    with tf.Session() as sess:
        a = sess.run(y, {v: value, x: 1.0, given: 2.0})
        b = sess.run(fetches=y, feed_dict={w: value, u: 1.0})
        c = y.eval(feed_dict={x: 3.0})
        d = sess.run(y, {LEVEL: value})  # the module's variable, read in a function: not followed
    return a, b, c, d
'''


def test_a_variable_fed_through_feed_dict_is_warned_where_fed():
    """A key of a feed_dict literal (``run``'s second argument or ``feed_dict=``, ``eval``'s)
    naming a variable the same function makes, and binds to nothing else, is warned at
    the key: TF2's resource variables, tf1to2.Graph's too, feed only the read fed.
    Parameters, placeholders, names bound to something else as well, and names of another
    scope are not. Where the graph-mode step gives the program TF1's variables (a script's
    entry point), nothing is said: there the feed works as in TF1."""
    def fed_warnings(source):
        return [(w.line, w.message.split(" is a variable")[0]) for w in transform_text(source, ["tf-api"])[2]
                if "fed through feed_dict" in w.message]

    assert fed_warnings(FED) == [(14, "v"), (15, "w")]
    script = FED + "\n\nif __name__ == '__main__':\n    print(fed(1.0, 2.0))\n"
    assert script != FED
    out = transform_text(script, ["tf-api"])[0]
    assert "disable_v2_behavior()" in out and fed_warnings(script) == []


NMT_DECODER_RUN = """
import sys
import numpy as np
import tensorflow as tf
import tf1to2
sys.path.insert(0, sys.argv[1])
import after
v1 = tf.compat.v1
rng = np.random.RandomState(0)
memory = rng.randn(2, 5, 4).astype("float32")
memory_lengths = np.array([5, 3], "int32")
targets = rng.randn(2, 3, 6).astype("float32")
target_lengths = np.array([3, 2], "int32")
embedding = rng.randn(7, 6).astype("float32")
NAMES = ["decoder/attention/attention_layer/kernel", "decoder/attention/basic_lstm_cell/bias",
         "decoder/attention/basic_lstm_cell/kernel", "decoder/attention/luong_attention/attention_g",
         "decoder/memory_layer/kernel", "decoder/output_projection/kernel"]
for mode, steps in (("train", 3), ("infer", 50)):
    layer = after.BuildDecoder(targets, target_lengths, embedding, 4, 7, mode)
    logits, ids, _ = layer(memory, memory_lengths)  # eagerly, Keras 3
    again = layer(memory, memory_lengths)[0]
    weights = {name: v.numpy() for name, v in tf1to2.tf1_variables(layer).items()}
    assert sorted(weights) == NAMES, sorted(weights)
    # greedy decoding stops early only where every sequence has emitted the end token (2)
    done_early = logits.shape[1] < steps and bool((ids.numpy() == 2).any(axis=1).all())
    assert logits.shape[0::2] == (2, 7) and (logits.shape[1] == steps or done_early), logits.shape
    assert np.array_equal(logits, again)
    traced_logits, traced_ids, _ = tf.function(layer)(tf.constant(memory), tf.constant(memory_lengths))
    np.testing.assert_allclose(traced_logits.numpy(), logits.numpy(), atol=1e-5)  # traced: the same
    assert np.array_equal(traced_ids.numpy(), ids.numpy()), mode
    assert sorted(tf1to2.tf1_variables(layer)) == NAMES  # no new variable
print("ok")
"""


def test_an_nmt_attention_decoder_migrated_runs_under_keras3_with_tf1s_names(tmp_path):
    """golden/tf-api/contrib_seq2seq_attention_decoding (the NMT tutorial's decoder:
    Luong attention, AttentionWrapper, training and greedy helpers, BasicDecoder,
    dynamic_decode), migrated by every stage, runs under plain TF 2.21 as the Keras 3
    layer wrap-in-layer made of it, for training and for greedy inference, with TF1's
    variable names (``decoder/attention/luong_attention/attention_g``, ...), as often as
    called; the same layer in a TF1 graph, given its weights, computes the same logits and
    ids. Before wrap-in-layer read a class's first argument as a setting, ``num_units``
    and ``vocab`` were arguments of ``call``, which Keras 3 refuses by position."""
    from rules import all_rules
    from tests.subprocess_env import keras_env, tf_run

    source = (ROOT / "golden" / "tf-api" / "contrib_seq2seq_attention_decoding" / "before.py").read_text()
    out, _, _ = transform_text(source, [r.id for r in all_rules()])
    assert "class BuildDecoder(tf.keras.layers.Layer):" in out and "def call(self, encoder_outputs, source_lengths):" in out
    (tmp_path / "after.py").write_text(out)
    proc = tf_run([sys.executable, "-c", NMT_DECODER_RUN, str(tmp_path)], capture_output=True, text=True,
                  env=keras_env(), timeout=600)
    assert proc.returncode == 0 and proc.stdout.strip().endswith("ok"), proc.stderr[-3000:]


WHERE_RUN = """
import sys
import numpy as np
import tensorflow as tf
sys.path.insert(0, sys.argv[1])
import after
finished = tf.constant([True, False])
eos = tf.constant([[1.0, 2.0], [3.0, 4.0]])
logits = tf.constant([[5.0, 6.0], [7.0, 8.0]])
assert after.mask_finished(finished, eos, logits).numpy().tolist() == [[1.0, 2.0], [7.0, 8.0]]  # TF1's rows
assert tf.where(finished, x=eos, y=logits).numpy().tolist() == [[1.0, 6.0], [3.0, 8.0]]  # what TF2's would give
a, b = after.pick(finished, eos, logits)
assert a.numpy().tolist() == b.numpy().tolist() == [[1.0, 2.0], [7.0, 8.0]]
assert after.indices(tf.constant([[True, False], [False, True]]))[0].numpy().tolist() == [[0, 0], [1, 1]]
print("ok")
"""


def test_tf_where_given_x_and_y_keeps_tf1s_rows(tmp_path):
    """golden/tf-api/where_selecting_rows under TF 2.21: a vector condition picks whole
    rows, as TF1's tf.where did ([[1, 2], [7, 8]]), where TF2's tf.where, the same
    arguments, silently gives other numbers when the sizes agree ([[1, 6], [3, 8]])."""
    proc, warnings = _run_rewritten("where_selecting_rows", WHERE_RUN, tmp_path)
    assert proc.returncode == 0 and proc.stdout.strip().endswith("ok"), proc.stderr[-3000:]
    assert warnings == []


def test_tf_contrib_itself_bound_to_a_name_is_warned_not_a_crash():
    """adanet's tf_compat: ``v2 = tf.compat.v2`` or, where that fails, ``v2 = tf.contrib``
    (the name bound to tf.contrib itself, nothing under it): said at the line; the rule
    crashed on it (an empty contrib path) and failed the file."""
    from codemod.pipeline import transform_text

    before = ("import tensorflow as tf\ntry:\n    v2 = tf.compat.v2\nexcept AttributeError:\n    v2 = tf.contrib\n"
              "x = v2.ones([2])\n")
    out, _, found = transform_text(before, ["tf-api"])
    assert out == before
    assert [(w.line, w.message.split(":")[0]) for w in found] == [(5, "tf.contrib does not exist in TensorFlow 2")]


def test_tf1_keras_calls_compute_what_tf1s_keras_did_under_keras_3(tmp_path):
    """golden/tf-api/tf1_keras_calls: TF1's tf.keras calls Keras 3 computes otherwise under
    the same names (recurrent layers' defaults, hard_sigmoid, lr= / decay=, l1_l2()'s
    defaults, RMSprop's and Nadam's updates, ``compile(optimizer="rmsprop")``, the
    ``*_generator`` methods, ``fit(workers=)``, ``predict_classes`` / ``predict_proba``). Its
    before.py under TF1 behaviour and TF1's tf.keras (tf-keras' v1 API) and the tf-api
    stage's output under plain TF 2.21 and Keras 3, given the same weights: every layer's
    outputs, and six training steps' losses under each optimizer, agree to 1e-4 (the
    weights' shapes exactly: TF1's GRU bias). Each rewrite taken out on its own (tried once
    each: an LSTM's recurrent activation, an LSTMCell's, a GRU's reset_after, l1_l2's
    defaults, the two optimizers, Activation('hard_sigmoid')) fails here."""
    import numpy as np

    from tests.golden import cases
    from tests.subprocess_env import answers_at_once, keras_env

    (case,) = [c for c in cases("tf-api") if c.id.endswith("tf1_keras_calls")]
    migrated = tmp_path / "migrated.py"
    out, _, _ = transform_text(case.before, ["tf-api"])
    migrated.write_text(out, encoding="utf-8")
    script = str(ROOT / "tests" / "numeric" / "tf1_keras_calls.py")
    got = answers_at_once({side: dict(args=[sys.executable, script, side, str(path)], env=keras_env(side == "tf1"),
                                      cwd=ROOT)
                           for side, path in (("tf1", case.path / "before.py"), ("tf2", migrated))}, 600)
    tf1, tf2 = got["tf1"], got["tf2"]
    assert tf1["shapes"] == tf2["shapes"] and tf1["layers"] == tf2["layers"]
    assert tf1["layers"].count("GRU") == 2 and "ConvLSTM2D" in tf1["layers"]
    for layer, a, b in zip(tf1["layers"], tf1["outputs"], tf2["outputs"], strict=True):
        assert np.allclose(a, b, atol=1e-4), layer
    generator = tf1.pop("generator"), tf2.pop("generator")
    assert np.isclose(generator[0]["loss"], generator[1]["loss"], atol=1e-4)
    assert np.allclose(generator[0]["predicted"], generator[1]["predicted"], atol=1e-4)
    assert np.array(generator[0]["predicted"]).shape == (4, 2)
    assert np.allclose(generator[0]["weights"], generator[1]["weights"], rtol=1e-4, atol=1e-4)
    for outputs in (4, 1):
        found = tf1.pop(f"classes {outputs}"), tf2.pop(f"classes {outputs}")
        assert found[0]["classes"] == found[1]["classes"] and np.ravel(found[0]["classes"]).size == 6
        assert np.allclose(found[0]["proba"], found[1]["proba"], atol=1e-6)
        assert len(set(np.ravel(found[0]["classes"]))) >= 2  # (rows of more than one class)
    kinds = [k for k in tf1 if k not in ("shapes", "layers", "outputs")]
    assert len(kinds) == 10 and sorted(kinds) == sorted(k for k in tf2 if k not in ("shapes", "layers", "outputs"))
    for kind in kinds:
        assert np.allclose(tf1[kind]["losses"], tf2[kind]["losses"], atol=1e-4), kind
        assert np.allclose(tf1[kind]["weights"], tf2[kind]["weights"], rtol=1e-4, atol=1e-4), kind
        assert tf1[kind]["losses"][-1] < tf1[kind]["losses"][0], kind  # it trained


def test_tf_keras_names_keras_3_has_under_others_compute_the_same(tmp_path):
    """Every name of the table's KERAS_GAPS that tf-api renames (``losses.mean_squared_error``
    → ``losses.mse``, ``experimental.CosineDecay`` → ``optimizers.schedules.CosineDecay``,
    the preprocessing layers, the saving functions ...), read by its old name from TF1's
    tf.keras (tf-keras' v1 API, ``tf.compat.v1.keras``) and by its new one from Keras 3's
    tf.keras, computes the same (``tests/numeric/keras_homes.py``: a probe for each kind).
    Found by this check: tf-keras' ``optimizers.legacy.Nadam`` is not Keras 3's Nadam (see
    KERAS_DIFFERENT in rules/make_tf_api_table.py)."""
    import numpy as np

    from rules import tf_api_table as table
    from tests.subprocess_env import answers_at_once, keras_env

    script = str(ROOT / "tests" / "numeric" / "keras_homes.py")
    got = answers_at_once({side: dict(args=[sys.executable, script, side], env=keras_env(side == "then"), cwd=ROOT)
                           for side in ("then", "now")}, 600)
    renamed = sorted(k for k, v in table.KERAS_GAPS.items() if v and not k.startswith("initializers."))
    assert sorted(got["then"]) == sorted(got["now"]) == renamed and len(renamed) > 40
    for name in renamed:
        then, now = got["then"][name], got["now"][name]
        assert not isinstance(then, dict) and not isinstance(now, dict), (name, then, now)
        if all(isinstance(v, (int, float)) for v in np.ravel(np.asarray(then, dtype=object))):
            assert np.allclose(np.asarray(then, dtype=float), np.asarray(now, dtype=float), atol=1e-5), name
        else:
            assert then == now, name


def test_tf_keras_names_keras_3_lacks_are_renamed_or_said():
    """tf.keras names TF1's tf.keras had and TF2's (Keras 3) lacks: renamed to the same
    thing's name there, however the chain or import spells them; without one, said at the
    line with the way out. ``from tensorflow import keras`` (TF2's Keras) is not warned,
    and imports of ``tensorflow.compat.v1.keras``'s modules (which TF 2.21 cannot import)
    read tf.keras, which it is under Keras 3."""
    before = """import tensorflow as tf
from tensorflow import keras
from tensorflow.keras import backend as K
from tensorflow.keras import losses
from tensorflow.keras.losses import mean_squared_error, binary_crossentropy
from tensorflow.keras.losses import kl_divergence as kl
from tensorflow.keras.experimental import CosineDecay
from tensorflow.keras.backend import learning_phase
from tensorflow.compat.v1.keras import backend as K1
import tensorflow.compat.v1.keras.layers as L1


def f(x, y):
    a = tf.keras.losses.mean_squared_error(y, x) + losses.mean_absolute_error(y, x)
    b = keras.metrics.mean_squared_error(y, x) + tf.compat.v1.keras.losses.log_cosh(y, x)
    c = tf.keras.experimental.CosineDecay(0.1, 100)
    d = tf.keras.layers.experimental.preprocessing.Rescaling(1 / 255.)
    e = {K.learning_phase(): 0}
    g = tf.keras.experimental.LinearCosineDecay(0.1, 100)
    return a, b, c, d, e, g, K1.get_session(), L1.CuDNNLSTM(3)
"""
    out, _, found = transform_text(before, ["tf-api"])
    for line in ("from tensorflow.keras.losses import mse as mean_squared_error, binary_crossentropy",
                 "from tensorflow.keras.losses import kld as kl",
                 "from tensorflow.keras.optimizers.schedules import CosineDecay",
                 "from tensorflow.keras import backend as K1", "import tensorflow.keras.layers as L1",
                 "    a = tf.keras.losses.mse(y, x) + losses.mae(y, x)",
                 "    b = keras.metrics.mse(y, x) + tf.compat.v1.keras.losses.logcosh(y, x)",
                 "    c = tf.keras.optimizers.schedules.CosineDecay(0.1, 100)",
                 "    d = tf.keras.layers.Rescaling(1 / 255.)"):
        assert line in out.splitlines(), line
    said = {(w.line, w.message.split(" does not exist")[0]) for w in found}
    assert said == {(8, "tf.keras.backend.learning_phase"), (18, "tf.keras.backend.learning_phase"),
                    (19, "tf.keras.experimental.LinearCosineDecay"), (20, "tf.keras.backend.get_session"),
                    (20, "tf.keras.layers.CuDNNLSTM")}, said
    assert all("tf-keras has it" in w.message for w in found)
    assert "pass training=True / False" in next(w.message for w in found if w.line == 18)
    again, _, found_again = transform_text(out, ["tf-api"])
    assert again == out and len(found_again) == len(found)


def test_an_import_from_tf_compat_is_not_read_as_a_chain():
    """``import tensorflow`` beside ``from tensorflow.compat import v1``: the import's module
    was read as the chain ``tensorflow.compat`` and made ``tensorflow.compat.v1.compat``
    (a second run over a migrated golden case found it); an import's module is the import's."""
    before = "import tensorflow\nfrom tensorflow.compat import v1\nx = tensorflow.placeholder(v1.float32)\n"
    out, _, _ = transform_text(before, ["tf-api"])
    assert out.splitlines()[:2] == ["import tensorflow", "from tensorflow.compat import v1"]
    assert "x = tensorflow.compat.v1.placeholder(v1.float32)" in out.splitlines()


CALLBACKS = """import json, sys
sys.path.insert(0, sys.argv[1])
import tensorflow as tf
from loading import load_module
out = {}
for side in ("before", "after"):
    module = load_module(sys.argv[2] + f"/{side}.py", side)
    try:
        made = module.fixed(sys.argv[3])
        out[side] = [type(c).__name__ for c in made]
    except (TypeError, ValueError) as e:
        out[side] = f"{type(e).__name__}: {e}"
print(json.dumps(out))
"""


def test_tf1_keras_callbacks_are_made_under_keras_3_once_migrated(tmp_path):
    """golden/tf-api/tf1_keras_callbacks: its ``fixed`` callbacks (TensorBoard's dropped
    logging settings, ModelCheckpoint's ``period=1``), which Keras 3 raises at as TF1 code
    wrote them, are made under plain TF 2.21 once the tf-api stage has run."""
    from tests.golden import cases
    from tests.subprocess_env import keras_env, tf_run

    (case,) = [c for c in cases("tf-api") if c.id.endswith("tf1_keras_callbacks")]
    out, _, _ = transform_text(case.before, ["tf-api"])
    (tmp_path / "before.py").write_text(case.before, encoding="utf-8")
    (tmp_path / "after.py").write_text(out, encoding="utf-8")
    proc = tf_run([sys.executable, "-c", CALLBACKS, str(ROOT / "tests" / "numeric"), str(tmp_path),
                   str(tmp_path / "logs")], env=keras_env(), cwd=ROOT, timeout=600)
    assert proc.returncode == 0, proc.stderr[-3000:]
    got = json.loads(proc.stdout.strip().splitlines()[-1])
    assert got["before"].startswith("TypeError") and "period" in got["before"]
    assert got["after"] == ["ModelCheckpoint", "TensorBoard", "TensorBoard"]


def test_a_model_method_of_the_programs_own_is_left():
    """tflearn's forest estimator defines ``predict_proba`` and calls ``self.predict_proba``:
    its own method, left without a word; on another receiver in that module the call may be
    a Keras model's, so it is left and said; in a module defining none, TF1's Keras
    ``predict_proba`` becomes ``predict``."""
    own = ("import tensorflow as tf\n\n\nclass Forest:\n    def predict_proba(self, x):\n        return x\n\n"
           "    def predict_log(self, x, model):\n        return self.predict_proba(x), model.predict_proba(x)\n")
    out, _, found = transform_text(own, ["tf-api"])
    assert out == own
    assert [(w.line, w.message.split(";")[0]) for w in found] == [(9, ".predict_proba(...): Keras 3 has no predict_proba")]
    keras = "import tensorflow as tf\n\n\ndef scores(model, x):\n    return model.predict_proba(x)\n"
    out, _, found = transform_text(keras, ["tf-api"])
    assert "    return model.predict(x)" in out.splitlines() and not found
