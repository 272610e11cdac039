"""``tf1to2 checkpoint``: a real TF1 checkpoint (a graph, ``Saver``) converted to TF2's
object-based form with a name map and back gives every value back bit for bit (NaN,
float16, int64, names with dots and slashes); the TF2 one loads as the checkpoint guide
loads it; what cannot be converted as asked is refused, naming why, and writes nothing.
One subprocess does the TensorFlow work (the command line never imports it otherwise)."""
from __future__ import annotations

import json
import subprocess
import sys
import textwrap

from tests.subprocess_env import ROOT, keras_env, tf_run

# (in the scripts below) whether a round trip gave back every name, and every value bit for bit
SAME_VALUES = textwrap.dedent('''
    def same_values(first, second):
        import tensorflow as tf
        a, b = tf.train.load_checkpoint(first), tf.train.load_checkpoint(second)
        names = sorted(a.get_variable_to_dtype_map())
        return {"names_back": sorted(b.get_variable_to_dtype_map()) == names,
                "bits_back": all(a.get_tensor(n).dtype == b.get_tensor(n).dtype
                                 and a.get_tensor(n).tobytes() == b.get_tensor(n).tobytes() for n in names)}
''')

SCRIPT = SAME_VALUES + textwrap.dedent('''
    import json, os, sys
    import numpy as np
    import tensorflow as tf
    from tf1to2 import checkpoints as checkpoint

    work = sys.argv[1]
    with tf.Graph().as_default():
        with tf.compat.v1.variable_scope("conv1"):
            tf.compat.v1.get_variable("weights", [3, 3, 2, 4], initializer=tf.compat.v1.random_normal_initializer())
            tf.compat.v1.get_variable("biases", [4], initializer=tf.compat.v1.constant_initializer(np.nan))
        with tf.compat.v1.variable_scope("fc"):
            tf.compat.v1.get_variable("biases", [2], initializer=tf.compat.v1.constant_initializer(0.25))
        tf.compat.v1.get_variable("global_step", [], dtype=tf.int64, initializer=tf.compat.v1.constant_initializer(7))
        tf.compat.v1.get_variable("big", [], dtype=tf.int64, initializer=tf.compat.v1.constant_initializer(2 ** 62 + 1))
        tf.compat.v1.get_variable("half", [2], dtype=tf.float16, initializer=tf.compat.v1.constant_initializer(0.1))
        tf.compat.v1.get_variable("a.b/c", [], initializer=tf.compat.v1.constant_initializer(1.5))
        with tf.compat.v1.Session() as sess:
            sess.run(tf.compat.v1.global_variables_initializer())
            tf.compat.v1.train.Saver().save(sess, f"{work}/tf1/model")
    out = {}
    name_map = {"conv1/weights": "conv1/kernel", "*/biases": "*/bias"}
    out["to_tf2"] = checkpoint.to_tf2(f"{work}/tf1/model", f"{work}/model-tf2", name_map)
    out["inspect_tf1"] = checkpoint.inspect(f"{work}/tf1/model")
    out["inspect_tf2"] = checkpoint.inspect(f"{work}/model-tf2")
    out["to_tf1"] = checkpoint.to_tf1(f"{work}/model-tf2", f"{work}/model-back", name_map)
    out.update(same_values(f"{work}/tf1/model", f"{work}/model-back"))
    a = tf.train.load_checkpoint(f"{work}/tf1/model")
    # loaded as the guide loads it: a dict of the (migrated) names to variables
    model = {new: tf.Variable(tf.zeros_like(a.get_tensor(old))) for old, new in out["to_tf2"]}
    tf.train.Checkpoint(vars=model).restore(f"{work}/model-tf2").assert_consumed()  # as the guide checks it
    out["loaded"] = (model["conv1/kernel"].numpy().tobytes() == a.get_tensor("conv1/weights").tobytes()
                     and bool(np.isnan(model["conv1/bias"].numpy()).all()) and int(model["global_step"].numpy()) == 7)

    def refused(call):
        before = sorted(os.listdir(work))
        try:
            call()
        except checkpoint.CheckpointError as e:
            return str(e), sorted(os.listdir(work)) == before
        return None, False

    out["missing"] = refused(lambda: checkpoint.to_tf2(f"{work}/tf1/model", f"{work}/x", {"conv2/weights": "k"}))
    out["clash"] = refused(lambda: checkpoint.to_tf2(f"{work}/tf1/model", f"{work}/x", {"half": "global_step"}))
    out["twice_tf2"] = refused(lambda: checkpoint.to_tf2(f"{work}/model-tf2", f"{work}/x"))
    module = tf.Module()
    module.w = tf.Variable(1.0)
    tf.train.Checkpoint(model=module).write(f"{work}/objects")
    out["not_vars"] = refused(lambda: checkpoint.to_tf1(f"{work}/objects", f"{work}/x"))
    out["no_folder"] = refused(lambda: checkpoint.to_tf2(f"{work}/tf1/model", f"{work}/none/x"))
    out["not_a_checkpoint"] = refused(lambda: checkpoint.inspect(f"{work}/nothing"))
    print(json.dumps(out))
''')


