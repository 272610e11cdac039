"""isinstance / issubclass against TF1's tf.Variable, the class of every TF1 variable. TF2's
variables are instances of TF2's tf.Variable, not of tf.compat.v1.Variable: a check
against the renamed class would be False for every variable, silently."""
import tensorflow as tf
import tensorflow.compat.v1 as tf1


def is_variable(x):
    return isinstance(x, tf.Variable)


def is_variable_or_tensor(x):
    return isinstance(x, (tf.Tensor, tf.Variable))


def is_variable_v1_spelling(x):
    return isinstance(x, tf1.Variable)


def is_variable_compat_spelling(x):
    return isinstance(x, tf.compat.v1.Variable)


def is_variable_class(x):
    return issubclass(type(x), tf.Variable)


def make(value):
    # a constructor: TF1's tf.Variable is tf.compat.v1.Variable
    return tf.Variable(value)
