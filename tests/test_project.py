"""Modules read together (codemod.project) and stage 1 across them, through the command
line: a scope entered in one module around a helper of another, a scope function used
through a module-level alias, its values re-spelled (and imported) where they are
written, and what is refused when the run does not hold the other module or the
helper's callers disagree."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from codemod import cli, project

UTILS = '''\
import tf_slim as slim
from tf_slim.layers import regularizers


def my_arg_scope(weight_decay=0.0004):
    with slim.arg_scope([slim.conv2d], weights_regularizer=regularizers.l2_regularizer(weight_decay),
                        normalizer_fn=slim.batch_norm):
        with slim.arg_scope([slim.batch_norm], scale=True) as sc:
            return sc


def conv_bn(x, depth, scope=None):
    return slim.conv2d(x, depth, [3, 3], scope=scope)
'''

NET = '''\
import tf_slim as slim

from . import utils

my_arg_scope = utils.my_arg_scope


def net(x, is_training=True):
    with slim.arg_scope([slim.batch_norm], is_training=is_training):
        x = utils.conv_bn(x, 32, scope="c1")
        return slim.conv2d(x, 10, [1, 1], activation_fn=None, scope="logits")
'''


def _package(tmp_path: Path, **modules: str) -> Path:
    pkg = tmp_path / "pkg"
    pkg.mkdir()
    (pkg / "__init__.py").write_text("")
    for name, text in modules.items():
        (pkg / f"{name}.py").write_text(textwrap.dedent(text))
    return pkg


def test_module_names_follow_packages(tmp_path):
    pkg = _package(tmp_path, utils=UTILS)
    (pkg / "sub").mkdir()
    (pkg / "sub" / "__init__.py").write_text("")
    (pkg / "sub" / "deep.py").write_text("")
    (tmp_path / "script.py").write_text("")
    assert project.module_name(str(pkg / "utils.py")) == "pkg.utils"
    assert project.module_name(str(pkg / "sub" / "deep.py")) == "pkg.sub.deep"
    assert project.module_name(str(pkg / "sub" / "__init__.py")) == "pkg.sub"
    assert project.module_name(str(tmp_path / "script.py")) == "script"


def test_groups_link_importing_modules_that_use_arg_scope(tmp_path):
    pkg = _package(tmp_path, utils=UTILS, net=NET,
                   other="from pkg import utils\nimport tf_slim as slim\n\ndef f(x):\n    return utils.conv_bn(x, 1)\n",
                   alone="import tf_slim as slim\n\ndef g():\n    return slim.arg_scope([])\n")
    paths = [str(pkg / f"{n}.py") for n in ("utils", "net", "other", "alone")]
    groups = project.of_paths(paths)
    # other.py never mentions arg_scope: not read as context; alone.py imports nothing of the run
    assert set(groups) == {paths[0], paths[1]}
    assert groups[paths[1]] == (("pkg.utils", UTILS),)
    assert groups[paths[0]] == (("pkg.net", NET),)


def test_scope_around_another_modules_helper_is_handed_down(tmp_path, capsys):
    pkg = _package(tmp_path, utils=UTILS, net=NET)
    code = cli.main(["migrate", str(pkg), "--select", "slim-arg-scope", "--write", "-j", "2"])
    assert code == 1
    net = (pkg / "net.py").read_text()
    utils = (pkg / "utils.py").read_text()
    # the caller's scope is gone; what it set is passed by keyword to the helper
    assert "with slim.arg_scope" not in net
    assert 'utils.conv_bn(x, 32, scope="c1", weight_decay=weight_decay, is_training=is_training)' in net
    # the helper takes it, defaulting to what the op does without a scope
    assert "def conv_bn(x, depth, scope=None, weight_decay=0.0004, is_training=True):" in utils
    assert "normalizer_params={'scale': True, 'is_training': is_training}" in utils
    # the convention through the alias: utils' values re-spelled, and imported, in net.py
    assert "from tf_slim.layers import regularizers" in net
    assert "weights_regularizer=regularizers.l2_regularizer(weight_decay)" in net
    assert "def net(x, is_training=True, weight_decay=0.0004):" in net
    err = capsys.readouterr().err
    assert "pkg/net.py:5: slim-arg-scope: my_arg_scope() (= pkg.utils.my_arg_scope) is taken as the scope" in err


def test_without_the_other_module_the_scope_stays(tmp_path, capsys):
    pkg = _package(tmp_path, utils=UTILS, net=NET)
    before = (pkg / "net.py").read_text()
    code = cli.main(["migrate", str(pkg / "net.py"), "--select", "slim-arg-scope", "--write"])
    assert code == 0
    assert (pkg / "net.py").read_text() == before
    # the module names utils' scope function, whose settings are not known without utils.py
    assert "net.py:8: slim-arg-scope: arg_scope settings for net() left as they are: its module names " \
           "utils.my_arg_scope(), whose settings are not known here" in capsys.readouterr().err


OPAQUE_UTILS = '''\
import tf_slim as slim


def my_arg_scope(weight_decay=0.0004, is_training=None):
    params = {'scale': True}
    if is_training is not None:
        params['is_training'] = is_training
    with slim.arg_scope([slim.conv2d], normalizer_fn=slim.batch_norm, normalizer_params=params) as sc:
        return sc
'''

OPAQUE_NET = '''\
import tf_slim as slim

from . import utils

my_arg_scope = utils.my_arg_scope


def net(x):
    x = slim.conv2d(x, 32, [3, 3], scope="c1")
    return slim.conv2d(x, 10, [1, 1], scope="logits")
'''


def test_a_scope_function_of_another_module_that_cannot_be_read_guards_its_users(tmp_path, capsys):
    """net.py names utils' scope function at module level, so its callers may enter it
    around net(); stage 1 cannot read it, so neither slim stage touches net()'s ops,
    whether or not utils.py is in the run."""
    pkg = _package(tmp_path, utils=OPAQUE_UTILS, net=OPAQUE_NET)
    before = (pkg / "net.py").read_text()
    for paths in ([str(pkg)], [str(pkg / "net.py"), str(pkg / "utils.py")]):
        code = cli.main(["migrate", *paths, "--select", "slim-arg-scope,slim-to-layers", "--write"])
        assert code == 0
        assert (pkg / "net.py").read_text() == before
        err = capsys.readouterr().err
        assert "pkg/net.py:9: slim-to-layers: slim.conv2d left as it is: pkg.utils.my_arg_scope() of its module " \
               "builds an arg_scope this rule cannot read" in err
        assert "pkg/net.py:10: slim-to-layers: slim.conv2d left as it is" in err
    # without utils.py in the run, what utils.my_arg_scope() sets is not known either
    code = cli.main(["migrate", str(pkg / "net.py"), "--select", "slim-arg-scope,slim-to-layers", "--write"])
    assert code == 0
    assert (pkg / "net.py").read_text() == before
    assert "pkg/net.py:9: slim-to-layers: slim.conv2d left as it is: its module names utils.my_arg_scope(), whose " \
           "settings are not known here (its module is not read with this one), which callers may enter around " \
           "this function" in capsys.readouterr().err


def test_callers_that_disagree_leave_the_helper_and_their_scopes(tmp_path, capsys):
    other = '''\
    import tf_slim as slim
    from pkg import utils


    def head(x):
        with slim.arg_scope([slim.conv2d], activation_fn=None):
            return utils.conv_bn(x, 8, scope="h")
    '''
    pkg = _package(tmp_path, utils=UTILS, net=NET, other=other)
    before = {p.name: p.read_text() for p in pkg.glob("*.py")}
    cli.main(["migrate", str(pkg), "--select", "slim-arg-scope", "--write"])
    after = {p.name: p.read_text() for p in pkg.glob("*.py")}
    assert after["other.py"] == before["other.py"]
    assert "def conv_bn(x, depth, scope=None):" in after["utils.py"]  # no settings written into it
    assert "with slim.arg_scope([slim.batch_norm], is_training=is_training):" in after["net.py"]
    err = capsys.readouterr().err
    assert "utils.py:12: slim-arg-scope: arg_scope settings for conv_bn() left as they are: it is called under " \
           "different arg_scopes" in err
    assert "other.py:6: slim-arg-scope: arg_scope left in place: its body calls utils.conv_bn()" in err


def test_callers_that_disagree_on_activation_and_normalizer_pass_theirs(tmp_path, capsys):
    """ResNet v2's root conv: its scope turns off the helper's activation and normalizer,
    which the other caller's convention turns on. Stage 1 makes both parameters of the
    helper (defaults: what it got outside any scope); stage 2 makes batch norm a switch."""
    head = '''\
    import tf_slim as slim
    from pkg import utils

    my_arg_scope = utils.my_arg_scope


    def head(x):
        with slim.arg_scope([slim.conv2d],
                            activation_fn=None, normalizer_fn=None):
            return utils.conv_bn(x, 8, scope="h")
    '''
    pkg = _package(tmp_path, utils=UTILS, net=NET, other=head)
    cli.main(["migrate", str(pkg), "--select", "slim-arg-scope", "--write"])
    utils, other, net = ((pkg / f"{m}.py").read_text() for m in ("utils", "other", "net"))
    # relu is slim's default (utils had no TensorFlow import: added); batch norm the convention's
    assert "import tensorflow as tf" in utils
    assert ("def conv_bn(x, depth, scope=None, is_training=True, activation_fn=tf.nn.relu, "
            "normalizer_fn=slim.batch_norm, weight_decay=0.0004):") in utils
    assert "normalizer_fn=normalizer_fn, activation_fn=activation_fn" in utils
    assert 'utils.conv_bn(x, 8, scope="h", weight_decay=weight_decay, activation_fn=None, normalizer_fn=None)' \
        in other
    assert "with slim.arg_scope" not in other
    assert 'utils.conv_bn(x, 32, scope="c1", weight_decay=weight_decay, is_training=is_training)' in net
    cli.main(["migrate", str(pkg), "--select", "slim-to-layers", "--write"])
    utils = (pkg / "utils.py").read_text()
    assert "use_bias=normalizer_fn is None," in utils
    assert "    if normalizer_fn is not None:\n        net = tf.compat.v1.layers.batch_normalization(" in utils
    assert "    if activation_fn is not None:\n        net = activation_fn(net)\n    return net" in utils
    assert "utils.py:13: slim-to-layers: conv_bn(): its parameter normalizer_fn now only turns batch " \
           "normalization on (not None) or off" in capsys.readouterr().err


def test_functions_one_namedtuple_field_may_hold_are_left(tmp_path, capsys):
    """``block.unit_fn(...)`` with two candidates in the run (ResNet v1's and v2's
    bottleneck): neither candidate's callers are known, so neither gets settings, and
    the helpers they call keep theirs too (a scope left in place still reaches them)."""
    utils = '''\
    """Blocks of units, each run under its caller's arg_scope."""
    import collections
    import tf_slim as slim


    class Block(collections.namedtuple("Block", ["scope", "unit_fn"])):
        pass


    def stack(net, blocks):
        for block in blocks:
            net = block.unit_fn(net, scope=block.scope)
        return net
    '''
    unit = '''\
    import tf_slim as slim
    from pkg import utils


    def unit_{n}(x, scope):
        return slim.conv2d(x, 8, [3, 3], scope=scope)


    def net_{n}(x):
        with slim.arg_scope([slim.conv2d], outputs_collections="eps"):
            return utils.stack(x, [utils.Block("b", unit_{n})])
    '''
    pkg = _package(tmp_path, utils=utils, a=unit.format(n="a"), b=unit.format(n="b"))
    before = {p.name: p.read_text() for p in pkg.glob("*.py")}
    cli.main(["migrate", str(pkg), "--select", "slim-arg-scope,slim-to-layers", "--write"])
    after = {p.name: p.read_text() for p in pkg.glob("*.py")}
    assert after == before
    err = capsys.readouterr().err
    assert "a.py:5: slim-arg-scope: arg_scope settings for unit_a() left as they are: it is called through " \
           "block.unit_fn(), which is one of several functions at run time" in err
    assert "a.py:6: slim-to-layers: slim.conv2d left as it is" in err
    # without utils in the run, stage 2 alone still leaves them: the scope stays, and they are passed as values
    for p, text in before.items():
        (pkg / p).write_text(text)
    cli.main(["migrate", str(pkg / "a.py"), "--select", "slim-to-layers", "--write"])
    assert (pkg / "a.py").read_text() == before["a.py"]
    assert "a.py:6: slim-to-layers: slim.conv2d left as it is: unit_a() is passed as a value, and an arg_scope " \
           "left in this module may govern it where it is called" in capsys.readouterr().err


def test_package_inits_and_large_components_are_not_grouped(tmp_path, monkeypatch):
    pkg = _package(tmp_path, utils=UTILS, net=NET)
    (pkg / "__init__.py").write_text("from pkg import net, utils  # arg_scope\n")
    paths = [str(pkg / f) for f in ("__init__.py", "utils.py", "net.py")]
    assert set(project.of_paths(paths)) == set(paths[1:])
    monkeypatch.setattr(project, "MAX_GROUP", 1)
    assert project.of_paths(paths) == {}


def test_cross_file_reads_the_same_over_processes(monkeypatch):
    """``cross_file`` shares the files of a big run over processes: what it finds (who
    imports what, which TF1 uses reach which file) is what one process finds, in the same
    order, over tf_slim's tree (with the threshold lowered so that tree goes to a pool)."""
    import sysconfig

    import rules as rules_pkg
    from codemod import project

    paths = [str(p) for p in sorted((Path(sysconfig.get_paths()["purelib"]) / "tf_slim").rglob("*.py"))]
    readers = [c for c in rules_pkg.REGISTRY if c.reads_importers]
    scanners = {c.id: c.run_use for c in readers if c.run_needles}
    needles = tuple(n for c in readers for n in c.run_needles)
    alone = project.cross_file(paths, scanners, needles, jobs=1)
    monkeypatch.setattr(project, "_POOL_FROM", 0)
    imports: dict = {}
    assert project.cross_file(paths, scanners, needles, jobs=2, imports=imports) == alone
    assert alone[0] and alone[1]  # tf_slim's modules import one another; TF1 uses reach some
    # the arg_scope groups made from what the scan read are those made by parsing again
    assert len(imports) > 20
    assert project.of_paths(paths, imports) == project.of_paths(paths)


def test_groups_from_what_the_scan_read_are_those_from_parsing(tmp_path):
    """A package whose modules enter one another's arg_scopes: the group ``of_paths`` makes
    from what ``cross_file`` read of each file's imports is the one it makes by parsing."""
    from codemod import project

    pkg = tmp_path / "nets"
    pkg.mkdir()
    (pkg / "__init__.py").write_text("")
    (pkg / "scopes.py").write_text("import tf_slim as slim\n\ndef net_arg_scope():\n"
                                   "    with slim.arg_scope([slim.conv2d]) as sc:\n        return sc\n")
    (pkg / "net.py").write_text("import tf_slim as slim\nfrom nets import scopes\n\ndef build(x):\n"
                                "    with slim.arg_scope(scopes.net_arg_scope()):\n        return slim.conv2d(x, 4, 3)\n")
    (pkg / "other.py").write_text("from .net import build\nx = 'arg_scope'\n")
    paths = sorted(str(p) for p in pkg.iterdir())
    imports: dict = {}
    project.cross_file(paths, imports=imports)
    grouped = project.of_paths(paths)
    assert set(imports) == {str(pkg / "scopes.py"), str(pkg / "net.py"), str(pkg / "other.py")}
    assert set(grouped) == set(imports) and project.of_paths(paths, imports) == grouped


SCOPES = '''\
import tensorflow as tf
import tf_slim as slim