def test_a_tf1_checkpoint_to_tf2_and_back_bit_for_bit(tmp_path):
    run = tf_run([sys.executable, "-c", SCRIPT, str(tmp_path)], capture_output=True, text=True,
                 env=keras_env(), cwd=ROOT, timeout=600)
    assert run.returncode == 0, run.stderr[-3000:]
    out = json.loads(run.stdout.splitlines()[-1])
    assert sorted(map(tuple, out["to_tf2"])) == [
        ("a.b/c", "a.b/c"), ("big", "big"), ("conv1/biases", "conv1/bias"), ("conv1/weights", "conv1/kernel"),
        ("fc/biases", "fc/bias"), ("global_step", "global_step"), ("half", "half")]
    assert out["inspect_tf1"]["form"] == "name-based"
    assert {(v["name"], v["dtype"], tuple(v["shape"])) for v in out["inspect_tf1"]["variables"]} == {
        ("a.b/c", "float32", ()), ("big", "int64", ()), ("conv1/biases", "float32", (4,)), ("conv1/weights", "float32", (3, 3, 2, 4)),
        ("fc/biases", "float32", (2,)), ("global_step", "int64", ()), ("half", "float16", (2,))}
    tf2 = out["inspect_tf2"]
    assert tf2["form"] == "object-based"
    assert {v["name"]: v.get("variable") for v in tf2["variables"]} == {
        "vars/a..b.Sc/.ATTRIBUTES/VARIABLE_VALUE": "a.b/c", "vars/conv1.Sbias/.ATTRIBUTES/VARIABLE_VALUE": "conv1/bias",
        "vars/conv1.Skernel/.ATTRIBUTES/VARIABLE_VALUE": "conv1/kernel",
        "vars/fc.Sbias/.ATTRIBUTES/VARIABLE_VALUE": "fc/bias",
        "vars/global_step/.ATTRIBUTES/VARIABLE_VALUE": "global_step", "vars/half/.ATTRIBUTES/VARIABLE_VALUE": "half",
        "save_counter/.ATTRIBUTES/VARIABLE_VALUE": "save_counter", "vars/big/.ATTRIBUTES/VARIABLE_VALUE": "big"}
    assert sorted(b for _, b in out["to_tf1"]) == ["a.b/c", "big", "conv1/biases", "conv1/weights", "fc/biases",
                                                   "global_step", "half"]
    assert out["names_back"] and out["bits_back"] and out["loaded"]
    for case, words in (("missing", "does not have: conv2/weights"), ("clash", "two variables one name: global_step"),
                        ("twice_tf2", "already an object-based"), ("not_vars", "not a checkpoint of a vars dict"),
                        ("no_folder", "no folder"), ("not_a_checkpoint", "not a checkpoint TensorFlow can read")):
        message, nothing_written = out[case]
        assert message is not None and words in message and nothing_written, (case, message)


def test_the_command_line_says_what_is_wrong_in_one_line(tmp_path):
    run = tf_run([sys.executable, "-m", "codemod.cli", "checkpoint", "inspect", str(tmp_path / "none")],
                 capture_output=True, text=True, env=keras_env(), cwd=ROOT, timeout=600)
    assert run.returncode == 2
    assert run.stderr.strip().splitlines()[-1].startswith(f"error: {tmp_path / 'none'}: not a checkpoint")
    bad_map = tmp_path / "map.json"
    bad_map.write_text("[1, 2]")
    run = subprocess.run([sys.executable, "-m", "codemod.cli", "checkpoint", "convert", "a", "b", "--to", "tf2",
                          "--name-map", str(bad_map)], capture_output=True, text=True, env=keras_env(), cwd=ROOT)
    assert run.returncode == 2 and "a name map is one JSON object" in run.stderr
    assert "tensorflow" not in run.stderr.lower()  # refused before TensorFlow is imported


