"""Models from real TF1 packages (fetched from PyPI at test time), original against the
tree ``tf1to2 migrate --write`` made of them. Invoked by tests/test_real_packages.py in
subprocesses, several cases of one side each:

    real_models.py tf1 JOBS.json   # [[case, tree, workdir], ...]: the originals, TF1 graphs → workdir/tf1.npz
    real_models.py tf2 JOBS.json   # the migrated trees, TF2 eager → workdir/tf2.npz

Each side seeds every variable by its TF1 name itself (``_value``), so the two sides run
at once; the caller compares them.

The TF1 side runs the package's own source as TF1 ran it: ``import tensorflow`` gives the
v1 API with TF2 behaviour disabled (what the migration overview says unmodified TF1 code
needs), and ``tensorflow.contrib.layers`` / ``slim`` / ``framework`` are tf_slim (what
they became). Package ``__init__`` files are not run there (they import the whole
package, contrib parts included): the modules a case needs are loaded under bare
packages. Its variables get seeded values by name and are saved with the outputs.

The TF2 side imports the migrated package normally, under plain TensorFlow 2.21 (Keras 3,
always), runs the case
in eager mode inside a layer whose call is decorated with
``tf1to2.track_tf1_style_variables``, gives every variable the TF1 side's value by its
TF1 name, and writes its outputs. Optimizer cases train a few steps on both sides and
write the variables after each.
"""
from __future__ import annotations

import json
import sys
import types
import zlib
from pathlib import Path

import numpy as np

# case → (modules it reads, builder name, input shape, kind)
CASES = {
    "stable_baselines-nature_cnn": (["stable_baselines.common.tf_layers", "stable_baselines.common.policies"],
                                    "nature_cnn", (2, 84, 84, 4), "model"),
    "stable_baselines-mlp_extractor": (["stable_baselines.common.tf_layers", "stable_baselines.common.policies"],
                                       "mlp_extractor", (3, 8), "model"),
    "stable_baselines-lstm": (["stable_baselines.common.tf_layers"], "lstm", (4, 6), "model"),
    "tflearn-conv_fc": (["tflearn.collections", "tflearn.layers.conv", "tflearn.layers.core"], "tflearn_net",
                        (2, 8, 8, 3), "model"),
    "tensor2tensor-norms": (["tensor2tensor.layers.common_layers"], "t2t_norms", (2, 4, 4, 8), "model"),
    "stable_baselines-ddpg_actor": (["stable_baselines.common.tf_layers", "stable_baselines.common.policies",
                                     "stable_baselines.ddpg.policies"], "ddpg_actor", (3, 7), "model"),
    "tflearn-adam": (["tflearn.optimizers"], "tflearn_adam", (16, 4), "optimizer"),
    "tensor2tensor-video_lstm": (["tensor2tensor.layers.common_layers", "tensor2tensor.layers.common_video"],
                                 "t2t_video_lstm", (3, 7), "model"),
    "stable_baselines-distributions": (["stable_baselines.common.tf_layers", "stable_baselines.common.distributions"],
                                       "sb_distributions", (3, 6), "model"),
    "tflearn-rnn": (["tflearn.collections", "tflearn.layers.recurrent"], "tflearn_rnn", (3, 5, 4), "model"),
    "tensor2tensor-attention": (["tensor2tensor.layers.common_layers", "tensor2tensor.layers.common_attention"],
                                "t2t_attention", (2, 5, 8), "model"),
    "tensor2tensor-encoder": (["tensor2tensor.layers.common_layers", "tensor2tensor.layers.common_hparams",
                               "tensor2tensor.layers.transformer_layers"], "t2t_encoder", (2, 5, 8), "model"),
    "tensor2tensor-layers": (["tensor2tensor.layers.common_layers"], "t2t_layers", (2, 6, 8), "model"),
    "tensorpack-convnet": (["tensorpack.models.conv2d", "tensorpack.models.fc", "tensorpack.models.pool"],
                           "tp_convnet", (2, 8, 8, 3), "model"),
}
# Cases whose migrated code computes TF1's numbers once a line the run warned of is
# changed as the warning says (what ``--unsafe-fixes`` does): case → (file, the line's
# text, what the warning says to make it). tensor2tensor's common_layers.layers() picks tf.keras.layers when
# tensorflow.python.tf2.enabled(), which TF 2 makes true: Keras layers built at each call
# of dense(), new weights each call in eager code; its TF1 side (tf.layers, which the run
# made tf1to2.layers) is what TF1 ran.
WARNED = {
    case: ("tensor2tensor/layers/common_layers.py", "    if tf2.enabled():", "    if False:")
    for case in ("tensor2tensor-attention", "tensor2tensor-encoder", "tensor2tensor-layers")
}
# tflearn 0.5's own ``__init__`` calls ``tf.disable_v2_behavior()`` (it is a TF1 library
# ported to tf.compat.v1 that way): importing the package turns eager mode off for the
# whole process, so its modules are loaded under bare packages on the TF2 side too.
# stable-baselines' ``ddpg/__init__`` imports mpi4py (an MPI runtime this machine lacks).
BARE_ON_TF2 = ("tflearn-conv_fc", "tflearn-adam", "tflearn-rnn", "stable_baselines-ddpg_actor")
# Cases whose original uses tf.layers, which TF 2.21 has only with tf-keras: their TF1
# reference runs with TF_USE_LEGACY_KERAS=1. (The migrated side never needs it: the
# v1-layers-shim stage moves such calls to tf1to2.layers, which run on Keras 3.)
TF1_NEEDS_TF_KERAS = ("stable_baselines-ddpg_actor", "tensor2tensor-video_lstm", "tensor2tensor-attention",
                      "tensor2tensor-encoder", "tensor2tensor-layers", "tensorpack-convnet")