def net_arg_scope(weight_decay=0.0004):
    with slim.arg_scope([slim.conv2d], activation_fn=tf.nn.relu6, biases_initializer=None,
                        weights_regularizer=slim.l2_regularizer(weight_decay)) as sc:
        return sc
'''

PLAIN_NET = '''\
import tf_slim as slim


def net(x):
    x = slim.conv2d(x, 8, [3, 3], scope='conv1')
    x = slim.flatten(x)
    return slim.fully_connected(x, 4, scope='fc')
'''


def test_a_scope_another_file_enters_around_a_module_without_its_own_guards_its_ops(tmp_path, capsys):
    """The scope function lives in one module, the net in another with no scope function
    of its own, and a training script enters the scope around the net, reaching both
    through the package's re-exports, under another name. Stage 1 cannot write the
    scope into the net (the net does not mention arg_scope, so it is not grouped), so
    stage 2 leaves every op such a scope may list, saying where the scope is entered;
    ops the scope's list does not name are rewritten."""
    pkg = _package(tmp_path, scopes=SCOPES, net=PLAIN_NET)
    (pkg / "__init__.py").write_text("from pkg.net import net as build_net\nfrom pkg.scopes import net_arg_scope\n")
    entered = {
        "unknown": "with slim.arg_scope(pkg.net_arg_scope()):\n        return pkg.build_net(x)\n",
        "listed": "with slim.arg_scope([slim.fully_connected], activation_fn=None):\n"
                  "        return pkg.build_net(x)\n",
        "nested": "with slim.arg_scope([slim.layers.conv2d], padding='VALID'):\n"
                  "        with slim.arg_scope([slim.flatten]) as sc:\n"
                  "            return pkg.build_net(x)\n",
    }
    for case, body in entered.items():
        (tmp_path / "train.py").write_text(f"import tf_slim as slim\nimport pkg\n\n\ndef build(x):\n    {body}")
        code = cli.main(["migrate", str(tmp_path), "--select", "slim-to-layers", "--format", "json"])
        assert code == 1, case
        out = capsys.readouterr()
        files = {Path(f["path"]).name: f for f in json.loads(out.out)["files"]}
        net = files["net.py"]
        left = {w["line"]: w["message"] for w in net["warnings"]}
        changed = {c["line"] for c in net["changes"]}
        if case == "unknown":
            assert set(left) == {5, 6, 7} and not changed, (case, left, changed)
            assert left[5] == ("slim.conv2d left as it is: the arg_scope entered at train.py:6 may govern it at "
                               "run time (its ops are not known), and this module has no *_arg_scope() of its "
                               "own whose settings stage 1 writes out")
        elif case == "listed":
            assert set(left) == {7} and changed == {5, 6}, (case, left, changed)
            assert "(it lists fully_connected)" in left[7]
        else:
            assert set(left) == {5, 6} and changed == {7}, (case, left, changed)
            assert "train.py:6" in left[5] and "train.py:7" in left[6]
    # a scope function's own ``with ... as sc: return sc`` enters nothing: alone in the
    # run with the net, it guards nothing
    (tmp_path / "train.py").unlink()
    code = cli.main(["migrate", str(tmp_path), "--select", "slim-to-layers", "--format", "json"])
    files = {Path(f["path"]).name: f for f in json.loads(capsys.readouterr().out)["files"]}
    assert not files["net.py"]["warnings"] and len(files["net.py"]["changes"]) == 3


MODEL = '''\
import tensorflow as tf


