"""One name map per run: TF1 checkpoint name → final name, composed across stages, and
``load_tf1_checkpoint`` loading a TF1 checkpoint through it into what one
``migrate --write`` run made of a slim net, under both Kerases."""
from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from codemod import cli
from codemod.pipeline import compose_names
from tests.subprocess_env import keras_env, tf_run

SCRIPT = Path(__file__).parent / "numeric" / "one_run_net.py"

NET = '''\
import tensorflow.compat.v1 as tf
import tf_slim as slim


def net(images, num_classes=4, is_training=False):
    with tf.variable_scope('net'):
        x = slim.conv2d(images, 8, [3, 3], scope='conv1')
        x = slim.conv2d(x, 8, [3, 3], normalizer_fn=slim.batch_norm,
                        normalizer_params={'is_training': is_training}, scope='conv2')
        x = slim.flatten(x)
        return slim.fully_connected(x, num_classes, activation_fn=None, scope='logits')
'''


def test_a_later_stage_renames_what_an_earlier_one_made():
    names = {"net/conv1/weights": "net/conv1/kernel", "net/conv1/biases": "net/conv1/bias"}
    compose_names(names, {"net/conv1/kernel": "Net/conv1/kernel", "net/conv1/bias": "Net/conv1/bias",
                          "net/conv3/kernel": "Net/conv3/kernel"})
    assert names == {"net/conv1/weights": "Net/conv1/kernel", "net/conv1/biases": "Net/conv1/bias",
                     "net/conv3/kernel": "Net/conv3/kernel"}


def test_a_later_stage_renames_a_name_under_an_earlier_wildcard():
    names = {"*/conv1/weights": "*/conv1/kernel"}
    compose_names(names, {"model/block/conv1/kernel": "Model/conv1/kernel"})
    assert names == {"*/conv1/weights": "*/conv1/kernel", "model/block/conv1/weights": "Model/conv1/kernel"}


def test_one_run_writes_one_entry_per_checkpoint_name(tmp_path):
    (tmp_path / "net.py").write_text(NET)
    assert cli.main(["migrate", str(tmp_path / "net.py"), "--write", "--name-map", str(tmp_path / "map.json")]) == 1
    names = json.loads((tmp_path / "map.json").read_text())
    # keys are what slim named the variables; values are where the Keras layers hold them
    assert names == {
        "net/conv1/weights": "Net/conv1/kernel", "net/conv1/biases": "Net/conv1/bias",
        "net/conv2/weights": "Net/conv2/kernel",
        "net/conv2/BatchNorm/beta": "Net/conv2_BatchNorm/beta",
        "net/conv2/BatchNorm/moving_mean": "Net/conv2_BatchNorm/moving_mean",
        "net/conv2/BatchNorm/moving_variance": "Net/conv2_BatchNorm/moving_variance",
        "net/logits/weights": "Net/logits/kernel", "net/logits/biases": "Net/logits/bias"}


def _side(side: str, work: Path, keras: str = "keras3") -> None:
    env = keras_env(keras == "tf_keras", SCRIPT.parent)
    proc = tf_run([sys.executable, str(SCRIPT), side, str(work)], capture_output=True, text=True,
                  env=env, timeout=600)
    assert proc.returncode == 0, proc.stderr[-4000:]


# MobileNet's blocks: a separable convolution, then a depthwise-only one (no v1 layer:
# slim's own variables, which native-keras makes in build(), sized by the separable
# layer's compute_output_shape)
DEPTHWISE_NET = '''\
import tensorflow.compat.v1 as tf
import tf_slim as slim


def net(images, is_training=False):
    with tf.variable_scope('net'):
        x = slim.separable_conv2d(images, 8, [3, 3], depth_multiplier=1, scope='sep')
        x = slim.separable_conv2d(x, None, [3, 3], depth_multiplier=2, scope='depthwise')
        x = slim.flatten(x)
        return slim.fully_connected(x, 4, activation_fn=None, scope='logits')
'''


@pytest.mark.slow
@pytest.mark.parametrize("keras", ["keras3", "tf_keras"])
@pytest.mark.parametrize("source, variables", [(NET, 8), (DEPTHWISE_NET, 7)], ids=["conv_bn", "depthwise"])
def test_the_tf1_checkpoint_loads_through_the_runs_name_map(tmp_path, keras, source, variables):
    (tmp_path / "original.py").write_text(source)
    (tmp_path / "migrated.py").write_text(source)
    assert cli.main(["migrate", str(tmp_path / "migrated.py"), "--write",
                     "--name-map", str(tmp_path / "name_map.json")]) == 1
    migrated = (tmp_path / "migrated.py").read_text()
    assert "track_tf1_style_variables" not in migrated, migrated  # native Keras layers only
    _side("tf1", tmp_path)
    _side("tf2", tmp_path, keras)
    report = json.loads((tmp_path / "tf2.json").read_text())
    assert report["keras"].startswith("tf_keras" if keras == "tf_keras" else "keras")
    assert len(report["loaded"]) == report["weights"] == variables
    assert report["diff"] < 1e-4