STEPS = 4


def _inputs(shape) -> np.ndarray:
    return np.random.default_rng(3).uniform(-1, 1, size=shape).astype(np.float32)


def _value(name: str, shape) -> np.ndarray:
    rng = np.random.default_rng(zlib.crc32(name.encode()))
    return rng.uniform(-0.3, 0.3, size=shape).astype(np.float32)


# ---------------------------------------------------------------- the cases, both sides
def build(name: str, mods: dict, tf, x):
    """The case's forward pass: the package's own functions on ``x`` (one tensor out)."""
    if name == "nature_cnn":
        return mods["stable_baselines.common.policies"].nature_cnn(x)
    if name == "mlp_extractor":
        pi, vf = mods["stable_baselines.common.policies"].mlp_extractor(x, [16, dict(vf=[8], pi=[5])], tf.tanh)
        return tf.concat([pi, tf.reduce_sum(vf, axis=1, keepdims=True)], axis=1)
    if name == "lstm":
        layers = mods["stable_baselines.common.tf_layers"]
        # two time steps of a batch of 2 envs, as stable-baselines' recurrent policies call it
        xs = [x[:2], x[2:]]
        masks = [tf.zeros([2, 1]), tf.ones([2, 1])]
        state = tf.zeros([2, 2 * 5])
        out, _ = layers.lstm(xs, masks, state, "lstm1", n_hidden=5, layer_norm=False)
        return tf.concat(out, axis=0)
    if name == "tflearn_net":
        conv, core = mods["tflearn.layers.conv"], mods["tflearn.layers.core"]
        net = conv.conv_2d(x, 4, 3, activation="relu", scope="conv")
        net = conv.max_pool_2d(net, 2)
        return core.fully_connected(net, 5, activation="tanh", scope="fc")
    if name == "sb_distributions":
        # stable-baselines' action distributions made from a policy's latent vectors:
        # methods of its distribution-type objects making get_variable weights (linear
        # layers and a log-std) and computing from them
        dist = mods["stable_baselines.common.distributions"]
        pd, mean, q = dist.DiagGaussianProbabilityDistributionType(3).proba_distribution_from_latent(x, x * 2.0)
        with tf.variable_scope("cat") if hasattr(tf, "variable_scope") else tf.compat.v1.variable_scope("cat"):
            cat, logits, q2 = dist.CategoricalProbabilityDistributionType(4).proba_distribution_from_latent(
                x, x, init_scale=0.5)
        return tf.concat([mean, q, pd.mode(), pd.neglogp(mean * 0.5)[:, None], q2, cat.entropy()[:, None],
                          cat.neglogp(tf.constant([0, 2, 3]))[:, None], logits], axis=1)
    if name == "tflearn_rnn":
        # tflearn's own cells (subclasses of TF1's RNNCell from TensorFlow's in-tree
        # rnn_cell_impl, their variables through tflearn.variables) run by static_rnn
        rec = mods["tflearn.layers.recurrent"]
        seq = rec.lstm(x, 6, return_seq=True, scope="lstm")
        last, state = rec.gru(seq, 4, return_state=True, scope="gru")
        return tf.concat([last, state, rec.simple_rnn(seq, 3, scope="simple")], axis=1)
    if name == "t2t_norms":
        # tensor2tensor's own get_variable layers (its dense/conv switch to Keras layers
        # built per call when TF2 behaviour is on: tensor2tensor's choice, not a migration)
        cl = mods["tensor2tensor.layers.common_layers"]
        y = cl.layer_norm(x, name="ln")
        with tf.variable_scope("gn") if hasattr(tf, "variable_scope") else tf.compat.v1.variable_scope("gn"):
            y = cl.group_norm(tf.nn.relu(y), num_groups=2)
        return cl.apply_norm(y, "layer", depth=8, epsilon=1e-6)
    if name == "t2t_video_lstm":
        # tensor2tensor's per-step LSTMs (tf.nn.rnn_cell, which the migration makes
        # tf1to2.rnn_cell's): peepholes, a projection, the state as one tensor; a basic
        # LSTM run for two steps, sharing its variables through AUTO_REUSE
        cv = mods["tensor2tensor.layers.common_video"]
        out1, _ = cv.lstm_cell(x, None, 6, use_peepholes=True, num_proj=4, cell_clip=2.0, name="lstm")
        out2, state = cv.basic_lstm(out1, None, 5, name="basic")
        out3, state = cv.basic_lstm(out1 * 2.0, state, 5, name="basic")
        return tf.concat([out1, out2, out3, state.c], axis=1)
    if name == "t2t_attention":
        # tensor2tensor's Transformer attention: self-attention, then attention over the
        # input as memory, each with its q/k/v/output dense layers (common_layers.dense)
        ca = mods["tensor2tensor.layers.common_attention"]
        y = ca.multihead_attention(x, None, None, 8, 8, 8, 2, 0.0, name="self_attention")
        return ca.multihead_attention(y, x, None, 8, 8, 8, 2, 0.0, name="encdec_attention")
    if name == "t2t_encoder":
        # tensor2tensor's Transformer encoder, two layers (layer norm, self-attention,
        # dropout-add, layer norm, the dense-relu-dense feed-forward), on its own hparams
        hp = mods["tensor2tensor.layers.common_hparams"].basic_params1()
        hp.hidden_size, hp.filter_size, hp.num_hidden_layers = 8, 16, 2
        hp.layer_prepostprocess_dropout = 0.0
        hp.layer_preprocess_sequence, hp.layer_postprocess_sequence = "n", "da"
        for key, value in dict(num_heads=2, attention_key_channels=0, attention_value_channels=0,
                               attention_dropout=0.0, relu_dropout=0.0, ffn_layer="dense_relu_dense",
                               self_attention_type="dot_product", max_relative_position=0,
                               heads_share_relative_embedding=False, add_relative_to_values=False,
                               num_encoder_layers=0, use_pad_remover=False, conv_first_kernel=3).items():
            if key in hp.values():
                hp.set_hparam(key, value)
            else:
                hp.add_hparam(key, value)
        encoder = mods["tensor2tensor.layers.transformer_layers"].transformer_encoder
        return encoder(x, tf.zeros([2, 1, 1, 5]), hp, name="encoder")
    if name == "t2t_layers":
        # tensor2tensor's layer functions around its layers().Dense / Conv1D / Conv2D:
        # an embedding, a convolution, a conv block with layer norm, the dense-relu-dense
        # feed-forward, a gated linear unit
        cl = mods["tensor2tensor.layers.common_layers"]
        ids = tf.cast(tf.abs(x[:, :, 0]) * 10, tf.int32)
        y = cl.conv1d(x, 8, 3, padding="SAME", name="c1")
        y = tf.squeeze(cl.conv_block(tf.expand_dims(y, 2), 8, [((1, 1), (3, 1))], padding="SAME", name="cb"), 2)
        y = cl.dense_relu_dense(y + cl.embedding(ids, 12, 8, name="emb"), 16, 8, name="ffn")
        return tf.reshape(cl.layer_norm(y, name="ln") + cl.gated_linear_unit_layer(y, name="glu"), [2, -1])
    if name == "tp_convnet":
        # tensorpack's own layers (its layer_register, argscope, and tf.layers objects made
        # with _reuse= and applied with scope= under rename_get_variable: conv0/W, fc0/b),
        # in modules that import TensorFlow through tensorpack.compat (``tfv1 as tf``)
        conv2d, pool = mods["tensorpack.models.conv2d"].Conv2D, mods["tensorpack.models.pool"].MaxPooling
        net = conv2d("conv0", x, 4, 3, activation=tf.nn.relu)
        net = conv2d("conv1", pool("pool0", net, 2), 6, 3, strides=2, use_bias=False)
        return mods["tensorpack.models.fc"].FullyConnected("fc0", net, 5, activation=tf.tanh)
    if name == "ddpg_actor":
        # stable-baselines' DDPG actor: tf.layers.dense (v1 layers) and contrib's
        # layer_norm, called as the policy calls it (its attributes stood in for)
        policies = mods["stable_baselines.ddpg.policies"]
        me = types.SimpleNamespace(feature_extraction="mlp", layers=[16, 8], layer_norm=True, activ=tf.nn.relu,
                                   ac_space=types.SimpleNamespace(shape=(3,)))
        return policies.FeedForwardPolicy.make_actor(me, obs=x, scope="pi")
    raise KeyError(name)


