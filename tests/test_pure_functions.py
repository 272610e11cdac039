"""rules.pure_functions: which functions of a module run no TF1-style code (the run-wide
scan hands them to native-keras for layers of other modules that call them)."""
from __future__ import annotations

import ast
import textwrap

import pytest

from rules.pure_functions import free, function_facts

HEADER = '''\
import numpy as np
import tensorflow as tf
import tf_slim as slim
from tensorflow.compat import v1
from pkg import other
from pkg.other import helper as h
from . import sibling

SCALE = 2.0


class Thing:
    pass


'''


def facts(body: str) -> dict:
    return function_facts(ast.parse(HEADER + textwrap.dedent(body)), "pkg.mod", "pkg")


@pytest.mark.parametrize("body", [
    "def f(x):\n    return tf.reshape(x, [-1]) * np.float32(SCALE)\n",
    "def f(x):\n    s = x.get_shape().as_list()\n    out = []\n    out.append(len(s))\n    return tf.shape(x)[0], out\n",
    "def f(x):\n    return [tf.cast(d, tf.float32) for d in tf.unstack(x)]\n",
    "def f(x):\n    with tf.name_scope('n'):\n        return tf.nn.relu(x), v1.to_float(x)\n",
    "def f(x, *args, **kwargs):\n    return tf.concat([x, x], axis=-1)\n",
])
def test_functions_that_make_no_variables_are_tf1_free(body):
    assert facts(body)["f"] == ()


@pytest.mark.parametrize("body, why", [
    ("def f(x):\n    return tf.get_variable('w', [2]) * x\n", "get_variable (TF1 spelling)"),
    ("def f(x):\n    return v1.get_variable('w', [2]) * x\n", "get_variable"),
    ("def f(x):\n    return tf.layers.dense(x, 2)\n", "a v1 layer, spelled as TF1 did"),
    ("def f(x):\n    return slim.conv2d(x, 2, 3)\n", "a slim op"),
    ("def f(x):\n    return tf.contrib.layers.layer_norm(x)\n", "contrib"),
    ("def f(x):\n    with tf.variable_scope('s'):\n        return x\n", "a variable scope"),
    ("def f(x):\n    return tf.Variable(1.0) * x\n", "tf.Variable"),
    ("def f(x):\n    return tf.keras.layers.Dense(2)(x)\n", "a Keras layer per call"),
    ("def f(x):\n    return tf.get_collection('c')\n", "collections"),
    ("def f(x):\n    return tf.nn.dynamic_rnn(x, x)\n", "an RNN function"),
    ("def f(x, fn):\n    return fn(x)\n", "a value passed in"),
    ("def f(x):\n    return getattr(tf, 'relu')(x)\n", "getattr"),
    ("def f(x):\n    return Thing()\n", "a class built"),
    ("def f(x):\n    g = lambda y: y\n    return g(x)\n", "a lambda"),
    ("def f(x):\n    def g(y):\n        return y\n    return g(x)\n", "a nested function"),
    ("@tf.function\ndef f(x):\n    return x\n", "a decorator"),
    ("def f(x):\n    global SCALE\n    return x\n", "global"),
    ("def f(x):\n    import os\n    return x\n", "an import inside"),
    ("def f(x):\n    return unknown(x)\n", "a name it cannot read"),
])
def test_functions_that_may_make_variables_or_cannot_be_read_are_not(body, why):
    assert facts(body)["f"] is None, why


def test_what_a_function_calls_of_this_and_other_modules_must_be_free_too():
    got = facts('''
        def a(x):
            return b(x) + other.helper(x) + h(x) + sibling.g(x)


        def b(x):
            return x
    ''')
    assert got["a"] == ("pkg.mod.b", "pkg.other.helper", "pkg.sibling.g")
    assert got["b"] == ()
    every = {"pkg.mod.a": got["a"], "pkg.mod.b": (), "pkg.other.helper": (), "pkg.sibling.g": ()}
    assert free(every) == set(every)
    # a helper of another module that makes a variable, or one the scan did not read
    assert free({**every, "pkg.other.helper": None}) == {"pkg.mod.b", "pkg.sibling.g"}
    assert "pkg.mod.a" not in free({k: v for k, v in every.items() if k != "pkg.sibling.g"})
    # through a chain, and around a cycle of free functions
    chain = {"m.a": ("m.b",), "m.b": ("m.c",), "m.c": ("m.d",), "m.d": None, "m.e": ("m.f",), "m.f": ("m.e",)}
    assert free(chain) == {"m.e", "m.f"}
