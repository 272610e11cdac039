"""A Saver given its variables runs in eager code too (the checkpoint guide's own example),
so it does not make the module a TF1 graph program; one without (it saves a graph's global
variables) does, and is the line the graph-mode warning names."""
import tensorflow as tf


def save_model(model, path):
    return tf.compat.v1.train.Saver(var_list=model.variables).save(None, path)


def save_listed(a, b, path):
    return tf.compat.v1.train.Saver([a, b], max_to_keep=3).save(None, path)


def save_everything(sess, path):
    return tf.compat.v1.train.Saver(max_to_keep=3).save(sess, path)