MODEL_TF1 = textwrap.dedent('''
    import json, sys
    import numpy as np
    import tensorflow as tf
    work = sys.argv[1]
    x = np.random.default_rng(3).normal(size=(3, 5)).astype(np.float32)
    with tf.Graph().as_default():
        inputs = tf.constant(x)
        with tf.compat.v1.variable_scope("dense"):  # the guide's dense(): what DenseLayer was
            kernel = tf.compat.v1.get_variable("kernel", [5, 4], initializer=tf.compat.v1.random_normal_initializer())
            bias = tf.compat.v1.get_variable("bias", [4], initializer=tf.compat.v1.random_normal_initializer())
            out = tf.compat.v1.nn.bias_add(tf.linalg.matmul(inputs, kernel), bias)
        with tf.compat.v1.Session() as sess:
            sess.run(tf.compat.v1.global_variables_initializer())
            np.save(f"{work}/x.npy", x)
            np.save(f"{work}/tf1.npy", sess.run(out))
            tf.compat.v1.train.Saver().save(sess, f"{work}/tf1/model")
''')
# argv: the work folder, the migrated file, its layer class, the class's settings (JSON)
MODEL_TF2 = textwrap.dedent('''
    import importlib.util, json, sys
    import numpy as np
    import tensorflow as tf
    work, migrated, cls, init = sys.argv[1:5]
    spec = importlib.util.spec_from_file_location("migrated", f"{work}/{migrated}")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    model = getattr(mod, cls)(**json.loads(init))
    x = np.load(f"{work}/x.npy")
    model(tf.zeros(x.shape, dtype=x.dtype))
    tf.train.Checkpoint(model=model).read(f"{work}/converted").assert_consumed()
    print(json.dumps({"diff": float(np.abs(model(x).numpy() - np.load(f"{work}/tf1.npy")).max()),
                      "weights": len(model.weights)}))
''')


def _read_converted(work, migrated: str, cls: str, init: str) -> dict:
    """A fresh process (Keras 3) builds ``cls(**init)`` from ``work/migrated``, reads
    ``work/converted`` into it and compares its output with TF1's (MODEL_TF2)."""
    tf2 = tf_run([sys.executable, "-c", MODEL_TF2, str(work), migrated, cls, init], capture_output=True,
                 text=True, env=keras_env(), timeout=600)
    assert tf2.returncode == 0, tf2.stderr[-2000:]
    return json.loads(tf2.stdout.strip().splitlines()[-1])


def test_a_tf1_checkpoint_into_the_migrated_model_itself(tmp_path):
    """``convert --to model``: the guide's DenseLayer taken to native Keras by native-keras
    (golden/native-keras/guide_dense_layer: add_weight, no decorator), its TF1 checkpoint
    loaded through the run's name map and written as tf.train.Checkpoint(model=...) writes
    it; a fresh process reads it into a new model with no name map, and computes TF1's
    numbers. A wrong model is refused in one line."""
    from tests.golden import cases
    case = next(c for c in cases("native-keras") if c.name == "guide_dense_layer")
    (tmp_path / "migrated.py").write_text(case.after, encoding="utf-8")
    (tmp_path / "name_map.json").write_text(json.dumps(case.name_map), encoding="utf-8")
    env = keras_env()
    tf1 = tf_run([sys.executable, "-c", MODEL_TF1, str(tmp_path)], capture_output=True, text=True, env=env,
                 timeout=600)
    assert tf1.returncode == 0, tf1.stderr[-2000:]

    def convert(*extra, dst="converted"):
        return tf_run([sys.executable, "-m", "codemod.cli", "checkpoint", "convert", str(tmp_path / "tf1/model"),
                               str(tmp_path / dst), "--to", "model", *extra], capture_output=True, text=True,
                      cwd=ROOT, env=env, timeout=600)
    run = convert("--model", f"{tmp_path}/migrated.py:DenseLayer", "--init", '{"units": 4}', "--input-shape", "3,5",
                  "--name-map", str(tmp_path / "name_map.json"))
    assert run.returncode == 0, run.stderr[-2000:]
    assert "2 TF1 variables loaded" in run.stderr
    got = _read_converted(tmp_path, "migrated.py", "DenseLayer", '{"units": 4}')
    assert got["weights"] == 2 and got["diff"] < 1e-5
    # without the name map the model's weights have no TF1 names to load from: refused
    bad = convert("--model", f"{tmp_path}/migrated.py:DenseLayer", "--init", '{"units": 4}', "--input-shape", "3,5",
                  dst="refused")
    said = [line for line in bad.stderr.splitlines() if line.startswith("error: ")]  # (TensorFlow logs at start)
    assert bad.returncode == 2 and len(said) == 1 and "no checkpoint value" in said[0]
    assert not list(tmp_path.glob("refused*")), "a refused conversion writes nothing"
    wrong = convert("--model", f"{tmp_path}/migrated.py:Nothing", "--input-shape", "3,5")
    assert wrong.returncode == 2 and "has no Nothing" in wrong.stderr


NESTED_MODEL = '''import tensorflow as tf


def classifier(images, num_classes=3):
    with tf.variable_scope("classifier"):
        net = tf.layers.conv2d(images, 4, 3, activation=tf.nn.relu, name="conv")
        net = tf.layers.flatten(net)
        head = tf.keras.Sequential([tf.keras.layers.Dense(8, activation="relu", name="fc1"),
                                    tf.keras.layers.Dense(num_classes, name="logits")], name="head")
        return head(net)
'''