def _optimizer(mods: dict):
    opt = mods["tflearn.optimizers"].Adam(learning_rate=0.05, beta1=0.8)
    opt.build()
    return opt.get_tensor()


def _loss(tf, w, b, x):
    target = tf.reduce_sum(x * np.arange(1, 5, dtype=np.float32), axis=1, keepdims=True)
    return tf.reduce_mean(tf.square(tf.matmul(x, w) + b - target))


# ----------------------------------------------------------------------------- loading
def _bare_packages(tree: Path, modules) -> None:
    """Parent packages of ``modules`` as empty modules with their folders as paths, so the
    modules load without running the packages' ``__init__`` files."""
    for module in modules:
        parts = module.split(".")
        for i in range(1, len(parts)):
            name = ".".join(parts[:i])
            if name not in sys.modules:
                pkg = types.ModuleType(name)
                pkg.__path__ = [str(tree.joinpath(*parts[:i]))]
                sys.modules[name] = pkg


def _tf1_environment():
    import tensorflow.compat.v1 as v1
    import tf_slim

    v1.disable_v2_behavior()
    from tensorflow.python.util import nest

    # TF1's name for it (tflearn's recurrent layers import it; TF renamed it since)
    nest.is_sequence = nest.is_nested
    contrib = types.ModuleType("tensorflow.contrib")
    contrib.layers = contrib.slim = tf_slim
    # TF1's contrib.framework: tf-slim's names, and the ones of TensorFlow's own it held
    framework = types.ModuleType("tensorflow.contrib.framework")
    framework.__getattr__ = lambda name: getattr(tf_slim, name)
    framework.nest, framework.sort, framework.argsort = nest, v1.sort, v1.argsort
    framework.get_name_scope = lambda: v1.get_default_graph().get_name_scope()
    contrib.framework = framework
    v1.contrib = contrib
    # contrib.rnn: TF1's own cells and static RNNs it re-exported, and its stacked
    # bidirectional RNNs (TensorLayer imports one), TF1's as the shim writes them; read
    # when asked for (the cells load tf-keras, which a side on Keras 3 lacks)
    rnn = types.ModuleType("tensorflow.contrib.rnn")

    def _rnn_name(name):
        import tf1to2.contrib_rnn

        if name in tf1to2.contrib_rnn.__all__:
            return getattr(tf1to2.contrib_rnn, name)
        if name in ("static_rnn", "static_bidirectional_rnn", "static_state_saving_rnn"):
            return getattr(v1.nn, name)
        if name.startswith("__"):
            raise AttributeError(name)
        return getattr(v1.nn.rnn_cell, name)

    rnn.__getattr__ = _rnn_name
    contrib.rnn = rnn
    sys.modules["tensorflow.contrib.rnn"] = rnn
    if not hasattr(v1, "estimator"):  # removed in TF 2.16; TF1 model code reads its ModeKeys
        from tensorflow.python.saved_model.model_utils.mode_keys import EstimatorModeKeys

        v1.estimator = v1.compat.v1.estimator = types.SimpleNamespace(ModeKeys=EstimatorModeKeys)
    sys.modules["tensorflow"] = v1
    sys.modules["tensorflow.contrib"] = contrib
    sys.modules["tensorflow.contrib.layers"] = sys.modules["tensorflow.contrib.slim"] = tf_slim
    sys.modules["tensorflow.contrib.framework"] = framework
    # contrib.layers' own modules, which TF1 code imported by path (tflearn's initializers)
    import tf_slim.layers.initializers

    layers_python = types.ModuleType("tensorflow.contrib.layers.python")
    layers_python.layers = tf_slim.layers
    sys.modules["tensorflow.contrib.layers.python"] = layers_python
    sys.modules["tensorflow.contrib.layers.python.layers"] = tf_slim.layers
    sys.modules["tensorflow.contrib.layers.python.layers.initializers"] = tf_slim.layers.initializers
    # contrib.eager (Sonnet 1 imports ``tensorflow.contrib.eager.python.tfe``): TensorFlow's
    # own objects it re-exported, as the shim's stand-in holds them; read when first imported
    eager = types.ModuleType("tensorflow.contrib.eager")
    eager_python = types.ModuleType("tensorflow.contrib.eager.python")

    def _tfe(name):
        import tf1to2.contrib_eager

        if name == "tfe":
            return tf1to2.contrib_eager
        if name.startswith("__"):
            raise AttributeError(name)
        return getattr(tf1to2.contrib_eager, name)

    eager.__getattr__ = _tfe
    eager_python.__getattr__ = _tfe
    eager.python = eager_python
    contrib.eager = eager
    sys.modules["tensorflow.contrib.eager"] = eager
    sys.modules["tensorflow.contrib.eager.python"] = eager_python
    return v1