def classifier(x, training):
    x = tf.layers.dense(x, 8, name="d1")
    return tf.layers.dense(x, 2, name="out")
'''


@pytest.mark.parametrize("importer", [
    "from model import classifier\n",
    "from model import classifier as clf\n",
    "from model import *\n\n\ndef run(x):\n    return classifier(x, True)\n",
    "import model as m\n\n\ndef run(x):\n    return m.classifier(x, True)\n",
    # through a package of the project that re-exports it
    "from pkg import classifier\n",
])
def test_a_file_outside_the_run_that_imports_a_function_keeps_it(tmp_path, capsys, importer):
    """Only src/model.py is in the run (a pre-commit hook is handed the staged files),
    but another file of the project imports classifier(): it stays a function (its
    layer is added beside it), and the warning names the importer. In a git work tree
    the whole tree is looked at; outside one, the named file's folder (and below)."""
    src, scripts = tmp_path / "src", tmp_path / "scripts"
    src.mkdir()
    scripts.mkdir()
    (src / "model.py").write_text(MODEL)
    if "pkg" in importer:
        (tmp_path / "pkg").mkdir()
        (tmp_path / "pkg" / "__init__.py").write_text("from model import classifier\n")
    (scripts / "train.py").write_text(importer)
    for git in (False, True):
        if git:
            subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
        code = cli.main(["migrate", str(src / "model.py"), "--format", "json"])
        assert code == 1
        (model,) = json.loads(capsys.readouterr().out)["files"]
        kept = [w["message"] for w in model["warnings"] if "kept as a function" in w["message"]]
        if not git:  # the importer is not in the file's folder, and no work tree says what the project is
            assert not kept and "-def classifier" in model["diff"], kept
            continue
        assert len(kept) == 1, model["warnings"]
        name = "__init__.py:1" if "pkg" in importer else "train.py:"
        assert f"classifier() is kept as a function because {name}" in kept[0]
        assert "+class Classifier(tf.keras.layers.Layer):" in model["diff"]
        assert "-def classifier" not in model["diff"]
    # in its folder, found without git too
    shutil.rmtree(tmp_path / ".git")
    (scripts / "train.py").rename(src / "train.py")
    if "pkg" in importer:
        (tmp_path / "pkg").rename(src / "pkg")
    code = cli.main(["migrate", str(src / "model.py"), "--format", "json"])
    (model,) = json.loads(capsys.readouterr().out)["files"]
    assert "-def classifier" not in model["diff"]
    # the files outside the run are read, never written
    assert (src / "train.py").read_text() == importer


def test_an_editor_buffer_keeps_what_the_project_imports(tmp_path):
    """``migrate - --stdin-filename src/model.py`` (an editor's buffer): the project
    around that path counts as it does in a run."""
    (tmp_path / "src").mkdir()
    (tmp_path / "src" / "model.py").write_text("")  # the buffer is newer than the file
    (tmp_path / "train.py").write_text("from model import classifier\n")
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    root = Path(__file__).resolve().parent.parent
    r = subprocess.run([sys.executable, "-m", "codemod.cli", "migrate", "--stdin-filename", "src/model.py", "-"],
                       input=MODEL, capture_output=True, text=True, cwd=tmp_path,
                       env={**os.environ, "PYTHONPATH": str(root)})
    assert r.returncode == 1, r.stderr
    assert "\ndef classifier(x, training):" in r.stdout and "\nclass Classifier(" in r.stdout
    assert "src/model.py:4: wrap-in-layer: classifier() is kept as a function because train.py:1 imports it" \
        in r.stderr


LAYERS_UTIL = '''\
import tensorflow as tf
from tensorflow.compat.v1.layers import dense, Dense
from tensorflow.compat.v1 import layers as L