NESTED_TF1 = textwrap.dedent('''
    import sys
    import numpy as np
    import tensorflow as tf
    work = sys.argv[1]
    src = open(f"{work}/original.py").read()
    ns = {}
    exec(src.replace("tf.variable_scope", "tf.compat.v1.variable_scope").replace("tf.layers.", "tf.compat.v1.layers."), ns)
    x = np.random.default_rng(0).normal(size=(2, 6, 6, 1)).astype(np.float32)
    with tf.Graph().as_default():
        y = ns["classifier"](tf.constant(x))
        with tf.compat.v1.Session() as sess:
            sess.run(tf.compat.v1.global_variables_initializer())
            tf.compat.v1.train.Saver().save(sess, f"{work}/tf1/model")
            np.save(f"{work}/tf1.npy", sess.run(y))
    np.save(f"{work}/x.npy", x)
''')


def _saved_and_migrated(work, source: str, tf1_script: str) -> dict:
    """``source`` as original.py, built and saved by ``tf1_script`` in a TF1 graph (tf-keras,
    as TF1's tf.keras), and as model.py, migrated by ``tf1to2 migrate --write`` with every
    rule and the name map (name_map.json); the Keras 3 environment to go on in."""
    (work / "original.py").write_text(source, encoding="utf-8")
    (work / "model.py").write_text(source, encoding="utf-8")
    tf1 = tf_run([sys.executable, "-c", tf1_script, str(work)], capture_output=True, text=True,
                 env=keras_env(True), timeout=600)
    assert tf1.returncode == 0, tf1.stderr[-2000:]
    env = keras_env()
    run = subprocess.run([sys.executable, "-m", "codemod.cli", "migrate", "--write", "--name-map",
                          str(work / "name_map.json"), str(work / "model.py")],
                         capture_output=True, text=True, cwd=ROOT, env=env, timeout=600)
    assert run.returncode == 1, run.stderr[-2000:]
    return env


def _converted_classifier(work, env, input_shape: str, loaded: int) -> dict:
    """``checkpoint convert --to model`` of work/tf1/model into work/model.py's Classifier
    (built on float inputs of ``input_shape``) through the run's name map: it must say it
    loaded ``loaded`` TF1 variables; then _read_converted's comparison with TF1's output."""
    convert = tf_run([sys.executable, "-m", "codemod.cli", "checkpoint", "convert", str(work / "tf1/model"),
                              str(work / "converted"), "--to", "model", "--model", f"{work}/model.py:Classifier",
                              "--input-shape", input_shape, "--name-map", str(work / "name_map.json")],
                     capture_output=True, text=True, cwd=ROOT, env=env, timeout=600)
    assert convert.returncode == 0, convert.stderr[-2000:]
    assert f"{loaded} TF1 variables loaded" in convert.stderr
    return _read_converted(work, "model.py", "Classifier", "{}")


def test_a_whole_run_then_convert_loads_a_model_with_a_nested_keras_model(tmp_path):
    """What a user does: a TF1 model function holding a nested tf.keras.Sequential (named
    layers), its TF1 checkpoint saved from a TF1 graph (tf-keras, as TF1's tf.keras);
    ``tf1to2 migrate --write --name-map`` alone makes it a native Keras 3 layer (the
    Sequential an attribute made in ``__init__``, its TF1 scope ``classifier/head`` in the
    name map); ``checkpoint convert --to model`` loads all six TF1 variables (the
    Sequential's four by the Keras names they kept below it) and a fresh process reads
    the result and computes TF1's logits."""
    env = _saved_and_migrated(tmp_path, NESTED_MODEL, NESTED_TF1)
    migrated = (tmp_path / "model.py").read_text(encoding="utf-8")
    # the guide's last step: the Sequential made in __init__, no decorator left
    assert "class Classifier(tf.keras.layers.Layer)" in migrated and "self.head = tf.keras.Sequential(" in migrated
    assert "get_or_create_layer" not in migrated and "track_tf1_style_variables" not in migrated
    assert json.loads((tmp_path / "name_map.json").read_text())["classifier/head"] == "Classifier/head"
    got = _converted_classifier(tmp_path, env, "1,6,6,1", 6)
    assert got["weights"] == 6 and got["diff"] < 1e-5
    # the same name map, without the model: --to tf2 names the Sequential's weights below
    # its attribute (Classifier/head/fc1/kernel), and --to tf1 gives every TF1 name and
    # value back, bit for bit
    round_trip = tf_run([sys.executable, "-c", ROUND_TRIP, str(tmp_path)], capture_output=True, text=True,
                        env=env, cwd=ROOT, timeout=600)
    assert round_trip.returncode == 0, round_trip.stderr[-2000:]
    out = json.loads(round_trip.stdout.strip().splitlines()[-1])
    assert sorted(new for _, new in out["to_tf2"]) == [
        "Classifier/conv/bias", "Classifier/conv/kernel", "Classifier/head/fc1/bias", "Classifier/head/fc1/kernel",
        "Classifier/head/logits/bias", "Classifier/head/logits/kernel"]
    assert out["names_back"] and out["bits_back"]


