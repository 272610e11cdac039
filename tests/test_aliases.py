"""The shared alias resolver on the spellings real TF1 code uses."""
from __future__ import annotations

import libcst as cst
import pytest

from rules.aliases import TFVisitor
from rules.base import RuleContext


def qualified_calls(source: str) -> list:
    """Canonical name (or None) of every call's function, in order."""
    module = cst.parse_module(source)
    found = []

    class Collect(TFVisitor):
        def visit_Call(self, node):
            found.append(self.qualify(node.func))

    module.visit(Collect(RuleContext(module=module)))
    return found


@pytest.mark.parametrize("source,expected", [
    ("import tensorflow as tf\ntf.train.AdamOptimizer()", "tf.compat.v1.train.AdamOptimizer"),
    ("import tensorflow as tf\ntf.compat.v1.train.AdamOptimizer()", "tf.compat.v1.train.AdamOptimizer"),
    ("import tensorflow.compat.v1 as tf\ntf.train.AdamOptimizer()", "tf.compat.v1.train.AdamOptimizer"),
    ("import tensorflow.compat.v1 as v1\nv1.train.AdamOptimizer()", "tf.compat.v1.train.AdamOptimizer"),
    ("from tensorflow.compat import v1\nv1.train.AdamOptimizer()", "tf.compat.v1.train.AdamOptimizer"),
    ("from tensorflow import train\ntrain.AdamOptimizer()", "tf.compat.v1.train.AdamOptimizer"),
    ("from tensorflow.compat.v1.train import AdamOptimizer as A\nA()", "tf.compat.v1.train.AdamOptimizer"),
    ("import tensorflow\ntensorflow.compat.v1.train.AdamOptimizer()", "tf.compat.v1.train.AdamOptimizer"),
    ("import tensorflow.compat.v1\ntensorflow.compat.v1.layers.dense()", "tf.compat.v1.layers.dense"),
    ("import tensorflow as tf\nlayers = tf.layers\nlayers.dense()", "tf.compat.v1.layers.dense"),
    ("import tensorflow as tf\nslim = tf.contrib.slim\nslim.conv2d()", "tf_slim.conv2d"),
    ("from tensorflow.contrib import slim\nslim.conv2d()", "tf_slim.conv2d"),
    ("import tf_slim as slim\nslim.conv2d()", "tf_slim.conv2d"),
    ("from tf_slim import arg_scope\narg_scope()", "tf_slim.arg_scope"),
    ("from tensorflow.contrib.framework import arg_scope\narg_scope()", "tf_slim.arg_scope"),
    ("import tensorflow as tf\ntf.keras.optimizers.Adam()", "tf.keras.optimizers.Adam"),
    ("try:\n    import tensorflow.compat.v1 as tf\nexcept ImportError:\n    import tensorflow as tf\n"
     "tf.train.AdamOptimizer()", "tf.compat.v1.train.AdamOptimizer"),
    ("import tensorflow as tf\ndef f():\n    global tf\n    tf.train.AdamOptimizer()", "tf.compat.v1.train.AdamOptimizer"),
    ("def f():\n    import tensorflow as tf\n    tf.train.AdamOptimizer()", "tf.compat.v1.train.AdamOptimizer"),
])
def test_resolves(source, expected):
    assert qualified_calls(source)[-1] == expected


@pytest.mark.parametrize("source", [
    "import tensorflow as tf\ndef f(tf):\n    tf.train.AdamOptimizer()",
    "import tensorflow as tf\ndef f():\n    tf = load()\n    tf.train.AdamOptimizer()",
    "import tensorflow as tf\ndef f():\n    tf.train.AdamOptimizer()\n    tf = 1",  # local anywhere in f
    "import tensorflow as tf\nfor tf in xs:\n    pass\ntf.train.AdamOptimizer()",
    "import tensorflow as tf\nwith open(p) as tf:\n    tf.train.AdamOptimizer()",
    "import tensorflow as tf\nf = lambda tf: tf.train.AdamOptimizer()",
    "import tensorflow as tf\nclass tf:\n    pass\ntf.train.AdamOptimizer()",
    "import tensorflow as tf\ntf = wrap(tf)\ntf.train.AdamOptimizer()",
    "from .tensorflow import train\ntrain.AdamOptimizer()",
    "import numpy as np\nnp.train.AdamOptimizer()",
    "tf.train.AdamOptimizer()",
])
def test_does_not_resolve_what_is_not_tensorflow(source):
    assert qualified_calls(source)[-1] is None


def test_class_scope_does_not_leak_into_methods():
    source = (
        "import tensorflow as tf\n"
        "class A:\n"
        "    tf = None\n"
        "    def m(self):\n"
        "        tf.train.AdamOptimizer()\n"
    )
    assert qualified_calls(source) == ["tf.compat.v1.train.AdamOptimizer"]
