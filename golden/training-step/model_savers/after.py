"""Savers of a model's variables in eager code. A Saver keys variables by their .name,
which Keras 3 variables share (kernel, bias), so it silently keeps one of each: each
becomes tf.compat.v2.train.Checkpoint(model=...) (TF2's tf.train.Checkpoint) where it is used
by save / restore alone."""
import os

import tensorflow as tf
import tensorflow.compat.v1 as tf1


@tf.function
def train_step(model, optimizer, x):
    with tf.GradientTape() as tape:
        loss = tf.reduce_sum(model(x))
    grads = tape.gradient(loss, model.trainable_variables)
    optimizer.apply_gradients(zip(grads, model.trainable_variables))


def save_and_restore(model, path):
    saver = tf.compat.v2.train.Checkpoint(model=model)
    written = saver.write(path)
    saver.read(written).assert_existing_objects_matched()
    return written


def trainable_only(model, path):
    saver = tf.compat.v2.train.Checkpoint(model=model)
    saver.write(path)


def inline(model, path):
    tf.compat.v2.train.Checkpoint(model=model).read(path).assert_existing_objects_matched()


class Trainer:
    def __init__(self, model):
        self.model = model

    def save(self, path):
        saver = tf.compat.v2.train.Checkpoint(model=self.model)
        return saver.write(path)


def numbered(model, path, step):
    """global_step numbers the files and keeps a 'checkpoint' state file, as a
    CheckpointManager does: one made at each save, keeping the Saver's 5."""
    saver = tf.compat.v2.train.Checkpoint(model=model)
    return tf.train.CheckpointManager(saver, os.path.dirname(path) or ".", max_to_keep=5, checkpoint_name=os.path.basename(path)).save(checkpoint_number=step)


def numbered_loop(model, data, directory, optimizer):
    saver = tf.compat.v2.train.Checkpoint(model=model)
    for step, x in enumerate(data):
        train_step(model, optimizer, x)
        tf.train.CheckpointManager(saver, directory, max_to_keep=2, checkpoint_name="model.ckpt").save(checkpoint_number=step)
    saver.read(tf.train.latest_checkpoint(directory)).assert_existing_objects_matched()


def keep_all(model, prefix, step):
    saver = tf.compat.v2.train.Checkpoint(model=model)
    tf.train.CheckpointManager(saver, os.path.dirname(prefix) or ".", max_to_keep=None, checkpoint_name=os.path.basename(prefix)).save(checkpoint_number=step)


def computed_prefix(model, step):
    """The prefix would be computed twice (folder and name): left."""
    saver = tf1.train.Saver(var_list=model.variables)
    saver.save(None, next_prefix(), global_step=step)


def own_state_file(model, path, step):
    saver = tf1.train.Saver(var_list=model.variables)
    saver.save(None, path, global_step=step, latest_filename="latest")


def next_prefix():
    return "/tmp/model.ckpt"


def handed_on(model, path):
    saver = tf1.train.Saver(var_list=model.variables)
    print(saver.last_checkpoints)
    return saver.save(None, path)


def sharded(model, path):
    return tf1.train.Saver(var_list=model.variables, sharded=True).save(None, path)


def explicit_variables(a, b, path):
    """tf.Variables with their own names: a Saver keeps them apart, and is left."""
    return tf1.train.Saver(var_list=[a, b]).save(None, path)