def block(x):
    return dense(x, 4, name="block")
'''

# no TensorFlow here: the run skips it, and it must keep working as it is
USER = '''\
from pkg.layers_util import dense, Dense, L


def head(x, init):
    y = dense(x, 3, kernel_initializer=init, name="h1")
    y = Dense(2, kernel_initializer=init, name="h2")(y)
    return L.flatten(y)
'''

SKIPPED = "# tf1to2: skip-file\n"

RUN_HEAD = '''\
import json, sys
import numpy as np
import tensorflow as tf
sys.path.insert(0, sys.argv[1])
from pkg import user
with tf.Graph().as_default():
    x = tf.constant(np.arange(12, dtype=np.float32).reshape(2, 6) / 10)
    out = user.head(x, tf.compat.v1.constant_initializer(0.1))
    with tf.compat.v1.Session() as s:
        s.run(tf.compat.v1.global_variables_initializer())
        print(json.dumps([s.run(out).tolist(), sorted(v.name for v in tf.compat.v1.global_variables())]))
'''


def test_v1_layer_names_other_files_import_stay_bound_and_import_under_keras3(tmp_path, capsys):
    """``pkg/user.py`` imports ``dense``, ``Dense`` and the module ``L`` from a module whose own
    uses of them become Keras layers. The stages that rewrite those uses keep the names
    (another file imports them), and stage 7 imports them from ``tf1to2.layers`` instead
    (``from tensorflow.compat.v1.layers import dense`` raises under Keras 3; the module
    imports empty): after ``migrate --write`` the untouched importer imports under plain
    Keras 3 and computes what the original computed under tf-keras, variable names too."""
    from tests.subprocess_env import keras_env, tf_run

    before, after = tmp_path / "before", tmp_path / "after"
    for root in (before, after):
        pkg = root / "pkg"
        pkg.mkdir(parents=True)
        (pkg / "__init__.py").write_text("")
        (pkg / "layers_util.py").write_text(LAYERS_UTIL)
        # an importer the run leaves as it is (the rules would follow its names of
        # layers_util's TensorFlow and migrate it too)
        (pkg / "user.py").write_text(SKIPPED + USER)
    (tmp_path / "run_head.py").write_text(RUN_HEAD)
    assert cli.main(["migrate", str(after / "pkg"), "--write", "--format", "json"]) == 1
    (changed,) = [f for f in json.loads(capsys.readouterr().out)["files"] if f["status"] == "changed"]
    migrated = (after / "pkg" / "layers_util.py").read_text()
    assert "from tf1to2.layers import dense, Dense\n" in migrated
    assert "from tf1to2 import layers as L\n" in migrated
    assert "class Block(tf.keras.layers.Layer):" in migrated
    assert "tensorflow.compat.v1.layers" not in migrated
    assert (after / "pkg" / "user.py").read_text() == SKIPPED + USER
    messages = [w["message"] for w in changed["warnings"]]
    assert any(m.startswith("Dense now tf1to2.layers' for the files importing it") for m in messages), messages

    def head(root: Path, legacy: bool):
        return tf_run([sys.executable, str(tmp_path / "run_head.py"), str(root)], capture_output=True,
                      text=True, env=keras_env(legacy), timeout=600)

    # under Keras 3 the original does not even import
    broken = head(before, legacy=False)
    assert broken.returncode != 0 and "cannot import name 'dense'" in broken.stderr, broken.stderr[-2000:]
    ref, new = head(before, legacy=True), head(after, legacy=False)
    assert ref.returncode == 0, ref.stderr[-3000:]
    assert new.returncode == 0, new.stderr[-3000:]
    (ref_out, ref_names), (new_out, new_names) = json.loads(ref.stdout), json.loads(new.stdout)
    assert new_names == ref_names == ["h1/bias:0", "h1/kernel:0", "h2/bias:0", "h2/kernel:0"]
    import numpy as np
    np.testing.assert_allclose(new_out, ref_out, atol=1e-5)


def test_one_file_run_reads_the_project_modules_it_imports_for_tf1_free_helpers(tmp_path, capsys):
    """``migrate model.py`` alone (a pre-commit hook is handed the staged files): the
    project's module it imports (``shapes``, not in the run) is read for the functions
    that run no TF1-style code, as a run over the folder reads it, so the layer calling
    ``shapes.flatten_last`` and a renamed ``shape_list`` becomes native Keras there too,
    in a git work tree and outside one; the helper module is read, never written."""
    from tests.test_checkpoint import HELPED_MODEL, HELPERS

    (tmp_path / "shapes.py").write_text(HELPERS)
    (tmp_path / "model.py").write_text(HELPED_MODEL)
    for git in (False, True):
        if git:
            subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
        assert cli.main(["migrate", str(tmp_path / "model.py"), "--format", "json"]) == 1
        (model,) = json.loads(capsys.readouterr().out)["files"]
        native = model["diff"].split("+class ScaledClassifier")[0]
        assert "+class Classifier(tf.keras.layers.Layer):" in native and "@track_tf1_style_variables" not in native
        said = [w["message"] for w in model["warnings"] if w["rule"] == "native-keras"]
        assert len(said) == 1 and "it calls shapes.scaled() (imported from shapes)" in said[0], said
    assert (tmp_path / "shapes.py").read_text() == HELPERS


def test_tensorflow_reached_through_another_modules_name_is_followed(tmp_path, capsys):
    """tensorpack's ``from ..compat import tfv1 as tf``: the run reads what the other
    module binds (``tfv1 = tf.compat.v1`` in one branch, ``tf`` in another; an import as
    another name), and the rules follow a name a module-level import binds as they follow
    the module's own imports of TensorFlow, even in a file that never spells
    "tensorflow": its TF1 code is migrated, and runs under Keras 3. One imported in a
    function, which they do not follow, is reported at the import (stage 0); other names
    that module exports (a function, a Keras class) are not TensorFlow modules."""
    from tests.subprocess_env import keras_env, tf_run

    pkg = _package(tmp_path, compat='''\
        import tensorflow as tf
        import tensorflow.compat.v1 as v1

        try:
            tfv1 = tf.compat.v1
        except AttributeError:
            tfv1 = tf
        Dense = tf.keras.layers.Dense


        def helper(x):
            return x
        ''', model='''\
        from .compat import tfv1 as tf, helper, Dense
        from .compat import v1


        def net(x):
            return tf.layers.dense(helper(x), 3)


        def scaled(x):
            with v1.variable_scope("scaled"):
                return tf.nn.relu(tf.layers.dense(x, 2, name="d")) * 2.0


        def later(x):
            from .compat import v1 as inner
            return inner.layers.dense(x, 2)


        def initialized(x):
            return tf.layers.dense(x, 2, kernel_initializer=tf.contrib.layers.xavier_initializer(), name="i")
        ''')
    assert cli.main(["migrate", str(pkg), "--format", "json", "--write"]) == 1
    files = {Path(f["path"]).name: f for f in json.loads(capsys.readouterr().out)["files"]}
    model = files["model.py"]
    assert model["status"] == "changed" and "-    return inner.layers.dense(x, 2)" not in model["diff"]
    said = [(w["line"], w["message"]) for w in model["warnings"] if w["rule"] == "tf-api"]
    assert [line for line, _ in said] == [15], said  # the import in a function: not followed, said
    assert said[0][1].startswith("inner is pkg.compat.v1, which its module binds to TensorFlow "
                                 "(tensorflow.compat.v1): tf1to2 follows such a name only where a module-level "
                                 "import binds it")
    assert said[0][1].endswith("Import it at module level, or TensorFlow here (import tensorflow.compat.v1 as "
                               "inner), and run tf1to2 again")
    assert "+class Net(tf.keras.layers.Layer):" in model["diff"] and "+class Scaled(" in model["diff"]
    # stage 0 acts there too (the file never spells "tensorflow"): tf.contrib is gone
    assert "tf.contrib" not in (tmp_path / "pkg" / "model.py").read_text()
    assert any(c["rule"] == "tf-api" and "xavier_initializer" in c["message"] for c in model["changes"])
    run = tf_run([sys.executable, "-c", (
        "import tensorflow as tf\n"
        "from pkg import model\n"
        "x = tf.ones([2, 4])\n"
        "net, scaled, initialized = model.Net(), model.Scaled(), model.Initialized()\n"
        "assert net(x).shape == (2, 3) and scaled(x).shape == (2, 2) and initialized(x).shape == (2, 2)\n"
        "assert len(net.weights) == 2 and len(scaled.weights) == 2 and len(initialized.weights) == 2\n"
        "print('ok')\n")], cwd=tmp_path, capture_output=True, text=True, env=keras_env(), timeout=600)
    assert run.returncode == 0 and run.stdout.split() == ["ok"], run.stderr[-3000:]


TEMPLATE_MODEL = '''\
import tensorflow as tf