LSTM_MODEL = '''import tensorflow as tf


def classifier(tokens, vocab_size=20, embed=8, hidden=6, classes=3):
    with tf.variable_scope("classifier"):
        table = tf.get_variable("embedding", [vocab_size, embed])
        x = tf.nn.embedding_lookup(table, tokens)
        cells = [tf.nn.rnn_cell.LSTMCell(hidden), tf.nn.rnn_cell.GRUCell(hidden)]
        outputs, state = tf.nn.dynamic_rnn(tf.nn.rnn_cell.MultiRNNCell(cells), x, dtype=tf.float32)
        return tf.layers.dense(outputs[:, -1], classes, name="logits")
'''

def _classifier_tf1(folder: str, module: str, inputs: str) -> str:
    """A script building ``module.classifier`` (imported from ``work/folder``, TF1's API as
    ``tensorflow``) on ``inputs`` in a TF1 graph, saving its checkpoint (work/tf1/model),
    its output (tf1.npy) and its input (x.npy)."""
    return textwrap.dedent(f'''
        import sys
        import numpy as np
        import tensorflow.compat.v1 as v1
        v1.disable_v2_behavior()
        sys.modules["tensorflow"] = v1  # the TF1 API the original was written against
        work = sys.argv[1]
        sys.path.insert(0, f"{{work}}/{folder}")
        import {module}
        x = {inputs}
        with v1.Graph().as_default():
            y = {module}.classifier(v1.constant(x))
            with v1.Session() as sess:
                sess.run(v1.global_variables_initializer())
                v1.train.Saver().save(sess, f"{{work}}/tf1/model")
                np.save(f"{{work}}/tf1.npy", sess.run(y))
        np.save(f"{{work}}/x.npy", x)
    ''')


LSTM_TF1 = _classifier_tf1("", "original", "np.random.default_rng(0).integers(0, 20, size=(2, 7)).astype(np.int32)")


def test_a_tf1_lstm_classifiers_checkpoint_loads_into_its_keras3_migration(tmp_path):
    """A TF1 text classifier (an embedding through get_variable, an LSTM and a GRU cell
    stacked by MultiRNNCell and run by dynamic_rnn, a dense head), its checkpoint saved from
    a TF1 graph (tf-keras: TF 2.21 has TF1's cells only there); ``migrate --write`` alone
    makes it a Keras layer on tf1to2.rnn_cell, which runs under Keras 3; ``checkpoint
    convert --to model`` builds it on token ids (``--input-shape 2,7:int32``) and loads all
    nine TF1 variables; a fresh process reads the result and computes TF1's logits."""
    env = _saved_and_migrated(tmp_path, LSTM_MODEL, LSTM_TF1)
    migrated = (tmp_path / "model.py").read_text(encoding="utf-8")
    assert "tf1to2.rnn_cell.LSTMCell(self.hidden)" in migrated and "tf.nn.rnn_cell" not in migrated

    def convert(*shape):
        return tf_run([sys.executable, "-m", "codemod.cli", "checkpoint", "convert",
                               str(tmp_path / "tf1/model"), str(tmp_path / "converted"), "--to", "model", "--model",
                               f"{tmp_path}/model.py:Classifier", *shape,
                               "--name-map", str(tmp_path / "name_map.json")],
                      capture_output=True, text=True, cwd=ROOT, env=env, timeout=600)
    floats = convert("--input-shape", "2,7")  # ids as floats: the model cannot be built, and says so
    said = [line for line in floats.stderr.splitlines() if line.startswith("error: ")]
    assert floats.returncode == 2 and len(said) == 1 and "building it" in said[0]
    unknown = convert("--input-shape", "2,7:int")
    assert unknown.returncode == 2 and "the dtype is one of" in unknown.stderr
    run = convert("--input-shape", "2,7:int32")
    assert run.returncode == 0, run.stderr[-2000:]
    assert "9 TF1 variables loaded" in run.stderr
    got = _read_converted(tmp_path, "model.py", "Classifier", "{}")
    assert got["weights"] == 9 and got["diff"] < 1e-5


