"""tf.contrib.summary (TF1's summaries for eager code) → TF2's tf.summary, as the events
it writes are the same: the step contrib took by default (the global step) written out,
recording contexts as record_if, max_images as max_outputs. tests/test_summaries.py runs
train() on both sides and compares the events."""
import os

import numpy as np
import tensorflow as tf

LOGDIR = os.environ.get("SUMMARY_LOGDIR", "/tmp/logs")
writer = tf.contrib.summary.create_file_writer(LOGDIR, flush_millis=10000)


def train(steps):
    global_step = tf.compat.v1.train.get_or_create_global_step()
    # each image in [0, 1] and reaching 1.0, where TF1's rescaling (largest value to 255) is TF2's
    images = tf.constant(np.tile(np.linspace(0.0, 1.0, 4 * 4 * 3).reshape([1, 4, 4, 3]), [2, 1, 1, 1]), tf.float32)
    sound = tf.sin(tf.reshape(tf.range(0.0, 80.0), [1, 80, 1]))
    for step in range(steps):
        loss = tf.constant(0.5) * step
        with writer.as_default(), tf.contrib.summary.always_record_summaries():
            tf.contrib.summary.scalar("loss", loss, step=step)
            tf.contrib.summary.scalar(tensor=loss * 2, name="doubled")  # keywords; the global step
            tf.contrib.summary.histogram("values", tf.range(5.0) * float(step), None, step)
            tf.contrib.summary.image("images", images, max_images=1,
                                     step=step)
            tf.contrib.summary.audio("sound", sound, 8000, 1, step=step)
        with writer.as_default(), tf.contrib.summary.record_summaries_every_n_global_steps(2, global_step):
            tf.contrib.summary.scalar("every_2", loss)
        with writer.as_default(), tf.contrib.summary.never_record_summaries():
            tf.contrib.summary.scalar("never", loss, step=step)
        global_step.assign_add(1)
    tf.contrib.summary.flush(writer)


def writer_per_call(logdir):
    """A writer made in a function: TF2 opens a new event file each time (said)."""
    return tf.contrib.summary.create_summary_file_writer(logdir), tf.contrib.summary.create_file_writer(None)


def graph_mode(loss, logdir):
    """Graph-mode contrib summaries: collected and initialized through tf.compat.v1."""
    graph_writer = tf.contrib.summary.create_file_writer(logdir)
    with graph_writer.as_default(), tf.contrib.summary.always_record_summaries():
        tf.contrib.summary.scalar("loss", loss)
    with tf.compat.v1.Session() as sess:
        tf.contrib.summary.initialize(graph=tf.compat.v1.get_default_graph(), session=sess)
        sess.run(tf.contrib.summary.all_summary_ops())


def not_rewritten(loss, images, options):
    """What TF2 has no counterpart for, or tf1to2 cannot read: left, said."""
    tf.contrib.summary.scalar("loss", loss, family="train")
    tf.contrib.summary.image("images", images, bad_color=[255, 0, 0, 255])
    tf.contrib.summary.histogram(*options)
    tf.contrib.summary.always_record_summaries(True)