_V1 = []  # the TF1 environment, made once per process


def tf1(case: str, tree: Path, work: Path) -> None:
    modules, name, shape, kind = CASES[case]
    if not _V1:
        _V1.append(_tf1_environment())
    v1 = _V1[0]
    sys.path.insert(0, str(tree))
    _bare_packages(tree, modules)
    import importlib

    mods = {m: importlib.import_module(m) for m in modules}
    x_value = _inputs(shape)
    out: dict = {}
    graph = v1.Graph()
    with graph.as_default():
        v1.set_random_seed(1)
        x = v1.constant(x_value)
        if kind == "model":
            with v1.variable_scope("model"):
                y = build(name, mods, v1, x)
            variables = v1.global_variables()
        else:
            w = v1.get_variable("w", [4, 1])
            b = v1.get_variable("b", [1])
            variables = [w, b]
            step = _optimizer(mods).minimize(_loss(v1, w, b, x))
        with v1.Session(graph=graph) as sess:
            sess.run(v1.global_variables_initializer())
            for v in variables:
                v.load(_value(v.op.name, v.shape.as_list()), sess)
                out[f"var:{v.op.name}"] = sess.run(v)
            if kind == "model":
                out["output"] = sess.run(y)
            else:
                for i in range(STEPS):
                    sess.run(step)
                    for v in variables:
                        out[f"step{i}:{v.op.name}"] = sess.run(v)
    np.savez(work / "tf1.npz", **out)