ROUND_TRIP = SAME_VALUES + textwrap.dedent('''
    import json, os, sys
    from tf1to2 import checkpoints as checkpoint
    work = sys.argv[1]
    os.makedirs(f"{work}/tf2"), os.makedirs(f"{work}/back")
    name_map = json.load(open(f"{work}/name_map.json"))
    out = {"to_tf2": checkpoint.to_tf2(f"{work}/tf1/model", f"{work}/tf2/model", name_map)}
    checkpoint.to_tf1(f"{work}/tf2/model", f"{work}/back/model", name_map)
    out.update(same_values(f"{work}/tf1/model", f"{work}/back/model"))
    print(json.dumps(out))
''')


UNNAMED_MODEL = NESTED_MODEL.replace(', name="fc1"', "").replace(', name="logits"', "").replace(', name="head"', "") + '''

def towers(x):
    with tf.variable_scope("towers"):
        y = tf.keras.layers.Dense(3)(x)
        return tf.layers.dense(tf.keras.layers.Dense(2)(y) + tf.keras.layers.Dense(2)(x), 1, name="out")
'''

# TF1 builds other Keras layers first: the classifier's Sequential and Dense layers are
# numbered on from them (classifier/sequential_1/dense_3/kernel, towers/dense_5/kernel)
UNNAMED_TF1 = NESTED_TF1.replace('''    y = ns["classifier"](tf.constant(x))
''', '''    other = tf.keras.Sequential([tf.keras.layers.Dense(2) for _ in range(3)])
    other(tf.zeros([1, 3]))
    y = ns["classifier"](tf.constant(x))
    z = ns["towers"](tf.constant(x[:, 0, :, 0]))
''').replace('''        np.save(f"{work}/tf1.npy", sess.run(y))
''', '''        np.save(f"{work}/tf1.npy", sess.run(y))
        np.save(f"{work}/towers.npy", sess.run(z))
''')
assert "other" in UNNAMED_TF1 and "towers.npy" in UNNAMED_TF1

UNNAMED_TF2 = textwrap.dedent('''
    import json, sys
    import numpy as np
    import tensorflow as tf
    import tf1to2
    work = sys.argv[1]
    sys.path.insert(0, work)
    from model import Classifier
    name_map = json.load(open(f"{work}/name_map.json"))
    x = np.load(f"{work}/x.npy")
    out = {"names": sorted(tf.train.load_checkpoint(f"{work}/tf1/model").get_variable_to_shape_map())}
    # this process numbers its Dense layers on from seven others (dense_7, dense_8)
    others = [tf.keras.layers.Dense(1) for _ in range(7)]
    model = Classifier()
    model(x)
    out["keras"] = sorted(w.path for w in model.weights)
    out["loaded"] = tf1to2.load_tf1_checkpoint(model, f"{work}/tf1/model", name_map)
    out["diff"] = float(np.abs(model(x).numpy() - np.load(f"{work}/tf1.npy")).max())
    # the model as the wrap-in-layer stage left it: the Sequential made by
    # get_or_create_layer in the decorated call, no name map needed
    from decorated import Classifier as Decorated
    decorated = Decorated()
    decorated(x)
    out["decorated_loaded"] = tf1to2.load_tf1_checkpoint(decorated, f"{work}/tf1/model")
    out["decorated_diff"] = float(np.abs(decorated(x).numpy() - np.load(f"{work}/tf1.npy")).max())
    # Dense layers made beside one another in a scope (towers/dense_5 ... dense_7 in TF1)
    from model import Towers
    from decorated import Towers as DecoratedTowers
    out["towers"] = []
    for towers, names in ((Towers(), name_map), (DecoratedTowers(), None)):
        towers(x[:, 0, :, 0])
        loaded = tf1to2.load_tf1_checkpoint(towers, f"{work}/tf1/model", names)
        out["towers"].append((loaded, float(np.abs(towers(x[:, 0, :, 0]).numpy() - np.load(f"{work}/towers.npy")).max())))
    # two Sequentials beside the name map's: which one is the model's is not known, and
    # loading says so instead of picking one
    with tf.Graph().as_default():
        for name in out["names"]:
            shape = tf.train.load_variable(f"{work}/tf1/model", name).shape
            for copy in sorted({name.replace("sequential_1", f"sequential_{n}") for n in (1, 2)}):
                tf.compat.v1.get_variable(copy, shape)
        with tf.compat.v1.Session() as sess:
            sess.run(tf.compat.v1.global_variables_initializer())
            tf.compat.v1.train.Saver().save(sess, f"{work}/two/model")
    try:
        tf1to2.load_tf1_checkpoint(model, f"{work}/two/model", name_map)
        out["two"] = None
    except KeyError as e:
        out["two"] = str(e)
    print(json.dumps(out))
''')