def my_op(x, scalar_name):
    w = tf.compat.v1.get_variable(scalar_name, shape=[], initializer=tf.compat.v1.constant_initializer(1.5))
    return x * w


scale_by_y = tf.compat.v1.make_template("scale_by_y", my_op, scalar_name="y")


def model(x):
    return scale_by_y(scale_by_y(x))
'''


@pytest.mark.parametrize("importer", [None, "from model import scale_by_y\n", "import model\n\nmodel.scale_by_y\n"])
def test_a_template_moves_into_its_one_callers_layer_unless_another_file_imports_it(tmp_path, capsys, importer):
    """model() alone calls the template: it becomes a layer building the template in
    __init__, and the module-level template goes. Where another file of the run imports
    the template, it stays for that file (and model() with it), a layer holding it added."""
    (tmp_path / "model.py").write_text(TEMPLATE_MODEL)
    if importer:
        (tmp_path / "train.py").write_text(importer)
    code = cli.main(["migrate", str(tmp_path), "--select", "wrap-in-layer", "--format", "json"])
    assert code == 1
    files = {Path(f["path"]).name: f for f in json.loads(capsys.readouterr().out)["files"]}
    diff = files["model.py"]["diff"]
    warnings = [w["message"] for w in files["model.py"]["warnings"]]
    if importer is None:
        assert "-scale_by_y = tf.compat.v1.make_template" in diff
        assert '+        self.scale_by_y = tf.compat.v1.make_template("scale_by_y", my_op, scalar_name="y")' in diff
        assert "+        return self.scale_by_y(self.scale_by_y(x))" in diff
        assert warnings == []
    else:
        assert "-scale_by_y = " not in diff and "-def model" not in diff
        assert "+class ScaleByY(tf.keras.layers.Layer):" in diff
        assert len(warnings) == 1 and "scale_by_y (make_template) is kept for the code that calls it" in warnings[0]


CONV_BN_UTILS = '''
import tf_slim as slim