def tf2(case: str, tree: Path, work: Path) -> None:
    modules, name, shape, kind = CASES[case]
    sys.path.insert(0, str(tree))
    import importlib

    import tensorflow as tf

    import tf1to2

    if case in BARE_ON_TF2:
        _bare_packages(tree, modules)
    mods = {m: importlib.import_module(m) for m in modules}  # the migrated package's modules
    x = tf.constant(_inputs(shape))
    out: dict = {}
    if kind == "model":
        class Case(tf.keras.layers.Layer):
            @tf1to2.track_tf1_style_variables
            def call(self, inputs):
                with tf.compat.v1.variable_scope("model"):
                    return build(name, mods, tf, inputs)

        layer = Case()
        layer(x)
        variables = tf1to2.tf1_variables(layer)
        for tf1_name, var in variables.items():
            var.assign(_value(tf1_name, var.shape.as_list()))
            out[f"var:{tf1_name}"] = var.numpy()
        out["output"] = layer(x).numpy()
    else:
        w = tf.Variable(_value("w", [4, 1]), name="w")
        b = tf.Variable(_value("b", [1]), name="b")
        out["var:w"], out["var:b"] = w.numpy(), b.numpy()
        opt = _optimizer(mods)
        for i in range(STEPS):
            with tf.GradientTape() as tape:
                loss = _loss(tf, w, b, x)
            opt.apply_gradients(zip(tape.gradient(loss, [w, b]), [w, b]))
            out[f"step{i}:w"], out[f"step{i}:b"] = w.numpy(), b.numpy()
        out["optimizer"] = np.asarray(type(opt).__module__ + "." + type(opt).__name__)
    np.savez(work / "tf2.npz", **out)


def run_jobs(side: str, jobs: list) -> None:
    """Each (case, tree, work folder) of ``jobs`` on one side, in this process (a TensorFlow
    import and a package's import once for all); a case that raises leaves its traceback
    in its folder's ``error.txt``, and the others run."""
    from loading import failure_kept  # (this folder, on the script's path; the tests import this module too)

    for case, tree, work in jobs:
        with failure_kept(Path(work) / "error.txt"):
            (tf1 if side == "tf1" else tf2)(case, Path(tree), Path(work))


if __name__ == "__main__":  # real_models.py SIDE JOBS.json: [[case, tree, work], ...]
    run_jobs(sys.argv[1], json.loads(Path(sys.argv[2]).read_text()))