def test_a_nested_keras_model_without_names_loads_whatever_both_sides_numbered_it(tmp_path):
    """The same model with no name= anywhere in its Sequential: TF1 numbered the
    Sequential and its Dense layers across its whole graph (here after three other Dense
    layers: classifier/sequential_1/dense_3), Keras 3 numbers them across its process
    (here after seven: dense_7, dense_8). The same code makes them on both sides, so the
    k-th made there is the k-th made here: the name map's ``classifier/sequential`` and
    the Keras names below it find the checkpoint's, and the migrated model computes
    TF1's logits. Where two Sequentials could be it, loading refuses, naming what it
    could not find. The same holds for Dense layers made beside one another in a
    variable scope (towers/dense_5 to dense_7), and for the models as wrap-in-layer
    leaves them, made by get_or_create_layer in their decorated calls, with no name map."""
    (tmp_path / "decorated.py").write_text(UNNAMED_MODEL, encoding="utf-8")
    env = _saved_and_migrated(tmp_path, UNNAMED_MODEL, UNNAMED_TF1)
    assert "self.head = tf.keras.Sequential(" in (tmp_path / "model.py").read_text(encoding="utf-8")
    run = subprocess.run([sys.executable, "-m", "codemod.cli", "migrate", "--write", "--select",
                          "tf-api,v1-layers-shim,wrap-in-layer", str(tmp_path / "decorated.py")],
                         capture_output=True, text=True, cwd=ROOT, env=env, timeout=600)
    assert run.returncode == 1, run.stderr[-2000:]
    assert 'get_or_create_layer("head", lambda: tf.keras.Sequential(' in (tmp_path / "decorated.py").read_text()
    assert json.loads((tmp_path / "name_map.json").read_text())["classifier/sequential"] == "Classifier/head"
    tf2 = tf_run([sys.executable, "-c", UNNAMED_TF2, str(tmp_path)], capture_output=True, text=True,
                 env=env, cwd=ROOT, timeout=600)
    assert tf2.returncode == 0, tf2.stderr[-2000:]
    out = json.loads(tf2.stdout.strip().splitlines()[-1])
    head = [n for n in out["names"] if n.startswith("classifier/sequential")]
    assert head == ["classifier/sequential_1/dense_3/bias", "classifier/sequential_1/dense_3/kernel",
                    "classifier/sequential_1/dense_4/bias", "classifier/sequential_1/dense_4/kernel"]
    assert "sequential/dense_7/kernel" in " ".join(out["keras"]) and "dense_8" in " ".join(out["keras"])
    assert sorted(out["loaded"]) == sorted(["classifier/conv/bias", "classifier/conv/kernel", *head])
    assert out["diff"] < 1e-5
    assert sorted(out["decorated_loaded"]) == sorted(out["loaded"]) and out["decorated_diff"] < 1e-5
    towers = ["towers/dense_5/bias", "towers/dense_5/kernel", "towers/dense_6/bias", "towers/dense_6/kernel",
              "towers/dense_7/bias", "towers/dense_7/kernel", "towers/out/bias", "towers/out/kernel"]
    assert [n for n in out["names"] if n.startswith("towers/")] == towers
    assert out["towers"] == [[towers, 0.0], [towers, 0.0]]
    assert out["two"] and "missing classifier/sequential/dense_7/bias" in out["two"]


HELPERS = '''import tensorflow as tf


def shape_list(x):
    """Static dimensions where they are known, dynamic ones where not (tensor2tensor's)."""
    x = tf.convert_to_tensor(x)
    static = x.get_shape().as_list()
    shape = tf.shape(x)
    return [shape[i] if dim is None else dim for i, dim in enumerate(static)]


def flatten_last(x):
    dims = shape_list(x)
    return tf.reshape(x, dims[:-2] + [dims[-2] * dims[-1]])


def scaled(x, name):
    scale = tf.get_variable(name, [], initializer=tf.ones_initializer())
    return x * scale
'''

HELPED_MODEL = '''import tensorflow as tf

import shapes
from shapes import shape_list as dims


def classifier(x, classes=3):
    with tf.variable_scope("classifier"):
        h = shapes.flatten_last(x)
        w = tf.get_variable("w", [6, 4])
        h = tf.nn.relu(tf.matmul(h, w)) * tf.cast(dims(x)[1], tf.float32)
        return tf.layers.dense(h, classes, name="logits")


def scaled_classifier(x):
    with tf.variable_scope("scaled"):
        w = tf.get_variable("w", [6, 2])
        return shapes.scaled(tf.matmul(shapes.flatten_last(x), w), "s")
'''

HELPED_TF1 = _classifier_tf1("original", "model",
                             "np.random.default_rng(0).uniform(-1, 1, size=(2, 2, 3)).astype(np.float32)")


