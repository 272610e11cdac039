"""Templates that must stay where they are: one two functions call (in TF1 both share its
variables, one template, one variable scope), one module-level code calls, one made with
create_scope_now_ (its scope was taken where it was made). Each keeps its callers, and a
layer building the template once is added after it, with a warning."""
import tensorflow as tf
from tf1to2 import track_tf1_style_variables


def scale(x, scalar_name, factor=1.0):
    w = tf.compat.v1.get_variable(scalar_name, shape=[], initializer=tf.compat.v1.constant_initializer(1.5))
    return x * w * factor


shared = tf.compat.v1.make_template("shared", scale, scalar_name="s")


class Shared(tf.keras.layers.Layer):
    """shared (a make_template template) as a Keras layer: build it once, call it like shared."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.shared = tf.compat.v1.make_template("shared", scale, scalar_name="s")

    @track_tf1_style_variables
    def call(self, x, factor=1.0):
        return self.shared(x, factor=factor)


at_import = tf.compat.v1.make_template("at_import", scale, scalar_name="a")


class AtImport(tf.keras.layers.Layer):
    """at_import (a make_template template) as a Keras layer: build it once, call it like at_import."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.at_import = tf.compat.v1.make_template("at_import", scale, scalar_name="a")

    @track_tf1_style_variables
    def call(self, x, factor=1.0):
        return self.at_import(x, factor=factor)


now = tf.compat.v1.make_template("now", scale, create_scope_now_=True, scalar_name="n")


class Now(tf.keras.layers.Layer):
    """now (a make_template template) as a Keras layer: build it once, call it like now."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.now = tf.compat.v1.make_template("now", scale, create_scope_now_=True, scalar_name="n")

    @track_tf1_style_variables
    def call(self, x, factor=1.0):
        return self.now(x, factor=factor)


def encoder(x):
    return shared(x)


def decoder(x):
    return shared(x, factor=2.0)


def head(x):
    return now(x)


probe = at_import(tf.ones([2]))