def utils_arg_scope(weight_decay=0.0001):
    with slim.arg_scope([slim.conv2d], weights_regularizer=slim.l2_regularizer(weight_decay),
                        normalizer_fn=slim.batch_norm) as sc:
        return sc


def conv_bn(x, scope=None):
    return slim.conv2d(x, 8, [3, 3], scope=scope or "conv")
'''

CONV_BN_NET = '''
import tf_slim as slim

from pkg import utils


def net(x, is_training=True):
    with slim.arg_scope(utils.utils_arg_scope()):
        with slim.arg_scope([slim.batch_norm], is_training=is_training):
            return utils.conv_bn(x)
'''


def test_a_batch_norm_another_files_scope_sets_is_training_for_is_not_given_slims_default(tmp_path, monkeypatch,
                                                                                         capsys):
    """ResNet's shape (tf_slim.nets.resnet_utils.conv2d_same under resnet_v1's
    ``arg_scope([batch_norm], is_training=...)``): read together, stage 1 hands the flag
    down as a parameter; read alone (a group larger than MAX_GROUP), the utility's batch
    norm is left as it is, saying where the scope is entered, instead of being written
    with slim's default training=True, which would train it in inference."""
    for grouped in (True, False):
        if not grouped:
            monkeypatch.setattr(project, "MAX_GROUP", 1)
        root = tmp_path / ("grouped" if grouped else "alone")
        root.mkdir()
        pkg = _package(root, utils=CONV_BN_UTILS, net=CONV_BN_NET)
        code = cli.main(["migrate", str(pkg), "--select", "slim-arg-scope,slim-to-layers", "--format", "json"])
        assert code == 1
        files = {Path(f["path"]).name: f for f in json.loads(capsys.readouterr().out)["files"]}
        utils = files["utils.py"]
        if grouped:
            assert "training=is_training" in utils["diff"], utils["diff"]
            assert not any("is_training" in w["message"] for w in utils["warnings"])
        else:
            assert "training=True" not in utils["diff"] and "slim.conv2d(" in utils["diff"], utils["diff"]
            left = [w["message"] for w in utils["warnings"] if w["line"] == 12]
            assert any(m.startswith("slim.conv2d left as it is: it has no is_training, and the arg_scope entered at "
                                    "net.py:9 (listing batch_norm) may set it at run time") for m in left), left


QNETS = '''import tensorflow as tf


