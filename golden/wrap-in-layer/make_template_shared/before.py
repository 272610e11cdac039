"""Templates that must stay where they are: one two functions call (in TF1 both share its
variables, one template, one variable scope), one module-level code calls, one made with
create_scope_now_ (its scope was taken where it was made). Each keeps its callers, and a
layer building the template once is added after it, with a warning."""
import tensorflow as tf


def scale(x, scalar_name, factor=1.0):
    w = tf.compat.v1.get_variable(scalar_name, shape=[], initializer=tf.compat.v1.constant_initializer(1.5))
    return x * w * factor


shared = tf.compat.v1.make_template("shared", scale, scalar_name="s")
at_import = tf.compat.v1.make_template("at_import", scale, scalar_name="a")
now = tf.compat.v1.make_template("now", scale, create_scope_now_=True, scalar_name="n")


def encoder(x):
    return shared(x)


def decoder(x):
    return shared(x, factor=2.0)


def head(x):
    return now(x)


probe = at_import(tf.ones([2]))