def test_a_layer_calling_tf1_free_functions_of_another_module_goes_native_and_loads_its_checkpoint(tmp_path):
    """A model function calling helpers of another module of the project (``shapes``,
    through a module alias and a renamed from-import: tensor2tensor's ``shape_list`` and a
    reshape built on it) that create no variables: ``migrate --write`` over the folder
    reads that module (``rules.pure_functions``), so native-keras drops the decorator
    (``add_weight``, the Dense an attribute); the TF1 checkpoint, saved from a TF1 graph,
    loads through the run's name map into the native Keras 3 layer, which computes TF1's
    logits. A function calling a helper that makes a variable keeps the decorator and
    says which helper."""
    original, pkg = tmp_path / "original", tmp_path / "pkg"
    for folder in (original, pkg):
        folder.mkdir()
        (folder / "shapes.py").write_text(HELPERS, encoding="utf-8")
        (folder / "model.py").write_text(HELPED_MODEL, encoding="utf-8")
    tf1 = tf_run([sys.executable, "-c", HELPED_TF1, str(tmp_path)], capture_output=True, text=True,
                 env=keras_env(True), timeout=600)
    assert tf1.returncode == 0, tf1.stderr[-2000:]
    env = keras_env(False, pkg)
    run = subprocess.run([sys.executable, "-m", "codemod.cli", "migrate", "--write", "--name-map",
                          str(tmp_path / "name_map.json"), str(pkg)],
                         capture_output=True, text=True, cwd=ROOT, env=env, timeout=600)
    assert run.returncode == 1, run.stderr[-2000:]
    migrated = (pkg / "model.py").read_text(encoding="utf-8")
    native, kept = migrated.split("class ScaledClassifier")
    assert "class Classifier(tf.keras.layers.Layer)" in native and "self.add_weight(" in native
    assert "track_tf1_style_variables" not in native.split("class Classifier")[1]
    assert "@track_tf1_style_variables" in kept
    assert "ScaledClassifier.call keeps track_tf1_style_variables: it calls shapes.scaled() (imported from " \
           "shapes), which tf1to2 does not follow" in run.stderr
    convert = tf_run([sys.executable, "-m", "codemod.cli", "checkpoint", "convert", str(tmp_path / "tf1/model"),
                              str(tmp_path / "converted"), "--to", "model", "--model", f"{pkg}/model.py:Classifier",
                              "--input-shape", "2,2,3", "--name-map", str(tmp_path / "name_map.json")],
                     capture_output=True, text=True, cwd=ROOT, env=env, timeout=600)
    assert convert.returncode == 0, convert.stderr[-2000:]
    assert "3 TF1 variables loaded" in convert.stderr
    tf2 = tf_run([sys.executable, "-c", MODEL_TF2, str(tmp_path), "pkg/model.py", "Classifier", "{}"],
                 capture_output=True, text=True, env=env, timeout=600)
    assert tf2.returncode == 0, tf2.stderr[-2000:]
    got = json.loads(tf2.stdout.strip().splitlines()[-1])
    assert got["weights"] == 3 and got["diff"] < 1e-5, got


TEMPLATE_MODEL = '''import tensorflow as tf


def project(inputs, units):
    return tf.layers.dense(inputs, units, activation=tf.nn.tanh, name="dense")


def gain(x, name_of_gain):
    g = tf.get_variable(name_of_gain, shape=[x.shape[-1]], initializer=tf.random_normal_initializer())
    return x * g


proj = tf.make_template("proj", project, units=4)
scale = tf.make_template("gain", gain, name_of_gain="g")


def classifier(x):
    with tf.variable_scope("classifier"):
        return tf.layers.dense(scale(scale(proj(x))), 3, name="logits")
'''

TEMPLATE_TF1 = _classifier_tf1("", "original", "np.random.default_rng(0).standard_normal((2, 5)).astype(np.float32)")


def test_a_make_template_classifier_moves_into_its_layer_and_loads_its_tf1_checkpoint(tmp_path):
    """The model-mapping guide's make_template step as a user meets it: a TF1 classifier
    calling two module-level templates (one of v1 layers, one of get_variable, called
    twice: its variables shared), its checkpoint saved from a TF1 graph; ``migrate
    --write`` alone moves both templates into the classifier's layer ``__init__``, which
    runs under Keras 3; ``checkpoint convert --to model`` loads the five TF1 variables
    (the templates' under their TF1 names, classifier/proj/dense/kernel, classifier/gain/g)
    and a fresh process reads the result and computes TF1's logits."""
    env = _saved_and_migrated(tmp_path, TEMPLATE_MODEL, TEMPLATE_TF1)
    migrated = (tmp_path / "model.py").read_text(encoding="utf-8")
    assert 'self.proj = tf.compat.v1.make_template("proj", project, units=4)' in migrated
    assert "\nproj = " not in migrated and "self.scale(self.scale(self.proj(x)))" in migrated
    got = _converted_classifier(tmp_path, env, "2,5", 5)
    assert got["weights"] == 5 and got["diff"] < 1e-5
