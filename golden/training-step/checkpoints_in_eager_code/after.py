"""Checkpoint calls in code TF2 runs eagerly (the module builds no TF1 graph): TF1's
init_from_checkpoint silently leaves the values as they were; Saver() raises."""
import tensorflow as tf


def restore(model, path):
    tf.compat.v1.train.init_from_checkpoint(path, assignment_map={"/": "model/"})
    return model


@tf.function
def save(model, path):
    with tf.GradientTape():
        pass
    return tf.compat.v1.train.Saver().save(None, path)


@tf.function
def save_kept(model, path):
    with tf.GradientTape():
        pass
    return tf.compat.v1.train.Saver(max_to_keep=3).save(None, path)  # still no var_list


def save_named(model, path):
    return tf.compat.v2.train.Checkpoint(model=model).write(path)