def q_network(num_actions, state, hidden=8):
    net = tf.layers.dense(state, hidden, activation=tf.nn.relu, name="hidden")
    return tf.layers.dense(net, num_actions, name="q")
'''
QAGENT = '''import tensorflow as tf

from nets import q_network


class Agent(object):
    def __init__(self, num_actions):
        self.state_ph = tf.placeholder(tf.float32, [None, 4], name="state_ph")
        self.q_values = q_network(num_actions, self.state_ph)
'''
RUN_QNETWORK = '''import json, sys
import numpy as np
import tensorflow as tf
import tf1to2

sys.path.insert(0, sys.argv[1])
import nets

x = np.random.RandomState(0).normal(size=(2, 4)).astype(np.float32)
layer = nets.QNetwork(num_actions=3)
first, second = layer(x), layer(x)
weights = {name: v.numpy() for name, v in tf1to2.tf1_variables(layer).items()}
with tf.Graph().as_default():  # the kept function, in a TF1 graph, given the layer's weights
    out = nets.q_network(3, tf.constant(x))
    with tf.compat.v1.Session() as sess:
        for v in tf.compat.v1.global_variables():
            v.load(weights[v.op.name], sess)
        tf1 = sess.run(out)
print(json.dumps([sorted(weights), np.abs(first - second).max().item(), np.abs(first - tf1).max().item()]))
'''


def test_a_layer_added_beside_a_kept_function_takes_its_settings_in_init(tmp_path, capsys):
    """dopamine's networks take their settings before the state
    (``nature_dqn_network(num_actions, network_type, state)``), and its agents import them,
    so each stays a function with a layer added beside it. That layer takes the settings
    in ``__init__`` and the state as its input: Keras 3 takes only tensors by position, so
    ``QNetwork()(3, state=x)`` raised. Built once and called twice under plain Keras 3 it
    reuses its variables, which keep TF1's names, and computes what the kept function
    computes in a TF1 graph with the same weights."""
    from tests.subprocess_env import keras_env, tf_run

    (tmp_path / "nets.py").write_text(QNETS)
    (tmp_path / "agent.py").write_text(QAGENT)
    (tmp_path / "run_qnetwork.py").write_text(RUN_QNETWORK)
    assert cli.main(["migrate", str(tmp_path / "nets.py"), str(tmp_path / "agent.py"), "--write"]) == 1
    capsys.readouterr()
    migrated = (tmp_path / "nets.py").read_text()
    assert "def q_network(num_actions, state, hidden=8):" in migrated
    assert "  def __init__(self, num_actions, hidden=8, **kwargs):" in migrated.replace("    ", "  ")
    assert "return q_network(state=state, num_actions=self.num_actions, hidden=self.hidden)" in migrated
    run = tf_run([sys.executable, str(tmp_path / "run_qnetwork.py"), str(tmp_path)], capture_output=True,
                 text=True, env=keras_env(), timeout=600)
    assert run.returncode == 0, run.stderr[-3000:]
    names, again, against_tf1 = json.loads(run.stdout.splitlines()[-1])
    assert names == ["hidden/bias", "hidden/kernel", "q/bias", "q/kernel"]
    assert again == 0.0 and against_tf1 < 1e-5
