"""Session-run hooks spelled through tf.estimator, which re-exported tf.train's own
classes (mesh_tensorflow subclasses tf.estimator.CheckpointSaverListener at import,
tensor2tensor and Magenta hand StopAtStepHook / LoggingTensorHook to their loops)."""
import tensorflow as tf
from tensorflow.compat.v1.train import (
    SessionRunArgs,
    StopAtStepHook,
)
import tf1to2
import tf1to2.estimator


class FeedingHook(tf.compat.v1.train.SessionRunHook):
    """Feeds its own count to every step, and keeps what the step computed from it."""

    def __init__(self, placeholder, fetch):
        self.placeholder, self.fetch = placeholder, fetch
        self.seen = []

    def before_run(self, run_context):
        return SessionRunArgs(self.fetch, feed_dict={self.placeholder: len(self.seen)})

    def after_run(self, run_context, run_values):
        self.seen.append(int(run_values.results))


def train(steps):
    with tf1to2.Graph().as_default():
        step = tf.compat.v1.train.get_or_create_global_step()
        counter = tf.compat.v1.get_variable("counter", initializer=10, trainable=False)
        train_op = tf.group(tf.compat.v1.assign_add(step, 1), tf.compat.v1.assign_add(counter, 5))
        x = tf.compat.v1.placeholder(tf.int32, [])
        feeding = FeedingHook(x, x * 3)
        final = tf.compat.v1.train.FinalOpsHook(counter)
        hooks = [StopAtStepHook(last_step=steps), feeding, final,
                 tf.compat.v1.train.LoggingTensorHook({"step": step}, every_n_iter=1)]
        with tf.compat.v1.train.MonitoredTrainingSession(hooks=hooks) as sess:
            while not sess.should_stop():
                sess.run(train_op)
        return feeding.seen, int(final.final_ops_values)


def training(mode):
    return mode == tf1to2.estimator.ModeKeys.TRAIN
